/**
 * What mode sync does next, as a pure function of what it knows: the record, the pull request and
 * the job as they are now, and what this run has done. It asks for what it lacks (`need`), and
 * returns the record to write with the one effect to carry out, or how the run goes on. The
 * coordinator (run.ts) reads, writes and acts; every decision is taken here.
 */
import { isFinal, type AgentJob } from '../core/agent-api.js'
import type { SyncStep } from '../core/outcome.js'
import type { Pending as Changes } from '../prompt/changes.js'
import {
  adopt,
  recordAfter,
  withJob,
  type Act,
  type CheckState,
  type CurrentJob,
  type Done,
  type Intent,
  type SyncRecord,
  type Waiter
} from './record.js'
import * as say from './texts.js'

export interface PullRequestNow {
  number: number
  state: 'open' | 'merged' | 'unmerged'
  draft: boolean
  labels: readonly string[]
  /** The head to bring the job up to: GitHub's, or the event's when that is newer. */
  head: string
  base: string
}

export interface PlanRules {
  skipLabel: string
  drafts: boolean
  /** sync-paths: whether the first job starts; once one has, every push goes to it. */
  paths: readonly string[]
  /** Whether a run follows the job it sent to until it ends. */
  wait: boolean
  /** Check runs or docs-token: how the job ends matters to what the action writes. */
  followsEnd: boolean
}

/** An open start, looked up in Mintlify's own records. */
export type Lookup = { found: AgentJob } | { none: true } | { unsettled: string }

/** The pull request's changes since `since` (none: all of them), once computed. */
export interface ChangesSince {
  since: string | undefined
  changes: Changes
}

export interface Situation {
  event: { action: string }
  /** This run, and until when it may wait (wall ms). */
  me: Waiter
  /** Wall ms. */
  now: number
  record: SyncRecord
  pr: PullRequestNow
  job?: AgentJob | 'unreadable'
  changes?: ChangesSince
  lookup?: Lookup
  waiterAlive?: boolean
  matchesPaths?: boolean
  /** What this run did, oldest first. */
  done: readonly Done[]
  rules: PlanRules
}

export type Need =
  | { need: 'job'; jobId: string }
  | { need: 'lookup'; intent: Intent }
  | { need: 'waiter'; run: string }
  | { need: 'paths' }
  /** Since `since`, or the whole pull request, with a note when a job takes over from another. */
  | { need: 'changes'; since: string | undefined; takesOverFrom?: CurrentJob }
export type Next = 'end' | 'wait-for-job' | 'wait-for-hourly-limit'
export type Severity = 'info' | 'warning' | 'failure'

/** How a pass ends: the record to write, and how the run goes on. */
export interface Settled {
  record: SyncRecord
  next: Next
  sync: SyncStep
  message: string
  severity: Severity
  /** What the event's head shows when nothing was done for it. */
  shows?: CheckState
}

/** Write `record` (it holds the intent), then carry out `act`; or settle; or read first. */
export type Decision = Need | { record: SyncRecord & { intent: Intent }; act: Act } | Settled

export function plan(s: Situation): Decision {
  const reconciled = reconcile(s)
  if ('need' in reconciled) return reconciled
  const decision = decide(s, { ...reconciled.record, base: s.pr.base })
  const { note } = reconciled
  return note && 'message' in decision
    ? { ...decision, message: `${note} ${decision.message}` }
    : decision
}

function decide(s: Situation, r: SyncRecord): Decision {
  const { pr, rules } = s
  const rejected = s.done.map((d) => d.outcome).find((o) => o.kind === 'rejected')
  if (rejected) return end(s, r, 'failed', rejected.why, 'failure')
  if (pr.state === 'unmerged')
    return closedUnmerged(s, { ...r, closed: 'unmerged', pending: undefined })
  r.closed = pr.state === 'merged' ? 'merged' : undefined
  r.off = pr.labels.includes(rules.skipLabel) ? rules.skipLabel : undefined
  if (r.off) return end(s, r, 'skipped', say.syncOff(pr, r.off), 'info', 'sync-off')
  if (pr.draft && !rules.drafts) return end(s, r, 'draft', say.draft(pr), 'info', 'draft')
  if (r.intent?.unsettled) return end(s, r, 'failed', say.unsettledStart(r.intent), 'failure')
  if (!r.job) {
    if (rules.paths.length && s.matchesPaths === undefined) return { need: 'paths' }
    if (rules.paths.length && !s.matchesPaths)
      return end(s, r, 'skipped', say.noMatchingPaths(pr, rules.paths), 'info', 'no-matching-paths')
    return start(s, r, undefined)
  }
  const job = jobNow(s, r.job)
  if (!job) return { need: 'job', jobId: r.job.id }
  if (s.job === 'unreadable') {
    const pending =
      job.sent.head === pr.head ? r.pending : { head: pr.head, why: 'read-failed' as const }
    return end(s, { ...r, pending }, 'failed', say.readFailed(job.id, sentBefore(s)), lastly(s))
  }
  if (job.retired) return start(s, { ...r, job }, job)
  if (job.sent.head === pr.head) return upToDate(s, { ...r, job, pending: undefined })
  if (!isFinal(job.status ?? 'active')) return busy(s, { ...r, job })
  const changes = changesSince(s, job.sent.head)
  if (!changes) return { need: 'changes', since: job.sent.head }
  if (changes.kind === 'none') {
    const moved = { ...job, sent: { head: changes.headSha } }
    return upToDate(s, { ...r, job: moved, pending: undefined }, changes.base)
  }
  return send(s, { ...r, job }, changes)
}

/** The job as read now, when it was read for this record's job. */
function jobNow(s: Situation, job: CurrentJob): CurrentJob | undefined {
  if (s.job === 'unreadable') return job
  return s.job?.id === job.id ? withJob(job, s.job) : undefined
}

const changesSince = (s: Situation, since: string | undefined): Changes | undefined =>
  s.changes && s.changes.since === since ? s.changes.changes : undefined

/**
 * Settles an intent this run knows the fate of, or one another run left open: a send counts as
 * sent (and the run says so), a start is looked up in Mintlify's own records.
 */
function reconcile(s: Situation): { record: SyncRecord; note?: string } | Need {
  const { record, me } = s
  const intent = record.intent
  if (!intent || intent.unsettled) return { record }
  const own = intent.run === me.run
  const done = own ? s.done.find((d) => d.intent.at === intent.at) : undefined
  // Written but never acted on: this run knows it sent nothing.
  if (own && !done) return { record: { ...record, intent: undefined } }
  if (done && (done.outcome.kind !== 'unknown' || intent.effect === 'send'))
    return { record: recordAfter(record, done, me, s.rules.wait) }
  if (intent.effect === 'send') {
    const job = record.job && { ...record.job, sent: intent.sent }
    const counted = { ...record, intent: undefined, job, pending: undefined }
    return { record: counted, note: say.countedAsSent(intent) }
  }
  if (!s.lookup) return { need: 'lookup', intent }
  if ('unsettled' in s.lookup)
    return { record: { ...record, intent: { ...intent, unsettled: s.lookup.unsettled } } }
  if ('none' in s.lookup) return { record: { ...record, intent: undefined } }
  return { record: adopt(record, intent, s.lookup.found), note: say.foundStarted(s.lookup.found) }
}

/** Starts the first job, or one that takes over from `retiring`, with the whole pull request. */
function start(s: Situation, r: SyncRecord, retiring: CurrentJob | undefined): Decision {
  const limited = hourlyLimit(s, r)
  if (limited) return limited
  const changes = changesSince(s, undefined)
  const takesOver = retiring ? { takesOverFrom: retiring } : {}
  if (!changes) return { need: 'changes', since: undefined, ...takesOver }
  if (changes.kind === 'none') return upToDate(s, r)
  const act: Act = {
    effect: 'start',
    prompt: changes.prompt,
    sent: { head: changes.headSha },
    ...(retiring ? { takesOverFrom: retiring.id } : {})
  }
  return { record: { ...r, intent: intentOf(s, act, retiring?.id), trouble: undefined }, act }
}

function send(s: Situation, r: SyncRecord, changes: Exclude<Changes, { kind: 'none' }>): Decision {
  const limited = hourlyLimit(s, r)
  if (limited || !r.job) return limited ?? upToDate(s, r)
  const from = changes.kind === 'commits' ? { from: changes.from } : {}
  const act: Act = {
    effect: 'send',
    jobId: r.job.id,
    prompt: changes.prompt,
    sent: { head: changes.headSha, ...from }
  }
  return { record: { ...r, intent: intentOf(s, act, r.job.id) }, act }
}

const intentOf = (s: Situation, act: Act, jobId: string | undefined): Intent => ({
  effect: act.effect,
  sent: act.sent,
  ...(jobId ? { jobId } : {}),
  run: s.me.run,
  at: s.now
})

/** Mintlify's hourly limit still holds: wait it out if the run lasts that long. */
function hourlyLimit(s: Situation, r: SyncRecord): Decision | undefined {
  const retryAt = r.pending?.why === 'hourly-limit' ? (r.pending.retryAt ?? 0) : 0
  if (retryAt <= s.now) return undefined
  const pending = { head: s.pr.head, why: 'hourly-limit' as const, retryAt }
  if (retryAt < s.me.until)
    return wait(s, { ...r, pending }, 'wait-for-hourly-limit', 'limited', say.hourlyLimit(retryAt))
  return end(
    s,
    { ...r, pending },
    'limited',
    say.hourlyLimitPast(retryAt, s.event.action),
    lastly(s)
  )
}

/** The job works on an earlier message: one run waits for it, and sends what is new then. */
function busy(s: Situation, r: SyncRecord & { job: CurrentJob }): Decision {
  const { waiter, pending, job } = r
  const head = s.pr.head
  // Another live run waits to send these very commits: this one need not wait too.
  if (
    waiter &&
    waiter.run !== s.me.run &&
    waiter.until > s.now &&
    pending?.head === head &&
    !r.closed
  ) {
    if (s.waiterAlive === undefined) return { need: 'waiter', run: waiter.run }
    if (s.waiterAlive) return end(s, r, 'queued', say.queued(job.id, head))
  }
  return wait(
    s,
    { ...r, pending: { head, why: 'busy' } },
    'wait-for-job',
    'busy',
    say.busy(job, head)
  )
}

/** Nothing new to send: the run follows the job when it must, and otherwise ends. */
function upToDate(s: Situation, r: SyncRecord, onlyBase?: boolean): Decision {
  const working = !isFinal(r.job?.status ?? 'completed')
  const follow = working && s.rules.wait && (sentBefore(s) || (r.closed && s.rules.followsEnd))
  const taken = s.done.filter((d) => d.outcome.kind === 'taken')
  const sync = taken.some((d) => d.act.effect === 'start')
    ? 'started'
    : r.closed === 'merged'
      ? 'merged'
      : taken.length
        ? 'sent'
        : 'up-to-date'
  const message = taken.length ? say.sent(s.done, r) : say.nothingNew(r, s.pr, onlyBase)
  return follow ? wait(s, r, 'wait-for-job', sync, message) : end(s, r, sync, message)
}

/**
 * Closed without merging: nothing more is sent, and the run follows the job to its end, so that
 * its docs pull request is known and closed too (by docs-token, or by hand from pr-link).
 */
function closedUnmerged(s: Situation, r: SyncRecord): Decision {
  if (!r.job) return end(s, r, 'closed', say.closedBeforeJob())
  const job = jobNow(s, r.job)
  if (!job) return { need: 'job', jobId: r.job.id }
  const working = !isFinal(job.status ?? 'active')
  if (working && s.rules.wait && (s.rules.followsEnd || !job.prLink))
    return wait(s, { ...r, job }, 'wait-for-job', 'closed', say.closedWhileWorking(job))
  return end(s, { ...r, job }, 'closed', say.closedUnmerged(job))
}

/** Whether this run sent anything: then no message of its says that nothing was sent. */
const sentBefore = (s: Situation): boolean => s.done.some((d) => d.outcome.kind === 'taken')

/** On a closed pull request no later event heals a condition: it fails the step. */
const lastly = (s: Situation): Severity => (s.pr.state === 'open' ? 'warning' : 'failure')

/** The run ends: it gives up its claim to wait. */
function end(
  s: Situation,
  r: SyncRecord,
  sync: SyncStep,
  message: string,
  severity: Severity = 'info',
  shows?: CheckState
): Settled {
  const waiter = r.waiter?.run === s.me.run ? undefined : r.waiter
  return {
    record: { ...r, waiter },
    next: 'end',
    sync,
    message,
    severity,
    ...(shows ? { shows } : {})
  }
}

/** The run waits, as the one run that waits for this pull request. */
function wait(s: Situation, r: SyncRecord, next: Next, sync: SyncStep, message: string): Settled {
  return { record: { ...r, waiter: s.me }, next, sync, message, severity: 'info' }
}
