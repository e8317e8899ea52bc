import type { CommentAuthor } from '../../thread/thread.js'

/** An account as GitHub's payloads and answers describe it: a bot by its type or its `[bot]` name. */
export function authorOf(
  user: { login?: unknown; type?: unknown } | null | undefined
): CommentAuthor {
  const login = String(user?.login ?? '')
  return { login, isBot: user?.type === 'Bot' || login.endsWith('[bot]') }
}

/** GitHub's ISO times in ms since the epoch; 0 when there is none. */
export function timeOf(time: string | null | undefined): number {
  const ms = Date.parse(time ?? '')
  return Number.isNaN(ms) ? 0 : ms
}
