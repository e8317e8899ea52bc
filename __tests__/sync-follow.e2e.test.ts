/**
 * Mode sync's check run per head and the docs pull request that follows the code one, from the
 * bundle on real pull_request payloads, against the fake GitHub (checked against GitHub's
 * OpenAPI description) and the Mintlify simulator.
 */
import {
  errorsIn,
  inputsFor,
  runAction,
  startAction,
  until,
  useSimulator
} from './helpers/action.js'
import { pullRequestEvent } from './helpers/events.js'
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js'
import { patchOf, type FakeFile, type FakePullRequest } from './helpers/fake-pulls.js'

let github: FakeGitHub
afterEach(() => github?.close())

const PR = 7
const DOCS_TOKEN = 'github_pat_docs_e2e'

const file = (filename: string, added: number): FakeFile => ({
  filename,
  additions: added,
  deletions: 0,
  patch: patchOf(added, 0, filename)
})

async function codePullRequest(fork?: string) {
  github = await startFakeGitHub({
    roles: { Codertocat: 'write' },
    pullRequests: {
      [PR]: {
        title: 'Add per-key rate limits',
        body: 'Each API key gets its own limit.',
        author: fork ?? 'Codertocat',
        headRef: 'rate-limits',
        ...(fork ? { headRepo: `${fork}/Hello-World` } : {}),
        commits: [{ message: 'Add per-key rate limits', files: [file('src/limits.ts', 12)] }]
      }
    }
  })
  return github.pullRequest(PR)
}

/** What the pull request's checks show for `sha`, and every state its check run went through. */
const checkOf = (sha: string) => github.docs.shownCheck(sha)
const historyOf = (sha: string) =>
  github.docs.checkRuns.filter((c) => c.head_sha === sha).flatMap((c) => c.history)

const docsPullOf = (link: string | undefined) =>
  github.docs.pull(Number(/\/pull\/(\d+)$/.exec(link ?? '')?.[1]))

describe('mode sync’s check run and docs pull request, from the bundle', () => {
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
  const run = (
    action: Parameters<typeof pullRequestEvent>[0],
    pr: FakePullRequest,
    extra: Record<string, string> = {},
    options: Parameters<typeof pullRequestEvent>[2] = {}
  ) =>
    runAction(inputs(extra), {
      event: pullRequestEvent(action, pr, options),
      env: { GITHUB_API_URL: github.url }
    })
  const push = (pr: FakePullRequest, name: string) => {
    const before = pr.headSha
    pr.push([{ message: `Change ${name}`, files: [file(`src/${name}.ts`, 3)] }])
    return before
  }

  it('the check run over opened, two pushes, a busy job and the merge', async () => {
    const pr = await codePullRequest()
    const checks = { 'check-run': 'true' }
    const opened = await run('opened', pr, checks)
    expect(errorsIn(opened.stdout)).toEqual([])
    const first = pr.headSha
    expect(historyOf(first)).toEqual([
      'in_progress: The docs agent is updating the docs for these changes',
      'success: Docs updated'
    ])
    expect(checkOf(first)?.name).toBe('Docs')
    expect(checkOf(first)?.output.summary).toContain(
      `Docs pull request: ${opened.outputs['pr-link']}`
    )
    expect(checkOf(first)?.output.text).toContain('`src/limits.ts` (source): quoted whole')

    // The job works on the next message until the test lets it end: the machine's speed does
    // not decide whether the push after finds it busy.
    const job = simulator().job(opened.outputs['job-id']!)!
    job.outcome = 'never'

    // A push that does not wait: its check run stays in progress while the job works.
    let before = push(pr, 'defaults')
    const second = pr.headSha
    await run('synchronize', pr, { ...checks, wait: 'false' }, { before })
    expect(checkOf(second)?.status).toBe('in_progress')

    // The next push finds the job busy: its head waits as queued, then goes once the job ends.
    before = push(pr, 'errors')
    const third = pr.headSha
    const busyRun = startAction(inputs(checks), {
      event: pullRequestEvent('synchronize', pr, { before }),
      env: { GITHUB_API_URL: github.url }
    })
    await until(() => historyOf(third).length > 0)
    job.outcome = 'completed'
    job.activeUntil = Date.now()
    const busy = await busyRun.done
    expect(errorsIn(busy.stdout)).toEqual([])
    expect(busy.outputs.sync).toBe('sent')
    expect(historyOf(third)).toEqual([
      'queued: Waiting: the docs agent is still working on an earlier push',
      'in_progress: The docs agent is updating the docs for these changes',
      'success: Docs updated'
    ])
    // The second head is not left in progress, and keeps what its run sent.
    expect(historyOf(second).at(-1)).toBe('success: Docs updated')
    expect(checkOf(second)?.output.text).toContain('`src/defaults.ts`')

    pr.state = 'closed'
    pr.merged = true
    const merged = await run('closed', pr, checks)
    expect(merged.outputs.sync).toBe('merged')
    expect(checkOf(third)?.conclusion).toBe('success')
    expect(github.violations).toEqual([])
  })

  it('the check run on an unmerged close while the job works', async () => {
    const pr = await codePullRequest()
    await run('opened', pr, { 'check-run': 'true', wait: 'false' })
    pr.state = 'closed'
    const closed = await run('closed', pr, { 'check-run': 'true' })
    expect(closed.outputs.sync).toBe('closed')
    expect(historyOf(pr.headSha)).toEqual([
      'in_progress: The docs agent is updating the docs for these changes',
      'neutral: Closed without merging'
    ])
  })

  it('with docs-token: the docs pull request’s comment, review request, close, reopen and merge label', async () => {
    const pr = await codePullRequest()
    const docs = { 'docs-token': DOCS_TOKEN, 'docs-review-request': 'true' }
    const opened = await run('opened', pr, docs)
    expect(errorsIn(opened.stdout)).toEqual([])
    // Masked as soon as it is read, and written nowhere else.
    const lines = opened.stdout.split('\n').filter((line) => line.includes(DOCS_TOKEN))
    expect(lines).toEqual([`::add-mask::${DOCS_TOKEN}`])
    const docsPull = docsPullOf(opened.outputs['pr-link'])
    const comment = () => [...docsPull.comments.values()]
    expect(comment()).toHaveLength(1)
    expect(comment()[0]).toContain(
      '🔗 This docs pull request goes with Codertocat/Hello-World#7 (https://github.com/Codertocat/Hello-World/pull/7).'
    )
    expect(comment()[0]).toContain('🟢 The code pull request is open')
    expect(docsPull.reviewers).toEqual(['Codertocat'])

    const before = push(pr, 'defaults')
    await run('synchronize', pr, docs, { before })
    expect(comment()).toHaveLength(1)
    expect(comment()[0]).toContain('🔄 The code pull request is open, with new commits')

    pr.state = 'closed'
    const closed = await run('closed', pr, docs)
    expect(closed.exitCode).toBe(0)
    expect(docsPull.state).toBe('closed')
    expect(comment()[0]).toContain('so this one was closed too')

    pr.state = 'open'
    await run('reopened', pr, docs)
    expect(docsPull.state).toBe('open')
    expect(comment()[0]).toContain('🔄 The code pull request is open again')

    pr.state = 'closed'
    pr.merged = true
    const merged = await run('closed', pr, docs)
    expect(merged.outputs.sync).toBe('merged')
    expect(docsPull.labels).toEqual(['code-merged'])
    expect(docsPull.draft).toBe(false)
    expect(comment()).toHaveLength(1)
    expect(docsPull.reviewers).toEqual(['Codertocat'])
    // Nowhere the action writes holds the docs token.
    const written = [
      ...[opened, closed, merged].flatMap((r) => [r.summary, JSON.stringify(r.outputs)]),
      ...[...github.comments.values()].map((c) => c.body),
      ...comment(),
      JSON.stringify(github.docs.checkRuns)
    ]
    expect(written.filter((text) => text.includes(DOCS_TOKEN))).toEqual([])
    // The docs token went to the docs repository only, and the workflow's token never did.
    const docsCalls = github.calls.filter((c) => c.token === DOCS_TOKEN)
    expect(docsCalls.length).toBeGreaterThan(0)
    expect(
      docsCalls.filter((c) => !c.path.startsWith('/repos/acme/docs/') && c.path !== '/graphql')
    ).toEqual([])
    expect(
      github.calls.filter((c) => c.token !== DOCS_TOKEN && c.path.startsWith('/repos/acme/'))
    ).toEqual([])
    expect(github.violations).toEqual([])
  })

  it('a refused docs token is one warning that names the permission, and the sync passes', async () => {
    const pr = await codePullRequest()
    github.failNext('POST', /^\/repos\/acme\/docs\/issues\/\d+\/comments$/, [
      { status: 403, message: 'Resource not accessible by personal access token' }
    ])
    const done = await run('opened', pr, { 'docs-token': DOCS_TOKEN })
    expect(done.exitCode).toBe(0)
    expect(done.outputs.sync).toBe('started')
    const warnings = done.stdout.split('\n').filter((l) => l.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('docs-token could not comment on acme/docs#')
    expect(warnings[0]).toContain('give docs-token Pull requests: read and write on acme/docs')
  })

  it('a fork’s run without a key gets a neutral check run, if its token may write one', async () => {
    const pr = await codePullRequest('stranger')
    const done = await run('opened', pr, { 'check-run': 'true', 'api-key': '' })
    expect(done.exitCode).toBe(0)
    expect(done.outputs.sync).toBe('refused')
    expect(historyOf(pr.headSha)).toEqual(['neutral: No docs: this run has no Mintlify key'])
    expect(simulator().requests).toEqual([])

    // GitHub gives most fork runs a read-only token: then one line, and the step still passes.
    github.failNext('POST', /\/check-runs$/, [
      { status: 403, message: 'Resource not accessible by integration' }
    ])
    const readOnly = await run('synchronize', pr, { 'check-run': 'true', 'api-key': '' })
    expect(readOnly.exitCode).toBe(0)
    expect(readOnly.stdout).toContain(
      'No check run was written (403 Resource not accessible by integration'
    )
    expect(readOnly.stdout).not.toContain('::warning::No check run')
  })

  it('without check-run and docs-token, no call goes to check runs or the docs repository', async () => {
    const pr = await codePullRequest()
    await run('opened', pr)
    const before = push(pr, 'defaults')
    await run('synchronize', pr, {}, { before })
    pr.state = 'closed'
    pr.merged = true
    await run('closed', pr)
    expect(
      github.calls.filter(
        (c) =>
          c.path.includes('/check-runs') ||
          c.path.startsWith('/repos/acme/') ||
          (c.path === '/graphql' && JSON.stringify(c.body).includes('mutation'))
      )
    ).toEqual([])
  })
})
