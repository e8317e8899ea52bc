import { DEMO_JOB_ID, SIMULATOR_API_KEY } from '../src/simulator/server.js'
import { htmlProblems } from './helpers/html.js'
import { errorsIn, inputsFor, runAction, useSimulator } from './helpers/action.js'

const simulator = useSimulator()
const PROMPT = 'Also add error handling examples to the quickstart guide'

function expectOneSend() {
  const sends = simulator().requests.filter((r) => r.method === 'POST')
  expect(sends).toHaveLength(1)
  const [send] = sends
  expect(send!.path).toBe(`/v2/agent/demo-project/job/${DEMO_JOB_ID}/message`)
  expect(send!.headers.authorization).toBe(`Bearer ${SIMULATOR_API_KEY}`)
  expect(send!.headers['content-type']).toBe('application/json')
  expect(JSON.parse(send!.body!)).toEqual({ prompt: PROMPT })
}

describe('the bundled action against the simulator', () => {
  it('sends the follow-up, waits for completion and hands over the pull request', async () => {
    const run = await runAction(inputsFor(simulator()))
    expect(run.exitCode).toBe(0)
    expectOneSend()
    expect(simulator().requests.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(1)
    expect(run.outputs).toMatchObject({
      'job-id': DEMO_JOB_ID,
      status: 'completed',
      'pr-link': 'https://github.com/acme/docs/pull/42',
      model: 'claude-sonnet-4',
      'source-repository': 'https://github.com/acme/docs',
      'source-ref': 'mintlify/update-quickstart',
      'archived-at': '',
      'timed-out': 'false'
    })
    expect(run.outputs['created-at']).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(JSON.parse(run.outputs.job!)).toMatchObject({ id: DEMO_JOB_ID, status: 'completed' })
    expect(run.stdout).toContain('Job demo-job is completed')
    expect(run.summary).toContain('<code>demo-job</code>')
    expect(run.summary).toContain('✅ completed')
    expect(run.summary).toContain('href="https://github.com/acme/docs/pull/42"')
    expect(run.summary).toContain(PROMPT)
  })

  it('passes when the agent changed nothing, and says so', async () => {
    simulator().addJob({ id: 'quiet', outcome: 'no-changes' })
    const run = await runAction(inputsFor(simulator(), { 'job-id': 'quiet' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ status: 'completed', 'pr-link': '' })
    expect(run.stdout).toContain('without a pull request: the agent changed nothing')
    expect(run.summary).toContain('none: the agent changed nothing')
  })

  it.each(['failed', 'archived'] as const)(
    'fails the step when the job ends %s',
    async (outcome) => {
      simulator().addJob({ id: 'doomed', outcome })
      const run = await runAction(inputsFor(simulator(), { 'job-id': 'doomed' }))
      expect(run.exitCode).toBe(1)
      expect(run.outputs).toMatchObject({
        'job-id': 'doomed',
        status: outcome,
        'timed-out': 'false'
      })
      if (outcome === 'archived') expect(run.outputs['archived-at']).toMatch(/^\d{4}-/)
      expect(errorsIn(run.stdout)).toEqual([expect.stringContaining(`Mintlify agent job doomed`)])
      expect(run.summary).toContain(outcome)
      expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /)
    }
  )

  it('passes a failed job with fail-on-job-failure: false, with a warning', async () => {
    simulator().addJob({ id: 'doomed', outcome: 'failed' })
    const run = await runAction(
      inputsFor(simulator(), { 'job-id': 'doomed', 'fail-on-job-failure': 'false' })
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs.status).toBe('failed')
    expect(run.stdout).toMatch(
      /::warning::Mintlify agent job doomed failed.*fail-on-job-failure is false/
    )
  })

  it('times out with the job still running, saying how to follow it', async () => {
    simulator().addJob({ id: 'slow', outcome: 'never' })
    const run = await runAction(inputsFor(simulator(), { 'job-id': 'slow', timeout: '0.4' }))
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ 'job-id': 'slow', status: 'active', 'timed-out': 'true' })
    expect(errorsIn(run.stdout)).toEqual([
      'Job slow is still active after the 400ms timeout: Mintlify took the message, and the agent goes on working on it. Follow it on the Mintlify dashboard (job-id slow); running again would send the message a second time.'
    ])
    expect(run.summary).toContain('still running when the wait ended')
  })

  it('with wait: false, sends and ends at once with the job as Mintlify answered', async () => {
    const run = await runAction(inputsFor(simulator(), { wait: 'false' }))
    expect(run.exitCode).toBe(0)
    expectOneSend()
    // The one read is the check, before sending, that the job is not busy with an earlier request.
    const reads = simulator().requests.filter((r) => r.method === 'GET')
    expect(reads).toHaveLength(1)
    expect(reads[0]!.at).toBeLessThanOrEqual(
      simulator().requests.find((r) => r.method === 'POST')!.at
    )
    expect(run.outputs).toMatchObject({
      status: 'active',
      'pr-link': 'https://github.com/acme/docs/pull/42',
      'timed-out': 'false'
    })
  })

  it.each([
    [
      '400 with the server message',
      { kind: 'status', status: 400, body: '{"error":"Prompt rejected by content filter"}' },
      {},
      'Mintlify refused the message for job demo-job in project demo-project (400) ("Prompt rejected by content filter"): fix the prompt and run again.',
      { posts: 1, status: 'completed' }
    ],
    [
      '401 for a key Mintlify does not accept',
      undefined,
      { 'api-key': 'mint_wrong_key' },
      expect.stringMatching(
        /^Mintlify answered 401 for job demo-job in project demo-project.*the key in api-key was not accepted.* Nothing was sent/
      ),
      { posts: 0, status: '' }
    ],
    [
      '404 for an unknown job',
      undefined,
      { 'job-id': 'missing-job' },
      'Mintlify answered 404 for job missing-job in project demo-project ("Job not found"): check job-id and project-id. Nothing was sent (the job is read before sending, so that no message goes into a busy job).',
      { posts: 0, status: '' }
    ]
  ] as const)('ends a %s in one clear line', async (_case, fault, overrides, message, after) => {
    if (fault) simulator().addFault({ route: 'message', ...fault })
    const run = await runAction(inputsFor(simulator(), overrides))
    expect(run.exitCode).toBe(1)
    expect(errorsIn(run.stdout)).toEqual([message])
    expect(simulator().requests.filter((r) => r.method === 'POST')).toHaveLength(after.posts)
    expect(run.outputs.status).toBe(after.status)
    expect(run.outputs['job-id']).toBe(
      (overrides as Record<string, string>)['job-id'] ?? DEMO_JOB_ID
    )
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /)
  })

  it('treats a status the spec does not list as still running, warning once', async () => {
    simulator().addJob({ id: 'novel', workingStatus: 'thinking', durationMs: 300 })
    const run = await runAction(inputsFor(simulator(), { 'job-id': 'novel' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs.status).toBe('completed')
    expect(run.stdout.match(/::warning::Mintlify reported status 'thinking'/g)).toHaveLength(1)
  })

  it('refuses bad input before any request', async () => {
    const run = await runAction(inputsFor(simulator(), { 'job-id': '../admin' }))
    expect(run.exitCode).toBe(1)
    expect(errorsIn(run.stdout)).toEqual([
      expect.stringContaining("Input 'job-id' is not a valid ID")
    ])
    expect(simulator().requests).toHaveLength(0)
  })
})

describe('the job summary', () => {
  const simulator = useSimulator()

  it('is well-formed HTML whatever the run ended in, with no empty cell left open', async () => {
    simulator().addJob({ id: 'doomed', outcome: 'failed', model: '' })
    const runs = await Promise.all([
      runAction(inputsFor(simulator())),
      runAction(inputsFor(simulator(), { 'job-id': 'doomed' })),
      // Mintlify never describes the job: model, source and pull request are all unknown.
      runAction(inputsFor(simulator(), { 'job-id': 'missing' })),
      runAction(inputsFor(simulator(), { prompt: 'Say <b>"hi"</b> & <script>x</script>' }))
    ])
    for (const run of runs) {
      expect(run.summary).toContain('<table>')
      expect(htmlProblems(run.summary)).toEqual([])
      expect(run.summary).not.toMatch(/<td>(?!.*?<\/td>)/)
    }
    expect(runs[2]!.summary).toContain('<td>—</td>')
    expect(runs[3]!.summary).toContain(
      'Say &#60;b&#62;&#34;hi&#34;&#60;/b&#62; &#38; &#60;script&#62;'
    )
  })
})
