import {
  errorsIn,
  inputsFor,
  runAction,
  startAction,
  until,
  useSimulator
} from './helpers/action.js'
import { issueComment, pullRequestEvent } from './helpers/events.js'
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js'
import { patchOf, type FakeFile } from './helpers/fake-pulls.js'
import { recordIn } from './helpers/sync-world.js'
import { SIMULATOR_API_KEY } from '../src/simulator/server.js'

let github: FakeGitHub
afterEach(() => github?.close())

const PR = 7
/** The pull request's records are sealed for it alone. */
const SCOPE = `Codertocat/Hello-World#${PR}`
const INSTRUCTIONS = 'Document user-facing changes in the API reference.'

const file = (filename: string, added: number, removed = 0): FakeFile => ({
  filename,
  additions: added,
  deletions: removed,
  patch: patchOf(added, removed, filename)
})

async function codePullRequest(
  seed: { files?: FakeFile[]; author?: string; headRepo?: string } = {}
) {
  github = await startFakeGitHub({
    roles: { Codertocat: 'write' },
    pullRequests: {
      [PR]: {
        title: 'Add per-key rate limits',
        body: 'Each API key gets its own limit; the default is 100 requests a minute.',
        author: seed.author ?? 'Codertocat',
        headRef: 'rate-limits',
        ...(seed.headRepo ? { headRepo: seed.headRepo } : {}),
        commits: [
          {
            message: 'Add per-key rate limits',
            files: seed.files ?? [file('src/limits.ts', 12), file('package-lock.json', 300, 40)]
          }
        ]
      }
    }
  })
  return github.pullRequest(PR)
}

/** The action's sync status comments on the code pull request. */
const syncComments = () =>
  [...github.comments.values()].filter((c) => c.body.includes('mintlify-agent-action sync'))

describe('mode sync, run from the bundle on real pull_request payloads', () => {
  const simulator = useSimulator()
  const run = (event: { name: string; payload: unknown }, inputs: Record<string, string> = {}) =>
    runAction(
      inputsFor(simulator(), {
        mode: 'sync',
        'job-id': '',
        prompt: INSTRUCTIONS,
        'github-token': 'ghs_test',
        ...inputs
      }),
      { event, env: { GITHUB_API_URL: github.url } }
    )

  it('opened: starts the docs job with the whole pull request and links its docs pull request', async () => {
    const pr = await codePullRequest()
    const done = await run(pullRequestEvent('opened', pr))
    expect(errorsIn(done.stdout)).toEqual([])
    expect(done.exitCode).toBe(0)
    expect(done.outputs).toMatchObject({
      result: 'sent',
      sync: 'started',
      created: 'true',
      status: 'completed'
    })
    expect(done.outputs['pr-link']).toMatch(/^https:\/\/github\.com\/acme\/docs\/pull\/\d+$/)
    const [message] = simulator().accepted
    expect(message!.prompt).toBe(done.outputs.prompt)
    expect(message!.prompt.startsWith(INSTRUCTIONS)).toBe(true)
    expect(message!.prompt).toContain(
      'Pull request: https://github.com/Codertocat/Hello-World/pull/7'
    )
    expect(message!.prompt).toContain('- `package-lock.json` (+300 −40) — not quoted: a lockfile')
    // The job summary says what the prompt did with each kind of file, and the room it used.
    expect(done.summary).toContain(`The prompt took ${message!.prompt.length} of 20000 characters`)
    expect(done.summary).toMatch(/<td>source<\/td><td>2<\/td><td>1<\/td><td>0<\/td><td>1<\/td>/)
    expect(message!.prompt).toContain('+new src/limits.ts 12')
    const [comment, ...more] = syncComments()
    expect(more).toEqual([])
    expect(comment!.body).toContain(`Docs pull request: ${done.outputs['pr-link']}`)
    expect(recordIn(comment!.id, comment!.body, SCOPE, SIMULATOR_API_KEY)).toMatchObject({
      job: { id: done.outputs['job-id'], sent: { head: pr.headSha } }
    })
    expect(done.summary).toContain('docs for the pull request (started)')
    expect(github.reactions).toEqual([])
  })

  it('synchronize: each push sends only its commits, to the same job; a re-run sends nothing twice', async () => {
    const pr = await codePullRequest()
    const first = await run(pullRequestEvent('opened', pr))
    const before = pr.headSha
    pr.push([{ message: 'Raise the default limit to 120', files: [file('src/defaults.ts', 2, 1)] }])
    const push = pullRequestEvent('synchronize', pr, { before })
    const done = await run(push)
    expect(done.outputs).toMatchObject({
      result: 'sent',
      sync: 'sent',
      'job-id': first.outputs['job-id']
    })
    const followUp = simulator().accepted[1]!
    expect(followUp.jobId).toBe(first.outputs['job-id'])
    expect(followUp.prompt).toContain(`${pr.headSha.slice(0, 7)} Raise the default limit to 120`)
    expect(followUp.prompt).toContain('+new src/defaults.ts 2')
    expect(followUp.prompt).not.toContain('src/limits.ts')
    expect(syncComments()[0]!.body).toContain(
      `Last sent: the commits ${before.slice(0, 7)}..${pr.headSha.slice(0, 7)}.`
    )

    const again = await run(push)
    expect(again.exitCode).toBe(0)
    expect(again.outputs).toMatchObject({ sync: 'up-to-date', triggered: 'false' })
    expect(simulator().accepted).toHaveLength(2)
  })

  it('a force push sends the whole pull request again and says the branch was rewritten', async () => {
    const pr = await codePullRequest()
    await run(pullRequestEvent('opened', pr))
    const before = pr.headSha
    pr.forcePush([{ message: 'Rate limits, squashed', files: [file('src/limits.ts', 9)] }])
    const done = await run(pullRequestEvent('synchronize', pr, { before }))
    expect(done.outputs.sync).toBe('sent')
    expect(simulator().accepted[1]!.prompt).toContain(
      `was rewritten (a force push): ${before.slice(0, 7)}`
    )
  })

  it('"Update branch" merges main in: the next message carries only the pull request\'s own changes', async () => {
    const pr = await codePullRequest()
    await run(pullRequestEvent('opened', pr))
    let before = pr.headSha
    pr.updateBranch([{ message: 'Bump the logger', files: [file('src/logger.ts', 3, 3)] }])
    const merged = await run(pullRequestEvent('synchronize', pr, { before }))
    expect(merged.outputs.sync).toBe('up-to-date')
    before = pr.headSha
    pr.push([{ message: 'Document the header', files: [file('src/header.ts', 2)] }])
    const done = await run(pullRequestEvent('synchronize', pr, { before }))
    expect(done.outputs.sync).toBe('sent')
    const message = simulator().accepted[1]!.prompt
    expect(message).toContain('+new src/header.ts 2')
    expect(message).not.toContain('src/logger.ts')
  })

  it('closed and merged: sends what was not sent, and the comment calls the docs pull request ready', async () => {
    const pr = await codePullRequest()
    await run(pullRequestEvent('opened', pr))
    pr.push([{ message: 'Fix the header name', files: [file('src/header.ts', 1, 1)] }])
    pr.state = 'closed'
    pr.merged = true
    const done = await run(pullRequestEvent('closed', pr))
    expect(done.outputs).toMatchObject({ sync: 'merged', result: 'sent' })
    expect(simulator().accepted[1]!.prompt).toContain('Fix the header name')
    expect(syncComments()[0]!.body).toContain(
      '✅ Merged into main: the docs pull request is yours to review and merge.'
    )
  })

  it('closed without merging: nothing is sent, the comment and the outputs name the docs pull request to close', async () => {
    const pr = await codePullRequest()
    const first = await run(pullRequestEvent('opened', pr))
    pr.state = 'closed'
    const done = await run(pullRequestEvent('closed', pr))
    expect(done.exitCode).toBe(0)
    expect(done.outputs).toMatchObject({
      sync: 'closed',
      triggered: 'false',
      'job-id': first.outputs['job-id'],
      'pr-link': first.outputs['pr-link']
    })
    expect(simulator().accepted).toHaveLength(1)
    expect(syncComments()[0]!.body).toContain(
      `🛑 Closed without merging: the docs pull request (${first.outputs['pr-link']}) should be closed too: by hand, unless docs-token (with docs-close-with-code) has the action close it once the docs job has ended.`
    )
  })

  it('a workflow on closed alone drafts the docs at the merge', async () => {
    const pr = await codePullRequest()
    pr.state = 'closed'
    pr.merged = true
    const done = await run(pullRequestEvent('closed', pr))
    expect(done.outputs).toMatchObject({ sync: 'started', result: 'sent' })
    expect(syncComments()[0]!.body).toContain('✅ Merged into main')
  })

  it("a stranger's fork on pull_request has no key: nothing is read or sent, and the run says why", async () => {
    const pr = await codePullRequest({ author: 'stranger', headRepo: 'stranger/Hello-World' })
    const done = await run(pullRequestEvent('opened', pr), { 'api-key': '' })
    expect(done.exitCode).toBe(0)
    expect(done.stdout).toContain(
      'comes from a fork, and GitHub gives pull_request runs from forks no secrets'
    )
    expect(done.outputs).toMatchObject({ result: 'refused', sync: 'refused' })
    expect(github.calls).toEqual([])
    expect(simulator().requests).toEqual([])
  })

  it("a stranger's fork on pull_request_target: the author may not give commands, so nothing is sent or written", async () => {
    const pr = await codePullRequest({ author: 'stranger', headRepo: 'stranger/Hello-World' })
    const done = await run(pullRequestEvent('opened', pr, { name: 'pull_request_target' }))
    expect(done.exitCode).toBe(0)
    expect(done.stdout).toContain(
      '@stranger opened pull request #7, and only people who may give commands here'
    )
    expect(done.outputs).toMatchObject({ result: 'refused', sync: 'refused' })
    expect(github.calls.filter((c) => c.method !== 'GET' && c.path !== '/graphql')).toEqual([])
    expect(simulator().accepted).toEqual([])
  })

  it('a 350-file pull request: every file is counted, the files list is read page by page, and the prompt fits', async () => {
    const files = Array.from({ length: 350 }, (_, i) =>
      file(`packages/p${i % 5}/src/module-${i}.ts`, 4)
    )
    const pr = await codePullRequest({ files })
    const done = await run(pullRequestEvent('opened', pr))
    expect(done.outputs.sync).toBe('started')
    const prompt = simulator().accepted[0]!.prompt
    expect(prompt.length).toBeLessThanOrEqual(20_000)
    expect(prompt).toMatch(/Changed files \(350 files, \+1400 −0\)/)
    const pages = github.calls.filter(
      (c) => c.path === `/repos/Codertocat/Hello-World/pulls/${PR}/files`
    )
    expect(pages.map((c) => new URLSearchParams(c.query).get('page') ?? '1')).toEqual([
      '1',
      '2',
      '3',
      '4'
    ])
  })

  it('a draft waits for ready_for_review, which starts the job', async () => {
    const pr = await codePullRequest()
    pr.draft = true
    const draft = await run(pullRequestEvent('opened', pr))
    expect(draft.outputs).toMatchObject({ sync: 'draft', triggered: 'false' })
    expect(draft.exitCode).toBe(0)
    pr.draft = false
    const ready = await run(pullRequestEvent('ready_for_review', pr))
    expect(ready.outputs.sync).toBe('started')
  })

  it('dry-run prints the exact prompt, and sends and writes nothing', async () => {
    const pr = await codePullRequest({
      files: [
        {
          filename: 'src/limits.ts',
          additions: 2,
          deletions: 0,
          patch:
            '@@ -0,0 +1,2 @@\n+const limits = new Map<string, number>()\n+::warning::not a command'
        }
      ]
    })
    const done = await run(pullRequestEvent('opened', pr), { 'dry-run': 'true' })
    expect(done.exitCode).toBe(0)
    expect(done.outputs).toMatchObject({ sync: 'dry-run', triggered: 'false' })
    expect(done.outputs.prompt).toMatch(new RegExp(`^${INSTRUCTIONS}`))
    expect(done.stdout).toContain(`│ ${INSTRUCTIONS}`)
    expect(done.summary).toContain('Add per-key rate limits')
    expect(done.summary).toContain('new Map&#60;string, number&#62;()')
    expect(done.stdout).not.toMatch(/^::warning::not a command/m)
    expect(simulator().requests).toEqual([])
    expect(github.calls.filter((c) => c.method !== 'GET' && c.path !== '/graphql')).toEqual([])
    expect(done.summary).toContain('It would start the docs job of this pull request.')

    // Once a job exists, the dry run's summary names it and its docs pull request.
    const first = await run(pullRequestEvent('opened', pr))
    const before = pr.headSha
    pr.push([{ message: 'Raise the limit', files: [file('src/defaults.ts', 2)] }])
    const preview = await run(pullRequestEvent('synchronize', pr, { before }), {
      'dry-run': 'true'
    })
    expect(preview.summary).toContain(
      `It would go to docs job <code>${first.outputs['job-id']}</code> (completed when last read); docs pull request: <a href="${first.outputs['pr-link']}">`
    )
    expect(preview.outputs).toMatchObject({
      sync: 'dry-run',
      'job-id': first.outputs['job-id'],
      'pr-link': first.outputs['pr-link']
    })
  })

  it('/agent on the code pull request follows up on its docs job', async () => {
    const pr = await codePullRequest()
    const first = await run(pullRequestEvent('opened', pr))
    const body = '/agent also add a page on the X-RateLimit headers'
    const event = issueComment({ body, stored: github.addComment(PR, body, 'Codertocat') })
    event.payload.issue.number = PR
    event.payload.issue.pull_request.html_url = `https://github.com/Codertocat/Hello-World/pull/${PR}`
    const done = await runAction(
      inputsFor(simulator(), { 'job-id': '', prompt: '', 'github-token': 'ghs_test' }),
      { event, env: { GITHUB_API_URL: github.url } }
    )
    expect(errorsIn(done.stdout)).toEqual([])
    expect(done.outputs).toMatchObject({ result: 'sent', 'job-id': first.outputs['job-id'] })
    expect(simulator().accepted.map((m) => m.prompt)[1]).toBe(
      'also add a page on the X-RateLimit headers'
    )
  })

  it('mode sync on a comment event ends in one clear message', async () => {
    await codePullRequest()
    const body = '/agent hello'
    const done = await run(issueComment({ body, stored: github.addComment(1, body, 'Codertocat') }))
    expect(done.exitCode).toBe(1)
    expect(errorsIn(done.stdout)).toEqual([
      expect.stringContaining('mode is sync, which keeps a code pull request')
    ])
  })
})

describe('mode sync under a burst of pushes', () => {
  const simulator = useSimulator({ jobDurationMs: 2_000 })

  it('four pushes, their runs started at once while the job works: one message, never into the busy job', async () => {
    const pr = await codePullRequest()
    const inputs = inputsFor(simulator(), {
      mode: 'sync',
      'job-id': '',
      prompt: INSTRUCTIONS,
      'github-token': 'ghs_test'
    })
    const env = { GITHUB_API_URL: github.url }
    const opened = await runAction(
      { ...inputs, wait: 'false' },
      { event: pullRequestEvent('opened', pr), env }
    )
    expect(opened.outputs.sync).toBe('started')
    // The job works until the test lets it end: every run finds it busy, however fast they start.
    const job = simulator().job(opened.outputs['job-id']!)!
    job.outcome = 'never'
    job.activeUntil = Date.now() + 600_000
    const events = [1, 2, 3, 4].map((n) => {
      const before = pr.headSha
      pr.push([{ message: `Push ${n}`, files: [file(`src/step${n}.ts`, n)] }])
      return pullRequestEvent('synchronize', pr, { before })
    })
    let ended = 0
    const started = events.map((event) => startAction(inputs, { event, env }).done)
    for (const done of started) void done.then(() => ended++)
    // Three runs leave the commits to the one that waits; then the job ends.
    await until(() => ended === 3)
    job.outcome = 'completed'
    job.activeUntil = Date.now()
    const runs = await Promise.all(started)
    expect(runs.map((r) => errorsIn(r.stdout))).toEqual([[], [], [], []])
    const accepted = simulator().accepted
    expect(accepted).toHaveLength(2)
    for (const n of [1, 2, 3, 4]) expect(accepted[1]!.prompt).toContain(`Push ${n}`)
    expect(runs.map((r) => r.outputs.sync).sort()).toEqual(['queued', 'queued', 'queued', 'sent'])
    expect(syncComments()).toHaveLength(1)
    expect(github.reactions).toEqual([])
  })
})
