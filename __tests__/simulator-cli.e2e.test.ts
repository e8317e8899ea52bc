import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '../scripts/run-action.js'
import { DEMO_JOB_ID, SIMULATOR_API_KEY } from '../src/simulator/server.js'
import { docsPage } from './helpers/docs.js'

const CLI = join(REPO_ROOT, 'dist', 'cli', 'index.js')

interface Ended {
  code: number | null
  stdout: string
  stderr: string
}

function run(args: string[], env: Record<string, string> = {}): Promise<Ended> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

/** `mintlify-agent simulator …`, running until the test stops it; resolves once it listens. */
async function simulator(
  args: string[]
): Promise<{ url: string; banner: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'simulator', '--port', '0', ...args], {
    env: { PATH: process.env.PATH ?? '' }
  })
  let banner = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      banner += chunk
      const match = /base-url:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)
      if (match && banner.includes('Try it')) resolve(match[1]!)
    })
    child.on('close', () => reject(new Error(`the simulator ended: ${banner}`)))
  })
  return { url, banner, child }
}

const running: ChildProcess[] = []
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGINT')
})

async function started(args: string[]) {
  const sim = await simulator(args)
  running.push(sim.child)
  const agent = (more: string[]) =>
    run(
      [
        'follow-up',
        '--project',
        'demo-project',
        '--job',
        DEMO_JOB_ID,
        '--poll-interval',
        '0.05',
        '--json',
        ...more
      ],
      { MINTLIFY_API_KEY: SIMULATOR_API_KEY, MINTLIFY_BASE_URL: sim.url }
    )
  return { ...sim, agent }
}

describe('mintlify-agent simulator', () => {
  it('takes every switch docs/cli.md lists for a scenario, and npm run simulator runs it too', async () => {
    const page = docsPage('cli.md')
    const table = page.slice(
      page.indexOf('| Scenario'),
      page.indexOf('\n\n', page.indexOf('| Scenario'))
    )
    const switches = [...table.matchAll(/`(--[a-z-]+(?: [^`]+)?)`/g)].map((m) => m[1]!.split(' '))
    expect(switches.length).toBeGreaterThanOrEqual(12)
    for (const words of switches) {
      // The helper picks a free port itself.
      const sim = await simulator(words[0] === '--port' ? [] : words)
      sim.child.kill('SIGINT')
      await new Promise((resolve) => sim.child.on('close', resolve))
    }
    const viaNpm = spawnSync('npm', ['run', '-s', 'simulator', '--', '--help'], {
      cwd: REPO_ROOT,
      encoding: 'utf8'
    })
    expect(viaNpm.status).toBe(0)
    expect(viaNpm.stdout).toContain('Usage: mintlify-agent simulator [options]')
  })

  it('--help prints its usage; a bad flag prints one line and the usage hint, never a stack', async () => {
    const help = await run(['simulator', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: mintlify-agent simulator [options]')
    expect(help.stdout).toContain(
      "The same address answers GitHub's REST calls too (set GITHUB_API_URL"
    )
    for (const [args, message] of [
      [['--port', 'abc'], "--port takes a whole number, 0 or more (got 'abc')."],
      [
        ['--outcome', 'maybe'],
        '--outcome takes completed, no-changes, failed, archived or never-ends'
      ],
      [['--fault', 'explode'], "--fault does not know 'explode'"],
      [['--wat'], 'simulator has no --wat flag.']
    ] as const) {
      const bad = await run(['simulator', ...args])
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain(`error: ${message}`)
      expect(bad.stderr).toContain("Run 'mintlify-agent simulator --help' for usage.")
      expect(bad.stderr).not.toMatch(/\n\s+at /)
    }
  })

  it('prints how to use it, and stops with exit 0 on Ctrl-C', async () => {
    const sim = await simulator(['--job-duration', '3s'])
    expect(sim.banner).toContain(`api-key:    ${SIMULATOR_API_KEY}`)
    expect(sim.banner).toContain(
      'Jobs work 3s on each message, then end completed; 100 messages or new jobs per project per hour.'
    )
    expect(sim.banner).toContain(
      `mintlify-agent follow-up --project demo-project --job ${DEMO_JOB_ID}`
    )
    expect(sim.banner).toContain(`GITHUB_API_URL=${sim.url} (any token)`)
    sim.child.kill('SIGINT')
    const code = await new Promise((resolve) => sim.child.on('close', resolve))
    expect(code).toBe(0)
  })

  it.each([
    ['failed', 'failed', 1],
    ['archived', 'archived', 1],
    ['no-changes', 'completed', 0]
  ] as const)('--outcome %s: jobs end %s', async (outcome, status, code) => {
    const { agent } = await started(['--outcome', outcome, '--job-duration', '0.1'])
    const result = await agent(['go'])
    expect(result.code).toBe(code)
    const document = JSON.parse(result.stdout) as { status: string; prLink: string | null }
    expect(document.status).toBe(status)
    if (outcome === 'no-changes') expect(document.prLink).toBeNull()
  })

  it('--job-duration sets how long a job works', async () => {
    const { agent } = await started(['--job-duration', '0.6'])
    const result = await agent(['go'])
    expect((JSON.parse(result.stdout) as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(
      550
    )
  })

  it('--fault serves server faults the client rides out', async () => {
    const { banner, agent } = await started([
      '--job-duration',
      '0.1',
      '--fault',
      '503:2@message',
      '--fault',
      'reset@job',
      '--fault',
      'slow@job',
      '--slow',
      '0.3'
    ])
    expect(banner).toContain(
      'Faults: 503 ×2 on message requests; a dropped connection ×1 on job requests; a 0.3s late answer ×1 on job requests.'
    )
    const result = await agent(['go'])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('Sending the message again')
  })

  it('--hourly-limit 1: the second request is refused, and the message says 1, not 100', async () => {
    const { agent } = await started(['--hourly-limit', '1', '--job-duration', '0.05'])
    expect((await agent(['first'])).code).toBe(0)
    const second = await agent(['second'])
    expect(second.code).toBe(1)
    const { error } = JSON.parse(second.stdout) as {
      error: { message: string; kind: string; status: number }
    }
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429 })
    expect(error.message).toContain(
      "the project's limit of 1 message or new job per hour is used up"
    )
    expect(error.message).toContain(
      '("Rate limit exceeded: 1 message or new job per project per hour")'
    )
  })
})
