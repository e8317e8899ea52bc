/**
 * One pass under the pull request's send lock: the state and the pull request as they are now,
 * and then the one thing to do about them: nothing, wait for a busy job, or send what is new.
 */
import { isFinal, type AgentJob } from '../core/agent-api.js'
import { deliverMessage, startJob } from '../core/delivery.js'
import type { SyncStep } from '../core/outcome.js'
import { readJob } from '../core/poller.js'
import { pendingChanges } from './changes.js'
import { promptRules, type SyncRun } from './context.js'
import type { PullRequestInfo } from './pull-request.js'
import { readSyncState, renderSyncComment, type SyncState } from './state.js'

export type Step =
  | { kind: 'sent'; job: AgentJob; prompt: string; created: boolean; state: SyncState }
  | { kind: 'nothing'; sync: SyncStep; message: string; state?: SyncState }
  | { kind: 'busy'; job: AgentJob; state: SyncState }
  | { kind: 'failed'; message: string; job?: AgentJob; state?: SyncState }

/** How the code pull request ended, for the state. */
export const closedOf = (pr: PullRequestInfo): SyncState['closed'] =>
  pr.state !== 'closed' ? undefined : pr.merged ? 'merged' : 'unmerged'

/** `until`: when the lock must be given back; no wait under it lasts longer. */
export async function stepOnce(run: SyncRun, commentId: number, until: number): Promise<Step> {
  const { thread, pullRequest, ports, settings, trigger } = run
  const { clock, signal, logger, retryPolicy } = ports
  const deadline = Math.min(ports.deadline, until)
  const body = await thread.commentBody('issue-comment', commentId)
  if (body === undefined)
    return {
      kind: 'failed',
      message: `The action's status comment on this pull request was deleted while this run used it: nothing was sent. The next event starts over with a new docs job.`
    }
  const state = readSyncState(body)
  const pr = await pullRequest.read()
  const closed = closedOf(pr)
  const write = (next: SyncState) => thread.update(commentId, renderSyncComment(next, pr.url))
  const delivery = { client: ports.agent, clock, deadline, retryPolicy, signal, logger }
  const moved = (next: Partial<SyncState>): SyncState | undefined =>
    state && { ...state, closed, baseRef: pr.baseRef, ...next }

  if (closed === 'unmerged') {
    const next = moved({})
    if (next && state?.closed !== closed) await write(next)
    return {
      kind: 'nothing',
      sync: 'closed',
      ...(state ? { state } : {}),
      message: state
        ? `The pull request was closed without merging: its docs pull request${state.prLink ? ` (${state.prLink})` : ''} should be closed too; the status comment says so.`
        : 'The pull request was closed without merging before any docs job was started: nothing to do.'
    }
  }

  const upToDate = state?.sentSha === pr.headSha && (trigger.headSha ?? pr.headSha) === pr.headSha
  if (state && !upToDate) {
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
