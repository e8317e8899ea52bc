import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '../scripts/run-action.js'
import { DEMO_JOB_ID, SIMULATOR_API_KEY } from '../simulator/mintlify-simulator.js'
import { useSimulator } from './helpers/action.js'
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js'

const CLI = join(REPO_ROOT, 'dist', 'cli', 'index.js')
const simulator = useSimulator()

interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

function cli(
  args: string[],
  env: Record<string, string> = { MINTLIFY_API_KEY: SIMULATOR_API_KEY }
): Promise<CliRun> {
  const child = spawn(
    process.execPath,
    [CLI, ...args, '--base-url', simulator().url, '--poll-interval', '0.05'],
    {
      env: { PATH: process.env.PATH ?? '', ...env }
    }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

describe('the mintlify-agent command line', () => {
  it('follow-up: plain progress lines when piped, the result on stdout, exit 0', async () => {
    const run = await cli([
      'follow-up',
      '--project',
      'demo-project',
      '--job',
      DEMO_JOB_ID,
      'add',
      'examples'
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(
      `job: ${DEMO_JOB_ID}\nstatus: completed\npull request: https://github.com/acme/docs/pull/42\n`
    )
    expect(run.stderr).toContain('Mintlify took the message; job demo-job is active.')
    expect(run.stderr).not.toContain('\r')
    expect(run.stderr).not.toContain('::')
    expect(simulator().accepted.map((m) => m.prompt)).toEqual(['add examples'])
  })

  it('--json prints the outcome as one JSON document', async () => {
    const run = await cli([
      'follow-up',
      '--project',
      'demo-project',
      '--job',
      DEMO_JOB_ID,
      '--json',
      'more'
    ])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      'job-id': DEMO_JOB_ID,
      status: 'completed',
      'pr-link': 'https://github.com/acme/docs/pull/42',
      created: 'false',
      job: { id: DEMO_JOB_ID, status: 'completed' },
      failure: null
    })
  })

  it('create starts a job', async () => {
    const run = await cli(['create', '--project', 'demo-project', '--json', 'Document the CLI'])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as Record<string, string>
    expect(result).toMatchObject({ created: 'true', status: 'completed' })
    expect(simulator().accepted.map((m) => m.jobId)).toEqual([result['job-id']])
  })

  it('--no-wait returns at once with the job still active', async () => {
    const run = await cli([
      'follow-up',
      '--project',
      'demo-project',
      '--job',
      DEMO_JOB_ID,
      '--no-wait',
      'quick'
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('status: active')
  })

  it('exits 1 when the job fails, with the reason on stderr', async () => {
    simulator().addJob({ id: 'doomed', outcome: 'failed' })
    const run = await cli(['follow-up', '--project', 'demo-project', '--job', 'doomed', 'try'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('error: Mintlify agent job doomed failed')
    expect(run.stdout).toContain('status: failed')
  })

  it('status reads a job and exits as its status says', async () => {
    simulator().addJob({ id: 'gone', status: 'archived' })
    const ok = await cli(['status', '--project', 'demo-project', '--job', DEMO_JOB_ID])
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining('status: completed') })
    const archived = await cli(['status', '--project', 'demo-project', '--job', 'gone'])
    expect(archived.code).toBe(1)
    const missing = await cli(['status', '--project', 'demo-project', '--job', 'nope'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('Mintlify answered 404 for job nope in project demo-project')
    expect(simulator().accepted).toEqual([])
  })

  it.each([
    [
      ['follow-up', '--project', 'demo-project', '--job', DEMO_JOB_ID, 'x'],
      {},
      'MINTLIFY_API_KEY is required'
    ],
    [
      ['follow-up', '--project', 'demo-project', 'x'],
      undefined,
      "follow-up needs --job <job-id> or --pr <pull request URL>: the job to send to. To start a new job, use 'mintlify-agent create'."
    ],
    [
      ['follow-up', '--project', 'demo-project', '--job', 'a/b', 'x'],
      undefined,
      '--job is not a valid ID'
    ],
    [['launch'], undefined, "Unknown command 'launch'"],
    [['follow-up', '--wat'], undefined, "Unknown option '--wat'"]
  ])('%j is a usage error (exit 2)', async (args, env, message) => {
    const run = await cli(args, env ?? { MINTLIFY_API_KEY: SIMULATOR_API_KEY })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
    expect(simulator().requests).toEqual([])
  })

  it('on a terminal, keeps one live progress line', async () => {
    // `script` gives the command a pseudo-terminal, as a person's shell would. The simulator lives
    // in this process, so the wait must not block it.
    const command = [
      process.execPath,
      CLI,
      'follow-up',
      '--project',
      'demo-project',
      '--job',
      DEMO_JOB_ID,
      '--base-url',
      simulator().url,
      '--poll-interval',
      '0.05',
      'hi'
    ]
      .map((word) => `'${word}'`)
      .join(' ')
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', MINTLIFY_API_KEY: SIMULATOR_API_KEY, TERM: 'xterm' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let screen = ''
    child.stdout.on('data', (chunk: Buffer) => (screen += chunk))
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    const clearLine = '\r\u001b[2K'
    expect(screen).toContain(`${clearLine}⏳ job demo-job: active, `)
    expect(screen).toMatch(/⏳ job demo-job: active, \d+ms elapsed/)
    expect(screen).toContain('pull request: https://github.com/acme/docs/pull/42')
  })
})

describe('mintlify-agent --pr: the job behind a pull request', () => {
  let github: FakeGitHub | undefined
  afterEach(() => github?.close())
  const PR = 'https://github.com/Codertocat/Hello-World/pull/1'

  it('with a token, the head branch comes from GitHub and finds the job', async () => {
    github = await startFakeGitHub({ headRef: 'mintlify/7d1e0c3b' })
    simulator().addJob({
      id: 'branch-job',
      source: { repository: 'https://github.com/Codertocat/Hello-World', ref: 'mintlify/7d1e0c3b' }
    })
    const run = await cli(['follow-up', '--project', 'demo-project', '--pr', PR, 'shorten', 'it'], {
      MINTLIFY_API_KEY: SIMULATOR_API_KEY,
      GH_TOKEN: 'ghp_cli_token',
      GITHUB_API_URL: github.url
    })
    expect(run.code).toBe(0)
    expect(simulator().accepted.map((m) => [m.jobId, m.prompt])).toEqual([
      ['branch-job', 'shorten it']
    ])
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /repos/Codertocat/Hello-World/pulls/1'
    ])
    expect(run.stderr).toContain('Confirmed: job branch-job works on')
  })

  it('without a token, only the pull request link can match, and it says so', async () => {
    simulator().addJob({
      id: 'branch-job',
      source: { repository: 'https://github.com/Codertocat/Hello-World', ref: 'mintlify/7d1e0c3b' }
    })
    const missed = await cli(['status', '--project', 'demo-project', '--pr', PR])
    expect(missed.code).toBe(1)
    expect(missed.stderr).toContain(
      `No GH_TOKEN or GITHUB_TOKEN: the pull request's head branch cannot be read from GitHub, so only a job whose pull request link is ${PR} can match.`
    )
    expect(missed.stderr).toContain(`error: no Mintlify agent job was confirmed for ${PR}.`)

    simulator().addJob({ id: 'linked-job', prLink: PR })
    const found = await cli(['status', '--project', 'demo-project', '--pr', `${PR}/files`])
    expect(found.code).toBe(0)
    expect(found.stdout).toContain('job: linked-job')
  })

  it('--pr that is not a pull request address is a usage error', async () => {
    const run = await cli(['status', '--project', 'demo-project', '--pr', 'acme/docs#42'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("--pr takes a pull request's address")
    expect(simulator().requests).toEqual([])
  })
})
