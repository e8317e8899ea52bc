import { jobMarker } from '../src/thread/markers.js'
import { DEMO_JOB_ID } from '../src/simulator/server.js'
import {
  inputsFor,
  runAction,
  startUntilMessageTaken,
  useSimulator,
  type ActionRun
} from './helpers/action.js'
import {
  issueComment,
  ISSUE_COMMENT_ID,
  reviewComment,
  REVIEW_COMMENT_ID
} from './helpers/events.js'
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from './helpers/fake-github.js'

const simulator = useSimulator()
let github: FakeGitHub | undefined
afterEach(async () => {
  await github?.close()
  github = undefined
})

const REACTIONS = `/repos/Codertocat/Hello-World/issues/comments/${ISSUE_COMMENT_ID}/reactions`
const REVIEW_REACTIONS = `/repos/Codertocat/Hello-World/pulls/comments/${REVIEW_COMMENT_ID}/reactions`

async function runOnComment(
  event: { name: string; payload: unknown },
  inputs: Record<string, string> = {},
  githubOptions: FakeGitHubOptions = {}
): Promise<ActionRun> {
  github = await startFakeGitHub({
    roles: { Codertocat: 'write', 'dependabot[bot]': 'write' },
    ...githubOptions
  })
  return runAction(
    inputsFor(simulator(), {
      'job-id': '',
      prompt: '',
      'github-token': 'ghs_test_token',
      ...inputs
    }),
    { event: github.storeEvent(event), env: { GITHUB_API_URL: github.url } }
  )
}

/** What the action wrote on the thread (the command itself is there too). */
const actionComments = () =>
  [...github!.comments.values()]
    .filter((c) => c.user.login === 'github-actions[bot]')
    .map((c) => c.body)

const reactions = (path = REACTIONS) =>
  github!.calls.filter((c) => c.method === 'POST' && c.path === path).map((c) => c.body?.content)
const sentPrompts = () => simulator().accepted.map((m) => ({ jobId: m.jobId, prompt: m.prompt }))
const statusComment = (run: ActionRun) => github!.comments.get(Number(run.outputs['comment-id']))!

describe('/agent comments', () => {
  it('a writer on a pull request: 👀, one status comment edited to the end, 🚀, the prompt sent', async () => {
    const run = await runOnComment(
      issueComment({ body: '/agent also add error handling examples\n\nand a FAQ entry' }),
      { 'job-id': DEMO_JOB_ID }
    )
    expect(run.exitCode).toBe(0)
    expect(sentPrompts()).toEqual([
      { jobId: DEMO_JOB_ID, prompt: 'also add error handling examples\n\nand a FAQ entry' }
    ])
    expect(reactions()).toEqual(['eyes', 'rocket'])
    expect(run.outputs).toMatchObject({
      triggered: 'true',
      'command-author': 'Codertocat',
      status: 'completed',
      'pr-link': 'https://github.com/acme/docs/pull/42'
    })
    const created = github!.calls.filter(
      (c) => c.method === 'POST' && c.path.endsWith('/issues/1/comments')
    )
    expect(created).toHaveLength(1)
    const body = statusComment(run).body
    expect(body).toContain('🚀')
    expect(body).toContain('https://github.com/acme/docs/pull/42')
    expect(body).toContain('> also add error handling examples')
    expect(body).toContain(jobMarker(DEMO_JOB_ID))
    const auth = github!.calls.find((c) => c.path.includes('/collaborators/Codertocat/permission'))
    expect(auth).toBeDefined()
  })

  it.each([
    [
      'a read-only user',
      issueComment({ body: '/agent do it', login: 'reader' }),
      /@reader, the Mintlify agent takes commands from people with write access/
    ],
    [
      'a bot',
      issueComment({ body: '/agent do it', login: 'renovate[bot]', userType: 'Bot' }),
      /@renovate\[bot\] is a bot/
    ]
  ])(
    '%s is refused: 😕, a reply, no Mintlify call, triggered=false',
    async (_case, event, reply) => {
      const run = await runOnComment(event, { 'job-id': DEMO_JOB_ID })
      expect(run.exitCode).toBe(0)
      expect(run.outputs.triggered).toBe('false')
      expect(reactions()).toEqual(['confused'])
      expect(actionComments()).toEqual([expect.stringMatching(reply)])
      expect(simulator().requests).toHaveLength(0)
    }
  )

  it('an allowed bot may command', async () => {
    const run = await runOnComment(
      issueComment({
        body: '/agent bump versions in docs',
        login: 'dependabot[bot]',
        userType: 'Bot'
      }),
      { 'job-id': DEMO_JOB_ID, 'allowed-bots': 'renovate[bot], dependabot[bot]' }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs.triggered).toBe('true')
    expect(sentPrompts()).toEqual([{ jobId: DEMO_JOB_ID, prompt: 'bump versions in docs' }])
  })

  it('works on an issue comment too', async () => {
    const run = await runOnComment(
      issueComment({
        body: `/agent --job ${DEMO_JOB_ID} document the webhook`,
        onPullRequest: false
      })
    )
    expect(run.exitCode).toBe(0)
    expect(sentPrompts()).toEqual([{ jobId: DEMO_JOB_ID, prompt: 'document the webhook' }])
    expect(reactions()).toEqual(['eyes', 'rocket'])
  })

  it('a review comment sends where it was made, and answers in the review thread', async () => {
    const run = await runOnComment(
      reviewComment({ body: '/agent explain this heading', line: 1 }),
      { 'job-id': DEMO_JOB_ID }
    )
    expect(run.exitCode).toBe(0)
    expect(sentPrompts()[0]!.prompt).toBe(
      'Review comment on `README.md` line 1, at this diff line:\n```diff\n-# Hello-World\n```\n\nexplain this heading'
    )
    expect(reactions(REVIEW_REACTIONS)).toEqual(['eyes', 'rocket'])
    expect(
      github!.calls.some(
        (c) =>
          c.path === `/repos/Codertocat/Hello-World/pulls/2/comments/${REVIEW_COMMENT_ID}/replies`
      )
    ).toBe(true)
    expect(
      github!.calls.some(
        (c) =>
          c.method === 'PATCH' && c.path.startsWith('/repos/Codertocat/Hello-World/pulls/comments/')
      )
    ).toBe(true)
  })

  it.each([
    ['on', 'true', 1],
    ['off', 'false', 0]
  ])('an edited comment with allow-edits %s', async (_case, allowEdits, messages) => {
    const run = await runOnComment(
      issueComment({ body: '/agent fix the typo', action: 'edited' }),
      {
        'job-id': DEMO_JOB_ID,
        'allow-edits': allowEdits
      }
    )
    expect(run.exitCode).toBe(0)
    expect(simulator().accepted).toHaveLength(messages)
    expect(run.outputs.triggered).toBe(String(messages === 1))
  })

  it.each([
    ['not a command', 'Looks good to me'],
    ['a quoted command', '> /agent add examples\n\nI agree with this'],
    ['a longer word', '/agents add examples'],
    ['text before the command', 'please /agent add examples']
  ])('%s: passes with triggered=false and no call at all', async (_case, body) => {
    const run = await runOnComment(issueComment({ body }), { 'job-id': DEMO_JOB_ID })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.triggered).toBe('false')
    expect(github!.calls).toEqual([])
    expect(simulator().requests).toEqual([])
  })

  it('an empty command gets a usage reply, and the step says nothing was sent', async () => {
    const run = await runOnComment(issueComment({ body: '/agent   ' }), { 'job-id': DEMO_JOB_ID })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ triggered: 'false', result: 'not-sent' })
    expect(actionComments()).toEqual([
      expect.stringContaining('Tell the Mintlify agent what to do after `/agent`')
    ])
    expect(simulator().requests).toEqual([])
  })

  describe('which job', () => {
    beforeEach(() => {
      for (const id of ['from-input', 'from-flag', 'from-body', 'from-status', 'planted'])
        simulator().addJob({ id })
    })

    it('the job-id input comes first', async () => {
      await runOnComment(
        issueComment({
          body: '/agent --job from-flag go',
          pullRequestBody: jobMarker('from-body')
        }),
        {
          'job-id': 'from-input'
        }
      )
      expect(sentPrompts()).toEqual([{ jobId: 'from-input', prompt: 'go' }])
    })

    it('then --job in the comment', async () => {
      await runOnComment(
        issueComment({ body: '/agent --job from-flag go', pullRequestBody: jobMarker('from-body') })
      )
      expect(sentPrompts()).toEqual([{ jobId: 'from-flag', prompt: 'go' }])
    })

    it('then the newest status comment of this action, before the pull request body', async () => {
      await runOnComment(
        issueComment({
          body: '/agent go',
          pullRequestBody: `Docs update\n${jobMarker('from-body')}`
        }),
        {},
        {
          issueComments: {
            1: [
              { body: `done ${jobMarker('from-input')}`, author: 'github-actions[bot]' },
              { body: `done ${jobMarker('from-status')}`, author: 'github-actions[bot]' }
            ]
          }
        }
      )
      expect(sentPrompts()).toEqual([{ jobId: 'from-status', prompt: 'go' }])
    })

    it('then the pull request body, when the token\u2019s own account opened the pull request', async () => {
      const run = await runOnComment(
        issueComment({
          body: '/agent go',
          pullRequestBody: `Docs update\n${jobMarker('from-body')}`,
          pullRequestAuthor: 'github-actions[bot]'
        })
      )
      expect(sentPrompts()).toEqual([{ jobId: 'from-body', prompt: 'go' }])
      expect(statusComment(run).body).toContain(jobMarker('from-body'))
    })

    it('ignores a marker planted by someone else', async () => {
      await runOnComment(
        issueComment({
          body: '/agent go',
          pullRequestBody: jobMarker('from-body'),
          pullRequestAuthor: 'github-actions[bot]'
        }),
        {},
        { issueComments: { 1: [{ body: `see ${jobMarker('planted')}`, author: 'mallory' }] } }
      )
      expect(sentPrompts()).toEqual([{ jobId: 'from-body', prompt: 'go' }])
    })

    it('trusts the bots listed in trusted-marker-authors', async () => {
      await runOnComment(
        issueComment({ body: '/agent go' }),
        { 'trusted-marker-authors': 'mintlify[bot]' },
        { issueComments: { 1: [{ body: jobMarker('from-status'), author: 'mintlify[bot]' }] } }
      )
      expect(sentPrompts()).toEqual([{ jobId: 'from-status', prompt: 'go' }])
    })

    it('without any, in follow-up mode (the default), replies how to name the job and sends nothing', async () => {
      const run = await runOnComment(issueComment({ body: '/agent go' }))
      expect(run.exitCode).toBe(1)
      expect(run.outputs).toMatchObject({ triggered: 'false', result: 'not-sent' })
      // Only reads: Mintlify's list, searched for the pull request's job.
      expect(simulator().requests.filter((r) => r.method !== 'GET')).toEqual([])
      expect(statusComment(run).body).toContain('`/agent --job <job-id> <what to do>`')
      expect(reactions()).toEqual(['eyes', 'confused'])
    })
  })

  it('status-comment and reactions can be turned off', async () => {
    const run = await runOnComment(issueComment({ body: '/agent go' }), {
      'job-id': DEMO_JOB_ID,
      'status-comment': 'false',
      reactions: 'false'
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['comment-id']).toBe('')
    // Reads only: the permission, the thread, and who the token is (a GraphQL query).
    expect(
      github!.calls.filter((c) => c.method !== 'GET' && c.path !== '/graphql').map((c) => c.path)
    ).toEqual([])
    expect(simulator().accepted).toHaveLength(1)
  })

  it('a failed job: the status comment says so, 😕, the step fails', async () => {
    simulator().addJob({ id: 'doomed', outcome: 'failed' })
    const run = await runOnComment(issueComment({ body: '/agent go' }), { 'job-id': 'doomed' })
    expect(run.exitCode).toBe(1)
    expect(reactions()).toEqual(['eyes', 'confused'])
    expect(statusComment(run).body).toMatch(
      /😕 \*\*Mintlify agent\*\*: Mintlify agent job doomed failed/
    )
  })

  it('cancelled while waiting: the status comment says the job goes on', async () => {
    simulator().addJob({ id: 'long', outcome: 'never' })
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    const action = await startUntilMessageTaken(
      inputsFor(simulator(), {
        'job-id': 'long',
        prompt: '',
        'github-token': 'ghs_test',
        'poll-interval': '1s'
      }),
      {
        event: github.storeEvent(issueComment({ body: '/agent go' })),
        env: { GITHUB_API_URL: github.url }
      }
    )
    action.child.kill('SIGTERM')
    const run = await action.done
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs).toMatchObject({ status: 'active', triggered: 'true' })
    expect(statusComment(run).body).toContain(
      'The workflow was cancelled while job long was active. The Mintlify agent job goes on'
    )
    expect(reactions()).toEqual(['eyes', 'confused'])
  })
})
