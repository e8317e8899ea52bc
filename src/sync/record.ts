/**
 * Everything mode sync knows about one code pull request, in one record: the docs job and what it
 * was sent, the jobs it took over from, what waits and who waits for it, the check runs, what was
 * done on the docs pull requests, and the effect in flight. It lives sealed in the action's status
 * comment (see thread/sealed-comment.ts); this is its one codec. Version 1's hidden line is read
 * into it by legacy-record.ts.
 */
import type { AgentJob } from '../core/agent-api.js'
import type { DeliveryFailure } from '../core/delivery.js'
import { findSealed, openSealed, type Seal } from '../thread/sealed-comment.js'
import type { ThreadItem } from '../thread/thread.js'

export const RECORD_KIND = 'sync-record'
export const RECORD_VERSION = 2

/** The head a job was brought up to, and where that message's range started (none: the whole pull request). */
export interface Sent {
  head: string
  from?: string
}

/** What the action did on one docs pull request (with docs-token), so that no run does it twice. */
export interface DocsDone {
  /** The docs pull request's link, as its job reported it. */
  pr: string
  /** The comment there that links the code pull request, edited in place. */
  comment?: number
  /** What that comment says, as a key: `open@<sha>`, `merged`, `unmerged`, `superseded@<job>`. */
  said?: string
  reviewRequested?: boolean
  /** Labelled and marked ready for review on the merge. */
  mergeHandled?: boolean
  /** Closed by the action with the code pull request, so that a reopening reopens it. */
  closedWithCode?: boolean
}

/** Why a job takes no more messages: the next send starts a job that takes over. */
export type RetiredWhy = 'archived' | 'refused'

export interface CurrentJob {
  id: string
  /** As last read. */
  status?: string
  prLink?: string
  /** Its `source.repository`: docs-token acts only there. */
  repository?: string
  sent: Sent
  retired?: RetiredWhy
  docs?: DocsDone
}

export interface RetiredJob {
  id: string
  prLink?: string
  repository?: string
  why: RetiredWhy
  docs?: DocsDone
}

export type PendingWhy = 'busy' | 'hourly-limit' | 'read-failed'

/** Commits pushed but not sent yet: the head they reach, why they wait, and until when (wall ms). */
export interface Pending {
  head: string
  why: PendingWhy
  retryAt?: number
}

/** The one run that waits on the job for this pull request, and until when (wall ms). */
export interface Waiter {
  run: string
  until: number
}

/** What a head's check run shows. */
export type CheckState =
  | 'waiting-for-busy-job'
  | 'waiting-for-hourly-limit'
  | 'waiting-after-failed-read'
  | 'agent-working'
  | 'docs-updated'
  | 'nothing-to-document'
  | 'job-failed'
  | 'job-failed-advisory'
  | 'job-archived'
  | 'closed-unmerged'
  | 'went-with-later-push'
  | 'sync-off'
  | 'draft'
  | 'no-matching-paths'
  | 'author-refused'
  | 'not-followed'
  | 'run-failed'

/** The states of a check run that is queued: what it waits for. */
export const QUEUED: ReadonlySet<CheckState> = new Set<CheckState>([
  'waiting-for-busy-job',
  'waiting-for-hourly-limit',
  'waiting-after-failed-read'
])

/** Whether a check run in this state is completed: neither queued nor in progress. */
export const isCompleted = (state: CheckState): boolean =>
  !QUEUED.has(state) && state !== 'agent-working'

/** A check run on a head; `id` is unknown when GitHub's answer to its creation was lost. */
export interface CheckRecord {
  head: string
  id?: number
  shows: CheckState
}

/**
 * A start or a send, written down before the request goes, and cleared once its answer is
 * recorded. A run that finds one open reconciles it: a send counts as sent, a start is looked up.
 */
export interface Intent {
  effect: 'start' | 'send'
  sent: Sent
  /** For a send, the job it goes to; for a start that takes over, the job it takes over from. */
  jobId?: string
  run: string
  /** Wall ms. */
  at: number
  /** A start that no lookup could settle: why. No job is started while it stands. */
  unsettled?: string
}

export interface SyncRecord {
  job?: CurrentJob
  /** Jobs that took no more messages, oldest first. */
  retired: RetiredJob[]
  pending?: Pending
  waiter?: Waiter
  checks: CheckRecord[]
  intent?: Intent
  /** How the code pull request ended, once it did. */
  closed?: 'merged' | 'unmerged'
  base: string
  /** The skip label, while the pull request has it. */
  off?: string
  /** Why the last start failed without making a job. */
  trouble?: string
}

export type Act =
  | { effect: 'start'; prompt: string; sent: Sent; takesOverFrom?: string }
  | { effect: 'send'; jobId: string; prompt: string; sent: Sent }

/** What became of a start or a send, and why it failed when it did. */
export type ActOutcome = { kind: 'taken'; job: AgentJob } | (DeliveryFailure & { why: string })

export interface Done {
  intent: Intent
  act: Act
  outcome: ActOutcome
}

/** The job a start made becomes the pull request's; the one before it, if any, retires. */
export function adopt(record: SyncRecord, intent: Intent, job: AgentJob): SyncRecord {
  const before = record.job
  const retired = before
    ? [
        ...record.retired,
        {
          id: before.id,
          why: before.retired ?? 'refused',
          ...(before.prLink ? { prLink: before.prLink } : {}),
          ...(before.repository ? { repository: before.repository } : {}),
          ...(before.docs ? { docs: before.docs } : {})
        }
      ]
    : record.retired
  const current = withJob({ id: job.id, sent: intent.sent }, job)
  return { ...record, intent: undefined, trouble: undefined, job: current, retired }
}

/** The record once a start's or a send's outcome is known. */
export function recordAfter(record: SyncRecord, done: Done, me: Waiter, wait: boolean): SyncRecord {
  const { intent, act, outcome } = done
  const r: SyncRecord = { ...record, intent: undefined }
  switch (outcome.kind) {
    case 'taken': {
      const pending = r.pending?.head === act.sent.head ? undefined : r.pending
      const waiter = wait ? me : r.waiter
      if (act.effect === 'start') return { ...adopt(r, intent, outcome.job), pending, waiter }
      return {
        ...r,
        job: r.job && withJob({ ...r.job, sent: act.sent }, outcome.job),
        pending,
        waiter
      }
    }
    case 'hourly-limit':
      return {
        ...r,
        pending: { head: act.sent.head, why: 'hourly-limit', retryAt: outcome.retryAt }
      }
    case 'refused':
      return { ...r, job: r.job && { ...r.job, retired: 'refused' } }
    case 'rejected':
      return act.effect === 'start' ? { ...r, trouble: outcome.why } : r
    case 'not-taken':
      return r
    case 'unknown':
      // A send may have gone: it counts as sent. A start stays open, to be looked up.
      if (act.effect === 'start') return record
      return { ...r, job: r.job && { ...r.job, sent: act.sent }, pending: undefined }
  }
}

export function withJob(job: CurrentJob, read: AgentJob): CurrentJob {
  const retired = job.retired ?? (read.status === 'archived' ? 'archived' : undefined)
  return {
    ...job,
    status: read.status,
    ...(read.prLink ? { prLink: read.prLink } : {}),
    ...(read.source?.repository ? { repository: read.source.repository } : {}),
    ...(retired ? { retired } : {})
  }
}

export const emptyRecord = (base: string): SyncRecord => ({ retired: [], checks: [], base })

/** The most check runs kept: every one still open, then the newest heads'. */
const MAX_CHECKS = 20

/** The record as the sealed line holds it; a check run left out is one no run changes again. */
export function encodeRecord(record: SyncRecord): unknown {
  const completed = record.checks.filter((check) => isCompleted(check.shows))
  const dropped = new Set(completed.slice(0, Math.max(0, record.checks.length - MAX_CHECKS)))
  return { ...record, checks: record.checks.filter((check) => !dropped.has(check)) }
}

/** A sealed record back; only the action writes them, so a shape it does not know is none. */
export function decodeRecord(data: unknown): SyncRecord | undefined {
  const record = data as Partial<SyncRecord> | null
  if (!record || typeof record !== 'object' || typeof record.base !== 'string') return undefined
  if (!Array.isArray(record.retired) || !Array.isArray(record.checks)) return undefined
  if (
    record.job &&
    (typeof record.job.id !== 'string' || typeof record.job.sent?.head !== 'string')
  )
    return undefined
  return record as SyncRecord
}

/**
 * Mode sync's verified record of a pull request, for `/agent` commands on it: undefined when it
 * has none. The record's comment is read again by itself, since a list may still show an earlier
 * text of it.
 */
export async function syncedJobOf(
  items: readonly ThreadItem[],
  seal: Seal,
  reread: (commentId: number) => Promise<string | undefined>
): Promise<{ jobId: string | undefined } | undefined> {
  const found = findSealed(items, seal)
  if (!found) return undefined
  const body = await reread(found.item.id)
  // Deleted since it was listed: a person started over, and no record names a job now.
  if (body === undefined) return undefined
  const record = decodeRecord(openSealed(seal, found.item.id, body) ?? found.data)
  return record && { jobId: record.job?.id }
}
