/**
 * Mode sync's check run: one per head commit of the code pull request, under a name a branch
 * rule can require, kept in step with the status comment's state. Advisory unless the team asks:
 * only a failed run, or a failed job with check-run-fail-on-job-failure, is a failure.
 */
import { isFinal, type AgentJob } from '../core/agent-api.js'
import type { Logger } from '../core/logger.js'
import { sentRows, type FileInPrompt } from '../core/outcome.js'
import { clockTime, type CheckRecord, type SyncState } from './state.js'

export interface CheckRunView {
  status: 'queued' | 'in_progress' | 'completed'
  conclusion?: 'success' | 'neutral' | 'failure'
  title: string
  summary: string
  /** What was sent, shown below the summary. */
  text?: string
}

/** The check runs of the code pull request's repository, under the run's check-run-name. */
export interface CheckRuns {
  create(headSha: string, view: CheckRunView): Promise<number>
  update(id: number, view: CheckRunView): Promise<void>
  /** The text a check run shows, so that a run that completes another's keeps what it sent. */
  text(id: number): Promise<string | undefined>
}

/**
 * What a check run shows, as one letter in the state: a call is due only when it changes.
 * Waiting (queued): b busy job, l hourly limit, r failed read. w: the agent works on the head's
 * changes. Completed: s docs updated, n nothing to document, f failed job (failure), j failed
 * job (neutral), a archived job, c closed unmerged, x went with a later push, o sync off.
 */
export type Shows = 'b' | 'l' | 'r' | 'w' | 's' | 'n' | 'f' | 'j' | 'a' | 'c' | 'x' | 'o'

/** What a completed check run shows. */
export const DONE_SHOWS: ReadonlySet<string> = new Set(['s', 'n', 'f', 'j', 'a', 'c', 'x', 'o'])

/** What the run knows beyond the state: the job as it just read it, and what it sent. */
export interface CheckFacts {
  job?: AgentJob | undefined
  sent?: SentFiles | undefined
  failOnJobFailure: boolean
}

/** What one message carried: its length against the limit, and each changed file's fate. */
export interface SentFiles {
  length: number
  limit: number
  files: readonly FileInPrompt[]
}

const jobShows = (status: string | undefined, prLink: unknown, failOn: boolean): Shows =>
  status === 'completed'
    ? prLink
      ? 's'
      : 'n'
    : status === 'failed'
      ? failOn
        ? 'f'
        : 'j'
      : status === 'archived'
        ? 'a'
        : 'w'

function wanted(next: SyncState, facts: CheckFacts): Map<string, Shows> {
  const want = new Map<string, Shows>()
  const off = next.off !== undefined
  want.set(
    next.sentSha,
    off
      ? 'o'
      : next.closed === 'unmerged'
        ? 'c'
        : jobShows(next.status, next.prLink, facts.failOnJobFailure)
  )
  const { pending } = next
  if (pending && pending.headSha !== next.sentSha)
    want.set(
      pending.headSha,
      off ? 'o' : pending.why === 'busy' ? 'b' : pending.why === 'limited' ? 'l' : 'r'
    )
  return want
}

/**
 * Brings the check runs of `next`'s heads (the one sent, and the one waiting) up to date: creates
 * the missing ones, updates those whose view changed, and completes those of heads `next` no
 * longer names. Returns the records to keep. GitHub trouble is one warning; the sync goes on.
 */
export async function settleChecks(
  checks: CheckRuns,
  before: SyncState | undefined,
  next: SyncState,
  facts: CheckFacts,
  logger: Logger
): Promise<CheckRecord[] | undefined> {
  const want = wanted(next, facts)
  const kept: CheckRecord[] = []
  const seen = new Set<string>()
  const records = next.checks ?? []
  try {
    for (const record of records) {
      if (seen.has(record.sha)) continue
      seen.add(record.sha)
      const shows =
        want.get(record.sha) ??
        (record.sha === before?.sentSha && facts.job && isFinal(facts.job.status)
          ? jobShows(facts.job.status, facts.job.prLink, facts.failOnJobFailure)
          : 'x')
      let shown = record.shows
      if (shows !== record.shows) {
        const view = checkView(shows, record.sha, next, facts)
        // Another run sent these changes: what it sent stays shown.
        if (view.text === undefined && record.shows === 'w') {
          const text = await checks.text(record.id)
          if (text) view.text = text
        }
        await checks.update(record.id, view)
        shown = shows
      }
      if (want.has(record.sha)) kept.push({ ...record, shows: shown })
    }
    for (const [sha, shows] of want) {
      if (seen.has(sha)) continue
      kept.push({ id: await checks.create(sha, checkView(shows, sha, next, facts)), sha, shows })
    }
  } catch (error) {
    logger.warning(
      `The check run could not be brought up to date (${(error as Error).message}); the next event tries again.`
    )
    // What could not be written stays as the state had it, for the next event to retry.
    for (const record of records)
      if (want.has(record.sha) && !kept.some((k) => k.sha === record.sha)) kept.push(record)
  }
  return kept.length ? kept : undefined
}

const TITLES: Record<Shows, (next: SyncState) => string> = {
  b: () => 'Waiting: the docs agent is still working on an earlier push',
  l: (next) =>
    `Waiting: Mintlify's hourly limit${next.pending?.at ? ` until about ${clockTime(next.pending.at)}` : ''}`,
  r: () => 'Waiting: reading the docs job failed; the next push or the merge sends these changes',
  w: () => 'The docs agent is updating the docs for these changes',
  s: () => 'Docs updated',
  n: () => 'Nothing to document: the agent changed no docs',
  f: () => 'The docs job failed',
  j: () => 'The docs job failed (advisory)',
  a: () => 'The docs job is archived: the next push starts a new one',
  c: () => 'Closed without merging',
  x: () => 'These changes went with a later push',
  o: (next) => `Docs sync is off: the pull request has the ${next.off ?? 'skip'} label`
}

const CONCLUSION: Partial<Record<Shows, CheckRunView['conclusion']>> = {
  s: 'success',
  f: 'failure'
}

function checkView(shows: Shows, sha: string, next: SyncState, facts: CheckFacts): CheckRunView {
  const waiting = shows === 'b' || shows === 'l' || shows === 'r'
  const status = waiting ? 'queued' : shows === 'w' ? 'in_progress' : 'completed'
  const finishedJob = facts.job && !waiting && sha !== next.sentSha ? facts.job : undefined
  const prLink = finishedJob ? finishedJob.prLink : next.prLink
  const job = finishedJob?.id ?? next.jobId
  const summary = [
    `Docs pull request: ${prLink ?? (shows === 'n' ? 'none; the agent found nothing to change' : 'none yet')}`,
    `Docs job: \`${job}\` (${finishedJob?.status ?? next.status ?? 'active'})`,
    waiting
      ? `The changes up to ${sha.slice(0, 7)} wait to be sent; the status comment on the pull request says when they go.`
      : shows === 'x'
        ? `The changes up to ${sha.slice(0, 7)} went to the docs job with the next push's.`
        : `The docs job has every change up to ${sha.slice(0, 7)}.`
  ].join('\n\n')
  const sentHere = facts.sent && sha === next.sentSha && !waiting ? facts.sent : undefined
  return {
    status,
    ...(status === 'completed' ? { conclusion: CONCLUSION[shows] ?? 'neutral' } : {}),
    title: TITLES[shows](next),
    summary,
    ...(sentHere ? { text: sentText(sentHere) } : {})
  }
}

/** The check run of a head the run did nothing for: a draft, a skipped or refused pull request. */
export function oneOffView(
  conclusion: 'neutral' | 'failure',
  title: string,
  summary: string
): CheckRunView {
  return { status: 'completed', conclusion, title, summary }
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
  const shown = files.slice(0, MAX_FILES_LISTED)
  return [
    `### What was sent`,
    '',
    `The message took ${length} of the ${limit} characters a message may have.`,
    '',
    ...table,
    '',
    ...shown.map((file) => `- \`${file.path}\` (${file.kind}): ${fate(file)}`),
    ...(files.length > shown.length
      ? [`- … and ${files.length - shown.length} more files, counted in the table`]
      : [])
  ].join('\n')
}

/** A check run's text holds at most 65,535 characters: a long list of files stops here. */
const MAX_FILES_LISTED = 300
