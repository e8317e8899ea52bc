/**
 * `npm run bench`: where the bundled action stands against a minimal reference client, on this
 * machine, against the simulator. Prints a table and writes bench/results.md.
 */
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  DEMO_PROJECT_ID,
  SIMULATOR_API_KEY,
  startSimulator,
  type Simulator
} from '../src/simulator/server.js'
import { ACTION_ENTRY, REPO_ROOT, startAction } from './run-action.js'
import { issueComment } from '../__tests__/helpers/events.js'
import { startFakeGitHub } from '../__tests__/helpers/fake-github.js'

const RUNS = Math.max(10, Number(process.env.BENCH_RUNS) || 10)
const MEASURE = pathToFileURL(join(REPO_ROOT, 'bench', 'measure.mjs')).href
const REFERENCE = join(REPO_ROOT, 'bench', 'reference-client.mjs')
const PROMPT = 'Also add error handling examples to the quickstart guide'

interface Measured {
  wallMs: number
  maxRssKiB: number
  loaded: string[]
  exitedAt: number
}

let reportNumber = 0
function reportFile(): string {
  return join(tmpdir(), `bench-report-${process.pid}-${++reportNumber}.json`)
}

function readReport(file: string): { maxRssKiB: number; loaded: string[] } {
  const report = JSON.parse(readFileSync(file, 'utf8')) as { maxRssKiB: number; loaded: string[] }
  rmSync(file, { force: true })
  return report
}

async function runActionMeasured(
  simulator: Simulator,
  jobId: string,
  intervalS: number
): Promise<Measured> {
  const report = reportFile()
  const started = performance.now()
  const run = await startAction(
    {
      'api-key': SIMULATOR_API_KEY,
      'project-id': DEMO_PROJECT_ID,
      'job-id': jobId,
      prompt: PROMPT,
      'poll-interval': String(intervalS),
      timeout: '2m',
      'base-url': simulator.url
    },
    { env: { NODE_OPTIONS: `--import=${MEASURE} --no-warnings`, BENCH_REPORT: report } }
  ).done
  const wallMs = performance.now() - started
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
  return { wallMs, exitedAt: Date.now(), ...readReport(report) }
}

function runReferenceMeasured(
  simulator: Simulator,
  jobId: string,
  intervalS: number
): Promise<Measured> {
  const report = reportFile()
  const started = performance.now()
  const child = spawn(process.execPath, [REFERENCE], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: `--import=${MEASURE} --no-warnings`,
      BENCH_REPORT: report,
      BASE_URL: simulator.url,
      API_KEY: SIMULATOR_API_KEY,
      PROJECT_ID: DEMO_PROJECT_ID,
      JOB_ID: jobId,
      PROMPT,
      INTERVAL_MS: String(intervalS * 1000)
    }
  })
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the reference client exited with ${code}`))
      resolve({ wallMs: performance.now() - started, exitedAt: Date.now(), ...readReport(report) })
    })
  })
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

async function startupAndMemory() {
  const simulator = await startSimulator({ jobDurationMs: 0 })
  simulator.addJob({ id: 'done', durationMs: 0 })
  const action: Measured[] = []
  const reference: Measured[] = []
  // Alternate so that whatever else the machine does weighs on both alike.
  // The send's answer says `active`; both wait one short interval, then read the job complete.
  for (let i = 0; i < RUNS; i++) {
    action.push(await runActionMeasured(simulator, 'done', 0.02))
    reference.push(await runReferenceMeasured(simulator, 'done', 0.02))
  }
  await simulator.close()
  return { action, reference }
}

async function timeToNoticeTheEnd() {
  const simulator = await startSimulator()
  const jobs = Array.from({ length: RUNS }, (_, i) => {
    const durationMs = 1000 + Math.round(Math.random() * 9000)
    return simulator.addJob({ id: `timed-${i}`, durationMs, outcome: 'completed' })
  })
  const runs = await Promise.all(jobs.map((job) => runActionMeasured(simulator, job.id, 1)))
  const rows = jobs.map((job, i) => {
    const jobPath = `/v2/agent/${DEMO_PROJECT_ID}/job/${job.id}`
    const requests = simulator.requests.filter(
      (r) => r.path === jobPath || r.path === `${jobPath}/message`
    )
    const sentAt = simulator.accepted.find((m) => m.jobId === job.id)!.at
    return {
      job: job.id,
      durationMs: job.finalAt! - sentAt,
      exitDelayMs: runs[i]!.exitedAt - job.finalAt!,
      gets: requests.filter((r) => r.method === 'GET').length,
      posts: requests.filter((r) => r.method === 'POST').length,
      // ceil(T / interval) after the send, whose answer is the job, and the one read before it
      // that checks the job is not busy with an earlier request.
      allowedGets: Math.ceil((job.finalAt! - sentAt) / 1000) + 1
    }
  })
  await simulator.close()
  return rows
}

/**
 * Five `/agent` commands written on one pull request, their runs started within 100 ms in another
 * order: when each message went out, and how long after the job finished the one before.
 */
async function burstOnOneThread() {
  const jobMs = 3000
  const simulator = await startSimulator({ jobDurationMs: jobMs })
  const github = await startFakeGitHub({ roles: { Codertocat: 'write' } })
  const events = [1, 2, 3, 4, 5].map((n) => {
    const body = `/agent step ${n}`
    return issueComment({ body, stored: github.addComment(1, body, 'Codertocat') })
  })
  const inputs = {
    'api-key': SIMULATOR_API_KEY,
    'project-id': DEMO_PROJECT_ID,
    'job-id': 'demo-job',
    'poll-interval': '1',
    timeout: '5m',
    'base-url': simulator.url,
    'github-token': 'ghs_bench'
  }
  const runs: Promise<{ exitCode: number | null }>[] = []
  for (const index of [4, 2, 0, 3, 1]) {
    runs[index] = startAction(inputs, {
      event: events[index],
      env: { GITHUB_API_URL: github.url }
    }).done
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const exits = await Promise.all(runs)
  const accepted = simulator.accepted
  const rows = accepted.map((message, i) => ({
    prompt: message.prompt,
    afterFirstMs: message.at - accepted[0]!.at,
    afterPreviousFinalMs: i === 0 ? undefined : message.at - (accepted[i - 1]!.at + jobMs)
  }))
  const result = {
    jobMs,
    rows,
    inOrder:
      accepted.map((m) => m.prompt).join() === [1, 2, 3, 4, 5].map((n) => `step ${n}`).join(),
    allPassed: exits.every((run) => run.exitCode === 0),
    githubCalls: github.calls.length
  }
  await github.close()
  await simulator.close()
  return result
}

function footprint(loaded: string[]) {
  const dist = join(REPO_ROOT, 'dist')
  const names = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dist, join(entry.parentPath, entry.name)))
    .sort()
  const files = names.map((name) => {
    const text = readFileSync(join(dist, name), 'utf8')
    return {
      name,
      bytes: statSync(join(dist, name)).size,
      octokit: text.includes('@octokit/') || text.includes('octokit.js'),
      loadedAtStart: loaded.some((url) => url.endsWith(`/dist/${name}`))
    }
  })
  return {
    files,
    loaded: loaded.map((url) => url.replace(pathToFileURL(REPO_ROOT).href + '/', ''))
  }
}

const startup = await startupAndMemory()
const timing = await timeToNoticeTheEnd()
const burst = await burstOnOneThread()
const foot = footprint(startup.action[0]!.loaded)

const wallAction = median(startup.action.map((m) => m.wallMs))
const wallReference = median(startup.reference.map((m) => m.wallMs))
const rssAction = median(startup.action.map((m) => m.maxRssKiB)) / 1024
const rssReference = median(startup.reference.map((m) => m.maxRssKiB)) / 1024
const worstExit = Math.max(...timing.map((t) => t.exitDelayMs))
const getsWithin = timing.every((t) => t.gets <= t.allowedGets)
const onePost = timing.every((t) => t.posts === 1)
const octokitAtStart = foot.files.some((f) => f.octokit && f.loadedAtStart)

const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED')
const lines = [
  '# Benchmark results',
  '',
  `Command: \`npm run bench\` (${RUNS} alternating runs each; ${RUNS} timed jobs). Node ${process.version},`,
  `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${new Date().toISOString()}.`,
  '',
  "## 1. A job that completes at once: the action against a minimal client on Node's built-in fetch (poll-interval 20 ms)",
  '',
  '| | action (dist/index.js) | reference client | ratio | target |',
  '| --- | --- | --- | --- | --- |',
  `| wall time, median | ${wallAction.toFixed(0)} ms | ${wallReference.toFixed(0)} ms | ${(wallAction / wallReference).toFixed(2)} | ≤ 1.25 (${verdict(wallAction / wallReference <= 1.25)}) |`,
  `| peak RSS, median | ${rssAction.toFixed(1)} MiB | ${rssReference.toFixed(1)} MiB | ${(rssAction / rssReference).toFixed(2)} | ≤ 1.3 (${verdict(rssAction / rssReference <= 1.3)}) |`,
  '',
  '## 2. Jobs that finish 1–10 s after the send, poll-interval 1 s',
  '',
  '| job | job took | exit after the job turned final | GETs | GETs allowed: ceil(T/1s) after the send, and 1 before it | POSTs |',
  '| --- | --- | --- | --- | --- | --- |',
  ...timing.map(
    (t) =>
      `| ${t.job} | ${(t.durationMs / 1000).toFixed(2)} s | ${t.exitDelayMs} ms | ${t.gets} | ${t.allowedGets} | ${t.posts} |`
  ),
  '',
  `Worst exit delay: ${worstExit} ms (target ≤ 1250 ms: ${verdict(worstExit <= 1250)}); GETs within bound: ${verdict(getsWithin)}; exactly one POST per run: ${verdict(onePost)}.`,
  '',
  `## 3. Five commands on one pull request, runs started within 100 ms (jobs of ${burst.jobMs / 1000} s, poll-interval 1 s)`,
  '',
  '| message | sent after the first | sent after the job finished the one before |',
  '| --- | --- | --- |',
  ...burst.rows.map(
    (r) =>
      `| ${r.prompt} | ${(r.afterFirstMs / 1000).toFixed(2)} s | ${r.afterPreviousFinalMs === undefined ? '—' : `${r.afterPreviousFinalMs} ms`} |`
  ),
  '',
  `In the order written: ${verdict(burst.inOrder)}; every run passed: ${verdict(burst.allPassed)}; GitHub calls for the five runs: ${burst.githubCalls}.`,
  '',
  '## 4. Footprint',
  '',
  '| file | size | holds octokit | loaded at start-up (inputs-only run) |',
  '| --- | --- | --- | --- |',
  ...foot.files.map(
    (f) =>
      `| dist/${f.name} | ${(f.bytes / 1024).toFixed(0)} KiB | ${f.octokit ? 'yes' : 'no'} | ${f.loadedAtStart ? 'yes' : 'no'} |`
  ),
  '',
  `Files an inputs-only run loads: ${foot.loaded.map((f) => `\`${f}\``).join(', ')}. Octokit loaded at start-up: ${octokitAtStart ? 'YES' : 'no'}.`,
  ''
]
const markdown = lines.join('\n')
writeFileSync(join(REPO_ROOT, 'bench', 'results.md'), markdown)
console.log(markdown)
console.log(`(written to bench/results.md; ${ACTION_ENTRY})`)
