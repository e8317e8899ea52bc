/**
 * Mode sync, measured: the first prompt for real pull requests (commits of this repository, as
 * GitHub would list their files), and what a burst of pushes costs — messages sent, GitHub calls
 * that count against the workflow token's hourly limit, and reads of the job on Mintlify.
 */
import { execFileSync } from 'node:child_process'
import { MAX_PROMPT_LENGTH } from '../src/settings/settings.js'
import { notQuoted } from '../src/prompt/files.js'
import { wholePullRequestPrompt } from '../src/prompt/prompt.js'
import type { ChangedFile } from '../src/prompt/pull-request.js'
import { DEMO_PROJECT_ID, SIMULATOR_API_KEY, startSimulator } from '../src/simulator/server.js'
import { REPO_ROOT, startAction } from './run-action.js'
import { pullRequestEvent } from '../__tests__/helpers/events.js'
import { startFakeGitHub } from '../__tests__/helpers/fake-github.js'
import { patchOf } from '../__tests__/helpers/fake-pulls.js'

const INSTRUCTIONS =
  'Our docs are for people who use the product, not for its developers: document user-facing behaviour (API, CLI flags, configuration, limits), and leave internal refactors alone.'

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })

/** A commit's files as GitHub's files list gives them: counts, and the patch from its first hunk. */
function filesOf(commit: string): ChangedFile[] {
  return git('show', '--numstat', '--format=', commit)
    .trim()
    .split('\n')
    .map((line) => {
      const [added = '0', removed = '0', path = ''] = line.split('\t')
      const diff = git('show', '--format=', commit, '--', path)
      const hunks = diff.indexOf('\n@@')
      return {
        path,
        status: 'modified',
        additions: Number(added) || 0,
        deletions: Number(removed) || 0,
        ...(hunks < 0 ? {} : { patch: diff.slice(hunks + 1).trimEnd() })
      }
    })
}

export interface PromptSize {
  commit: string
  subject: string
  files: number
  lines: number
  diffChars: number
  promptChars: number
  quoted: number
  listedOnly: number
}

export function firstPromptSize(commit: string): PromptSize {
  const files = filesOf(commit)
  const subject = git('show', '-s', '--format=%s', commit).trim()
  const prompt = wholePullRequestPrompt(
    {
      number: 42,
      url: 'https://github.com/acme/api/pull/42',
      title: subject,
      body: git('show', '-s', '--format=%b', commit).trim(),
      author: 'alice',
      draft: false,
      labels: [],
      state: 'open',
      merged: false,
      baseRef: 'main',
      headRef: 'feature',
      headSha: git('rev-parse', commit).trim(),
      changedFiles: files.length
    },
    files,
    [
      {
        sha: git('rev-parse', commit).trim(),
        message: git('show', '-s', '--format=%B', commit),
        parents: git('show', '-s', '--format=%P', commit).trim().split(' ')
      }
    ],
    { instructions: INSTRUCTIONS, exclude: [], prefer: [], limit: MAX_PROMPT_LENGTH }
  )
  const rules = { exclude: [], prefer: [] }
  const quotable = files.filter((f) => !notQuoted(f, rules))
  return {
    commit: commit.slice(0, 7),
    subject,
    files: files.length,
    lines: files.reduce((sum, f) => sum + f.additions + f.deletions, 0),
    diffChars: files.reduce((sum, f) => sum + (f.patch?.length ?? 0), 0),
    promptChars: prompt.length,
    quoted: quotable.filter((f) => prompt.includes(`diff --git a/${f.path} b/${f.path}`)).length,
    listedOnly: files.length - quotable.length
  }
}

export interface BurstCost {
  pushes: number
  messages: number
  intoBusyJob: boolean
  syncOutputs: string[]
  /** Counted GitHub calls (no 304s, no GraphQL) per run: the opening run, then the burst's. */
  githubPerRun: number[]
  mintlifyReads: number
  /** Comments on the pull request before it opened. */
  comments: number
}

/** `pushes` pushes while the docs job works on the first message, their runs started at once. */
export async function burstCost(pushes: number, comments = 0): Promise<BurstCost> {
  const jobMs = 3_000
  const simulator = await startSimulator({ jobDurationMs: jobMs })
  const github = await startFakeGitHub({
    roles: { Codertocat: 'write' },
    issueComments: {
      42: Array.from({ length: comments }, (_, i) => ({ body: `Review note ${i}`, author: 'bob' }))
    },
    pullRequests: {
      42: {
        title: 'Add per-key rate limits',
        commits: [
          {
            message: 'Add per-key rate limits',
            files: [{ filename: 'src/limits.ts', additions: 30, deletions: 0, patch: patchOf(30) }]
          }
        ]
      }
    }
  })
  const pr = github.pullRequest(42)
  let token = 0
  const run = (event: ReturnType<typeof pullRequestEvent>, extra: Record<string, string> = {}) =>
    startAction(
      {
        'api-key': SIMULATOR_API_KEY,
        'project-id': DEMO_PROJECT_ID,
        mode: 'sync',
        prompt: INSTRUCTIONS,
        'github-token': `ghs_run${++token}`,
        'poll-interval': '1',
        timeout: '60s',
        'base-url': simulator.url,
        ...extra
      },
      { event, env: { GITHUB_API_URL: github.url } }
    ).done
  try {
    const opened = await run(pullRequestEvent('opened', pr), { wait: 'false' })
    const events = Array.from({ length: pushes }, (_, n) => {
      const before = pr.headSha
      pr.push([
        {
          message: `Push ${n + 1}`,
          files: [
            { filename: `src/step${n + 1}.ts`, additions: 5, deletions: 1, patch: patchOf(5, 1) }
          ]
        }
      ])
      return pullRequestEvent('synchronize', pr, { before })
    })
    const burst = await Promise.all(events.map((event) => run(event)))
    const counted = github.counted()
    const accepted = simulator.accepted
    const spaced = accepted.every((m, i) => i === 0 || m.at - accepted[i - 1]!.at >= jobMs)
    return {
      pushes,
      messages: accepted.length - 1,
      intoBusyJob: !spaced,
      syncOutputs: [opened, ...burst].map((r) => r.outputs.sync ?? ''),
      githubPerRun: Array.from(
        { length: pushes + 1 },
        (_, i) => counted.filter((c) => c.token === `ghs_run${i + 1}`).length
      ),
      mintlifyReads: simulator.requests.filter((r) => r.method === 'GET').length,
      comments
    }
  } finally {
    await github.close()
    await simulator.close()
  }
}

export interface StaggeredBurst {
  jobMs: number
  /** Each run's wall time on its runner, the opening run first. */
  runnerMs: number[]
  /** The agent's working time: messages taken, times the job's length. */
  agentMs: number
  /** The most runs that waited on the job at once, past their first 3 s of reading and deciding. */
  waitingAtOnce: number
  messages: number
  syncOutputs: string[]
  githubPerRun: number[]
  /** Messages or new jobs each run sent (its `result` output is `sent`). */
  sentPerRun: number[]
}

/**
 * The opening run and then `pushes` pushes `gapMs` apart while the docs job works, each push's run
 * started when it is pushed: what the runners spend against what the agent works.
 */
export async function staggeredBurst(
  pushes = 3,
  gapMs = 3_000,
  jobMs = 20_000
): Promise<StaggeredBurst> {
  const simulator = await startSimulator({ jobDurationMs: jobMs })
  const github = await startFakeGitHub({
    roles: { Codertocat: 'write' },
    pullRequests: {
      42: {
        title: 'Add per-key rate limits',
        commits: [
          {
            message: 'Add per-key rate limits',
            files: [{ filename: 'src/limits.ts', additions: 30, deletions: 0, patch: patchOf(30) }]
          }
        ]
      }
    }
  })
  const pr = github.pullRequest(42)
  const spans: { from: number; to: number }[] = []
  const run = async (event: ReturnType<typeof pullRequestEvent>, token: string) => {
    const span = { from: Date.now(), to: 0 }
    spans.push(span)
    const done = await startAction(
      {
        'api-key': SIMULATOR_API_KEY,
        'project-id': DEMO_PROJECT_ID,
        mode: 'sync',
        prompt: INSTRUCTIONS,
        'github-token': token,
        'poll-interval': '2',
        timeout: '120s',
        'base-url': simulator.url
      },
      { event, env: { GITHUB_API_URL: github.url } }
    ).done
    span.to = Date.now()
    return done
  }
  try {
    const runs = [run(pullRequestEvent('opened', pr), 'ghs_run0')]
    for (let n = 1; n <= pushes; n++) {
      await new Promise((resolve) => setTimeout(resolve, gapMs))
      const before = pr.headSha
      pr.push([
        {
          message: `Push ${n}`,
          files: [{ filename: `src/step${n}.ts`, additions: 5, deletions: 1, patch: patchOf(5, 1) }]
        }
      ])
      runs.push(run(pullRequestEvent('synchronize', pr, { before }), `ghs_run${n}`))
    }
    const done = await Promise.all(runs)
    const edges = spans.flatMap((s) => [s.from + 3_000, s.to]).sort((a, b) => a - b)
    const waitingAtOnce = Math.max(
      ...edges.map((at) => spans.filter((s) => s.from + 3_000 <= at && at < s.to).length)
    )
    const counted = github.counted()
    return {
      jobMs,
      runnerMs: spans.map((s) => s.to - s.from),
      agentMs: simulator.accepted.length * jobMs,
      waitingAtOnce,
      messages: simulator.accepted.length,
      syncOutputs: done.map((r) => r.outputs.sync ?? ''),
      githubPerRun: done.map((_, i) => counted.filter((c) => c.token === `ghs_run${i}`).length),
      sentPerRun: done.map((r) => (r.outputs.result === 'sent' ? 1 : 0))
    } satisfies StaggeredBurst
  } finally {
    await github.close()
    await simulator.close()
  }
}

export interface EventCost {
  features: string
  /** Per event: counted calls with the workflow's token, and calls with docs-token (GraphQL too). */
  events: { event: string; workflowToken: number; docsToken: number; sync: string }[]
}

const DOCS_TOKEN = 'github_pat_bench'

/**
 * The counted GitHub calls of each event of one code pull request's life (opened, two pushes, the
 * merge; and on a second pull request opened then closed unmerged, then reopened), with `extra`
 * inputs: none, check-run, or check-run with docs-token. Jobs of 1 s; each run waits for its job.
 */
export async function eventCost(features: string, extra: Record<string, string>) {
  const simulator = await startSimulator({ jobDurationMs: 1_000 })
  const seed = (title: string) => ({
    title,
    commits: [
      {
        message: title,
        files: [{ filename: 'src/limits.ts', additions: 30, deletions: 0, patch: patchOf(30) }]
      }
    ]
  })
  const github = await startFakeGitHub({
    roles: { Codertocat: 'write' },
    pullRequests: { 42: seed('Add per-key rate limits'), 43: seed('Try a token bucket') }
  })
  const events: EventCost['events'] = []
  let token = 0
  const run = async (name: string, event: ReturnType<typeof pullRequestEvent>) => {
    const own = `ghs_event${++token}`
    const done = await startAction(
      {
        'api-key': SIMULATOR_API_KEY,
        'project-id': DEMO_PROJECT_ID,
        mode: 'sync',
        prompt: INSTRUCTIONS,
        'github-token': own,
        'poll-interval': '1',
        timeout: '60s',
        'base-url': simulator.url,
        ...extra
      },
      { event, env: { GITHUB_API_URL: github.url } }
    ).done
    events.push({
      event: name,
      workflowToken: github.counted().filter((c) => c.token === own).length,
      docsToken: github.calls.filter((c) => c.token === DOCS_TOKEN && c.status !== 304).length,
      sync: done.outputs.sync ?? ''
    })
    // Each event's docs-token calls are counted once.
    for (const call of github.calls) if (call.token === DOCS_TOKEN) call.token = 'counted'
  }
  const push = (pr: ReturnType<typeof github.pullRequest>, n: number) => {
    const before = pr.headSha
    pr.push([
      {
        message: `Push ${n}`,
        files: [{ filename: `src/step${n}.ts`, additions: 5, deletions: 1, patch: patchOf(5, 1) }]
      }
    ])
    return pullRequestEvent('synchronize', pr, { before })
  }
  try {
    const pr = github.pullRequest(42)
    await run('opened', pullRequestEvent('opened', pr))
    await run('synchronize', push(pr, 1))
    await run('synchronize', push(pr, 2))
    pr.state = 'closed'
    pr.merged = true
    await run('closed (merged)', pullRequestEvent('closed', pr))
    const other = github.pullRequest(43)
    await run('opened', pullRequestEvent('opened', other))
    other.state = 'closed'
    await run('closed (unmerged)', pullRequestEvent('closed', other))
    other.state = 'open'
    await run('reopened', pullRequestEvent('reopened', other))
    return { features, events } satisfies EventCost
  } finally {
    await github.close()
    await simulator.close()
  }
}

export const EVENT_COST_FEATURES: [string, Record<string, string>][] = [
  ['neither', {}],
  ['check-run', { 'check-run': 'true' }],
  [
    'check-run and docs-token',
    { 'check-run': 'true', 'docs-token': DOCS_TOKEN, 'docs-review-request': 'true' }
  ]
]
