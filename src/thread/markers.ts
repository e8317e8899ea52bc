import type { ThreadItem } from './thread.js'

/** The hidden line that ties a pull request or a status comment to an agent job. */
export function jobMarker(jobId: string): string {
  return `<!-- mintlify-agent-action job=${jobId} -->`
}

const MARKER = /<!--\s*mintlify-agent-action\s+job=([^\s>]+)\s*-->/g

/** The job named by the last marker in a text, if any. */
export function findJobMarker(text: string | null | undefined): string | undefined {
  let found: string | undefined
  for (const match of (text ?? '').matchAll(MARKER)) found = match[1]
  return found
}

/**
 * The hidden line of a sync status comment: `sync` and then its state, field by field. It lives
 * here because the comment flow looks for the same comment: a command on a synced pull request
 * takes that comment's send lock.
 */
export const SYNC_MARKER = /<!--\s*mintlify-agent-action\s+sync((?:\s+[a-z]+=[^\s>]*)*)\s*-->/

/** Whether a comment is a sync status comment (its state may still be empty). */
function isSyncComment(body: string): boolean {
  return SYNC_MARKER.test(body)
}

/** The action's sync status comment on a thread: the oldest trusted one, if any. */
export function syncCommentOf(
  items: readonly ThreadItem[],
  trusted: (login: string) => boolean
): ThreadItem | undefined {
  return items
    .filter((item) => item.kind === 'issue-comment' && trusted(item.author.login))
    .filter((item) => isSyncComment(item.body))
    .sort((a, b) => a.id - b.id)[0]
}
