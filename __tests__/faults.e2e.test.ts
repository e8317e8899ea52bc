import type { Fault } from '../src/simulator/server.js'
import { DEMO_JOB_ID } from '../src/simulator/server.js'
import { errorsIn, inputsFor, runAction, useSimulator } from './helpers/action.js'
import { startProxy } from './helpers/proxy.js'

const simulator = useSimulator()

const reads = () => simulator().requests.filter((r) => r.method === 'GET')

describe('faults on the send: the message is taken exactly once', () => {
  it.each<[string, Fault, RegExp]>([
    [
      'a reset before the body was read',
      { route: 'message', kind: 'reset-before-body' },
      /may have reached Mintlify[\s\S]*is completed: the message was not taken/
    ],
    [
      'a reset after the message was taken',
      { route: 'message', kind: 'reset-after-body' },
      /Job demo-job is active: the message was delivered, so it is not sent again/
    ],
    [
      '500 twice',
      { route: 'message', kind: 'status', status: 500, times: 2 },
      /the message was not taken/
    ],
    [
      '502 twice',
      { route: 'message', kind: 'status', status: 502, times: 2 },
      /the message was not taken/
    ],
    [
      '503 twice',
      { route: 'message', kind: 'status', status: 503, times: 2 },
      /Sending the message again in .* status 503/
    ],
    ['a proxy page', { route: 'message', kind: 'html', status: 502 }, /the message was not taken/],
    ['malformed JSON', { route: 'message', kind: 'malformed-json' }, /the message was not taken/],
    [
      'an answer slower than request-timeout, after the message was taken',
      { route: 'message', kind: 'slow', delayMs: 1500 },
      /UND_ERR_HEADERS_TIMEOUT[\s\S]*the message was delivered, so it is not sent again/
    ],
    [
      '429 with Retry-After in seconds',
      { route: 'message', kind: 'status', status: 429, headers: { 'retry-after': '1' } },
      /Sending the message again in 1s .*status 429/
    ],
    [
      '429 with Retry-After as a date',
      {
        route: 'message',
        kind: 'status',
        status: 429,
        headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() }
      },
      /Sending the message again in \d+(ms|s) .*status 429/
    ]
  ])('%s', async (_case, fault, logged) => {
    simulator().addFault(fault)
    // Real jobs run for minutes, far longer than a request may take: the read after an ambiguous
    // failure then finds the job still active. Keep that order here too.
    simulator().job(DEMO_JOB_ID)!.durationMs = fault.kind === 'slow' ? 2000 : 800
    const run = await runAction(inputsFor(simulator(), { 'request-timeout': '0.5' }))
    expect(run.stdout).toMatch(logged)
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      status: 'completed',
      'pr-link': 'https://github.com/acme/docs/pull/42'
    })
    expect(simulator().accepted).toHaveLength(1)
  })

  it('stops at the hourly limit with the limit and when to retry', async () => {
    const sim = simulator()
    sim.accepted.push({
      projectId: 'demo-project',
      jobId: DEMO_JOB_ID,
      prompt: 'earlier',
      at: Date.now()
    })
    await sim.close()
    const limited = await (
      await import('../src/simulator/server.js')
    ).startSimulator({ hourlyLimit: 1 })
    limited.accepted.push({
      projectId: 'demo-project',
      jobId: DEMO_JOB_ID,
      prompt: 'earlier',
      at: Date.now()
    })
    const run = await runAction(inputsFor(limited, { timeout: '5s' }))
    await limited.close()
    expect(run.exitCode).toBe(1)
    expect(errorsIn(run.stdout)).toEqual([
      expect.stringMatching(
        /^Mintlify answered 429 for job demo-job in project demo-project \("Rate limit exceeded: 1 message or new job per project per hour"\): the project's limit of 1 message or new job per hour is used up\. Retry after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in (59m\d+s|1h)\)\.$/
      )
    ])
    expect(limited.accepted).toHaveLength(1)
    expect(run.outputs['job-id']).toBe(DEMO_JOB_ID)
  })

  it('gives up on a server that keeps failing, counting the attempts', async () => {
    simulator().addFault({ route: 'message', kind: 'status', status: 503, times: 100 })
    const run = await runAction(inputsFor(simulator()))
    expect(run.exitCode).toBe(1)
    expect(errorsIn(run.stdout)).toEqual([
      'Mintlify answered 503 for job demo-job in project demo-project after 5 attempts ("Simulated 503"): the service is having trouble; run the workflow again later.'
    ])
    expect(simulator().accepted).toHaveLength(0)
  })

  it('reports a refused connection with the attempts made', async () => {
    const url = simulator().url
    await simulator().close()
    const run = await runAction(inputsFor(simulator(), { 'base-url': url, timeout: '3s' }))
    expect(run.exitCode).toBe(1)
    expect(errorsIn(run.stdout)).toEqual([
      expect.stringMatching(
        /^Could not reach Mintlify at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) after \d attempts: check base-url/
      )
    ])
  })
})

describe('faults on reads are retried', () => {
  it.each<[string, Fault]>([
    ['500', { route: 'job', kind: 'status', status: 500, times: 2 }],
    ['502', { route: 'job', kind: 'status', status: 502, times: 2 }],
    ['503', { route: 'job', kind: 'status', status: 503, times: 2 }],
    [
      '429 with Retry-After',
      { route: 'job', kind: 'status', status: 429, headers: { 'retry-after': '1' } }
    ],
    ['a reset', { route: 'job', kind: 'reset-before-body', times: 2 }],
    ['a proxy page', { route: 'job', kind: 'html', status: 200 }],
    ['malformed JSON', { route: 'job', kind: 'malformed-json' }],
    ['a slow answer', { route: 'job', kind: 'slow', delayMs: 1500 }]
  ])('%s', async (_case, fault) => {
    simulator().addFault(fault)
    const run = await runAction(inputsFor(simulator(), { 'request-timeout': '0.5' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs.status).toBe('completed')
    expect(simulator().accepted).toHaveLength(1)
    expect(reads().length).toBeGreaterThan(1)
  })

  it.each([200, 502])(
    'reports a gateway that only answers HTML (%s) by status and excerpt, and sends nothing into a job it cannot read',
    async (status) => {
      simulator().addFault({ route: 'job', kind: 'html', status, times: 100 })
      const run = await runAction(inputsFor(simulator()))
      expect(run.exitCode).toBe(1)
      expect(errorsIn(run.stdout)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Mintlify answered ${status} for job demo-job in project demo-project( after \\d+ attempts)? with a body that is not the API's JSON \\("<html><head><title>502 Bad Gateway</title>.*\\): a proxy or gateway may be answering instead of Mintlify; check base-url and the proxy settings\\. Nothing was sent \\(the job is read before sending, so that no message goes into a busy job\\)\\.$`
          )
        )
      ])
      expect(run.outputs).toMatchObject({ status: '', result: 'not-sent', 'timed-out': 'false' })
      expect(simulator().accepted).toHaveLength(0)
    }
  )
})

describe('proxies', () => {
  it('sends every Mintlify call through HTTP_PROXY', async () => {
    const proxy = await startProxy()
    const run = await runAction(inputsFor(simulator()), { env: { HTTP_PROXY: proxy.url } })
    await proxy.close()
    expect(run.exitCode).toBe(0)
    const target = new URL(simulator().url).host
    expect(proxy.tunnels.length).toBeGreaterThan(0)
    expect(new Set(proxy.tunnels)).toEqual(new Set([target]))
    expect(simulator().accepted).toHaveLength(1)
  })

  it('goes direct for hosts in NO_PROXY', async () => {
    const proxy = await startProxy()
    const run = await runAction(inputsFor(simulator()), {
      env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }
    })
    await proxy.close()
    expect(run.exitCode).toBe(0)
    expect(proxy.tunnels).toEqual([])
  })
})
