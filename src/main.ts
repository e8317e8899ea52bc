/**
 * The action's composition root: reads the event and the inputs, builds the ports (the Mintlify
 * client, the runner, GitHub when a comment needs it), runs the flow the event calls for, and
 * reports through the runner. Every failure ends in one failed-step line, never a thrown error.
 */
import { OctokitThread } from './adapters/github/octokit-thread.js'
import { openOctokit } from './adapters/github/octokit.js'
import { readCommentTrigger } from './adapters/github/events.js'
import {
  currentRun,
  failStep,
  runnerInputs,
  runnerLogger,
  setOutputs,
  writeSummary
} from './adapters/actions/runner.js'
import { runCommentCommand } from './comments/flow.js'
import type { CommentTrigger } from './comments/trigger.js'
import { askAgent } from './core/agent-request.js'
import type { RunContext } from './core/request.js'
import { defaultDispatcher } from './core/dispatcher.js'
import type { RunResult } from './core/outcome.js'
import { openRunContext } from './core/run-context.js'
import { ACTION_VOCABULARY } from './core/vocabulary.js'
import { InputError, readSettings, type Settings } from './settings/settings.js'

/** After SIGINT or SIGTERM the run must be gone within this time: the runner kills it soon after. */
const CANCEL_GRACE_MS = 1500

const notSent = (trigger: CommentTrigger | undefined): RunResult => ({
  result: 'not-sent',
  commandAuthor: trigger?.comment.author.login ?? '',
  statusCommentId: undefined,
  outcome: undefined
})

export async function run(): Promise<void> {
  const logger = runnerLogger
  let trigger: CommentTrigger | undefined
  let settings: Settings
  try {
    trigger = readCommentTrigger(process.env.GITHUB_EVENT_NAME, process.env.GITHUB_EVENT_PATH)
    settings = readSettings(runnerInputs, { commentTriggered: trigger !== undefined })
  } catch (error) {
    setOutputs(notSent(trigger))
    failStep(
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
    logger.info(`Received ${signal}: the workflow was cancelled; stopping.`)
    cancellation.abort(signal)
    setTimeout(() => process.exit(), CANCEL_GRACE_MS).unref()
  }
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  const context = openRunContext({
    settings,
    dispatcher,
    logger,
    signal: cancellation.signal,
    vocabulary: ACTION_VOCABULARY
  })
  let result = notSent(trigger)
  const comment = trigger
  try {
    result = comment
      ? await runCommentCommand(comment, settings, {
          ...context,
          openThread: () => openThread(comment, settings, context),
          run: currentRun()
        })
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
  if (failure) failStep(failure)
}

async function openThread(
  trigger: CommentTrigger,
  settings: Settings,
  context: RunContext
): Promise<OctokitThread> {
  const token = settings.comments.githubToken
  if (!token) {
    throw new InputError(
      "Input 'github-token' is empty: a comment-triggered run needs a token to check permissions and answer; keep the default (github.token) or pass one."
    )
  }
  const octokit = await openOctokit(token, context)
  return new OctokitThread(octokit, trigger, context.logger)
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
