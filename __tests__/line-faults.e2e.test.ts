/**
 * The line of commands on a thread when people edit, delete and wait, when runs start late, and
 * when GitHub or Mintlify fail: the bundled action, run as the runner runs it.
 */
import { DEMO_JOB_ID } from '../src/simulator/server.js'
import {
  errorsIn,
  inputsFor,
  runAction,
  startAction,
  useSimulator,
  type ActionRun
} from './helpers/action.js'
import { issueComment } from './helpers/events.js'
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js'

const simulator = useSimulator()
let github: FakeGitHub
afterEach(() => github?.close())

const inputs = (overrides: Record<string, string> = {}) =>
  inputsFor(simulator(), {
    'job-id': DEMO_JOB_ID,
    prompt: '',
    'github-token': 'ghs_test',
    ...overrides
  })

/** A comment written on pull request #1 as GitHub stores it, and the event its run gets. */
function written(body: string) {
  return issueComment({ body, stored: github.addComment(1, body, 'Codertocat') })
}

function start(
  event: ReturnType<typeof issueComment>,
  overrides: Record<string, string> = {},
  onStdout?: (chunk: string) => void
) {
  return startAction(inputs(overrides), {
    event,
    env: { GITHUB_API_URL: github.url },
    ...(onStdout ? { onStdout } : {})
  })
}

/** Resolves once the run's log says `text`. */
function whenLogged(text: string): { seen: Promise<void>; watch: (chunk: string) => void } {
  let seen!: () => void
  const promise = new Promise<void>((resolve) => (seen = resolve))
  return { seen: promise, watch: (chunk) => chunk.includes(text) && seen() }
}

const statusOf = (run: ActionRun) => github.comments.get(Number(run.outputs['comment-id']))!.body

beforeEach(async () => {
  github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
})

describe('the command is checked right before it is sent', () => {
  it('1. an edit while the command waits: the edited text goes, once, and the other run stands down', async () => {
    // Busy until the edit is made, however long the run takes to start.
    const busy = simulator().addJob({
      id: 'busy',
      status: 'active',
      activeUntil: Date.now() + 60_000
    })
    const event = written('/agent add a FAQ')
    const waiting = whenLogged('waiting for it to finish before sending')
    const first = start(event, { 'job-id': 'busy', 'allow-edits': 'true' }, waiting.watch)
    await waiting.seen
    github.editComment(event.payload.comment.id, '/agent add a FAQ about retries')
    busy.activeUntil = Date.now() + 500
    const edited = issueComment({
      body: '/agent add a FAQ about retries',
      action: 'edited',
      stored: github.comments.get(event.payload.comment.id)!
    })
    const second = start(edited, { 'job-id': 'busy', 'allow-edits': 'true' })
    const runs = await Promise.all([first.done, second.done])
    expect(simulator().accepted.map((m) => m.prompt)).toEqual(['add a FAQ about retries'])
    expect(runs.map((r) => r.outputs.result).sort()).toEqual(['sent', 'withdrawn'])
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0])
  })

  it('2. a command deleted while it waits sends nothing, and its status comment says so', async () => {
    const busy = simulator().addJob({
      id: 'busy',
      status: 'active',
      activeUntil: Date.now() + 60_000
    })
    const event = written('/agent add a FAQ')
    const waiting = whenLogged('waiting for it to finish before sending')
    const run = start(event, { 'job-id': 'busy' }, waiting.watch)
    await waiting.seen
    github.deleteComment(event.payload.comment.id)
    busy.activeUntil = Date.now()
    const done = await run.done
    expect(done.exitCode).toBe(0)
    expect(done.outputs).toMatchObject({ result: 'withdrawn', triggered: 'false' })
    expect(simulator().accepted).toEqual([])
    expect(statusOf(done)).toContain('The command was deleted before its turn came')
  })
})

describe('late runs and failures never reorder or send blindly', () => {
  it('3. a run that starts after its place expired goes after the later command and says so; mode auto starts one job', async () => {
    const late = written('/agent write the retries page')
    github.backdate(late.payload.comment.id, 180_000)
    const lateEvent = issueComment({
      body: '/agent write the retries page',
      stored: github.comments.get(late.payload.comment.id)!
    })
    const auto = { 'job-id': '', mode: 'auto', 'queue-expiry': '2m' }
    const second = await start(written('/agent and link it from the FAQ'), auto).done
    const first = await start(lateEvent, auto).done
    expect([second.exitCode, first.exitCode]).toEqual([0, 0])
    const [started, followed] = simulator().accepted
    expect(started!.prompt).toContain('and link it from the FAQ')
    expect(followed).toMatchObject({ jobId: started!.jobId, prompt: 'write the retries page' })
    expect(statusOf(first)).toMatch(
      /This command's run started 3m\d*s? after it was written, later than `queue-expiry` \(2m\), and 1 command written after it was sent first: it now goes after them/
    )
  })

  it('4. a read before sending that keeps failing is never taken for an idle job', async () => {
    simulator().addJob({ id: 'busy', status: 'active', activeUntil: Date.now() + 60_000 })
    simulator().addFault({ route: 'job', kind: 'status', status: 503, times: 100 })
    const run = await start(written('/agent add a FAQ'), { 'job-id': 'busy', timeout: '4s' }).done
    expect(run.exitCode).toBe(1)
    expect(simulator().requests.filter((r) => r.method === 'POST')).toEqual([])
    expect(errorsIn(run.stdout)[0]).toMatch(
      /^Mintlify answered 503 for job busy .* Nothing was sent \(the job is read before sending/
    )
  })

  it('5. a key revoked while a command waits ends the wait at once, with the key’s error', async () => {
    simulator().job(DEMO_JOB_ID)!.durationMs = 60_000
    const sent = whenLogged('Mintlify took the message')
    const first = start(written('/agent first'), {}, sent.watch)
    await sent.seen
    const waiting = whenLogged('Waiting for its turn')
    const second = start(written('/agent second'), {}, waiting.watch)
    await waiting.seen
    simulator().setApiKey('mint_rotated')
    const stopped = Date.now()
    const [, run] = await Promise.all([first.done, second.done])
    expect(Date.now() - stopped).toBeLessThan(5_000)
    expect(run.exitCode).toBe(1)
    expect(errorsIn(run.stdout)[0]).toMatch(
      /^Mintlify answered 401 for job demo-job .*the key in api-key was not accepted.*Nothing was sent\.$/
    )
    expect(simulator().accepted.map((m) => m.prompt)).toEqual(['first'])
  })

  it('6. a status comment GitHub refuses holds no place: nothing is sent, and the step names the permission', async () => {
    github.failNext('POST', /\/issues\/1\/comments$/, [
      { status: 403, message: 'Resource not accessible by integration' }
    ])
    const run = await start(written('/agent add a FAQ')).done
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ result: 'not-sent', triggered: 'false' })
    expect(simulator().requests).toEqual([])
    expect(errorsIn(run.stdout)).toEqual([
      expect.stringMatching(
        /^Could not write the status comment that holds this command's place .*403 Resource not accessible by integration: the workflow's token lacks `issues: write`.*so nothing was sent\.$/
      )
    ])
  })

  it('7. status-comment: false with a cap is refused at start, naming both inputs', async () => {
    const run = await runAction(
      inputs({ 'status-comment': 'false', 'max-requests-per-thread': '1' }),
      {
        event: written('/agent add a FAQ'),
        env: { GITHUB_API_URL: github.url }
      }
    )
    expect(run.exitCode).toBe(1)
    expect(errorsIn(run.stdout)).toEqual([
      expect.stringMatching(/'max-requests-per-thread' is 1, but 'status-comment' is false/)
    ])
    expect(github.calls).toEqual([])
    expect(simulator().requests).toEqual([])
  })
})
