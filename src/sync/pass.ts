/**
 * One pass of a sync run under the pull request's send lock: take the lock, read the record, the
 * pull request and the job as they are now, let the plan decide, write the intent, act, record,
 * and give the lock back. The pass owns the lock's deadline; run.ts owns the run's.
 */
import type { AgentJob } from '../core/agent-api.js'
import type { Deadline } from '../core/deadline.js'
import { formatDuration } from '../core/duration.js'
import { sentText, type RunResult } from '../core/outcome.js'
import { promptBudget } from '../prompt/budget.js'
import type { RunContext } from '../core/request.js'
import type { ChangedFile, PullRequestReader } from '../prompt/pull-request.js'
import type { CheckRuns } from '../thread/check-runs.js'
import type { DocsRepositories } from '../thread/docs-repository.js'
import type { RunId, Thread } from '../thread/thread.js'
import { MAX_PROMPT_LENGTH, type Settings } from '../settings/settings.js'
import * as sealed from '../thread/sealed-comment.js'
import { acquireSendLock, LockTimeout } from '../thread/send-lock.js'
import * as facts from './facts.js'
import { follow } from './follow.js'
import { plan, type Decision, type Settled, type Situation } from './plan.js'
import { findLegacyRecord } from './legacy-record.js'
import { emptyRecord, recordAfter, type Done, type SyncRecord, type Waiter } from './record.js'
import { sentAny } from './report.js'
import * as say from './texts.js'
import type { SyncTrigger } from './trigger.js'

/** What mode sync runs on: the run's context, and GitHub once it is needed. */
export interface SyncPorts extends RunContext {
  openGitHub(): Promise<SyncGitHub>
  /** The workflow run this is, so that other runs can ask whether the one that waits still runs. */
  run: RunId | undefined
}

/** GitHub as mode sync uses it: the code pull request, and what follows it. */
export interface SyncGitHub {
  thread: Thread
  pullRequest: PullRequestReader
  /** The code repository's check runs, under check-run-name; with check-run. */
  checks?: CheckRuns | undefined
  /** Docs repositories' pull requests, through docs-token; with docs-token. */
  docs?: DocsRepositories | undefined
}

/** What a run knows, across its passes. */
export interface SyncRun {
  readonly event: SyncTrigger
  readonly settings: Settings
  readonly ports: SyncPorts
  readonly github: SyncGitHub
  readonly records: sealed.SealedComment<SyncRecord>
  readonly sources: facts.FactSources
  /** This run, as the record names the run that waits, and until when it waits (wall ms). */
  readonly me: Waiter
  readonly deadline: Deadline
  readonly result: RunResult
  /** What this run started or sent, and what became of it. */
  readonly done: Done[]
  home: sealed.SealedHome<SyncRecord>
  job: AgentJob | undefined
  /** The job before this run's first send, and the head it had then: how that head ended. */
  before: { job: AgentJob | undefined; head: string | undefined } | undefined
  /** The files of what this run last sent, for its check run and summary. */
  sentFiles: ChangedFile[]
  /** A last pass, after a failure or the timeout: it sends nothing, and completes what it can. */
  last: 'failed' | 'timed-out' | undefined
}

/** Nothing is begun this close to the end of the lock's hold: the record must be written within it. */
const LOCK_MARGIN_MS = 60_000
/** Passes tried in a row when GitHub or Mintlify fails one, and the steps one pass may take. */
const PASS_TRIES = 3
const PASS_STEPS = 12

/** A pass, taken again a few times, after a pause, when GitHub or Mintlify fails it. */
export async function pass(run: SyncRun): Promise<Settled> {
  const { clock, signal, logger } = run.ports
  const options = {
    clock,
    signal,
    deadline: run.deadline,
    pollMs: run.settings.pollIntervalMs,
    logger
  }
  for (let tries = 1; ; tries++) {
    let failure: unknown
    try {
      const lock = await acquireSendLock(run.github.thread, options)
      try {
        // Reads and waits end by the run's deadline, and every call a margin before the hold ends.
        const settled = await passUnder(
          run,
          lock.until,
          lock.until.minus(LOCK_MARGIN_MS).sooner(run.deadline)
        )
        if (settled) return settled
      } finally {
        await lock.release()
      }
    } catch (error) {
      if (error instanceof LockTimeout) throw error
      failure = error
    }
    if (failure instanceof sealed.SealedElsewhere) continue
    if (failure === undefined && tries >= PASS_TRIES)
      throw new Error(say.lockTooShort(sentAny(run.done)))
    if (failure === undefined) continue
    const pause = tries * 2_000
    const final = signal.aborted || failure instanceof sealed.SealedDeleted || tries >= PASS_TRIES
    if (final || !run.deadline.allows(pause)) throw failure
    const why = (failure as Error).message.replace(/\.$/, '')
    logger.warning(`${why}; this run tries again in ${formatDuration(pause)}.`)
    await clock.sleep(pause, signal)
  }
}

/** The pass itself; undefined when the lock's hold is too short for the request to end in it. */
async function passUnder(
  run: SyncRun,
  hold: Deadline,
  until: Deadline
): Promise<Settled | undefined> {
  const { settings, github, ports } = run
  run.home = await findRecord(run)
  const doneBefore = run.done.length
  const read = await facts.pullRequestNow(github.pullRequest, run.event.headSha, ports)
  const { skipLabel, drafts, paths, docs } = settings.sync
  const followsEnd = Boolean((github.checks && settings.comments.checkRun) || (github.docs && docs))
  let s: Situation = {
    event: run.event,
    me: run.me,
    now: ports.clock.wallTime(),
    record: run.home.data ?? emptyRecord(read.now.base),
    pr: read.now,
    done: run.done,
    rules: { skipLabel, drafts, paths, wait: settings.wait, followsEnd }
  }
  for (let step = 0; step < PASS_STEPS; step++) {
    const decision = plan(s)
    if ('need' in decision) s = await facts.fulfil(run.sources, s, decision, read, until)
    else if (!('act' in decision)) return await record(run, decision, s, { until, doneBefore })
    // A last pass only says how the run ended: it starts and sends nothing.
    else if (run.last) return await record(run, withoutAct(decision), s, { until, doneBefore })
    // The request may run to its timeout: it must end, and be recorded, while the lock holds.
    else if (!hold.allows(settings.requestTimeoutMs + LOCK_MARGIN_MS)) return undefined
    else {
      const acted = await act(run, s, decision, { hold, until })
      if (!acted) return undefined
      s = acted
    }
  }
  throw new Error('mode sync could not settle what to do (a defect: please report it)')
}

/**
 * The record as it is now. A run that knows its comment reads that one comment again (it stops
 * when a person deleted it); otherwise the comments are listed, and the oldest whose record
 * verifies holds it.
 */
async function findRecord(run: SyncRun): Promise<sealed.SealedHome<SyncRecord>> {
  const known = run.home.id === undefined ? undefined : await run.records.reread(run.home.id)
  if (known) return known
  const items = await run.github.thread.conversation()
  const found = await run.records.find(items)
  return found.data ? found : ((await findLegacyRecord(run.github.thread, items)) ?? found)
}

/**
 * Writes the intent, then starts the job or sends the message; its outcome goes into the record.
 * Undefined when the write took too long for the lookup of a lost start, or left too little of
 * the lock's hold for the request: nothing is done, the intent is cleared, and the pass is taken
 * again under a new hold.
 */
async function act(
  run: SyncRun,
  s: Situation,
  { act: effect, record: intended }: Extract<Decision, { act: unknown }>,
  { hold, until }: { hold: Deadline; until: Deadline }
): Promise<Situation | undefined> {
  const { clock, logger } = run.ports
  // A lost start is looked up by the time its intent gives: the time right before the write.
  const at = clock.wallTime()
  const written = { ...intended, intent: intended.intent && { ...intended.intent, at } }
  run.home = await run.records.write(run.home, written, until)
  const late = clock.wallTime() - at > facts.REQUEST_AFTER_INTENT_MS
  if (late || !hold.allows(run.settings.requestTimeoutMs + LOCK_MARGIN_MS)) {
    // Nothing was done: the intent goes while the hold allows, so that no run counts it as done.
    const cleared = { ...written, intent: undefined }
    if (!until.passed()) run.home = await run.records.write(run.home, cleared, until)
    return undefined
  }
  logger.info(say.acting(effect))
  const job = s.job === 'unreadable' ? undefined : s.job
  run.before ??= { job, head: s.record.job?.sent.head }
  // Until an answer comes, the effect may have happened: a failure now leaves it open.
  const unanswered = { kind: 'unknown' as const, why: 'no answer' }
  const done: Done = { intent: written.intent, act: effect, outcome: unanswered }
  run.done.push(done)
  done.outcome = await facts.carryOut(run.sources, effect, until)
  const next = recordAfter(written, done, run.me, run.settings.wait)
  // Mintlify could not take it for now: the intent goes before the lock does, so that no other
  // run counts it as sent, and the pass is taken again after a pause.
  if (done.outcome.kind === 'not-taken') {
    run.home = await run.records.write(run.home, next, until)
    throw new Error(done.outcome.why)
  }
  const changes = s.changes?.changes
  if (done.outcome.kind === 'taken' && changes && changes.kind !== 'none')
    run.sentFiles = changes.files
  const now = done.outcome.kind === 'taken' ? done.outcome.job : job
  return { ...s, record: next, changes: undefined, lookup: undefined, ...(now ? { job: now } : {}) }
}

/** Brings the check runs and the docs pull requests along, and writes the record. */
async function record(
  run: SyncRun,
  decision: Settled,
  s: Situation,
  { until, doneBefore }: { until: Deadline; doneBefore: number }
): Promise<Settled> {
  if (s.job && s.job !== 'unreadable') run.job = s.job
  // On the last event, or past the timeout, no later run may complete what still works.
  const { waiter } = decision.record
  const own = waiter?.run === run.me.run
  const closing = s.pr.state !== 'open' && decision.next === 'end'
  const ending = (run.last === 'timed-out' || closing) && (own || !waiter)
  const settled =
    run.last && own ? { ...decision, record: { ...decision.record, waiter: undefined } } : decision
  const runFailed = run.last === 'failed' || decision.severity === 'failure'
  const sent = lastSent(run)
  const passed = { decision: settled, situation: s, jobBefore: run.before, sent, runFailed, ending }
  const written = await follow(passed, run.event, run.settings, run.github, run.ports, until)
  if (run.home.id !== undefined || hasNews(written)) {
    try {
      run.home = await run.records.write(run.home, written, until)
    } catch (error) {
      // A person deleted the comment to start over while this pass started a job: that job is
      // the new start, and a new comment records it.
      const started = run.done.slice(doneBefore).find(isStart)
      if (!(error instanceof sealed.SealedDeleted) || !started) throw error
      run.ports.logger.warning(say.recordedAnew(started.outcome.job.id))
      run.home = await run.records.write({ data: undefined }, written, until)
    }
  }
  run.result.statusCommentId = run.home.id
  return { ...settled, record: written }
}

/** What this run's last message carried: its head, its prompt, and each file's fate. */
export function lastSent(run: SyncRun) {
  const last = run.done.filter((d) => d.outcome.kind === 'taken').at(-1)?.act
  if (!last) return undefined
  const { files } = promptBudget(last.prompt, run.sentFiles, run.sources.rules)
  const text = sentText({ length: last.prompt.length, limit: MAX_PROMPT_LENGTH, files })
  return { head: last.sent.head, prompt: last.prompt, files, text }
}

/** What a last pass records instead of an effect: nothing in flight. */
const withoutAct = (decision: Extract<Decision, { act: unknown }>): Settled => ({
  record: { ...decision.record, intent: undefined },
  next: 'end',
  sync: 'failed',
  message: '',
  severity: 'failure'
})

const isStart = (done: Done): done is Done & { outcome: { kind: 'taken'; job: AgentJob } } =>
  done.act.effect === 'start' && done.outcome.kind === 'taken'

/** Whether a record says anything worth a status comment. */
const hasNews = (r: SyncRecord): boolean =>
  Boolean(r.job || r.intent || r.pending || r.trouble || r.retired.length)
