/**
 * The defects probes found in mode sync (issue 32), each as the probe ran it, over in-memory
 * GitHub and Mintlify on one virtual clock. Each failed on the design before the sealed record
 * and the plan.
 */
import { MintlifyRequestError } from '../src/core/agent-api.js'
import { sealedLine, sealFor } from '../src/thread/sealed-comment.js'
import { syncWorld } from './helpers/sync-world.js'

const CHECKS = { 'check-run': 'true' }
const DOCS = { 'docs-token': 'github_pat_docs', 'docs-close-with-code': 'true' }

type World = ReturnType<typeof syncWorld>

function opened(options: Parameters<typeof syncWorld>[0] = {}): World {
  const world = syncWorld({ jobMs: 60_000, ...options })
  world.pr.push('Add rate limits', { 'src/limits.ts': '@@ -0,0 +1 @@\n+export const LIMIT = 100' })
  return world
}

const push = (world: World, n: number) =>
  world.pr.push(`Push ${n}`, { [`src/f${n}.ts`]: `@@ -0,0 +1 @@\n+push ${n}` })

describe('mode sync, on the defects probes found', () => {
  it('1. closed unmerged, then reopened 5 s later while the job works: one job, and the same docs pull request', async () => {
    for (const inputs of [{}, DOCS]) {
      const world = opened()
      world.agent.linkOf = (id) => `https://github.com/acme/docs/pull/${id.replace(/\D/g, '')}`
      world.start('opened', { ...inputs, wait: 'false' })
      await world.finish()
      world.pr.info = { ...world.pr.info, state: 'closed' }
      const closed = world.start('closed', inputs)
      world.later(5_000, () => {
        world.pr.info = { ...world.pr.info, state: 'open' }
        world.start('reopened', inputs)
      })
      await world.finish()
      expect((await closed.result).outcome?.failure).toBeUndefined()
      push(world, 1)
      world.start('synchronize', inputs)
      await world.finish()
      expect(world.agent.jobs.size).toBe(1)
      expect(world.agent.accepted.map((m) => m.jobId)).toEqual(['new-job-1', 'new-job-1'])
      if ('docs-token' in inputs) expect(world.docs.pull('acme/docs', 1).state).toBe('open')
    }
  })

  it('2. a force push while GitHub still shows the old head: the whole pull request goes, and the new head has its check run', async () => {
    const world = opened()
    world.start('opened', CHECKS)
    await world.finish()
    const head = world.pr.forcePush('Rate limits, rewritten', {
      'src/limits.ts': '@@ -0,0 +1 @@\n+x'
    })
    world.pr.laggingReads = 2
    const run = world.start('synchronize', CHECKS, { headSha: head })
    await world.finish()
    expect((await run.result).sync).toBe('sent')
    expect(world.agent.accepted.at(-1)!.prompt).toContain('was rewritten (a force push)')
    expect(world.checks.line(head)).toBe('success: Docs updated')
  })

  it('3. /agent after a job took over goes to the job the record names, though an earlier command named the one before', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    // An earlier command's status comment names the first job, and is newer than the record.
    world.command('/agent first, before the takeover')
    await world.finish()
    world.agent.jobs.get('new-job-1')!.status = 'archived'
    push(world, 1)
    world.start('synchronize')
    await world.finish()
    expect(world.record()?.job?.id).toBe('new-job-2')
    world.command('/agent also document the limits')
    await world.finish()
    expect(world.agent.accepted.at(-1)).toMatchObject({
      jobId: 'new-job-2',
      prompt: 'also document the limits'
    })
  })

  it('3. /agent after a close and a reopening goes to the job the record names', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.command('/agent first, before the close')
    await world.finish()
    world.pr.info = { ...world.pr.info, state: 'closed' }
    world.start('closed')
    await world.finish()
    world.pr.info = { ...world.pr.info, state: 'open' }
    world.start('reopened')
    await world.finish()
    push(world, 1)
    world.start('synchronize')
    await world.finish()
    world.command('/agent also document the limits')
    await world.finish()
    const jobs = new Set(world.agent.accepted.map((m) => m.jobId))
    expect([...jobs]).toEqual([world.record()?.job?.id])
  })

  it('4. the skip label added and removed, with the runs out of order: sync acts on the labels the pull request has now', async () => {
    const world = opened()
    world.start('opened', { ...CHECKS, wait: 'false' })
    await world.finish()
    const head = push(world, 1)
    // labeled then unlabeled; the unlabeled run starts first, and the labeled run after it.
    world.start('unlabeled', CHECKS, { label: 'no-docs', labels: [] })
    world.later(1_000, () =>
      world.start('labeled', CHECKS, { label: 'no-docs', labels: ['no-docs'] })
    )
    await world.finish()
    expect(world.agent.accepted.at(-1)!.prompt).toContain('+push 1')
    expect(world.checks.line(head)).toBe('success: Docs updated')
    expect(world.statusComments()[0]).not.toContain('Docs sync is off')
  })

  it('5. an unmerged close closes the docs pull requests of the job and of the one it took over from, and the older one says which supersedes it', async () => {
    const world = opened()
    world.agent.linkOf = (id) => `https://github.com/acme/docs/pull/${id.replace(/\D/g, '')}`
    world.start('opened', DOCS)
    await world.finish()
    world.agent.jobs.get('new-job-1')!.status = 'archived'
    push(world, 1)
    world.start('synchronize', DOCS)
    await world.finish()
    const older = world.docs.pull('acme/docs', 1)
    expect([...older.comments.values()].join('\n')).toContain(
      'Docs job `new-job-2` took over the docs of the code pull request, in https://github.com/acme/docs/pull/2'
    )
    world.pr.info = { ...world.pr.info, state: 'closed' }
    world.start('closed', DOCS)
    await world.finish()
    expect(older.state).toBe('closed')
    expect(world.docs.pull('acme/docs', 2).state).toBe('closed')
  })

  it('6. GitHub fails the record write right after the job starts: one job, and the outputs and the comment say so', async () => {
    const world = opened()
    // The intent's write goes through; the writes after the start fail, three times.
    let updates = 0
    const failed = new Error('GitHub answered 502 Bad Gateway')
    world.github.failing = (call) =>
      call === 'update' && ++updates >= 2 && updates <= 4 ? failed : undefined
    const run = world.start('opened')
    await world.finish()
    const result = await run.result
    expect(world.agent.jobs.size).toBe(1)
    expect(result.outcome?.jobId).toBe('new-job-1')
    expect(result.outcome?.failure).toBeUndefined()
    expect(world.statusComments()[0]).toContain('Mintlify agent job `new-job-1`')
    expect(world.statusComments()[0]).not.toContain('no Mintlify agent job was started')
    push(world, 1)
    world.start('synchronize')
    await world.finish()
    expect(world.agent.jobs.size).toBe(1)
  })

  it('7. GitHub fails every record write after a follow-up: the run says so, and the next event sends nothing twice', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    push(world, 1)
    const sent = world.agent.accepted.length
    const failed = new Error('GitHub answered 502 Bad Gateway')
    world.github.failing = (call) =>
      call === 'update' && world.agent.accepted.length > sent ? failed : undefined
    const run = world.start('synchronize')
    await world.finish()
    const result = await run.result
    expect(result.outcome?.failure).toBeUndefined()
    expect(result.sync).toBe('sent')
    expect(run.logger.lines.warning.join('\n')).toContain('sends nothing twice')
    world.github.failing = undefined
    world.start('synchronize')
    await world.finish()
    expect(world.agent.accepted).toHaveLength(sent + 1)
    expect(world.statusComments()[0]).toContain(`..${world.pr.headSha.slice(0, 7)}.`)
  })

  it('8. a failed read of the status comment while following a sent job: no "nothing was sent", and no check left in progress after the merge', async () => {
    const world = opened()
    world.start('opened', CHECKS)
    await world.finish()
    push(world, 1)
    world.pr.info = { ...world.pr.info, state: 'closed', merged: true }
    const merged = world.start('closed', CHECKS)
    // While the run follows the job, GitHub fails its reads of the comment, once each.
    world.later(10_000, () =>
      world.github.faults.set('commentBody', [new Error('502'), new Error('502'), new Error('502')])
    )
    world.later(61_000, () => world.github.faults.set('items', [new Error('GitHub answered 502')]))
    await world.finish()
    const result = await merged.result
    expect(result.sync).toBe('merged')
    expect(result.outcome?.failure).toBeUndefined()
    expect(world.checks.open()).toEqual([])
    expect(world.checks.line(world.pr.headSha)).toBe('success: Docs updated')
  })

  it('9. text another workflow echoes as the same account steers nothing: a quoted state line, a record of another pull request', async () => {
    const world = opened()
    world.agent.linkOf = (id) => `https://github.com/acme/docs/pull/${id.replace(/\D/g, '')}`
    world.agent.addJob('other-job', 'completed')
    const seal = sealFor('mint_test', 'o/r#8', 'sync-record', 2)
    const foreign = {
      job: {
        id: 'other-job',
        sent: { head: 'abc' },
        prLink: 'https://github.com/acme/docs/pull/99'
      },
      retired: [],
      checks: [],
      base: 'main'
    }
    // Older than the action's own status comment, by the same account.
    world.github.comment(`Echo: ${sealedLine(seal, 1001, foreign)}`, 'github-actions[bot]')
    world.github.comment(
      'Echo: <!-- mintlify-agent-action sync job=other-job sent=abc dpr=https%3A%2F%2Fgithub.com%2Facme%2Fdocs%2Fpull%2F99 -->',
      'github-actions[bot]'
    )
    world.start('opened', DOCS)
    await world.finish()
    world.pr.info = { ...world.pr.info, state: 'closed' }
    world.start('closed', DOCS)
    await world.finish()
    expect(world.agent.accepted.map((m) => m.jobId)).toEqual(['new-job-1'])
    expect(world.docs.pulls.has('acme/docs#99')).toBe(false)
    expect(world.docs.pull('acme/docs', 1).state).toBe('closed')
  })

  it('9. a status comment of version 1 carries over once, sealed; two of them carry nothing over and start nothing', async () => {
    const world = opened()
    const sent = world.pr.headSha
    world.agent.addJob('job-v1', 'completed')
    const v1 = [
      '📘 **Docs for this pull request**: Mintlify agent job `job-v1` is completed.',
      '',
      'Docs pull request: https://github.com/acme/docs/pull/5',
      '',
      `<!-- mintlify-agent-action sync job=job-v1 sent=${sent} status=completed base=main -->`,
      '<!-- mintlify-agent-action job=job-v1 -->'
    ].join('\n')
    world.github.comment(v1, 'github-actions[bot]')
    push(world, 1)
    world.start('synchronize')
    await world.finish()
    expect(world.agent.accepted.map((m) => m.jobId)).toEqual(['job-v1'])
    expect(world.agent.accepted[0]!.prompt).toContain('+push 1')
    expect(world.record()?.job).toMatchObject({ id: 'job-v1' })

    const twice = opened()
    twice.github.comment(v1, 'github-actions[bot]')
    twice.github.comment(v1, 'github-actions[bot]')
    const run = twice.start('synchronize')
    await twice.finish()
    expect((await run.result).outcome?.failure).toContain('only one can be the action')
    expect(twice.agent.accepted).toEqual([])

    // A field that decodes to a line break carries nothing over, and reaches no log.
    const forged = opened()
    forged.github.comment(
      v1.replace('job=job-v1 sent', 'job=job-v1%0D%0A%3A%3Awarning%3A%3Aforged sent'),
      'github-actions[bot]'
    )
    const forgedRun = forged.start('synchronize')
    await forged.finish()
    const logged = Object.values(forgedRun.logger.lines).flat().join('\n')
    expect(logged).not.toContain('::warning::forged')
    expect(forged.agent.accepted.map((m) => m.jobId)).toEqual(['new-job-1'])
  })

  it('10. opened and a push at once while the comment list lags: one job and one status comment, whatever the offset', async () => {
    for (const offset of [0, 500, 1_000, 2_000, 3_000, 4_000, 6_000]) {
      const world = opened({ lagMs: 3_000 })
      world.start('opened')
      world.later(offset, () => world.start('synchronize'))
      await world.finish()
      expect([offset, world.agent.jobs.size, world.statusComments().length]).toEqual([offset, 1, 1])
    }
  })
})

describe('mode sync, on what a review of the record and the plan found', () => {
  type MemoryThread = ReturnType<World['github']['threadFor']>

  /** Changes each thread a run opens, as it opens; `n` counts them. */
  function onEachThread(world: World, change: (thread: MemoryThread, n: number) => void) {
    const threadFor = world.github.threadFor.bind(world.github)
    let n = 0
    world.github.threadFor = (trigger) => {
      const thread = threadFor(trigger)
      change(thread, ++n)
      return thread
    }
  }

  /**
   * GitHub answers comment writes late: the n-th write of all runs by `lateBy(n)` ms, after it was
   * carried out, or before (`carriedOut: 'late'`).
   */
  function slowWrites(world: World, lateBy: (n: number) => number, carriedOut: 'at once' | 'late') {
    let writes = 0
    onEachThread(world, (thread) => {
      const update = thread.update.bind(thread)
      thread.update = async (id, body) => {
        const late = lateBy(++writes)
        if (carriedOut === 'at once') await update(id, body)
        if (late) await world.clock.sleep(late)
        if (carriedOut === 'late') await update(id, body)
      }
    })
  }

  const unavailable = () =>
    new MintlifyRequestError('sendMessage answered 503', { status: 503, serverMessage: 'Busy' })

  it('a send Mintlify refused with a 503 while another run waits for the lock is not counted as sent: every push reaches the job', async () => {
    const lost: number[] = []
    for (let offset = 0; offset <= 6_000; offset += 500) {
      const world = opened()
      world.start('opened')
      await world.finish()
      push(world, 1)
      world.agent.faults.set('sendMessage', [unavailable()])
      world.start('synchronize')
      world.later(offset, () => {
        push(world, 2)
        world.start('synchronize')
      })
      await world.finish()
      const prompts = world.agent.accepted.map((m) => m.prompt).join('\n')
      if (!prompts.includes('+push 1') || !prompts.includes('+push 2')) lost.push(offset)
    }
    expect(lost).toEqual([])
  })

  it('an intent write GitHub answers after the lock’s hold has passed starts nothing: one job', async () => {
    const world = opened()
    // GitHub carries out the first write, the intent, and answers 5 min 20 s later.
    slowWrites(world, (n) => (n === 1 ? 320_000 : 0), 'at once')
    world.start('opened')
    world.later(10_000, () => {
      push(world, 1)
      world.start('synchronize')
    })
    await world.finish()
    expect(world.agent.jobs.size).toBe(1)
    expect(world.agent.accepted.filter((m) => m.prompt.includes('+push 1'))).toHaveLength(1)
  })

  it('the status comment deleted while the start is in flight: the job started is recorded anew, and the next push goes to it', async () => {
    const world = opened()
    const createJob = world.agent.createJob.bind(world.agent)
    world.agent.createJob = async (prompt) => {
      for (const comment of world.github.comments('github-actions[bot]'))
        world.github.delete(comment.id)
      return createJob(prompt)
    }
    world.start('opened')
    await world.finish()
    world.agent.createJob = createJob
    expect(world.record()?.job?.id).toBe('new-job-1')
    push(world, 1)
    world.start('synchronize')
    await world.finish()
    expect(world.agent.jobs.size).toBe(1)
    expect(world.agent.accepted.at(-1)).toMatchObject({ jobId: 'new-job-1' })
  })

  it('/agent right after a takeover, while the comment list still shows the record before it, goes to the job that took over', async () => {
    const world = opened({ lagMs: 3_000 })
    world.start('opened')
    await world.finish()
    world.agent.jobs.get('new-job-1')!.status = 'archived'
    push(world, 1)
    world.start('synchronize', { wait: 'false' })
    await world.finish()
    expect(world.record()?.job?.id).toBe('new-job-2')
    world.clock.advance(1_000)
    world.command('/agent also document the limits')
    await world.finish()
    expect(world.agent.accepted.at(-1)).toMatchObject({
      jobId: 'new-job-2',
      prompt: 'also document the limits'
    })
  })

  it('opened and a push at once while the comment list lags 15 s: one job and one status comment', async () => {
    for (const offset of [0, 1_000, 3_000, 6_000]) {
      const world = opened({ lagMs: 15_000 })
      world.start('opened')
      world.later(offset, () => world.start('synchronize'))
      await world.finish()
      expect([offset, world.agent.jobs.size, world.statusComments().length]).toEqual([offset, 1, 1])
    }
  })

  it('a send whose intent write left too little of the hold is not counted as sent by the run that waits', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.clock.advance(120_000)
    // The first run's intent write answers after 160 s, and its lock's release 10 s late.
    slowWrites(world, (n) => (n === 1 ? 160_000 : 0), 'at once')
    onEachThread(world, (thread, n) => {
      const remove = thread.removeLockReaction.bind(thread)
      if (n === 1)
        thread.removeLockReaction = async (id) => {
          await remove(id)
          await world.clock.sleep(10_000)
        }
    })
    push(world, 1)
    world.start('synchronize')
    world.later(10_000, () => {
      push(world, 2)
      world.start('synchronize')
    })
    await world.finish()
    const prompts = world.agent.accepted.map((m) => m.prompt).join('\n')
    expect(prompts).toContain('+push 1')
    expect(prompts).toContain('+push 2')
  })

  it('a start whose answer was lost after a slow (45 s) intent write is found again: one job', async () => {
    const world = opened()
    slowWrites(world, (n) => (n === 1 ? 45_000 : 0), 'late')
    world.agent.lostAnswers.set('createJob', [
      new MintlifyRequestError('POST answered 502', { status: 502 })
    ])
    world.start('opened')
    await world.finish()
    expect(world.agent.jobs.size).toBe(1)
    expect(world.record()?.job?.id).toBe('new-job-1')
  })

  it('the status comment deleted in a later pass of the run that started the job stays deleted', async () => {
    const world = opened()
    let deleted = false
    onEachThread(world, (thread) => {
      let locks = 0
      let armed = false
      const add = thread.addLockReaction.bind(thread)
      thread.addLockReaction = async () => {
        const answer = await add()
        if (answer.created && ++locks === 2) armed = true
        return answer
      }
      const body = thread.commentBody.bind(thread)
      thread.commentBody = async (kind, id) => {
        const text = await body(kind, id)
        if (armed && text?.includes('sync-record')) {
          armed = false
          // A person deletes the status comment to start over, right after this pass read it.
          world.github.delete(id)
          deleted = true
        }
        return text
      }
    })
    world.start('opened')
    await world.finish()
    expect(deleted).toBe(true)
    expect(world.statusComments()).toEqual([])
  })

  it('/agent --job with another, archived job on a synced pull request is not told that a push replaces it', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.agent.addJob('other-job', 'archived')
    const run = world.command('/agent --job other-job also document the limits')
    await world.finish()
    const said = [
      (await run.result).outcome?.failure,
      ...world.github.bodies('github-actions[bot]')
    ]
    expect(said.join('\n')).toContain('archived')
    expect(said.join('\n')).not.toContain('mode sync starts the job that takes over')
  })

  it('GitHub writing every comment slowly starts nothing, and the run says why', async () => {
    const world = opened()
    slowWrites(world, () => 6_000, 'late')
    const run = world.start('opened')
    await world.finish()
    expect(world.agent.jobs.size).toBe(0)
    expect((await run.result).outcome?.failure).toMatch(/too slowly .* Nothing was sent/)
    expect(world.record()?.intent).toBeUndefined()
  })

  it('a lost start whose lookup cannot read Mintlify starts nothing, and the next event finds the job: one job', async () => {
    const world = opened()
    world.agent.lostAnswers.set('createJob', [
      new MintlifyRequestError('POST answered 502', { status: 502 })
    ])
    const unavailable = new MintlifyRequestError('GET answered 503', { status: 503 })
    world.agent.faults.set(
      'listJobs',
      Array.from({ length: 10 }, () => unavailable)
    )
    const first = world.start('opened')
    await world.finish()
    expect((await first.result).outcome?.failure).toMatch(
      /could not be read .* the next event looks again/
    )
    world.agent.faults.delete('listJobs')
    push(world, 1)
    world.start('synchronize')
    await world.finish()
    expect([...world.agent.jobs.keys()]).toEqual(['new-job-1'])
    expect(world.record()?.job?.id).toBe('new-job-1')
  })

  it('/agent in mode auto while the record names no job yet starts none: only mode sync starts it', async () => {
    const world = opened()
    world.agent.lostAnswers.set('createJob', [
      new MintlifyRequestError('POST answered 502', { status: 502 })
    ])
    // Another pull request of the project starts a job at about that time: the start cannot be told.
    world.later(5_000, () => world.agent.addJob('job-of-pr-8', 'active', 60_000))
    world.start('opened')
    await world.finish()
    expect(world.record()?.intent?.unsettled).toBeDefined()
    const run = world.command('/agent document the limits', { mode: 'auto' })
    await world.finish()
    expect([...world.agent.jobs.keys()].sort()).toEqual(['job-of-pr-8', 'new-job-1'])
    expect(world.agent.accepted.map((m) => m.prompt)).not.toContain('document the limits')
    expect((await run.result).failure).toMatch(/only mode sync starts this pull request/)
  })
})
