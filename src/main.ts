import * as core from '@actions/core'
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici'
import { systemClock, type Clock } from './clock.js'
import { deliverMessage } from './delivery.js'
import { formatDuration } from './duration.js'
import { explainFailure } from './explain.js'
import { InputError, readSettings, type InputSource, type Settings } from './inputs.js'
import { MintlifyClient } from './mintlify-client.js'
import { pollUntilFinal } from './poller.js'
import { describePullRequest, setOutputs, writeSummary, type Outcome } from './report.js'
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js'

/** What the run needs from the world; tests replace any of them. */
export interface Dependencies {
  inputs: InputSource
  clock: Clock
  dispatcher: Dispatcher
  retryPolicy: RetryPolicy
}

const actionInputs: InputSource = {
  get: (name) => core.getInput(name),
  mask: (secret) => core.setSecret(secret)
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

/** Honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY; a plain agent when none is set. */
function defaultDispatcher(): Dispatcher {
  return PROXY_VARIABLES.some((name) => process.env[name]) ? new EnvHttpProxyAgent() : new Agent()
}

/** Runs the action; every failure ends in one `core.setFailed` line, never a thrown error. */
export async function run(overrides: Partial<Dependencies> = {}): Promise<void> {
  let settings: Settings
  try {
    settings = readSettings(overrides.inputs ?? actionInputs)
  } catch (error) {
    core.setFailed(error instanceof InputError ? error.message : String(error))
    return
  }

  const clock = overrides.clock ?? systemClock
  const dispatcher = overrides.dispatcher ?? defaultDispatcher()
  try {
    const outcome = await followUp(
      settings,
      clock,
      dispatcher,
      overrides.retryPolicy ?? DEFAULT_RETRY_POLICY
    )
    setOutputs(outcome)
    await writeSummary(outcome)
    if (outcome.failure) core.setFailed(outcome.failure)
  } finally {
    if (!overrides.dispatcher) await dispatcher.close()
  }
}

async function followUp(
  settings: Settings,
  clock: Clock,
  dispatcher: Dispatcher,
  retryPolicy: RetryPolicy
): Promise<Outcome> {
  const startedAt = clock.now()
  const deadline = startedAt + settings.timeoutMs
  const { jobId, projectId, prompt } = settings
  const client = new MintlifyClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    projectId,
    dispatcher,
    requestTimeoutMs: settings.requestTimeoutMs,
    retryPolicy,
    clock,
    deadline,
    debug: (line) => core.debug(line)
  })
  const outcome: Outcome = {
    jobId,
    prompt,
    job: undefined,
    timedOut: false,
    durationMs: 0,
    failure: undefined
  }
  const log = (line: string): void => core.info(line)
  const failureContext = {
    jobId,
    projectId,
    baseUrl: settings.baseUrl,
    requestTimeoutMs: settings.requestTimeoutMs
  }

  try {
    log(`Sending a follow-up message to Mintlify agent job ${jobId} in project ${projectId}.`)
    outcome.job = await deliverMessage({ client, jobId, prompt, clock, deadline, retryPolicy, log })
    log(`Mintlify took the message; job ${jobId} is ${outcome.job.status}.`)
  } catch (error) {
    outcome.failure = explainFailure(error, { ...failureContext, operation: 'send' })
  }

  if (!outcome.failure && settings.wait && outcome.job) {
    try {
      const result = await pollUntilFinal({
        readJob: () => client.getJob(jobId),
        clock,
        intervalMs: settings.pollIntervalMs,
        deadline,
        startedAt,
        lastKnown: outcome.job,
        log,
        warn: (line) => core.warning(line)
      })
      outcome.job = result.job
      outcome.timedOut = result.timedOut
    } catch (error) {
      outcome.failure = explainFailure(error, { ...failureContext, operation: 'read' })
    }
  }

  outcome.durationMs = clock.now() - startedAt
  if (!outcome.failure) outcome.failure = judge(outcome, settings)
  return outcome
}

/** Logs how the job ended and returns the reason the step fails, if it does. */
function judge(outcome: Outcome, settings: Settings): string | undefined {
  const job = outcome.job
  if (!job) return undefined
  const after = formatDuration(outcome.durationMs)
  if (outcome.timedOut) {
    return `Job ${job.id} is still ${job.status} after the ${formatDuration(settings.timeoutMs)} timeout: the agent goes on working. Follow it on the Mintlify dashboard, or run again with a longer timeout (job-id ${job.id}).`
  }
  switch (job.status) {
    case 'completed':
      if (job.prLink)
        core.notice(`Mintlify agent job ${job.id} completed in ${after}: ${job.prLink}`)
      else
        core.notice(
          `Mintlify agent job ${job.id} completed in ${after} without a pull request: the agent changed nothing.`
        )
      return undefined
    case 'failed':
    case 'archived': {
      const reason =
        job.status === 'failed'
          ? `Mintlify agent job ${job.id} failed after ${after}: see the Mintlify dashboard for what went wrong, then send another follow-up.`
          : `Mintlify agent job ${job.id} is archived and takes no more work: start a new job.`
      if (settings.failOnJobFailure) return reason
      core.warning(`${reason} (fail-on-job-failure is false, so the step passes.)`)
      return undefined
    }
    default:
      // wait: false ends here with the job still running.
      core.info(`Job ${job.id} is ${job.status}; pull request: ${describePullRequest(job)}.`)
      return undefined
  }
}
