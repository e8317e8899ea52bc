/** How transient failures are retried: exponential backoff with full jitter, capped. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** A number in [0, 1); injected so tests can pin the jitter. */
  readonly random: () => number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: Math.random
})

/** Status codes worth another try: rate limited, or the server or a gateway in trouble. */
export const RETRYABLE_STATUSES: readonly number[] = [429, 500, 502, 503, 504]

/** Network error codes worth another try for a read. */
export const RETRYABLE_ERROR_CODES: readonly string[] = [
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
]

/**
 * Reads a `Retry-After` header: a number of seconds or an HTTP date.
 * Returns milliseconds from `nowMs`, or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  nowMs: number
): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!text) return undefined
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}

/** The pause before attempt `failedAttempts + 1`, without regard to any Retry-After. */
export function backoffDelay(failedAttempts: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempts - 1))
  // Full jitter spreads out runs that failed together, but never drops below half the step.
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2)
}

/**
 * Whether to try again after `failedAttempts` failures, and after how long.
 * A server's Retry-After wins over the backoff; nothing is retried past the deadline.
 */
export function nextRetryDelay(options: {
  failedAttempts: number
  retryAfterMs: number | undefined
  remainingMs: number
  policy: RetryPolicy
}): number | undefined {
  const { failedAttempts, retryAfterMs, remainingMs, policy } = options
  if (failedAttempts >= policy.maxAttempts) return undefined
  const delay = retryAfterMs ?? backoffDelay(failedAttempts, policy)
  if (delay >= remainingMs) return undefined
  return delay
}
