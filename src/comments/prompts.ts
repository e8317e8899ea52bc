import { MAX_PROMPT_LENGTH } from '../settings/settings.js'
import type { ReviewComment } from '../thread/thread.js'
import { parseCommand } from './command.js'

/** An inline comment's own text is cut after this many characters, its diff line after 300. */
export const INLINE_COMMENT_LIMIT = 2_000
const DIFF_LINE_LIMIT = 300

const REVIEW_STATES: Record<string, string> = {
  approved: 'approved',
  changes_requested: 'changes requested',
  commented: 'commented'
}

function cut(text: string, limit: number): string {
  return text.length > limit
    ? `${text.slice(0, limit)}… [cut: ${text.length - limit} more characters]`
    : text
}

function where(comment: Pick<ReviewComment, 'path' | 'line'>): string {
  return comment.line === undefined
    ? `\`${comment.path}\``
    : `\`${comment.path}\` line ${comment.line}`
}

function diffLine(hunk: string): string {
  return cut(hunk.split('\n').filter(Boolean).pop() ?? '', DIFF_LINE_LIMIT)
}

/** The prompt a review comment sends: where it was made first, so the agent knows what "this" is. */
export function promptWithDiffContext(
  prompt: string,
  comment: Omit<ReviewComment, 'id' | 'body'>
): string {
  return `Review comment on ${where(comment)}, at this diff line:\n\`\`\`diff\n${diffLine(comment.hunk)}\n\`\`\`\n\n${prompt}`
}

/**
 * The prompt a review's summary sends: the review's verdict, the summary's own words, then every
 * inline comment of the review in file and line order, with its place and diff line, so that the
 * whole review is one request. A comment that starts with the command word counts by its prompt.
 *
 * The prompt stays within MAX_PROMPT_LENGTH: each comment's text is cut at INLINE_COMMENT_LIMIT
 * characters, and comments that would not fit are left out, with a last line that says how many
 * and where to read them.
 */
export function reviewPrompt(options: {
  summary: string
  state: string
  pullNumber: number
  reviewUrl: string
  comments: readonly ReviewComment[]
  commandWord: string
}): string {
  const { summary, state, pullNumber, reviewUrl, comments, commandWord } = options
  const verdict = REVIEW_STATES[state] ?? state
  const sorted = [...comments].sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
      a.id - b.id
  )
  const head = [
    `Sent with a review of pull request #${pullNumber} (${verdict})${sorted.length ? `, with ${sorted.length} comment${sorted.length === 1 ? '' : 's'} on the changes` : ''}:`,
    '',
    summary || 'Address the review comments below.'
  ].join('\n')
  if (!sorted.length) return head

  const blocks = sorted.map((comment, index) => {
    const command = parseCommand(comment.body, commandWord)
    const text = command.kind === 'prompt' ? command.prompt : comment.body.trim()
    return `${index + 1}. ${where(comment)}, at this diff line:\n\`\`\`diff\n${diffLine(comment.hunk)}\n\`\`\`\n${cut(text, INLINE_COMMENT_LIMIT)}`
  })
  const parts = [head, '', 'Review comments, in file and line order:']
  // Room kept for the closing line about comments left out.
  const room = MAX_PROMPT_LENGTH - 300
  let length = parts.join('\n').length
  let shown = 0
  for (const block of blocks) {
    if (length + block.length + 2 > room) break
    parts.push('', block)
    length += block.length + 2
    shown++
  }
  if (shown < blocks.length) {
    const left = blocks.length - shown
    parts.push(
      '',
      `… and ${left} more review comment${left === 1 ? '' : 's'}, left out here because a request holds at most ${MAX_PROMPT_LENGTH} characters: read ${left === 1 ? 'it' : 'them'} on the review, ${reviewUrl}`
    )
  }
  return parts.join('\n')
}
