/**
 * The path of one push: which of the project's source files run, from the start of a mode sync
 * run for a `synchronize` event to its POST to Mintlify. The action runs from its sources,
 * compiled file for file by tsc, under V8's coverage; when the simulator has taken the message,
 * the run is told to write its coverage, and is stopped. A file counts when one of its functions
 * ran, its module's top level aside (every imported file runs that).
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEMO_PROJECT_ID, SIMULATOR_API_KEY, startSimulator } from '../src/simulator/server.js'
import { pullRequestEvent } from '../__tests__/helpers/events.js'
import { startFakeGitHub } from '../__tests__/helpers/fake-github.js'
import { patchOf } from '../__tests__/helpers/fake-pulls.js'
import { REPO_ROOT, runAction } from './run-action.js'

interface ScriptCoverage {
  url: string
  functions: { functionName: string; ranges: { startOffset: number; count: number }[] }[]
}

/** The source files, relative to `root`, whose functions ran on the path; by folder. */
export async function pathOfAPush(root = REPO_ROOT): Promise<string[]> {
  const simulator = await startSimulator({ jobDurationMs: 200 })
  const github = await startFakeGitHub({
    roles: { Codertocat: 'write' },
    pullRequests: {
      42: {
        title: 'Add per-key rate limits',
        commits: [
          {
            message: 'Add limits',
            files: [{ filename: 'src/limits.ts', additions: 3, deletions: 0, patch: patchOf(3) }]
          }
        ]
      }
    }
  })
  const inputs = {
    'api-key': SIMULATOR_API_KEY,
    'project-id': DEMO_PROJECT_ID,
    mode: 'sync',
    prompt: 'Document user-facing changes.',
    'github-token': 'ghs_path',
    'poll-interval': '1',
    timeout: '60s',
    'base-url': simulator.url
  }
  try {
    const pr = github.pullRequest(42)
    await runAction(inputs, {
      event: pullRequestEvent('opened', pr),
      env: { GITHUB_API_URL: github.url }
    })
    const before = pr.headSha
    pr.push([
      {
        message: 'Push',
        files: [{ filename: 'src/push.ts', additions: 2, deletions: 0, patch: patchOf(2) }]
      }
    ])
    // The message is taken at once, and answered much later: the run is stopped meanwhile.
    simulator.addFault({ kind: 'slow', delayMs: 60_000, method: 'POST', route: 'message' })
    const coverage = mkdtempSync(join(tmpdir(), 'mintlify-path-'))
    const workdir = mkdtempSync(join(tmpdir(), 'mintlify-path-run-'))
    const eventFile = join(workdir, 'event.json')
    writeFileSync(
      eventFile,
      JSON.stringify(pullRequestEvent('synchronize', pr, { before }).payload)
    )
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: join(workdir, 'output'),
      GITHUB_STEP_SUMMARY: join(workdir, 'summary'),
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_API_URL: github.url,
      NODE_V8_COVERAGE: coverage
    }
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
    // Inside the project, so that the packages resolve from its node_modules.
    const built = join(root, '.build', 'path-of-a-push')
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/typescript/bin/tsc'),
        '-p',
        join(root, 'tsconfig.json'),
        '--outDir',
        built
      ],
      { cwd: root }
    )
    const snapshot = `data:text/javascript,import v8 from 'node:v8';process.on('SIGUSR2',()=>v8.takeCoverage())`
    const child = spawn(process.execPath, ['--import', snapshot, join(built, 'src', 'index.js')], {
      env,
      stdio: 'ignore'
    })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    let ended = false
    void exited.then(() => (ended = true))
    while (simulator.accepted.length < 2 && !ended)
      await new Promise((resolve) => setTimeout(resolve, 20))
    if (ended) throw new Error('The run ended before it sent its message.')
    child.kill('SIGUSR2')
    while (!readdirSync(coverage).length) await new Promise((resolve) => setTimeout(resolve, 20))
    child.kill('SIGKILL')
    const [first] = readdirSync(coverage).sort()
    const { result } = JSON.parse(readFileSync(join(coverage, first!), 'utf8')) as {
      result: ScriptCoverage[]
    }
    const src = join(built, 'src')
    return result
      .filter(
        (script) => script.url.startsWith('file:') && fileURLToPath(script.url).startsWith(src)
      )
      .filter((script) =>
        script.functions.some((f) => f.ranges[0]!.startOffset > 0 && f.ranges[0]!.count > 0)
      )
      .map((script) => relative(src, fileURLToPath(script.url)).replace(/\.js$/, '.ts'))
      .sort()
  } finally {
    await github.close()
    await simulator.close()
  }
}
