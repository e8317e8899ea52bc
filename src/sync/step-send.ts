/**
 * The send of one step: starting the job or messaging it, and what Mintlify's answer means for
 * the state (taken, the hourly limit, a job that takes no more messages).
 */
import { MintlifyRequestError, type AgentJob } from '../core/agent-api.js'
import { DEFAULT_RATE_LIMIT_WAIT_MS, deliverMessage, startJob } from '../core/delivery.js'
import { failureKind } from '../core/explain.js'
import { MAX_PROMPT_LENGTH } from '../settings/settings.js'
import { promptBudget } from '../prompt/budget.js'
import type { pendingChanges } from '../prompt/changes.js'
import { promptRules, type SyncRun } from './context.js'
import { writeMirrored, type MirrorFacts } from './mirror.js'
import { clockTime, renderSyncComment, type SyncState } from './state.js'
import type { Scope, Step, StepDoing } from './step-scope.js'

type Pending = Exclude<Awaited<ReturnType<typeof pendingChanges>>, { kind: 'none' }>

export async function sendPending(
  scope: Scope,
  pending: Pending,
  job: AgentJob | undefined,
  successorOf: SyncState['retired'] | undefined
): Promise<Step> {
  const { run, state, pr, closed, doing, me, until, commentId } = scope
  const { ports, settings, thread } = run
  const { clock, signal, logger, retryPolicy } = ports
  // The first try of a send runs to its request timeout: it must end while the lock holds.
  if (clock.now() + settings.requestTimeoutMs >= until) return { kind: 'again' }
  const { prompt, headSha } = pending
  const what =
    pending.kind === 'commits'
      ? `the commits ${pending.from.slice(0, 7)}..${headSha.slice(0, 7)}`
      : state
        ? 'the whole pull request again'
        : 'the whole pull request'
  const starting = !state || successorOf !== undefined
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
  const delivery = {
    client: ports.agent,
    clock,
    deadline: Math.min(ports.deadline, until),
    retryPolicy,
    signal,
    logger
  }
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
        const known = { pending: pendingNow, ...jobFields(job, state) }
        const next =
          retryAt < ports.deadline ? scope.claim(state, known) : scope.moved(state, known)
        await scope.write(next, { job })
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
      const next = scope.moved(state, {
        retired: 'refused',
        pending: { headSha, why: 'busy' },
        ...jobFields(job, state)
      })
      await scope.write(next, { job })
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
    previous: successorOf && state ? { jobId: state.jobId, prLink: state.prLink } : state?.previous,
    checks: state?.checks,
    docs: state?.docs
  }
  // What was sent is written down first; what follows it comes after, and may fail.
  await recordOrSay((written) => thread.update(commentId, renderSyncComment(written, pr.url)), next)
  const { files } = pending
  const sent = {
    length: prompt.length,
    limit: MAX_PROMPT_LENGTH,
    files: promptBudget(prompt, files, promptRules(settings)).files
  }
  // The job is now busy with this message: how it ended before says how the head sent before
  // ended, and (for the same job) lets the docs pull request's comment say what was sent.
  const facts = { job: taken, finished: job, ended: successorOf ? undefined : job, sent }
  const shown = await followed(scope, next, facts)
  return { kind: 'sent', job: taken, prompt, sent, created: starting, state: shown }
}

/** The state once its check runs and docs pull request follow it; a failed write is a warning. */
async function followed(scope: Scope, next: SyncState, facts: MirrorFacts): Promise<SyncState> {
  const { run, commentId, pr, state, until } = scope
  try {
    return await writeMirrored(
      run,
      commentId,
      pr.url,
      { before: state, next, facts, until },
      { state: next }
    )
  } catch (error) {
    if (run.ports.signal.aborted) throw error
    run.ports.logger.warning(
      `The status comment could not record the check run or the docs pull request's comment (${(error as Error).message}); the next event writes it again.`
    )
    return next
  }
}

/** The job as read, for the state: how the head sent before ended. */
const jobFields = (job: AgentJob | undefined, state: SyncState): Partial<SyncState> =>
  job ? { status: job.status, prLink: job.prLink ?? state.prLink } : {}

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
export async function sayWhyNoJob(
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
