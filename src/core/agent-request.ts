import { isFinal, type AgentJob } from './agent-api.js'
import { deliverMessage, startJob } from './delivery.js'
import { formatDuration } from './duration.js'
import { explainFailure, failureKind } from './explain.js'
import { freshOutcome, type Outcome } from './outcome.js'
import { pollUntilFinal, readJob } from './poller.js'
import {
  SendHoldError,
  type AgentRequest,
  type ProgressListener,
  type RequestSettings,
  type RunContext,
  type Stage
} from './request.js'
import { judge } from './verdict.js'

/**
 * Sends one follow-up (or starts a new job) and, unless told not to wait, polls the job to its
 * end. Never throws: every failure ends up in the outcome. A follow-up goes only into a job that
 * is not busy: the job is read first (retried like any read), and a read that cannot tell ends
 * the request with nothing sent.
 */
export async function askAgent(
  request: AgentRequest,
  settings: RequestSettings,
  context: RunContext,
  progress: ProgressListener = {}
): Promise<Outcome> {
  const { agent: client, clock, retryPolicy, signal, logger, deadline, vocabulary } = context
  const startedAt = clock.now()
  const { projectId } = settings
  const outcome = freshOutcome(request.jobId, request.prompt)
  let stage: Stage = request.jobId === undefined ? 'sending' : 'checking'
  const elapsed = (): number => (outcome.durationMs = clock.now() - startedAt)
  const poll = (lastKnown: AgentJob, onRead: (job: AgentJob) => Promise<void>) =>
    pollUntilFinal({
      readJob: () => client.getJob(outcome.jobId),
      clock,
      intervalMs: settings.pollIntervalMs,
      deadline,
      startedAt,
      lastKnown,
      signal,
      logger,
      onRead
    })
  const refuse = (failure: string, kind: NonNullable<Outcome['failureKind']>): Outcome => {
    outcome.failure = failure
    outcome.failureKind = kind
    elapsed()
    return outcome
  }
  /** The caller's last word before sending: undefined to go on, or the outcome to end with. */
  const lastWord = async (waited: boolean): Promise<Outcome | undefined> => {
    const decision = (await progress.beforeSend?.(waited)) ?? { go: true }
    if (decision.go) {
      if (decision.prompt !== undefined) outcome.prompt = decision.prompt
      return undefined
    }
    if (!decision.withdrawn) return refuse(decision.reason, 'not-sent')
    outcome.withdrawn = decision.reason
    elapsed()
    return outcome
  }

  try {
    if (request.jobId === undefined) {
      const ended = await lastWord(false)
      if (ended) return ended
      logger.info(`Starting a new Mintlify agent job in project ${projectId}.`)
      outcome.job = await startJob({
        client,
        prompt: outcome.prompt,
        clock,
        deadline,
        retryPolicy,
        signal,
        logger
      })
      outcome.sent = outcome.created = true
      outcome.jobId = outcome.job.id
      logger.info(`Mintlify started job ${outcome.jobId}; it is ${outcome.job.status}.`)
    } else {
      const jobId = request.jobId
      let hold = await progress.holdSend?.()
      // Under a hold, no wait outlasts it.
      const sendBy = () => Math.min(deadline, hold?.until ?? Infinity)
      const readNow = () =>
        readJob(() => client.getJob(jobId), {
          clock,
          intervalMs: settings.pollIntervalMs,
          deadline: sendBy(),
          signal,
          logger
        })
      try {
        // One follow-up at a time: a message sent while the agent works on another would interleave.
        let before = await readNow()
        for (;;) {
          outcome.job = before
          if (before.status === 'archived') {
            return refuse(
              `Job ${jobId} is archived and takes no more messages, so nothing was sent: start a new job (${vocabulary.startJobAdvice}).`,
              'job-archived'
            )
          }
          if (isFinal(before.status)) {
            // The first try of the send runs to its request timeout: it must end while held.
            if (!hold || clock.now() + settings.requestTimeoutMs < hold.until) break
            await hold.release()
            hold = await progress.holdSend?.()
            before = await readNow()
            continue
          }
          if (!settings.wait) {
            return refuse(
              `Job ${jobId} is ${before.status} with an earlier request, and ${vocabulary.noWait.given}, so the message was not sent rather than waited for: send it again once the job is done (nothing was sent, so nothing goes twice), or ${vocabulary.noWait.undo} to wait for the job.`,
              'busy'
            )
          }
          await hold?.release()
          hold = undefined
          stage = 'waiting'
          logger.info(
            `Job ${jobId} is ${before.status} with an earlier request; waiting for it to finish before sending.`
          )
          await progress.onWaiting?.(outcome)
          const idle = await poll(before, async (job) => {
            outcome.job = job
            elapsed()
            await progress.onWaiting?.(outcome)
          })
          outcome.job = idle.job
          if (idle.timedOut) {
            outcome.timedOut = true
            return refuse(
              `Job ${jobId} was still ${idle.job.status} with an earlier request when the ${formatDuration(settings.timeoutMs)} ${vocabulary.name('timeout')} passed, so the message was not sent: send it again once the job is done.`,
              'timed-out'
            )
          }
          if (!progress.holdSend) break
          // Another sender may have sent while the hold was given back: read the job again under it.
          hold = await progress.holdSend()
          before = await readNow()
        }
        const ended = await lastWord(stage === 'waiting')
        if (ended) return ended
        stage = 'sending'
        logger.info(
          `Sending a follow-up message to Mintlify agent job ${jobId} in project ${projectId}.`
        )
        outcome.job = await deliverMessage({
          client,
          jobId,
          prompt: outcome.prompt,
          clock,
          deadline: sendBy(),
          retryPolicy,
          signal,
          logger
        })
        outcome.sent = true
        logger.info(`Mintlify took the message; job ${jobId} is ${outcome.job.status}.`)
      } finally {
        await hold?.release()
      }
    }
    stage = 'sent'
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
    } else if (error instanceof SendHoldError) {
      outcome.failure = error.message
      outcome.failureKind = 'not-sent'
    } else {
      const operation =
        stage === 'sent' || stage === 'checking' || stage === 'waiting'
          ? 'read'
          : request.jobId === undefined
            ? 'create'
            : 'send'
      const explained = explainFailure(error, {
        operation,
        jobId: outcome.jobId || '(new)',
        projectId,
        baseUrl: settings.baseUrl,
        requestTimeoutMs: settings.requestTimeoutMs,
        vocabulary
      })
      outcome.failure =
        stage === 'checking' || stage === 'waiting'
          ? `${explained} Nothing was sent (the job is read before sending, so that no message goes into a busy job).`
          : explained
      outcome.failureKind = failureKind(error, operation)
      outcome.failureStatus = (error as { status?: number }).status
    }
  }

  elapsed()
  if (outcome.failure === undefined) {
    const verdict = judge(outcome, stage, settings, context)
    outcome.failure = verdict?.message
    outcome.failureKind = verdict?.kind
  }
  return outcome
}
