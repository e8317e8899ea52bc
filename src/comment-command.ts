import * as core from '@actions/core'
import type { Clock } from './clock.js'
import { parseCommand } from './command.js'
import { followUp, type RunContext } from './follow-up.js'
import { findJobMarker } from './github/job-marker.js'
import {
  renderStatusComment,
  STATUS_COMMENT_SIGNATURE,
  type StatusView
} from './github/status-comment.js'
import { openThread, PERMISSION_LEVELS, type Thread } from './github/thread.js'
import { promptWithDiffContext, type CommentTrigger } from './github/trigger.js'
import { checkPromptLength, InputError, isValidJobId, type Settings } from './inputs.js'
import type { Outcome } from './report.js'

/** The status comment is rewritten at most this often while the agent works. */
export const STATUS_REFRESH_MS = 30_000

/** What a comment-triggered run did, for the outputs. */
export interface CommentRun {
  /** Whether a message went to the agent. */
  triggered: boolean
  commandAuthor: string
  statusCommentId: number | undefined
  outcome: Outcome | undefined
}

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
): Promise<CommentRun> {
  const { comments: options } = settings
  const author = trigger.comment.author
  const result: CommentRun = {
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

  const prompt = trigger.diff ? promptWithDiffContext(command.prompt, trigger.diff) : command.prompt
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
  const jobId =
    settings.jobId ??
    command.jobId ??
    (await jobFromThread(thread, trigger, settings, status.author))
  if (!jobId) {
    core.warning('No job to follow up: the reply on the thread says how to name one.')
    await status.fail(noJobReply(options.command))
    await react('confused')
    return result
  }

  result.triggered = true
  core.info(`Following up job ${jobId} for @${author.login}.`)
  const outcome = await followUp({ jobId, prompt }, settings, context, {
    onSent: (progress) => status.show(progress, 'the agent is working on it', true),
    onRead: (progress) => status.show(progress, 'the agent is working on it', false)
  })
  result.outcome = outcome
  await status.finish(outcome)
  await react(!outcome.failure && outcome.job?.status === 'completed' ? 'rocket' : 'confused')
  return result
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
 * The job named by the newest marker in a comment written by the token's own identity or a
 * trusted bot, else by the pull request body. A stranger's comment cannot redirect a follow-up.
 */
async function jobFromThread(
  thread: Thread,
  trigger: CommentTrigger,
  settings: Settings,
  knownLogin: string | undefined
): Promise<string | undefined> {
  const self = knownLogin ?? (await thread.tokenLogin())
  const trusted = new Set([self, ...settings.comments.trustedMarkerAuthors])
  for (const comment of await thread.comments()) {
    if (comment.id === trigger.comment.id || !trusted.has(comment.author)) continue
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

/** The run's one status comment, created at the start and edited in place; or nothing, when turned off. */
class StatusComment {
  #lastEdit = 0
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
    if (!now && this.clock.now() - this.#lastEdit < STATUS_REFRESH_MS) return
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
