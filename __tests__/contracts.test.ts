import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js'
import { mintlifySpec, requestProblems, type MintlifySpec } from './helpers/mintlify-contract.js'

describe('the fake GitHub holds every call to GitHub’s published OpenAPI description', () => {
  let github: FakeGitHub
  afterEach(() => github.close().catch(() => undefined))

  it('lets documented calls through and refuses the rest, failing the test that made them', async () => {
    github = await startFakeGitHub()
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${github.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
      })
    const repo = '/repos/Codertocat/Hello-World'
    expect((await call('GET', `${repo}/issues/1/comments?per_page=100&page=2`)).status).toBe(200)
    expect(
      (await call('POST', `${repo}/issues/comments/5/reactions`, { content: 'rocket' })).status
    ).toBe(201)
    expect(github.violations).toEqual([])

    // The workflow token cannot call GET /user; the fake does not know it at all.
    expect((await call('GET', '/user')).status).toBe(404)
    expect((await call('GET', `${repo}/issues/1/comments?perpage=100`)).status).toBe(422)
    await call('POST', `${repo}/issues/comments/5/reactions`, { content: 'thumbsup' })
    await call('PATCH', `${repo}/issues/comments/abc`, { body: 'x', sticky: true })
    expect(github.violations).toEqual([
      'GET /user is not an operation GitHub documents',
      'GET /repos/Codertocat/Hello-World/issues/1/comments?perpage=100: query parameter perpage is not in the spec',
      'POST /repos/Codertocat/Hello-World/issues/comments/5/reactions: $.content is not one of +1, -1, laugh, confused, heart, hooray, rocket, eyes',
      'PATCH /repos/Codertocat/Hello-World/issues/comments/abc: path.comment_id is string, not integer',
      'PATCH /repos/Codertocat/Hello-World/issues/comments/abc: $.sticky is not in the spec'
    ])
    await expect(github.close()).rejects.toThrow(
      "Calls GitHub's OpenAPI description does not allow"
    )
  })
})

;(mintlifySpec ? describe : describe.skip)(
  'requests to Mintlify against admin-openapi.json',
  () => {
    const spec = mintlifySpec as MintlifySpec
    const request = (method: string, path: string, body?: string, key = 'mint_k') => ({
      method,
      path,
      body,
      headers: { authorization: `Bearer ${key}` },
      at: 0
    })

    it('accepts what the action sends', () => {
      expect(
        requestProblems(spec, request('POST', '/v2/agent/p/job/j/message', '{"prompt":"x"}'))
      ).toEqual([])
      expect(requestProblems(spec, request('GET', '/v2/agent/p/job/j'))).toEqual([])
    })

    it('flags an empty prompt, an unknown route and a missing admin key', () => {
      expect(requestProblems(spec, request('POST', '/v2/agent/p/job', '{"prompt":""}'))).toEqual([
        'POST /v2/agent/p/job: $.prompt is shorter than 1'
      ])
      expect(requestProblems(spec, request('DELETE', '/v2/agent/p/job/j'))).toEqual([
        'DELETE /v2/agent/p/job/j is not an operation of admin-openapi.json'
      ])
      expect(requestProblems(spec, request('GET', '/v2/agent/p/job/j', undefined, 'sk_x'))).toEqual(
        ['GET /v2/agent/p/job/j: no bearer admin key']
      )
    })
  }
)
