/**
 * Mode sync: one docs job per code pull request, kept in step with every push, shown in one
 * status comment and a check run per head, steerable with `/agent`. This is its coordinator, and
 * it owns the run's deadline: a pass under the pull request's lock (pass.ts) decides and acts,
 * then the run waits for the job without the lock, and passes again, until the plan ends it.
 */
import { randomUUID } from 'node:crypto'
import { Deadline } from '../core/deadline.js'
import type { RunResult, SyncStep } from '../core/outcome.js'
import { watchJob } from '../core/poller.js'
import type { Settings } from '../settings/settings.js'
import type { CheckRuns } from '../thread/check-runs.js'
import { Gate } from '../thread/gate.js'
import * as sealed from '../thread/sealed-comment.js'
import { LockTimeout } from '../thread/send-lock.js'
import type { RunId } from '../thread/thread.js'
import { checkView } from './checks.js'
import { dryRun } from './dry-run.js'
import { promptRules } from './facts.js'
import { lastSent, pass, type SyncPorts, type SyncRun } from './pass.js'

export type { SyncGitHub, SyncPorts } from './pass.js'
import type { Settled, Severity } from './plan.js'
import {
  decodeRecord,
  encodeRecord,
  emptyRecord,
  RECORD_KIND,
  RECORD_VERSION,
  type SyncRecord
} from './record.js'
import { afterTimeout, report, sentAny, sentAs } from './report.js'
import * as say from './texts.js'
import type { SyncTrigger } from './trigger.js'

/** The events mode sync acts on, besides the skip label coming and going. */
const SYNC_ACTIONS = ['opened', 'reopened', 'ready_for_review', 'synchronize', 'closed']

export async function runSync(
  event: SyncTrigger,
  settings: Settings,
  ports: SyncPorts
): Promise<RunResult> {
  const { logger, clock } = ports
  const result: RunResult = {
    result: 'not-sent',
    commandAuthor: event.author.login,
    statusCommentId: undefined,
    outcome: undefined
  }
  const skipLabel =
    ['labeled', 'unlabeled'].includes(event.action) && event.label === settings.sync.skipLabel
  if (!SYNC_ACTIONS.includes(event.action) && !skipLabel) {
    logger.info(say.ignored(event.action))
    return { ...result, sync: 'ignored' }
  }
  const github = await ports.openGitHub()
  const startedAt = clock.now()
  const deadline = Deadline.at(clock, ports.deadline)
  const scope = `${event.owner}/${event.repo}#${event.number}`
  const seal = sealed.sealFor(settings.apiKey, scope, RECORD_KIND, RECORD_VERSION)
  const render = (record?: SyncRecord) => say.statusComment(record ?? emptyRecord(''), event.url)
  const view = { render, encode: encodeRecord, decode: decodeRecord }
  const rules = promptRules(settings)
  const run: SyncRun = {
    event,
    settings,
    ports,
    github,
    records: new sealed.SealedComment(github.thread, seal, view, clock, logger),
    sources: { ports, settings, thread: github.thread, reader: github.pullRequest, rules },
    me: { run: runName(ports.run), until: deadline.wall },
    deadline,
    result,
    done: [],
    home: { data: undefined },
    job: undefined,
    before: undefined,
    sentFiles: [],
    last: undefined
  }
  const end = (sync: SyncStep, message: string, severity: Severity = 'info', base = result) =>
    report(
      base,
      {
        record: run.home.data,
        job: run.job,
        done: run.done,
        lastSent: lastSent(run),
        durationMs: clock.now() - startedAt
      },
      { sync, message, severity },
      settings,
      ports
    )
  try {
    if (!(await mayAsk(run))) {
      await oneOffCheck(run, 'author-refused')
      const message = say.refusedAuthor(event, settings.comments.permission)
      return end('refused', message, 'warning', { ...result, result: 'refused' })
    }
    if (settings.sync.dryRun)
      return await dryRun(event, settings, ports, github.pullRequest, run.records, result)
    for (;;) {
      const settled = await pass(run)
      if (settled.next === 'end') return end(settled.sync, settled.message, settled.severity)
      const waited = await waitWithoutLock(run, settled, startedAt)
      const did = sentAs(run.done, run.home.data)
      if (waited === 'stopped')
        return end(did ?? 'handed-over', say.handedOver(settled.record.job?.id))
      if (waited === 'timed-out') {
        // On the pull request's last event no later run comes: a last pass completes what works.
        if (event.action === 'closed' && checksOf(run)) {
          run.last = 'timed-out'
          await pass(run).catch((error: unknown) => logger.warning(say.checkWriteFailed(error)))
        }
        const docsToken = Boolean(github.docs && settings.sync.docs)
        const [message, severity] = afterTimeout(settled.record, run.job, event.action, docsToken)
        const ended = end(did ?? settled.sync, message, severity)
        if (ended.outcome) ended.outcome.timedOut = sentAny(run.done)
        return ended
      }
    }
  } catch (error) {
    // What the run sent stays sent, and its message says so: a record that could not be written
    // is found by the next event, which does nothing twice.
    const sent = sentAny(run.done)
    const jobId = run.home.data?.job?.id
    if (ports.signal.aborted) return end('cancelled', say.cancelled(sent, jobId))
    if (error instanceof LockTimeout)
      return end(
        'busy',
        say.lockTimedOut(error.message, sent),
        event.action === 'closed' ? 'failure' : 'warning'
      )
    if (error instanceof sealed.SealedDeleted) return end('failed', say.commentDeleted, 'failure')
    const message = (error as Error).message
    if (sent)
      return end(
        sentAs(run.done, run.home.data) ?? 'sent',
        say.notRecorded(jobId, message),
        'warning'
      )
    // Otherwise the run failed, and a last pass says so on its head's check run.
    if (checksOf(run)) {
      run.last = 'failed'
      await pass(run).catch(() => oneOffCheck(run, 'run-failed'))
    }
    return end('failed', message, 'failure')
  }
}

/** Whether the pull request's author may give commands here; a failed read is taken again. */
async function mayAsk(run: SyncRun): Promise<boolean> {
  const { ports, settings, github, event } = run
  for (let tries = 1; ; tries++) {
    try {
      return await new Gate(github.thread, settings.comments, ports.logger).allows(
        event.author,
        true
      )
    } catch (error) {
      if (tries >= 3 || !run.deadline.allows(tries * 2_000)) throw error
      await ports.clock.sleep(tries * 2_000, ports.signal)
    }
  }
}

/** The run's name in the record: its workflow run and attempt, or one of its own outside one. */
const runName = (id: RunId | undefined): string =>
  id ? `${id.id}.${id.attempt}` : `local-${randomUUID().slice(0, 8)}`

const checksOf = (run: SyncRun): CheckRuns | undefined =>
  run.settings.comments.checkRun ? run.github.checks : undefined

/** A completed check run on the event's head, for a run that reached no record. */
async function oneOffCheck(run: SyncRun, shows: 'author-refused' | 'run-failed'): Promise<void> {
  const head = run.event.headSha
  if (!head) return
  await checksOf(run)
    ?.create(head, checkView(shows, head, emptyRecord(''), undefined))
    .catch((error: unknown) => run.ports.logger.warning(say.checkWriteFailed(error)))
}

/**
 * Waits without the lock, for the job to end or Mintlify's hourly limit to pass, until a later
 * run takes the wait over or sync is turned off: the record says so.
 */
async function waitWithoutLock(
  run: SyncRun,
  settled: Settled,
  startedAt: number
): Promise<'final' | 'stopped' | 'timed-out'> {
  const { agent, clock, signal, logger } = run.ports
  const { deadline } = run
  const stop = async () => {
    const id = run.home.id
    const now = id === undefined ? undefined : await run.records.read(id).catch(() => undefined)
    return (
      now?.data !== undefined && (now.data.waiter?.run !== run.me.run || now.data.off !== undefined)
    )
  }
  const intervalMs = run.settings.pollIntervalMs
  if (settled.next === 'wait-for-hourly-limit')
    for (const at = settled.record.pending?.retryAt ?? 0; ;) {
      const left = at - clock.wallTime()
      if (left <= 0) return 'final'
      if (deadline.passed()) return 'timed-out'
      await clock.sleep(Math.min(left, intervalMs, deadline.left()), signal)
      if (await stop()) return 'stopped'
    }
  const jobId = settled.record.job?.id ?? ''
  const readJob = () => agent.getJob(jobId)
  const lastKnown = run.job?.status
  const watched = await watchJob({
    readJob,
    jobId,
    lastKnown,
    clock,
    intervalMs,
    deadline,
    startedAt,
    signal,
    logger,
    stop
  })
  run.job = watched.job ?? run.job
  return watched.ended
}
