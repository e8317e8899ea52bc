import { isFinal, MintlifyRequestError, type AgentApi, type AgentJob } from './agent-api.js'
import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import type { Logger } from './logger.js'
import { backoffDelay, type RetryPolicy } from './retry-policy.js'

/**
 * What a failed send tells us about the message:
 * - `not-delivered`: it surely never reached Mintlify, or Mintlify refused it for now (429, 503);
 * - `maybe-delivered`: it may have been taken before the failure (reset after sending, 500/502/504, a time-out);
 * - `rejected`: Mintlify answered for good (400, 401, 403, 404): sending again cannot help.
 */
export type SendFailure = 'not-delivered' | 'maybe-delivered' | 'rejected'

const NEVER_SENT_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'UND_ERR_CONNECT_TIMEOUT'
]

/** Without a Retry-After, a 429 on the send waits this long before the next try. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000

export function classifySendFailure(error: unknown): SendFailure {
  if (!(error instanceof MintlifyRequestError)) return 'rejected'
  if (error.notTaken) return 'not-delivered'
  if (error.status === undefined) {
    return error.code && NEVER_SENT_CODES.includes(error.code) ? 'not-delivered' : 'maybe-delivered'
  }
  if (error.status === 429 || error.status === 503) return 'not-delivered'
  if (error.status >= 500 || (error.status >= 200 && error.status < 300)) return 'maybe-delivered'
  return 'rejected'
}

export interface DeliveryOptions {
  client: AgentApi
  jobId: string
  prompt: string
  clock: Clock
  /** No new attempt starts after this instant (clock milliseconds). */
  deadline: number
  retryPolicy: RetryPolicy
  signal?: AbortSignal
  logger: Logger
}

/**
 * Sends the follow-up so that Mintlify takes it exactly once: resent only when it surely did not
 * arrive, and after an ambiguous failure only once a read of the job shows it was not taken.
 * Resolves with the job as it stands after delivery.
 */
export async function deliverMessage(options: DeliveryOptions): Promise<AgentJob> {
  const { client, jobId, prompt, signal, logger } = options
  for (let attempt = 1; ; attempt++) {
    let failure: MintlifyRequestError
    try {
      return await client.sendMessage(jobId, prompt)
    } catch (error) {
      if (signal?.aborted || classifySendFailure(error) === 'rejected') throw error
      failure = error as MintlifyRequestError
    }
    if (classifySendFailure(failure) === 'maybe-delivered') {
      logger.info(
        `Sending the message failed (${causeOf(failure)}) after it may have reached Mintlify; reading job ${jobId} to see whether it was taken.`
      )
      const job = await client.getJob(jobId).catch((readError: unknown) => {
        if (signal?.aborted) throw readError
        // Whether it was taken cannot be told: the send's own failure stands, as maybe taken.
        logger.warning(
          `Job ${jobId} could not be read (${(readError as Error).message}), so whether the message was taken cannot be told; it is not sent again.`
        )
        throw failure.afterAttempts(attempt)
      })
      if (!isFinal(job.status)) {
        logger.info(
          `Job ${jobId} is ${job.status}: the message was delivered, so it is not sent again.`
        )
        return job
      }
      logger.info(`Job ${jobId} is ${job.status}: the message was not taken.`)
      failure = failure.afterAttempts(failure.attempts, true)
    }

    await waitToTryAgain(failure, attempt, options, 'Sending the message')
  }
}

/**
 * Starts a new job, at most once. Tried again only when the request surely did not arrive or was
 * refused for now (429, 503); after an ambiguous failure there is no job ID to read back, so it is
 * never resent: two jobs would be worse than one reported as uncertain.
 */
export async function startJob(options: Omit<DeliveryOptions, 'jobId'>): Promise<AgentJob> {
  const { client, prompt, signal } = options
  for (let attempt = 1; ; attempt++) {
    let failure: MintlifyRequestError
    try {
      return await client.createJob(prompt)
    } catch (error) {
      if (signal?.aborted || classifySendFailure(error) !== 'not-delivered') throw error
      failure = error as MintlifyRequestError
    }
    await waitToTryAgain(failure, attempt, options, 'Starting the job')
  }
}

/**
 * Waits before another attempt, or throws the failure (with the attempts made) when none is left.
 * The hourly limit is waited out for as long as the timeout allows; other faults get a few tries.
 */
async function waitToTryAgain(
  failure: MintlifyRequestError,
  attempt: number,
  options: Omit<DeliveryOptions, 'jobId'>,
  what: string
): Promise<void> {
  const { clock, deadline, retryPolicy, signal, logger } = options
  const wait =
    failure.status === 429
      ? (failure.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS)
      : (failure.retryAfterMs ?? backoffDelay(attempt, retryPolicy))
  if (
    clock.now() + wait >= deadline ||
    (failure.status !== 429 && attempt >= retryPolicy.maxAttempts)
  ) {
    throw failure.afterAttempts(attempt)
  }
  logger.info(
    `${what} again in ${formatDuration(wait)} (attempt ${attempt + 1}; the last one failed with ${causeOf(failure)}).`
  )
  await clock.sleep(wait, signal)
}

function causeOf(failure: MintlifyRequestError): string {
  return failure.status ? `status ${failure.status}` : (failure.code ?? failure.message)
}

/** What became of a start or a send that did not end in a job, for a caller that goes on. */
export type DeliveryFailure =
  /** Mintlify's hourly limit: it takes messages again at `retryAt` (wall ms). */
  | { kind: 'hourly-limit'; retryAt: number }
  /** The job takes no more messages (a 400 "not active"): a new job must take over. */
  | { kind: 'refused' }
  /** Surely not taken, for a reason a new try would not change. */
  | { kind: 'rejected' }
  /** Surely not taken, for now: Mintlify or the network was in trouble. */
  | { kind: 'not-taken' }
  /** Maybe taken: the answer was lost. */
  | { kind: 'unknown' }

export function deliveryFailure(
  error: MintlifyRequestError,
  effect: 'start' | 'send',
  wallNow: number
): DeliveryFailure {
  if (error.status === 429)
    return {
      kind: 'hourly-limit',
      retryAt: wallNow + (error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS)
    }
  const ended = /not active|inactive|archived|has ended|is (?:completed|closed|finished)/i
  if (effect === 'send' && error.status === 400 && ended.test(error.serverMessage ?? ''))
    return { kind: 'refused' }
  const failure = classifySendFailure(error)
  return {
    kind:
      failure === 'maybe-delivered'
        ? 'unknown'
        : failure === 'not-delivered'
          ? 'not-taken'
          : 'rejected'
  }
}
