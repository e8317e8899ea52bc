/**
 * Mode sync's check run: one per head commit of the code pull request, under a name a branch rule
 * can require. What each head shows follows from the record (`wantedChecks`, pure); `settleChecks`
 * makes GitHub show it. Advisory unless the team asks: only a failed run, or a failed job with
 * check-run-fail-on-job-failure, is a failure. A completed check run is never changed: a new one
 * on the same head shows what changed, and GitHub shows the newest.
 */
import { isFinal, type AgentJob } from '../core/agent-api.js'
import type { Logger } from '../core/logger.js'
import type { CheckRunView, CheckRuns } from '../thread/check-runs.js'
import {
  isCompleted,
  QUEUED,
  type CheckRecord,
  type CheckState,
  type SyncRecord
} from './record.js'
import { checkSummary, checkTitle } from './check-texts.js'
import { checkWriteFailed } from './texts.js'

export interface CheckFacts {
  /** The record as it is written now. */
  record: SyncRecord
  /** The job as read now. */
  job?: AgentJob | undefined
  /** The job as read before this run's send: how the head sent before ended. */
  jobBefore?: AgentJob | undefined
  /** The head sent before this run's send. */
  sentBefore?: string | undefined
  eventHead?: string | undefined
  /** What the event's head shows when the run did nothing for it (draft, skip label, paths). */
  eventHeadShows?: CheckState | undefined
  /** This run failed before its head's changes were sent. */
  runFailed?: boolean
  /** The last run that could complete them ends: what still waits or works is not followed. */
  ending?: boolean
  failOnJobFailure: boolean
}

function jobShows(job: AgentJob | undefined, failOn: boolean): CheckState {
  if (!job || !isFinal(job.status)) return 'agent-working'
  if (job.status === 'completed') return job.prLink ? 'docs-updated' : 'nothing-to-document'
  if (job.status === 'failed') return failOn ? 'job-failed' : 'job-failed-advisory'
  return 'job-archived'
}

const WAITING: Record<NonNullable<SyncRecord['pending']>['why'], CheckState> = {
  busy: 'waiting-for-busy-job',
  'hourly-limit': 'waiting-for-hourly-limit',
  'read-failed': 'waiting-after-failed-read'
}

/** What each head's check run should show now. */
export function wantedChecks(f: CheckFacts): Map<string, CheckState> {
  const { record, eventHead } = f
  const want = new Map<string, CheckState>()
  const open = record.checks.filter((check) => !isCompleted(check.shows))
  if (record.closed === 'unmerged') {
    for (const check of open) want.set(check.head, 'closed-unmerged')
    if (eventHead && !record.checks.some((c) => c.head === eventHead))
      want.set(eventHead, 'closed-unmerged')
    return want
  }
  const off = record.off !== undefined
  const sentHead = record.job?.sent.head
  if (record.job && sentHead) {
    const shows = jobShows(f.job, f.failOnJobFailure)
    want.set(sentHead, off && !isCompleted(shows) ? 'sync-off' : shows)
  }
  if (record.pending && record.pending.head !== sentHead)
    want.set(record.pending.head, off ? 'sync-off' : WAITING[record.pending.why])
  for (const check of open) {
    if (want.has(check.head)) continue
    const before = f.jobBefore && check.head === f.sentBefore ? f.jobBefore : undefined
    want.set(
      check.head,
      before && isFinal(before.status)
        ? jobShows(before, f.failOnJobFailure)
        : off
          ? 'sync-off'
          : 'went-with-later-push'
    )
  }
  if (eventHead && !want.has(eventHead) && f.eventHeadShows) want.set(eventHead, f.eventHeadShows)
  if (eventHead && f.runFailed && eventHead !== sentHead) want.set(eventHead, 'run-failed')
  if (f.ending)
    for (const [head, shows] of want) if (!isCompleted(shows)) want.set(head, 'not-followed')
  return want
}

export function checkView(
  shows: CheckState,
  head: string,
  record: SyncRecord,
  job: AgentJob | undefined
): CheckRunView {
  const status = QUEUED.has(shows)
    ? 'queued'
    : shows === 'agent-working'
      ? 'in_progress'
      : 'completed'
  const conclusion =
    shows === 'docs-updated'
      ? 'success'
      : shows === 'job-failed' || shows === 'run-failed'
        ? 'failure'
        : 'neutral'
  return {
    status,
    ...(status === 'completed' ? { conclusion } : {}),
    title: checkTitle(shows, record),
    summary: checkSummary(shows, head, record, job)
  }
}

/**
 * Makes GitHub show what `want` says: creates the missing check runs, updates those whose state
 * changed, and finds, on its head, one whose call failed or whose answer was lost. `mayCall` says
 * whether there is still time for a call. A call that fails is taken again once; past that, it is
 * one warning, and the head is recorded as one the next run looks for. Returns the records.
 */
export async function settleChecks(
  checks: CheckRuns,
  f: CheckFacts,
  want: Map<string, CheckState>,
  sent: { head: string; text: string } | undefined,
  { logger, mayCall }: { logger: Logger; mayCall: () => boolean }
): Promise<CheckRecord[]> {
  const kept = new Map(f.record.checks.map((check) => [check.head, check]))
  for (const [head, shows] of want) {
    const recorded = kept.get(head)
    if (recorded?.id !== undefined && recorded.shows === shows) continue
    const view = checkView(shows, head, f.record, f.job)
    if (sent?.head === head) view.text = sent.text
    for (let attempt = 1; mayCall(); attempt++) {
      try {
        const id = await showOnHead(checks, head, view, attempt > 1 ? { head, shows } : recorded)
        kept.set(head, { head, id, shows })
        break
      } catch (error) {
        // What the failed call did is read again from GitHub, by the next try or the next run.
        kept.set(head, { head, shows })
        if (attempt >= 2) {
          logger.warning(checkWriteFailed(error))
          break
        }
      }
    }
  }
  return [...kept.values()]
}

/** Shows `view` on the head's check run: the recorded one, or the newest there, or a new one. */
async function showOnHead(
  checks: CheckRuns,
  head: string,
  view: CheckRunView,
  recorded: CheckRecord | undefined
): Promise<number> {
  let id = recorded?.id
  let completed = recorded !== undefined && isCompleted(recorded.shows)
  if (recorded && id === undefined) {
    const newest = (await checks.onHead(head))[0]
    // A completed one already shows it: a lost answer's call made it.
    if (newest?.status === 'completed' && newest.title === view.title) return newest.id
    id = newest?.id
    completed = newest?.status === 'completed'
  }
  if (id !== undefined && !completed) {
    // Another run sent these changes: what it sent stays shown.
    view.text ??= await checks.text(id)
    if (view.text === undefined) delete view.text
    if (await checks.update(id, view)) return id
  }
  return checks.create(head, view)
}
