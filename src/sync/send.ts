/**
 * Sending a code pull request's news to its docs job, under the pull request's send lock: each
 * change goes once and in order, never into a busy job, and the job is started only once.
 */
import { randomUUID } from 'node:crypto'
import { MintlifyRequestError, type AgentJob } from '../core/agent-api.js'
import { formatDuration } from '../core/duration.js'
import { explainFailure, failureKind } from '../core/explain.js'
import { freshOutcome, type Outcome, type RunResult, type SyncStep } from '../core/outcome.js'
import { judge } from '../core/verdict.js'
import { loginMatches } from '../thread/logins.js'
import { syncCommentOf } from '../thread/markers.js'
import { LockTimeout } from '../thread/send-lock.js'
import type { SyncRun } from './context.js'
import { writeMirrored } from './mirror.js'
import { clockTime, readSyncState, renderSyncComment } from './state.js'
import { closedOf, stepOnce, type Step, type StepDoing } from './step.js'
import { sayReadFailed, underLock } from './under-lock.js'
import { waitForJob, waitWatching, type Me, type Waited } from './waiting.js'

/** Steps in a row that may find the lock's time too short, or a refusal to take over, before the run gives up. */
const MAX_STEPS_AGAIN = 3

export async function sendInStep(run: SyncRun, result: RunResult): Promise<RunResult> {
  const { ports, settings, trigger } = run
  const { clock, logger } = ports
  const startedAt = clock.now()
  const outcome = freshOutcome()
  const end = (sync: SyncStep, failure?: string): RunResult => {
    outcome.durationMs = clock.now() - startedAt
    outcome.failure = failure
    result.sync = sync
    result.outcome = outcome
    return result
  }
  // The pull request's last event: what is not sent now waits for a re-run, not a later event.
  const last = trigger.action === 'closed'
  const later = last
    ? 'this was the pull request’s last event, so run this workflow again once the job is done to send them (nothing was sent, so nothing goes twice)'
    : 'they go with the next push or the merge (nothing was sent, so nothing goes twice)'
  // A condition that heals itself is a warning; on the last event nothing heals it.
  const endWaiting = (sync: SyncStep, message: string): RunResult => {
    if (last) return end(sync, message)
    logger.warning(message)
    return end(sync)
  }
  const me: Me = { run: runName(run), until: clock.wallTime() + (ports.deadline - clock.now()) }
  const doing: StepDoing = { operation: 'read', jobId: undefined }
  try {
    const commentId = await statusComment(run)
    if (commentId === undefined)
      return end(
        'closed',
        'The pull request was closed without merging before any docs job was started: nothing to do.'
      )
    result.statusCommentId = commentId
    const handedOver = (job: AgentJob | undefined): RunResult => {
      logger.info(
        `A later run of this workflow took over the wait for docs job ${job?.id ?? outcome.jobId} (it sends what is new when the job is free), or the skip label turned sync off: this run stops waiting.`
      )
      return end(sentAs ?? 'handed-over')
    }
    let sentAs: SyncStep | undefined
    for (let again = 0; ;) {
      const step: Step = await underLock(run, commentId, (until) =>
        stepOnce(run, commentId, until, doing, me)
      )
      if (step.kind === 'again') {
        if (++again < MAX_STEPS_AGAIN) continue
        return end(
          'failed',
          `The send lock of this pull request was taken ${MAX_STEPS_AGAIN} times without a send: GitHub answered too slowly to send within the lock's hold. Nothing was sent: ${later}.`
        )
      }
      if (step.kind === 'failed') {
        outcome.job = step.job
        return end('failed', step.message)
      }
      if (step.kind === 'nothing') {
        logger.info(step.message)
        if (step.state) {
          outcome.jobId = step.state.jobId
          result.recorded = { status: step.state.status, prLink: step.state.prLink }
        }
        return end(step.sync)
      }
      if (step.kind === 'limited') {
        const at = clockTime(clock.wallTime() + (step.retryAt - clock.now()))
        if (step.retryAt >= ports.deadline)
          return endWaiting(
            'limited',
            `Mintlify's hourly limit of messages for this project was reached until about ${at}, after this run's ${formatDuration(settings.timeoutMs)} timeout, so the new commits were not sent: ${later}.`
          )
        logger.info(
          `Mintlify's hourly limit of messages for this project was reached: waiting until about ${at}, without the send lock, and sending then.`
        )
        if (await waitWatching(run, commentId, me, step.retryAt)) return handedOver(undefined)
        continue
      }
      if (step.kind === 'busy') {
        outcome.jobId = step.job.id
        outcome.job = step.job
        logger.info(
          `Docs job ${step.job.id} is ${step.job.status} with an earlier message; this run waits for it to finish, then sends what is new.`
        )
        const idle = await waitForJob(run, commentId, me, step.job, startedAt)
        outcome.job = idle.job
        if (idle.kind === 'handed-over') return handedOver(idle.job)
        if (idle.kind === 'timed-out' && step.state.closed === 'unmerged' && !step.state.prLink)
          return endWaiting(
            'closed',
            `Docs job ${step.job.id} was still ${idle.job.status} when the ${formatDuration(settings.timeoutMs)} timeout passed, so its docs pull request is not known yet and pr-link is empty: close it by hand once the status comment names it. Nothing needed sending.`
          )
        // Waited for only to act on the docs pull request (docs-token): every change was sent.
        if (idle.kind === 'timed-out' && !step.state.pending) {
          const { closed, prLink } = step.state
          logger.warning(
            `Docs job ${step.job.id} was still ${idle.job.status} when the ${formatDuration(settings.timeoutMs)} timeout passed, so its docs pull request${prLink ? ` ${prLink}` : ''} was not ${closed === 'unmerged' ? 'closed' : 'labelled or marked ready'} yet: run this workflow again once the job is done, or do it by hand. Nothing needed sending.`
          )
          return end(closed === 'unmerged' ? 'closed' : 'merged')
        }
        if (idle.kind === 'timed-out')
          return endWaiting(
            'busy',
            `Docs job ${step.job.id} was still ${idle.job.status} when the ${formatDuration(settings.timeoutMs)} timeout passed, so the new commits were not sent: ${later}.`
          )
        continue
      }
      outcome.jobId = step.job.id
      outcome.job = step.job
      outcome.prompt = step.prompt
      result.files = [...step.sent.files]
      outcome.sent = true
      outcome.created = step.created
      result.result = 'sent'
      sentAs = step.created ? 'started' : step.state.closed === 'merged' ? 'merged' : 'sent'
      if (settings.wait) {
        const followed = await follow(run, commentId, me, step, startedAt)
        outcome.job = followed.job
        outcome.timedOut = followed.kind === 'timed-out'
        if (followed.kind === 'handed-over') return handedOver(followed.job)
      }
      outcome.durationMs = clock.now() - startedAt
      // Past the timeout the job goes on, and the next event shows how it ended: no failure.
      const verdict = outcome.timedOut ? undefined : judge(outcome, 'sent', settings, ports)
      outcome.failureKind = verdict?.kind
      return end(sentAs, verdict?.message)
    }
  } catch (error) {
    if (ports.signal.aborted) {
      outcome.cancelled = true
      return end(
        'cancelled',
        outcome.sent
          ? `The workflow was cancelled while docs job ${outcome.jobId} worked; it goes on, and the next event brings the status comment up to date.`
          : 'The workflow was cancelled before anything was sent.'
      )
    }
    if (error instanceof LockTimeout)
      return endWaiting('busy', `${error.message}; nothing was sent: ${later}.`)
    // A waiting run that could not read the job gives up its claim, and the comment says why.
    if (
      error instanceof MintlifyRequestError &&
      result.statusCommentId !== undefined &&
      !outcome.sent
    )
      await sayReadFailed(run, result.statusCommentId, me)
    return end('failed', failureMessage(error, run, outcome, doing))
  }
}

/**
 * The run's name in the state, for others to ask whether it still runs: the workflow run and its
 * attempt, or (outside a workflow) a name of its own.
 */
function runName(run: SyncRun): string {
  const id = run.ports.run
  return id ? `${id.id}.${id.attempt}` : `local-${randomUUID().slice(0, 8)}`
}

function failureMessage(error: unknown, run: SyncRun, outcome: Outcome, doing: StepDoing): string {
  if (!(error instanceof MintlifyRequestError)) return (error as Error).message
  const operation = outcome.sent ? 'read' : doing.operation
  outcome.failureKind = failureKind(error, operation)
  return explainFailure(error, {
    operation,
    jobId: outcome.jobId || doing.jobId || '(new)',
    projectId: run.settings.projectId,
    baseUrl: run.settings.baseUrl,
    requestTimeoutMs: run.settings.requestTimeoutMs,
    vocabulary: run.ports.vocabulary
  })
}

/**
 * The sync status comment's ID: the one found, or a new one; undefined for a pull request
 * closed unmerged before it had one. Two first runs at once both post one; each then keeps the
 * oldest, and the other run deletes its own. GitHub's list lags a few seconds behind its writes:
 * a list that lacks the comment this run just posted is stale, and is read again.
 */
async function statusComment(run: SyncRun): Promise<number | undefined> {
  const { thread, comment, trigger, pullRequest, ports } = run
  if (comment) return comment.id
  if (closedOf(await pullRequest.read()) === 'unmerged') return undefined
  const posted = await thread.post(renderSyncComment(undefined, trigger.url))
  // The token's login could not be read: the comment the run just wrote says who it is.
  if (!loginMatches(run.self, posted.author)) run.self = posted.author
  let listed = await thread.conversation()
  for (let read = 1; !listed.some((item) => item.id === posted.id); read++) {
    if (read >= LIST_READS) {
      ports.logger.warning(
        `GitHub's list of comments still lacked this run's status comment ${posted.id} after ${formatDuration(read * LIST_LAG_MS)}; this run keeps it.`
      )
      return posted.id
    }
    await ports.clock.sleep(LIST_LAG_MS, ports.signal)
    listed = await thread.conversation()
  }
  const oldest = syncCommentOf(listed, (login) => loginMatches(run.self, login))
  if (oldest && oldest.id !== posted.id) {
    await thread.remove(posted.id)
    return oldest.id
  }
  return posted.id
}

/** How long a read of the comment list waits for it to catch up with a write, and how often. */
const LIST_LAG_MS = 2_000
const LIST_READS = 6

/**
 * Waits for the job to finish, then shows its status and pull request in the comment, and gives
 * up this run's claim to wait. What was sent is sent: a comment that cannot be brought up to
 * date is a warning, and the next event does it.
 */
async function follow(
  run: SyncRun,
  commentId: number,
  me: Me,
  step: Extract<Step, { kind: 'sent' }>,
  startedAt: number
): Promise<Waited> {
  const { ports, settings, thread, trigger } = run
  const { logger } = ports
  const waited = await waitForJob(run, commentId, me, step.job, startedAt)
  if (waited.kind === 'handed-over') return waited
  if (waited.kind === 'timed-out') {
    logger.notice(
      `Docs job ${step.job.id} is still ${waited.job.status} after the ${formatDuration(settings.timeoutMs)} timeout; it goes on, and the next event brings the status comment up to date.`
    )
    return waited
  }
  const { job } = waited
  if (job.prLink) logger.notice(`Docs pull request for #${trigger.number}: ${job.prLink}`)
  try {
    await underLock(run, commentId, async (until) => {
      const now = readSyncState((await thread.commentBody('issue-comment', commentId)) ?? '')
      // A later run sent more meanwhile: the job works on that now, and that run reports it.
      if (now?.jobId !== job.id || now.sentSha !== step.state.sentSha) return
      const next = {
        ...now,
        status: job.status,
        prLink: job.prLink ?? now.prLink,
        waiter: now.waiter?.run === me.run ? undefined : now.waiter
      }
      const facts = { job, sent: step.sent }
      await writeMirrored(run, commentId, trigger.url, { before: now, next, facts, until })
    })
  } catch (error) {
    if (ports.signal.aborted) throw error
    logger.warning(
      `Docs job ${job.id} is ${job.status}, but the status comment could not say so (${(error as Error).message}); the next event brings it up to date.`
    )
  }
  return waited
}
