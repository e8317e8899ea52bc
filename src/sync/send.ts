/**
 * Sending a code pull request's news to its docs job, under the pull request's send lock: each
 * change goes once and in order, never into a busy job, and the job is started only once.
 */
import { MintlifyRequestError, type AgentJob } from '../core/agent-api.js'
import { formatDuration } from '../core/duration.js'
import { explainFailure, failureKind } from '../core/explain.js'
import { freshOutcome, type Outcome, type RunResult, type SyncStep } from '../core/outcome.js'
import { pollUntilFinal } from '../core/poller.js'
import { judge } from '../core/verdict.js'
import { loginMatches } from '../thread/logins.js'
import { syncCommentOf } from '../thread/markers.js'
import { acquireSendLock, LockTimeout } from '../thread/send-lock.js'
import type { SyncRun } from './context.js'
import { readSyncState, renderSyncComment } from './state.js'
import { closedOf, stepOnce, type Step, type StepDoing } from './step.js'

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
  const later =
    trigger.action === 'closed'
      ? 'this was the pull request’s last event, so run this workflow again once the job is done to send them (nothing was sent, so nothing goes twice)'
      : 'they go with the next push or the merge (nothing was sent, so nothing goes twice)'
  const doing: StepDoing = { operation: 'read', jobId: undefined }
  try {
    const commentId = await statusComment(run)
    if (commentId === undefined)
      return end(
        'closed',
        'The pull request was closed without merging before any docs job was started: nothing to do.'
      )
    result.statusCommentId = commentId
    for (;;) {
      const id = commentId
      const step: Step = await underLock(run, id, (until) => stepOnce(run, id, until, doing))
      if (step.kind === 'again') continue
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
      if (step.kind === 'busy') {
        outcome.jobId = step.job.id
        outcome.job = step.job
        logger.info(
          `Docs job ${step.job.id} is ${step.job.status} with an earlier message; waiting for it to finish before sending what is new.`
        )
        const idle = await untilFinal(run, step.job, startedAt)
        if (idle.timedOut) {
          outcome.timedOut = true
          outcome.job = idle.job
          return end(
            'busy',
            `Docs job ${step.job.id} was still ${idle.job.status} when the ${formatDuration(settings.timeoutMs)} timeout passed, so the new commits were not sent: ${later}.`
          )
        }
        continue
      }
      outcome.jobId = step.job.id
      outcome.job = step.job
      outcome.prompt = step.prompt
      outcome.sent = true
      outcome.created = step.created
      result.result = 'sent'
      if (settings.wait) await follow(run, id, step, outcome, startedAt)
      outcome.durationMs = clock.now() - startedAt
      // Past the timeout the job goes on, and the next event shows how it ended: no failure.
      const verdict = outcome.timedOut ? undefined : judge(outcome, 'sent', settings, ports)
      outcome.failureKind = verdict?.kind
      return end(
        step.created ? 'started' : step.state.closed === 'merged' ? 'merged' : 'sent',
        verdict?.message
      )
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
    const message = failureMessage(error, run, outcome, doing, later)
    return end(error instanceof LockTimeout ? 'busy' : 'failed', message)
  }
}

function failureMessage(
  error: unknown,
  run: SyncRun,
  outcome: Outcome,
  doing: StepDoing,
  later: string
): string {
  if (error instanceof LockTimeout) return `${error.message}; nothing was sent: ${later}.`
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
 * oldest, and the other run deletes its own.
 */
async function statusComment(run: SyncRun): Promise<number | undefined> {
  const { thread, comment, trigger, pullRequest } = run
  if (comment) return comment.id
  if (closedOf(await pullRequest.read()) === 'unmerged') return undefined
  const posted = await thread.post(renderSyncComment(undefined, trigger.url))
  // The token's login could not be read: the comment the run just wrote says who it is.
  if (!loginMatches(run.self, posted.author)) run.self = posted.author
  const oldest = syncCommentOf(await thread.conversation(), (login) =>
    loginMatches(run.self, login)
  )
  if (oldest && oldest.id !== posted.id) {
    await thread.remove(posted.id)
    return oldest.id
  }
  return posted.id
}

async function underLock<T>(
  run: SyncRun,
  commentId: number,
  work: (until: number) => Promise<T>
): Promise<T> {
  const { ports, thread, settings } = run
  const lock = await acquireSendLock(thread, commentId, {
    clock: ports.clock,
    signal: ports.signal,
    deadline: ports.deadline,
    pollMs: settings.pollIntervalMs,
    logger: ports.logger
  })
  try {
    return await work(lock.until)
  } finally {
    await lock.release()
  }
}

/** Reads the job until it is final or the run's timeout passes. */
function untilFinal(run: SyncRun, job: AgentJob, startedAt: number) {
  const { ports, settings } = run
  return pollUntilFinal({
    readJob: () => ports.agent.getJob(job.id),
    clock: ports.clock,
    intervalMs: settings.pollIntervalMs,
    deadline: ports.deadline,
    startedAt,
    lastKnown: job,
    signal: ports.signal,
    logger: ports.logger
  })
}

/**
 * Waits for the job to finish, then shows its status and pull request in the comment. What was
 * sent is sent: a comment that cannot be brought up to date is a warning, and the next event
 * does it.
 */
async function follow(
  run: SyncRun,
  commentId: number,
  step: Extract<Step, { kind: 'sent' }>,
  outcome: Outcome,
  startedAt: number
): Promise<void> {
  const { ports, settings, thread, trigger } = run
  const { logger } = ports
  const result = await untilFinal(run, step.job, startedAt)
  outcome.job = result.job
  outcome.timedOut = result.timedOut
  if (result.timedOut) {
    logger.notice(
      `Docs job ${step.job.id} is still ${result.job.status} after the ${formatDuration(settings.timeoutMs)} timeout; it goes on, and the next event brings the status comment up to date.`
    )
    return
  }
  if (result.job.prLink)
    logger.notice(`Docs pull request for #${trigger.number}: ${result.job.prLink}`)
  try {
    await underLock(run, commentId, async () => {
      const now = readSyncState((await thread.commentBody('issue-comment', commentId)) ?? '')
      // A later run sent more meanwhile: the job works on that now, and that run reports it.
      if (now?.jobId !== result.job.id || now.sentSha !== step.state.sentSha) return
      const next = { ...now, status: result.job.status, prLink: result.job.prLink ?? now.prLink }
      await thread.update(commentId, renderSyncComment(next, trigger.url))
    })
  } catch (error) {
    if (ports.signal.aborted) throw error
    logger.warning(
      `Docs job ${step.job.id} is ${result.job.status}, but the status comment could not say so (${(error as Error).message}); the next event brings it up to date.`
    )
  }
}
