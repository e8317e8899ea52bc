/**
 * `mintlify-agent prompt`, run from the bundle in throwaway git checkouts shaped like real pull
 * requests: a large release whose README and entry point must come through, a merge of the team's
 * own sub-branch, and an "Update branch" that touches a file the pull request changes too.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { REPO_ROOT } from '../scripts/run-action.js'

const CLI = join(REPO_ROOT, 'dist', 'cli', 'index.js')
let repo: string

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

function write(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true })
    writeFileSync(join(repo, path), text)
  }
}

function commit(message: string, files: Record<string, string>): string {
  write(files)
  git('add', '-A')
  git('commit', '-q', '-m', message)
  return git('rev-parse', 'HEAD').trim()
}

const CHANGELOG = '# Changes\n\n## Unreleased\n\n\n\n\n\n## 1.0\n- First\n'

const lines = (n: number, what: string) =>
  Array.from({ length: n }, (_, i) => `${what} line ${i} ${'x'.repeat(50)}`).join('\n') + '\n'

function preview(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, 'prompt', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' }
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'prompt-preview-'))
  git('init', '-q', '-b', 'main')
  git('config', 'user.email', 'dev@example.com')
  git('config', 'user.name', 'Dev')
  commit('Start', { 'README.md': '# Tool\n', 'CHANGELOG.md': CHANGELOG, 'index.js': '' })
  git('checkout', '-q', '-b', 'feature')
})
afterEach(() => rmSync(repo, { recursive: true, force: true }))

describe('mintlify-agent prompt, from a git checkout', () => {
  it('a large pull request: the README and the entry point come through, and tests take at most a quarter', () => {
    commit('Release 2.0\n\nAdds limit() and reset().', {
      'README.md': '# Tool\n' + lines(50, 'README: how limit() and reset() work'),
      'index.js': lines(50, 'export function limit'),
      'typings/index.d.ts': lines(20, 'export declare function reset'),
      ...Object.fromEntries(
        Array.from({ length: 12 }, (_, i) => [`lib/part${i}.js`, lines(60, `part ${i}`)])
      ),
      ...Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [`tests/t${i}.test.js`, lines(80, `test ${i}`)])
      )
    })
    const run = preview('--base', 'main', '--json')
    expect(run.code).toBe(0)
    const { prompt, budget } = JSON.parse(run.stdout) as {
      prompt: string
      budget: { length: number; files: { path: string; fate: string; quoted: number }[] }
    }
    expect(prompt.length).toBeLessThanOrEqual(20_000)
    const fate = (path: string) => budget.files.find((f) => f.path === path)?.fate
    expect(fate('README.md')).toBe('whole')
    expect(fate('typings/index.d.ts')).toBe('whole')
    expect(prompt).toContain('export function limit line 40')
    const quoted = budget.files.reduce((sum, f) => sum + f.quoted, 0)
    const tests = budget.files
      .filter((f) => f.path.startsWith('tests/'))
      .reduce((sum, f) => sum + f.quoted, 0)
    expect(tests / quoted).toBeLessThanOrEqual(0.25)
    expect(prompt).toMatch(/Commits \(1 commit\):\n- [0-9a-f]{7} Release 2\.0/)
    expect(prompt).toContain('  Adds limit() and reset().')
    expect(run.stderr).toMatch(/Quoted room by kind: .*docs \d+%/)
  })

  it('a merge of the team own sub-branch is described as the pull request work, not the base', () => {
    const sent = commit('Add options', { 'index.js': 'export const options = {}\n' })
    git('checkout', '-q', '-b', 'docs-part')
    commit('Add section on avoiding option name clashes\n\nExplains prefixes.', {
      'docs/options.md': '## Avoiding option name clashes\n'
    })
    git('checkout', '-q', 'feature')
    git('merge', '-q', '--no-ff', '-m', "Merge branch 'docs-part'", 'docs-part')
    const run = preview('--base', 'main', '--since', sent)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('+## Avoiding option name clashes')
    expect(run.stdout).toContain('  Explains prefixes.')
    expect(run.stdout).not.toContain('was merged into the branch')
  })

  it('"Update branch" touching the CHANGELOG quotes none of the base lines; a base-only push sends nothing', () => {
    const ours = (line: string) => CHANGELOG.replace('## Unreleased\n', `## Unreleased\n${line}\n`)
    const theirs = (text: string) => text.replace('- First\n', '- First\n- Webhooks (#8)\n')
    commit('Note limits', { 'CHANGELOG.md': ours('- Rate limits') })
    const sent = git('rev-parse', 'HEAD').trim()
    git('checkout', '-q', 'main')
    commit('Webhooks', { 'CHANGELOG.md': theirs(CHANGELOG), 'hooks.js': 'hook\n' })
    git('checkout', '-q', 'feature')
    git('merge', '-q', '--no-edit', 'main')
    const baseOnly = preview('--base', 'main', '--since', sent)
    expect(baseOnly.code).toBe(0)
    expect(baseOnly.stdout).toBe('')
    expect(baseOnly.stderr).toContain('only bring in main: a sync would send nothing')

    commit('Raise the limit', {
      'CHANGELOG.md': theirs(ours('- Rate limits, 120'))
    })
    const run = preview('--base', 'main', '--since', sent)
    expect(run.stdout).toContain('+- Rate limits, 120')
    expect(run.stdout).not.toContain('Webhooks')
    expect(run.stdout).not.toContain('hooks.js')
  })

  it("shows the git author's name, not as a GitHub login, and ranks what .gitattributes marks generated last", () => {
    write({ '.gitattributes': 'api/clients/** linguist-generated=true\n' })
    git('add', '-A')
    git('commit', '-q', '-m', 'Attributes')
    git('checkout', '-q', 'main')
    git('merge', '-q', 'feature')
    git('checkout', '-q', 'feature')
    commit('Add limits', {
      'api/clients/client.ts': lines(300, 'export const generatedField'),
      'src/limits.ts': 'export function limit(perMinute = 60) {}\n'
    })
    const run = preview('--base', 'main', '--json')
    const { prompt, budget } = JSON.parse(run.stdout) as {
      prompt: string
      budget: { files: { path: string; kind: string; quoted: number }[] }
    }
    expect(prompt).toContain('\nAuthor: Dev\n')
    const generated = budget.files.find((f) => f.path === 'api/clients/client.ts')
    expect(generated?.kind).toBe('generated')
    const quoted = budget.files.reduce((sum, f) => sum + f.quoted, 0)
    expect((generated?.quoted ?? 0) / quoted).toBeLessThanOrEqual(0.1)
    expect(prompt).toContain('+export function limit(perMinute = 60) {}')
  })

  it('words after the flags are refused, with how to give instructions', () => {
    commit('Change', { 'index.js': 'x\n' })
    const run = preview('--base', 'main', 'Document', 'it')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('give the team\'s instructions with --prompt "<text>"')
  })

  it('a --since that names no commit is refused with its name, not taken for a force push', () => {
    commit('Change', { 'index.js': 'x\n' })
    const run = preview('--base', 'main', '--since', 'deadbeef')
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('--since deadbeef is no commit of this checkout')
  })

  it('a --base or --head that names no commit of a checkout is a wrong command line, with its name', () => {
    commit('Change', { 'index.js': 'x\n' })
    for (const [flag, ref] of [
      ['--base', 'trunk'],
      ['--head', 'nope']
    ]) {
      const run = preview('--base', 'main', flag!, ref!)
      expect([flag, run.code]).toEqual([flag, 2])
      expect(run.stderr).toContain(`${flag} ${ref} is no commit of this checkout`)
    }
  })

  it('outside a checkout, one clear line', () => {
    rmSync(join(repo, '.git'), { recursive: true, force: true })
    const run = preview('--base', 'trunk')
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^error: git could not find the branches to compare .*--base/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})
