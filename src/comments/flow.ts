import type { RunContext } from '../core/agent-request.js'
import type { RunResult } from '../core/outcome.js'
import { InputError, type Settings } from '../settings/settings.js'
import { Gate } from '../thread/gate.js'
import { ThreadReadError, type Reaction, type Thread } from '../thread/thread.js'
import { carryOut } from './carry-out.js'
import { parseCommand } from './command.js'
import { placeKey } from './line.js'
import { commandProblem, refusal, usage } from './replies.js'
import { commandRequest, sentWithItsReview, type CommandRequest } from './request.js'
import { renderReply, StatusComment } from './status-comment.js'
import { placeOf, type CommentTrigger } from './trigger.js'

/** What the comment flow runs on: the run's context, and the thread once it is needed. */
export interface CommentPorts extends RunContext {
  /**
   * Opens the thread's GitHub client; called only once the comment is a command, so that other
   * comments cost no GitHub call. Throws InputError when no token was given.
   */
  openThread(): Promise<Thread>
}

/**
 * Handles a comment that may hold a command: who may ask, the command's turn on the thread,
 * which job, then the request. Returns what became of it; a command that could not be carried
 * out comes back with its `failure`, said on the thread too when GitHub lets us.
 */
export async function runCommentCommand(
  trigger: CommentTrigger,
  settings: Settings,
  context: CommentPorts
): Promise<RunResult> {
  const { logger } = context
  const { comments: options } = settings
  const author = trigger.comment.author
  const result: RunResult = {
    result: 'not-a-command',
    commandAuthor: author.login,
    statusCommentId: undefined,
    outcome: undefined
  }

  if (trigger.action !== 'created' && !(trigger.action === 'edited' && options.allowEdits)) {
    logger.info(
      trigger.action === 'edited'
        ? 'The comment was edited, and allow-edits is false: nothing to do.'
        : `The comment was ${trigger.action}: nothing to do.`
    )
    return result
  }
  const command = parseCommand(trigger.comment.body, options.command)
  if (command.kind === 'none') {
    logger.info(`The comment does not start with ${options.command}: nothing to do.`)
    return result
  }

  result.result = 'not-sent'
  let thread: Thread
  try {
    thread = await context.openThread()
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    result.failure = error.message
    return result
  }
  const place = placeOf(trigger)
  const react = (content: Reaction): Promise<void> =>
    options.reactions ? thread.react(content) : Promise.resolve()
  const reply = async (body: string): Promise<void> => {
    try {
      await thread.post(renderReply(body, placeKey(place)))
    } catch (error) {
      logger.warning(`Could not reply on the thread (${(error as Error).message}).`)
    }
  }
  const gate = new Gate(thread, options, logger)

  let request: CommandRequest
  try {
    const reviewId = trigger.diff?.reviewId
    if (
      reviewId !== undefined &&
      (await sentWithItsReview(thread, reviewId, options.command, logger))
    ) {
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
    if (!(error instanceof ThreadReadError)) throw error
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
    logger,
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
