/**
 * The sample events and their recipes (examples/events/), run as a newcomer runs them: the
 * simulator's command line in one process, the bundled action in another, as the runner starts it,
 * with each recipe's environment; and once through GitHub's own @github/local-action.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { REPO_ROOT } from '../scripts/run-action.js'
import { DEMO_JOB_ID, DEMO_PROJECT_ID, SIMULATOR_API_KEY } from '../src/simulator/server.js'
import { errorsIn, runAction } from './helpers/action.js'
import { answerProblems, callProblems } from './helpers/github-contract.js'
import { startRecordingProxy, type Exchange } from './helpers/recording-proxy.js'

const CLI = join(REPO_ROOT, 'dist', 'cli', 'index.js')
/** Where the recipes expect the simulator: its default port. */
const DEFAULT_URL = 'http://127.0.0.1:4010'

interface Running {
  url: string
  /** What the simulator printed so far: its banner, then a line per request. */
  log: () => string
  child: ChildProcess
}

/** `mintlify-agent simulator --port 0`, resolved once it prints where it listens. */
async function startSimulatorCli(): Promise<Running> {
  const child = spawn(
    process.execPath,
    [CLI, 'simulator', '--port', '0', '--job-duration', '0.2'],
    {
      env: { PATH: process.env.PATH ?? '' }
    }
  )
  let log = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk
      const match = /base-url:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(log)
      if (match && log.includes('Try it')) resolve(match[1]!)
    })
    child.on('close', () => reject(new Error(`the simulator ended: ${log}`)))
  })
  return { url, log: () => log, child }
}

/** A recipe's lines, the simulator's address in place of the default one. */
function recipeLines(name: string, url: string): [string, string][] {
  return readFileSync(join(REPO_ROOT, 'examples', 'events', name), 'utf8')
    .split('\n')
    .filter((line) => line.includes('=') && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=')
      return [line.slice(0, at), line.slice(at + 1).replaceAll(DEFAULT_URL, url)]
    })
}

/** A recipe as runAction takes it: inputs by name, and the rest of the environment. */
function recipe(name: string, url: string) {
  const inputs: Record<string, string> = {}
  const env: Record<string, string> = {}
  for (const [key, value] of recipeLines(name, url)) {
    if (key.startsWith('INPUT_')) inputs[key.slice('INPUT_'.length).toLowerCase()] = value
    else
      env[key] = key === 'GITHUB_EVENT_PATH' && !isAbsolute(value) ? join(REPO_ROOT, value) : value
  }
  // Tests wait tens of milliseconds, not seconds, between two reads.
  if (inputs['poll-interval']) inputs['poll-interval'] = '0.05'
  return { inputs, env }
}

let simulator: Running
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>
beforeEach(async () => {
  simulator = await startSimulatorCli()
  proxy = await startRecordingProxy(simulator.url)
})
afterEach(async () => {
  simulator.child.kill('SIGINT')
  await proxy.close()
})

/** The GitHub calls that went through the proxy (Mintlify's paths start /v1/agent or /v2/agent). */
const githubCalls = (): Exchange[] =>
  proxy.exchanges.filter((e) => !/^\/v[12]\/agent\//.test(e.path))

/** Every GitHub call the action made, and every answer it got, as GitHub's description has them. */
function expectGitHubContract(): void {
  const calls = githubCalls()
  expect(calls.length).toBeGreaterThan(0)
  const found = calls.flatMap((e) => {
    const call = `${e.method} ${e.path}${e.query ? `?${e.query}` : ''} → ${e.status}`
    if (e.path === '/graphql')
      return typeof (e.body as { query?: unknown }).query === 'string' ? [] : [`${call}: no query`]
    return [
      ...(e.status >= 400 ? [`${call}: answered ${JSON.stringify(e.answer)}`] : []),
      ...callProblems(e.method, e.path, e.query, e.body).map((p) => `${call}: ${p}`),
      ...answerProblems(e.method, e.path, e.status, e.answer, { required: true }).map(
        (p) => `${call}, answer: ${p}`
      )
    ]
  })
  expect(found).toEqual([])
}

async function read<T>(path: string): Promise<T> {
  const response = await fetch(`${simulator.url}${path}`)
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

interface Comment {
  id: number
  html_url: string
  body: string
  user: { login: string }
}

describe('examples/events against the simulator, as the runner runs the action', () => {
  it('agent.env: /agent on acme/docs#42 is sent to the demo job, and its status comment stays for the next run', async () => {
    const { inputs, env } = recipe('agent.env', proxy.url)
    const first = await runAction(inputs, { env })
    expect(errorsIn(first.stdout)).toEqual([])
    expect(first.exitCode).toBe(0)
    expect(first.outputs).toMatchObject({
      result: 'sent',
      'command-author': 'monalisa',
      'job-id': DEMO_JOB_ID,
      status: 'completed',
      'pr-link': 'https://github.com/acme/docs/pull/42'
    })
    const thread = await read<Comment[]>('/repos/acme/docs/issues/42/comments')
    const status = thread.find((c) => c.id === Number(first.outputs['comment-id']))!
    expect(status.user.login).toBe('github-actions[bot]')
    expect(status.body).toContain('completed: https://github.com/acme/docs/pull/42')
    expect(status.body).toContain('> Also add an example of the 401 answer to an invalid key')
    expect(simulator.log()).toMatch(
      /^POST \/repos\/acme\/docs\/issues\/42\/comments → 201 \(\d+ ms\)$/m
    )

    // The same command again: the first run's status comment is still there, and says it was sent.
    const second = await runAction(inputs, { env })
    expect(second.exitCode).toBe(1)
    expect(second.outputs.result).toBe('not-sent')
    expect(errorsIn(second.stdout)).toEqual([
      `This command was already sent to job \`${DEMO_JOB_ID}\` by an earlier run (${status.html_url}), so it was not sent again. Write a new \`/agent\` comment to ask for more.`
    ])
    expectGitHubContract()
  })

  it('sync-dry-run.env: the prompt for acme/api#128, and nothing sent or written', async () => {
    const { inputs, env } = recipe('sync-dry-run.env', proxy.url)
    const run = await runAction(inputs, { env })
    expect(errorsIn(run.stdout)).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.outputs.sync).toBe('dry-run')
    expect(run.outputs.prompt).toContain('Title: Let API keys expire')
    expect(run.outputs.prompt).toContain('`src/auth/verify-key.ts` (+7 −0)')
    expect(run.stdout).toContain('│ Title: Let API keys expire')
    expect(proxy.exchanges.filter((e) => e.method !== 'GET')).toEqual([])
    expectGitHubContract()
  })

  it('sync.env: starts the docs job with a status comment and a check run; a second run has nothing to send', async () => {
    const { inputs, env } = recipe('sync.env', proxy.url)
    const run = await runAction(inputs, { env })
    expect(errorsIn(run.stdout)).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ result: 'sent', sync: 'started', status: 'completed' })
    const job = proxy.exchanges.find((e) => e.method === 'POST' && e.path.endsWith('/job'))
    expect((job?.body as { prompt: string }).prompt).toContain('Title: Let API keys expire')
    const head = (
      JSON.parse(readFileSync(env.GITHUB_EVENT_PATH!, 'utf8')) as {
        pull_request: { head: { sha: string } }
      }
    ).pull_request.head.sha
    const checks = await read<{ check_runs: { status: string; name: string }[] }>(
      `/repos/acme/api/commits/${head}/check-runs`
    )
    expect(checks.check_runs).toEqual([
      expect.objectContaining({ name: 'Docs', status: 'completed' })
    ])
    const thread = await read<Comment[]>('/repos/acme/api/issues/128/comments')
    expect(thread.map((c) => c.id)).toEqual([Number(run.outputs['comment-id'])])

    const again = await runAction(inputs, { env })
    expect(again.exitCode).toBe(0)
    expect(again.outputs).toMatchObject({ result: 'not-sent', sync: 'up-to-date' })
    expectGitHubContract()
  })
})

describe('mode sync without a pull request event', () => {
  const inputs = { mode: 'sync', 'api-key': SIMULATOR_API_KEY, 'project-id': DEMO_PROJECT_ID }

  it('with no event at all, points to mintlify-agent prompt and the sample pull request event', async () => {
    const run = await runAction({ ...inputs, 'base-url': proxy.url })
    expect(run.exitCode).toBe(1)
    const [error = ''] = errorsIn(run.stdout)
    expect(error).toContain('this run has no event')
    expect(error).toContain('run `mintlify-agent prompt` in a checkout')
    expect(error).toContain('GITHUB_EVENT_PATH=examples/events/pull_request.json')
    expect(proxy.exchanges).toEqual([])
  })

  it('on a comment, keeps its advice: /agent comments run in mode follow-up', async () => {
    const { env } = recipe('agent.env', proxy.url)
    const run = await runAction({ ...inputs, 'base-url': proxy.url }, { env })
    expect(run.exitCode).toBe(1)
    expect(errorsIn(run.stdout)).toEqual([
      expect.stringContaining(
        'but this run is for a comment. Run /agent comments with mode follow-up (the default)'
      )
    ])
  })
})

/** A loopback address where nothing listens: npm cannot reach a registry there. */
async function deadRegistry(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}/`
}

describe('GitHub’s own local-action', () => {
  it('`npx @github/local-action run . src/main.ts examples/events/agent.env` runs the /agent command, offline', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'local-action-'))
    const envFile = join(folder, 'agent.env')
    const lines = recipeLines('agent.env', proxy.url).map(([key, value]) =>
      key === 'INPUT_POLL-INTERVAL' ? `${key}=0.05` : `${key}=${value}`
    )
    writeFileSync(envFile, `${lines.join('\n')}\n`)
    // From the repository's root, as a newcomer types it; npx finds the tool in devDependencies.
    const child = spawn('npx', ['@github/local-action', 'run', '.', 'src/main.ts', envFile], {
      cwd: REPO_ROOT,
      // Nothing of a runner this test may itself run on (a step summary, outputs) reaches the tool.
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(
            ([key]) => !/^(GITHUB|RUNNER|INPUT|ACTIONS)_/.test(key)
          )
        ),
        npm_config_registry: await deadRegistry()
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    const code = await new Promise((resolve) => child.on('close', resolve))
    rmSync(folder, { recursive: true, force: true })
    expect(code).toBe(0)
    expect(output).not.toContain('::error::')
    expect(output).toContain('::set-output name=result::sent')
    expect(output).toContain('::set-output name=pr-link::https://github.com/acme/docs/pull/42')
    // GITHUB_API_URL from the .env file reached octokit: the comment was written here.
    expect(simulator.log()).toMatch(/^POST \/repos\/acme\/docs\/issues\/42\/comments → 201/m)
    expectGitHubContract()
  }, 60_000)
})
