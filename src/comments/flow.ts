import type { RunResult } from '../core/outcome.js'
import { InputError, type Settings } from '../settings/settings.js'
import { Gate } from '../thread/gate.js'
import { ThreadReadError, type Reaction, type Thread } from '../thread/thread.js'
import { carryOut } from './carry-out.js'
import type { CommentPorts } from './command-run.js'
import { parseCommand } from './command.js'
import { placeKey } from './line.js'
import { renderReply } from './render.js'
import { commandProblem, refusal, usage } from './replies.js'
import { requestFromEvent, sentWithItsReview, type CommandRequest } from './request.js'
import { PlaceNotHeld, StatusComment } from './status-comment.js'
import { placeOf, type CommentTrigger } from './trigger.js'

/**
 * Handles a comment that may hold a command: who may ask, the command's turn on the thread,
 * which job, then the request. Returns what became of it; a command that could not be carried
 * out comes back with its `failure`, said on the thread too when GitHub lets us.
 */
export async function runCommentCommand(
  trigger: CommentTrigger,
  settings: Settings,
  ports: CommentPorts
): Promise<RunResult> {
  const { logger } = ports
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
        ? 'The comment was edited, and allow-edits is false: nothing to do (a command still waiting for its turn sends its latest text).'
        : `The comment was ${trigger.action}: nothing to do.`
    )
    return result
  }
  if (parseCommand(trigger.comment.body, options.command).kind === 'none') {
    logger.info(`The comment does not start with ${options.command}: nothing to do.`)
    return result
  }

  result.result = 'not-sent'
  let thread: Thread
  try {
    thread = await ports.openThread()
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    result.failure = error.message
    return result
  }
  const place = placeKey(placeOf(trigger))
  const react = (content: Reaction): Promise<void> =>
    options.reactions ? thread.react(content) : Promise.resolve()
  const reply = async (body: string): Promise<void> => {
    try {
      await thread.post(renderReply(body, { place, run: ports.run }))
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
    const asked = await requestFromEvent(trigger, thread, options.command)
    if (asked.kind !== 'request') {
      await reply(usage(options.command))
      result.failure = `The command has nothing after ${options.command}, so nothing was sent; the reply on the thread says how to write one.`
      return result
    }
    request = asked.request
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

  let status: StatusComment | undefined
  if (options.statusComment) {
    try {
      status = await StatusComment.post(thread, {
        prompt: request.quoted,
        clock: ports.clock,
        logger,
        place,
        at: trigger.comment.writtenAt,
        text: request.text,
        run: ports.run,
        expiryMs: options.queueExpiryMs
      })
    } catch (error) {
      if (!(error instanceof PlaceNotHeld)) throw error
      await react('confused')
      result.failure = error.message
      return result
    }
    result.statusCommentId = status.id
    const run = ports.run
    status.keepPlace(async () => (run ? thread.runState(run) : 'unknown'))
  }
  const endWith = async (message: string): Promise<RunResult> => {
    if (status) await status.end(message)
    else await reply(message)
    await react('confused')
    result.failure = message
    return result
  }
  const withdraw = async (message: string): Promise<RunResult> => {
    logger.info(message)
    if (status) await status.end(message)
    else await reply(message)
    result.result = 'withdrawn'
    return result
  }
  try {
    return await carryOut(
      { trigger, settings, ports, thread, gate, status, react, endWith, withdraw },
      result,
      request
    )
  } catch (error) {
    // Whatever went wrong, the thread is told and the command's place is given up.
    return endWith(`The run stopped on an unexpected error: ${(error as Error).message}`)
  }
}
