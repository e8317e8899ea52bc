import type { Logger } from '../core/logger.js'
import { MAX_PROMPT_LENGTH } from '../settings/settings.js'
import type { Thread } from '../thread/thread.js'
import { parseCommand, type Command } from './command.js'
import { promptWithDiffContext, reviewPrompt } from './prompts.js'
import type { CommentTrigger } from './trigger.js'

/** What a command asks: the prompt as sent, the words quoted back, and a job named with --job. */
export interface CommandRequest {
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
export async function commandRequest(
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
export async function sentWithItsReview(
  thread: Thread,
  reviewId: number,
  commandWord: string,
  logger: Logger
): Promise<boolean> {
  const summary = await thread.reviewSummary(reviewId)
  if (parseCommand(summary, commandWord).kind === 'none') return false
  logger.info(
    `This comment was submitted with review ${reviewId}, whose summary starts with ${commandWord}: the run of that review sends this comment with the whole review (the workflow must listen to pull_request_review), so it is not sent on its own.`
  )
  return true
}
