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
import { lineCost, waitCost } from './bench-line.js'
import {
  burstCost,
  eventCost,
  EVENT_COST_FEATURES,
  firstPromptSize,
  type EventCost,
  staggeredBurst
} from './bench-sync.js'
import { pathOfAPush } from './bench-path.js'

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

/**
 * The reference client, as it is or with the one V8 setting the action makes at start-up
 * (src/core/wasm-baseline.ts), which spares any undici client a wait at exit.
 */
function runReferenceMeasured(
  simulator: Simulator,
  jobId: string,
  intervalS: number,
  baselineWasm = false
): Promise<Measured> {
  const report = reportFile()
  const started = performance.now()
  const flags = baselineWasm ? ['--wasm-tiering-budget=2000000000'] : []
  const child = spawn(process.execPath, [...flags, REFERENCE], {
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
  const referenceBaseline: Measured[] = []
  // Alternate so that whatever else the machine does weighs on all alike.
  // The send's answer says `active`; each waits one short interval, then reads the job complete.
  for (let i = 0; i < RUNS; i++) {
    action.push(await runActionMeasured(simulator, 'done', 0.02))
    reference.push(await runReferenceMeasured(simulator, 'done', 0.02))
    referenceBaseline.push(await runReferenceMeasured(simulator, 'done', 0.02, true))
  }
  await simulator.close()
  return { action, reference, referenceBaseline }
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
const lines = []
for (const count of [1, 4, 8, 16]) lines.push(await lineCost(count))
const waits = [await waitCost(30_000, '2m'), await waitCost(30_000, '10s')]
const foot = footprint(startup.action[0]!.loaded)
// This repository's own commits, as code pull requests: a mid-size change and a large one.
const prompts = ['32304db', 'bd4dba2'].map(firstPromptSize)
const bursts = [await burstCost(1), await burstCost(4), await burstCost(4, 250)]
const staggered = await staggeredBurst()
const eventCosts: EventCost[] = []
for (const [features, inputs] of EVENT_COST_FEATURES)
  eventCosts.push(await eventCost(features, inputs))
const seconds = (ms: number) => (ms / 1000).toFixed(1)
const path = await pathOfAPush()

const wallAction = median(startup.action.map((m) => m.wallMs))
const wallReference = median(startup.reference.map((m) => m.wallMs))
const wallBaseline = median(startup.referenceBaseline.map((m) => m.wallMs))
const rssAction = median(startup.action.map((m) => m.maxRssKiB)) / 1024
const rssReference = median(startup.reference.map((m) => m.maxRssKiB)) / 1024
const worstExit = Math.max(...timing.map((t) => t.exitDelayMs))
const getsWithin = timing.every((t) => t.gets <= t.allowedGets)
const onePost = timing.every((t) => t.posts === 1)
const octokitAtStart = foot.files.some((f) => f.octokit && f.loadedAtStart)
const lone = lines[0]!
const eight = lines.find((l) => l.commands === 8)!
const githubRatio = eight.githubPerCommand / lone.githubPerCommand
const mintlifyRatio = eight.mintlifyPerCommand / lone.mintlifyPerCommand

const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED')
const ratio = (a: number, b: number): string => (a / b).toFixed(2)
const markdown = [
  '# Benchmark results',
  '',
  `Command: \`npm run bench\` (${RUNS} alternating runs each; ${RUNS} timed jobs). Node ${process.version},`,
  `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${new Date().toISOString()}.`,
  '',
  "## 1. A job that completes at once: the action against a minimal client on Node's built-in fetch (poll-interval 20 ms)",
  '',
  'The reference sends the message with `fetch`, then reads the job every 20 ms until it is final. Node exits it only once V8 has finished optimising the HTTP parser it used; the action tells V8 not to (`src/core/wasm-baseline.ts`), so the reference is measured both as it is and with that same setting.',
  '',
  '| | action (dist/index.js) | reference, as it is | reference with the same V8 setting | target |',
  '| --- | --- | --- | --- | --- |',
  `| wall time, median | ${wallAction.toFixed(0)} ms | ${wallReference.toFixed(0)} ms (ratio ${ratio(wallAction, wallReference)}) | ${wallBaseline.toFixed(0)} ms (ratio ${ratio(wallAction, wallBaseline)}) | ≤ 1.25 against the stricter (${verdict(wallAction / Math.min(wallReference, wallBaseline) <= 1.25)}) |`,
  `| peak RSS, median | ${rssAction.toFixed(1)} MiB | ${rssReference.toFixed(1)} MiB (ratio ${ratio(rssAction, rssReference)}) | | |`,
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
  '## 3. What a line of commands costs (one pull request, runs started at once, jobs of 3 s, poll-interval 1 s)',
  '',
  "Counted GitHub calls are those that count against the workflow token's 1,000 an hour: every REST call but a `304 Not Modified`. Each run has a run ID, and the token may read runs (`actions: read`), as in the README's workflow.",
  '',
  '| commands in the line | counted GitHub calls per command | most by one run | 304s per command (free) | Mintlify reads per command | sent in order | every run passed | first to last message |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...lines.map(
    (l) =>
      `| ${l.commands} | ${l.githubPerCommand.toFixed(1)} | ${l.githubMost} | ${l.unchangedPerCommand.toFixed(1)} | ${l.mintlifyPerCommand.toFixed(1)} | ${verdict(l.inOrder)} | ${verdict(l.allPassed)} | ${l.spanS.toFixed(1)} s |`
  ),
  '',
  `A line of 8 against a lone command: counted GitHub calls per command ${githubRatio.toFixed(2)}× (target ≤ 1.7: ${verdict(githubRatio <= 1.7)}), Mintlify reads per command ${mintlifyRatio.toFixed(2)}× (target ≤ 2: ${verdict(mintlifyRatio <= 2)}).`,
  '',
  '## 4. What a 30 s wait adds',
  '',
  "A command whose run waits behind another command's 30 s job, against a lone command.",
  '',
  '| queue-expiry | counted calls, lone command | counted calls, after a 30 s wait | added by the wait | target |',
  '| --- | --- | --- | --- | --- |',
  ...waits.map(
    (w) =>
      `| ${w.queueExpiry} | ${w.lone} | ${w.waiting} | ${w.waiting - w.lone} | ≤ 4 (${verdict(w.waiting - w.lone <= 4)}) |`
  ),
  '',
  '## 5. Footprint',
  '',
  '| file | size | holds octokit | loaded at start-up (inputs-only run) |',
  '| --- | --- | --- | --- |',
  ...foot.files.map(
    (f) =>
      `| dist/${f.name} | ${(f.bytes / 1024).toFixed(0)} KiB | ${f.octokit ? 'yes' : 'no'} | ${f.loadedAtStart ? 'yes' : 'no'} |`
  ),
  '',
  `Files an inputs-only run loads: ${foot.loaded.map((f) => `\`${f}\``).join(', ')}. Octokit loaded at start-up: ${octokitAtStart ? 'YES' : 'no'}.`,
  '',
  '## 6. Mode sync',
  '',
  "The first prompt for two of this repository's own commits taken as code pull requests (their files as GitHub's files list gives them, with the docs-sync example's instructions):",
  '',
  '| commit | files | lines changed | diff characters | first prompt | files quoted | listed only (lockfiles, built, …) |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...prompts.map(
    (p) =>
      `| ${p.commit} ${p.subject} | ${p.files} | ${p.lines} | ${p.diffChars} | ${p.promptChars} characters | ${p.quoted} | ${p.listedOnly} |`
  ),
  '',
  'Pushes while the docs job works on its first message (jobs of 3 s), their runs started at once; the opening run does not wait:',
  '',
  '| pushes | comments already on the pull request | messages sent for them | into a busy job | sync outputs | counted GitHub calls, opening run then each push run | Mintlify reads, all runs |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...bursts.map(
    (b) =>
      `| ${b.pushes} | ${b.comments} | ${b.messages} | ${b.intoBusyJob ? 'YES' : 'no'} | ${b.syncOutputs.join(', ')} | ${b.githubPerRun.join(', ')} | ${b.mintlifyReads} |`
  ),
  '',
  `Runner time for a burst: the opening run, then 3 pushes 3 s apart, each push's run started as it is pushed, into jobs of ${seconds(staggered.jobMs)} s (\`wait\` left at true). The target: runner time within the agent's working time plus 15 s a run, and one run waiting at a time.`,
  '',
  '| runs | runner seconds, each run | runner seconds, summed | agent working seconds (+15 s a run) | runs waiting at once (past their first 3 s) | messages and new jobs sent | sent by each run | sync outputs | counted GitHub calls, each run |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  `| ${staggered.runnerMs.length} | ${staggered.runnerMs.map(seconds).join(', ')} | ${seconds(staggered.runnerMs.reduce((a, b) => a + b, 0))} | ${seconds(staggered.agentMs)} (${seconds(staggered.agentMs + 15_000 * staggered.runnerMs.length)}) | ${staggered.waitingAtOnce} | ${staggered.messages} | ${staggered.sentPerRun.join(', ')} | ${staggered.syncOutputs.join(', ')} | ${staggered.githubPerRun.join(', ')} |`,
  '',
  '## 7. Mode sync: GitHub calls per event, with and without the check run and docs-token',
  '',
  "One pull request opened, pushed twice and merged; a second opened, closed unmerged and reopened. Jobs of 1 s, and every run waits for its job. Counted calls of the workflow's token (REST, no 304s), then docs-token's calls (REST and GraphQL) on the docs repository.",
  '',
  `| event | ${eventCosts.map((c) => c.features).join(' | ')} |`,
  `| --- |${' --- |'.repeat(eventCosts.length)}`,
  ...eventCosts[0]!.events.map(
    (e, i) =>
      `| ${e.event} (${e.sync}) | ${eventCosts
        .map((c) => {
          const at = c.events[i]!
          return c.features.includes('docs-token')
            ? `${at.workflowToken} + ${at.docsToken}`
            : String(at.workflowToken)
        })
        .join(' | ')} |`
  ),
  '',
  '## 8. Mode sync: the path of one push',
  '',
  `The source files whose functions run from the start of a \`synchronize\` run (a pull request with a job, the job free) to its POST to Mintlify, module top levels aside: ${path.length}. Of them, the flow's own (\`sync/\`, \`thread/\`, and \`core/\`'s delivery and deadline; the prompt builder aside): ${path.filter((f) => /^(sync|thread)\/|^core\/(delivery|deadline)/.test(f)).length}.`,
  '',
  ...path.map((f) => `- \`src/${f}\``),
  ''
].join('\n')
writeFileSync(join(REPO_ROOT, 'bench', 'results.md'), markdown)
console.log(markdown)
console.log(`(written to bench/results.md; ${ACTION_ENTRY})`)
