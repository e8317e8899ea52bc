import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from '../scripts/run-action.js'
import { parseDuration } from '../src/core/duration.js'
import { docsPage, yamlBlocks } from './helpers/docs.js'

const VALIDATOR = join(REPO_ROOT, 'node_modules', '@action-validator', 'cli', 'cli.mjs')

/** Runs @action-validator/cli, which checks a file against the public schemas for its kind. */
function validate(file: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [VALIDATOR, file], { encoding: 'utf8' })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

function yamlFiles(folder: string): string[] {
  const dir = join(REPO_ROOT, folder)
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(folder, f))
    : []
}

const workflows = [...yamlFiles('.github/workflows'), ...yamlFiles('examples')]

describe('workflow files and action.yml against the public schemas', () => {
  it('finds the workflows', () => {
    expect(workflows).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/release.yml'])
    )
  })

  it.each(workflows)('%s is a valid workflow', (file) => {
    const copy = join(mkdtempSync(join(tmpdir(), 'workflow-')), 'workflow.yml')
    copyFileSync(join(REPO_ROOT, file), copy)
    const result = validate(copy)
    rmSync(copy, { force: true })
    expect(result.output).toBe('')
    expect(result.status).toBe(0)
  })

  const shownWorkflows = yamlBlocks().filter(
    ({ yaml }) => /^on:/m.test(yaml) && /^jobs:/m.test(yaml)
  )

  it('finds the whole workflows the README and docs/ show', () => {
    expect(shownWorkflows.filter(({ path }) => path === 'README.md')).toHaveLength(3)
  })

  it.each(shownWorkflows)('the workflow shown in $path is valid', ({ yaml }) => {
    const copy = join(mkdtempSync(join(tmpdir(), 'workflow-')), 'workflow.yml')
    writeFileSync(copy, yaml)
    const result = validate(copy)
    rmSync(copy, { force: true })
    expect(result.output).toBe('')
    expect(result.status).toBe(0)
  })

  // @action-validator 0.6.0, the latest on npm, bundles a schema whose runs.using stops at
  // node20. action.yml is checked twice: as it is, where node24 must be the validator's only
  // complaint (none, once a release knows node24); and with node20 in its place, with no complaint.
  it('action.yml is a valid action, node24 aside', () => {
    const text = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')
    expect(text).toMatch(/^ {2}using: node24$/m)
    const asItIs = validateAction(text)
    if (asItIs.status !== 0) {
      const { errors } = JSON.parse(asItIs.output) as { errors: ValidatorError[] }
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatchObject({ code: 'one_of', path: '/runs' })
      // The first branch is a JavaScript action's; the others (composite, Docker) do not apply.
      expect(errors[0]?.states?.[0]?.errors).toEqual([
        { code: 'enum', path: '/runs/using', title: 'Enum conditions are not met' }
      ])
    }
    const asNode20 = validateAction(text.replace(/^ {2}using: node24$/m, '  using: node20'))
    expect(asNode20.output).toBe('')
    expect(asNode20.status).toBe(0)
  })
})

interface ValidatorError {
  code: string
  path: string
  title?: string
  states?: { errors: ValidatorError[] }[]
}

/** The validator on an action.yml of this text (it knows an action's file by its name). */
function validateAction(text: string): { status: number | null; output: string } {
  const folder = mkdtempSync(join(tmpdir(), 'action-'))
  writeFileSync(join(folder, 'action.yml'), text)
  const result = validate(join(folder, 'action.yml'))
  rmSync(folder, { recursive: true, force: true })
  return result
}

/** The project's own workflows: whoever controls them controls the release. */
const ownWorkflows = yamlFiles('.github/workflows')

interface Job {
  permissions?: string | Record<string, string>
  steps?: { uses?: string; with?: Record<string, unknown> }[]
}

const writes = (permissions: Job['permissions']): boolean =>
  typeof permissions === 'string'
    ? permissions === 'write-all'
    : Object.values(permissions ?? {}).some((level) => level === 'write')

describe("the project's own workflows as a supply-chain target", () => {
  it.each(ownWorkflows)('%s pins every action by full commit SHA, with its version', (file) => {
    const text = readFileSync(join(REPO_ROOT, file), 'utf8')
    for (const line of text.split('\n').filter((l) => /^\s*-?\s*uses:/.test(l))) {
      const action = /uses:\s*(\S+)/.exec(line)![1]!
      if (action.startsWith('./')) continue
      expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/)
    }
  })

  it.each(ownWorkflows)('%s has no cache in a job that may write', (file) => {
    const workflow = parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as {
      permissions?: Job['permissions']
      jobs: Record<string, Job>
    }
    for (const job of Object.values(workflow.jobs)) {
      if (!writes(job.permissions ?? workflow.permissions)) continue
      for (const step of job.steps ?? []) {
        expect(step.uses ?? '').not.toMatch(/^actions\/cache/)
        expect(step.with?.cache).toBeUndefined()
      }
    }
  })

  it.each(ownWorkflows)(
    '%s says why each permission is needed, and checks out without keeping the token',
    (file) => {
      const text = readFileSync(join(REPO_ROOT, file), 'utf8')
      for (const line of text.split('\n').filter((l) => /^\s+[a-z-]+: (read|write)\b/.test(l)))
        expect(line).toMatch(/ # \S/)
      const workflow = parse(text) as { jobs: Record<string, Job> }
      for (const step of Object.values(workflow.jobs).flatMap((job) => job.steps ?? []))
        if (step.uses?.startsWith('actions/checkout@'))
          expect(step.with?.['persist-credentials']).toBe(false)
    }
  )

  it('the release installs and tests with read access only, and publishes from the packed artifact', () => {
    const workflow = parse(
      readFileSync(join(REPO_ROOT, '.github/workflows/release.yml'), 'utf8')
    ) as { permissions?: unknown; jobs: Record<string, Job & { run?: string }> }
    expect(workflow.permissions).toEqual({})
    for (const job of Object.values(workflow.jobs)) {
      const runs = (job.steps ?? []).map((step) => (step as { run?: string }).run ?? '')
      const installs = runs.some((run) => /\bnpm (ci|install)\b/.test(run))
      if (installs) expect(job.permissions).toEqual({ contents: 'read' })
      if (writes(job.permissions)) expect(installs).toBe(false)
    }
    expect(JSON.stringify(workflow)).not.toContain('NPM_TOKEN')
  })
})

function actionSteps(workflow: {
  jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>
}) {
  return Object.values(workflow.jobs)
    .flatMap((job) => job.steps ?? [])
    .filter((step) => step.uses?.startsWith('mintlify-agent-action/'))
}

describe('the examples', () => {
  const examples = yamlFiles('examples').map((file) => ({
    file,
    workflow: parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as {
      on: Record<string, unknown>
      concurrency?: unknown
      jobs: Record<
        string,
        {
          'runs-on'?: string
          concurrency?: unknown
          steps?: { uses?: string; with?: Record<string, unknown> }[]
        }
      >
    }
  }))

  it.each(examples)(
    '$file uses no concurrency group, which would cancel pending runs',
    ({ workflow }) => {
      expect(workflow.concurrency).toBeUndefined()
      for (const job of Object.values(workflow.jobs)) expect(job.concurrency).toBeUndefined()
    }
  )

  it.each(
    examples.filter((e) =>
      Object.values(e.workflow.jobs).some((j) => j['runs-on'] === 'ubuntu-slim')
    )
  )(
    '$file runs on ubuntu-slim, so every timeout it can take is under its 15 minutes',
    ({ workflow }) => {
      const dispatched = (
        workflow.on.workflow_dispatch as
          { inputs?: Record<string, { options?: string[]; default?: string }> } | undefined
      )?.inputs
      for (const step of actionSteps(workflow)) {
        const timeout = String(step.with?.timeout ?? '')
        const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(timeout)?.[1]
        const choices = input
          ? [...(dispatched?.[input]?.options ?? []), dispatched?.[input]?.default ?? '']
          : [timeout]
        for (const choice of choices) expect(parseDuration(choice)).toBeLessThan(15 * 60_000)
      }
    }
  )

  it.each(examples)('$file says which mode it runs in', ({ workflow }) => {
    const steps = actionSteps(workflow)
    expect(steps.length).toBeGreaterThan(0)
    for (const step of steps)
      expect(['follow-up', 'create', 'auto', 'sync']).toContain(step.with?.mode)
  })
})

describe('docs lines the examples keep true', () => {
  it('the permissions table gives each example exactly its permissions: block', () => {
    const table = /<!-- permissions:start -->([\s\S]*?)<!-- permissions:end -->/.exec(
      docsPage('how-it-works.md')
    )![1]!
    const rows = table.split('\n').filter((line) => line.includes('](../examples/'))
    expect(rows.length).toBeGreaterThanOrEqual(4)
    for (const row of rows) {
      const file = /\]\(\.\.\/(examples\/[\w-]+\.yml)\)/.exec(row)![1]!
      const listed = Object.fromEntries(
        [...row.split('|')[2]!.matchAll(/`([\w-]+): (read|write)`/g)].map((m) => [m[1], m[2]])
      )
      const workflow = parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as {
        permissions: Record<string, string>
      }
      expect([file, workflow.permissions]).toEqual([file, listed])
    }
  })

  it('the sample .env CONTRIBUTING.md shows is .env.example', () => {
    const contributing = readFileSync(join(REPO_ROOT, 'CONTRIBUTING.md'), 'utf8')
    const shown = /```sh\n# \.env\.example\n([\s\S]*?)```/.exec(contributing)![1]!
    const inputs = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('INPUT_'))
    expect(shown.trim().split('\n')).toEqual(inputs)
  })
})

describe('releases', () => {
  it('publishes to npm with provenance only after the tests and the fresh-dist check, then moves the major tag', () => {
    const release = parse(
      readFileSync(join(REPO_ROOT, '.github/workflows/release.yml'), 'utf8')
    ) as {
      on: { push: { tags: string[] } }
      jobs: Record<string, { needs?: string | string[]; steps: { run?: string }[] }>
    }
    expect(release.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
    const runs = (job: string) => (release.jobs[job]?.steps ?? []).map((step) => step.run ?? '')
    const build = runs('build')
    expect(build.some((run) => run.includes('npm run check-dist'))).toBe(true)
    expect(build.some((run) => run.includes('npm test'))).toBe(true)
    expect(release.jobs.npm?.needs).toBe('build')
    expect(runs('npm').some((run) => /npm publish \S+\.tgz --provenance/.test(run))).toBe(true)
    expect(release.jobs.release?.needs).toEqual(['build', 'npm'])
    expect(runs('release').some((run) => run.includes('git/refs/tags/$major'))).toBe(true)
  })

  it('the changelog has notes for the version in package.json', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string
    }
    const notes = spawnSync(process.execPath, ['scripts/release-notes.mjs', `v${version}`], {
      cwd: REPO_ROOT,
      encoding: 'utf8'
    })
    expect(notes.status).toBe(0)
    expect(notes.stdout).toContain('### Added')
  })

  it('refuses to release a version without notes', () => {
    const notes = spawnSync(process.execPath, ['scripts/release-notes.mjs', 'v99.0.0'], {
      cwd: REPO_ROOT,
      encoding: 'utf8'
    })
    expect(notes.status).toBe(1)
    expect(notes.stderr).toContain('CHANGELOG.md has no section for 99.0.0')
  })
})
