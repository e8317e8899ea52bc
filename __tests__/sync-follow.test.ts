/**
 * Mode sync's check run per head (check-run) and the docs pull request that follows the code one
 * (docs-token), over in-memory GitHub, Mintlify and docs repository, on one virtual clock.
 */
import { MintlifyRequestError } from '../src/core/agent-api.js'
import { docsLinkOf } from '../src/core/job-lookup.js'
import { sentText } from '../src/core/outcome.js'
import { syncWorld } from './helpers/sync-world.js'

const CHECKS = { 'check-run': 'true' }
const DOCS = { 'docs-token': 'github_pat_docs', 'docs-review-request': 'true' }

let pulls = 0
function opened(options: Parameters<typeof syncWorld>[0] = {}) {
  const world = syncWorld({ jobMs: 60_000, ...options })
  // The agent opens numbered pull requests in the docs repository.
  const numbers = new Map<string, number>()
  world.agent.linkOf = (id) => {
    if (!numbers.has(id)) numbers.set(id, 40 + ++pulls)
    return `https://github.com/acme/docs/pull/${numbers.get(id)}`
  }
  world.pr.push('Add rate limits', {
    'src/limits.ts': '@@ -1,2 +1,3 @@\n export const limits = {}\n+export const DEFAULT_LIMIT = 100'
  })
  return world
}

const push = (world: ReturnType<typeof syncWorld>, n: number) =>
  world.pr.push(`Push ${n}`, { [`src/f${n}.ts`]: `@@ -0,0 +1 @@\n+push ${n}` })

const docsNumber = (link: string | undefined) => Number(/\/pull\/(\d+)$/.exec(link ?? '')?.[1])

describe('the check run of mode sync', () => {
  it('follows each head: in progress while the job works, then success with what was sent', async () => {
    const world = opened()
    const first = world.pr.headSha
    world.start('opened', CHECKS)
    let during = ''
    world.later(30_000, () => (during = world.checks.line(first)))
    await world.finish()
    expect(during).toBe('in_progress: The docs agent is updating the docs for these changes')
    expect(world.checks.line(first)).toBe('success: Docs updated')
    const shown = world.checks.shown(first)!
    expect(shown.summary).toContain('Docs pull request: https://github.com/acme/docs/pull/')
    expect(shown.summary).toContain('Docs job: `new-job-1` (completed)')
    expect(shown.text).toContain('### What was sent')
    expect(shown.text).toContain('`src/limits.ts` (source): quoted whole')
    expect(world.checks.runs).toHaveLength(1)
  })

  it('two pushes into a busy job: the later head waits as queued, the earlier is not left stale', async () => {
    const world = opened()
    world.start('opened', CHECKS)
    await world.finish()
    const second = push(world, 1)
    world.start('synchronize', CHECKS)
    let third = ''
    const seen: Record<string, string> = {}
    world.later(5_000, () => {
      third = push(world, 2)
      world.start('synchronize', CHECKS)
    })
    world.later(20_000, () => {
      seen.second = world.checks.line(second)
      seen.third = world.checks.line(third)
    })
    await world.finish()
    expect(seen).toEqual({
      second: 'in_progress: The docs agent is updating the docs for these changes',
      third: 'queued: Waiting: the docs agent is still working on an earlier push'
    })
    // The job finished the second push's changes before it was sent the third's.
    expect(world.checks.line(second)).toBe('success: Docs updated')
    expect(world.checks.shown(second)!.text).toContain('`src/f1.ts`')
    expect(world.checks.line(third)).toBe('success: Docs updated')
    expect(world.checks.shown(third)!.text).toContain('`src/f2.ts`')
    expect(world.agent.intoBusyJob).toEqual([])
    // One check run per head: none made twice, none left behind.
    const perHead = (sha: string) => world.checks.runs.filter((r) => r.sha === sha).length
    expect([world.pr.branch[0]!.sha, second, third].map(perHead)).toEqual([1, 1, 1])
  })

  it('on the merge, and on an unmerged close, the head shows how it ended', async () => {
    const world = opened()
    world.start('opened', CHECKS)
    await world.finish()
    const head = world.pr.headSha
    world.pr.info = { ...world.pr.info, state: 'closed', merged: true }
    world.start('closed', CHECKS)
    await world.finish()
    expect(world.checks.line(head)).toBe('success: Docs updated')

    const other = opened()
    other.start('opened', CHECKS)
    await other.finish()
    const last = push(other, 1)
    other.start('synchronize', { ...CHECKS, wait: 'false' })
    await other.finish()
    expect(other.checks.line(last)).toBe(
      'in_progress: The docs agent is updating the docs for these changes'
    )
    other.pr.info = { ...other.pr.info, state: 'closed', merged: false }
    other.start('closed', CHECKS)
    await other.finish()
    expect(other.checks.line(last)).toBe('neutral: Closed without merging')
  })

  it('is neutral for what needs no docs, and a failure only when asked for a failed job', async () => {
    const nothing = opened()
    nothing.agent.ending = 'no-changes'
    nothing.start('opened', CHECKS)
    await nothing.finish()
    expect(nothing.checks.line(nothing.pr.headSha)).toBe(
      'neutral: Nothing to document: the agent changed no docs'
    )

    const draft = opened()
    draft.pr.info = { ...draft.pr.info, draft: true }
    draft.start('opened', CHECKS, { draft: true })
    await draft.finish()
    expect(draft.checks.line(draft.pr.headSha)).toBe(
      'neutral: Draft: the docs wait until it is ready for review'
    )

    const labelled = opened()
    labelled.pr.info = { ...labelled.pr.info, labels: ['no-docs'] }
    labelled.start('opened', CHECKS)
    await labelled.finish()
    expect(labelled.checks.line(labelled.pr.headSha)).toBe(
      'neutral: Docs sync is off: the pull request has the no-docs label'
    )

    const failed = opened()
    failed.agent.ending = 'failed'
    failed.start('opened', { ...CHECKS, 'fail-on-job-failure': 'false' })
    await failed.finish()
    expect(failed.checks.line(failed.pr.headSha)).toBe('neutral: The docs job failed (advisory)')

    const strict = opened()
    strict.agent.ending = 'failed'
    strict.start('opened', { ...CHECKS, 'check-run-fail-on-job-failure': 'true' })
    await strict.finish()
    expect(strict.checks.line(strict.pr.headSha)).toBe('failure: The docs job failed')
  })

  it('lists what was sent within the 65,535 characters a check run’s text may hold', () => {
    const files = Array.from({ length: 3000 }, (_, i) => ({
      path: `packages/service-${i}/src/generated/client/operations/very-long-file-name-${i}.ts`,
      kind: 'source',
      fate: 'listed' as const,
      quoted: 0,
      why: 'no room left'
    }))
    const text = sentText({ length: 19_800, limit: 20_000, files })
    expect(text.length).toBeLessThanOrEqual(65_535)
    expect(text).toContain('| source | 3000 | 0 | 0 | 3000 | 0 |')
    expect(text).toMatch(/- … and \d+ more files, counted in the table$/)
  })

  it('the skip label makes the head neutral, and removing it brings a new check run back', async () => {
    const world = opened()
    world.start('opened', { ...CHECKS, wait: 'false' })
    await world.finish()
    const head = world.pr.headSha
    world.label('no-docs', CHECKS)
    await world.finish()
    expect(world.checks.line(head)).toBe(
      'neutral: Docs sync is off: the pull request has the no-docs label'
    )
    world.label('no-docs', CHECKS, false)
    await world.finish()
    expect(world.checks.line(head)).toBe(
      'in_progress: The docs agent is updating the docs for these changes'
    )
    expect(world.checks.runs.filter((r) => r.sha === head)).toHaveLength(2)

    // Removed after the job has ended: the new check run shows how it ended, not "working".
    const later = opened()
    later.start('opened', { ...CHECKS, wait: 'false' })
    await later.finish()
    later.label('no-docs', CHECKS)
    await later.finish()
    later.later(70_000, () => later.label('no-docs', CHECKS, false))
    await later.finish()
    expect(later.checks.line(later.pr.headSha)).toBe('success: Docs updated')
  })

  it('a failed start of a successor that may have made a job keeps saying so', async () => {
    const world = opened()
    world.start('opened', CHECKS)
    await world.finish()
    world.agent.jobs.get('new-job-1')!.status = 'archived'
    const head = push(world, 1)
    world.agent.lostAnswers.set('createJob', [
      new MintlifyRequestError('POST answered 502', { status: 502, serverMessage: 'Bad Gateway' })
    ])
    // Another pull request of the project starts a job at the same moment.
    world.later(100, () => world.agent.addJob('other-pull-request-job', 'active'))
    const failed = world.start('synchronize', CHECKS)
    await world.finish()
    expect((await failed.result).sync).toBe('failed')
    expect(world.checks.line(head)).toBe('failure: The docs sync failed')
    expect(world.record()?.intent?.unsettled).toBeDefined()
    push(world, 2)
    const next = world.start('synchronize', CHECKS)
    await world.finish()
    expect((await next.result).outcome?.failure).toMatch(/may have reached Mintlify/)
    expect(world.agent.jobs.size).toBe(3)
    expect(world.record()?.intent?.unsettled).toBeDefined()
  })

  it('a run that fails says so on its head', async () => {
    const world = opened()
    world.agent.faults.set('createJob', [
      new MintlifyRequestError('POST answered 401', { status: 401, serverMessage: 'Bad key' })
    ])
    const run = world.start('opened', CHECKS)
    await world.finish()
    expect((await run.result).sync).toBe('failed')
    expect(world.checks.line(world.pr.headSha)).toBe('failure: The docs sync failed')
  })
})

describe('the docs pull request, with docs-token', () => {
  it('gets one comment that follows the code pull request, a review request, and the merge', async () => {
    const world = opened()
    world.start('opened', DOCS)
    await world.finish()
    const link = world.agent.linkOf('new-job-1')
    const docs = world.docs.pull('acme/docs', docsNumber(link))
    expect([...docs.comments.values()]).toHaveLength(1)
    expect([...docs.comments.values()][0]).toContain(
      '🟢 The code pull request is open: the docs agent has been sent every change up to'
    )
    expect([...docs.comments.values()][0]).toContain(`goes with o/r#${world.pr.info.number}`)
    expect(docs.reviewers).toEqual([world.pr.info.author])

    push(world, 1)
    world.start('synchronize', DOCS)
    await world.finish()
    expect([...docs.comments.values()]).toHaveLength(1)
    expect([...docs.comments.values()][0]).toContain(
      '🔄 The code pull request is open, with new commits'
    )
    expect(docs.reviewers).toHaveLength(1)

    world.pr.info = { ...world.pr.info, state: 'closed', merged: true }
    world.start('closed', DOCS)
    await world.finish()
    expect(docs.labels).toEqual(['code-merged'])
    expect(docs.draft).toBe(false)
    expect([...docs.comments.values()][0]).toContain(
      '✅ The code pull request was merged into `main` and this one labelled `code-merged` and marked ready for review'
    )
    expect(world.statusComments()[0]).toContain(
      'the action updated it for the merge as docs-merged-label and docs-ready-on-merge say'
    )
    // A re-run of the merge does it all once.
    const before = world.docs.calls.length
    world.start('closed', DOCS)
    await world.finish()
    expect(world.docs.calls.length).toBe(before)
  })

  it('on a merge while the job still works, the run waits for it to end, then labels', async () => {
    const world = opened()
    world.start('opened', { ...DOCS, wait: 'false' })
    await world.finish()
    world.pr.info = { ...world.pr.info, state: 'closed', merged: true }
    const merged = world.start('closed', DOCS)
    await world.finish()
    const result = await merged.result
    expect(result.sync).toBe('merged')
    expect(result.outcome?.failure).toBeUndefined()
    const docs = world.docs.pull('acme/docs', docsNumber(world.agent.linkOf('new-job-1')))
    expect(docs.labels).toEqual(['code-merged'])

    const hurried = opened()
    hurried.start('opened', { ...DOCS, wait: 'false' })
    await hurried.finish()
    hurried.pr.info = { ...hurried.pr.info, state: 'closed', merged: true }
    const late = hurried.start('closed', { ...DOCS, timeout: '20s' })
    await hurried.finish()
    const ended = await late.result
    // Every change was sent: the step passes, and says what was left undone.
    expect(ended.sync).toBe('merged')
    expect(ended.outcome?.failure).toBeUndefined()
    expect(late.logger.lines.warning.join('\n')).toMatch(
      /was not labelled or marked ready yet: run this workflow again once the job is done, or do it by hand/
    )
    expect(hurried.docs.calls).toEqual([])
  })

  it('a merge that sends new commits labels the docs pull request only once the job has ended', async () => {
    const world = opened()
    world.start('opened', DOCS)
    await world.finish()
    const docs = world.docs.pull('acme/docs', docsNumber(world.agent.linkOf('new-job-1')))
    push(world, 1)
    world.pr.info = { ...world.pr.info, state: 'closed', merged: true }
    const merged = world.start('closed', DOCS)
    let during: string[] = []
    world.later(30_000, () => (during = [...docs.labels]))
    await world.finish()
    expect((await merged.result).sync).toBe('merged')
    expect(during).toEqual([])
    expect(docs.labels).toEqual(['code-merged'])
    expect(docs.draft).toBe(false)
  })

  it('with wait: false, the next push’s run still brings the docs pull request’s comment', async () => {
    const world = opened()
    world.start('opened', { ...DOCS, wait: 'false' })
    await world.finish()
    world.later(70_000, () => {
      push(world, 1)
      world.start('synchronize', { ...DOCS, wait: 'false' })
    })
    await world.finish()
    const docs = world.docs.pull('acme/docs', docsNumber(world.agent.linkOf('new-job-1')))
    expect([...docs.comments.values()]).toHaveLength(1)
    expect([...docs.comments.values()][0]).toContain('🟢 The code pull request is open')
    expect(docs.reviewers).toEqual([world.pr.info.author])
  })

  it('closes the docs pull request with an unmerged close, and reopens it with the code', async () => {
    const world = opened()
    world.start('opened', DOCS)
    await world.finish()
    const docs = world.docs.pull('acme/docs', docsNumber(world.agent.linkOf('new-job-1')))
    world.pr.info = { ...world.pr.info, state: 'closed', merged: false }
    const closed = world.start('closed', DOCS)
    await world.finish()
    expect((await closed.result).sync).toBe('closed')
    expect(docs.state).toBe('closed')
    expect([...docs.comments.values()][0]).toContain('so this one was closed too')
    expect(world.statusComments()[0]).toContain('the action closed the docs pull request')

    world.pr.info = { ...world.pr.info, state: 'open', merged: false }
    world.start('reopened', DOCS)
    await world.finish()
    expect(docs.state).toBe('open')
    expect([...docs.comments.values()][0]).toContain('🔄 The code pull request is open again')
    // Its job takes messages again: the next push goes to it, not to a successor.
    push(world, 1)
    world.start('synchronize', DOCS)
    await world.finish()
    expect(world.agent.jobs.size).toBe(1)
    expect(world.agent.accepted.map((a) => a.jobId)).toEqual(['new-job-1', 'new-job-1'])
    expect([...docs.comments.values()]).toHaveLength(1)
  })

  it('does nothing outside the job’s own repository, and a refused token is one warning', async () => {
    const elsewhere = opened()
    elsewhere.agent.linkOf = () => 'https://github.com/other/repo/pull/5'
    const run = elsewhere.start('opened', DOCS)
    await elsewhere.finish()
    expect(elsewhere.docs.calls).toEqual([])
    expect(run.logger.lines.warning.join('\n')).toContain(
      "is not in the job's repository (https://github.com/acme/docs)"
    )

    const refused = opened()
    refused.docs.refuse = 403
    const denied = refused.start('opened', DOCS)
    await refused.finish()
    const result = await denied.result
    expect(result.sync).toBe('started')
    expect(result.outcome?.failure).toBeUndefined()
    const warnings = denied.logger.lines.warning.filter((w) => w.includes('docs-token'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('give docs-token Pull requests: read and write on acme/docs')
  })

  it('without check-run and docs-token, nothing of either is called', async () => {
    const world = opened()
    world.start('opened')
    await world.finish()
    push(world, 1)
    world.start('synchronize')
    await world.finish()
    world.pr.info = { ...world.pr.info, state: 'closed', merged: true }
    world.start('closed')
    await world.finish()
    expect(world.checks.calls).toBe(0)
    expect(world.docs.calls).toEqual([])
  })
})

describe('the check run of mode sync, on the interleavings', () => {
  it('the hourly limit: the pushed head waits as queued, and the head before shows how it ended', async () => {
    const world = opened()
    world.start('opened', CHECKS)
    await world.finish()
    const first = world.pr.headSha
    const second = push(world, 1)
    world.agent.faults.set('sendMessage', [
      new MintlifyRequestError('POST answered 429', {
        status: 429,
        serverMessage: 'Rate limit exceeded',
        retryAfterMs: 40 * 60_000
      })
    ])
    const run = world.start('synchronize', { ...CHECKS, timeout: '5m' })
    await world.finish()
    expect((await run.result).sync).toBe('limited')
    expect(world.checks.line(second)).toMatch(
      /^queued: Waiting: Mintlify's hourly limit until about \d\d:\d\d UTC$/
    )
    expect(world.checks.line(first)).toBe('success: Docs updated')
  })

  it('an archived job: its head says so, and the successor’s head goes on', async () => {
    const world = opened()
    world.start('opened', { ...CHECKS, wait: 'false' })
    await world.finish()
    const first = world.pr.headSha
    world.agent.jobs.get('new-job-1')!.status = 'archived'
    const second = push(world, 1)
    world.start('synchronize', CHECKS)
    await world.finish()
    expect(world.agent.jobs.size).toBe(2)
    expect(world.checks.line(first)).toBe(
      'neutral: The docs job is archived: a new docs job takes over'
    )
    expect(world.checks.line(second)).toBe('success: Docs updated')
    expect(world.checks.shown(second)!.summary).toContain('Docs job: `new-job-2` (completed)')
  })

  it('a failed run’s head shows the failure, and a re-run that sends shows how it goes on', async () => {
    const world = opened()
    world.start('opened', CHECKS)
    await world.finish()
    const second = push(world, 1)
    const unavailable = new MintlifyRequestError('POST answered 503', { status: 503 })
    world.agent.faults.set('sendMessage', Array(3).fill(unavailable))
    const failed = world.start('synchronize', CHECKS)
    await world.finish()
    expect((await failed.result).sync).toBe('failed')
    expect(world.checks.line(second)).toBe('failure: The docs sync failed')
    const again = world.start('synchronize', CHECKS)
    await world.finish()
    expect((await again.result).sync).toBe('sent')
    expect(world.checks.line(second)).toBe('success: Docs updated')
    expect(again.logger.lines.warning).toEqual([])
  })

  it('a check run call GitHub refuses is one warning, and the next write puts it right', async () => {
    const world = opened()
    // The call and the try again after it both fail.
    world.checks.failing = 2
    const run = world.start('opened', CHECKS)
    await world.finish()
    expect(run.logger.lines.warning.filter((w) => w.includes('check run'))).toHaveLength(1)
    expect(world.checks.line(world.pr.headSha)).toBe('success: Docs updated')
    expect(world.checks.runs).toHaveLength(1)
  })

  it('closed without merging while pushed commits wait: every head shows the close', async () => {
    const world = opened()
    world.start('opened', { ...CHECKS, wait: 'false' })
    await world.finish()
    const first = world.pr.headSha
    const second = push(world, 1)
    world.start('synchronize', { ...CHECKS, timeout: '10s' })
    await world.finish()
    expect(world.checks.line(second)).toBe(
      'queued: Waiting: the docs agent is still working on an earlier push'
    )
    world.pr.info = { ...world.pr.info, state: 'closed', merged: false }
    world.start('closed', CHECKS)
    await world.finish()
    expect(world.checks.line(first)).toBe('neutral: Closed without merging')
    expect(world.checks.line(second)).toBe('neutral: Closed without merging')
  })
})

describe('which docs pull request docs-token may act on', () => {
  const server = 'https://github.com'
  const link = (prLink: string, repository = 'https://github.com/acme/docs', on = server) =>
    docsLinkOf(prLink, repository, on)

  it('only a pull request of the job’s own repository, on the workflow’s GitHub', () => {
    expect(link('https://github.com/acme/docs/pull/12')).toEqual({
      owner: 'acme',
      repo: 'docs',
      number: 12
    })
    expect(link('https://github.com/Acme/Docs/pull/12/')).toMatchObject({
      number: 12
    })
    expect(
      link('https://github.com/acme/docs/pull/12', 'git@github.com:acme/docs.git')
    ).toMatchObject({ number: 12 })
    for (const wrong of [
      'https://github.com/acme/docs/pull/1/../../../other/repo/pull/2',
      'https://github.com/acme/docs/pull/12?x=1',
      'https://github.com/acme/docs/pull/12#top',
      'https://github.com/../docs/pull/12',
      'http://github.com/acme/docs/pull/12',
      'https://github.com/acme/docs/issues/12'
    ])
      expect(link(wrong)).toMatch(/is not a pull request URL/)
    expect(link('https://gitlab.com/acme/docs/pull/12')).toMatch(/is not on https:\/\/github\.com/)
    expect(link('https://github.com/other/repo/pull/12')).toMatch(/is not in the job's repository/)
    expect(
      link('https://github.com/acme/docs/pull/12', undefined, 'https://ghe.example.com')
    ).toMatch(/is not on https:\/\/ghe\.example\.com/)
  })
})
