import * as core from '@actions/core'
import type { Clock } from './clock.js'
import { parseCommand } from './command.js'
import { askAgent, type RunContext } from './agent-request.js'
import { findJobMarker } from './github/job-marker.js'
import {
  renderStatusComment,
  STATUS_COMMENT_SIGNATURE,
  type StatusView
} from './github/status-comment.js'
import { openThread, type Thread, type ThreadComment } from './github/thread.js'
import {
  promptWithDiffContext,
  promptWithReviewContext,
  type CommentTrigger
} from './github/trigger.js'
import {
  checkPromptLength,
  InputError,
  isValidJobId,
  PERMISSION_LEVELS,
  type Settings
} from './inputs.js'
import type { Outcome, RunResult } from './report.js'

/** The status comment is rewritten at most this often while the agent works. */
export const STATUS_REFRESH_MS = 30_000

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
    'I could not tell which Mintlify agent job to follow up: no `job-id` input, no `--job` in the comment, and no job marker in the pull request or in an earlier status comment of this action.',
    '',
    `Name the job in the comment: \`${command} --job <job-id> <what to do>\`, or set the \`job-id\` input of the workflow.`
  ].join('\n')
}

function refusal(login: string, needed: string, isBot: boolean): string {
  return isBot
    ? `@${login} is a bot, and bots may not give the Mintlify agent commands here unless the workflow lists them in \`allowed-bots\`.`
    : `@${login}, the Mintlify agent takes commands from people with ${needed} access to this repository or more.`
}

/** Handles a comment that may hold a command. Never throws for GitHub's sake: GitHub trouble is a warning. */
export async function runCommentCommand(
  trigger: CommentTrigger,
  settings: Settings,
  context: RunContext
): Promise<RunResult> {
  const { comments: options } = settings
  const author = trigger.comment.author
  const result: RunResult = {
    triggered: false,
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

  if (!options.githubToken) {
    throw new InputError(
      "Input 'github-token' is empty: a comment-triggered run needs a token to check permissions and answer; keep the default (github.token) or pass one."
    )
  }
  const thread = await openThread(options.githubToken, trigger, (line) => core.warning(line))
  const react = (content: Parameters<Thread['react']>[0]): Promise<void> =>
    options.reactions ? thread.react(content) : Promise.resolve()

  const reply = async (body: string): Promise<void> => {
    try {
      await thread.post(body)
    } catch (error) {
      core.warning(`Could not reply on the thread (${(error as Error).message}).`)
    }
  }

  if (!(await mayCommand(thread, trigger, settings))) {
    await react('confused')
    await reply(refusal(author.login, options.permission, author.isBot))
    return result
  }
  if (command.kind === 'empty') {
    await reply(usage(options.command))
    return result
  }

  const prompt = promptFor(trigger, command.prompt)
  const problem = commandProblem(prompt, command.jobId)
  if (problem) {
    await react('confused')
    await reply(problem)
    throw new InputError(problem)
  }
  await react('eyes')

  const status = await StatusComment.start(
    thread,
    options.statusComment,
    command.prompt,
    context.clock
  )
  result.statusCommentId = status.id
  const cap = options.maxRequestsPerThread
  const namedJob = settings.jobId ?? command.jobId
  let earlier: ThreadComment[] = []
  let self = ''
  if (cap > 0 || !namedJob) {
    self = status.author || (await thread.tokenLogin())
    earlier = (await thread.comments()).filter(
      (c) => c.id !== status.id && c.id !== trigger.comment.id
    )
  }
  if (cap > 0) {
    const used = earlier.filter(
      (c) => c.author === self && c.body.includes(STATUS_COMMENT_SIGNATURE) && findJobMarker(c.body)
    ).length
    if (used >= cap) {
      core.warning(
        `This thread has had ${used} agent requests; max-requests-per-thread is ${cap}. Nothing was sent.`
      )
      await status.fail(
        `This thread has reached its limit of ${cap} Mintlify agent requests (\`max-requests-per-thread\`), so nothing was sent. The project's hourly limit is shared by every thread: continue in a new pull request, or ask a maintainer to raise the cap.`
      )
      await react('confused')
      return result
    }
  }
  const found =
    namedJob ?? jobFromMarkers(earlier, new Set([self, ...options.trustedMarkerAuthors]), trigger)
  const mode = settings.mode
  if (!found && mode === 'follow-up') {
    core.warning('No job to follow up: the reply on the thread says how to name one.')
    await status.fail(noJobReply(options.command))
    await react('confused')
    return result
  }
  // A new job gets the thread's context, so the agent knows where the request came from.
  const jobId = mode === 'create' ? undefined : found
  const request = jobId
    ? { jobId, prompt }
    : { jobId: undefined, prompt: withThreadContext(prompt, trigger) }

  result.triggered = true
  core.info(
    jobId
      ? `Following up job ${jobId} for @${author.login}.`
      : `Starting a new job for @${author.login}.`
  )
  const check = options.checkRun ? await CheckRun.start(thread, command.prompt) : undefined
  const outcome = await askAgent(request, settings, context, {
    onWaiting: (progress) =>
      status.show(progress, 'waiting for the agent to finish the previous request', false),
    onSent: (progress) => status.show(progress, 'the agent is working on it', true),
    onRead: (progress) => status.show(progress, 'the agent is working on it', false)
  })
  result.outcome = outcome
  await status.finish(outcome)
  await check?.finish(outcome)
  await react(!outcome.failure && outcome.job?.status === 'completed' ? 'rocket' : 'confused')
  return result
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
    return (error as Error).message
  }
  if (jobId && !isValidJobId(jobId)) {
    return `The job ID after --job is not a valid ID (${JSON.stringify(jobId.slice(0, 60))}): IDs are letters, digits, '.', '_', '~', ':', '@' and '-'.`
  }
  return undefined
}

async function mayCommand(
  thread: Thread,
  trigger: CommentTrigger,
  settings: Settings
): Promise<boolean> {
  const { login, isBot } = trigger.comment.author
  if (isBot) {
    const allowed = settings.comments.allowedBots.includes(login)
    core.info(
      `${login} is a bot${allowed ? ' listed in allowed-bots' : ' not listed in allowed-bots: refused'}.`
    )
    return allowed
  }
  const level = await thread.permissionOf(login)
  const enough =
    PERMISSION_LEVELS.indexOf(level) >= PERMISSION_LEVELS.indexOf(settings.comments.permission)
  core.info(
    `${login} has ${level} access; ${settings.comments.permission} is needed${enough ? '' : ': refused'}.`
  )
  return enough
}

/**
 * The job named by the newest marker in a comment written by the token's own account or a trusted
 * bot, else by the pull request body. A stranger's comment cannot redirect a follow-up.
 */
function jobFromMarkers(
  newestFirst: ThreadComment[],
  trusted: Set<string>,
  trigger: CommentTrigger
): string | undefined {
  for (const comment of newestFirst) {
    if (!trusted.has(comment.author)) continue
    const jobId = findJobMarker(comment.body)
    if (jobId && isValidJobId(jobId)) {
      core.info(`Job ${jobId} comes from a marker in comment ${comment.id} by ${comment.author}.`)
      return jobId
    }
  }
  const fromBody = findJobMarker(trigger.pullRequestBody)
  if (fromBody && isValidJobId(fromBody)) {
    core.info(`Job ${fromBody} comes from a marker in the pull request body.`)
    return fromBody
  }
  return undefined
}

/** A check run on the pull request's head commit, for people who look at checks before comments. */
class CheckRun {
  private constructor(
    private readonly thread: Thread,
    private readonly id: number
  ) {}

  static async start(thread: Thread, prompt: string): Promise<CheckRun | undefined> {
    try {
      const sha = await thread.headSha()
      if (!sha) {
        core.info('No pull request head commit to put a check run on.')
        return undefined
      }
      const id = await thread.createCheckRun(
        sha,
        'The Mintlify agent is working',
        quoteForCheck(prompt)
      )
      return new CheckRun(thread, id)
    } catch (error) {
      core.warning(
        `Could not create the check run (${(error as Error).message}): give the workflow 'checks: write'.`
      )
      return undefined
    }
  }

  async finish(outcome: Outcome): Promise<void> {
    const job = outcome.job
    const success = !outcome.failure && job?.status === 'completed'
    const title = success
      ? job?.prLink
        ? 'The Mintlify agent updated the docs'
        : 'The Mintlify agent changed nothing'
      : `Mintlify agent job ${job?.status ?? 'not started'}`
    const summary = [
      `Job: \`${outcome.jobId}\``,
      `Status: ${job?.status ?? 'none'}`,
      `Pull request: ${job?.prLink ?? 'none'}`,
      ...(outcome.failure ? ['', outcome.failure] : [])
    ].join('\n')
    try {
      await this.thread.completeCheckRun(this.id, success, title, summary)
    } catch (error) {
      core.warning(`Could not complete the check run (${(error as Error).message}).`)
    }
  }
}

function quoteForCheck(prompt: string): string {
  return prompt.length > 1000 ? `${prompt.slice(0, 1000)}…` : prompt
}

/** The run's one status comment, created at the start and edited in place; or nothing, when turned off. */
class StatusComment {
  #lastEdit: number | undefined
  #view: StatusView

  private constructor(
    private readonly thread: Thread,
    private readonly clock: Clock,
    readonly id: number | undefined,
    readonly author: string | undefined,
    prompt: string
  ) {
    this.#view = { prompt, jobId: undefined, job: undefined, elapsedMs: 0, phase: '', final: false }
  }

  static async start(
    thread: Thread,
    enabled: boolean,
    prompt: string,
    clock: Clock
  ): Promise<StatusComment> {
    if (!enabled) return new StatusComment(thread, clock, undefined, undefined, prompt)
    const view: StatusView = {
      prompt,
      jobId: undefined,
      job: undefined,
      elapsedMs: 0,
      phase: 'starting',
      final: false
    }
    try {
      const { id, author } = await thread.post(renderStatusComment(view))
      return new StatusComment(thread, clock, id, author, prompt)
    } catch (error) {
      core.warning(
        `Could not write the status comment (${(error as Error).message}): give the workflow 'pull-requests: write' and 'issues: write' permissions.`
      )
      return new StatusComment(thread, clock, undefined, undefined, prompt)
    }
  }

  /** Shows progress; while waiting, at most every STATUS_REFRESH_MS unless `now`. */
  async show(outcome: Outcome, phase: string, now: boolean): Promise<void> {
    const recent =
      this.#lastEdit !== undefined && this.clock.now() - this.#lastEdit < STATUS_REFRESH_MS
    if (!now && recent) return
    await this.#write({
      jobId: outcome.jobId,
      job: outcome.job,
      elapsedMs: outcome.durationMs,
      phase,
      final: false
    })
  }

  async finish(outcome: Outcome): Promise<void> {
    await this.#write({
      jobId: outcome.jobId,
      job: outcome.job,
      elapsedMs: outcome.durationMs,
      final: true,
      failure: outcome.failure
    })
  }

  /** Replaces the status comment with a message (or posts it, without one). */
  async fail(message: string): Promise<void> {
    const body = `${message}\n\n${STATUS_COMMENT_SIGNATURE}`
    try {
      if (this.id === undefined) await this.thread.post(body)
      else await this.thread.update(this.id, body)
    } catch (error) {
      core.warning(`Could not write on the thread (${(error as Error).message}).`)
    }
  }

  async #write(change: Partial<StatusView>): Promise<void> {
    this.#view = { ...this.#view, ...change }
    if (this.id === undefined) return
    this.#lastEdit = this.clock.now()
    try {
      await this.thread.update(this.id, renderStatusComment(this.#view))
    } catch (error) {
      core.warning(`Could not update the status comment (${(error as Error).message}).`)
    }
  }
}
