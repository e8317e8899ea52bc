import { Agent, MockAgent } from 'undici'
import {
  startSimulator,
  SIMULATOR_API_KEY,
  DEMO_JOB_ID,
  DEMO_PROJECT_ID
} from '../src/simulator/server.js'
import { MintlifyRequestError } from '../src/core/agent-api.js'
import { MintlifyClient } from '../src/core/mintlify-client.js'
import type { RetryPolicy } from '../src/core/retry-policy.js'
import { fakeClock } from './helpers/fake-clock.js'
import { recordingLogger } from './helpers/logger.js'

const ORIGIN = 'https://api.mintlify.test'
const KEY = 'mint_unit_key'
const quickRetries: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, random: () => 0 }
const job = {
  id: 'job 1',
  status: 'active',
  source: { repository: 'https://github.com/acme/docs', ref: 'main' },
  model: 'sonnet',
  prLink: null,
  createdAt: '2026-01-01T00:00:00Z',
  archivedAt: null
}

function setup(projectId = 'p/1') {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const pool = agent.get(ORIGIN)
  const client = new MintlifyClient({
    baseUrl: ORIGIN,
    apiKey: KEY,
    projectId,
    dispatcher: agent,
    requestTimeoutMs: 1000,
    retryPolicy: quickRetries,
    clock: fakeClock(),
    deadline: 60_000,
    logger: recordingLogger()
  })
  return { agent, pool, client }
}

async function failure(promise: Promise<unknown>): Promise<MintlifyRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(MintlifyRequestError)
  return error as MintlifyRequestError
}

describe('MintlifyClient', () => {
  it('sends the prompt with the bearer key to an encoded path', async () => {
    const { pool, client } = setup()
    let seen: { headers: unknown; body: unknown } | undefined
    pool
      .intercept({ path: '/v2/agent/p%2F1/job/job%201/message', method: 'POST' })
      .reply(200, (options) => {
        seen = { headers: options.headers, body: options.body }
        return job
      })
    await expect(client.sendMessage('job 1', 'Add examples')).resolves.toEqual(job)
    expect(seen?.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      'content-type': 'application/json'
    })
    expect(JSON.parse(String(seen?.body))).toEqual({ prompt: 'Add examples' })
  })

  it('reports a 404 with its server message and does not retry it', async () => {
    const { pool, client } = setup('p1')
    pool
      .intercept({ path: '/v2/agent/p1/job/nope', method: 'GET' })
      .reply(404, { error: 'Job not found' })
    const error = await failure(client.getJob('nope'))
    expect(error).toMatchObject({ status: 404, serverMessage: 'Job not found', attempts: 1 })
  })

  it('never retries the send by itself', async () => {
    const { pool, client } = setup('p1')
    pool
      .intercept({ path: '/v2/agent/p1/job/j/message', method: 'POST' })
      .reply(503, { error: 'busy' })
    const error = await failure(client.sendMessage('j', 'x'))
    expect(error).toMatchObject({ status: 503, attempts: 1 })
  })

  it('reports a non-JSON body by status and excerpt', async () => {
    const { pool, client } = setup('p1')
    pool
      .intercept({ path: '/v2/agent/p1/job/j/message', method: 'POST' })
      .reply(403, '<html><body>Blocked by corporate proxy</body></html>', {
        headers: { 'content-type': 'text/html' }
      })
    const error = await failure(client.sendMessage('j', 'x'))
    expect(error.status).toBe(403)
    expect(error.excerpt).toContain('Blocked by corporate proxy')
  })

  it('removes the key from anything the server echoes back', async () => {
    const { pool, client } = setup('p1')
    pool
      .intercept({ path: '/v2/agent/p1/job/j/message', method: 'POST' })
      .reply(401, { error: `Invalid key ${KEY}` })
    const error = await failure(client.sendMessage('j', 'x'))
    expect(error.serverMessage).toBe('Invalid key ***')
  })

  it('reads Retry-After on a 429', async () => {
    const { pool, client } = setup('p1')
    pool
      .intercept({ path: '/v2/agent/p1/job/j/message', method: 'POST' })
      .reply(429, { error: 'Rate limit exceeded' }, { headers: { 'retry-after': '120' } })
    const error = await failure(client.sendMessage('j', 'x'))
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000 })
  })

  it('treats a JSON answer without id and status as unusable', async () => {
    const { pool, client } = setup('p1')
    pool.intercept({ path: '/v2/agent/p1/job/j', method: 'GET' }).reply(200, { ok: true })
    const error = await failure(client.getJob('j'))
    expect(error.excerpt).toBe('{"ok":true}')
  })
})

// undici 6's RetryHandler re-dispatches twice when MockAgent answers a retryable status, so the
// retries are checked against the simulator on loopback, the way the action meets them.
describe('MintlifyClient retries, over loopback', () => {
  async function againstSimulator(policy: RetryPolicy = quickRetries) {
    const simulator = await startSimulator()
    const agent = new Agent()
    const client = new MintlifyClient({
      baseUrl: simulator.url,
      apiKey: SIMULATOR_API_KEY,
      projectId: DEMO_PROJECT_ID,
      dispatcher: agent,
      requestTimeoutMs: 1000,
      retryPolicy: policy,
      clock: fakeClock(),
      deadline: 60_000,
      logger: recordingLogger()
    })
    return { simulator, client, close: async () => (await agent.close(), await simulator.close()) }
  }

  it('retries a read after 503 and a reset, then succeeds', async () => {
    const { simulator, client, close } = await againstSimulator()
    simulator.addFault({ route: 'job', kind: 'status', status: 503 })
    simulator.addFault({ route: 'job', kind: 'reset-before-body' })
    await expect(client.getJob(DEMO_JOB_ID)).resolves.toMatchObject({
      id: DEMO_JOB_ID,
      status: 'completed'
    })
    expect(simulator.requests).toHaveLength(3)
    await close()
  })

  it('gives up a read after the policy allows, counting the attempts', async () => {
    const { simulator, client, close } = await againstSimulator()
    simulator.addFault({ route: 'job', kind: 'status', status: 502, times: 5 })
    const error = await failure(client.getJob(DEMO_JOB_ID))
    expect(error).toMatchObject({ status: 502, attempts: 3 })
    expect(simulator.requests).toHaveLength(3)
    await close()
  })

  it('does not retry past the deadline, whatever Retry-After says', async () => {
    const { simulator, client, close } = await againstSimulator()
    simulator.addFault({
      route: 'job',
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '3600' },
      times: 5
    })
    const error = await failure(client.getJob(DEMO_JOB_ID))
    expect(error).toMatchObject({ status: 429, attempts: 1, retryAfterMs: 3_600_000 })
    await close()
  })
})
