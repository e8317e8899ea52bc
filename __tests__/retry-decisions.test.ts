import { classifySendFailure } from '../src/core/delivery.js'
import { MintlifyRequestError } from '../src/core/agent-api.js'
import {
  backoffDelay,
  nextRetryDelay,
  parseRetryAfter,
  type RetryPolicy
} from '../src/core/retry-policy.js'

const policy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: () => 0.5
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T10:00:00Z')
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Mon, 23 Nov 2026 10:01:30 GMT', 90_000],
    ['Mon, 23 Nov 2026 09:59:00 GMT', 0]
  ])('reads %p as %p ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms)
  })
  it.each([undefined, '', 'soon'])('ignores %p', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined()
  })
})

describe('backoff', () => {
  it('doubles from the base with jitter in the upper half, up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy))).toEqual([375, 750, 1500, 3000])
    expect(backoffDelay(20, policy)).toBe(22_500)
    expect(backoffDelay(1, { ...policy, random: () => 0 })).toBe(250)
    expect(backoffDelay(1, { ...policy, random: () => 0.999 })).toBe(500)
  })

  it('prefers Retry-After, and gives up at the attempt limit or the deadline', () => {
    expect(
      nextRetryDelay({ failedAttempts: 1, retryAfterMs: 2000, remainingMs: 60_000, policy })
    ).toBe(2000)
    expect(
      nextRetryDelay({ failedAttempts: 5, retryAfterMs: undefined, remainingMs: 60_000, policy })
    ).toBeUndefined()
    expect(
      nextRetryDelay({ failedAttempts: 1, retryAfterMs: 3_600_000, remainingMs: 60_000, policy })
    ).toBeUndefined()
  })
})

describe('classifySendFailure', () => {
  const byStatus = (status: number) => new MintlifyRequestError('x', { status })
  const byCode = (code: string) => new MintlifyRequestError('x', { code })
  it.each([
    [byCode('ECONNREFUSED'), 'not-delivered'],
    [byCode('ENOTFOUND'), 'not-delivered'],
    [byStatus(429), 'not-delivered'],
    [byStatus(503), 'not-delivered'],
    [byCode('ECONNRESET'), 'maybe-delivered'],
    [byCode('UND_ERR_SOCKET'), 'maybe-delivered'],
    [byCode('UND_ERR_HEADERS_TIMEOUT'), 'maybe-delivered'],
    [byStatus(500), 'maybe-delivered'],
    [byStatus(502), 'maybe-delivered'],
    [byStatus(504), 'maybe-delivered'],
    [new MintlifyRequestError('x', { status: 200, excerpt: '{' }), 'maybe-delivered'],
    [byStatus(400), 'rejected'],
    [byStatus(401), 'rejected'],
    [byStatus(404), 'rejected'],
    [new Error('bug'), 'rejected']
  ])('%p is %p', (error, kind) => {
    expect(classifySendFailure(error)).toBe(kind)
  })
})
