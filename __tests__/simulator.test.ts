import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../scripts/run-action.js'
import {
  DEMO_JOB_ID,
  DEMO_PROJECT_ID,
  SIMULATOR_API_KEY,
  startSimulator,
  type Simulator
} from '../simulator/mintlify-simulator.js'

// The official spec sits in ../shared beside the clone (as in this project's CI); it is not copied
// into the repository, so a clone without it skips these checks.
const SPEC_PATH = join(REPO_ROOT, '..', 'shared', 'mintlify', 'admin-openapi.json')
const haveSpec = existsSync(SPEC_PATH)

type Schema = {
  $ref?: string
  type?: string
  enum?: string[]
  nullable?: boolean
  required?: string[]
  properties?: Record<string, Schema>
  format?: string
}
interface Spec {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >
  components: { schemas: Record<string, Schema> }
}

/** The spec's rules for one answer, as a list of problems (empty when it conforms). */
function violations(spec: Spec, schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.$ref)
    return violations(spec, spec.components.schemas[schema.$ref.split('/').pop()!]!, value, at)
  if (value === null) return schema.nullable ? [] : [`${at} is null`]
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at} is not an object`]
      const record = value as Record<string, unknown>
      const missing = (schema.required ?? [])
        .filter((name) => !(name in record))
        .map((name) => `${at}.${name} is missing`)
      const unknown = Object.keys(record)
        .filter((name) => !schema.properties?.[name])
        .map((name) => `${at}.${name} is not in the spec`)
      const nested = Object.entries(schema.properties ?? {}).flatMap(([name, sub]) =>
        name in record ? violations(spec, sub, record[name], `${at}.${name}`) : []
      )
      return [...missing, ...unknown, ...nested]
    }
    case 'string':
      if (typeof value !== 'string') return [`${at} is not a string`]
      if (schema.enum && !schema.enum.includes(value))
        return [`${at} is not one of ${schema.enum.join(', ')}`]
      if (schema.format === 'date-time' && Number.isNaN(Date.parse(value)))
        return [`${at} is not a date-time`]
      if (schema.format === 'uri' && !URL.canParse(value)) return [`${at} is not a URI`]
      return []
    default:
      return []
  }
}

;(haveSpec ? describe : describe.skip)('the simulator follows admin-openapi.json', () => {
  let spec: Spec
  let simulator: Simulator
  beforeAll(() => {
    spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec
  })
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
    expect(violations(spec, documented!.content!['application/json']!.schema, answer.body)).toEqual(
      []
    )
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
    expect(sent).toMatchObject({ status: 200, body: { status: 'active', prLink: null } })
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

  it('refuses a wrong key', async () => {
    const answer = await call('GET', demo, undefined, 'mint_wrong')
    expect(answer.status).toBe(401)
    conforms(JOB, 'GET', answer)
  })
})
