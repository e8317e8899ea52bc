/**
 * Sending a code pull request's news to its docs job, under the pull request's send lock: each
 * change goes once and in order, never into a busy job, and the job is started only once.
 */
import { isFinal, MintlifyRequestError, type AgentJob } from '../core/agent-api.js'
import { deliverMessage, startJob } from '../core/delivery.js'
import { formatDuration } from '../core/duration.js'
import { explainFailure, failureKind } from '../core/explain.js'
import type { Outcome, RunResult } from '../core/outcome.js'
import { pollUntilFinal, readJob } from '../core/poller.js'
import { judge } from '../core/verdict.js'
import { acquireSendLock, LockTimeout } from '../thread/send-lock.js'
import { syncCommentOf } from '../thread/markers.js'
import { promptRules, readPullRequest, type SyncRun } from './context.js'
import { newCommitsPrompt, wholePullRequestPrompt } from './prompt.js'
import type { PullRequestInfo } from './pull-request.js'
import { readSyncState, renderSyncComment, type SyncState } from './state.js'

/** How the code pull request ended, for the state. */
const closedOf = (pr: PullRequestInfo): SyncState['closed'] =>
  pr.state !== 'closed' ? undefined : pr.merged ? 'merged' : 'unmerged'

/** What one pass under the lock did. */
type Step =
  | { kind: 'sent'; job: AgentJob; prompt: string; created: boolean; state: SyncState }
  | { kind: 'nothing'; sync: string; message: string; state?: SyncState }
  | { kind: 'busy'; job: AgentJob }
  | { kind: 'failed'; message: string; job?: AgentJob }

export async function sendInStep(run: SyncRun, result: RunResult): Promise<RunResult> {
  const { ports, settings } = run
  const { clock, logger } = ports
  const startedAt = clock.now()
  const outcome: Outcome = {
    jobId: '',
    prompt: '',
    job: undefined,
    sent: false,
    created: false,
    timedOut: false,
    cancelled: false,
    durationMs: 0,
    failure: undefined
  }
  const end = (sync: string, failure?: string): RunResult => {
    outcome.durationMs = clock.now() - startedAt
    outcome.failure = failure
    result.sync = sync
    result.outcome = outcome
    return result
  }
  try {
    const commentId = await statusComment(run)
    result.statusCommentId = commentId
    for (;;) {
      const step = await underLock(run, commentId, () => stepOnce(run, commentId))
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
        const idle = await pollUntilFinal({
          readJob: () => ports.agent.getJob(step.job.id),
          clock,
          intervalMs: settings.pollIntervalMs,
          deadline: ports.deadline,
          startedAt,
          lastKnown: step.job,
          signal: ports.signal,
          logger
        })
        if (idle.timedOut) {
          outcome.timedOut = true
          outcome.job = idle.job
          return end(
            'busy',
            `Docs job ${step.job.id} was still ${idle.job.status} when the ${formatDuration(settings.timeoutMs)} timeout passed, so the new commits were not sent; they go with the next push or the merge, or run this workflow again once the job is done (nothing was sent, so nothing goes twice).`
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
      if (settings.wait) await follow(run, commentId, step, outcome, startedAt)
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
    if (error instanceof LockTimeout)
      return end('busy', `${error.message}; nothing was sent: the next push or the merge sends it.`)
    if (!(error instanceof MintlifyRequestError)) return end('failed', (error as Error).message)
    const operation = outcome.sent ? 'read' : outcome.jobId ? 'send' : 'create'
    outcome.failureKind = failureKind(error, operation)
    return end(
      'failed',
      explainFailure(error, {
        operation,
        jobId: outcome.jobId || '(new)',
        projectId: settings.projectId,
        baseUrl: settings.baseUrl,
        requestTimeoutMs: settings.requestTimeoutMs,
        vocabulary: ports.vocabulary
      })
    )
  }
}

/**
 * The sync status comment's ID: the one found, or a new one. Two first runs at once both post
 * one; each then keeps the oldest, and the other run deletes its own.
 */
async function statusComment(run: SyncRun): Promise<number> {
  const { thread, comment, trigger, trusted } = run
  if (comment) return comment.id
  const posted = await thread.post(renderSyncComment(undefined, trigger.url))
  const oldest = syncCommentOf(await thread.conversation(), trusted)
  if (oldest && oldest.id !== posted.id) {
    await thread.remove(posted.id)
    return oldest.id
  }
  return posted.id
}

async function underLock<T>(run: SyncRun, commentId: number, work: () => Promise<T>): Promise<T> {
  const { ports, thread, settings } = run
  const lock = await acquireSendLock(thread, commentId, {
    clock: ports.clock,
    signal: ports.signal,
    deadline: ports.deadline,
    pollMs: settings.pollIntervalMs,
    logger: ports.logger
  })
  try {
    return await work()
  } finally {
    await lock.release()
  }
}

/** One pass under the lock: the state and the pull request as they are now, then what to do. */
async function stepOnce(run: SyncRun, commentId: number): Promise<Step> {
  const { thread, pullRequest, ports, settings } = run
  const { clock, deadline, signal, logger, retryPolicy } = ports
  const body = await thread.commentBody('issue-comment', commentId)
  if (body === undefined)
    return {
      kind: 'failed',
      message: `The action's status comment on this pull request was deleted while this run used it: nothing was sent. The next event starts over with a new docs job.`
    }
  const state = readSyncState(body)
  const pr = await readPullRequest(run.trigger, pullRequest)
  const rules = promptRules(settings)
  const write = (next: SyncState) => thread.update(commentId, renderSyncComment(next, pr.url))
  const delivery = { client: ports.agent, clock, deadline, retryPolicy, signal, logger }

  if (!state) {
    if (closedOf(pr) === 'unmerged')
      return {
        kind: 'nothing',
        sync: 'closed',
        message:
          'The pull request was closed without merging before any docs job was started: nothing to do.'
      }
    const prompt = wholePullRequestPrompt(pr, await pullRequest.files(), rules)
    logger.info(
      `Starting the docs job of pull request #${pr.number} with the whole pull request (${prompt.length} characters).`
    )
    const job = await startJob({ ...delivery, prompt })
    const next: SyncState = {
      jobId: job.id,
      sentSha: pr.headSha,
      sentFrom: undefined,
      status: job.status,
      prLink: job.prLink ?? undefined,
      closed: closedOf(pr),
      baseRef: pr.baseRef
    }
    await recordOrSay(write, next)
    return { kind: 'sent', job, prompt, created: true, state: next }
  }

  const closed = closedOf(pr)
  if (state.sentSha === pr.headSha || closed === 'unmerged') {
    if (closed !== state.closed) await write({ ...state, closed, baseRef: pr.baseRef })
    const sync = closed === 'unmerged' ? 'closed' : closed === 'merged' ? 'merged' : 'up-to-date'
    return {
      kind: 'nothing',
      sync,
      state,
      message:
        closed === 'unmerged'
          ? `The pull request was closed without merging: its docs pull request${state.prLink ? ` (${state.prLink})` : ''} should be closed too; the status comment says so.`
          : `Docs job ${state.jobId} already has every commit up to ${pr.headSha.slice(0, 7)}: nothing new to send.`
    }
  }
  const job = await readJob(() => ports.agent.getJob(state.jobId), {
    clock,
    intervalMs: settings.pollIntervalMs,
    deadline,
    signal,
    logger
  })
  if (job.status === 'archived') {
    await write({ ...state, status: 'archived' })
    return {
      kind: 'failed',
      job,
      message: `Docs job ${job.id} is archived and takes no more messages, so the new commits were not sent. To start over, delete the action's status comment on this pull request: the next event starts a new docs job.`
    }
  }
  if (!isFinal(job.status)) return { kind: 'busy', job }

  const comparison = await pullRequest.compare(state.sentSha, pr.headSha)
  const rewritten =
    !comparison || comparison.status === 'behind' || comparison.status === 'diverged'
  const prompt = rewritten
    ? wholePullRequestPrompt(
        pr,
        await pullRequest.files(),
        rules,
        `The branch of pull request ${pr.url} was rewritten (a force push): ${state.sentSha.slice(0, 7)}, the commit the docs were last brought up to, is no longer part of it. Here is the whole pull request again: bring the docs change in step with it as it is now.`
      )
    : newCommitsPrompt(pr, state.sentSha, comparison, rules)
  logger.info(
    `Sending docs job ${job.id} ${rewritten ? 'the whole pull request again (its branch was rewritten)' : `the commits ${state.sentSha.slice(0, 7)}..${pr.headSha.slice(0, 7)}`} (${prompt.length} characters).`
  )
  const taken = await deliverMessage({ ...delivery, jobId: job.id, prompt })
  const next: SyncState = {
    ...state,
    sentSha: pr.headSha,
    sentFrom: rewritten ? undefined : state.sentSha,
    status: taken.status,
    prLink: taken.prLink ?? state.prLink,
    closed,
    baseRef: pr.baseRef
  }
  await recordOrSay(write, next)
  return { kind: 'sent', job: taken, prompt, created: false, state: next }
}

/**
 * Writes down what was sent. When GitHub refuses, the next event would send it again: the
 * message says so, with what to do.
 */
async function recordOrSay(write: (state: SyncState) => Promise<void>, state: SyncState) {
  try {
    await write(state)
  } catch (error) {
    throw new Error(
      `Mintlify took the message for docs job ${state.jobId}, but writing that down on the pull request failed (${(error as Error).message}), so the next event would send these commits again. Give the token issues: write.`,
      { cause: error }
    )
  }
}

/** Waits for the job to finish, then shows its status and pull request in the comment. */
async function follow(
  run: SyncRun,
  commentId: number,
  step: Extract<Step, { kind: 'sent' }>,
  outcome: Outcome,
  startedAt: number
): Promise<void> {
  const { ports, settings, thread, trigger } = run
  const { clock, logger } = ports
  const result = await pollUntilFinal({
    readJob: () => ports.agent.getJob(step.job.id),
    clock,
    intervalMs: settings.pollIntervalMs,
    deadline: ports.deadline,
    startedAt,
    lastKnown: step.job,
    signal: ports.signal,
    logger
  })
  outcome.job = result.job
  outcome.timedOut = result.timedOut
  if (result.timedOut) {
    logger.notice(
      `Docs job ${step.job.id} is still ${result.job.status} after the ${formatDuration(settings.timeoutMs)} timeout; it goes on, and the next event brings the status comment up to date.`
    )
    return
  }
  await underLock(run, commentId, async () => {
    const now = readSyncState((await thread.commentBody('issue-comment', commentId)) ?? '')
    // A later run may have sent more meanwhile: only the job's own fields change here.
    if (!now || now.jobId !== result.job.id) return
    const next = { ...now, status: result.job.status, prLink: result.job.prLink ?? now.prLink }
    await thread.update(commentId, renderSyncComment(next, trigger.url))
  })
  if (result.job.prLink)
    logger.notice(`Docs pull request for #${trigger.number}: ${result.job.prLink}`)
}
