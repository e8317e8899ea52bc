import type { RequestSettings, RunContext, Stage } from './request.js'
import { formatDuration } from './duration.js'
import { describePullRequest, type Outcome } from './outcome.js'

/**
 * How a request that raised no error ended: logs it, and returns why the step fails, if it does.
 * The advice never sends a message twice: once Mintlify took it, people are sent to follow the
 * job, not to run again.
 */
export function judge(
  outcome: Outcome,
  stage: Stage,
  settings: RequestSettings,
  { logger, vocabulary }: Pick<RunContext, 'logger' | 'vocabulary'>
): { message: string; kind: NonNullable<Outcome['failureKind']> } | undefined {
  const job = outcome.job
  const jobId = job?.id ?? outcome.jobId
  if (outcome.cancelled) {
    const follow = jobId
      ? `The Mintlify agent job goes on: ${vocabulary.followJob(jobId)}.`
      : 'Look for the job on the Mintlify dashboard.'
    const message =
      stage === 'checking' || stage === 'waiting'
        ? `${vocabulary.cancelled} before the message was sent${stage === 'waiting' && job ? `, while job ${job.id} was still ${job.status} with an earlier request` : ''}: nothing was sent.`
        : stage === 'sending'
          ? `${vocabulary.cancelled} before Mintlify confirmed the message for job ${jobId || '(new)'}: it may have been taken. ${follow}`
          : `${vocabulary.cancelled} while job ${jobId} was ${job?.status ?? 'running'}. ${follow}`
    return { message, kind: 'cancelled' }
  }
  if (!job) return undefined
  const after = formatDuration(outcome.durationMs)
  if (outcome.timedOut) {
    return {
      message: `Job ${job.id} is still ${job.status} after the ${formatDuration(settings.timeoutMs)} ${vocabulary.name('timeout')}: Mintlify took the message, and the agent goes on working on it. ${vocabulary.followJob(job.id).replace(/^./, (c) => c.toUpperCase())}; running again would send the message a second time.`,
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
          : `Mintlify agent job ${job.id} is archived and takes no more messages: start a new job (${vocabulary.startJobAdvice}).`
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
