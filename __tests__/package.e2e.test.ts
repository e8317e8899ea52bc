import { execFileSync, spawn, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { REPO_ROOT } from '../scripts/run-action.js'
import { DEMO_JOB_ID, SIMULATOR_API_KEY } from '../src/simulator/server.js'
import { useSimulator } from './helpers/action.js'

const simulator = useSimulator()
const { name, version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string
  version: string
}

/** A loopback address where nothing listens: npm cannot reach a registry there. */
async function deadRegistry(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}/`
}

/** `npm install --global` into `prefix`, with no registry to reach: what installs, installs whole. */
async function installGlobally(work: string, prefix: string, ...what: string[]): Promise<void> {
  const install = spawnSync(
    'npm',
    ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', ...what],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        npm_config_registry: await deadRegistry(),
        npm_config_cache: join(work, 'cache')
      }
    }
  )
  expect(install.stderr).not.toMatch(/ERR!/)
  expect(install.status).toBe(0)
}

describe('the npm package', () => {
  let work: string
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'mintlify-pack-'))
  })
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('packs only what runs, installs with no registry, and runs `mintlify-agent`', async () => {
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      })
    ) as { filename: string; size: number; files: { path: string }[] }[]
    const files = packed!.files.map((f) => f.path).sort()
    expect(files).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'dist/cli/index.js', 'package.json'])
    )
    expect(
      files.every((f) => /^(dist\/cli\/|README\.md|LICENSE|CHANGELOG\.md|package\.json)/.test(f))
    ).toBe(true)
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      private: boolean
      dependencies?: object
    }
    expect(manifest.private).toBe(false)
    expect(manifest.dependencies).toBeUndefined()

    const prefix = join(work, 'prefix')
    await installGlobally(work, prefix, join(work, packed!.filename))
    expect(existsSync(join(prefix, 'lib', 'node_modules', name, 'node_modules'))).toBe(false)

    const bin = join(prefix, 'bin', 'mintlify-agent')
    const env = {
      PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`,
      MINTLIFY_API_KEY: SIMULATOR_API_KEY
    }
    const shown = spawnSync(bin, ['--version'], { encoding: 'utf8', env })
    expect(shown.stdout).toBe(`${version}\n`)

    // The simulator lives in this process: the follow-up runs without blocking it.
    const child = spawn(
      bin,
      [
        'follow-up',
        '--project',
        'demo-project',
        '--job',
        DEMO_JOB_ID,
        '--base-url',
        simulator().url,
        '--poll-interval',
        '0.05',
        '--json',
        'add a FAQ'
      ],
      { env }
    )
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({
      jobId: DEMO_JOB_ID,
      status: 'completed',
      sent: true,
      error: null
    })
    expect(simulator().accepted.map((m) => m.prompt)).toEqual(['add a FAQ'])
  })
})

describe('a global install from a clone', () => {
  it('with --install-links is a copy of the package, and runs once the clone is gone; without, a link', async () => {
    const work = mkdtempSync(join(tmpdir(), 'mintlify-clone-'))
    // The clone as npm sees it: the package's files, and others that are not the package's.
    const clone = join(work, 'mintlify-agent-action')
    for (const path of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/cli'])
      cpSync(join(REPO_ROOT, path), join(clone, path), { recursive: true })
    cpSync(join(REPO_ROOT, 'src', 'cli'), join(clone, 'src', 'cli'), { recursive: true })

    const linked = join(work, 'linked')
    await installGlobally(work, linked, clone)
    expect(lstatSync(join(linked, 'lib', 'node_modules', name)).isSymbolicLink()).toBe(true)

    const copied = join(work, 'copied')
    await installGlobally(work, copied, '--install-links', clone)
    const installed = join(copied, 'lib', 'node_modules', name)
    expect(lstatSync(installed).isDirectory()).toBe(true)
    expect(readdirSync(installed).sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist',
      'package.json'
    ])
    rmSync(clone, { recursive: true, force: true })
    const bin = (prefix: string) => join(prefix, 'bin', 'mintlify-agent')
    const env = { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` }
    expect(spawnSync(bin(copied), ['--version'], { encoding: 'utf8', env }).stdout).toBe(
      `${version}\n`
    )
    expect(spawnSync(bin(linked), ['--version'], { encoding: 'utf8', env }).status).not.toBe(0)
    rmSync(work, { recursive: true, force: true })
  })
})

describe('local debugging with GitHub’s own tool', () => {
  it('`npx @github/local-action run . src/main.ts .env` runs the action against the simulator, without installing anything', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'local-action-'))
    const env = join(folder, '.env')
    const example = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8')
    writeFileSync(
      env,
      example
        .replace(/^INPUT_BASE-URL=.*$/m, `INPUT_BASE-URL=${simulator().url}`)
        .replace(/^INPUT_POLL-INTERVAL=.*$/m, 'INPUT_POLL-INTERVAL=0.05')
    )
    // npx finds the tool in the project's devDependencies: with no registry, an install would fail.
    const child = spawn('npx', ['@github/local-action', 'run', '.', 'src/main.ts', env], {
      cwd: REPO_ROOT,
      env: { ...process.env, npm_config_registry: await deadRegistry() },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    const code = await new Promise((resolve) => child.on('close', resolve))
    rmSync(folder, { recursive: true, force: true })
    expect(code).toBe(0)
    expect(output).toContain('::set-output name=status::completed')
    expect(output).toContain('::set-output name=pr-link::https://github.com/acme/docs/pull/42')
    expect(simulator().accepted.map((m) => m.prompt)).toEqual([
      'Also add error handling examples to the quickstart guide'
    ])
  })
})
