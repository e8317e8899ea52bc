import { isFinal, type AgentApi, type AgentJob } from './agent-api.js'
import type { Clock } from './clock.js'
import { deliverMessage, startJob } from './delivery.js'
import { formatDuration } from './duration.js'
import { explainFailure, failureKind } from './explain.js'
import type { Logger } from './logger.js'
import { describePullRequest, type Outcome } from './outcome.js'
import { pollUntilFinal } from './poller.js'
import type { RetryPolicy } from './retry-policy.js'
import type { Vocabulary } from './vocabulary.js'

/** What a request to the agent needs to know of the settings, whichever front end read them. */
export interface RequestSettings {
  readonly projectId: string
  /** For messages about the network. */
  readonly baseUrl: string
  readonly requestTimeoutMs: number
  /** Whether to poll until the job reaches a final status. */
  readonly wait: boolean
  /** The longest the whole run may take, in milliseconds. */
  readonly timeoutMs: number
  readonly pollIntervalMs: number
  /** Whether a `failed` or `archived` job fails the step. */
  readonly failOnJobFailure: boolean
}

/** The run's ports and limits, built once by the front end (the action, the command line, a test). */
export interface RunContext {
  /** The Mintlify agent API, set up with this run's clock, deadline and signal. */
  agent: AgentApi
  clock: Clock
  retryPolicy: RetryPolicy
  /** Aborted when the workflow is cancelled. */
  signal: AbortSignal
  logger: Logger
  /** Clock milliseconds at which the run stops waiting (its start plus `timeout`). */
  deadline: number
  /** The words of the front end, for what the run tells people. */
  vocabulary: Vocabulary
}

/** Progress worth showing elsewhere while the run goes on (the status comment). */
export interface ProgressListener {
  /** The job is still busy with an earlier request; the message waits for it. */
  onWaiting?(outcome: Outcome): Promise<void>
  /** Mintlify took the message. */
  onSent?(outcome: Outcome): Promise<void>
  /** The job was read while waiting. */
  onRead?(outcome: Outcome): Promise<void>
}

/** What to ask: a follow-up to `jobId`, or, without one, a new job. */
export interface AgentRequest {
  jobId: string | undefined
  prompt: string
}

/**
 * Sends one follow-up (or starts a new job) and, unless told not to wait, polls the job to its
 * end. Never throws: every failure ends up in the outcome.
 */
export async function askAgent(
  request: AgentRequest,
  settings: RequestSettings,
  context: RunContext,
  progress: ProgressListener = {}
): Promise<Outcome> {
  const { agent: client, clock, retryPolicy, signal, logger, deadline } = context
  const { prompt } = request
  let jobId = request.jobId ?? ''
  const startedAt = clock.now()
  const { projectId } = settings
  const outcome: Outcome = {
    jobId,
    prompt,
    job: undefined,
    sent: false,
    created: false,
    timedOut: false,
    cancelled: false,
    durationMs: 0,
    failure: undefined
  }
  const elapsed = (): number => (outcome.durationMs = clock.now() - startedAt)
  const log = (line: string): void => logger.info(line)

  const poll = (lastKnown: AgentJob, onRead: (job: AgentJob) => Promise<void>) =>
    pollUntilFinal({
      readJob: () => client.getJob(jobId),
      clock,
      intervalMs: settings.pollIntervalMs,
      deadline,
      startedAt,
      lastKnown,
      signal,
      logger,
      onRead
    })

  try {
    if (request.jobId === undefined) {
      log(`Starting a new Mintlify agent job in project ${projectId}.`)
      outcome.job = await startJob({ client, prompt, clock, deadline, retryPolicy, signal, logger })
      outcome.sent = outcome.created = true
      jobId = outcome.jobId = outcome.job.id
      log(`Mintlify started job ${jobId}; it is ${outcome.job.status}.`)
    } else {
      // One follow-up at a time: a message sent while the agent works on another would interleave.
      const before = await readIfPossible(client, jobId, logger)
      if (before && !isFinal(before.status)) {
        log(
          `Job ${jobId} is ${before.status} with an earlier request; waiting for it to finish before sending.`
        )
        outcome.job = before
        await progress.onWaiting?.(outcome)
        const idle = await poll(before, async (job) => {
          outcome.job = job
          elapsed()
          await progress.onWaiting?.(outcome)
        })
        if (idle.timedOut) {
          outcome.timedOut = true
          outcome.failure = `Job ${jobId} was still ${idle.job.status} with an earlier request when the ${formatDuration(settings.timeoutMs)} timeout passed, so the message was not sent: send it again once the job is done.`
          outcome.failureKind = 'timed-out'
          elapsed()
          return outcome
        }
      }

      log(`Sending a follow-up message to Mintlify agent job ${jobId} in project ${projectId}.`)
      outcome.job = await deliverMessage({
        client,
        jobId,
        prompt,
        clock,
        deadline,
        retryPolicy,
        signal,
        logger
      })
      outcome.sent = true
      log(`Mintlify took the message; job ${jobId} is ${outcome.job.status}.`)
    }
    elapsed()
    await progress.onSent?.(outcome)
    if (settings.wait) {
      const result = await poll(outcome.job, async (job) => {
        outcome.job = job
        elapsed()
        await progress.onRead?.(outcome)
      })
      outcome.job = result.job
      outcome.timedOut = result.timedOut
    }
  } catch (error) {
    if (signal.aborted) {
      outcome.cancelled = true
    } else {
      const operation = outcome.sent ? 'read' : request.jobId === undefined ? 'create' : 'send'
      outcome.failure = explainFailure(error, {
        operation,
        jobId: jobId || '(new)',
        projectId,
        baseUrl: settings.baseUrl,
        requestTimeoutMs: settings.requestTimeoutMs,
        vocabulary: context.vocabulary
      })
      outcome.failureKind = failureKind(error, operation)
      outcome.failureStatus = (error as { status?: number }).status
    }
  }

  elapsed()
  if (outcome.failure === undefined) {
    const verdict = judge(outcome, settings, context)
    outcome.failure = verdict?.message
    outcome.failureKind = verdict?.kind
  }
  return outcome
}

/** Logs how the job ended and returns why the step fails, if it does. */
function judge(
  outcome: Outcome,
  settings: RequestSettings,
  { logger, vocabulary }: RunContext
): { message: string; kind: NonNullable<Outcome['failureKind']> } | undefined {
  const job = outcome.job
  if (outcome.cancelled) {
    const state =
      job && outcome.sent
        ? `while job ${job.id} was ${job.status}`
        : `before Mintlify confirmed the message for job ${outcome.jobId || '(new)'}`
    const jobId = job?.id ?? outcome.jobId
    const after = jobId
      ? `The Mintlify agent job goes on: ${vocabulary.followJob(jobId)}.`
      : 'Look for the job on the Mintlify dashboard.'
    return { message: `${vocabulary.cancelled} ${state}. ${after}`, kind: 'cancelled' }
  }
  if (!job) return undefined
  const after = formatDuration(outcome.durationMs)
  if (outcome.timedOut) {
    return {
      message: `Job ${job.id} is still ${job.status} after the ${formatDuration(settings.timeoutMs)} ${vocabulary.name('timeout')}: the agent goes on working. Run again with a longer ${vocabulary.name('timeout')}, or ${vocabulary.followJob(job.id)}.`,
      kind: 'timed-out'
    }
  }
  switch (job.status) {
    case 'completed':
      if (job.prLink)
        logger.notice(`Mintlify agent job ${job.id} completed in ${after}: ${job.prLink}`)
      else
        logger.notice(
          `Mintlify agent job ${job.id} completed in ${after} without a pull request: the agent changed nothing.`
        )
      return undefined
    case 'failed':
    case 'archived': {
      const reason =
        job.status === 'failed'
          ? `Mintlify agent job ${job.id} failed after ${after}: see the Mintlify dashboard for what went wrong, then send another follow-up.`
          : `Mintlify agent job ${job.id} is archived and takes no more work: start a new job.`
      if (settings.failOnJobFailure)
        return { message: reason, kind: job.status === 'failed' ? 'job-failed' : 'job-archived' }
      logger.warning(`${reason} (fail-on-job-failure is false, so the step passes.)`)
      return undefined
    }
    default:
      // wait: false ends here with the job still running.
      logger.info(`Job ${job.id} is ${job.status}; pull request: ${describePullRequest(job)}.`)
      return undefined
  }
}

/**
 * Reads the job before sending, to know whether it is busy. Best effort and a single attempt: when
 * the read fails, the send goes ahead with its own retries, and its answer (401, 404, …) is what
 * the user is told.
 */
async function readIfPossible(
  client: AgentApi,
  jobId: string,
  logger: Logger
): Promise<AgentJob | undefined> {
  try {
    return await client.getJob(jobId, { once: true })
  } catch (error) {
    logger.debug(
      `Reading job ${jobId} before sending failed (${(error as Error).message}); sending anyway.`
    )
    return undefined
  }
}
