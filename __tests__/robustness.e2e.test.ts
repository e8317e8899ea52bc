import { SIMULATOR_API_KEY, startSimulator, type Simulator } from '../src/simulator/server.js'
import {
  errorsIn,
  inputsFor,
  runAction,
  startUntilMessageTaken,
  useSimulator,
  type ActionRun
} from './helpers/action.js'
import { issueComment } from './helpers/events.js'
import { startFakeGitHub } from './helpers/fake-github.js'

describe('cancellation', () => {
  const simulator = useSimulator()

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops within 2 s of %s, keeps the last status and says the job goes on',
    async (signal) => {
      simulator().addJob({ id: 'long', outcome: 'never' })
      const action = await startUntilMessageTaken(
        inputsFor(simulator(), { 'job-id': 'long', 'poll-interval': '1s' })
      )
      const sentAt = Date.now()
      action.child.kill(signal)
      const run = await action.done
      expect(Date.now() - sentAt).toBeLessThan(2000)
      expect(run.exitCode).not.toBe(0)
      expect(run.outputs).toMatchObject({
        'job-id': 'long',
        status: 'active',
        'timed-out': 'false'
      })
      expect(errorsIn(run.stdout)).toEqual([
        'The workflow was cancelled while job long was active. The Mintlify agent job goes on: follow it on the Mintlify dashboard (job-id long).'
      ])
      expect(run.summary).toContain('when the workflow was cancelled')
      expect(simulator().accepted).toHaveLength(1)
    }
  )
})

describe('the key never leaves the runner', () => {
  const simulator = useSimulator()

  /** Everything a person or a later step could read, the runner's own mask commands left out. */
  function everyChannel(run: ActionRun): string {
    const stdout = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
    return [stdout, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n')
  }

  it('even when the server echoes it in an error body', async () => {
    simulator().addFault({
      route: 'message',
      kind: 'status',
      status: 401,
      body: JSON.stringify({ error: `Invalid key ${SIMULATOR_API_KEY} for this project` })
    })
    const run = await runAction(inputsFor(simulator()), { env: { RUNNER_DEBUG: '1' } })
    expect(run.exitCode).toBe(1)
    expect(errorsIn(run.stdout)[0]).toContain('Invalid key *** for this project')
    expect(everyChannel(run)).not.toContain(SIMULATOR_API_KEY)
  })

  it('even when the server echoes it in the job and in a page that is not JSON', async () => {
    simulator().addJob({ id: 'echo', model: `model-for-${SIMULATOR_API_KEY}` })
    simulator().addFault({
      route: 'job',
      kind: 'status',
      status: 502,
      body: `<html>${SIMULATOR_API_KEY}</html>`
    })
    const run = await runAction(inputsFor(simulator(), { 'job-id': 'echo' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs.model).toBe('model-for-***')
    expect(everyChannel(run)).not.toContain(SIMULATOR_API_KEY)
  })

  it('masks the key as the first thing the action prints', async () => {
    const run = await runAction(inputsFor(simulator(), { 'api-key': 'mint_unmasked_example' }))
    expect(run.stdout.split('\n')[0]).toBe('::add-mask::mint_unmasked_example')
  })
})

describe('bad input ends in one clear error before any request', () => {
  let simulator: Simulator
  beforeAll(async () => {
    simulator = await startSimulator()
  })
  afterAll(() => simulator.close())

  it.concurrent.each<[string, Record<string, string>, string]>([
    ['missing key', { 'api-key': '' }, "Input 'api-key' is required"],
    ['blank key', { 'api-key': '  ' }, "Input 'api-key' is required"],
    ['key with a space', { 'api-key': 'mint_a b' }, "Input 'api-key' contains white space"],
    ['missing project', { 'project-id': '' }, "Input 'project-id' is required"],
    ['blank project', { 'project-id': ' ' }, "Input 'project-id' is required"],
    ['project with /', { 'project-id': 'a/b' }, "Input 'project-id' is not a valid ID"],
    ['project of ..', { 'project-id': '..' }, "Input 'project-id' is not a valid ID"],
    ['project with ?', { 'project-id': 'p?admin=1' }, "Input 'project-id' is not a valid ID"],
    [
      'missing job in follow-up mode',
      { 'job-id': '', mode: 'follow-up' },
      "Input 'job-id' is empty, and mode is follow-up"
    ],
    [
      'missing job in the default mode',
      { 'job-id': '' },
      "Input 'job-id' is empty, and mode is follow-up (the default)"
    ],
    ['job with mode create', { mode: 'create' }, 'mode is create, which always starts a new job'],
    ['job with /', { 'job-id': 'job/../../v1' }, "Input 'job-id' is not a valid ID"],
    ['job with #', { 'job-id': 'job#frag' }, "Input 'job-id' is not a valid ID"],
    ['job with a space', { 'job-id': 'job 1' }, "Input 'job-id' is not a valid ID"],
    ['job with a tab', { 'job-id': 'job\t1' }, "Input 'job-id' is not a valid ID"],
    ['job with an escape', { 'job-id': 'job\u001b[31m' }, "Input 'job-id' is not a valid ID"],
    ['job with an encoded slash', { 'job-id': 'job%2F1' }, "Input 'job-id' is not a valid ID"],
    ['blank prompt', { prompt: '   ' }, "Input 'prompt' is required and must not be blank"],
    [
      'prompt over 20000 characters',
      { prompt: 'a'.repeat(20_001) },
      "Input 'prompt' is 20001 characters long"
    ],
    ['timeout that is no duration', { timeout: 'forever' }, "Input 'timeout' is not a duration"],
    ['zero timeout', { timeout: '0s' }, "Input 'timeout' must be longer than zero"],
    ['negative timeout', { timeout: '-1m' }, "Input 'timeout' is not a duration"],
    [
      'interval that is no duration',
      { 'poll-interval': 'fast' },
      "Input 'poll-interval' is not a duration"
    ],
    ['zero interval', { 'poll-interval': '0' }, "Input 'poll-interval' must be longer than zero"],
    ['negative interval', { 'poll-interval': '-5' }, "Input 'poll-interval' is not a duration"],
    [
      'interval longer than the timeout',
      { timeout: '1m', 'poll-interval': '2m' },
      "Input 'poll-interval' (2m) must not be longer than timeout (1m)"
    ],
    [
      'request-timeout that is no duration',
      { 'request-timeout': 'long' },
      "Input 'request-timeout' is not a duration"
    ],
    ['wait that is no boolean', { wait: 'maybe' }, "Input 'wait' must be true or false"],
    [
      'base-url without a scheme',
      { 'base-url': 'api.mintlify.com' },
      'Input \'base-url\' must start with https:// or http:// (got "api.mintlify.com"): write http://api.mintlify.com'
    ],
    [
      'base-url over ftp',
      { 'base-url': 'ftp://api.mintlify.com' },
      "Input 'base-url' must start with https:// or http://"
    ],
    [
      'base-url with a fragment',
      { 'base-url': 'https://api.mintlify.com/#x' },
      "Input 'base-url' must not carry"
    ]
  ])('%s', async (_case, override, message) => {
    const run = await runAction(inputsFor(simulator, override))
    expect(run.exitCode).toBe(1)
    const errors = errorsIn(run.stdout)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(message)
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /)
    expect(simulator.requests).toHaveLength(0)
  })
})

describe('load', () => {
  it('20 runs at once under a low limit: each ends right, and exactly 20 messages are taken', async () => {
    const simulator = await startSimulator({
      jobDurationMs: 200,
      hourlyLimit: 8,
      rateLimitWindowMs: 1000
    })
    const jobs = Array.from({ length: 20 }, (_, i) => `load-${i + 1}`)
    for (const id of jobs) simulator.addJob({ id })
    const runs = await Promise.all(
      jobs.map((id) =>
        runAction(inputsFor(simulator, { 'job-id': id, 'poll-interval': '0.1', timeout: '60s' }))
      )
    )
    await simulator.close()

    runs.forEach((run, i) => {
      expect(run.exitCode).toBe(0)
      expect(run.outputs).toMatchObject({
        'job-id': jobs[i],
        status: 'completed',
        'timed-out': 'false'
      })
      expect(run.outputs['pr-link']).toMatch(/^https:\/\/github\.com\/acme\/docs\/pull\/\d+$/)
    })
    expect(simulator.requests.some((r) => r.method === 'POST')).toBe(true)
    expect(runs.filter((run) => run.stdout.includes('status 429')).length).toBeGreaterThan(0)
    expect(simulator.accepted.map((m) => m.jobId).sort()).toEqual([...jobs].sort())
  }, 90_000)
})

describe('nothing but Node from the runner (ubuntu-slim, a container)', () => {
  const simulator = useSimulator()

  it('runs with an empty PATH and no home: no shell, no git, no gh, no curl', async () => {
    const github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    const plain = { PATH: '', HOME: '/nonexistent' }
    const [inputs, comment] = await Promise.all([
      runAction(inputsFor(simulator()), { env: plain }),
      runAction(inputsFor(simulator(), { prompt: '', 'github-token': 'ghs_slim' }), {
        event: github.storeEvent(issueComment({ body: '/agent add a FAQ' })),
        env: { ...plain, GITHUB_API_URL: github.url }
      })
    ])
    await github.close()
    expect(inputs.exitCode).toBe(0)
    expect(comment.exitCode).toBe(0)
    expect(comment.outputs.result).toBe('sent')
    expect(simulator().accepted).toHaveLength(2)
  })
})
