import * as core from '@actions/core'
import { formatDuration } from './duration.js'
import type { FailureKind } from './explain.js'
import type { AgentJob } from './mintlify-client.js'

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
  /** What kind of failure it was, for programs (the command line's JSON). */
  failureKind?: FailureKind | 'timed-out' | 'cancelled' | 'job-failed' | 'job-archived'
  /** Mintlify's HTTP status, when a failed request got one. */
  failureStatus?: number | undefined
}

/**
 * What became of the request, for the `result` output:
 * - `sent`: Mintlify took the message or started the job;
 * - `not-a-command`: the comment asked nothing of the action;
 * - `refused`: the commenter may not give commands here;
 * - `not-sent`: a request that could have been made was not (the reason is in the log, the
 *   status comment and the step's failure).
 */
export type RequestResult = 'sent' | 'not-a-command' | 'refused' | 'not-sent'

/** What a run did, for the outputs: a comment that was no command leaves `outcome` empty. */
export interface RunResult {
  result: RequestResult
  /** Who gave the command; empty for runs driven by inputs. */
  commandAuthor: string
  statusCommentId: number | undefined
  outcome: Outcome | undefined
  /** Why the step fails when no outcome says it: a command that could not be carried out. */
  failure?: string | undefined
}

const PROMPT_IN_SUMMARY = 200

/** The step's outputs, written whether the step passes or fails. */
export function outputsOf(run: RunResult): Record<string, string> {
  const { outcome } = run
  const job = outcome?.job
  return {
    triggered: String(run.result === 'sent'),
    result: run.result,
    'comment-id': run.statusCommentId === undefined ? '' : String(run.statusCommentId),
    'command-author': run.commandAuthor,
    created: String(outcome?.created ?? false),
    'job-id': job?.id ?? outcome?.jobId ?? '',
    status: job?.status ?? '',
    'pr-link': job?.prLink ?? '',
    model: job?.model ?? '',
    'source-repository': job?.source?.repository ?? '',
    'source-ref': job?.source?.ref ?? '',
    'created-at': job?.createdAt ?? '',
    'archived-at': job?.archivedAt ?? '',
    'timed-out': String(outcome?.timedOut ?? false),
    job: job ? JSON.stringify(job) : ''
  }
}

export function setOutputs(run: RunResult): void {
  for (const [name, value] of Object.entries(outputsOf(run))) core.setOutput(name, value)
}

/** One sentence on the pull request, for the log and the summary. */
export function describePullRequest(job: AgentJob | undefined): string {
  if (!job) return 'none'
  if (job.prLink) return job.prLink
  if (job.status === 'completed') return 'none: the agent changed nothing'
  return 'none yet'
}

const STATUS_ICON: Record<string, string> = {
  completed: '✅',
  failed: '❌',
  archived: '🗄️',
  active: '⏳'
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The summary as HTML rows; kept apart from core.summary so it can be checked without files. */
function summaryRows(outcome: Outcome): [string, string][] {
  const { job } = outcome
  const status = job?.status ?? 'not sent'
  const note = outcome.timedOut
    ? ' (still running when the wait ended)'
    : outcome.cancelled
      ? ' (when the workflow was cancelled)'
      : ''
  const shownStatus = `${STATUS_ICON[status] ?? '❔'} ${status}${note}`
  const pullRequest = job?.prLink
    ? `<a href="${escapeHtml(job.prLink)}">${escapeHtml(job.prLink)}</a>`
    : escapeHtml(describePullRequest(job))
  const source = job?.source?.repository
    ? `${job.source.repository}${job.source.ref ? ` @ ${job.source.ref}` : ''}`
    : ''
  const prompt =
    outcome.prompt.length > PROMPT_IN_SUMMARY
      ? `${outcome.prompt.slice(0, PROMPT_IN_SUMMARY)}…`
      : outcome.prompt
  const jobId = job?.id ?? outcome.jobId
  return [
    ['Job', jobId ? `<code>${escapeHtml(jobId)}</code>` : ''],
    ['Status', escapeHtml(shownStatus)],
    ['Pull request', pullRequest],
    ['Model', escapeHtml(job?.model ?? '')],
    ['Source', escapeHtml(source)],
    ['Duration', formatDuration(outcome.durationMs)],
    ['Prompt', escapeHtml(prompt)]
  ]
}

export async function writeSummary(outcome: Outcome): Promise<void> {
  // Without a summary file (a local run) there is nowhere to write, and that is not an error.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const heading = outcome.created ? 'Mintlify agent: new job' : 'Mintlify agent: follow-up'
  const summary = core.summary.addHeading(heading, 3).addTable([
    [
      { data: 'Field', header: true },
      { data: 'Value', header: true }
    ],
    // core.summary writes an empty cell as an unclosed `<td>`: a dash stands in for nothing.
    ...summaryRows(outcome).map(([field, value]) => [field, value || '—'])
  ])
  if (outcome.failure)
    summary.addRaw(`<p><strong>Failed:</strong> ${escapeHtml(outcome.failure)}</p>`, true)
  await summary.write()
}
