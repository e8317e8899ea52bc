import { readClaim } from '../src/comments/claims.js'
import { jobMarker } from '../src/thread/markers.js'
import { DEMO_JOB_ID } from '../src/simulator/server.js'
import {
  errorsIn,
  inputsFor,
  runAction,
  startAction,
  useSimulator,
  type ActionRun
} from './helpers/action.js'
import { createServer } from 'node:net'
import { issueComment } from './helpers/events.js'
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js'

const simulator = useSimulator()
let github: FakeGitHub
afterEach(() => github?.close())

function commentInputs(overrides: Record<string, string> = {}) {
  return inputsFor(simulator(), {
    'job-id': DEMO_JOB_ID,
    prompt: '',
    'github-token': 'ghs_test',
    ...overrides
  })
}

/** A comment written on pull request #1 as GitHub stores it, and the event its run gets. */
function written(body: string, login = 'Codertocat') {
  return issueComment({ body, login, stored: github.addComment(1, body, login) })
}

function start(event: ReturnType<typeof written>, inputs = commentInputs()) {
  return startAction(inputs, { event, env: { GITHUB_API_URL: github.url } })
}

const statusOf = (run: ActionRun) => github.comments.get(Number(run.outputs['comment-id']))!.body
/** A loopback address where nothing listens any more: every connection is refused. */
async function closedPort(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Two commands on a job that is busy with a request from elsewhere: the first command's run waits
 * for the job, the second's for the first. Resolves once the first waits and the second runs.
 */
async function firstWaitingSecondInLine(inputs: Record<string, string>) {
  const firstEvent = written('/agent first')
  const secondEvent = written('/agent second')
  let waiting!: () => void
  const firstWaits = new Promise<void>((resolve) => (waiting = resolve))
  const first = startAction(inputs, {
    event: firstEvent,
    env: { GITHUB_API_URL: github.url },
    onStdout: (chunk) => chunk.includes('waiting for it to finish before sending') && waiting()
  })
  await firstWaits
  let inLine!: () => void
  const secondInLine = new Promise<void>((resolve) => (inLine = resolve))
  const second = startAction(inputs, {
    event: secondEvent,
    env: { GITHUB_API_URL: github.url },
    onStdout: (chunk) => chunk.includes('Waiting for its turn on the thread') && inLine()
  })
  await secondInLine
  return { first, second }
}

describe('a queue on the thread', () => {
  it('five commands whose runs start within 100 ms reach the job once each, in the order written', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    const jobMs = 700
    simulator().job(DEMO_JOB_ID)!.durationMs = jobMs
    const events = [1, 2, 3, 4, 5].map((n) => written(`/agent step ${n}`))
    // Runs start in another order than the comments were written, 20 ms apart.
    const runs: Promise<ActionRun>[] = []
    for (const index of [4, 2, 0, 3, 1]) {
      runs[index] = start(events[index]!).done
      await sleep(20)
    }
    const finished = await Promise.all(runs)

    const accepted = simulator().accepted
    expect(accepted.map((m) => m.prompt)).toEqual([1, 2, 3, 4, 5].map((n) => `step ${n}`))
    for (let i = 1; i < accepted.length; i++) {
      // Each message went out only after the job had finished the one before.
      expect(accepted[i]!.at).toBeGreaterThanOrEqual(accepted[i - 1]!.at + jobMs)
    }
    finished.forEach((run, index) => {
      expect(run.exitCode).toBe(0)
      expect(run.outputs).toMatchObject({ triggered: 'true', result: 'sent', status: 'completed' })
      const body = statusOf(run)
      expect(body).toContain('🚀')
      expect(body).toContain(`> step ${index + 1}`)
      expect(body).toContain(jobMarker(DEMO_JOB_ID))
      expect(readClaim(body)?.state).toBe('done')
    })
    // The later runs said why they waited, and after whom.
    const edits = github.calls.filter((c) => c.method === 'PATCH').map((c) => String(c.body?.body))
    expect(
      edits.some((b) => b.includes("waiting for its turn, after [@Codertocat's command]"))
    ).toBe(true)
  })

  it('a run killed with SIGKILL holds up the next one no longer than queue-expiry', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    // The job is busy with a request from elsewhere: the first run waits for it.
    const busy = simulator().addJob({
      id: 'busy',
      status: 'active',
      activeUntil: Date.now() + 60_000
    })
    const inputs = commentInputs({ 'job-id': 'busy', 'queue-expiry': '2s' })
    const { first, second } = await firstWaitingSecondInLine(inputs)
    first.child.kill('SIGKILL')
    const killedAt = Date.now()
    busy.activeUntil = killedAt
    const run = await second.done

    expect(run.exitCode).toBe(0)
    expect(simulator().accepted.map((m) => m.prompt)).toEqual(['second'])
    const sentAfterKill = simulator().accepted[0]!.at - killedAt
    // The killed run's last renewal held the place for at most 2 s (and the machine may be busy).
    expect(sentAfterKill).toBeLessThan(2_000 + 3_000)
    expect(run.stdout).toContain("Waiting for its turn on the thread, after @Codertocat's command")
  })

  it('a cancelled run (SIGTERM) gives up its place at once', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    const busy = simulator().addJob({
      id: 'busy',
      status: 'active',
      activeUntil: Date.now() + 60_000
    })
    // A long expiry: only the cancelled run's own word can let the next one go soon.
    const inputs = commentInputs({ 'job-id': 'busy', 'queue-expiry': '5m' })
    const { first, second } = await firstWaitingSecondInLine(inputs)
    first.child.kill('SIGTERM')
    const busyUntil = (busy.activeUntil = Date.now())
    const [cancelled, run] = await Promise.all([first.done, second.done])

    expect(cancelled.exitCode).not.toBe(0)
    expect(cancelled.outputs).toMatchObject({ triggered: 'false', result: 'not-sent' })
    expect(readClaim(statusOf(cancelled))?.state).toBe('done')
    expect(run.exitCode).toBe(0)
    expect(simulator().accepted.map((m) => m.prompt)).toEqual(['second'])
    // It went as soon as the job was free (seconds, on a loaded machine), not 5 minutes later.
    expect(simulator().accepted[0]!.at - busyUntil).toBeLessThan(10_000)
  })

  it('in mode auto, the second command on a fresh thread follows up on the job the first started', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    const inputs = commentInputs({ 'job-id': '', mode: 'auto' })
    const onIssue = (body: string) =>
      issueComment({ body, onPullRequest: false, stored: github.addComment(1, body, 'Codertocat') })
    const events = [onIssue('/agent write a page about retries'), onIssue('/agent and link it')]
    // The later command's run starts first.
    const [secondCommand, firstCommand] = await Promise.all([
      start(events[1]!, inputs).done,
      sleep(20).then(() => start(events[0]!, inputs).done)
    ])
    expect([firstCommand.exitCode, secondCommand.exitCode]).toEqual([0, 0])
    const creates = simulator().requests.filter(
      (r) => r.method === 'POST' && r.path === '/v2/agent/demo-project/job'
    )
    expect(creates).toHaveLength(1)
    const [started, followed] = simulator().accepted
    expect(started!.prompt).toContain('write a page about retries')
    expect(followed).toMatchObject({ jobId: started!.jobId, prompt: 'and link it' })
    expect(firstCommand.outputs).toMatchObject({ created: 'true', 'job-id': started!.jobId })
    expect(secondCommand.outputs).toMatchObject({ created: 'false', 'job-id': started!.jobId })
  })

  it('a re-run of a command that was sent does not send it again', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    const event = written('/agent once')
    const first = await start(event).done
    expect(first.outputs.result).toBe('sent')
    const rerun = await start(event).done
    expect(rerun.exitCode).toBe(1)
    expect(rerun.outputs).toMatchObject({ triggered: 'false', result: 'not-sent' })
    expect(errorsIn(rerun.stdout)[0]).toContain(
      `This command was already sent to job \`${DEMO_JOB_ID}\` by an earlier run`
    )
    expect(simulator().accepted).toHaveLength(1)
  })
})

describe('trust, defaults and what the outputs mean', () => {
  it('a stranger’s pull request with a job marker in its body: the marker is ignored', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    simulator().addJob({ id: 'someone-elses-job' })
    const run = await runAction(commentInputs({ 'job-id': '' }), {
      event: github.storeEvent(
        issueComment({
          body: '/agent tidy the headings',
          pullRequestAuthor: 'mallory',
          pullRequestBody: `Small fix\n${jobMarker('someone-elses-job')}`
        })
      ),
      env: { GITHUB_API_URL: github.url }
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ triggered: 'false', result: 'not-sent' })
    expect(run.stdout).toContain(
      'Ignored the job marker in the pull request body: the pull request was opened by @mallory'
    )
    // Mintlify's list was searched for the pull request, and nothing was sent anywhere.
    expect(simulator().requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(simulator().job('someone-elses-job')!.prompts).toEqual([])
  })

  it('the default mode with an empty job-id, from inputs: one clear error, no call to Mintlify', async () => {
    const run = await runAction(inputsFor(simulator(), { 'job-id': '' }))
    expect(run.exitCode).toBe(1)
    expect(errorsIn(run.stdout)).toEqual([
      expect.stringMatching(
        /^Input 'job-id' is empty, and mode is follow-up \(the default\).*nothing was sent.*mode: create.*mode: auto/
      )
    ])
    expect(simulator().requests).toEqual([])
  })

  it('the default mode with no job found, from a comment on an issue: one reply, no call to Mintlify', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    const body = '/agent add a FAQ'
    const run = await runAction(commentInputs({ 'job-id': '' }), {
      event: github.storeEvent(
        issueComment({
          body,
          onPullRequest: false,
          stored: github.addComment(1, body, 'Codertocat')
        })
      ),
      env: { GITHUB_API_URL: github.url }
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ triggered: 'false', result: 'not-sent' })
    const reply = statusOf(run)
    expect(reply).toContain('nothing was sent')
    expect(reply).toContain('`job-id`')
    expect(reply).toContain('`mode: auto`')
    expect(simulator().requests).toEqual([])
  })

  it('a job Mintlify does not know: triggered=false, result=not-sent', async () => {
    const run = await runAction(inputsFor(simulator(), { 'job-id': 'missing' }))
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ triggered: 'false', result: 'not-sent' })
    expect(errorsIn(run.stdout)[0]).toContain('Mintlify answered 404 for job missing')
  })

  it('allowed-bots: Renovate accepts renovate[bot]', async () => {
    github = await startFakeGitHub()
    const run = await runAction(commentInputs({ 'allowed-bots': 'Renovate' }), {
      event: github.storeEvent(
        issueComment({
          body: '/agent bump the SDK version',
          login: 'renovate[bot]',
          userType: 'Bot'
        })
      ),
      env: { GITHUB_API_URL: github.url }
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ triggered: 'true', result: 'sent' })
  })

  it('trusted-marker-authors: Mintlify trusts the markers of mintlify[bot]', async () => {
    github = await startFakeGitHub({
      roles: { Codertocat: 'write' },
      issueComments: { 1: [{ body: jobMarker('from-the-bot'), author: 'mintlify[bot]' }] }
    })
    simulator().addJob({ id: 'from-the-bot' })
    const run = await runAction(
      commentInputs({ 'job-id': '', 'trusted-marker-authors': 'Mintlify' }),
      { event: written('/agent go'), env: { GITHUB_API_URL: github.url } }
    )
    expect(run.exitCode).toBe(0)
    expect(simulator().accepted.map((m) => m.jobId)).toEqual(['from-the-bot'])
  })

  it('one POST, at most one read before it, at most ceil(T / poll-interval) reads after it', async () => {
    const jobMs = 1_000
    const intervalMs = 150
    simulator().job(DEMO_JOB_ID)!.durationMs = jobMs
    const run = await runAction(
      inputsFor(simulator(), { 'poll-interval': String(intervalMs / 1000) })
    )
    expect(run.exitCode).toBe(0)
    const requests = simulator().requests
    const post = requests.findIndex((r) => r.method === 'POST')
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect(requests.slice(0, post).filter((r) => r.method === 'GET').length).toBeLessThanOrEqual(1)
    expect(requests.slice(post + 1).length).toBeLessThanOrEqual(Math.ceil(jobMs / intervalMs))
  })
})

describe('GitHub trouble is never a green step', () => {
  it('a permission read answering 500 twice, then 200: the command goes through', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    github.failNext('GET', /\/collaborators\/Codertocat\/permission$/, [500, 500])
    const run = await runAction(commentInputs(), {
      event: written('/agent add a FAQ'),
      env: { GITHUB_API_URL: github.url }
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('sent')
    expect(github.calls.filter((c) => c.path.endsWith('/permission'))).toHaveLength(3)
  })

  it('a permission read that keeps failing, or a GitHub that cannot be reached: the step fails, nothing is sent', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    github.failNext('GET', /\/permission$/, [500, 500, 500, 500])
    const event = written('/agent add a FAQ')
    const [failing, unreachable] = await Promise.all([
      runAction(commentInputs(), { event, env: { GITHUB_API_URL: github.url } }),
      runAction(commentInputs(), { event, env: { GITHUB_API_URL: await closedPort() } })
    ])
    for (const run of [failing, unreachable]) {
      expect(run.exitCode).toBe(1)
      expect(run.outputs).toMatchObject({ triggered: 'false', result: 'not-sent' })
      expect(errorsIn(run.stdout)).toEqual([
        expect.stringMatching(
          /^GitHub's API could not be read, so nothing was sent: reading @Codertocat's permission on Codertocat\/Hello-World failed/
        )
      ])
    }
    expect(errorsIn(failing.stdout)[0]).toContain('(500 Server Error after 4 attempts)')
    expect(errorsIn(unreachable.stdout)[0]).toContain(
      '(network error ECONNREFUSED after 4 attempts)'
    )
    expect(simulator().requests).toEqual([])
  })

  it('a secondary rate limit is waited out as GitHub asks, then the call goes through', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    github.failNext('POST', /\/issues\/1\/comments$/, [
      {
        status: 403,
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        headers: { 'retry-after': '1' }
      }
    ])
    const run = await runAction(commentInputs(), {
      event: written('/agent add a FAQ'),
      env: { GITHUB_API_URL: github.url }
    })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain("GitHub's secondary rate limit was reached; trying again in 1s")
    const posts = github.calls.filter(
      (c) => c.method === 'POST' && c.path.endsWith('/issues/1/comments')
    )
    expect(posts).toHaveLength(2)
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1_000)
    expect(statusOf(run)).toContain('🚀')
  })

  it('a token without the permission: the message names what the workflow lacks', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    github.failNext('GET', /\/issues\/1\/comments$/, [
      { status: 403, message: 'Resource not accessible by integration' }
    ])
    const run = await runAction(commentInputs(), {
      event: written('/agent add a FAQ'),
      env: { GITHUB_API_URL: github.url }
    })
    expect(run.exitCode).toBe(1)
    expect(errorsIn(run.stdout)[0]).toContain(
      "403 Resource not accessible by integration: the workflow's token lacks `issues: read`"
    )
    expect(simulator().requests).toEqual([])
  })
})
