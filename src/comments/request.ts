import type { Logger } from '../core/logger.js'
import { MAX_PROMPT_LENGTH } from '../settings/settings.js'
import type { ReviewComment, Thread, ThreadItem } from '../thread/thread.js'
import { textHash } from './claims.js'
import { parseCommand } from './command.js'
import { promptWithDiffContext, reviewPrompt } from './prompts.js'
import { placeOf, type CommentTrigger } from './trigger.js'

/** What a command asks: the prompt as sent, the words quoted back, and a job named with --job. */
export interface CommandRequest {
  prompt: string
  quoted: string
  namedJob: string | undefined
  /** The fingerprint of the text it comes from: the comment, or the review and its comments. */
  text: string
}

/** What a command's text asks, as it reads now. */
export type Asked =
  | { kind: 'request'; request: CommandRequest }
  /** The command word alone (over a review without comments): a usage reply. */
  | { kind: 'empty' }
  /** The text is no longer a command (an edit took the command word away). */
  | { kind: 'none' }

/**
 * The request a command makes, from its text (and, for a review's summary, the inline comments
 * submitted with it). A review comment carries where it was made; a review's summary carries the
 * review's verdict and every inline comment, so that `/agent` over a review (even a bare one)
 * sends the whole review at once.
 */
export function requestOf(
  trigger: CommentTrigger,
  body: string,
  reviewComments: readonly ReviewComment[],
  commandWord: string
): Asked {
  const command = parseCommand(body, commandWord)
  if (command.kind === 'none') return { kind: 'none' }
  const words = command.kind === 'prompt' ? command.prompt : ''
  const namedJob = command.kind === 'prompt' ? command.jobId : undefined
  if (trigger.event === 'pull_request_review') {
    const comments = [...reviewComments].sort((a, b) => a.id - b.id)
    if (!words && !comments.length) return { kind: 'empty' }
    const text = textHash(JSON.stringify([body, ...comments.map((c) => [c.id, c.body])]))
    // The summary's own words are held to the limit on their own, before the comments join them.
    if (words.length > MAX_PROMPT_LENGTH)
      return { kind: 'request', request: { prompt: words, quoted: words, namedJob, text } }
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
    return { kind: 'request', request: { prompt, quoted, namedJob, text } }
  }
  if (!words) return { kind: 'empty' }
  const prompt = trigger.diff ? promptWithDiffContext(words, trigger.diff) : words
  return { kind: 'request', request: { prompt, quoted: words, namedJob, text: textHash(body) } }
}

/** The request as the event describes it, before any line is read. */
export async function requestFromEvent(
  trigger: CommentTrigger,
  thread: Thread,
  commandWord: string
): Promise<Asked> {
  const comments =
    trigger.event === 'pull_request_review' ? await thread.reviewComments(trigger.comment.id) : []
  return requestOf(trigger, trigger.comment.body, comments, commandWord)
}

/**
 * The request as the thread reads now, right before sending: the comment may have been edited
 * (its latest text is what goes) or deleted (undefined). A command missing from the thread as
 * read is asked for once more on its own before it counts as deleted.
 */
export async function requestFromThread(
  trigger: CommentTrigger,
  thread: Thread,
  items: readonly ThreadItem[],
  commandWord: string
): Promise<Asked | undefined> {
  const { kind, id } = placeOf(trigger)
  const body =
    items.find((item) => item.id === id && item.kind === kind)?.body ??
    (await thread.commentBody(kind, id))
  if (body === undefined) return undefined
  const comments = items.flatMap((item) =>
    item.kind === 'review-comment' && item.reviewId === trigger.comment.id
      ? [
          {
            id: item.id,
            path: item.path ?? '',
            line: item.line,
            hunk: item.hunk ?? '',
            body: item.body
          }
        ]
      : []
  )
  return requestOf(trigger, body, comments, commandWord)
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
