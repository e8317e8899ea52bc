import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from '../scripts/run-action.js'
import { nodeTooOld } from '../src/cli/node-version.js'
import { DEMO_JOB_ID, SIMULATOR_API_KEY } from '../src/simulator/server.js'
import { useSimulator } from './helpers/action.js'
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js'
import { olderNode } from './helpers/older-node.js'

const CLI = join(REPO_ROOT, 'dist', 'cli', 'index.js')
const simulator = useSimulator()

interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** The keys of every --json document, in order. */
const DOCUMENT_KEYS = [
  'command',
  'jobId',
  'status',
  'prLink',
  'sent',
  'created',
  'timedOut',
  'durationMs',
  'job',
  'error'
]

interface Started {
  env?: Record<string, string>
  cwd?: string
  interrupt?: { when: string; signal: NodeJS.Signals }
}

/** A process, run to its end; `interrupt` sends a signal once stderr says `when`. */
function ran(file: string, args: string[], options: Started = {}): Promise<CliRun> {
  const { interrupt } = options
  const child = spawn(file, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...(options.env ?? { MINTLIFY_API_KEY: SIMULATOR_API_KEY })
    }
  })
  let stdout = ''
  let stderr = ''
  let interrupted = false
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk
    if (interrupt && !interrupted && stderr.includes(interrupt.when)) {
      interrupted = true
      child.kill(interrupt.signal)
    }
  })
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

/** `mintlify-agent …` as a person types it: nothing added. */
function typed(
  args: string[],
  options: Started & { node?: string; script?: string } = {}
): Promise<CliRun> {
  return ran(options.node ?? process.execPath, [options.script ?? CLI, ...args], options)
}

function cli(
  args: string[],
  env: Record<string, string> = { MINTLIFY_API_KEY: SIMULATOR_API_KEY },
  interrupt?: { when: string; signal: NodeJS.Signals }
): Promise<CliRun> {
  // Short polls for the commands that poll.
  const polls = args[0] === 'follow-up' || args[0] === 'create' ? ['--poll-interval', '0.05'] : []
  return typed([...args, '--base-url', simulator().url, ...polls], { env, interrupt })
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

  it('--json prints one document: real booleans and numbers, camelCase, error null on success', async () => {
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
    const document = JSON.parse(run.stdout) as Record<string, unknown>
    expect(Object.keys(document)).toEqual(DOCUMENT_KEYS)
    expect(document).toMatchObject({
      command: 'follow-up',
      jobId: DEMO_JOB_ID,
      status: 'completed',
      prLink: 'https://github.com/acme/docs/pull/42',
      sent: true,
      created: false,
      timedOut: false,
      durationMs: expect.any(Number),
      job: { id: DEMO_JOB_ID, status: 'completed' },
      error: null
    })
  })

  it('create starts a job', async () => {
    const run = await cli(['create', '--project', 'demo-project', '--json', 'Document the CLI'])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as { created: boolean; sent: boolean; jobId: string }
    expect(result).toMatchObject({ created: true, sent: true, status: 'completed' })
    expect(simulator().accepted.map((m) => m.jobId)).toEqual([result.jobId])
  })

  it.each<[string, string[], Record<string, string> | undefined, number, Record<string, unknown>]>([
    [
      'status of a job Mintlify does not know',
      ['status', '--project', 'demo-project', '--job', 'nope', '--json'],
      undefined,
      1,
      { command: 'status', jobId: 'nope', error: { kind: 'not-found', status: 404 } }
    ],
    [
      'a job that fails',
      ['follow-up', '--project', 'demo-project', '--job', 'doomed', '--json', 'try'],
      undefined,
      1,
      { status: 'failed', sent: true, error: { kind: 'job-failed', status: null } }
    ],
    [
      'a wrong command line',
      ['follow-up', '--project', 'demo-project', '--json', 'x'],
      undefined,
      2,
      { command: 'follow-up', sent: false, error: { kind: 'usage', status: null } }
    ],
    [
      'a key Mintlify refuses',
      ['status', '--project', 'demo-project', '--job', DEMO_JOB_ID, '--json'],
      { MINTLIFY_API_KEY: 'mint_wrong' },
      1,
      { error: { kind: 'unauthorized', status: 401 } }
    ]
  ])(
    '--json on %s: the same document, with error set, and a non-zero exit',
    async (_case, args, env, code, expected) => {
      simulator().addJob({ id: 'doomed', outcome: 'failed' })
      const run = await cli(args, env)
      expect(run.code).toBe(code)
      const document = JSON.parse(run.stdout) as Record<string, unknown>
      expect(Object.keys(document)).toEqual(DOCUMENT_KEYS)
      expect(document).toMatchObject(expected)
      expect((document.error as { message: string }).message).toEqual(expect.any(String))
    }
  )

  it('errors name flags and environment variables, never action inputs or secrets', async () => {
    const runs = await Promise.all([
      cli(['follow-up', '--project', 'demo-project', '--job', DEMO_JOB_ID, 'x'], {}),
      cli(['status', '--project', 'demo-project', '--job', 'nope']),
      cli(['status', '--project', 'demo-project', '--job', DEMO_JOB_ID], {
        MINTLIFY_API_KEY: 'mint_wrong'
      }),
      cli([
        'follow-up',
        '--project',
        'demo-project',
        '--job',
        DEMO_JOB_ID,
        '--timeout',
        'soon',
        'x'
      ]),
      cli([
        'follow-up',
        '--project',
        'demo-project',
        '--job',
        DEMO_JOB_ID,
        '--timeout',
        '0.01',
        'x'
      ])
    ])
    const errors = runs.map((run) => run.stderr)
    expect(errors[0]).toContain('MINTLIFY_API_KEY is required: export MINTLIFY_API_KEY=mint_…')
    expect(errors[1]).toContain('check --job and --project')
    expect(errors[2]).toContain('the key in MINTLIFY_API_KEY was not accepted')
    expect(errors[3]).toContain('--timeout is not a duration')
    expect(errors[4]).toContain('--poll-interval (50ms) must not be longer than --timeout (10ms)')
    for (const text of errors) {
      expect(text).not.toMatch(/Input '|secrets\.|job-id|project-id|api-key|workflow/)
    }
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

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)(
    '%s stops it with exit %d, saying the job goes on and how to check on it',
    async (signal, code) => {
      simulator().addJob({ id: 'long', outcome: 'never' })
      const run = await cli(
        ['follow-up', '--project', 'demo-project', '--job', 'long', 'go'],
        undefined,
        {
          when: 'Mintlify took the message',
          signal
        }
      )
      expect(run.code).toBe(code)
      expect(run.stderr).toContain(
        `error: Stopped while job long was active. The Mintlify agent job goes on: check on it later with: mintlify-agent status --project demo-project --job long --base-url ${simulator().url}`
      )
      expect(run.stdout).toContain('status: active')
    }
  )

  it('--version and -v print the version; --help lists the exit codes and the environment', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string
    }
    for (const flag of ['--version', '-v']) {
      const run = await cli([flag])
      expect(run).toMatchObject({ code: 0, stdout: `${version}\n` })
    }
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    for (const word of [
      'MINTLIFY_API_KEY',
      'MINTLIFY_BASE_URL',
      'GH_TOKEN',
      'GITHUB_API_URL',
      'HTTPS_PROXY'
    ])
      expect(help.stdout).toContain(word)
    for (const exit of ['0  ', '1  ', '2  ', '130', '143'])
      expect(help.stdout).toContain(`\n  ${exit}`)
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
    [
      ['launch'],
      undefined,
      "Unknown command 'launch': use follow-up, create, status, prompt or simulator."
    ],
    [['follow-up', '--wat'], undefined, 'follow-up has no --wat flag.']
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

  it('a job on the same branch of another repository is not the pull request’s job', async () => {
    github = await startFakeGitHub({ headRef: 'mintlify/7d1e0c3b' })
    simulator().addJob({
      id: 'docs-job',
      source: { repository: 'https://github.com/acme/docs', ref: 'mintlify/7d1e0c3b' }
    })
    const run = await cli(['follow-up', '--project', 'demo-project', '--pr', PR, 'shorten', 'it'], {
      MINTLIFY_API_KEY: SIMULATOR_API_KEY,
      GH_TOKEN: 'ghp_cli_token',
      GITHUB_API_URL: github.url
    })
    expect(run.code).toBe(1)
    expect(simulator().accepted).toEqual([])
    expect(run.stderr).toContain(
      'works on branch `mintlify/7d1e0c3b` of https://github.com/acme/docs, not of https://github.com/Codertocat/Hello-World'
    )
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
    expect(missed.stderr).toContain(`error: No Mintlify agent job was confirmed for ${PR}.`)

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

describe('issue 34: every wrong command line exits 2, in the command line’s own words', () => {
  const again = (about: string) => `Run 'mintlify-agent ${about}--help' for usage.\n`
  const noCommand = (flags: string) =>
    `No command given: it comes first, as in 'mintlify-agent <command> ${flags}', where <command> is follow-up, create, status, prompt or simulator.`

  it.each([
    [['--frobnicate'], 'There is no --frobnicate flag.', ''],
    [['-x'], 'There is no -x flag.', ''],
    [['--job', 'x'], noCommand('--job x'), ''],
    [['--verbose', '--timeout', '5m'], noCommand('--verbose --timeout 5m'), ''],
    [['--wait'], 'There is no --wait flag: it waits by default; give --no-wait not to wait.', ''],
    [['--job', '--verbose'], '--job takes a value (got "--verbose").', ''],
    [
      ['follow-up', '--frobnicate', '--project', 'demo-project', '--job', DEMO_JOB_ID, 'go'],
      'follow-up has no --frobnicate flag.',
      'follow-up '
    ],
    [['status', '-x', '--job', DEMO_JOB_ID], 'status has no -x flag.', 'status '],
    [['create', '--no-wait=yes', 'go'], '--no-wait takes no value.', 'create '],
    [['simulator', '--frobnicate'], 'simulator has no --frobnicate flag.', 'simulator '],
    [['simulator', '-x'], 'simulator has no -x flag.', 'simulator '],
    [['simulator', '--port'], '--port needs a value.', 'simulator '],
    [['simulator', 'now'], "simulator takes no words of its own (got 'now').", 'simulator '],
    [['prompt', '--frobnicate'], 'prompt has no --frobnicate flag.', 'prompt '],
    [['prompt', '--since'], '--since needs a value.', 'prompt '],
    [
      ['help', 'launch'],
      "There is no command 'launch': use follow-up, create, status, prompt or simulator.",
      ''
    ],
    [['help', 'status', 'create'], "help takes one command's name (got 'status create').", '']
  ])(
    '%j: exit 2, one line that says what is wrong, and where the usage is',
    async (args, message, about) => {
      const run = await typed(args)
      expect(run).toEqual({ code: 2, stdout: '', stderr: `error: ${message}\n${again(about)}` })
    }
  )

  it('a bare --json is that error too, with the error document on stdout', async () => {
    for (const args of [['--json'], ['--json', '--frobnicate']]) {
      const run = await typed(args)
      expect(run.code).toBe(2)
      const document = JSON.parse(run.stdout) as Record<string, unknown>
      expect(Object.keys(document)).toEqual(DOCUMENT_KEYS)
      expect(document).toMatchObject({ command: null, sent: false, error: { kind: 'usage' } })
      expect(run.stderr).toBe(
        `error: ${(document.error as { message: string }).message}\n${again('')}`
      )
    }
    expect((await typed(['--json'])).stderr).toContain(noCommand('--json'))
  })

  it('nothing at all, or --help alone, prints the usage and exits 0', async () => {
    for (const args of [[], ['--help'], ['-h']]) {
      const run = await typed(args)
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/^mintlify-agent: send the Mintlify agent a follow-up/)
    }
  })

  it('`help <command>` works for every command --help lists, prompt and simulator included', async () => {
    const usage = (await typed(['--help'])).stdout
    const listed = [...usage.matchAll(/^ {2}mintlify-agent ([a-z-]+) /gm)].map((m) => m[1]!)
    expect([...listed].sort()).toEqual(['create', 'follow-up', 'prompt', 'simulator', 'status'])
    for (const command of listed) {
      const help = await typed(['help', command])
      expect(help.code).toBe(0)
      expect(help.stdout).toMatch(new RegExp(`^Usage: mintlify-agent ${command} `))
      expect(await typed([command, '--help'])).toEqual(help)
    }
  })
})

describe('issue 34: --base-url advice names a URL that is itself right', () => {
  const status = ['status', '--project', 'demo-project', '--job', 'x']

  it.each([
    [
      'htp:/nowhere',
      '--base-url is not a URL (got "htp:/nowhere"): give the whole address, scheme first, as https://api.mintlify.com (or http://localhost:4010 for a local server such as the simulator).'
    ],
    [
      'https:/api.mintlify.com',
      '--base-url is not a well-formed URL (got "https:/api.mintlify.com"): did you mean https://api.mintlify.com?'
    ],
    [
      'http//localhost:4010',
      '--base-url is not a well-formed URL (got "http//localhost:4010"): did you mean http://localhost:4010?'
    ]
  ])('%s', async (url, message) => {
    const run = await typed([...status, '--base-url', url])
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${message}\n${"Run 'mintlify-agent status --help' for usage."}\n`
    })
  })

  it('a base URL from MINTLIFY_BASE_URL is named as that variable', async () => {
    const run = await typed(status, {
      env: { MINTLIFY_API_KEY: SIMULATOR_API_KEY, MINTLIFY_BASE_URL: 'htp:/nowhere' }
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^error: MINTLIFY_BASE_URL is not a URL \(got "htp:\/nowhere"\)/)
  })
})

describe('issue 34: on a Node older than 24, the command that runs it, typed out', () => {
  const launch = {
    calledAs: '/clone/dist/cli/index.js',
    script: '/clone/dist/cli/index.js',
    args: ['follow-up', '--job', 'j', 'add a FAQ'],
    cwd: '/clone'
  }

  it('names the clone’s own Node 24, from the folder the person is in, or npx’s', () => {
    expect(
      nodeTooOld('20.20.2', '>=24', { ...launch, cloneNode: '/clone/node_modules/.bin/node' })
    ).toBe(
      "mintlify-agent needs Node 24 or later, and this is Node 20.20.2. The Node 24 that npm ci installed in this clone runs it as it is:\n  node_modules/.bin/node dist/cli/index.js follow-up --job j 'add a FAQ'"
    )
    expect(
      nodeTooOld('20.20.2', '>=24', {
        ...launch,
        cwd: '/elsewhere',
        cloneNode: '/clone/node_modules/.bin/node'
      })
    ).toContain('\n  /clone/node_modules/.bin/node /clone/dist/cli/index.js follow-up')
    const npx = (calledAs: string) => nodeTooOld('20.20.2', '>=24', { ...launch, calledAs })
    expect(npx('/usr/local/bin/mintlify-agent')).toBe(
      "mintlify-agent needs Node 24 or later, and this is Node 20.20.2. npx can fetch Node 24 into npm's cache for this one run (no install, no change to your Node):\n  npx -y -p node@24 mintlify-agent follow-up --job j 'add a FAQ'\nor install Node 24 or later (or switch to it with your version manager) and run it again."
    )
    expect(npx('dist/cli/index.js')).toContain(
      "\n  npx -y -p node@24 node dist/cli/index.js follow-up --job j 'add a FAQ'\n"
    )
    expect(nodeTooOld('24.0.0', '>=24', launch)).toBeUndefined()
  })

  const older = olderNode()
  ;(older ? it : it.skip)(
    `on this machine’s Node ${older?.major}, in this clone: the printed command runs as printed`,
    async () => {
      const args = ['status', '--project', 'demo-project', '--job', DEMO_JOB_ID]
      const refused = await typed([...args, '--base-url', simulator().url], { node: older?.path })
      expect(refused.code).toBe(1)
      const [first, line, ...rest] = refused.stderr.split('\n')
      expect(first).toMatch(
        /^error: mintlify-agent needs Node 24 or later, and this is Node [\d.]+\. The Node 24 that npm ci installed in this clone runs it as it is:$/
      )
      expect(line).toBe(
        `  node_modules/.bin/node dist/cli/index.js status --project demo-project --job ${DEMO_JOB_ID} --base-url ${simulator().url}`
      )
      expect(rest).toEqual([''])
      const run = await ran('sh', ['-c', line!], { cwd: REPO_ROOT })
      expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('status: completed') })
    }
  )

  ;(older ? it : it.skip)(
    'without a clone’s Node (a copied bundle, or linked as mintlify-agent), it names npx’s',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'bundle-only-'))
      cpSync(join(REPO_ROOT, 'dist', 'cli'), join(folder, 'dist', 'cli'), { recursive: true })
      mkdirSync(join(folder, 'bin'))
      symlinkSync(join(folder, 'dist', 'cli', 'index.js'), join(folder, 'bin', 'mintlify-agent'))
      const copied = await typed(['--version'], {
        node: older?.path,
        cwd: folder,
        script: 'dist/cli/index.js'
      })
      const linked = await typed(['--version'], {
        node: older?.path,
        cwd: folder,
        script: 'bin/mintlify-agent'
      })
      rmSync(folder, { recursive: true, force: true })
      // Verified by hand, not here (it fetches about 240 MB): both lines print the version.
      expect(copied.code).toBe(1)
      expect(copied.stderr).toContain(
        '\n  npx -y -p node@24 node dist/cli/index.js --version\nor install Node 24'
      )
      expect(linked.code).toBe(1)
      expect(linked.stderr).toContain(
        '\n  npx -y -p node@24 mintlify-agent --version\nor install Node 24'
      )
    }
  )
})
