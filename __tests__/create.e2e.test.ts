import { jobMarker } from '../src/thread/markers.js'
import { errorsIn, inputsFor, runAction, useSimulator } from './helpers/action.js'
import { issueComment } from './helpers/events.js'
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js'

const simulator = useSimulator()
const creates = () =>
  simulator().requests.filter((r) => r.method === 'POST' && r.path === '/v2/agent/demo-project/job')

describe('starting jobs', () => {
  it('mode create starts a new job, waits for it and says it created it', async () => {
    const run = await runAction(
      inputsFor(simulator(), { 'job-id': '', mode: 'create', prompt: 'Document the CLI' })
    )
    expect(run.exitCode).toBe(0)
    expect(creates()).toHaveLength(1)
    expect(JSON.parse(creates()[0]!.body!)).toEqual({ prompt: 'Document the CLI' })
    expect(simulator().requests.some((r) => r.path.endsWith('/message'))).toBe(false)
    const jobId = simulator().accepted[0]!.jobId
    expect(run.outputs).toMatchObject({ created: 'true', 'job-id': jobId, status: 'completed' })
    expect(run.outputs['pr-link']).toMatch(/^https:\/\/github\.com\/acme\/docs\/pull\/\d+$/)
    expect(run.summary).toContain('new job')
  })

  it('mode auto starts one when no job is named, and follows up when one is', async () => {
    const started = await runAction(inputsFor(simulator(), { 'job-id': '', mode: 'auto' }))
    expect(started.outputs).toMatchObject({ created: 'true', status: 'completed' })
    const followed = await runAction(
      inputsFor(simulator(), { 'job-id': started.outputs['job-id']!, mode: 'auto' })
    )
    expect(followed.outputs).toMatchObject({
      created: 'false',
      'job-id': started.outputs['job-id']
    })
    expect(creates()).toHaveLength(1)
    expect(simulator().accepted).toHaveLength(2)
  })

  it('never starts a second job after an ambiguous failure', async () => {
    simulator().addFault({ route: 'create', kind: 'status', status: 502 })
    const run = await runAction(inputsFor(simulator(), { 'job-id': '', mode: 'create' }))
    expect(run.exitCode).toBe(1)
    expect(creates()).toHaveLength(1)
    expect(errorsIn(run.stdout)).toEqual([
      'Starting a new job in project demo-project answered 502 after the request may have reached Mintlify: it was not sent again, to avoid starting two jobs. Look for the job on the Mintlify dashboard before running again.'
    ])
  })

  it('tries again when the request surely did not arrive', async () => {
    simulator().addFault({
      route: 'create',
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '1' }
    })
    const run = await runAction(inputsFor(simulator(), { 'job-id': '', mode: 'create' }))
    expect(run.exitCode).toBe(0)
    expect(creates()).toHaveLength(2)
    expect(simulator().accepted).toHaveLength(1)
  })
})

describe('starting jobs from a comment', () => {
  let github: FakeGitHub
  afterEach(() => github.close())

  it('gives the new job the thread context, and the next /agent follows up on it', async () => {
    github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
    const env = { GITHUB_API_URL: github.url }
    const inputs = inputsFor(simulator(), {
      'job-id': '',
      prompt: '',
      'github-token': 'ghs_test',
      mode: 'auto'
    })
    const asked = (body: string) =>
      issueComment({ body, stored: github.addComment(1, body, 'Codertocat') })
    const first = await runAction(inputs, {
      event: asked('/agent document the retry options'),
      env
    })
    expect(first.exitCode).toBe(0)
    expect(first.outputs).toMatchObject({ created: 'true', triggered: 'true' })
    const newJob = first.outputs['job-id']!
    expect(simulator().accepted[0]!.prompt).toBe(
      'Requested from GitHub by @Codertocat on pull request #1 of Codertocat/Hello-World: "Spelling error in the README file" (https://github.com/Codertocat/Hello-World/issues/1).\n\ndocument the retry options'
    )
    expect(github.comments.get(Number(first.outputs['comment-id']))!.body).toContain(
      jobMarker(newJob)
    )

    const second = await runAction(inputs, { event: asked('/agent and the timeouts'), env })
    expect(second.outputs).toMatchObject({ created: 'false', 'job-id': newJob })
    expect(simulator().accepted.map((m) => [m.jobId, m.prompt])).toEqual([
      [newJob, expect.stringContaining('document the retry options')],
      [newJob, 'and the timeouts']
    ])
  })
})
