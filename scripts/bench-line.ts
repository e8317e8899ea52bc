/**
 * What a line of /agent commands on one pull request costs: GitHub calls that count against the
 * workflow token's hourly limit, and reads of the job on Mintlify, per command, for lines of
 * several lengths; and what a long wait adds. Runs carry a run ID and the token may read runs
 * (`actions: read`), as in the README's workflow; each run has a token of its own, so that the
 * fake GitHub can tell whose call each is.
 */
import {
  DEMO_JOB_ID,
  DEMO_PROJECT_ID,
  SIMULATOR_API_KEY,
  startSimulator
} from '../src/simulator/server.js'
import { startAction } from './run-action.js'
import { issueComment } from '../__tests__/helpers/events.js'
import { startFakeGitHub } from '../__tests__/helpers/fake-github.js'

export interface LineCost {
  commands: number
  /** Counted GitHub calls (no 304s, no GraphQL) per command, the mean of the line's runs. */
  githubPerCommand: number
  /** The most any one run of the line made. */
  githubMost: number
  /** Reads of the job on Mintlify per command. */
  mintlifyPerCommand: number
  /** Conditional reads answered 304 Not Modified, per command: free. */
  unchangedPerCommand: number
  inOrder: boolean
  allPassed: boolean
  /** Seconds from the first command's message to the last one's. */
  spanS: number
}

let runNumber = 7000

/** A line of `count` commands written one after another, their runs started at once. */
export async function lineCost(
  count: number,
  options: { jobMs?: number; queueExpiry?: string; pollInterval?: string } = {}
): Promise<LineCost & { perRun: number[] }> {
  const jobMs = options.jobMs ?? 3_000
  const simulator = await startSimulator({ jobDurationMs: jobMs })
  const github = await startFakeGitHub({ roles: { Codertocat: 'write' }, readRuns: true })
  const prompts = Array.from({ length: count }, (_, i) => `step ${i + 1}`)
  const events = prompts.map((prompt) => {
    const body = `/agent ${prompt}`
    return issueComment({ body, stored: github.addComment(1, body, 'Codertocat') })
  })
  const runs = events.map(
    (event, i) =>
      startAction(
        {
          'api-key': SIMULATOR_API_KEY,
          'project-id': DEMO_PROJECT_ID,
          'job-id': DEMO_JOB_ID,
          'poll-interval': options.pollInterval ?? '1',
          'queue-expiry': options.queueExpiry ?? '2m',
          timeout: '10m',
          'base-url': simulator.url,
          'github-token': `ghs_bench_${i}`
        },
        {
          event,
          env: {
            GITHUB_API_URL: github.url,
            GITHUB_RUN_ID: String(++runNumber),
            GITHUB_RUN_ATTEMPT: '1'
          },
          killAfterMs: 15 * 60_000
        }
      ).done
  )
  const exits = await Promise.all(runs)
  const perRun = events.map(
    (_event, i) => github.counted().filter((call) => call.token === `ghs_bench_${i}`).length
  )
  const jobReads = simulator.requests.filter(
    (r) => r.method === 'GET' && r.path.startsWith(`/v2/agent/${DEMO_PROJECT_ID}/job/`)
  ).length
  const accepted = simulator.accepted
  const cost = {
    commands: count,
    githubPerCommand: perRun.reduce((a, b) => a + b, 0) / count,
    githubMost: Math.max(...perRun),
    mintlifyPerCommand: jobReads / count,
    unchangedPerCommand: github.calls.filter((c) => c.status === 304).length / count,
    inOrder: accepted.map((m) => m.prompt).join() === prompts.join(),
    allPassed: exits.every((run) => run.exitCode === 0),
    spanS: accepted.length ? (accepted.at(-1)!.at - accepted[0]!.at) / 1000 : 0,
    perRun
  }
  await github.close()
  await simulator.close()
  return cost
}

/**
 * What a wait adds: a command behind one whose job takes `waitMs`, against a lone command, with
 * the given queue-expiry. The difference is the counted GitHub calls the wait itself cost.
 */
export async function waitCost(waitMs: number, queueExpiry: string) {
  const lone = await lineCost(1, { jobMs: 1_000, queueExpiry })
  const pair = await lineCost(2, { jobMs: waitMs, queueExpiry })
  return { queueExpiry, lone: lone.perRun[0]!, waiting: pair.perRun[1]!, waitS: waitMs / 1000 }
}
