import { jobMarker } from '../src/thread/markers.js'
import { MAX_LIST_PAGES } from '../src/core/job-lookup.js'
import { errorsIn, inputsFor, runAction, useSimulator, type ActionRun } from './helpers/action.js'
import { issueComment, review, reviewComment } from './helpers/events.js'
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js'

const simulator = useSimulator()
let github: FakeGitHub
afterEach(() => github?.close())

/** The branch and page of the agent's own pull request #1, as Mintlify names them. */
const AGENT_BRANCH = 'mintlify/4f9c2a1e'
const PR_URL = 'https://github.com/Codertocat/Hello-World/pull/1'

async function agentPullRequest() {
  github = await startFakeGitHub({ roles: { Codertocat: 'write' }, headRef: AGENT_BRANCH })
}

/** `/agent …` on the conversation of pull request #1, which mintlify[bot] opened, no marker anywhere. */
function command(body: string) {
  return issueComment({
    body,
    pullRequestAuthor: 'mintlify[bot]',
    pullRequestBody: 'Updates the quickstart, as asked in Slack.',
    stored: github.addComment(1, body, 'Codertocat')
  })
}

function run(event: { name: string; payload: unknown }, inputs: Record<string, string> = {}) {
  return runAction(
    inputsFor(simulator(), { 'job-id': '', prompt: '', 'github-token': 'ghs_test', ...inputs }),
    { event, env: { GITHUB_API_URL: github.url } }
  )
}

const listCalls = () => simulator().requests.filter((r) => r.path.startsWith('/v1/'))
const statusOf = (done: ActionRun) => github.comments.get(Number(done.outputs['comment-id']))!.body

describe('the job behind a pull request, without an ID', () => {
  it('found by the head branch in Mintlify’s list, confirmed with a v2 read, then sent', async () => {
    await agentPullRequest()
    simulator().addJob({
      id: 'slack-job',
      source: { repository: 'https://github.com/Codertocat/Hello-World', ref: AGENT_BRANCH }
    })
    const done = await run(command('/agent shorten the intro'))
    expect(done.exitCode).toBe(0)
    expect(done.outputs).toMatchObject({ result: 'sent', 'job-id': 'slack-job' })
    expect(simulator().accepted.map((m) => [m.jobId, m.prompt])).toEqual([
      ['slack-job', 'shorten the intro']
    ])
    expect(listCalls().map((r) => r.path)).toEqual(['/v1/agent/demo-project/jobs?skip=0&take=100'])
    expect(done.stdout).toContain("Read page 1 of Mintlify's job list")
    expect(done.stdout).toContain(`Candidate: job slack-job, listed by its branch ${AGENT_BRANCH}`)
    expect(done.stdout).toContain(`Confirmed: job slack-job works on ${PR_URL}.`)
    expect(statusOf(done)).toContain(jobMarker('slack-job'))
  })

  it('found by its pull request link alone', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' }, headRef: 'renamed-branch' })
    simulator().addJob({
      id: 'linked-job',
      prLink: PR_URL,
      source: { repository: 'https://github.com/Codertocat/Hello-World', ref: null }
    })
    const done = await run(command('/agent add a FAQ'))
    expect(done.exitCode).toBe(0)
    expect(simulator().accepted.map((m) => m.jobId)).toEqual(['linked-job'])
    expect(done.stdout).toContain('Candidate: job linked-job, listed by its pull request link')
  })

  it('found on the third page of the list', async () => {
    await agentPullRequest()
    const hour = Date.now() - 3_600_000
    simulator().addJob({
      id: 'older-job',
      createdAt: new Date(hour).toISOString(),
      source: { repository: 'https://github.com/Codertocat/Hello-World', ref: AGENT_BRANCH }
    })
    for (let i = 0; i < 250; i++) {
      simulator().addJob({
        id: `other-${i}`,
        createdAt: new Date(hour + 1_000 + i).toISOString(),
        source: { repository: 'https://github.com/acme/docs', ref: `mintlify/other-${i}` }
      })
    }
    const done = await run(command('/agent fix the links'))
    expect(done.exitCode).toBe(0)
    expect(simulator().accepted.map((m) => m.jobId)).toEqual(['older-job'])
    expect(listCalls().map((r) => r.path.split('?')[1])).toEqual([
      'skip=0&take=100',
      'skip=100&take=100',
      'skip=200&take=100'
    ])
  })

  it('the list names the branch, but the v2 job works elsewhere: nothing is sent, and the reply says why', async () => {
    await agentPullRequest()
    simulator().addJob({
      id: 'moved-job',
      listedBranch: AGENT_BRANCH,
      source: { repository: 'https://github.com/acme/docs', ref: 'mintlify/somewhere-else' }
    })
    const done = await run(command('/agent fix the links'))
    expect(done.exitCode).toBe(1)
    expect(done.outputs).toMatchObject({ result: 'not-sent', triggered: 'false' })
    expect(simulator().accepted).toEqual([])
    const reply = statusOf(done)
    expect(reply).toContain(
      `found job \`moved-job\` (listed by its branch ${AGENT_BRANCH}) works on branch \`mintlify/somewhere-else\``
    )
    expect(reply).toContain('`/agent --job <job-id> <what to do>`')
  })

  it('a job on the same branch of another repository is not this pull request’s job: nothing is sent, and the reply says why', async () => {
    await agentPullRequest()
    simulator().addJob({
      id: 'docs-job',
      source: { repository: 'https://github.com/acme/docs', ref: AGENT_BRANCH }
    })
    const done = await run(command('/agent fix the links'))
    expect(done.exitCode).toBe(1)
    expect(done.outputs).toMatchObject({ result: 'not-sent', triggered: 'false' })
    expect(simulator().requests.filter((r) => r.method === 'POST')).toEqual([])
    expect(statusOf(done)).toContain(
      `job \`docs-job\` (listed by its branch ${AGENT_BRANCH}) works on branch \`${AGENT_BRANCH}\` of https://github.com/acme/docs, not of https://github.com/Codertocat/Hello-World, so it is not this pull request's job`
    )
  })

  it.each([
    [
      'with .git, in capitals, with a trailing slash',
      'https://GitHub.com/codertocat/hello-world.git/'
    ],
    ['as an SSH address', 'git@github.com:Codertocat/Hello-World.git']
  ])('the same repository written another way (%s) still matches', async (_case, repository) => {
    await agentPullRequest()
    simulator().addJob({ id: 'slack-job', source: { repository, ref: AGENT_BRANCH } })
    const done = await run(command('/agent shorten the intro'))
    expect(done.exitCode).toBe(0)
    expect(simulator().accepted.map((m) => m.jobId)).toEqual(['slack-job'])
  })

  it('a job that names no repository matches by its pull request link, never by its branch alone', async () => {
    await agentPullRequest()
    simulator().addJob({ id: 'branch-only', source: { ref: AGENT_BRANCH } as never })
    const refused = await run(command('/agent fix the links'))
    expect(refused.exitCode).toBe(1)
    expect(statusOf(refused)).toContain('names no repository')
    simulator().addJob({ id: 'linked', prLink: PR_URL, source: { ref: AGENT_BRANCH } as never })
    const sent = await run(command('/agent fix the links again'))
    expect(sent.exitCode).toBe(0)
    expect(simulator().accepted.map((m) => m.jobId)).toEqual(['linked'])
  })

  it('a session the v2 API does not know is never sent to', async () => {
    await agentPullRequest()
    simulator().addListedSession({ sessionId: 'v1-only', branch: AGENT_BRANCH })
    const done = await run(command('/agent fix the links'))
    expect(done.exitCode).toBe(1)
    expect(simulator().requests.filter((r) => r.method === 'POST')).toEqual([])
    expect(statusOf(done)).toContain('is not a job that Mintlify’s v2 API knows')
  })

  it.each([
    [
      '404',
      { kind: 'status' as const, status: 404, times: 1 },
      'Mintlify answered 404 for the job list of project demo-project'
    ],
    [
      '500 every time',
      { kind: 'status' as const, status: 500, times: 20 },
      'Mintlify answered 500 for the job list of project demo-project after 5 attempts'
    ]
  ])('the list answers %s: a clear reply, no message sent', async (_case, fault, message) => {
    await agentPullRequest()
    simulator().addFault({ route: 'list', ...fault })
    const done = await run(command('/agent fix the links'))
    expect(done.exitCode).toBe(1)
    expect(done.outputs.result).toBe('not-sent')
    expect(errorsIn(done.stdout)[0]).toContain(message)
    expect(statusOf(done)).toContain(message)
    expect(statusOf(done)).toContain(
      'Nothing was sent: name the job with `/agent --job <job-id> <what to do>`.'
    )
    expect(simulator().requests.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('the second command on the thread finds the job in the first one’s marker, with no list call', async () => {
    await agentPullRequest()
    simulator().addJob({
      id: 'slack-job',
      source: { repository: 'https://github.com/Codertocat/Hello-World', ref: AGENT_BRANCH }
    })
    await run(command('/agent shorten the intro'))
    expect(listCalls()).toHaveLength(1)
    const second = await run(command('/agent and the outro'))
    expect(second.exitCode).toBe(0)
    expect(listCalls()).toHaveLength(1)
    expect(simulator().accepted.map((m) => m.jobId)).toEqual(['slack-job', 'slack-job'])
  })

  it(`reads at most ${MAX_LIST_PAGES} pages, and says so`, async () => {
    await agentPullRequest()
    for (let i = 0; i < MAX_LIST_PAGES * 100 + 5; i++) {
      simulator().addJob({
        id: `other-${i}`,
        source: { repository: 'https://github.com/acme/docs', ref: `b-${i}` }
      })
    }
    const done = await run(command('/agent fix the links'))
    expect(done.exitCode).toBe(1)
    expect(listCalls()).toHaveLength(MAX_LIST_PAGES)
    expect(statusOf(done)).toContain(
      `(${MAX_LIST_PAGES * 100} jobs on ${MAX_LIST_PAGES} pages, the most it reads)`
    )
  })
})

describe('a whole review as one request', () => {
  async function submittedReview(summary: string) {
    await agentPullRequest()
    // The review examples are on pull request #2, whose head branch is `changes`.
    const submitted = github.addReview(2, summary, 'Codertocat', 'CHANGES_REQUESTED')
    const inline = (path: string, line: number, hunkLine: string, body: string) =>
      github.addComment(2, body, 'Codertocat', {
        reviewId: submitted.id,
        path,
        line,
        diffHunk: `@@ -1,3 +1,3 @@\n context\n${hunkLine}`
      })
    // Written in another order than file and line.
    const comments = [
      inline('docs/quickstart.mdx', 40, '+Run the installer twice.', 'Once is enough.'),
      inline('docs/api.mdx', 7, '+## Errors', '/agent add the 429 error here'),
      inline('docs/quickstart.mdx', 3, '+# Quickstart guide', 'Call it "Quickstart".')
    ]
    simulator().addJob({
      id: 'review-job',
      source: { repository: 'https://github.com/Codertocat/Hello-World', ref: 'changes' }
    })
    return { submitted, comments }
  }

  it('/agent in the summary sends one follow-up with every inline comment, in file and line order', async () => {
    const { submitted } = await submittedReview('/agent tidy up as the comments say')
    const done = await run(
      github.storeEvent(
        review({
          body: '/agent tidy up as the comments say',
          state: 'changes_requested',
          stored: { id: submitted.id, submitted_at: submitted.submitted_at }
        })
      )
    )
    expect(done.exitCode).toBe(0)
    expect(simulator().requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    const prompt = simulator().accepted[0]!.prompt
    expect(prompt).toBe(
      [
        'Sent with a review of pull request #2 (changes requested), with 3 comments on the changes:',
        '',
        'tidy up as the comments say',
        '',
        'Review comments, in file and line order:',
        '',
        '1. `docs/api.mdx` line 7, at this diff line:',
        '```diff',
        '+## Errors',
        '```',
        'add the 429 error here',
        '',
        '2. `docs/quickstart.mdx` line 3, at this diff line:',
        '```diff',
        '+# Quickstart guide',
        '```',
        'Call it "Quickstart".',
        '',
        '3. `docs/quickstart.mdx` line 40, at this diff line:',
        '```diff',
        '+Run the installer twice.',
        '```',
        'Once is enough.'
      ].join('\n')
    )
  })

  it('an inline /agent of that same review is left to the summary’s run: no second message', async () => {
    const { submitted, comments } = await submittedReview('/agent tidy up as the comments say')
    const inline = comments[1]!
    const [summaryRun, inlineRun] = await Promise.all([
      run(
        github.storeEvent(
          review({
            body: submitted.body,
            state: 'changes_requested',
            stored: { id: submitted.id, submitted_at: submitted.submitted_at }
          })
        )
      ),
      run(reviewComment({ body: inline.body, stored: inline }))
    ])
    expect(summaryRun.exitCode).toBe(0)
    expect(inlineRun.exitCode).toBe(0)
    expect(inlineRun.outputs).toMatchObject({ result: 'not-a-command', triggered: 'false' })
    expect(inlineRun.stdout).toContain(
      `This comment was submitted with review ${submitted.id}, whose summary starts with /agent`
    )
    expect(simulator().requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  })

  it('a bare /agent over a review sends its comments', async () => {
    const { submitted } = await submittedReview('/agent')
    const done = await run(
      github.storeEvent(
        review({
          body: '/agent',
          stored: { id: submitted.id, submitted_at: submitted.submitted_at }
        })
      )
    )
    expect(done.exitCode).toBe(0)
    expect(simulator().accepted[0]!.prompt).toContain('Address the review comments below.')
    expect(simulator().accepted[0]!.prompt).toContain('3. `docs/quickstart.mdx` line 40')
  })

  it('a review without a command in its summary: each inline /agent is its own request', async () => {
    const { comments } = await submittedReview('Looks close, a few things.')
    const inline = comments[1]!
    const done = await run(reviewComment({ body: inline.body, stored: inline }))
    expect(done.exitCode).toBe(0)
    expect(simulator().accepted.map((m) => m.prompt)).toEqual([
      'Review comment on `docs/api.mdx` line 7, at this diff line:\n```diff\n+## Errors\n```\n\nadd the 429 error here'
    ])
  })
})
