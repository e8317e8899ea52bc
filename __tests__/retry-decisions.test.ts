import { MintlifyRequestError, type AgentApi } from '../src/core/agent-api.js'
import { classifySendFailure, deliverMessage } from '../src/core/delivery.js'
import { explainFailure } from '../src/core/explain.js'
import {
  backoffDelay,
  nextRetryDelay,
  parseRetryAfter,
  type RetryPolicy
} from '../src/core/retry-policy.js'
import { fakeClock } from './helpers/fake-clock.js'
import { recordingLogger } from './helpers/logger.js'

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

describe('deliverMessage', () => {
  it('does not send again when the answer was lost and the job cannot be read to tell, and says to look first', async () => {
    const sent: string[] = []
    const client = {
      sendMessage: async (_jobId: string, prompt: string) => {
        sent.push(prompt)
        throw new MintlifyRequestError('the connection was reset', { code: 'ECONNRESET' })
      },
      getJob: async () => {
        throw new MintlifyRequestError('Service Unavailable', { status: 503 })
      }
    } as unknown as AgentApi
    const failure: unknown = await deliverMessage({
      client,
      jobId: 'job-1',
      prompt: 'Document the limits',
      clock: fakeClock(),
      deadline: 600_000,
      retryPolicy: policy,
      logger: recordingLogger()
    }).catch((error: unknown) => error)
    expect(sent).toEqual(['Document the limits'])
    const context = { jobId: 'job-1', projectId: 'p', baseUrl: 'https://api.mintlify.com' }
    expect(
      explainFailure(failure, { ...context, operation: 'send', requestTimeoutMs: 30_000 })
    ).toBe(
      'Sending the message to job job-1 failed (ECONNRESET) after it may have reached Mintlify, and the job could not be read to tell: it was not sent again, to avoid sending it twice. Look at job job-1 on the Mintlify dashboard before running again.'
    )
  })
})
