import { MintlifyRequestError, type AgentJob } from '../src/core/agent-api.js'
import { Deadline } from '../src/core/deadline.js'
import { pollUntilFinal, watchJob } from '../src/core/poller.js'
import { fakeClock } from './helpers/fake-clock.js'
import { recordingLogger } from './helpers/logger.js'

const active: AgentJob = { id: 'j1', status: 'active' }

function reads(...answers: (AgentJob | Error)[]) {
  let count = 0
  return {
    count: () => count,
    readJob: async () => {
      const answer = answers[Math.min(count++, answers.length - 1)]!
      if (answer instanceof Error) throw answer
      return answer
    }
  }
}

function poll(readJob: () => Promise<AgentJob>, clock = fakeClock(), deadline = 60_000) {
  const logger = recordingLogger()
  const { info: log, warning: warnings } = logger.lines
  const result = pollUntilFinal({
    readJob,
    clock,
    intervalMs: 5_000,
    deadline,
    startedAt: 0,
    lastKnown: active,
    logger
  })
  return { result, log, warnings, clock }
}

describe('pollUntilFinal', () => {
  it('reads one interval after the send (whose answer is the job), then every interval, until a final status', async () => {
    const source = reads(active, active, {
      ...active,
      status: 'completed',
      prLink: 'https://x/pull/1'
    })
    const { result, log, clock } = poll(source.readJob)
    await expect(result).resolves.toEqual({
      job: { id: 'j1', status: 'completed', prLink: 'https://x/pull/1' },
      timedOut: false
    })
    expect(source.count()).toBe(3)
    expect(clock.sleeps).toEqual([5_000, 5_000, 5_000])
    expect(log).toEqual(['Job j1 is completed (15s elapsed).'])
  })

  it('stops at the deadline with the last job, never sleeping past it', async () => {
    const source = reads(active)
    const { result, clock } = poll(source.readJob, fakeClock(), 12_000)
    await expect(result).resolves.toEqual({ job: active, timedOut: true })
    expect(clock.sleeps).toEqual([5_000, 5_000, 2_000])
    expect(source.count()).toBe(3)
  })

  it('reads nothing when the job it starts from is already final', async () => {
    const source = reads(active)
    const clock = fakeClock()
    const result = await pollUntilFinal({
      readJob: source.readJob,
      clock,
      intervalMs: 5_000,
      deadline: 60_000,
      startedAt: 0,
      lastKnown: { id: 'j1', status: 'completed' },
      logger: recordingLogger()
    })
    expect(result).toEqual({ job: { id: 'j1', status: 'completed' }, timedOut: false })
    expect(source.count()).toBe(0)
    expect(clock.sleeps).toEqual([])
  })

  it('logs a heartbeat at most every 30 s while nothing changes', async () => {
    const { result, log } = poll(reads(active).readJob, fakeClock(), 95_000)
    await result
    expect(log).toEqual([
      'Job j1 is still active (30s elapsed).',
      'Job j1 is still active (1m elapsed).',
      'Job j1 is still active (1m30s elapsed).'
    ])
  })

  it('warns once about a status the spec does not list and keeps waiting', async () => {
    const thinking = { ...active, status: 'thinking' }
    const { result, warnings } = poll(
      reads(thinking, thinking, { ...active, status: 'failed' }).readJob
    )
    await expect(result).resolves.toMatchObject({ job: { status: 'failed' }, timedOut: false })
    expect(warnings).toEqual([
      "Mintlify reported status 'thinking', which the API does not list; treating the job as still running."
    ])
  })

  it('rides out a failed read but not three in a row', async () => {
    const flaky = new MintlifyRequestError('answered 200 with a body that is not JSON', {
      status: 200,
      excerpt: '{'
    })
    const recovered = poll(reads(flaky, { ...active, status: 'completed' }).readJob)
    await expect(recovered.result).resolves.toMatchObject({ job: { status: 'completed' } })
    expect(recovered.warnings).toHaveLength(1)

    const broken = poll(reads(flaky).readJob)
    await expect(broken.result).rejects.toBe(flaky)
  })

  it('gives up at once on an answer that will not change', async () => {
    const notFound = new MintlifyRequestError('answered 404', { status: 404 })
    const source = reads(notFound)
    await expect(poll(source.readJob).result).rejects.toBe(notFound)
    expect(source.count()).toBe(1)
  })
})

describe('watchJob', () => {
  it('says once that the job cannot be read when Mintlify refuses the key, and waits out its timeout', async () => {
    const clock = fakeClock()
    const logger = recordingLogger()
    const watched = await watchJob({
      readJob: async () => {
        throw new MintlifyRequestError('Mintlify answered 401', { status: 401 })
      },
      jobId: 'job-1',
      lastKnown: 'active',
      clock,
      intervalMs: 1_000,
      deadline: Deadline.at(clock, 10_000),
      startedAt: 0,
      signal: new AbortController().signal,
      logger,
      stop: async () => false
    })
    expect(watched.ended).toBe('timed-out')
    expect(logger.lines.warning).toEqual([
      'Job job-1 could not be read (Mintlify answered 401); this run keeps reading it until its timeout.'
    ])
  })
})
