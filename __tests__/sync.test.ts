import { MintlifyRequestError } from '../src/core/agent-api.js'
import { ThreadReadError } from '../src/thread/thread.js'
import { syncWorld } from './helpers/sync-world.js'

const LIMITS_PATCH = '@@ -1,2 +1,3 @@\n export const limits = {}\n+export const DEFAULT_LIMIT = 100'

/** A pull request with one commit, opened. */
function opened(options: Parameters<typeof syncWorld>[0] = {}) {
  const world = syncWorld(options)
  world.pr.push('Add rate limits', { 'src/limits.ts': LIMITS_PATCH })
  return world
}

const stateOf = (world: ReturnType<typeof syncWorld>) => world.record()

describe('mode sync over in-memory GitHub and Mintlify', () => {
  it('the first event starts one docs job with the whole pull request, and the status comment links its docs pull request', async () => {
    const world = opened()
    world.start('opened')
    const [run] = await world.finish()
    expect(run!.sync).toBe('started')
    expect(run!.result).toBe('sent')
    expect(world.agent.accepted).toHaveLength(1)
    const [first] = world.agent.accepted
    expect(first!.prompt).toMatch(/^Document user-facing changes only\./)
    expect(first!.prompt).toContain('Title: Add rate limits')
    expect(first!.prompt).toContain('+export const DEFAULT_LIMIT = 100')
    const [comment] = world.statusComments()
    expect(comment).toContain('Mintlify agent job `new-job-1` is completed')
    expect(comment).toContain('Docs pull request: https://github.com/acme/docs/pull/new-job-1')
    expect(comment).toContain(
      `Last sent: the whole pull request, up to ${world.pr.headSha.slice(0, 7)}.`
    )
    expect(stateOf(world)?.job?.sent.head).toBe(world.pr.headSha)
  })

  it('each push sends only its commits to the same job', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    const before = world.pr.headSha
    world.pr.push('Raise the default', {
      'src/server.ts': '@@ -1 +1 @@\n-old\n+new header X-Limit'
    })
    const push = world.start('synchronize')
    await world.finish()
    expect((await push.result).sync).toBe('sent')
    expect(world.agent.accepted.map((m) => m.jobId)).toEqual(['new-job-1', 'new-job-1'])
    const followUp = world.agent.accepted[1]!.prompt
    expect(followUp).toContain('- ' + world.pr.headSha.slice(0, 7) + ' Raise the default')
    expect(followUp).toContain('+new header X-Limit')
    expect(followUp).not.toContain('DEFAULT_LIMIT')
    expect(world.statusComments()[0]).toContain(
      `Last sent: the commits ${before.slice(0, 7)}..${world.pr.headSha.slice(0, 7)}.`
    )
  })

  it('a burst of four pushes while the job works goes in one message, never into the busy job', async () => {
    const world = opened()
    world.start('opened')
    for (const n of [1, 2, 3, 4])
      world.later(n * 1_000, () =>
        world.pr.push(`Push ${n}`, { [`src/f${n}.ts`]: `@@ -0,0 +1 @@\n+push ${n}` })
      )
    // Runs started together, after the pushes, each with the head its event saw.
    const heads: string[] = []
    world.later(4_500, () => {
      for (const sha of world.pr.branch.slice(1).map((c) => c.sha)) heads.push(sha)
      for (const sha of heads) world.start('synchronize', {}, { headSha: sha })
    })
    const results = await world.finish()
    expect(world.agent.accepted).toHaveLength(2)
    expect(world.agent.intoBusyJob).toEqual([])
    expect(world.agent.jobs.size).toBe(1)
    const message = world.agent.accepted[1]!.prompt
    for (const n of [1, 2, 3, 4]) expect(message).toContain(`+push ${n}`)
    expect(
      results
        .slice(1)
        .map((r) => r.sync)
        .sort()
    ).toEqual(['queued', 'queued', 'queued', 'sent'])
    expect(world.statusComments()).toHaveLength(1)
    expect(world.github.lock).toEqual([])
  })

  it('two first events at once start one job and leave one status comment', async () => {
    const world = opened()
    world.start('opened')
    world.start('synchronize')
    const results = await world.finish()
    expect(world.agent.accepted).toHaveLength(1)
    expect(world.statusComments()).toHaveLength(1)
    expect(results.map((r) => r.sync).sort()).toEqual(['started', 'up-to-date'])
  })

  it('a re-run after everything was sent sends nothing twice', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    const again = world.start('opened')
    await world.finish()
    expect((await again.result).sync).toBe('up-to-date')
    expect(world.agent.accepted).toHaveLength(1)
  })

  it('after a force push it sends the whole pull request again and says the branch was rewritten', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    const lost = world.pr.headSha
    world.pr.forcePush('Rate limits, squashed', { 'src/limits.ts': '@@ -0,0 +1 @@\n+squashed' })
    world.start('synchronize')
    await world.finish()
    const message = world.agent.accepted[1]!.prompt
    expect(message).toContain(`was rewritten (a force push): ${lost.slice(0, 7)}`)
    expect(message).toContain('+squashed')
    expect(world.statusComments()[0]).toContain('Last sent: the whole pull request, up to')
  })

  it('on merge it sends what was not sent yet, and the comment hands the docs pull request to the team', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.pr.push('Last fix', { 'src/fix.ts': '@@ -0,0 +1 @@\n+fixed' })
    world.pr.info = { ...world.pr.info, state: 'closed', merged: true }
    const merged = world.start('closed')
    await world.finish()
    expect((await merged.result).sync).toBe('merged')
    expect(world.agent.accepted[1]!.prompt).toContain('+fixed')
    expect(world.statusComments()[0]).toContain(
      '✅ Merged into main: the docs pull request is yours to review and merge.'
    )
  })

  it('a workflow that listens only to closed starts the job at the merge', async () => {
    const world = opened()
    world.pr.info = { ...world.pr.info, state: 'closed', merged: true }
    const run = world.start('closed')
    await world.finish()
    expect((await run.result).sync).toBe('started')
    expect(world.agent.accepted[0]!.prompt).toContain('Title: Add rate limits')
    expect(world.statusComments()[0]).toContain('✅ Merged into main')
  })

  it('closed unmerged: nothing is sent, the comment says to close the docs pull request, and the outputs name it', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.pr.push('Unsent', { 'src/x.ts': '@@ -0,0 +1 @@\n+x' })
    world.pr.info = { ...world.pr.info, state: 'closed', merged: false }
    const closed = world.start('closed')
    await world.finish()
    const result = await closed.result
    expect(result.sync).toBe('closed')
    expect(result.recorded?.prLink).toBe('https://github.com/acme/docs/pull/new-job-1')
    expect(world.agent.accepted).toHaveLength(1)
    expect(world.statusComments()[0]).toContain(
      '🛑 Closed without merging: the docs pull request (https://github.com/acme/docs/pull/new-job-1) should be closed too: by hand, unless docs-token (with docs-close-with-code) has the action close it once the docs job has ended.'
    )
  })

  it('drafts wait for ready_for_review unless sync-drafts is true', async () => {
    const world = opened()
    world.pr.info = { ...world.pr.info, draft: true }
    const draft = world.start('opened', {}, { draft: true })
    await world.finish()
    expect((await draft.result).sync).toBe('draft')
    expect(world.agent.accepted).toEqual([])
    expect(world.statusComments()).toEqual([])
    world.start('opened', { 'sync-drafts': 'true' }, { draft: true })
    await world.finish()
    expect(world.agent.accepted).toHaveLength(1)
  })

  it("a stranger's pull request sends nothing and writes nothing, and the run says why", async () => {
    const world = opened()
    const run = world.start('opened', {}, { author: { login: 'mallory', isBot: false } })
    await world.finish()
    expect((await run.result).sync).toBe('refused')
    expect(world.agent.accepted).toEqual([])
    expect(world.github.counts.writes).toBe(0)
    expect(run.logger.lines.warning.join('\n')).toContain('@mallory opened pull request #7')
  })

  it('dry-run prints the exact prompt and sends and writes nothing', async () => {
    const world = opened()
    const run = world.start('opened', { 'dry-run': 'true' })
    await world.finish()
    const result = await run.result
    expect(result.sync).toBe('dry-run')
    expect(result.prompt).toMatch(/^Document user-facing changes only\./)
    expect(run.logger.lines.info.join('\n')).toContain(result.prompt!.split('\n')[0]!)
    expect(world.agent.accepted).toEqual([])
    expect(world.github.counts.writes).toBe(0)
  })

  it('a lock left by a run that died is taken over once its lease is over', async () => {
    const world = opened()
    world.start('opened', { wait: 'false' })
    await world.finish()
    // The dead run's 👀, still there.
    world.github.lock = [{ id: 99, createdAt: world.clock.wallTime() }]
    world.pr.push('After the crash', { 'src/z.ts': '@@ -0,0 +1 @@\n+z' })
    const run = world.start('synchronize')
    await world.finish()
    expect((await run.result).sync).toBe('sent')
    expect(run.logger.lines.warning.join('\n')).toContain('its run died, so this run takes it')
  })

  it('/agent on the code pull request and a push at once: both reach the docs job, one after the other', async () => {
    const world = opened()
    world.start('opened')
    // Both wait for the busy job, and read it idle at the same moment.
    world.later(1_000, () => {
      world.command('/agent also document the X-Limit header')
      world.pr.push('Add the header', { 'src/header.ts': '@@ -0,0 +1 @@\n+X-Limit' })
      world.start('synchronize')
    })
    await world.finish()
    expect(world.agent.accepted.map((m) => m.jobId)).toEqual([
      'new-job-1',
      'new-job-1',
      'new-job-1'
    ])
    expect(world.agent.accepted.map((m) => m.prompt)).toContainEqual(
      'also document the X-Limit header'
    )
    expect(world.agent.intoBusyJob).toEqual([])
  })

  it('"Update branch" brings in the base: the follow-up carries only the pull request\'s own changes', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.pr.updateBranch('Unrelated change on main', {
      'src/other.ts': '@@ -0,0 +1 @@\n+from main'
    })
    const mergeOnly = world.start('synchronize')
    await world.finish()
    expect((await mergeOnly.result).sync).toBe('up-to-date')
    expect(world.agent.accepted).toHaveLength(1)
    expect(stateOf(world)?.job?.sent.head).toBe(world.pr.headSha)
    world.pr.push('Rename the limit', { 'src/limits.ts': '@@ -1 +1 @@\n+renamed' })
    world.start('synchronize')
    await world.finish()
    const followUp = world.agent.accepted[1]!.prompt
    expect(followUp).toContain('+renamed')
    expect(followUp).not.toContain('from main')
  })

  it('a merge of the base amid new commits: the message keeps the own commits, says main was merged, and leaves its changes out', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.pr.push('Own change', { 'src/own.ts': '@@ -0,0 +1 @@\n+own' })
    world.pr.updateBranch('Unrelated change on main', {
      'src/other.ts': '@@ -0,0 +1 @@\n+from main'
    })
    world.start('synchronize')
    await world.finish()
    const followUp = world.agent.accepted[1]!.prompt
    expect(followUp).toContain('+own')
    expect(followUp).toContain('main was merged into the branch meanwhile')
    expect(followUp).not.toContain('from main')
    expect(followUp).not.toContain('Unrelated change on main')
  })

  it("while GitHub's API still shows the head before a push, the event's newer head is what goes", async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    const before = world.pr.headSha
    world.pr.push('Fresh commit', { 'src/fresh.ts': '@@ -0,0 +1 @@\n+fresh' })
    world.pr.lagging = before
    world.start('synchronize', {}, { headSha: world.pr.headSha })
    await world.finish()
    expect(world.agent.accepted[1]!.prompt).toContain('+fresh')
    expect(stateOf(world)?.job?.sent.head).toBe(world.pr.headSha)
  })

  it('closed without merging before any job: no comment is left behind', async () => {
    const world = opened()
    world.pr.info = { ...world.pr.info, state: 'closed', merged: false }
    const run = world.start('closed')
    await world.finish()
    expect((await run.result).sync).toBe('closed')
    expect(world.statusComments()).toEqual([])
    expect(world.github.lock).toEqual([])
  })

  it('a job that could not be started: the comment says why, and the next event starts it, once', async () => {
    const world = opened()
    world.agent.faults.set('createJob', [
      new MintlifyRequestError('POST answered 400', { status: 400, serverMessage: 'Bad request' })
    ])
    const failed = world.start('opened')
    await world.finish()
    expect((await failed.result).sync).toBe('failed')
    expect(world.statusComments()[0]).toContain('no Mintlify agent job was started')
    expect(world.statusComments()[0]).toContain('The next event tries again.')
    world.start('synchronize')
    await world.finish()
    expect(world.agent.jobs.size).toBe(1)
    expect(world.statusComments()).toHaveLength(1)
    expect(world.statusComments()[0]).toContain('Mintlify agent job `new-job-1`')
  })

  it('a status comment that cannot be brought up to date after the job ends is a warning, not a failure', async () => {
    const world = opened()
    // GitHub refuses every write from the moment the job works on its first message.
    world.later(30_000, () =>
      world.github.faults.set('update', Array(20).fill(new Error('502 Bad Gateway')))
    )
    const run = world.start('opened')
    await world.finish()
    const result = await run.result
    expect(result.sync).toBe('started')
    expect(result.outcome?.failure).toBeUndefined()
    expect(run.logger.lines.warning.join('\n')).toContain('but the status comment could not say so')
    expect(world.agent.accepted).toHaveLength(1)
    expect(world.github.lock).toEqual([])
  })

  it('on the merge, a job still busy at the timeout: the run says to run it again, and nothing is lost or doubled', async () => {
    const world = opened({ jobMs: 20 * 60_000 })
    world.start('opened', { wait: 'false' })
    await world.finish()
    world.pr.push('Last fix', { 'src/fix.ts': '@@ -0,0 +1 @@\n+fixed' })
    world.pr.info = { ...world.pr.info, state: 'closed', merged: true }
    const merged = world.start('closed')
    await world.finish()
    const result = await merged.result
    expect(result.sync).toBe('busy')
    expect(result.outcome?.failure).toContain('run this workflow again once the job is done')
    expect(world.agent.accepted).toHaveLength(1)
    expect(world.statusComments()[0]).toContain('✅ Merged into main')
  })

  it("a status comment by a trusted-marker-authors account is not this token's state", async () => {
    const world = opened()
    world.github.comment('<!-- mintlify-agent-action sync job=planted sent=abc -->', 'docs-bot')
    world.start('opened', { 'trusted-marker-authors': 'docs-bot' })
    await world.finish()
    expect(world.agent.accepted.map((m) => m.jobId)).toEqual(['new-job-1'])
  })

  it('GitHub that cannot be read ends the run with sync=failed and one clear message', async () => {
    const world = opened()
    const unreadable = new ThreadReadError(
      "GitHub's API could not be read, so nothing was sent: listing failed."
    )
    world.github.faults.set('items', Array(10).fill(unreadable))
    const run = world.start('opened')
    await world.finish()
    const result = await run.result
    expect(result.sync).toBe('failed')
    expect(result.outcome?.failure).toContain("GitHub's API could not be read, so nothing was sent")
    expect(world.agent.accepted).toEqual([])
  })

  it('GitHub failing one read is ridden out: the pass is taken again', async () => {
    const world = opened()
    world.github.faults.set('items', [new ThreadReadError('listing failed.')])
    const run = world.start('opened')
    await world.finish()
    expect((await run.result).sync).toBe('started')
    expect(run.logger.lines.warning.join('\n')).toContain('this run tries again')
  })

  it('/agent on a synced pull request whose send lock stays taken: nothing is sent, and the run says why', async () => {
    const world = opened()
    world.start('opened', { wait: 'false' })
    await world.finish()
    // A sync run holds the lock, and holds it past this command's timeout.
    world.github.lock = [{ id: 99, createdAt: world.clock.wallTime() + 60_000 }]
    world.clock.advance(120_000)
    const run = world.command('/agent also document the header', { timeout: '1m' })
    await world.finish()
    const result = await run.result
    expect(result.result).toBe('not-sent')
    expect(result.outcome?.failure).toContain(
      'send lock (the 👀 on the pull request) could not be taken, so nothing was sent'
    )
    expect(world.agent.accepted).toHaveLength(1)
  })

  it('a start whose answer was lost is looked up: the job it made is the one job', async () => {
    const world = opened()
    world.agent.lostAnswers.set('createJob', [
      new MintlifyRequestError('POST answered 502', { status: 502, serverMessage: 'Bad gateway' })
    ])
    const run = world.start('opened')
    await world.finish()
    expect((await run.result).outcome?.failure).toBeUndefined()
    expect(world.agent.jobs.size).toBe(1)
    expect(world.record()?.job?.id).toBe('new-job-1')
    expect(run.logger.all.join('\n')).toContain("Mintlify's job list names it")
  })

  it('a start that failed before it reached Mintlify is made once, by the same run', async () => {
    const world = opened()
    world.agent.faults.set('createJob', [
      new MintlifyRequestError('POST answered 502', { status: 502, serverMessage: 'Bad gateway' })
    ])
    world.start('opened')
    await world.finish()
    expect(world.agent.jobs.size).toBe(1)
    expect(world.record()?.job?.id).toBe('new-job-1')
  })

  it('a start whose answer was lost while another job started at the same moment: no second start', async () => {
    const world = opened()
    world.agent.lostAnswers.set('createJob', [
      new MintlifyRequestError('POST answered 502', { status: 502, serverMessage: 'Bad gateway' })
    ])
    // Another pull request of the project starts a job at the same moment.
    world.later(100, () => world.agent.addJob('other-pull-request-job', 'active'))
    world.start('opened')
    await world.finish()
    expect(world.statusComments()[0]).toContain('no Mintlify agent job is started')
    const next = world.start('synchronize')
    await world.finish()
    const result = await next.result
    expect(result.sync).toBe('failed')
    expect(result.outcome?.failure).toContain('could make a second one')
    expect(world.agent.counts.sends).toBe(1)
  })

  it('the status comment deleted while the run follows the job: the run stops, and starts no second job', async () => {
    const world = opened()
    const run = world.start('opened')
    world.later(20_000, () => {
      const [comment] = world.github.comments('github-actions[bot]')
      world.github.delete(comment!.id)
    })
    await world.finish()
    expect((await run.result).outcome?.failure).toContain('was deleted while this run used it')
    expect(world.agent.jobs.size).toBe(1)
    // The next event starts over, as the deletion asks.
    world.start('synchronize')
    await world.finish()
    expect(world.agent.jobs.size).toBe(2)
    expect(world.statusComments()).toHaveLength(1)
  })

  it('a follow-up Mintlify refuses is reported as a follow-up, naming the job', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    world.pr.push('More', { 'src/more.ts': '@@ -0,0 +1 @@\n+more' })
    world.agent.faults.set('sendMessage', [
      new MintlifyRequestError('POST answered 400', { status: 400, serverMessage: 'Bad request' })
    ])
    const run = world.start('synchronize')
    await world.finish()
    const failure = (await run.result).outcome?.failure ?? ''
    expect(failure).toContain('new-job-1')
    expect(failure).not.toMatch(/new job/i)
  })

  it('closed unmerged before any run recorded the docs pull request: it is read, for the outputs', async () => {
    const world = opened()
    world.start('opened', { wait: 'false' })
    await world.finish()
    expect(stateOf(world)?.job?.prLink).toBeUndefined()
    world.clock.advance(120_000)
    world.pr.info = { ...world.pr.info, state: 'closed', merged: false }
    const closed = world.start('closed')
    await world.finish()
    expect((await closed.result).recorded?.prLink).toBe(
      'https://github.com/acme/docs/pull/new-job-1'
    )
    expect(world.statusComments()[0]).toContain(
      '(https://github.com/acme/docs/pull/new-job-1) should be closed too'
    )
  })
})
