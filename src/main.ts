/**
 * The action's composition root: reads the event and the inputs, builds the ports (the Mintlify
 * client, the runner, GitHub when a flow needs it), runs the flow the event calls for, and
 * reports through the runner. Every failure ends in one failed-step line, never a thrown error.
 */
import { readEvent, type WorkflowEvent } from './adapters/github/events.js'
import { octokitCheckRuns } from './adapters/github/octokit-checks.js'
import { octokitDocsRepository } from './adapters/github/octokit-docs.js'
import { OctokitPullRequest } from './adapters/github/octokit-pull-request.js'
import { OctokitThread } from './adapters/github/octokit-thread.js'
import { openOctokit } from './adapters/github/octokit.js'
import {
  currentRun,
  failStep,
  runnerInputs,
  runnerLogger,
  setOutputs,
  writeSummary
} from './adapters/actions/runner.js'
import { runCommentCommand } from './comments/flow.js'
import { threadRefOf } from './comments/trigger.js'
import { askAgent } from './core/agent-request.js'
import { defaultDispatcher } from './core/dispatcher.js'
import type { RunResult } from './core/outcome.js'
import type { RunContext } from './core/request.js'
import { systemClock } from './core/clock.js'
import { openRunContext } from './core/run-context.js'
import { ACTION_VOCABULARY } from './core/vocabulary.js'
import { InputError, readSettings, type Settings } from './settings/settings.js'
import { RECORD_KIND, RECORD_VERSION, syncedJobOf } from './sync/record.js'
import { runSync, type SyncGitHub } from './sync/run.js'
import { sealFor } from './thread/sealed-comment.js'
import type { SyncTrigger } from './sync/trigger.js'

/** The name of the check run a `/agent` command keeps while the agent works (with check-run). */
const AGENT_CHECK_RUN = 'Mintlify agent'

/** After SIGINT or SIGTERM the run must be gone within this time: the runner kills it soon after. */
const CANCEL_GRACE_MS = 1500

const notSent = (event: WorkflowEvent | undefined): RunResult => ({
  result: 'not-sent',
  commandAuthor:
    event?.kind === 'comment'
      ? event.trigger.comment.author.login
      : event?.kind === 'pull-request'
        ? event.trigger.author.login
        : '',
  statusCommentId: undefined,
  outcome: undefined
})

export async function run(): Promise<void> {
  const logger = runnerLogger
  let event: WorkflowEvent | undefined
  let settings: Settings
  try {
    event = readEvent(process.env.GITHUB_EVENT_NAME, process.env.GITHUB_EVENT_PATH)
    if (await pullRequestWithoutSecrets(event)) return
    settings = readSettings(runnerInputs, { commentTriggered: event.kind === 'comment' })
    checkEventForMode(event, settings)
  } catch (error) {
    setOutputs(notSent(event))
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
  let result = notSent(event)
  const current = event
  try {
    if (current.kind === 'comment') {
      const { trigger } = current
      let octokit: ReturnType<typeof openOctokit> | undefined
      const github = () => (octokit ??= openOctokit(githubToken(settings), context))
      const scope = `${trigger.owner}/${trigger.repo}#${trigger.number}`
      const seal = sealFor(settings.apiKey, scope, RECORD_KIND, RECORD_VERSION)
      result = await runCommentCommand(trigger, settings, {
        ...context,
        openThread: async () => new OctokitThread(await github(), threadRefOf(trigger), logger),
        openCheckRuns: async () =>
          octokitCheckRuns(
            await github(),
            { owner: trigger.owner, repo: trigger.repo },
            AGENT_CHECK_RUN
          ),
        syncedJob: async (items, thread) =>
          trigger.isPullRequest
            ? syncedJobOf(items, seal, (id) => thread.commentBody('issue-comment', id))
            : undefined,
        run: currentRun()
      })
    } else if (current.kind === 'pull-request' && settings.mode === 'sync') {
      result = await runSync(current.trigger, settings, {
        ...context,
        openGitHub: () => openPullRequest(current.trigger, settings, context),
        run: currentRun()
      })
    } else {
      result = await runFromInputs(settings, context)
    }
  } catch (error) {
    result.failure = error instanceof Error ? error.message : String(error)
  } finally {
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
    await (cancellation.signal.aborted ? dispatcher.destroy() : dispatcher.close())
  }
  // Outputs are written whether the step passes or fails, for `if: failure()` steps.
  setOutputs(result)
  await writeSummary(result)
  const failure = result.failure ?? result.outcome?.failure
  if (failure) failStep(failure)
}

/**
 * A `pull_request` run for a fork's pull request, or for Dependabot's, gets none of the
 * repository's secrets, so no key: mode sync says why it sends nothing, and the step passes.
 * Returns whether that was the case.
 */
async function pullRequestWithoutSecrets(event: WorkflowEvent): Promise<boolean> {
  if (event.kind !== 'pull-request' || event.trigger.event !== 'pull_request') return false
  if (runnerInputs.get('mode').trim().toLowerCase() !== 'sync') return false
  if (runnerInputs.get('api-key').trim()) return false
  const { trigger } = event
  const why = trigger.fromFork
    ? 'comes from a fork, and GitHub gives pull_request runs from forks no secrets'
    : trigger.author.login === 'dependabot[bot]'
      ? "is Dependabot's, and GitHub gives Dependabot's pull_request runs only Dependabot secrets"
      : undefined
  if (!why) return false
  runnerLogger.warning(
    `Pull request #${trigger.number} ${why}, so there is no Mintlify key here: nothing was sent. To document such pull requests, run mode sync on pull_request_target (docs/sync.md says how to do it safely, under "Trust and forks")${trigger.fromFork ? '' : ', or add the key as a Dependabot secret'}.`
  )
  setOutputs({ ...notSent(event), result: 'refused', sync: 'refused' })
  await noKeyCheckRun(trigger, why)
  return true
}

/**
 * With check-run, the head gets a neutral check run that says why there are no docs. GitHub
 * gives most such runs a read-only token, which cannot write one: that is one line, no warning.
 */
async function noKeyCheckRun(trigger: SyncTrigger, why: string): Promise<void> {
  const token = runnerInputs.get('github-token').trim()
  if (runnerInputs.get('check-run').trim().toLowerCase() !== 'true' || !token || !trigger.headSha)
    return
  runnerInputs.mask(token)
  try {
    const octokit = await openOctokit(token, {
      logger: runnerLogger,
      clock: systemClock,
      deadline: systemClock.now() + NO_KEY_CHECK_RUN_MS
    })
    const name = runnerInputs.get('check-run-name').trim() || 'Docs'
    await octokitCheckRuns(octokit, { owner: trigger.owner, repo: trigger.repo }, name).create(
      trigger.headSha,
      {
        status: 'completed',
        conclusion: 'neutral',
        title: 'No docs: this run has no Mintlify key',
        summary: `Pull request #${trigger.number} ${why}, so nothing was sent to the docs agent.`
      }
    )
  } catch (error) {
    runnerLogger.info(`No check run was written (${(error as Error).message}).`)
  }
}

/** The longest the check run of a run without a key may take: it waits out no rate limit. */
const NO_KEY_CHECK_RUN_MS = 30_000

/** Mode sync is for pull request events, and pull request events only feed mode sync its trigger. */
function checkEventForMode(event: WorkflowEvent, settings: Settings): void {
  if (settings.mode !== 'sync' || event.kind === 'pull-request') return
  const sync =
    "mode is sync, which keeps a code pull request's docs in step with it and runs on pull_request or pull_request_target events"
  if (event.kind === 'other' && event.name === undefined) {
    throw new InputError(
      `${sync}, but this run has no event (GITHUB_EVENT_NAME and GITHUB_EVENT_PATH name none, as in a local run). To see the prompt it would send, run \`mintlify-agent prompt\` in a checkout of the code pull request's branch; to try a run, give it a pull request event: GITHUB_EVENT_NAME=pull_request and GITHUB_EVENT_PATH=examples/events/pull_request.json (examples/events/sync-dry-run.env sets both, for the simulator).`
    )
  }
  const name = event.kind === 'comment' ? 'a comment' : event.name
  throw new InputError(
    `${sync}, but this run is for ${name}. Run /agent comments with mode follow-up (the default): they find the pull request's docs job in the sync status comment.`
  )
}

function githubToken(settings: Settings): string {
  const token = settings.comments.githubToken
  if (!token) {
    throw new InputError(
      "Input 'github-token' is empty: this run needs a token to read the pull request or the thread and to answer there; keep the default (github.token) or pass one."
    )
  }
  return token
}

async function openPullRequest(
  trigger: SyncTrigger,
  settings: Settings,
  context: RunContext
): Promise<SyncGitHub> {
  const octokit = await openOctokit(githubToken(settings), context)
  const ref = { owner: trigger.owner, repo: trigger.repo, number: trigger.number }
  const { docs } = settings.sync
  // The docs token gets its own client, which only the docs repository's calls use.
  const docsOctokit = docs && (await openOctokit(docs.token, context))
  return {
    thread: new OctokitThread(octokit, { ...ref, isPullRequest: true }, context.logger),
    pullRequest: new OctokitPullRequest(octokit, ref),
    ...(settings.comments.checkRun
      ? {
          checks: octokitCheckRuns(
            octokit,
            { owner: ref.owner, repo: ref.repo },
            settings.sync.checkRunName
          )
        }
      : {}),
    ...(docsOctokit
      ? {
          docs: {
            server: process.env.GITHUB_SERVER_URL || 'https://github.com',
            open: (owner: string, repo: string) =>
              octokitDocsRepository(docsOctokit, { owner, repo })
          }
        }
      : {})
  }
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
