import type { AgentJob } from './agent-api.js'
import type { FailureKind } from './explain.js'

/** What a run ended with; every output, the summary and the final log line come from it. */
export interface Outcome {
  jobId: string
  prompt: string
  /** The last job Mintlify described, if it described one. */
  job: AgentJob | undefined
  /** Mintlify took the message, or started the job: the request was made, exactly once. */
  sent: boolean
  /** This run started the job. */
  created: boolean
  timedOut: boolean
  /** The workflow was cancelled while the action waited. */
  cancelled: boolean
  durationMs: number
  /** The one-line reason the step fails, if it does. */
  failure: string | undefined
  /** Why nothing was sent although nothing failed: the request was taken back before it went. */
  withdrawn?: string
  /** What kind of failure it was, for programs (the command line's JSON). */
  failureKind?:
    | FailureKind
    | 'timed-out'
    | 'cancelled'
    | 'job-failed'
    | 'job-archived'
    /** The job was busy and the request was not to wait (`wait: false`). */
    | 'busy'
    /** The run had a reason of its own not to send after all (its place was lost). */
    | 'not-sent'
  /** Mintlify's HTTP status, when a failed request got one. */
  failureStatus?: number | undefined
}

/**
 * What became of the request, for the `result` output:
 * - `sent`: Mintlify took the message or started the job;
 * - `not-a-command`: the comment asked nothing of the action;
 * - `refused`: the commenter may not give commands here;
 * - `withdrawn`: the command was deleted, or edited so that it asks nothing, before its turn, or
 *   another run of the same comment sent its latest text;
 * - `not-sent`: a request that could have been made was not (the reason is in the log, the
 *   status comment and the step's failure).
 */
export type RequestResult = 'sent' | 'not-a-command' | 'refused' | 'withdrawn' | 'not-sent'

/** The outcome of a request before anything happened. */
export function freshOutcome(jobId = '', prompt = ''): Outcome {
  return {
    jobId,
    prompt,
    job: undefined,
    sent: false,
    created: false,
    timedOut: false,
    cancelled: false,
    durationMs: 0,
    failure: undefined
  }
}

/** What a mode sync run did for the code pull request; action.yml's `sync` output lists them. */
export type SyncStep =
  | 'started'
  | 'sent'
  | 'merged'
  | 'up-to-date'
  | 'closed'
  | 'draft'
  | 'refused'
  | 'ignored'
  | 'skipped'
  | 'busy'
  | 'queued'
  | 'handed-over'
  | 'limited'
  | 'dry-run'
  | 'cancelled'
  | 'failed'

/** In mode sync: a changed file, and what the prompt did with it. */
export interface FileInPrompt {
  path: string
  /** What it is to a docs writer: docs, public surface, source, tests and the rest, … */
  kind: string
  fate: 'whole' | 'cut' | 'listed' | 'no room'
  /** Characters of the prompt its diff takes. */
  quoted: number
  /** Why it is listed without its diff. */
  why?: string
}

/** What a run did, for the outputs: a comment that was no command leaves `outcome` empty. */
export interface RunResult {
  result: RequestResult
  /** Who gave the command; empty for runs driven by inputs. */
  commandAuthor: string
  statusCommentId: number | undefined
  outcome: Outcome | undefined
  /** Why the step fails when no outcome says it: a command that could not be carried out. */
  failure?: string | undefined
  /** In mode sync: what the run did for the code pull request (the `sync` output). */
  sync?: SyncStep
  /** The prompt the run sent, or with dry-run would send, when no outcome holds it. */
  prompt?: string
  /** In mode sync: the files of what was sent (or, in a dry run, would be), for the summary. */
  files?: FileInPrompt[]
  /** In mode sync, when the job was not read: the job, its status and pull request as last recorded. */
  recorded?: { jobId?: string; status: string | undefined; prLink: string | undefined }
}

/** One sentence on the pull request, for the log and the summary. */
export function describePullRequest(job: AgentJob | undefined): string {
  if (!job) return 'none'
  if (job.prLink) return job.prLink
  if (job.status === 'completed') return 'none: the agent changed nothing'
  return 'none yet'
}

/**
 * In mode sync, what the prompt did with the changed files, by kind: how many were quoted whole,
 * cut, or only listed, and the characters their diffs took.
 */
export function sentRows(files: readonly FileInPrompt[]): string[][] {
  const kinds = [...new Set(files.map((file) => file.kind))]
  const count = (list: FileInPrompt[], ...fates: FileInPrompt['fate'][]) =>
    String(list.filter((file) => fates.includes(file.fate)).length)
  return [
    ['Kind', 'Files', 'Quoted whole', 'Cut', 'Listed only', 'Characters quoted'],
    ...kinds.map((kind) => {
      const list = files.filter((file) => file.kind === kind)
      return [
        kind,
        String(list.length),
        count(list, 'whole'),
        count(list, 'cut'),
        count(list, 'listed', 'no room'),
        String(list.reduce((sum, file) => sum + file.quoted, 0))
      ]
    })
  ]
}

/** What one message carried: its length against the limit, and each changed file's fate. */
export interface SentFiles {
  length: number
  limit: number
  files: readonly FileInPrompt[]
}

/** What the message carried, as the check run's text: the room used and each file's fate. */
export function sentText({ length, limit, files }: SentFiles): string {
  const rows = sentRows(files)
  const table = rows.map((row) => `| ${row.join(' | ')} |`)
  table.splice(1, 0, `|${' --- |'.repeat(rows[0]?.length ?? 0)}`)
  const fate = (file: FileInPrompt) =>
    file.fate === 'whole'
      ? 'quoted whole'
      : file.fate === 'cut'
        ? 'quoted, cut'
        : `listed only${file.why ? ` (${file.why})` : file.fate === 'no room' ? ' (no room left)' : ''}`
  const head = [
    `### What was sent`,
    '',
    `The message took ${length} of the ${limit} characters a message may have.`,
    '',
    ...table,
    ''
  ]
  const lines: string[] = []
  let room = MAX_TEXT - head.join('\n').length - 100
  for (const file of files) {
    const line = `- \`${file.path}\` (${file.kind}): ${fate(file)}`
    if (line.length + 1 > room) break
    lines.push(line)
    room -= line.length + 1
  }
  if (lines.length < files.length)
    lines.push(`- … and ${files.length - lines.length} more files, counted in the table`)
  return [...head, ...lines].join('\n')
}

/** A check run's text holds at most 65,535 characters: a long list of files stops short of it. */
const MAX_TEXT = 65_535
