import { readClaim } from '../src/comments/claims.js'
import { MintlifyRequestError } from '../src/core/agent-api.js'
import { commentWorld, JOB } from './helpers/comment-world.js'

const prompts = (world: ReturnType<typeof commentWorld>) =>
  world.agent.accepted.map((m) => m.prompt)

/** The action's own comments, as they read now. */
const statusComments = (world: ReturnType<typeof commentWorld>) =>
  world.github.bodies('github-actions[bot]')

describe('the line, run by run, on an in-memory thread', () => {
  it('sends the commands of a burst once each, in the order written, never into a busy job', async () => {
    const world = commentWorld()
    const triggers = [1, 2, 3, 4, 5].map((n) => world.github.comment(`/agent step ${n}`))
    // The runs start in another order than the comments were written.
    for (const index of [4, 2, 0, 3, 1]) world.start(triggers[index]!)
    const results = await world.finish()
    expect(prompts(world)).toEqual(['step 1', 'step 2', 'step 3', 'step 4', 'step 5'])
    expect(world.agent.intoBusyJob).toEqual([])
    expect(results.map((r) => r.result)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent'])
  })

  it('1. an edit while the command waits: only the latest text goes, once', async () => {
    const world = commentWorld()
    world.agent.addJob(JOB, 'active', 60_000)
    const command = world.github.comment('/agent add a FAQ')
    world.start(command, { 'allow-edits': 'true' })
    world.later(10_000, () => {
      world.github.edit(command.comment.id, '/agent add a FAQ about retries')
      world.start(world.github.trigger(command.comment.id, 'edited'), { 'allow-edits': 'true' })
    })
    const [first, edited] = await world.finish()
    expect(prompts(world)).toEqual(['add a FAQ about retries'])
    expect([first!.result, edited!.result].sort()).toEqual(['sent', 'withdrawn'])
    expect(world.agent.intoBusyJob).toEqual([])
  })

  it('1. an edit while waiting, with allow-edits off: the waiting run sends the latest text', async () => {
    const world = commentWorld()
    world.agent.addJob(JOB, 'active', 60_000)
    const command = world.github.comment('/agent add a FAQ')
    world.start(command)
    world.later(10_000, () => world.github.edit(command.comment.id, '/agent add a FAQ page'))
    const [run] = await world.finish()
    expect(run!.result).toBe('sent')
    expect(prompts(world)).toEqual(['add a FAQ page'])
  })

  it('2. a command deleted while it waits sends nothing, and its status comment says so', async () => {
    const world = commentWorld()
    world.agent.addJob(JOB, 'active', 60_000)
    const command = world.github.comment('/agent add a FAQ')
    world.start(command)
    world.later(10_000, () => world.github.delete(command.comment.id))
    const [run] = await world.finish()
    expect(run!.result).toBe('withdrawn')
    expect(run!.failure).toBeUndefined()
    expect(world.agent.accepted).toEqual([])
    expect(statusComments(world)).toEqual([
      expect.stringContaining('The command was deleted before its turn came')
    ])
  })

  it('2. a command deleted while an earlier one holds the line: it sends nothing, the others go', async () => {
    const world = commentWorld()
    const first = world.github.comment('/agent first')
    const second = world.github.comment('/agent second')
    const third = world.github.comment('/agent third')
    for (const trigger of [first, second, third]) world.start(trigger)
    world.later(1_000, () => world.github.delete(second.comment.id))
    const results = await world.finish()
    expect(prompts(world)).toEqual(['first', 'third'])
    expect(results.map((r) => r.result)).toEqual(['sent', 'withdrawn', 'sent'])
  })

  it('3. a run that starts after its place expired goes after the later commands, and says so; no second job', async () => {
    const world = commentWorld()
    const late = world.github.comment('/agent write the retries page')
    world.later(10_000, () =>
      world.start(world.github.comment('/agent and link it from the FAQ'), {
        'job-id': '',
        mode: 'auto'
      })
    )
    // The first command's run starts three minutes late: queue-expiry is two.
    world.later(180_000, () => world.start(late, { 'job-id': '', mode: 'auto' }))
    const [second, first] = await world.finish()
    expect(prompts(world)[1]).toBe('write the retries page')
    // The later command started the thread's job; the late one followed up on it.
    expect(world.agent.accepted.map((m) => m.jobId)).toEqual(['new-job-1', 'new-job-1'])
    expect(first!.outcome?.created).toBe(false)
    expect(second!.outcome?.created).toBe(true)
    const note = statusComments(world).find((body) => body.includes('write the retries page'))!
    expect(note).toContain(
      "This command's run started 3m after it was written, later than `queue-expiry` (2m), and 1 command written after it was sent first"
    )
    expect(world.agent.intoBusyJob).toEqual([])
  })

  it('4. a read before sending that keeps failing is never taken for an idle job', async () => {
    const world = commentWorld()
    world.agent.addJob(JOB, 'active', 60_000)
    const unavailable = () => new MintlifyRequestError('answered 503', { status: 503, attempts: 5 })
    world.agent.faults.set('getJob', [unavailable(), unavailable(), unavailable()])
    world.start(world.github.comment('/agent add a FAQ'))
    const [run] = await world.finish()
    expect(world.agent.accepted).toEqual([])
    expect(run!.result).toBe('not-sent')
    expect(run!.outcome?.failure).toMatch(
      /answered 503 .* after 5 attempts.* Nothing was sent \(the job is read before sending/
    )
  })

  it('5. a key revoked while a command waits ends the wait at once, naming the key', async () => {
    const world = commentWorld({ jobMs: 20 * 60_000 })
    const first = world.github.comment('/agent first')
    const second = world.github.comment('/agent second')
    world.start(first)
    world.start(second)
    // The first message is taken; while the second waits for its job, the key is revoked.
    world.later(60_000, () =>
      world.agent.faults.set(
        'getJob',
        Array.from(
          { length: 50 },
          () =>
            new MintlifyRequestError('answered 401', {
              status: 401,
              serverMessage: 'Invalid or missing API key'
            })
        )
      )
    )
    const [, waiting] = await world.finish()
    expect(waiting!.failure).toMatch(
      /^Mintlify answered 401 for job job-1 .*the key in api-key was not accepted.*Nothing was sent\.$/
    )
    expect(world.clock.now()).toBeLessThan(2 * 60_000)
    expect(prompts(world)).toEqual(['first'])
  })

  it('6. a status comment that cannot be written holds no place: nothing is sent, and the step names the permission', async () => {
    const world = commentWorld()
    world.github.faults.set('post', [
      new Error(
        "403 Resource not accessible by integration: the workflow's token lacks `issues: write`"
      )
    ])
    world.start(world.github.comment('/agent add a FAQ'))
    const [run] = await world.finish()
    expect(world.agent.accepted).toEqual([])
    expect(run).toMatchObject({ result: 'not-sent' })
    expect(run!.failure).toMatch(
      /^Could not write the status comment that holds this command's place .*issues: write.*so nothing was sent\.$/
    )
  })

  it('6. a place whose renewals fail for longer than queue-expiry is given up, and nothing is sent', async () => {
    // Other runs cannot read whether this one is alive, so it must renew its place; GitHub refuses.
    const world = commentWorld({ readRuns: false })
    world.agent.addJob(JOB, 'active', 30 * 60_000)
    world.start(world.github.comment('/agent add a FAQ'))
    world.later(60_000, () =>
      world.github.faults.set(
        'update',
        Array.from({ length: 100 }, () => new Error('502 Bad Gateway'))
      )
    )
    const [run] = await world.finish()
    expect(world.agent.accepted).toEqual([])
    expect(run!.outcome?.failure).toMatch(
      /could not be renewed for 2m \(queue-expiry\).*nothing was sent/
    )
  })

  it('a killed run holds up the next one while its workflow run is alive, and no longer once it ended', async () => {
    const world = commentWorld({ jobMs: 5 * 60_000 })
    world.agent.addJob(JOB, 'active', 10 * 60_000)
    const first = world.start(world.github.comment('/agent first'))
    world.start(world.github.comment('/agent second'))
    // The first run dies without a word (SIGKILL); its workflow run ends five minutes later.
    world.later(30_000, () => first.cancel())
    world.later(5 * 60_000, () => world.github.endRun(first.id))
    await world.finish()
    expect(prompts(world)).toEqual(['second'])
  })
})

describe('what waiting costs', () => {
  it('a run that waits 30 minutes behind a busy job writes nothing while it waits, and reads GitHub only when something changes', async () => {
    const world = commentWorld({ jobMs: 30 * 60_000 })
    const inputs = { timeout: '2h' }
    world.start(world.github.comment('/agent first'), inputs)
    world.later(1_000, () => world.start(world.github.comment('/agent second'), inputs))
    world.later(2_000, () => world.start(world.github.comment('/agent third'), inputs))
    await world.finish()
    // Each run writes its status comment, one "waiting" line at most, the message taken and the
    // end, with 👀 and 🚀: six writes, however long it waits.
    expect(world.github.counts.writes).toBeLessThanOrEqual(3 * 6)
    // It reads the thread when something changed; the many reads of what did not change are free.
    expect(world.github.counts.reads).toBeLessThanOrEqual(3 * 6)
    expect(world.github.counts.unchangedReads).toBeGreaterThan(100)
    // Whether the run ahead is alive is read only once its place looks stale, every 2m at most.
    expect(world.github.counts.runReads).toBeLessThanOrEqual(60 / 2 + 3)
    expect(prompts(world)).toEqual(['first', 'second', 'third'])
    for (const body of statusComments(world)) expect(readClaim(body)?.state).toBe('done')
  })
})
