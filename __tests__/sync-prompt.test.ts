import { globMatcher, notQuoted } from '../src/prompt/files.js'
import { newCommitsPrompt, wholePullRequestPrompt, type PromptRules } from '../src/prompt/prompt.js'
import type { ChangedFile } from '../src/prompt/pull-request.js'
import { promptRules, pullRequest } from './helpers/prompt-fixtures.js'

const LIMIT = 20_000

const pr = (changedFiles: number) => pullRequest({ changedFiles })

const rules = (extra: Partial<PromptRules> = {}) =>
  promptRules({ instructions: 'Document user-facing changes only.', limit: LIMIT, ...extra })

/** A file whose diff adds `lines` lines of about 60 characters. */
function file(path: string, lines: number, extra: Partial<ChangedFile> = {}): ChangedFile {
  const body = Array.from(
    { length: lines },
    (_, i) => `+const line${i} = 'x'.repeat(40) // ${path}`
  )
  return {
    path,
    status: 'modified',
    additions: lines,
    deletions: 0,
    patch: `@@ -0,0 +1,${lines} @@\n${body.join('\n')}`,
    ...extra
  }
}

const quotes = (prompt: string, path: string) => prompt.includes(`diff --git a/${path} b/${path}`)

describe('the first prompt of a code pull request', () => {
  it('puts the instructions first, then the pull request, every file with its counts, and the diffs', () => {
    const files = [file('src/limits.ts', 20), file('src/server.ts', 5, { deletions: 2 })]
    const prompt = wholePullRequestPrompt(pr(2), files, [], rules())
    expect(prompt.startsWith('Document user-facing changes only.')).toBe(true)
    for (const text of [
      'Pull request: https://github.com/o/r/pull/7',
      'Title: Add rate limits',
      'Author: @alice',
      'Branches: rate-limits into main',
      '> Adds per-key rate limits.',
      'Changed files (2 files, +25 −2):',
      '- `src/limits.ts` (+20 −0)',
      '- `src/server.ts` (+5 −2)'
    ])
      expect(prompt).toContain(text)
    expect(quotes(prompt, 'src/limits.ts') && quotes(prompt, 'src/server.ts')).toBe(true)
  })

  it('lists lockfiles, binaries, minified and vendored files without quoting them', () => {
    const files = [
      file('package-lock.json', 400),
      file('services/go.sum', 50),
      file('web/app.min.js', 30),
      file('vendor/lib/a.go', 30),
      file('logo.png', 0, { patch: undefined, additions: 0 }),
      file('src/api.ts', 10)
    ]
    const prompt = wholePullRequestPrompt(pr(6), files, [], rules())
    expect(prompt).toContain('- `package-lock.json` (+400 −0) — not quoted: a lockfile')
    expect(prompt).toContain('- `services/go.sum` (+50 −0) — not quoted: a lockfile')
    expect(prompt).toContain('— not quoted: minified or a source map')
    expect(prompt).toContain('— not quoted: vendored or built')
    expect(prompt).toContain('- `logo.png` (+0 −0) — not quoted: binary')
    expect(quotes(prompt, 'package-lock.json')).toBe(false)
    expect(quotes(prompt, 'src/api.ts')).toBe(true)
  })

  it('gives each file its share, so one large file cannot crowd out the others, and stays within 20,000 characters', () => {
    const files = [
      file('src/schema.ts', 3_000),
      ...[1, 2, 3, 4, 5].map((n) => file(`src/f${n}.ts`, 8))
    ]
    const prompt = wholePullRequestPrompt(pr(6), files, [], rules())
    expect(prompt.length).toBeLessThanOrEqual(LIMIT)
    for (const n of [1, 2, 3, 4, 5]) {
      expect(quotes(prompt, `src/f${n}.ts`)).toBe(true)
      expect(prompt).toContain(`+const line7 = 'x'.repeat(40) // src/f${n}.ts`)
    }
    expect(quotes(prompt, 'src/schema.ts')).toBe(true)
    expect(prompt).toMatch(/… \[\d+ more lines of this hunk left out\]/)
  })

  it('leaves out paths in sync-exclude and quotes sync-prefer first, even a lockfile', () => {
    const files = [
      ...Array.from({ length: 60 }, (_, i) => file(`src/mod${i}.ts`, 40)),
      file('docs/guide.md', 5),
      file('api/openapi.yaml', 30),
      file('Cargo.lock', 10)
    ]
    const prompt = wholePullRequestPrompt(
      pr(files.length),
      files,
      [],
      rules({ exclude: ['docs/**'], prefer: ['api/*.yaml', 'Cargo.lock'] })
    )
    expect(prompt).toContain('- `docs/guide.md` (+5 −0) — not quoted: excluded by sync-exclude')
    expect(quotes(prompt, 'api/openapi.yaml')).toBe(true)
    expect(quotes(prompt, 'Cargo.lock')).toBe(true)
    expect(prompt).toContain("+const line29 = 'x'.repeat(40) // api/openapi.yaml")
    expect(prompt).toMatch(/Not quoted, for want of room: .*\. Read them on the pull request\./)
    expect(prompt.length).toBeLessThanOrEqual(LIMIT)
  })

  it('counts every file of a 350-file pull request, folder by folder when a line each would not fit', () => {
    const files = Array.from({ length: 350 }, (_, i) =>
      file(`packages/pkg${i % 7}/src/generated/module-with-a-long-name-${i}.ts`, 3)
    )
    const prompt = wholePullRequestPrompt(pr(350), files, [], rules())
    expect(prompt.length).toBeLessThanOrEqual(LIMIT)
    expect(prompt).toContain('Changed files (350 files, +1050 −0), by folder')
    expect(prompt).toContain('- `packages/pkg0/src/generated/`: 50 files (+150 −0)')
  })

  it("says when GitHub's files list stopped short of the pull request's files", () => {
    const files = Array.from({ length: 30 }, (_, i) => file(`f${i}.ts`, 1))
    const prompt = wholePullRequestPrompt(pr(3_500), files, [], rules())
    expect(prompt).toContain('Changed files (3500 files, +30 −0; GitHub lists the first 30):')
  })
})

describe('a follow-up for new commits', () => {
  it('carries the new commits and only their diff', () => {
    const prompt = newCommitsPrompt(
      pr(3),
      'a'.repeat(40),
      {
        status: 'ahead',
        totalCommits: 2,
        commits: [
          {
            sha: '1'.repeat(40),
            message: 'Raise the default limit\n\nLonger text.',
            parents: ['a'.repeat(40)]
          },
          { sha: 'b'.repeat(40), message: 'Rename the header', parents: ['a'.repeat(40)] }
        ],
        files: [file('src/limits.ts', 3)]
      },
      rules()
    )
    expect(prompt.startsWith('Document user-facing changes only.')).toBe(true)
    expect(prompt).toContain('(aaaaaaa..bbbbbbb, 2 commits):')
    expect(prompt).toContain('- 1111111 Raise the default limit')
    expect(prompt).toContain('1111111 Raise the default limit\n  Longer text.')
    expect(prompt).toContain('- bbbbbbb Rename the header')
    expect(quotes(prompt, 'src/limits.ts')).toBe(true)
  })
})

describe('globs', () => {
  it.each([
    ['docs/**', 'docs/a/b.md', true],
    ['docs/**', 'src/docs.ts', false],
    ['*.snap', 'src/__snapshots__/a.test.ts.snap', true],
    ['src/*.ts', 'src/a/b.ts', false],
    ['src/**/*.ts', 'src/a/b.ts', true],
    ['src/**/*.ts', 'src/b.ts', true],
    ['?.md', 'a.md', true],
    ['fixtures/[x].json', 'fixtures/[x].json', true]
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globMatcher(glob)(path)).toBe(expected)
  })

  it('a file GitHub gives no patch for is not quoted, and the prompt says why', () => {
    const big = file('src/big.ts', 9_000, { patch: undefined })
    expect(notQuoted(big, { exclude: [], prefer: [] })).toBe(
      'GitHub gives no diff for a file this large'
    )
  })
})
