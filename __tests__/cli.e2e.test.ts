import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '../scripts/run-action.js'
import { DEMO_JOB_ID, SIMULATOR_API_KEY } from '../simulator/mintlify-simulator.js'
import { useSimulator } from './helpers/action.js'

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
      "follow-up needs --job <job-id>: the job to send to. To start a new job, use 'mintlify-agent create'."
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
