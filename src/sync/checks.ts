/**
 * Mode sync's check run: one per head commit of the code pull request, under a name a branch
 * rule can require, kept in step with the status comment's state. Advisory unless the team asks:
 * only a failed run, or a failed job with check-run-fail-on-job-failure, is a failure.
 */
import { isFinal, type AgentJob } from '../core/agent-api.js'
import type { Logger } from '../core/logger.js'
import { sentRows, type FileInPrompt } from '../core/outcome.js'
import { clockTime, type CheckRecord, type Shows, type SyncState } from './state.js'

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
  /** Returns false when the check run is gone. */
  update(id: number, view: CheckRunView): Promise<boolean>
  /** The text a check run shows, so that a run that completes another's keeps what it sent. */
  text(id: number): Promise<string | undefined>
}

/** What a completed check run shows. */
export const DONE_SHOWS: ReadonlySet<Shows> = new Set<Shows>([
  's',
  'n',
  'f',
  'j',
  'a',
  'c',
  'x',
  'o',
  'e'
])

/** What the run knows beyond the state. */
export interface CheckFacts {
  /** The job as this run last read it before any send of its own: how the head sent before ended. */
  finished?: AgentJob | undefined
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

/** A head `next` no longer names: how its check run ends. */
function endOf(
  record: CheckRecord,
  before: SyncState | undefined,
  next: SyncState,
  facts: CheckFacts
): Shows {
  if (next.closed === 'unmerged') return 'c'
  const { finished } = facts
  if (record.sha === before?.sentSha && finished && isFinal(finished.status))
    return jobShows(finished.status, finished.prLink, facts.failOnJobFailure)
  return 'x'
}

/**
 * Brings the check runs of `next`'s heads (the one sent, and the one waiting) up to date: creates
 * the missing ones, updates those whose view changed, and completes those of heads `next` no
 * longer names. A completed check run is never changed: a new one on the same head shows what
 * changed, and GitHub shows the newest. `mayCall` says whether there is still time for a call.
 * Returns the records to keep. GitHub trouble is one warning, and what was not done stays
 * recorded as it was, for the next event; the sync goes on.
 */
export async function settleChecks(
  checks: CheckRuns,
  before: SyncState | undefined,
  next: SyncState,
  facts: CheckFacts,
  { logger, mayCall }: { logger: Logger; mayCall: () => boolean }
): Promise<CheckRecord[] | undefined> {
  const want = wanted(next, facts)
  const records = [...new Map((next.checks ?? []).map((r) => [r.sha, r])).values()]
  const kept: CheckRecord[] = []
  const view = (shows: Shows, sha: string) => checkView(shows, sha, next, facts)
  const settle = async (record: CheckRecord): Promise<CheckRecord | undefined> => {
    const keep = want.has(record.sha)
    // A completed check run of a head the state no longer tracks has said its last word.
    if (!keep && DONE_SHOWS.has(record.shows)) return undefined
    const shows = want.get(record.sha) ?? endOf(record, before, next, facts)
    if (shows === record.shows) return keep ? record : undefined
    if (DONE_SHOWS.has(record.shows)) {
      const id = await checks.create(record.sha, view(shows, record.sha))
      return keep ? { id, sha: record.sha, shows } : undefined
    }
    const shown = view(shows, record.sha)
    // Another run sent these changes: what it sent stays shown.
    if (shown.text === undefined && record.shows === 'w') {
      const text = await checks.text(record.id)
      if (text) shown.text = text
    }
    if (await checks.update(record.id, shown)) return keep ? { ...record, shows } : undefined
    const id = await checks.create(record.sha, shown)
    return keep ? { id, sha: record.sha, shows } : undefined
  }
  let done = 0
  try {
    for (const record of records) {
      if (!mayCall()) break
      const settled = await settle(record)
      if (settled) kept.push(settled)
      done++
    }
    for (const [sha, shows] of want) {
      if (records.some((r) => r.sha === sha) || !mayCall()) continue
      kept.push({ id: await checks.create(sha, view(shows, sha)), sha, shows })
    }
  } catch (error) {
    logger.warning(
      `The check run could not be brought up to date (${(error as Error).message}); the next event tries again.`
    )
  }
  // What was not done stays as the state had it, for the next event to do.
  kept.push(...records.slice(done))
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
  a: () => 'The docs job is archived: a new docs job takes over',
  c: () => 'Closed without merging',
  x: () => 'These changes went with a later push',
  o: (next) => `Docs sync is off: the pull request has the ${next.off ?? 'skip'} label`,
  e: () => 'The docs sync failed'
}

const CONCLUSION: Partial<Record<Shows, CheckRunView['conclusion']>> = {
  s: 'success',
  f: 'failure',
  e: 'failure'
}

function checkView(shows: Shows, sha: string, next: SyncState, facts: CheckFacts): CheckRunView {
  const waiting = shows === 'b' || shows === 'l' || shows === 'r'
  const status = waiting ? 'queued' : shows === 'w' ? 'in_progress' : 'completed'
  const finishedJob =
    facts.finished && !waiting && sha !== next.sentSha ? facts.finished : undefined
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
