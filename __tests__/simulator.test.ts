import {
  DEMO_JOB_ID,
  DEMO_PROJECT_ID,
  SIMULATOR_API_KEY,
  startSimulator,
  type Simulator
} from '../src/simulator/server.js'
import { mintlifySpec, resolveRef, type MintlifySpec } from './helpers/mintlify-contract.js'
import { problems } from './helpers/openapi.js'

;(mintlifySpec ? describe : describe.skip)('the simulator follows admin-openapi.json', () => {
  const spec = mintlifySpec as MintlifySpec
  let simulator: Simulator
  beforeEach(async () => {
    simulator = await startSimulator({ jobDurationMs: 50, hourlyLimit: 2 })
    simulator.addJob({ id: 'gone', status: 'archived' })
  })
  afterEach(() => simulator.close())

  async function call(method: string, path: string, body?: unknown, key = SIMULATOR_API_KEY) {
    const response = await fetch(`${simulator.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    return { status: response.status, body: (await response.json()) as unknown }
  }

  function conforms(template: string, method: string, answer: { status: number; body: unknown }) {
    const responses = spec.paths[template]![method.toLowerCase()]!.responses
    const documented = responses[String(answer.status)]
    // 401 is the security scheme's answer; the spec does not list it per operation.
    if (answer.status === 401) return expect(answer.body).toEqual({ error: expect.any(String) })
    expect(documented).toBeDefined()
    const schema = documented!.content!['application/json']!.schema
    expect(
      problems(schema, answer.body, { resolve: resolveRef(spec), strictProperties: true })
    ).toEqual([])
  }

  const JOB = '/v2/agent/{projectId}/job/{id}'
  const MESSAGE = '/v2/agent/{projectId}/job/{id}/message'
  const CREATE = '/v2/agent/{projectId}/job'
  const demo = `/v2/agent/${DEMO_PROJECT_ID}/job/${DEMO_JOB_ID}`

  it('answers reads of known and unknown jobs as documented', async () => {
    const known = await call('GET', demo)
    expect(known.status).toBe(200)
    conforms(JOB, 'GET', known)
    const unknown = await call('GET', `/v2/agent/${DEMO_PROJECT_ID}/job/nope`)
    expect(unknown.status).toBe(404)
    conforms(JOB, 'GET', unknown)
  })

  it('takes a follow-up, runs the job and completes it with a pull request', async () => {
    const sent = await call('POST', `${demo}/message`, { prompt: 'More examples' })
    // The demo job's pull request stays while the agent works on the follow-up.
    expect(sent).toMatchObject({
      status: 200,
      body: { status: 'active', prLink: 'https://github.com/acme/docs/pull/42' }
    })
    conforms(MESSAGE, 'POST', sent)
    await new Promise((resolve) => setTimeout(resolve, 80))
    const done = await call('GET', demo)
    expect(done.body).toMatchObject({
      status: 'completed',
      prLink: 'https://github.com/acme/docs/pull/42'
    })
    conforms(JOB, 'GET', done)
  })

  it('answers bad messages, unknown jobs and the hourly limit as documented', async () => {
    for (const [path, body, status] of [
      [`${demo}/message`, { prompt: '' }, 400],
      [`${demo}/message`, {}, 400],
      [`/v2/agent/${DEMO_PROJECT_ID}/job/gone/message`, { prompt: 'x' }, 400],
      [`/v2/agent/${DEMO_PROJECT_ID}/job/nope/message`, { prompt: 'x' }, 404]
    ] as const) {
      const answer = await call('POST', path, body)
      expect(answer.status).toBe(status)
      conforms(MESSAGE, 'POST', answer)
    }
    await call('POST', `${demo}/message`, { prompt: 'two' })
    await call('POST', `/v2/agent/${DEMO_PROJECT_ID}/job`, { prompt: 'three' })
    const limited = await call('POST', `${demo}/message`, { prompt: 'four' })
    expect(limited.status).toBe(429)
    conforms(MESSAGE, 'POST', limited)
    expect(simulator.accepted).toHaveLength(2)
  })

  it('creates jobs as documented', async () => {
    const created = await call('POST', `/v2/agent/${DEMO_PROJECT_ID}/job`, {
      prompt: 'Document the CLI'
    })
    expect(created).toMatchObject({ status: 201, body: { status: 'active' } })
    conforms(CREATE, 'POST', created)
  })

  it('lists jobs as the deprecated v1 list does, newest first, a page at a time', async () => {
    simulator.addJob({
      id: 'second',
      createdAt: '2026-11-02T00:00:00.000Z',
      prLink: 'https://github.com/acme/docs/pull/7'
    })
    simulator.addJob({ id: 'first', createdAt: '2026-11-01T00:00:00.000Z' })
    simulator.addListedSession({ sessionId: 'v1-only', createdAt: '2026-10-01T00:00:00.000Z' })
    const LIST = '/v1/agent/{projectId}/jobs'
    // The demo job and `gone` were created now, so they are the first two.
    const page = await call('GET', `/v1/agent/${DEMO_PROJECT_ID}/jobs?skip=2&take=2`)
    expect(page.status).toBe(200)
    conforms(LIST, 'GET', page)
    const ids = (page.body as { allSessions: { sessionId: string }[] }).allSessions.map(
      (s) => s.sessionId
    )
    expect(ids).toEqual(['second', 'first'])
    const rest = await call('GET', `/v1/agent/${DEMO_PROJECT_ID}/jobs?skip=4&take=100`)
    expect(
      (rest.body as { allSessions: { sessionId: string }[] }).allSessions.map((s) => s.sessionId)
    ).toEqual(['v1-only'])
    expect((await call('GET', `/v1/agent/${DEMO_PROJECT_ID}/jobs?take=101`)).status).toBe(400)
  })

  it('refuses a wrong key', async () => {
    const answer = await call('GET', demo, undefined, 'mint_wrong')
    expect(answer.status).toBe(401)
    conforms(JOB, 'GET', answer)
  })
})
