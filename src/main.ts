import * as core from '@actions/core'
import { systemClock } from './clock.js'
import { runCommentCommand } from './comment-command.js'
import { askAgent, type RunContext } from './agent-request.js'
import { defaultDispatcher } from './dispatcher.js'
import { actionLogger } from './logger.js'
import { readCommentTrigger, type CommentTrigger } from './github/trigger.js'
import { InputError, readSettings, type InputSource, type Settings } from './inputs.js'
import { setOutputs, writeSummary, type RunResult } from './report.js'
import { DEFAULT_RETRY_POLICY } from './retry-policy.js'
import { ACTION_VOCABULARY } from './vocabulary.js'

const actionInputs: InputSource = {
  get: (name) => core.getInput(name),
  mask: (secret) => core.setSecret(secret)
}

/** After SIGINT or SIGTERM the run must be gone within this time: the runner kills it soon after. */
const CANCEL_GRACE_MS = 1500

/** Runs the action; every failure ends in one `core.setFailed` line, never a thrown error. */
export async function run(): Promise<void> {
  let trigger: CommentTrigger | undefined
  let settings: Settings
  try {
    trigger = readCommentTrigger(process.env.GITHUB_EVENT_NAME, process.env.GITHUB_EVENT_PATH)
    settings = readSettings(actionInputs, {
      commentTriggered: trigger !== undefined
    })
  } catch (error) {
    setOutputs({
      result: 'not-sent',
      commandAuthor: trigger?.comment.author.login ?? '',
      statusCommentId: undefined,
      outcome: undefined
    })
    core.setFailed(
      error instanceof InputError
        ? error.message
        : `Could not read the workflow's event: ${String(error)}`
    )
    return
  }

  const dispatcher = defaultDispatcher()
  // A cancelled workflow sends SIGINT, then SIGTERM: stop waiting, report, and leave the job running.
  const cancellation = new AbortController()
  const cancel = (signal: NodeJS.Signals): void => {
    core.info(`Received ${signal}: the workflow was cancelled; stopping.`)
    cancellation.abort(signal)
    setTimeout(() => process.exit(), CANCEL_GRACE_MS).unref()
  }
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  const context: RunContext = {
    clock: systemClock,
    dispatcher,
    retryPolicy: DEFAULT_RETRY_POLICY,
    signal: cancellation.signal,
    logger: actionLogger,
    deadline: systemClock.now() + settings.timeoutMs,
    vocabulary: ACTION_VOCABULARY
  }
  let result: RunResult = {
    result: 'not-sent',
    commandAuthor: trigger?.comment.author.login ?? '',
    statusCommentId: undefined,
    outcome: undefined
  }
  try {
    result = trigger
      ? await runCommentCommand(trigger, settings, context)
      : await runFromInputs(settings, context)
  } catch (error) {
    result.failure = error instanceof Error ? error.message : String(error)
  } finally {
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
    await (cancellation.signal.aborted ? dispatcher.destroy() : dispatcher.close())
  }
  // Outputs are written whether the step passes or fails, for `if: failure()` steps.
  setOutputs(result)
  if (result.outcome) await writeSummary(result.outcome)
  const failure = result.failure ?? result.outcome?.failure
  if (failure) core.setFailed(failure)
}

async function runFromInputs(settings: Settings, context: RunContext): Promise<RunResult> {
  // readSettings requires a prompt when no comment triggered the run, and a job-id in follow-up mode.
  if (settings.prompt === undefined) throw new InputError("Input 'prompt' is required.")
  const jobId = settings.mode === 'create' ? undefined : settings.jobId
  const outcome = await askAgent({ jobId, prompt: settings.prompt }, settings, context)
  return {
    result: outcome.sent ? 'sent' : 'not-sent',
    commandAuthor: '',
    statusCommentId: undefined,
    outcome
  }
}
