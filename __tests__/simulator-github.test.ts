import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from '../scripts/run-action.js'
import { startSimulator, type Simulator } from '../src/simulator/server.js'
import { answerProblems } from './helpers/github-contract.js'

let simulator: Simulator
beforeEach(async () => {
  simulator = await startSimulator()
})
afterEach(() => simulator.close())

const TOKEN = { authorization: 'Bearer anything' }

async function call(method: string, path: string, body?: unknown, headers = TOKEN) {
  const response = await fetch(`${simulator.url}${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  const answer = {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined
  }
  // Every answer is one GitHub's description allows.
  expect(
    answerProblems(method, path.split('?')[0]!, answer.status, answer.body, { required: true })
  ).toEqual([])
  return answer as { status: number; headers: Headers; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("the simulator's GitHub side", () => {
  it('pages lists as GitHub does: at most 100, per_page and page, a Link header while there are more', async () => {
    const first = await call('GET', '/repos/acme/api/pulls/128/files?per_page=2')
    expect(first.body).toHaveLength(2)
    const link = first.headers.get('link')!
    expect(link).toContain(
      `<${simulator.url}/repos/acme/api/pulls/128/files?per_page=2&page=2>; rel="next"`
    )
    expect(link).toContain('page=3>; rel="last"')
    const last = await call('GET', '/repos/acme/api/pulls/128/files?per_page=2&page=3')
    expect(last.body.map((f: { filename: string }) => f.filename)).toEqual(['test/keys.test.ts'])
    expect(last.headers.get('link')).toContain('rel="prev"')
    expect(last.headers.get('link')).not.toContain('rel="next"')
    const all = await call('GET', '/repos/acme/api/pulls/128/files?per_page=500')
    expect(all.body).toHaveLength(5)
    expect(all.headers.get('link')).toBeNull()
  })

  it('answers a read that names its ETag with 304, until what it reads changes', async () => {
    const read = (etag?: string) =>
      call('GET', '/repos/acme/docs/issues/42/comments', undefined, {
        ...TOKEN,
        ...(etag ? { 'if-none-match': etag } : {})
      })
    const first = await read()
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/)
    expect((await read(etag)).status).toBe(304)
    await call('POST', '/repos/acme/docs/issues/42/comments', { body: 'Looks good.' })
    const changed = await read(etag)
    expect(changed.status).toBe(200)
    expect(changed.body.at(-1)).toMatchObject({
      body: 'Looks good.',
      user: { login: 'github-actions[bot]', type: 'Bot' }
    })
  })

  it('keeps what runs write: comments, one reaction of a kind per account, check runs', async () => {
    const made = await call('POST', '/repos/acme/api/issues/128/reactions', { content: 'eyes' })
    expect(made.status).toBe(201)
    const again = await call('POST', '/repos/acme/api/issues/128/reactions', { content: 'eyes' })
    expect(again).toMatchObject({ status: 200, body: { id: made.body.id } })
    expect(
      (await call('GET', '/repos/acme/api/issues/128/reactions?content=eyes')).body
    ).toHaveLength(1)
    expect(
      (await call('DELETE', `/repos/acme/api/issues/128/reactions/${made.body.id}`)).status
    ).toBe(204)
    const run = await call('POST', '/repos/acme/api/check-runs', {
      name: 'Docs',
      head_sha: 'f8dd62ca43fe63bd9ec899bca3b39f6f16d0e7cb',
      status: 'in_progress',
      output: { title: 'Working', summary: 'The docs job works.' }
    })
    expect(run.status).toBe(201)
    const done = await call('PATCH', `/repos/acme/api/check-runs/${run.body.id}`, {
      conclusion: 'success'
    })
    expect(done.body).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'Working' }
    })
    expect(simulator.github.book.checkRuns).toHaveLength(1)
  })

  it("refuses what GitHub refuses, in GitHub's words", async () => {
    const notFound = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }
    expect(await call('GET', '/repos/acme/nope/pulls/1')).toMatchObject({
      status: 404,
      body: notFound
    })
    expect(await call('GET', '/repos/acme/docs/pulls/7')).toMatchObject({
      status: 404,
      body: notFound
    })
    expect(await call('GET', '/user')).toMatchObject({ status: 404, body: notFound })
    const anonymous = await call(
      'POST',
      '/repos/acme/docs/issues/42/comments',
      { body: 'hi' },
      {} as typeof TOKEN
    )
    expect(anonymous).toMatchObject({ status: 401, body: { message: 'Requires authentication' } })
    expect((await call('POST', '/repos/acme/docs/issues/42/comments', { body: '' })).status).toBe(
      422
    )
    expect(
      (await call('POST', '/repos/acme/docs/issues/42/comments', { body: 'x'.repeat(65_537) }))
        .status
    ).toBe(422)
  })

  it('knows who the token acts as, and who may ask', async () => {
    const viewer = await call('POST', '/graphql', { query: 'query { viewer { login } }' })
    expect(viewer.body).toEqual({ data: { viewer: { login: 'github-actions[bot]' } } })
    const admin = await call('GET', '/repos/acme/docs/collaborators/monalisa/permission')
    expect(admin.body).toMatchObject({ permission: 'admin', role_name: 'admin' })
    const stranger = await call('GET', '/repos/acme/docs/collaborators/someone/permission')
    expect(stranger.body).toMatchObject({ permission: 'none' })
  })

  it("compares the pull request's commits, and its head with itself", async () => {
    const pull = (await call('GET', '/repos/acme/api/pulls/128')).body
    const ahead = await call('GET', `/repos/acme/api/compare/${pull.base.sha}...${pull.head.sha}`)
    expect(ahead.body).toMatchObject({ status: 'ahead', ahead_by: 3, total_commits: 3 })
    expect(ahead.body.files).toHaveLength(5)
    const same = await call('GET', `/repos/acme/api/compare/${pull.head.sha}...${pull.head.sha}`)
    expect(same.body).toMatchObject({ status: 'identical', total_commits: 0, commits: [] })
    expect((await call('GET', '/repos/acme/api/compare/abc...def')).status).toBe(404)
  })

  it('serves the world of the sample events in examples/events/', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const sample = (name: string): any =>
      JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'events', name), 'utf8'))
    const { pull_request: event } = sample('pull_request.json')
    const pull = (await call('GET', '/repos/acme/api/pulls/128')).body
    for (const field of [
      'number',
      'title',
      'body',
      'additions',
      'deletions',
      'changed_files',
      'commits'
    ])
      expect([field, pull[field]]).toEqual([field, event[field]])
    expect([pull.head.sha, pull.head.ref, pull.base.sha, pull.user.login]).toEqual([
      event.head.sha,
      event.head.ref,
      event.base.sha,
      event.user.login
    ])
    const { comment, issue } = sample('issue_comment.json')
    const stored = (await call('GET', `/repos/acme/docs/issues/comments/${comment.id}`)).body
    expect(stored).toMatchObject({
      body: comment.body,
      created_at: comment.created_at,
      html_url: comment.html_url,
      user: { login: comment.user.login, id: comment.user.id }
    })
    const docs = (await call('GET', `/repos/acme/docs/pulls/${issue.number}`)).body
    expect([docs.title, docs.body, docs.user.login]).toEqual([
      issue.title,
      issue.body,
      issue.user.login
    ])
    // The demo job's pull request and branch, as the Mintlify side has them.
    expect([docs.html_url, docs.head.ref]).toEqual([
      simulator.job('demo-job')!.prLink,
      simulator.job('demo-job')!.source.ref
    ])
  })

  it("the recipes in examples/events/ set only inputs action.yml has, and point at the simulator's default port", () => {
    const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>
    }
    for (const name of ['agent.env', 'sync-dry-run.env', 'sync.env']) {
      const lines = readFileSync(join(REPO_ROOT, 'examples', 'events', name), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z]/.test(line))
      const inputs = lines
        .filter((l) => l.startsWith('INPUT_'))
        .map((l) => l.slice(6, l.indexOf('=')))
      expect(inputs.filter((input) => !(input.toLowerCase() in action.inputs))).toEqual([])
      expect(lines).toEqual(
        expect.arrayContaining([
          'GITHUB_API_URL=http://127.0.0.1:4010',
          'INPUT_BASE-URL=http://127.0.0.1:4010'
        ])
      )
    }
  })
})
