/**
 * The defects of issue 32 that can be run through the bundle, as the runner runs it, on real
 * pull_request and issue_comment payloads, against the fake GitHub (checked against GitHub's
 * OpenAPI description) and the Mintlify simulator.
 */
import { SIMULATOR_API_KEY } from '../src/simulator/server.js'
import { sealedLine, sealFor } from '../src/thread/sealed-comment.js'
import { errorsIn, inputsFor, runAction, useSimulator } from './helpers/action.js'
import { issueComment, pullRequestEvent } from './helpers/events.js'
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js'
import { patchOf, type FakeFile, type FakePullRequest } from './helpers/fake-pulls.js'
import { recordIn } from './helpers/sync-world.js'

let github: FakeGitHub
afterEach(() => github?.close())

const PR = 7
const SCOPE = `Codertocat/Hello-World#${PR}`

const file = (filename: string, added: number): FakeFile => ({
  filename,
  additions: added,
  deletions: 0,
  patch: patchOf(added, 0, filename)
})

async function codePullRequest(issueComments: { body: string; author: string }[] = []) {
  github = await startFakeGitHub({
    roles: { Codertocat: 'write' },
    issueComments: { [PR]: issueComments },
    pullRequests: {
      [PR]: {
        title: 'Add per-key rate limits',
        author: 'Codertocat',
        headRef: 'rate-limits',
        commits: [{ message: 'Add per-key rate limits', files: [file('src/limits.ts', 12)] }]
      }
    }
  })
  return github.pullRequest(PR)
}

const statusComments = () =>
  [...github.comments.values()].filter((c) => c.body.includes('mintlify-agent-action sync'))

describe('mode sync from the bundle, on the defects probes found', () => {
  const simulator = useSimulator({ jobDurationMs: 300 })
  const inputs = (extra: Record<string, string> = {}) =>
    inputsFor(simulator(), {
      mode: 'sync',
      'job-id': '',
      prompt: 'Document user-facing changes.',
      'github-token': 'ghs_test',
      'poll-interval': '0.1',
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

  it('3. /agent after a job took over goes to the job the record names, though an earlier command named the one before', async () => {
    const pr = await codePullRequest()
    const first = await run('opened', pr)
    const command = (body: string) => {
      const event = issueComment({ body, stored: github.addComment(PR, body, 'Codertocat') })
      event.payload.issue.number = PR
      event.payload.issue.pull_request.html_url = `https://github.com/${SCOPE.replace('#', '/pull/')}`
      return runAction(
        inputsFor(simulator(), { 'job-id': '', prompt: '', 'github-token': 'ghs_test' }),
        { event, env: { GITHUB_API_URL: github.url } }
      )
    }
    expect((await command('/agent first, before the takeover')).outputs['job-id']).toBe(
      first.outputs['job-id']
    )
    simulator().job(first.outputs['job-id']!)!.status = 'archived'
    const before = push(pr, 'limits')
    const successor = await run('synchronize', pr, {}, { before })
    expect(successor.outputs.sync).toBe('started')
    const done = await command('/agent also document the limit headers')
    expect(errorsIn(done.stdout)).toEqual([])
    expect(done.outputs['job-id']).toBe(successor.outputs['job-id'])
    expect(simulator().accepted.at(-1)).toMatchObject({
      jobId: successor.outputs['job-id'],
      prompt: 'also document the limit headers'
    })
  })

  it('4. a labeled run that starts after the label was taken off again acts on the labels the pull request has now', async () => {
    const pr = await codePullRequest()
    await run('opened', pr)
    const before = push(pr, 'limits')
    // The label came and went; the labeled event's run starts last, its payload still labelled.
    pr.labels = []
    const labelled = await run('labeled', pr, {}, { before, labels: ['no-docs'], label: 'no-docs' })
    expect(labelled.outputs.sync).toBe('sent')
    expect(simulator().accepted.at(-1)!.prompt).toContain('Change limits')
  })

  it('6. GitHub fails the record write right after the job starts, past its retries: one job, and the outputs say which', async () => {
    const pr = await codePullRequest()
    // The intent's write goes through; the write after the start fails four times in a row.
    github.failNext('PATCH', /\/issues\/comments\/\d+$/, ['pass', 502, 502, 502, 502])
    const opened = await run('opened', pr)
    expect(errorsIn(opened.stdout)).toEqual([])
    expect(opened.outputs['job-id']).not.toBe('')
    expect(simulator().accepted).toHaveLength(1)
    const [comment, ...more] = statusComments()
    expect(more).toEqual([])
    expect(recordIn(comment!.id, comment!.body, SCOPE, SIMULATOR_API_KEY)?.job?.id).toBe(
      opened.outputs['job-id']
    )
    const before = push(pr, 'limits')
    await run('synchronize', pr, {}, { before })
    expect(new Set(simulator().accepted.map((m) => m.jobId)).size).toBe(1)
    // octokit waits 1 s, 4 s and 9 s between its own tries: the run takes that long.
  }, 60_000)

  it('9. comments another workflow echoed as the same account steer nothing', async () => {
    const foreign = {
      job: { id: 'demo-job', sent: { head: 'abc' } },
      retired: [],
      checks: [],
      base: 'main'
    }
    const seal = sealFor(SIMULATOR_API_KEY, 'Codertocat/Hello-World#8', 'sync-record', 2)
    const pr = await codePullRequest([
      { body: `Echo: ${sealedLine(seal, 9001, foreign)}`, author: 'github-actions[bot]' },
      {
        body: 'Echo: <!-- mintlify-agent-action sync job=demo-job sent=abc status=completed -->',
        author: 'github-actions[bot]'
      }
    ])
    const opened = await run('opened', pr)
    expect(errorsIn(opened.stdout)).toEqual([])
    expect(opened.outputs.sync).toBe('started')
    expect(simulator().accepted.map((m) => m.jobId)).not.toContain('demo-job')
  })
})
