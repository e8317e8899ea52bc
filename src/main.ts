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

/** After SIGINT or SIGTERM the run must be gone within this time: the runner kills it soon after. */
const CANCEL_GRACE_MS = 1500

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
  // A cancelled workflow sends SIGINT, then SIGTERM: stop waiting, report, and leave the job running.
  const cancellation = new AbortController()
  const cancel = (signal: NodeJS.Signals): void => {
    core.info(`Received ${signal}: the workflow was cancelled; stopping.`)
    cancellation.abort(signal)
    setTimeout(() => process.exit(), CANCEL_GRACE_MS).unref()
  }
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  try {
    const outcome = await followUp(settings, {
      clock,
      dispatcher,
      retryPolicy: overrides.retryPolicy ?? DEFAULT_RETRY_POLICY,
      signal: cancellation.signal
    })
    setOutputs(outcome)
    await writeSummary(outcome)
    if (outcome.failure) core.setFailed(outcome.failure)
  } finally {
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
    if (!overrides.dispatcher)
      await (cancellation.signal.aborted ? dispatcher.destroy() : dispatcher.close())
  }
}

interface RunContext {
  clock: Clock
  dispatcher: Dispatcher
  retryPolicy: RetryPolicy
  signal: AbortSignal
}

async function followUp(settings: Settings, context: RunContext): Promise<Outcome> {
  const { clock, dispatcher, retryPolicy, signal } = context
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
    signal,
    debug: (line) => core.debug(line)
  })
  const outcome: Outcome = {
    jobId,
    prompt,
    job: undefined,
    timedOut: false,
    cancelled: false,
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
    outcome.job = await deliverMessage({
      client,
      jobId,
      prompt,
      clock,
      deadline,
      retryPolicy,
      signal,
      log
    })
    log(`Mintlify took the message; job ${jobId} is ${outcome.job.status}.`)
    if (settings.wait) {
      const result = await pollUntilFinal({
        readJob: () => client.getJob(jobId),
        clock,
        intervalMs: settings.pollIntervalMs,
        deadline,
        startedAt,
        lastKnown: outcome.job,
        signal,
        log,
        warn: (line) => core.warning(line),
        onRead: (job) => {
          outcome.job = job
        }
      })
      outcome.job = result.job
      outcome.timedOut = result.timedOut
    }
  } catch (error) {
    if (signal.aborted) {
      outcome.cancelled = true
    } else {
      const operation = outcome.job ? 'read' : 'send'
      outcome.failure = explainFailure(error, { ...failureContext, operation })
    }
  }

  outcome.durationMs = clock.now() - startedAt
  if (!outcome.failure) outcome.failure = judge(outcome, settings)
  return outcome
}

/** Logs how the job ended and returns the reason the step fails, if it does. */
function judge(outcome: Outcome, settings: Settings): string | undefined {
  const job = outcome.job
  if (outcome.cancelled) {
    const state = job
      ? `while job ${job.id} was ${job.status}`
      : `before Mintlify confirmed the message for job ${outcome.jobId}`
    return `The workflow was cancelled ${state}. The Mintlify agent job goes on: follow it on the Mintlify dashboard (job-id ${job?.id ?? outcome.jobId}).`
  }
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
