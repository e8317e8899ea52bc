/**
 * What a newcomer met on a first trial: the README read top to bottom, the command line and the
 * simulator tried, the bundle run as the runner runs it. One block per item of the report.
 */
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from '../scripts/run-action.js'
import { nodeTooOld } from '../src/cli/node-version.js'
import { DEMO_JOB_ID, SIMULATOR_API_KEY } from '../src/simulator/server.js'
import { docsPage, flat, readme, section } from './helpers/docs.js'
import { olderNode } from './helpers/older-node.js'
import { errorsIn, inputsFor, runAction, startAction, useSimulator } from './helpers/action.js'

const CLI = join(REPO_ROOT, 'dist', 'cli', 'index.js')
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8')
const simulator = useSimulator()

interface Ended {
  code: number | null
  stdout: string
  stderr: string
}

/** `mintlify-agent …` against the test's simulator; `stopWhen` sends SIGINT once stderr says it. */
function cli(args: string[], options: { stopWhen?: string; node?: string } = {}): Promise<Ended> {
  const child = spawn(options.node ?? process.execPath, [CLI, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      MINTLIFY_API_KEY: SIMULATOR_API_KEY,
      MINTLIFY_BASE_URL: simulator().url
    }
  })
  let stdout = ''
  let stderr = ''
  let stopped = false
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk
    if (options.stopWhen && !stopped && stderr.includes(options.stopWhen)) {
      stopped = true
      child.kill('SIGINT')
    }
  })
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

const busyJob = () =>
  simulator().addJob({ id: 'busy', status: 'active', activeUntil: Date.now() + 60_000 })

describe('1. install: say how it installs today, claim no publication that did not happen', () => {
  it('docs/cli.md installs from a clone or a release’s package, and keeps npm for once it is published', () => {
    const install = docsPage('cli.md')
    expect(install).toContain('npm install --global --install-links ./mintlify-agent-action')
    expect(install).toMatch(/releases\/download\/vX\.Y\.Z\/mintlify-agent-action-X\.Y\.Z\.tgz/)
    expect(install).toContain('It is not on npm yet')
    expect(read('CHANGELOG.md')).not.toMatch(/is on npm/)
  })

  it('each release attaches the package, and publishes to npm only once trusted publishing is set up', () => {
    const release = parse(read('.github/workflows/release.yml')) as {
      jobs: Record<string, { if?: string; steps: { run?: string }[] }>
    }
    const runs = (job: string) => (release.jobs[job]?.steps ?? []).map((s) => s.run ?? '')
    expect(release.jobs.npm?.if).toBe("vars.NPM_TRUSTED_PUBLISHING == 'true'")
    expect(runs('build').some((run) => run.includes('npm pack'))).toBe(true)
    expect(runs('release').find((run) => run.includes('gh release create'))).toContain(
      'mintlify-agent-action-*.tgz'
    )
  })
})

describe('2. fire and forget on a busy job ends at once, and says what became of the message', () => {
  it('with wait: false, nothing goes into the busy job and the step ends in seconds, not at the timeout', async () => {
    busyJob()
    const run = await runAction(
      inputsFor(simulator(), { 'job-id': 'busy', wait: 'false', timeout: '30m' })
    )
    expect(run.exitCode).toBe(1)
    expect(run.durationMs).toBeLessThan(10_000)
    expect(simulator().requests.filter((r) => r.method === 'POST')).toEqual([])
    expect(run.outputs).toMatchObject({ result: 'not-sent', status: 'active', triggered: 'false' })
    expect(errorsIn(run.stdout)).toEqual([
      'Job busy is active with an earlier request, and wait is false, so the message was not sent rather than waited for: send it again once the job is done (nothing was sent, so nothing goes twice), or set wait: true to wait for the job.'
    ])
  })
})

describe('3. after a timeout, the advice follows the job and never sends the prompt twice', () => {
  it('the command line prints the exact status line, and warns against running again', async () => {
    simulator().addJob({ id: 'slow', outcome: 'never' })
    const run = await cli([
      'follow-up',
      '--project',
      'demo-project',
      '--job',
      'slow',
      '--timeout',
      '1s',
      'go'
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      `Check on it later with: mintlify-agent status --project demo-project --job slow --base-url ${simulator().url}; running again would send the message a second time.`
    )
    expect(run.stderr).not.toMatch(/[Rr]un again with a longer/)
  })
})

describe('4. an archived job is reported as archived, without a request', () => {
  it('status is archived, the message says to start a new job, and no message is sent', async () => {
    simulator().addJob({ id: 'old', status: 'archived', archivedAt: new Date().toISOString() })
    const run = await runAction(inputsFor(simulator(), { 'job-id': 'old' }))
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ status: 'archived', result: 'not-sent' })
    expect(errorsIn(run.stdout)).toEqual([
      'Job old is archived and takes no more messages, so nothing was sent: start a new job (set mode: create (always a new job) or mode: auto (a new job when no job is named)).'
    ])
    expect(simulator().requests.filter((r) => r.method === 'POST')).toEqual([])
    const fromCli = await cli(['follow-up', '--project', 'demo-project', '--job', 'old', 'go'])
    expect(fromCli.stderr).toContain("start a new job (use 'mintlify-agent create')")
  })
})

describe('5. a gateway’s HTML page is quoted', () => {
  it('the message says the status and shows the page, not "the service is having trouble"', async () => {
    simulator().addFault({ kind: 'html', status: 502, times: 100 })
    const run = await cli([
      'follow-up',
      '--project',
      'demo-project',
      '--job',
      DEMO_JOB_ID,
      '--timeout',
      '5s',
      'go'
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      'with a body that is not the API\'s JSON ("<html><head><title>502 Bad Gateway'
    )
    expect(run.stderr).not.toContain('having trouble')
  })
})

describe('6. the simulator on a taken port', () => {
  it('says the port is taken, in one line with no stack, and exits 1', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const port = String((taken.address() as { port: number }).port)
    const run = await cli(['simulator', '--port', port])
    taken.close()
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      `error: Port ${port} is taken: choose another with --port, or --port 0 for any free one.\n`
    )
  })
})

describe('7. stopped while waiting for a busy job, before sending', () => {
  it('the command line says nothing was sent', async () => {
    busyJob()
    const run = await cli(
      ['follow-up', '--project', 'demo-project', '--job', 'busy', '--json', 'go'],
      {
        stopWhen: 'waiting for it to finish before sending'
      }
    )
    expect(run.code).toBe(130)
    const document = JSON.parse(run.stdout) as { sent: boolean; error: { message: string } }
    expect(document.sent).toBe(false)
    expect(document.error.message).toBe(
      'Stopped before the message was sent, while job busy was still active with an earlier request: nothing was sent.'
    )
    expect(simulator().requests.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('the action says nothing was sent when the workflow is cancelled then', async () => {
    busyJob()
    let waiting!: () => void
    const waits = new Promise<void>((resolve) => (waiting = resolve))
    const action = startAction(inputsFor(simulator(), { 'job-id': 'busy' }), {
      onStdout: (chunk) => chunk.includes('waiting for it to finish before sending') && waiting()
    })
    await waits
    action.child.kill('SIGTERM')
    const run = await action.done
    expect(errorsIn(run.stdout)).toEqual([
      'The workflow was cancelled before the message was sent, while job busy was still active with an earlier request: nothing was sent.'
    ])
    expect(run.outputs).toMatchObject({ triggered: 'false', status: 'active' })
  })
})

describe('8. ubuntu-slim, as its image notes list it', () => {
  it('the docs do not say it lacks Git, the GitHub CLI or shell tools, and every example runs there within its 15 minutes', () => {
    const cost = section(docsPage('workflow-steps.md'), '## Runners and cost')
    expect(cost).toMatch(/Git, the\s+GitHub CLI \(`gh`\), `curl` and coreutils/)
    expect(cost).not.toMatch(/no `gh`|no `git`|no shell tools/)
    for (const name of ['agent-comments', 'follow-up-dispatch', 'request-reviewers']) {
      const workflow = read(`examples/${name}.yml`)
      expect(workflow).toContain('runs-on: ubuntu-slim')
      // Every timeout the workflow can run with: its steps' own, or the choices it offers.
      const timeouts = [
        ...workflow.matchAll(/^\s*(?:timeout|default|options): \[?([\dm, ]+)\]?$/gm)
      ]
        .flatMap((m) => m[1]!.split(','))
        .map((value) => Number(/(\d+)m/.exec(value)?.[1]))
      expect(timeouts.length).toBeGreaterThan(0)
      for (const minutes of timeouts) expect(minutes).toBeLessThan(15)
    }
  })
})

describe('9. command-line words', () => {
  it('`help <command>` and `<command> --help` print that command’s own flags', async () => {
    for (const args of [
      ['help', 'status'],
      ['status', '--help']
    ]) {
      const run = await cli(args)
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/^Usage: mintlify-agent status --project <id>/)
      expect(run.stdout).not.toContain('--no-wait')
      expect(run.stdout).not.toContain('--poll-interval')
    }
    const followUp = await cli(['follow-up', '--help'])
    expect(followUp.stdout).toContain('--no-wait')
    expect((await cli(['help', 'simulator'])).stdout).toContain('Usage: mintlify-agent simulator')
  })

  it.each([
    [
      ['--wait', 'false'],
      'There is no --wait flag: it waits by default; give --no-wait not to wait.'
    ],
    [['--timeout', '-5'], '--timeout takes a value such as 90s, 15m or 1h (got "-5").'],
    [
      ['--base-url', 'localhost:4010'],
      '--base-url must start with https:// or http:// (got "localhost:4010"): write http://localhost:4010 for a local server, or https://localhost:4010 for one with TLS.'
    ]
  ])('%j gets a message in the command line’s own words', async (flags, message) => {
    const run = await cli([
      'follow-up',
      '--project',
      'demo-project',
      '--job',
      DEMO_JOB_ID,
      ...flags,
      'go'
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`error: ${message}`)
    expect(run.stderr).toContain("Run 'mintlify-agent follow-up --help' for usage.")
    expect(run.stderr).not.toMatch(/ambiguous|'localhost:'/)
  })

  it('--timeout 2s alone works: the poll interval follows a timeout shorter than its 5s default', async () => {
    simulator().addJob({ id: 'quick', durationMs: 500 })
    const run = await cli([
      'follow-up',
      '--project',
      'demo-project',
      '--job',
      'quick',
      '--timeout',
      '2s',
      'go'
    ])
    expect(run.stderr).not.toContain('poll-interval')
    expect(run.code).toBe(0)
  })
})

describe('10. the Node versions the words name are the ones tested', () => {
  it('the command line needs the Node its engines name, and says so on an older one', () => {
    const { engines } = JSON.parse(read('package.json')) as { engines: { node: string } }
    expect(engines.node).toBe('>=24')
    expect(nodeTooOld('24.0.0', engines.node)).toBeUndefined()
    expect(nodeTooOld('20.20.2', engines.node)).toBe(
      'mintlify-agent needs Node 24 or later, and this is Node 20.20.2: install Node 24 or later (or switch to it with your version manager) and run it again.'
    )
    expect(flat(docsPage('cli.md'))).toContain(
      'It needs Node 24 or later, the only Node it is tested on'
    )
    expect(flat(readme)).toContain(
      'On a Node older than 24, `npm ci` first prints `EBADENGINE` warnings'
    )
    expect(flat(readme)).toContain(
      'On Node 20, run it with the Node 24 that `npm ci` installed in the clone: `<clone>/node_modules/.bin/node <clone>/dist/cli/index.js prompt --base main`'
    )
  })

  const older = olderNode()
  ;(older ? it : it.skip)(
    `on this machine’s Node ${older?.major}, the command line stops with that line, --version too`,
    async () => {
      const run = await cli(['status', '--project', 'demo-project', '--job', DEMO_JOB_ID], {
        node: older?.path
      })
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(
        /^error: mintlify-agent needs Node 24 or later, and this is Node \d+/
      )
      const version = await cli(['--version'], { node: older?.path })
      expect(version.code).toBe(1)
      expect(version.stderr).toMatch(/^error: mintlify-agent needs Node 24 or later/)
    }
  )
})

describe('11. the examples as someone about to paste them', () => {
  it('the first use is a whole workflow, and its prose names every secret and variable it uses', () => {
    const pick = section(readme, '## Pick your use')
    const yaml = /```yaml\n([\s\S]*?)```/.exec(pick)![1]!
    const workflow = parse(yaml) as Record<string, unknown>
    expect(Object.keys(workflow)).toEqual(expect.arrayContaining(['on', 'permissions', 'jobs']))
    const prose = flat(pick.slice(0, pick.indexOf(yaml)))
    for (const [, kind, name] of JSON.stringify(workflow).matchAll(/(secrets|vars)\.([A-Z_]+)/g))
      expect(prose).toContain(`a ${kind === 'secrets' ? 'secret' : 'variable'} \`${name}\``)
  })

  it('request-reviewers.yml says what its token needs, team reviews included', () => {
    expect(read('examples/request-reviewers.yml')).toMatch(
      /"Pull requests: read and write" on the docs repository[\s\S]*"Members: read" on its organization/
    )
  })

  it('the comment workflows’ `if:` names the command input and lets a command after blank lines through', () => {
    const sources = [read('examples/agent-comments.yml'), readme, docsPage('comments.md')]
    for (const source of sources) {
      const ifs = [...source.matchAll(/^\s*if: (.*'\/agent'.*)$/gm)].map((m) => m[1]!)
      expect(ifs.length).toBeGreaterThan(0)
      for (const condition of ifs) expect(condition).toMatch(/^contains\(/)
      expect(source).toMatch(/'\/agent' must be the action's `command` input/)
    }
  })
})

describe('12. the simulator shows what the client does', () => {
  it('prints a line per request: method, path, status and time', async () => {
    const sim = spawn(
      process.execPath,
      [CLI, 'simulator', '--port', '0', '--job-duration', '0.1'],
      {
        env: { PATH: process.env.PATH ?? '' }
      }
    )
    let out = ''
    const url = await new Promise<string>((resolve) =>
      sim.stdout.on('data', (chunk: Buffer) => {
        out += chunk
        const match = /base-url:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)
        if (match && out.includes('Try it')) resolve(match[1]!)
      })
    )
    const run = spawnSync(
      process.execPath,
      [CLI, 'status', '--project', 'demo-project', '--job', DEMO_JOB_ID],
      {
        env: {
          PATH: process.env.PATH ?? '',
          MINTLIFY_API_KEY: SIMULATOR_API_KEY,
          MINTLIFY_BASE_URL: url
        },
        encoding: 'utf8'
      }
    )
    expect(run.status).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 100))
    sim.kill('SIGINT')
    expect(out).toMatch(/GET \/v2\/agent\/demo-project\/job\/demo-job → 200 \(\d+ ms\)\n/)
  })
})
