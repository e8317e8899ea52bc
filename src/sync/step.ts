/**
 * One pass under the pull request's send lock: the state and the pull request as they are now,
 * and then the one thing to do about them: nothing, wait for a busy job (as the pull request's
 * one waiting run), wait out Mintlify's hourly limit, or send what is new.
 */
import { isFinal, MintlifyRequestError, type AgentJob } from '../core/agent-api.js'
import { DEFAULT_RATE_LIMIT_WAIT_MS, deliverMessage, startJob } from '../core/delivery.js'
import type { SyncStep } from '../core/outcome.js'
import { readJob } from '../core/poller.js'
import { failureKind } from '../core/explain.js'
import { newestHead, pendingChanges, successorNote } from './changes.js'
import { promptRules, type SyncRun } from './context.js'
import { isAlive, type Me } from './waiting.js'
import type { ChangedFile, PullRequestInfo } from './pull-request.js'
import {
  clockTime,
  mayHaveStarted,
  readSyncState,
  renderSyncComment,
  type SyncState
} from './state.js'

export type Step =
  | {
      kind: 'sent'
      job: AgentJob
      prompt: string
      files: ChangedFile[]
      created: boolean
      state: SyncState
    }
  | { kind: 'nothing'; sync: SyncStep; message: string; state?: SyncState }
  /** The job works on an earlier message: this run is now the one that waits for it. */
  | { kind: 'busy'; job: AgentJob; state: SyncState }
  /** Mintlify's hourly limit: this run waits until `retryAt` (clock ms), if its timeout allows. */
  | { kind: 'limited'; retryAt: number }
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
  doing: StepDoing,
  me: Me
): Promise<Step> {
  const body = await run.thread.commentBody('issue-comment', commentId)
  if (body === undefined)
    return {
      kind: 'failed',
      message: `The action's status comment on this pull request was deleted while this run used it: nothing was sent. The next event starts over with a new docs job.`
    }
  const state = readSyncState(body)
  // Also for a successor: its start may have made a job as well.
  if (mayHaveStarted(body))
    return {
      kind: 'failed',
      message:
        "An earlier run's request to start this pull request's docs job may have reached Mintlify, but its answer was lost, so no job is started now: that could make a second one. Find the job on the Mintlify dashboard, or delete the action's status comment on this pull request to start over."
    }
  doing.jobId = state?.jobId
  try {
    return await decide(run, commentId, until, doing, state, me)
  } catch (error) {
    // Under the lock still: the comment says why no job was started, and whether one may exist.
    if (!state || doing.operation === 'create')
      await sayWhyNoJob(run, commentId, error, doing, state)
    throw error
  }
}

async function decide(
  run: SyncRun,
  commentId: number,
  until: number,
  doing: StepDoing,
  state: SyncState | undefined,
  me: Me
): Promise<Step> {
  const { thread, pullRequest, ports, settings, trigger } = run
  const { clock, signal, logger, retryPolicy } = ports
  const deadline = Math.min(ports.deadline, until)
  const pr = await pullRequest.read()
  const closed = closedOf(pr)
  const write = (next: SyncState) => thread.update(commentId, renderSyncComment(next, pr.url))
  const delivery = { client: ports.agent, clock, deadline, retryPolicy, signal, logger }
  // This run's own claim to wait goes with the state it writes last.
  const moved = (from: SyncState, next: Partial<SyncState>): SyncState => ({
    ...from,
    closed,
    baseRef: pr.baseRef,
    waiter: from.waiter?.run === me.run ? undefined : from.waiter,
    off: undefined,
    ...next
  })
  const claim = (from: SyncState, next: Partial<SyncState>): SyncState => ({
    ...moved(from, next),
    waiter: me
  })
  const writeIfChanged = async (next: SyncState) => {
    if (renderSyncComment(next, pr.url) !== renderSyncComment(state, pr.url)) await write(next)
  }
  const readNow = (jobId: string) =>
    readJob(() => ports.agent.getJob(jobId), {
      clock,
      intervalMs: settings.pollIntervalMs,
      deadline,
      signal,
      logger
    })

  if (closed === 'unmerged') {
    // The workflow closes the docs pull request with the code's: a reopened pull request's next
    // push goes to a successor job.
    let next = state && moved(state, { pending: undefined, retired: state.retired ?? 'closed' })
    // The docs pull request to close is named in the outputs: wait for the job to open it.
    if (next && state && !next.prLink && (!state.retired || state.retired === 'closed')) {
      doing.operation = 'read'
      const job = await readNow(next.jobId)
      next = { ...next, status: job.status, prLink: job.prLink ?? undefined }
      if (!isFinal(job.status)) {
        const waiting = claim(next, { pending: undefined })
        await write(waiting)
        return { kind: 'busy', job, state: waiting }
      }
    }
    if (next) await writeIfChanged(next)
    return {
      kind: 'nothing',
      sync: 'closed',
      ...(next ? { state: next } : {}),
      message: next
        ? `The pull request was closed without merging: its docs pull request${next.prLink ? ` (${next.prLink})` : ''} should be closed too; the status comment says so.`
        : 'The pull request was closed without merging before any docs job was started: nothing to do.'
    }
  }

  // Reopened after an unmerged close: the next push, not the reopening, starts a successor.
  const retired = state?.retired
  const reopened = trigger.action === 'reopened' && retired !== undefined
  const target = await newestHead(trigger, pullRequest, pr)
  if (state && state.sentSha === target && (!retired || reopened)) {
    const next = moved(state, { pending: undefined })
    await writeIfChanged(next)
    return {
      kind: 'nothing',
      sync: closed === 'merged' ? 'merged' : 'up-to-date',
      state: next,
      message: reopened
        ? `Pull request #${pr.number} was reopened: docs job ${state.jobId} takes no more messages (its docs pull request was closed with the code's, or the job is archived), so the next push starts a new docs job that continues it.`
        : `Docs job ${state.jobId} already has every change up to ${target.slice(0, 7)}: nothing new to send.`
    }
  }

  let job: AgentJob | undefined
  if (state && !retired) {
    // These commits are already the waiting run's to send: this run need not wait too.
    const { waiter, pending: waiting } = state
    if (
      closed !== 'merged' &&
      waiting?.headSha === target &&
      waiter &&
      waiter.run !== me.run &&
      clock.wallTime() < waiter.until &&
      (await isAlive(run, waiter.run))
    )
      return {
        kind: 'nothing',
        sync: 'queued',
        state,
        message: `Another run of this workflow waits for docs job ${state.jobId} and sends the commits up to ${target.slice(0, 7)} when it is free: this run need not wait too.`
      }
    doing.operation = 'read'
    job = await readNow(state.jobId)
    if (!isFinal(job.status)) {
      const waiting = claim(state, {
        status: job.status,
        pending: { headSha: target, why: 'busy' }
      })
      await write(waiting)
      return { kind: 'busy', job, state: waiting }
    }
  }
  const successorOf = state && (retired ?? (job?.status === 'archived' ? 'archived' : undefined))

  const pending = await pendingChanges(
    target,
    pullRequest,
    pr,
    successorOf ? undefined : state,
    promptRules(settings),
    successorOf && state ? successorNote(state, pr) : undefined
  )
  if (pending.kind === 'none') {
    const next = state && moved(state, { sentSha: pending.headSha, pending: undefined })
    if (next) await writeIfChanged(next)
    return {
      kind: 'nothing',
      sync: closed === 'merged' ? 'merged' : 'up-to-date',
      ...(next ? { state: next } : {}),
      message: pending.base
        ? `The commits up to ${pending.headSha.slice(0, 7)} only bring in ${pr.baseRef}: nothing of the pull request's own to send.`
        : `Docs job ${state?.jobId} already has every change up to ${pending.headSha.slice(0, 7)}: nothing new to send.`
    }
  }

  // The first try of a send runs to its request timeout: it must end while the lock holds.
  if (clock.now() + settings.requestTimeoutMs >= until) return { kind: 'again' }
  const { prompt, headSha } = pending
  const what =
    pending.kind === 'commits'
      ? `the commits ${pending.from.slice(0, 7)}..${headSha.slice(0, 7)}`
      : state
        ? 'the whole pull request again'
        : 'the whole pull request'
  const starting = !state || successorOf
  logger.info(
    `${
      !state
        ? `Starting the docs job of pull request #${pr.number} with`
        : successorOf
          ? `Docs job ${state.jobId} takes no more messages: starting a new docs job with`
          : `Sending docs job ${state.jobId}`
    } ${what} (${prompt.length} characters).`
  )
  doing.operation = starting ? 'create' : 'send'
  let taken: AgentJob
  try {
    taken =
      !state || successorOf
        ? await startJob({ ...delivery, prompt })
        : await deliverMessage({ ...delivery, jobId: state.jobId, prompt })
  } catch (error) {
    if (!(error instanceof MintlifyRequestError)) throw error
    if (error.status === 429) {
      const wait = error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS
      const retryAt = clock.now() + wait
      const pendingNow = { headSha, why: 'limited' as const, at: clock.wallTime() + wait }
      if (state) {
        const next =
          retryAt < ports.deadline
            ? claim(state, { pending: pendingNow })
            : moved(state, { pending: pendingNow })
        await write(next)
        return { kind: 'limited', retryAt }
      }
      // No job yet, and surely none started: the comment says when the next try can start one.
      if (retryAt >= ports.deadline)
        await thread.update(
          commentId,
          renderSyncComment(undefined, pr.url, {
            trouble: `Mintlify's hourly limit of messages for this project was reached until about ${clockTime(pendingNow.at)}.`,
            uncertain: false
          })
        )
      return { kind: 'limited', retryAt }
    }
    if (state && !starting && takesNoMoreMessages(error)) {
      const next = moved(state, { retired: 'refused', pending: { headSha, why: 'busy' } })
      await write(next)
      logger.warning(
        `Mintlify refused the message for docs job ${state.jobId} (${error.serverMessage ?? 'status 400'}): the job takes no more messages, so a new docs job takes over.`
      )
      return { kind: 'again' }
    }
    throw error
  }
  const next: SyncState = {
    jobId: taken.id,
    sentSha: headSha,
    sentFrom: pending.kind === 'commits' ? pending.from : undefined,
    status: taken.status,
    prLink: taken.prLink ?? (successorOf ? undefined : state?.prLink),
    closed,
    baseRef: pr.baseRef,
    waiter: settings.wait ? me : undefined,
    previous: successorOf && state ? { jobId: state.jobId, prLink: state.prLink } : state?.previous
  }
  await recordOrSay(write, next)
  const { files } = pending
  return { kind: 'sent', job: taken, prompt, files, created: Boolean(starting), state: next }
}

/**
 * A 400 that says the job has ended ("Job is not active"): it takes no more messages, so a
 * successor takes over. Any other 400 is the message's own fault, and a successor would not help.
 */
const takesNoMoreMessages = (error: MintlifyRequestError): boolean =>
  error.status === 400 &&
  /not active|inactive|archived|has ended|is (?:completed|closed|finished)/i.test(
    error.serverMessage ?? ''
  )

/** Without a job yet, the status comment says why none was started, instead of "starting". */
async function sayWhyNoJob(
  run: SyncRun,
  commentId: number,
  error: unknown,
  doing: StepDoing,
  state: SyncState | undefined
) {
  const uncertain = doing.operation === 'create' && failureKind(error, 'create') === 'uncertain'
  if (state && !uncertain) return
  const trouble = (error as Error).message
  try {
    await run.thread.update(
      commentId,
      renderSyncComment(state, run.trigger.url, { trouble, uncertain })
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
