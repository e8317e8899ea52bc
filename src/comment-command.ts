import * as core from '@actions/core'
import { askAgent, mintlifyClient, type RunContext } from './agent-request.js'
import { parseCommand } from './command.js'
import { CheckRun } from './github/check-run.js'
import { lineOf, placeKey, readClaim } from './github/command-queue.js'
import { Gate } from './github/gate.js'
import { GitHubReadError } from './github/github-errors.js'
import { findJobMarker } from './github/job-marker.js'
import { isListed, loginMatches } from './github/logins.js'
import { renderReply, STATUS_COMMENT_SIGNATURE, StatusComment } from './github/status-comment.js'
import { openThread, type Thread, type ThreadItem } from './github/thread.js'
import {
  placeOf,
  promptWithDiffContext,
  promptWithReviewContext,
  type CommentTrigger
} from './github/trigger.js'
import { describeAhead, TurnTimeout, waitForTurn } from './github/turn.js'
import { jobFromMarkers } from './github/which-job.js'
import { checkPromptLength, InputError, isValidJobId, type Settings } from './inputs.js'
import { isFinal, MintlifyRequestError } from './mintlify-client.js'
import type { RunResult } from './report.js'

/** The reply to a bare command. */
function usage(command: string): string {
  return [
    `Tell the Mintlify agent what to do after \`${command}\`, for example:`,
    '',
    `    ${command} also add error handling examples to the quickstart guide`,
    '',
    `To name the agent job yourself: \`${command} --job <job-id> <what to do>\`.`
  ].join('\n')
}

function noJobReply(command: string): string {
  return [
    'I could not tell which Mintlify agent job to follow up, so nothing was sent: no `job-id` input, no `--job` in the comment, and no trusted job marker on this thread.',
    '',
    `Name the job in the comment: \`${command} --job <job-id> <what to do>\`, or set the \`job-id\` input of the workflow. To start a new job from comments on purpose, set \`mode: auto\` (a new job when none is found) or \`mode: create\` in the workflow.`
  ].join('\n')
}

function refusal(login: string, needed: string, isBot: boolean): string {
  return isBot
    ? `@${login} is a bot, and bots may not give the Mintlify agent commands here unless the workflow lists them in \`allowed-bots\`.`
    : `@${login}, the Mintlify agent takes commands from people with ${needed} access to this repository or more.`
}

/**
 * Handles a comment that may hold a command: who may ask, the command's turn on the thread,
 * which job, then the request. Returns what became of it; a command that could not be carried
 * out comes back with its `failure`, said on the thread too when GitHub lets us.
 */
export async function runCommentCommand(
  trigger: CommentTrigger,
  settings: Settings,
  context: RunContext
): Promise<RunResult> {
  const { comments: options } = settings
  const author = trigger.comment.author
  const result: RunResult = {
    result: 'not-a-command',
    commandAuthor: author.login,
    statusCommentId: undefined,
    outcome: undefined
  }

  if (trigger.action !== 'created' && !(trigger.action === 'edited' && options.allowEdits)) {
    core.info(
      trigger.action === 'edited'
        ? 'The comment was edited, and allow-edits is false: nothing to do.'
        : `The comment was ${trigger.action}: nothing to do.`
    )
    return result
  }
  const command = parseCommand(trigger.comment.body, options.command)
  if (command.kind === 'none') {
    core.info(`The comment does not start with ${options.command}: nothing to do.`)
    return result
  }

  result.result = 'not-sent'
  if (!options.githubToken) {
    result.failure =
      "Input 'github-token' is empty: a comment-triggered run needs a token to check permissions and answer; keep the default (github.token) or pass one."
    return result
  }
  const thread = await openThread(options.githubToken, trigger, {
    warn: (line) => core.warning(line),
    clock: context.clock,
    deadline: context.deadline
  })
  const place = placeOf(trigger)
  const react = (content: Parameters<Thread['react']>[0]): Promise<void> =>
    options.reactions ? thread.react(content) : Promise.resolve()
  const reply = async (body: string): Promise<void> => {
    try {
      await thread.post(renderReply(body, placeKey(place)))
    } catch (error) {
      core.warning(`Could not reply on the thread (${(error as Error).message}).`)
    }
  }
  const gate = new Gate(thread, settings)

  try {
    if (!(await gate.allows(author, true))) {
      await react('confused')
      await reply(refusal(author.login, options.permission, author.isBot))
      result.result = 'refused'
      return result
    }
  } catch (error) {
    if (!(error instanceof GitHubReadError)) throw error
    result.failure = error.message
    return result
  }
  if (command.kind === 'empty') {
    await reply(usage(options.command))
    result.failure = `The command has nothing after ${options.command}, so nothing was sent; the reply on the thread says how to write one.`
    return result
  }
  const prompt = promptFor(trigger, command.prompt)
  const problem = commandProblem(prompt, command.jobId)
  if (problem) {
    await react('confused')
    await reply(problem)
    result.failure = problem
    return result
  }
  await react('eyes')

  const status = await StatusComment.start(thread, {
    enabled: options.statusComment,
    prompt: command.prompt,
    clock: context.clock,
    place: placeKey(place),
    expiryMs: options.queueExpiryMs
  })
  result.statusCommentId = status.id
  const endWith = async (message: string): Promise<RunResult> => {
    await status.fail(message)
    await react('confused')
    result.failure = message
    return result
  }
  try {
    return await carryOut(
      { trigger, settings, context, thread, gate, status, react, endWith },
      {
        result,
        prompt,
        command
      }
    )
  } catch (error) {
    // Whatever went wrong, the thread is told and the command's place is given up.
    return endWith(`The run stopped on an unexpected error: ${(error as Error).message}`)
  }
}

/** What the steps after the status comment share. */
interface CommandRun {
  trigger: CommentTrigger
  settings: Settings
  context: RunContext
  thread: Thread
  gate: Gate
  status: StatusComment
  react: (content: Parameters<Thread['react']>[0]) => Promise<void>
  /** Says why on the thread, gives up the place, and ends the run with that failure. */
  endWith: (message: string) => Promise<RunResult>
}

/** The command's turn on the thread, which job, and the request. */
async function carryOut(
  run: CommandRun,
  ask: {
    result: RunResult
    prompt: string
    command: { prompt: string; jobId: string | undefined }
  }
): Promise<RunResult> {
  const { trigger, settings, context, thread, status, react, endWith } = run
  const { comments: options } = settings
  const { result, prompt, command } = ask
  const place = placeOf(trigger)
  const self = status.author || (await thread.tokenLogin())
  const isSelf = (login: string): boolean => loginMatches(self, login)

  let items: ThreadItem[]
  try {
    // Without status comments no run can hold a place, so there is no line to wait in.
    items = options.statusComment ? await waitInLine(run, isSelf) : await thread.items()
  } catch (error) {
    if (context.signal.aborted) {
      return endWith(
        'The workflow was cancelled while this command waited for its turn on the thread: nothing was sent.'
      )
    }
    if (error instanceof TurnTimeout) {
      return endWith(
        `${error.message}, so nothing was sent: send the command again once the earlier ones are done, or raise the workflow's \`timeout\`.`
      )
    }
    if (error instanceof GitHubReadError) return endWith(error.message)
    throw error
  }

  const own = items.filter((item) => isSelf(item.author.login) && item.id !== status.id)
  // A re-run of the workflow replays the same command: it was asked once, and is sent once.
  const earlierRun = own.find((item) => {
    const claim = readClaim(item.body)
    return claim?.place === placeKey(place) && claim.jobId
  })
  if (earlierRun && trigger.action !== 'edited') {
    return endWith(
      `This command was already sent to job \`${findJobMarker(earlierRun.body)}\` by an earlier run (${earlierRun.url}), so it was not sent again. Write a new \`${options.command}\` comment to ask for more.`
    )
  }

  const cap = options.maxRequestsPerThread
  if (cap > 0) {
    const used = own.filter(
      (c) => c.body.includes(STATUS_COMMENT_SIGNATURE) && findJobMarker(c.body)
    ).length
    if (used >= cap) {
      core.warning(
        `This thread has had ${used} agent requests; max-requests-per-thread is ${cap}. Nothing was sent.`
      )
      return endWith(
        `This thread has reached its limit of ${cap} Mintlify agent requests (\`max-requests-per-thread\`), so nothing was sent. The project's hourly limit is shared by every thread: continue in a new pull request, or ask a maintainer to raise the cap.`
      )
    }
  }

  const found =
    settings.jobId ??
    command.jobId ??
    jobFromMarkers({
      items,
      isTrusted: (login) => isSelf(login) || isListed(options.trustedMarkerAuthors, login),
      pullRequestBody: trigger.pullRequestBody,
      pullRequestAuthor: trigger.pullRequestAuthor,
      log: (line) => core.info(line)
    })
  const mode = settings.mode
  if (!found && mode === 'follow-up') {
    core.warning('No job to follow up: the reply on the thread says how to name one.')
    return endWith(noJobReply(options.command))
  }
  // A new job gets the thread's context, so the agent knows where the request came from.
  const jobId = mode === 'create' ? undefined : found
  const request = jobId
    ? { jobId, prompt }
    : { jobId: undefined, prompt: withThreadContext(prompt, trigger) }

  core.info(
    jobId
      ? `Following up job ${jobId} for @${trigger.comment.author.login}.`
      : `Starting a new job for @${trigger.comment.author.login}.`
  )
  const check = options.checkRun ? await CheckRun.start(thread, command.prompt) : undefined
  const working = 'the agent is working on it'
  const outcome = await askAgent(request, settings, context, {
    onWaiting: (progress) =>
      status.waiting('waiting for the agent to finish the previous request', progress),
    onSent: (progress) => status.taken(progress, working),
    onRead: (progress) => status.working(progress, working)
  })
  result.outcome = outcome
  result.result = outcome.sent ? 'sent' : 'not-sent'
  await status.finish(outcome)
  await check?.finish(outcome)
  await react(!outcome.failure && outcome.job?.status === 'completed' ? 'rocket' : 'confused')
  return result
}

/** Waits until every command written before this one has finished; returns the thread as last read. */
function waitInLine(run: CommandRun, isSelf: (login: string) => boolean): Promise<ThreadItem[]> {
  const { settings, context, thread, gate, status } = run
  const client = mintlifyClient(settings, context)
  return waitForTurn({
    place: placeOf(run.trigger),
    readLine: async () => lineOf(await thread.items(), settings.comments.command, isSelf),
    mayCommand: (entry) => gate.allows({ login: entry.author, isBot: entry.isBot }, false),
    jobIsIdle: async (jobId) => {
      try {
        return isFinal((await client.getJob(jobId, { once: true })).status)
      } catch (error) {
        // A job Mintlify no longer knows holds nothing up; other faults are asked again.
        if (error instanceof MintlifyRequestError && error.status === 404) return true
        core.debug(`Reading job ${jobId} while waiting failed: ${(error as Error).message}`)
        return false
      }
    },
    clock: context.clock,
    pollIntervalMs: settings.pollIntervalMs,
    expiryMs: settings.comments.queueExpiryMs,
    deadline: context.deadline,
    signal: context.signal,
    onWaiting: (ahead) =>
      status.waiting(`waiting for its turn, after ${describeAhead(ahead, true)}`),
    log: (line) => core.info(line)
  })
}

/** The thread a new job was asked for from, ahead of the prompt. */
function withThreadContext(prompt: string, trigger: CommentTrigger): string {
  const kind = trigger.isPullRequest ? 'pull request' : 'issue'
  return [
    `Requested from GitHub by @${trigger.comment.author.login} on ${kind} #${trigger.number} of ${trigger.owner}/${trigger.repo}: "${trigger.title}" (${trigger.url}).`,
    '',
    prompt
  ].join('\n')
}

/** The prompt as sent: a review comment or summary carries where, and in which review, it was made. */
function promptFor(trigger: CommentTrigger, prompt: string): string {
  if (trigger.diff) return promptWithDiffContext(prompt, trigger.diff)
  if (trigger.reviewState !== undefined)
    return promptWithReviewContext(prompt, trigger.reviewState, trigger.number)
  return prompt
}

/** What is wrong with a command a person wrote, in words for them; undefined when nothing is. */
function commandProblem(prompt: string, jobId: string | undefined): string | undefined {
  try {
    checkPromptLength(prompt, 'The prompt in the comment')
  } catch (error) {
    if (error instanceof InputError) return error.message
    throw error
  }
  if (jobId && !isValidJobId(jobId)) {
    return `The job ID after --job is not a valid ID (${JSON.stringify(jobId.slice(0, 60))}): IDs are letters, digits, '.', '_', '~', ':', '@' and '-'.`
  }
  return undefined
}
