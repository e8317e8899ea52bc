import { claimMarker } from '../src/comments/claims.js'
import { jobMarker } from '../src/thread/markers.js'
import { STATUS_COMMENT_SIGNATURE } from '../src/comments/render.js'
import { DEMO_JOB_ID } from '../src/simulator/server.js'
import { inputsFor, runAction, useSimulator } from './helpers/action.js'
import { issueComment, review } from './helpers/events.js'
import {
  HEAD_SHA,
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions
} from './helpers/fake-github.js'

/** What a status comment says once its command was sent and its job is done. */
const doneClaim = (place: string): string =>
  claimMarker({
    place,
    state: 'done',
    at: undefined,
    until: undefined,
    run: undefined,
    text: undefined,
    taken: true
  })

const simulator = useSimulator()
let github: FakeGitHub
afterEach(() => github?.close())

async function onThread(
  event: { name: string; payload: unknown },
  inputs: Record<string, string> = {}
) {
  return runAction(
    inputsFor(simulator(), { 'job-id': '', prompt: '', 'github-token': 'ghs_test', ...inputs }),
    {
      event: github.storeEvent(event),
      env: { GITHUB_API_URL: github.url }
    }
  )
}

async function fakeGitHub(options: FakeGitHubOptions = {}) {
  github = await startFakeGitHub({ roles: { Codertocat: 'write' }, ...options })
}

describe('review summaries', () => {
  it.each([
    ['approved', 'approved'],
    ['changes_requested', 'changes requested'],
    ['commented', 'commented']
  ])('a %s review whose body is a command counts like a comment', async (state, words) => {
    await fakeGitHub()
    const run = await onThread(review({ body: '/agent tighten the wording in the intro', state }), {
      'job-id': DEMO_JOB_ID
    })
    expect(run.exitCode).toBe(0)
    expect(simulator().accepted.map((m) => m.prompt)).toEqual([
      `Sent with a review of pull request #2 (${words}):\n\ntighten the wording in the intro`
    ])
    // GitHub has no reactions on a review's summary; the status comment goes on the pull request.
    expect(github.calls.filter((c) => c.path.includes('/reactions'))).toEqual([])
    const status = [...github.comments.values()]
    expect(status).toHaveLength(1)
    expect(
      github.calls.some(
        (c) => c.method === 'POST' && c.path === '/repos/Codertocat/Hello-World/issues/2/comments'
      )
    ).toBe(true)
    expect(status[0]!.body).toContain('🚀')
    expect(run.outputs).toMatchObject({ triggered: 'true', status: 'completed' })
  })

  it('a review without a command does nothing', async () => {
    await fakeGitHub()
    const run = await onThread(review({ body: 'Nice work', state: 'approved' }), {
      'job-id': DEMO_JOB_ID
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.triggered).toBe('false')
    expect(github.calls).toEqual([])
    expect(simulator().requests).toEqual([])
  })
})

describe('one follow-up at a time', () => {
  it('a command on a job that is busy with a request from elsewhere waits for it, then sends', async () => {
    await fakeGitHub()
    // A message sent from the dashboard, say: the job works on it for the next 2.5 s, longer than
    // a run takes to start on a loaded machine.
    const busyUntil = Date.now() + 2_500
    simulator().addJob({ id: 'busy', status: 'active', activeUntil: busyUntil })
    const run = await onThread(issueComment({ body: '/agent second request' }), {
      'job-id': 'busy'
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ status: 'completed', triggered: 'true' })
    expect(simulator().accepted.map((m) => m.prompt)).toEqual(['second request'])
    expect(simulator().accepted[0]!.at).toBeGreaterThanOrEqual(busyUntil)
    expect(run.stdout).toContain('with an earlier request; waiting for it to finish before sending')
    const edits = github.calls.filter((c) => c.method === 'PATCH').map((c) => String(c.body?.body))
    expect(
      edits.some((body) => body.includes('waiting for the agent to finish the previous request'))
    ).toBe(true)
  })

  it('gives up at the timeout without sending when the job stays busy', async () => {
    simulator().addJob({
      id: 'busy',
      status: 'active',
      outcome: 'never',
      activeUntil: Date.now() + 60_000
    })
    const run = await runAction(inputsFor(simulator(), { 'job-id': 'busy', timeout: '0.5' }))
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error::Job busy was still active with an earlier request when the 500ms timeout passed, so the message was not sent'
    )
    expect(run.outputs).toMatchObject({ status: 'active', 'timed-out': 'true' })
    expect(simulator().accepted).toEqual([])
  })
})

describe('a cap per thread', () => {
  /** Status comments of earlier commands whose messages Mintlify took. */
  const earlierRequests = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      body: `done\n${STATUS_COMMENT_SIGNATURE}\n${jobMarker(DEMO_JOB_ID)}\n${doneClaim(`issue-comment:${i + 1}`)}`,
      author: 'github-actions[bot]'
    }))

  it('over the cap, a reply says so and nothing is sent', async () => {
    await fakeGitHub({ issueComments: { 1: earlierRequests(2) } })
    const run = await onThread(issueComment({ body: '/agent one more' }), {
      'max-requests-per-thread': '2'
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ triggered: 'false', result: 'not-sent' })
    expect(simulator().requests).toEqual([])
    const reply = github.comments.get(Number(run.outputs['comment-id']))!.body
    expect(reply).toContain(
      'This thread has reached its limit of 2 Mintlify agent requests (`max-requests-per-thread`)'
    )
  })

  it('under the cap, the request goes out; others\u2019 comments do not count', async () => {
    await fakeGitHub({
      issueComments: {
        1: [
          ...earlierRequests(1),
          {
            body: `${STATUS_COMMENT_SIGNATURE} ${jobMarker('x')} ${doneClaim('issue-comment:9')}`,
            author: 'mallory'
          }
        ]
      }
    })
    const run = await onThread(issueComment({ body: '/agent one more' }), {
      'max-requests-per-thread': '2'
    })
    expect(run.exitCode).toBe(0)
    expect(simulator().accepted.map((m) => m.jobId)).toEqual([DEMO_JOB_ID])
  })
})

describe('a check run', () => {
  it('in progress with the prompt, then success with the job and the pull request link', async () => {
    await fakeGitHub()
    const run = await onThread(issueComment({ body: '/agent add a FAQ' }), {
      'job-id': DEMO_JOB_ID,
      'check-run': 'true'
    })
    expect(run.exitCode).toBe(0)
    const created = github.calls.find(
      (c) => c.method === 'POST' && c.path === '/repos/Codertocat/Hello-World/check-runs'
    )
    expect(created?.body).toMatchObject({
      name: 'Mintlify agent',
      head_sha: HEAD_SHA,
      status: 'in_progress',
      output: { summary: 'add a FAQ' }
    })
    const completed = github.calls.find(
      (c) =>
        c.method === 'PATCH' &&
        c.path === `/repos/Codertocat/Hello-World/check-runs/${github.docs.checkRuns[0]?.id}`
    )
    expect(completed?.body).toMatchObject({ status: 'completed', conclusion: 'success' })
    expect(JSON.stringify(completed?.body)).toContain('https://github.com/acme/docs/pull/42')
    expect(JSON.stringify(completed?.body)).toContain(DEMO_JOB_ID)
  })

  it('fails with the job when the job fails, and is off by default', async () => {
    simulator().addJob({ id: 'doomed', outcome: 'failed' })
    await fakeGitHub()
    const run = await onThread(review({ body: '/agent go', state: 'commented' }), {
      'job-id': 'doomed',
      'check-run': 'true'
    })
    expect(run.exitCode).toBe(1)
    const created = github.calls.find((c) => c.path === '/repos/Codertocat/Hello-World/check-runs')
    expect(created?.body).toMatchObject({ head_sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821' })
    const completed = github.calls.find(
      (c) => c.method === 'PATCH' && c.path.includes('/check-runs/')
    )
    expect(completed?.body).toMatchObject({ conclusion: 'failure' })

    await github.close()
    await fakeGitHub()
    await onThread(issueComment({ body: '/agent go' }), { 'job-id': DEMO_JOB_ID })
    expect(github.calls.filter((c) => c.path.includes('check-runs'))).toEqual([])
  })
})
