import * as core from '@actions/core'
import { askAgent, mintlifyClient, type RunContext } from './agent-request.js'
import { parseCommand, type Command } from './command.js'
import { explainFailure } from './explain.js'
import { CheckRun } from './github/check-run.js'
import { lineOf, placeKey, readClaim } from './github/command-queue.js'
import { Gate } from './github/gate.js'
import { GitHubReadError } from './github/github-errors.js'
import { isListed, loginMatches } from './github/logins.js'
import { renderReply, StatusComment } from './github/status-comment.js'
import { openThread, type Thread, type ThreadItem } from './github/thread.js'
import { promptWithDiffContext, reviewPrompt } from './github/prompts.js'
import { placeOf, type CommentTrigger } from './github/trigger.js'
import { describeAhead, TurnTimeout, waitForTurn } from './github/turn.js'
import { jobFromMarkers } from './github/which-job.js'
import {
  checkPromptLength,
  InputError,
  isValidJobId,
  MAX_PROMPT_LENGTH,
  type Settings
} from './inputs.js'
import { findJobForPullRequest, type PullRequestRef } from './job-lookup.js'
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

function noJobReply(command: string, lookedUp: string | undefined): string {
  return [
    'I could not tell which Mintlify agent job to follow up, so nothing was sent: no `job-id` input, no `--job` in the comment, and no trusted job marker on this thread.',
    ...(lookedUp ? ['', lookedUp] : []),
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

  let request: CommandRequest
  try {
    const reviewId = trigger.diff?.reviewId
    if (reviewId !== undefined && (await sentWithItsReview(thread, reviewId, options.command))) {
      result.result = 'not-a-command'
      return result
    }
    if (!(await gate.allows(author, true))) {
      await react('confused')
      await reply(refusal(author.login, options.permission, author.isBot))
      result.result = 'refused'
      return result
    }
    const asked = await commandRequest(trigger, command, thread, options.command)
    if (!asked) {
      await reply(usage(options.command))
      result.failure = `The command has nothing after ${options.command}, so nothing was sent; the reply on the thread says how to write one.`
      return result
    }
    request = asked
  } catch (error) {
    if (!(error instanceof GitHubReadError)) throw error
    result.failure = error.message
    return result
  }
  const problem = commandProblem(request.prompt, request.namedJob)
  if (problem) {
    await react('confused')
    await reply(problem)
    result.failure = problem
    return result
  }
  await react('eyes')

  const status = await StatusComment.start(thread, {
    enabled: options.statusComment,
    prompt: request.quoted,
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
      result,
      request
    )
  } catch (error) {
    // Whatever went wrong, the thread is told and the command's place is given up.
    return endWith(`The run stopped on an unexpected error: ${(error as Error).message}`)
  }
}

/** What a command asks: the prompt as sent, the words quoted back, and a job named with --job. */
interface CommandRequest {
  prompt: string
  quoted: string
  namedJob: string | undefined
}

/**
 * The request a command makes. A review comment carries where it was made; a review's summary
 * carries the review's verdict and every inline comment submitted with it, so that `/agent` over
 * a review (even a bare one) sends the whole review at once. Undefined for a command that asks
 * nothing.
 */
async function commandRequest(
  trigger: CommentTrigger,
  command: Exclude<Command, { kind: 'none' }>,
  thread: Thread,
  commandWord: string
): Promise<CommandRequest | undefined> {
  const words = command.kind === 'prompt' ? command.prompt : ''
  const namedJob = command.kind === 'prompt' ? command.jobId : undefined
  if (trigger.event === 'pull_request_review') {
    const comments = await thread.reviewComments(trigger.comment.id)
    if (!words && !comments.length) return undefined
    // The summary's own words are held to the limit on their own, before the comments join them.
    if (words.length > MAX_PROMPT_LENGTH) return { prompt: words, quoted: words, namedJob }
    const prompt = reviewPrompt({
      summary: words,
      state: trigger.reviewState ?? '',
      pullNumber: trigger.number,
      reviewUrl: trigger.comment.url,
      comments,
      commandWord
    })
    const quoted = comments.length
      ? `${words || '(the review comments)'}\n\n+ ${comments.length} review comment${comments.length === 1 ? '' : 's'}`
      : words
    return { prompt, quoted, namedJob }
  }
  if (!words) return undefined
  const prompt = trigger.diff ? promptWithDiffContext(words, trigger.diff) : words
  return { prompt, quoted: words, namedJob }
}

/**
 * Whether an inline comment is sent by its review's summary (`/agent` there), which the run of
 * the `pull_request_review` event does. It is then no command of its own here.
 */
async function sentWithItsReview(
  thread: Thread,
  reviewId: number,
  commandWord: string
): Promise<boolean> {
  const summary = await thread.reviewSummary(reviewId)
  if (parseCommand(summary, commandWord).kind === 'none') return false
  core.info(
    `This comment was submitted with review ${reviewId}, whose summary starts with ${commandWord}: the run of that review sends this comment with the whole review (the workflow must listen to pull_request_review), so it is not sent on its own.`
  )
  return true
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
  result: RunResult,
  asked: CommandRequest
): Promise<RunResult> {
  const { trigger, settings, context, thread, status, react, endWith } = run
  const { comments: options } = settings
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

  const ownClaims = items
    .filter((item) => isSelf(item.author.login) && item.id !== status.id)
    .flatMap((item) => {
      const claim = readClaim(item.body)
      return claim ? [{ claim, url: item.url }] : []
    })
  // A re-run of the workflow replays the same command: it was asked once, and is sent once.
  const earlierRun = ownClaims.find(({ claim }) => claim.place === placeKey(place) && claim.taken)
  if (earlierRun && trigger.action !== 'edited') {
    return endWith(
      `This command was already sent to job \`${earlierRun.claim.jobId}\` by an earlier run (${earlierRun.url}), so it was not sent again. Write a new \`${options.command}\` comment to ask for more.`
    )
  }

  const cap = options.maxRequestsPerThread
  if (cap > 0) {
    const used = ownClaims.filter(({ claim }) => claim.taken).length
    if (used >= cap) {
      core.warning(
        `This thread has had ${used} agent requests; max-requests-per-thread is ${cap}. Nothing was sent.`
      )
      return endWith(
        `This thread has reached its limit of ${cap} Mintlify agent requests (\`max-requests-per-thread\`), so nothing was sent. The project's hourly limit is shared by every thread: continue in a new pull request, or ask a maintainer to raise the cap.`
      )
    }
  }

  const mode = settings.mode
  let found =
    settings.jobId ??
    asked.namedJob ??
    jobFromMarkers({
      items,
      isTrusted: (login) => isSelf(login) || isListed(options.trustedMarkerAuthors, login),
      pullRequestBody: trigger.pullRequestBody,
      pullRequestAuthor: trigger.pullRequestAuthor,
      log: (line) => core.info(line)
    })
  let lookedUp: string | undefined
  if (!found && mode !== 'create' && trigger.pullRequest) {
    try {
      const lookup = await findJobForPullRequest(
        mintlifyClient(settings, context),
        await pullRequestRef(trigger.pullRequest, thread),
        (line) => core.info(line)
      )
      if (lookup.job) {
        found = lookup.job.id
        await status.jobFound(found)
      } else {
        lookedUp = lookup.account
      }
    } catch (error) {
      if (context.signal.aborted) return endWith('The workflow was cancelled: nothing was sent.')
      return endWith(
        `${explainFailure(error, {
          operation: 'list',
          jobId: '',
          projectId: settings.projectId,
          baseUrl: settings.baseUrl,
          requestTimeoutMs: settings.requestTimeoutMs
        })} Nothing was sent: name the job with \`${options.command} --job <job-id> <what to do>\`.`
      )
    }
  }
  if (!found && mode === 'follow-up') {
    core.warning('No job to follow up: the reply on the thread says how to name one.')
    return endWith(noJobReply(options.command, lookedUp))
  }
  // A new job gets the thread's context, so the agent knows where the request came from.
  const jobId = mode === 'create' ? undefined : found
  const request = jobId
    ? { jobId, prompt: asked.prompt }
    : { jobId: undefined, prompt: withThreadContext(asked.prompt, trigger) }

  core.info(
    jobId
      ? `Following up job ${jobId} for @${trigger.comment.author.login}.`
      : `Starting a new job for @${trigger.comment.author.login}.`
  )
  const check = options.checkRun ? await CheckRun.start(thread, asked.quoted) : undefined
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

/**
 * The pull request to look up, with its head branch: from the payload, or else read from
 * GitHub. Without it only the pull request link can match, and the log says so.
 */
async function pullRequestRef(
  known: NonNullable<CommentTrigger['pullRequest']>,
  thread: Thread
): Promise<PullRequestRef> {
  if (known.headRef) return known
  try {
    const { url, headRef } = await thread.pullRequest()
    return { url: known.url || url, headRef }
  } catch (error) {
    core.warning(
      `Could not read the pull request's head branch (${(error as Error).message}): only its link can match a job in Mintlify's list.`
    )
    return known
  }
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
