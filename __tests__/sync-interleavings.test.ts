/**
 * Mode sync on the interleavings real pull requests bring: runs out of order, lagging lists, the
 * hourly limit, jobs that take no more messages, early closes and bursts of pushes. Each run is
 * one workflow run on the same in-memory GitHub and Mintlify, on one virtual clock.
 */
import { MintlifyRequestError } from '../src/core/agent-api.js'
import { InputError } from '../src/settings/settings.js'
import { syncWorld } from './helpers/sync-world.js'

const LIMITS_PATCH = '@@ -1,2 +1,3 @@\n export const limits = {}\n+export const DEFAULT_LIMIT = 100'

function opened(options: Parameters<typeof syncWorld>[0] = {}) {
  const world = syncWorld(options)
  world.pr.push('Add rate limits', { 'src/limits.ts': LIMITS_PATCH })
  return world
}

const stateOf = (world: ReturnType<typeof syncWorld>) => world.record()

const push = (world: ReturnType<typeof syncWorld>, n: number) =>
  world.pr.push(`Push ${n}`, { [`src/f${n}.ts`]: `@@ -0,0 +1 @@\n+push ${n}` })

const limited = (retryAfterMs: number) =>
  new MintlifyRequestError('POST answered 429', {
    status: 429,
    serverMessage: 'Rate limit exceeded',
    retryAfterMs
  })

describe('mode sync on real interleavings', () => {
  it('a run for an older head whose commits a newer run already sent ends up-to-date at once', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    const older = push(world, 1)
    const newer = push(world, 2)
    // The newer push's run starts first and sends both; the older one's runs while the job works.
    world.start('synchronize', {}, { headSha: newer })
    let olderRun: ReturnType<typeof world.start> | undefined
    const startedAt = world.clock.now()
    world.later(2_000, () => (olderRun = world.start('synchronize', {}, { headSha: older })))
    await world.finish()
    const result = await olderRun!.result
    expect(result.sync).toBe('up-to-date')
    expect(result.outcome?.failure).toBeUndefined()
    expect(result.outcome!.durationMs).toBeLessThan(10_000)
    expect(world.clock.now() - startedAt).toBeGreaterThan(60_000)
    expect(world.agent.accepted).toHaveLength(2)
  })

  it("two first runs while GitHub's comment list lags: one job, one status comment", async () => {
    const world = opened({ lagMs: 4_000 })
    world.start('opened')
    world.start('synchronize')
    await world.finish()
    expect(world.agent.jobs.size).toBe(1)
    expect(world.statusComments()).toHaveLength(1)
  })

  it('a request-timeout the send lock cannot hold is refused up front, with what to use', () => {
    const world = opened()
    expect(() => world.start('opened', { 'request-timeout': '4m' })).toThrow(InputError)
    expect(() => world.start('opened', { 'request-timeout': '4m' })).toThrow(/less than 3m/)
    expect(() => world.command('/agent x', { 'request-timeout': '3m' })).toThrow(/less than 3m/)
  })

  it("Mintlify's hourly limit: the run gives the lock back, waits out Retry-After, and sends then", async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    push(world, 1)
    world.agent.faults.set('sendMessage', [limited(5 * 60_000)])
    const run = world.start('synchronize')
    const seen: { eyes: number; comment: string }[] = []
    world.later(60_000, () =>
      seen.push({
        eyes: world.github.lock.length,
        comment: world.statusComments()[0]!
      })
    )
    await world.finish()
    const result = await run.result
    expect(result.sync).toBe('sent')
    expect(world.agent.accepted).toHaveLength(2)
    expect(world.agent.accepted[1]!.prompt).toContain('+push 1')
    expect(seen[0]!.eyes).toBe(0)
    expect(seen[0]!.comment).toMatch(
      /hourly limit of messages was reached until about \d\d:\d\d UTC/
    )
    expect(stateOf(world)?.pending).toBeUndefined()
  })

  it('an hourly limit past the timeout ends in a warning with sync=limited, and the comment says when', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    push(world, 1)
    world.agent.faults.set('sendMessage', [limited(40 * 60_000)])
    const run = world.start('synchronize')
    await world.finish()
    const result = await run.result
    expect(result.sync).toBe('limited')
    expect(result.outcome?.failure).toBeUndefined()
    expect(run.logger.lines.warning.join('\n')).toMatch(/hourly limit.*the next push or the merge/)
    expect(stateOf(world)?.pending?.why).toBe('hourly-limit')
    expect(world.statusComments()[0]).toContain('⏳ Waiting to be sent')
  })

  it('a job Mintlify says is not active gets one successor, with the previous docs pull request', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    push(world, 1)
    world.agent.faults.set('sendMessage', [
      new MintlifyRequestError('POST answered 400', {
        status: 400,
        serverMessage: 'Job is not active'
      })
    ])
    const run = world.start('synchronize')
    await world.finish()
    expect((await run.result).sync).toBe('started')
    expect(world.agent.jobs.size).toBe(2)
    const successor = world.agent.accepted.at(-1)!
    expect(successor.jobId).toBe('new-job-2')
    expect(successor.prompt).toContain('https://github.com/acme/docs/pull/new-job-1')
    expect(successor.prompt).toContain('+push 1')
    expect(stateOf(world)).toMatchObject({
      job: { id: 'new-job-2' },
      retired: [{ id: 'new-job-1' }]
    })
    expect(world.statusComments()[0]).toContain('Took over from job `new-job-1`')
    // The next push goes to the successor: no third job.
    push(world, 2)
    world.start('synchronize')
    await world.finish()
    expect(world.agent.jobs.size).toBe(2)
    expect(world.agent.accepted.at(-1)!.jobId).toBe('new-job-2')
  })

  it('an archived job gets a successor with the whole pull request', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.agent.jobs.get('new-job-1')!.status = 'archived'
    push(world, 1)
    const run = world.start('synchronize')
    await world.finish()
    const result = await run.result
    expect(result.sync).toBe('started')
    expect(result.outcome?.failure).toBeUndefined()
    const prompt = world.agent.accepted.at(-1)!.prompt
    expect(prompt).toContain('docs job new-job-1 worked on them until it took no more messages')
    expect(prompt).toContain('+export const DEFAULT_LIMIT = 100')
    expect(prompt).toContain('+push 1')
  })

  it('reopened after an unmerged close: the same job goes on with the next push', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.pr.info = { ...world.pr.info, state: 'closed', merged: false }
    world.start('closed')
    await world.finish()
    expect(world.statusComments()[0]).toContain('🛑 Closed without merging')
    world.pr.info = { ...world.pr.info, state: 'open' }
    const reopened = world.start('reopened')
    await world.finish()
    expect((await reopened.result).sync).toBe('up-to-date')
    expect(world.statusComments()[0]).not.toContain('Closed without merging')
    push(world, 1)
    world.start('synchronize')
    await world.finish()
    expect(world.agent.jobs.size).toBe(1)
    expect(world.agent.accepted.map((m) => m.jobId)).toEqual(['new-job-1', 'new-job-1'])
  })

  it('closed unmerged while the job still works: the run waits for its docs pull request, for the outputs', async () => {
    const world = opened()
    world.start('opened', { wait: 'false' })
    await world.finish()
    world.pr.info = { ...world.pr.info, state: 'closed', merged: false }
    const closed = world.start('closed')
    await world.finish()
    const result = await closed.result
    expect(result.sync).toBe('closed')
    expect(result.recorded?.prLink).toBe('https://github.com/acme/docs/pull/new-job-1')
  })

  it('a burst of three pushes a few seconds apart: one run waits at a time, and one message carries them', async () => {
    const world = opened({ jobMs: 20_000 })
    world.start('opened')
    const runs: ReturnType<typeof world.start>[] = []
    for (const n of [1, 2, 3])
      world.later(2_000 + n * 3_000, () => {
        const head = push(world, n)
        runs.push(world.start('synchronize', {}, { headSha: head }))
      })
    await world.finish()
    const results = await Promise.all(runs.map((r) => r.result))
    // An earlier push's run hands over the wait, or finds its commits already someone's to send.
    expect(results.map((r) => (r.sync === 'queued' ? 'handed-over' : r.sync))).toEqual([
      'handed-over',
      'handed-over',
      'sent'
    ])
    expect(world.agent.accepted).toHaveLength(2)
    expect(world.agent.intoBusyJob).toEqual([])
    for (const n of [1, 2, 3]) expect(world.agent.accepted[1]!.prompt).toContain(`+push ${n}`)
    // A run handed over ends within one poll interval (5 s) of the next push's run taking over.
    for (const handedOver of results.slice(0, 2))
      expect(handedOver.outcome?.durationMs ?? 0).toBeLessThanOrEqual(9_000)
    expect(stateOf(world)?.waiter).toBeUndefined()
  })

  it('a run that waits past its timeout ends in a warning with sync=busy; the commits wait for the next push', async () => {
    const world = opened({ jobMs: 10 * 60_000 })
    world.start('opened', { wait: 'false' })
    await world.finish()
    push(world, 1)
    const run = world.start('synchronize', { timeout: '2m' })
    await world.finish()
    const result = await run.result
    expect(result.sync).toBe('busy')
    expect(result.outcome?.failure).toBeUndefined()
    expect(run.logger.lines.warning.join('\n')).toContain('the next push or the merge')
    expect(stateOf(world)?.pending?.why).toBe('busy')
  })

  it('a sub-branch merged into the pull request is its own work, not the base', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.pr.mergeSubBranch('Add section on avoiding option name clashes', {
      'docs/options.md': '@@ -0,0 +1 @@\n+## Avoiding option name clashes'
    })
    world.start('synchronize')
    await world.finish()
    const followUp = world.agent.accepted[1]!.prompt
    expect(followUp).toContain('+## Avoiding option name clashes')
    expect(followUp).not.toContain('was merged into the branch')
  })

  it('"Update branch" that touches a file the pull request changes quotes none of the base\'s lines', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.pr.push('Note the limits', {
      'CHANGELOG.md': '@@ -1 +1,2 @@\n # Changes\n+- Rate limits'
    })
    world.pr.updateBranch('Webhooks', {
      'CHANGELOG.md': '@@ -1 +1,2 @@\n # Changes\n+- Webhooks (#8)'
    })
    world.start('synchronize')
    await world.finish()
    const followUp = world.agent.accepted[1]!.prompt
    expect(followUp).toContain('+- Rate limits')
    expect(followUp).not.toContain('Webhooks')
  })

  it('dry-run splits what it logs at carriage returns too, so no line can start a workflow command', async () => {
    const world = opened()
    world.pr.info = { ...world.pr.info, body: 'Fine.\r::error::forged\r\nMore.' }
    const run = world.start('opened', { 'dry-run': 'true' })
    await world.finish()
    const logged = run.logger.lines.info.join('\n')
    expect(logged).toContain('::error::forged')
    for (const line of run.logger.lines.info) expect(line).not.toMatch(/\r/)
  })
})

describe('mode sync where a review found holes', () => {
  it('the skip label added while a run waits stops that run, and nothing is sent', async () => {
    const world = opened()
    world.start('opened', { wait: 'false' })
    await world.finish()
    push(world, 1)
    const waiting = world.start('synchronize')
    world.later(20_000, () => {
      world.pr.info = { ...world.pr.info, labels: ['no-docs'] }
      world.start('labeled', {}, { labels: ['no-docs'], label: 'no-docs' })
    })
    await world.finish()
    expect((await waiting.result).sync).toBe('handed-over')
    expect(world.agent.accepted).toHaveLength(1)
    expect(world.statusComments()[0]).toContain('Docs sync is off')
  })

  it('a successor whose start answer was lost is found, and never started twice', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.agent.jobs.get('new-job-1')!.status = 'archived'
    push(world, 1)
    world.agent.lostAnswers.set('createJob', [
      new MintlifyRequestError('POST answered 502', { status: 502 })
    ])
    world.start('synchronize')
    await world.finish()
    expect(stateOf(world)).toMatchObject({
      job: { id: 'new-job-2' },
      retired: [{ id: 'new-job-1' }]
    })
    push(world, 2)
    world.start('synchronize')
    await world.finish()
    expect(world.agent.jobs.size).toBe(2)
    expect(world.agent.accepted.map((m) => m.jobId)).toEqual([
      'new-job-1',
      'new-job-2',
      'new-job-2'
    ])
  })

  it('once a job has started, sync-paths no longer decides: a push that leaves no matching file still goes', async () => {
    const world = opened()
    world.start('opened', { 'sync-paths': 'src/**' })
    await world.finish()
    world.pr.forcePush('Move it all to docs', { 'docs/limits.md': '@@ -0,0 +1 @@\n+limits' })
    const run = world.start('synchronize', { 'sync-paths': 'src/**' })
    await world.finish()
    expect((await run.result).sync).toBe('sent')
    expect(world.agent.accepted.at(-1)!.prompt).toContain('+limits')
  })

  it('a 400 that is about the prompt, not the job, starts no successor', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    push(world, 1)
    world.agent.faults.set('sendMessage', [
      new MintlifyRequestError('POST answered 400', {
        status: 400,
        serverMessage: 'prompt must be no longer than 20000 characters'
      })
    ])
    const run = world.start('synchronize')
    await world.finish()
    expect((await run.result).sync).toBe('failed')
    expect(world.agent.jobs.size).toBe(1)
  })
})

describe('a run that cannot read the job', () => {
  it('while it waits, reads again at the next poll, and sends when the job is free', async () => {
    const world = opened({ jobMs: 5 * 60_000 })
    world.start('opened', { wait: 'false' })
    await world.finish()
    push(world, 1)
    const run = world.start('synchronize')
    const outage = new MintlifyRequestError('GET answered 503', { status: 503 })
    world.later(20_000, () => world.agent.faults.set('getJob', [outage, outage, outage, outage]))
    await world.finish()
    expect((await run.result).sync).toBe('sent')
    expect(world.agent.accepted).toHaveLength(2)
    expect(world.agent.intoBusyJob).toEqual([])
  })

  it('under the lock: the commits wait, the comment says why, and the next push sends them', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    push(world, 1)
    const outage = new MintlifyRequestError('GET answered 503', { status: 503 })
    world.agent.faults.set('getJob', [outage, outage, outage])
    const run = world.start('synchronize')
    await world.finish()
    const result = await run.result
    expect(result.sync).toBe('failed')
    expect(result.outcome?.failure).toBeUndefined()
    expect(run.logger.lines.warning.join('\n')).toContain('could not be read, so nothing was sent')
    expect(world.statusComments()[0]).toContain('Reading the docs job failed')
    expect(stateOf(world)?.waiter).toBeUndefined()
    push(world, 2)
    world.start('synchronize')
    await world.finish()
    expect(world.agent.accepted).toHaveLength(2)
    expect(world.agent.accepted[1]!.prompt).toContain('+push 1')
  })
})
