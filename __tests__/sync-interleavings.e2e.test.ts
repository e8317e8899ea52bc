/**
 * Mode sync from the bundle, on the interleavings the fakes can show: a lagging comment list, a
 * reaction GitHub made though it answered 502, the hourly limit, a job that takes no more
 * messages, and a close while the job still works.
 */
import { errorsIn, inputsFor, runAction, startAction, useSimulator } from './helpers/action.js'
import { pullRequestEvent } from './helpers/events.js'
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from './helpers/fake-github.js'
import { patchOf, type FakeFile } from './helpers/fake-pulls.js'
import { recordIn } from './helpers/sync-world.js'
import { SIMULATOR_API_KEY } from '../src/simulator/server.js'

let github: FakeGitHub
afterEach(() => github?.close())

const PR = 7
/** The pull request's records are sealed for it alone. */
const SCOPE = `Codertocat/Hello-World#${PR}`

const file = (filename: string, added: number): FakeFile => ({
  filename,
  additions: added,
  deletions: 0,
  patch: patchOf(added, 0, filename)
})

async function codePullRequest(options: FakeGitHubOptions = {}) {
  github = await startFakeGitHub({
    roles: { Codertocat: 'write' },
    pullRequests: {
      [PR]: {
        title: 'Add per-key rate limits',
        body: 'Each API key gets its own limit.',
        author: 'Codertocat',
        headRef: 'rate-limits',
        commits: [{ message: 'Add per-key rate limits', files: [file('src/limits.ts', 12)] }]
      }
    },
    ...options
  })
  return github.pullRequest(PR)
}

const syncComments = () =>
  [...github.comments.values()].filter((c) => c.body.includes('mintlify-agent-action sync'))

describe('mode sync from the bundle on real interleavings', () => {
  const simulator = useSimulator({ jobDurationMs: 1_500 })
  const inputs = (extra: Record<string, string> = {}) =>
    inputsFor(simulator(), {
      mode: 'sync',
      'job-id': '',
      prompt: 'Document user-facing changes.',
      'github-token': 'ghs_test',
      'poll-interval': '1s',
      ...extra
    })
  const env = () => ({ GITHUB_API_URL: github.url })

  it('opened and synchronize at once while the comment list lags: one job, one status comment', async () => {
    const pr = await codePullRequest({ listLagMs: 3_000 })
    const runs = await Promise.all(
      (['opened', 'synchronize'] as const).map(
        (action) => startAction(inputs(), { event: pullRequestEvent(action, pr), env: env() }).done
      )
    )
    expect(runs.map((r) => errorsIn(r.stdout))).toEqual([[], []])
    expect(simulator().accepted).toHaveLength(1)
    expect(syncComments()).toHaveLength(1)
  })

  it('a 502 on the 👀 that GitHub made all the same: the run knows the lock is its own', async () => {
    const pr = await codePullRequest()
    github.failNext('POST', /\/issues\/comments\/\d+\/reactions$/, [
      { status: 502, message: 'Server Error', carriedOut: true }
    ])
    const done = await runAction(inputs({ timeout: '1m' }), {
      event: pullRequestEvent('opened', pr),
      env: env()
    })
    expect(errorsIn(done.stdout)).toEqual([])
    expect(done.outputs.sync).toBe('started')
    expect(done.stdout).not.toContain('its run died')
    expect(github.reactions).toEqual([])
  })

  it('an hourly limit past the timeout: a warning, sync=limited, and the comment says until when', async () => {
    const pr = await codePullRequest()
    await runAction(inputs(), { event: pullRequestEvent('opened', pr), env: env() })
    const before = pr.headSha
    pr.push([{ message: 'Raise the limit', files: [file('src/defaults.ts', 2)] }])
    simulator().addFault({
      kind: 'status',
      status: 429,
      method: 'POST',
      route: 'message',
      body: JSON.stringify({ error: 'Rate limit exceeded' }),
      headers: { 'retry-after': '600' }
    })
    const done = await runAction(inputs({ timeout: '30s' }), {
      event: pullRequestEvent('synchronize', pr, { before }),
      env: env()
    })
    expect(done.exitCode).toBe(0)
    expect(done.outputs.sync).toBe('limited')
    expect(done.stdout).toMatch(/::warning::.*hourly limit/)
    const { id, body } = syncComments()[0]!
    expect(body).toMatch(/hourly limit of messages was reached until about \d\d:\d\d UTC/)
    expect(recordIn(id, body, SCOPE, SIMULATOR_API_KEY)?.pending?.head).toBe(pr.headSha)
  })

  it('a 400 "Job is not active" on a push: one successor job takes over, with the old docs pull request', async () => {
    const pr = await codePullRequest()
    const first = await runAction(inputs(), { event: pullRequestEvent('opened', pr), env: env() })
    const before = pr.headSha
    pr.push([{ message: 'Raise the limit', files: [file('src/defaults.ts', 2)] }])
    simulator().addFault({
      kind: 'status',
      status: 400,
      method: 'POST',
      route: 'message',
      body: JSON.stringify({ error: 'Job is not active' })
    })
    const done = await runAction(inputs(), {
      event: pullRequestEvent('synchronize', pr, { before }),
      env: env()
    })
    expect(errorsIn(done.stdout)).toEqual([])
    expect(done.outputs.sync).toBe('started')
    expect(done.outputs['job-id']).not.toBe(first.outputs['job-id'])
    const successor = simulator().accepted.at(-1)!
    expect(successor.prompt).toContain(first.outputs['pr-link'])
    expect(successor.prompt).toContain('Raise the limit')
    expect(syncComments()[0]!.body).toContain(`Took over from job \`${first.outputs['job-id']}\``)
  })

  it('an archived job: the next push starts a successor, once', async () => {
    const pr = await codePullRequest()
    const first = await runAction(inputs(), { event: pullRequestEvent('opened', pr), env: env() })
    simulator().job(first.outputs['job-id']!)!.status = 'archived'
    for (const n of [1, 2]) {
      const before = pr.headSha
      pr.push([{ message: `Push ${n}`, files: [file(`src/push${n}.ts`, n)] }])
      const done = await runAction(inputs(), {
        event: pullRequestEvent('synchronize', pr, { before }),
        env: env()
      })
      expect(done.outputs.sync).toBe(n === 1 ? 'started' : 'sent')
    }
    expect(new Set(simulator().accepted.map((m) => m.jobId)).size).toBe(2)
  })

  it('closed unmerged while the job still works: pr-link names the docs pull request to close', async () => {
    const pr = await codePullRequest()
    await runAction(inputs({ wait: 'false' }), {
      event: pullRequestEvent('opened', pr),
      env: env()
    })
    pr.state = 'closed'
    const done = await runAction(inputs(), { event: pullRequestEvent('closed', pr), env: env() })
    expect(done.outputs.sync).toBe('closed')
    expect(done.outputs['pr-link']).toMatch(/^https:\/\/github\.com\/acme\/docs\/pull\/\d+$/)
  })
})

describe('opting a pull request out, from the bundle', () => {
  const simulator = useSimulator({ jobDurationMs: 500 })
  const run = (event: ReturnType<typeof pullRequestEvent>, extra: Record<string, string> = {}) =>
    runAction(
      inputsFor(simulator(), {
        mode: 'sync',
        'job-id': '',
        'github-token': 'ghs_test',
        'poll-interval': '1s',
        ...extra
      }),
      { event, env: { GITHUB_API_URL: github.url } }
    )

  it('the no-docs label turns sync off, the comment says so, and removing it sends what came meanwhile', async () => {
    const pr = await codePullRequest()
    await run(pullRequestEvent('opened', pr))
    pr.labels = ['no-docs']
    const off = await run(
      pullRequestEvent('labeled', pr, { labels: ['no-docs'], label: 'no-docs' })
    )
    expect(off.outputs.sync).toBe('skipped')
    expect(syncComments()[0]!.body).toContain('Docs sync is off for this pull request')
    const before = pr.headSha
    pr.push([{ message: 'Meanwhile', files: [file('src/meanwhile.ts', 3)] }])
    const push = await run(pullRequestEvent('synchronize', pr, { before, labels: ['no-docs'] }))
    expect(push.outputs.sync).toBe('skipped')
    expect(simulator().accepted).toHaveLength(1)
    pr.labels = []
    const on = await run(pullRequestEvent('unlabeled', pr, { labels: [], label: 'no-docs' }))
    expect(on.outputs.sync).toBe('sent')
    expect(simulator().accepted.at(-1)!.prompt).toContain('Meanwhile')
    expect(syncComments()[0]!.body).not.toContain('Docs sync is off')
  })

  it('a pull request none of whose files match sync-paths sends nothing and writes nothing', async () => {
    const pr = await codePullRequest()
    const done = await run(pullRequestEvent('opened', pr), { 'sync-paths': 'api/** docs/**' })
    expect(done.exitCode).toBe(0)
    expect(done.outputs.sync).toBe('skipped')
    expect(done.stdout).toContain('match sync-paths (api/**, docs/**)')
    expect(simulator().accepted).toHaveLength(0)
    expect(syncComments()).toHaveLength(0)
  })
})
