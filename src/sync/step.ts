/**
 * One pass under the pull request's send lock: the state and the pull request as they are now,
 * and then the one thing to do about them: nothing, wait for a busy job, or send what is new.
 */
import { isFinal, type AgentJob } from '../core/agent-api.js'
import { deliverMessage, startJob } from '../core/delivery.js'
import type { SyncStep } from '../core/outcome.js'
import { readJob } from '../core/poller.js'
import { failureKind } from '../core/explain.js'
import { pendingChanges } from './changes.js'
import { promptRules, type SyncRun } from './context.js'
import type { PullRequestInfo } from './pull-request.js'
import { mayHaveStarted, readSyncState, renderSyncComment, type SyncState } from './state.js'

export type Step =
  | { kind: 'sent'; job: AgentJob; prompt: string; created: boolean; state: SyncState }
  | { kind: 'nothing'; sync: SyncStep; message: string; state?: SyncState }
  | { kind: 'busy'; job: AgentJob; state: SyncState }
  | { kind: 'failed'; message: string; job?: AgentJob; state?: SyncState }
  /** The lock's time ran short before the send: take it anew, and look again. */
  | { kind: 'again' }

/** What the step was doing with Mintlify, for the message if it fails. */
export interface StepDoing {
  operation: 'read' | 'send' | 'create'
  jobId: string | undefined
}

/** How the code pull request ended, for the state. */
export const closedOf = (pr: PullRequestInfo): SyncState['closed'] =>
  pr.state !== 'closed' ? undefined : pr.merged ? 'merged' : 'unmerged'

/**
 * `until`: when the lock must be given back; no wait under it lasts longer, and nothing is sent
 * unless its request can end by then. `doing` follows what the step does with Mintlify.
 */
export async function stepOnce(
  run: SyncRun,
  commentId: number,
  until: number,
  doing: StepDoing
): Promise<Step> {
  const body = await run.thread.commentBody('issue-comment', commentId)
  if (body === undefined)
    return {
      kind: 'failed',
      message: `The action's status comment on this pull request was deleted while this run used it: nothing was sent. The next event starts over with a new docs job.`
    }
  const state = readSyncState(body)
  if (!state && mayHaveStarted(body))
    return {
      kind: 'failed',
      message:
        "An earlier run's request to start this pull request's docs job may have reached Mintlify, but its answer was lost, so no job is started now: that could make a second one. Find the job on the Mintlify dashboard, or delete the action's status comment on this pull request to start over."
    }
  doing.jobId = state?.jobId
  try {
    return await decide(run, commentId, until, doing, state)
  } catch (error) {
    // Under the lock still: the comment says why no job was started, and whether one may exist.
    if (!state) await sayWhyNoJob(run, commentId, error, doing)
    throw error
  }
}

async function decide(
  run: SyncRun,
  commentId: number,
  until: number,
  doing: StepDoing,
  state: SyncState | undefined
): Promise<Step> {
  const { thread, pullRequest, ports, settings, trigger } = run
  const { clock, signal, logger, retryPolicy } = ports
  const deadline = Math.min(ports.deadline, until)
  const pr = await pullRequest.read()
  const closed = closedOf(pr)
  const write = (next: SyncState) => thread.update(commentId, renderSyncComment(next, pr.url))
  const delivery = { client: ports.agent, clock, deadline, retryPolicy, signal, logger }
  const moved = (next: Partial<SyncState>): SyncState | undefined =>
    state && { ...state, closed, baseRef: pr.baseRef, ...next }

  if (closed === 'unmerged') {
    let next = moved({})
    // The docs pull request to close is named in the outputs: read it if no run recorded it.
    if (next && !next.prLink) {
      doing.operation = 'read'
      const job = await ports.agent.getJob(next.jobId)
      next = { ...next, status: job.status, prLink: job.prLink ?? undefined }
    }
    if (next && (state?.closed !== closed || next.prLink !== state.prLink)) await write(next)
    return {
      kind: 'nothing',
      sync: 'closed',
      ...(next ? { state: next } : {}),
      message: next
        ? `The pull request was closed without merging: its docs pull request${next.prLink ? ` (${next.prLink})` : ''} should be closed too; the status comment says so.`
        : 'The pull request was closed without merging before any docs job was started: nothing to do.'
    }
  }

  const upToDate = state?.sentSha === pr.headSha && (trigger.headSha ?? pr.headSha) === pr.headSha
  if (state && !upToDate) {
    doing.operation = 'read'
    const job = await readJob(() => ports.agent.getJob(state.jobId), {
      clock,
      intervalMs: settings.pollIntervalMs,
      deadline,
      signal,
      logger
    })
    if (job.status === 'archived') {
      await write({ ...(moved({ status: 'archived' }) ?? state) })
      return {
        kind: 'failed',
        job,
        state,
        message: `Docs job ${job.id} is archived and takes no more messages, so the new commits were not sent. To start over, delete the action's status comment on this pull request: the next event starts a new docs job.`
      }
    }
    if (!isFinal(job.status)) {
      if (state.closed !== closed) await write({ ...state, closed, baseRef: pr.baseRef })
      return { kind: 'busy', job, state }
    }
  }

  const pending = upToDate
    ? ({ kind: 'none', headSha: pr.headSha } as const)
    : await pendingChanges(trigger, pullRequest, pr, state, promptRules(settings))
  if (pending.kind === 'none') {
    const next = moved({ sentSha: pending.headSha })
    if (next && (next.sentSha !== state?.sentSha || next.closed !== state?.closed))
      await write(next)
    return {
      kind: 'nothing',
      sync: closed === 'merged' ? 'merged' : 'up-to-date',
      ...(state ? { state } : {}),
      message: `Docs job ${state?.jobId} already has every change up to ${pending.headSha.slice(0, 7)}: nothing new to send.`
    }
  }

  // The first try of a send runs to its request timeout: it must end while the lock holds.
  if (clock.now() + settings.requestTimeoutMs >= until) return { kind: 'again' }
  const { prompt, headSha } = pending
  const what =
    pending.kind === 'commits'
      ? `the commits ${pending.from.slice(0, 7)}..${headSha.slice(0, 7)}`
      : state
        ? 'the whole pull request again (its branch was rewritten)'
        : 'the whole pull request'
  logger.info(
    `${state ? `Sending docs job ${state.jobId}` : `Starting the docs job of pull request #${pr.number} with`} ${what} (${prompt.length} characters).`
  )
  doing.operation = state ? 'send' : 'create'
  const taken = state
    ? await deliverMessage({ ...delivery, jobId: state.jobId, prompt })
    : await startJob({ ...delivery, prompt })
  const next: SyncState = {
    jobId: taken.id,
    sentSha: headSha,
    sentFrom: pending.kind === 'commits' ? pending.from : undefined,
    status: taken.status,
    prLink: taken.prLink ?? state?.prLink,
    closed,
    baseRef: pr.baseRef
  }
  await recordOrSay(write, next)
  return { kind: 'sent', job: taken, prompt, created: !state, state: next }
}

/** Without a job yet, the status comment says why none was started, instead of "starting". */
async function sayWhyNoJob(run: SyncRun, commentId: number, error: unknown, doing: StepDoing) {
  const uncertain = doing.operation === 'create' && failureKind(error, 'create') === 'uncertain'
  const trouble = (error as Error).message
  try {
    await run.thread.update(
      commentId,
      renderSyncComment(undefined, run.trigger.url, { trouble, uncertain })
    )
  } catch (failure) {
    run.ports.logger.warning(
      `The status comment could not say why no docs job was started (${(failure as Error).message}).`
    )
  }
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
