/**
 * What the docs agent reads of a pull request: hunks rather than file prefixes, files ranked by
 * what they hold, a huge pull request's list compacted so that its diffs keep the room, the docs
 * pages it already changes, and commit messages without their trailers. Synthetic diffs
 * throughout, shaped like what crowded facts out of real prompts.
 */
import { budgetLines, promptBudget } from '../src/prompt/budget.js'
import { pendingChanges } from '../src/prompt/changes.js'
import { newCommitsPrompt, wholePullRequestPrompt, type PromptRules } from '../src/prompt/prompt.js'
import type { ChangedFile, PullRequestInfo, PullRequestReader } from '../src/prompt/pull-request.js'
import { addedFile, modifiedFile, promptRules, pullRequest } from './helpers/prompt-fixtures.js'

const pr = (changedFiles: number, extra: Partial<PullRequestInfo> = {}) =>
  pullRequest({ url: 'https://github.com/acme/api/pull/7', changedFiles, ...extra })
const rules = promptRules
const added = addedFile
const modified = modifiedFile

/** `n` lines of a body, about 60 characters each. */
const body = (n: number, what: string) =>
  Array.from({ length: n }, (_, i) => `  const ${what}${i} = compute(${i}) // ${'x'.repeat(30)}`)

const quotes = (prompt: string, path: string) => prompt.includes(`diff --git a/${path} b/${path}`)
const budgetOf = (prompt: string, files: ChangedFile[], extra: Partial<PromptRules> = {}) =>
  promptBudget(prompt, files, rules(extra))
const fateOf = (prompt: string, files: ChangedFile[], path: string) =>
  budgetOf(prompt, files).files.find((file) => file.path === path)

describe('hunks, not file prefixes', () => {
  it('a new file is quoted from its first declaration: its import block is left out, and counted', () => {
    const file = added('src/limits.ts', [
      "import { a } from './a.js'",
      "import { b } from './b.js'",
      "import { c } from './c.js'",
      '',
      'export function limit(key: string, perMinute = 60) {',
      '  return a(b(c(key)))',
      '}'
    ])
    const prompt = wholePullRequestPrompt(pr(1), [file], [], rules())
    expect(prompt).toContain(
      '@@ -0,0 +5,3 @@\n+export function limit(key: string, perMinute = 60) {'
    )
    expect(prompt).not.toContain("+import { a } from './a.js'")
    expect(prompt).toContain(
      "… [left out of this file's diff: 1 hunk that changes only imports, whitespace or comments]"
    )
  })

  it('when a file is cut, the hunks that declare things come before the bodies, in the file order', () => {
    const file = modified(
      'src/server.ts',
      [10, [' function handle() {', ...body(60, 'step').map((line) => `+${line}`), ' }']],
      [
        200,
        [
          ' ',
          '+export function limit(key: string, perMinute = 60): boolean {',
          '+  return true',
          '+}'
        ]
      ]
    )
    const filler = Array.from({ length: 30 }, (_, i) =>
      added(`src/other${i}.ts`, ['function other() {', ...body(30, `v${i}_`), '}'])
    )
    const prompt = wholePullRequestPrompt(pr(31), [file, ...filler], [], rules())
    const quote = prompt.slice(prompt.indexOf('diff --git a/src/server.ts'))
    expect(quote).toContain('+export function limit(key: string, perMinute = 60): boolean {')
    expect(fateOf(prompt, [file, ...filler], 'src/server.ts')?.fate).toBe('cut')
  })

  it('a hunk of imports or comments only is left out; a file of nothing else is listed with why', () => {
    const imports = modified('src/a.ts', [
      1,
      ["-import { x } from './x.js'", "+import { x, y } from './x.js'"]
    ])
    const comments = modified('src/b.py', [4, ['-# Limits keys.', '+# Limits API keys.']])
    const prompt = wholePullRequestPrompt(pr(2), [imports, comments], [], rules())
    expect(prompt).toContain(
      '- `src/a.ts` (+1 −1) — not quoted: it changes only imports, whitespace or comments'
    )
    expect(prompt).toContain(
      '- `src/b.py` (+1 −1) — not quoted: it changes only imports, whitespace or comments'
    )
    expect(quotes(prompt, 'src/a.ts') || quotes(prompt, 'src/b.py')).toBe(false)
  })

  it('whitespace-only changes are not counted as changes: a realigned config is shown as it is now', () => {
    const realigned = Array.from({ length: 40 }, (_, i) => [
      `-  option${i}:    ${i},`,
      `+  option${i}: ${i},`
    ]).flat()
    const file = modified('config/defaults.ts', [
      3,
      [...realigned, '-  timeout: 30,', '+  timeout: 60,']
    ])
    const prompt = wholePullRequestPrompt(pr(1), [file], [], rules())
    expect(prompt).toContain('- `config/defaults.ts` (+41 −41; +1 −1 ignoring whitespace)')
    expect(prompt).toContain('-  timeout: 30,\n+  timeout: 60,')
    expect(prompt).not.toContain('-  option3:    3,')
  })

  it('sync-prefer quotes a file whole even when it changes only imports', () => {
    const imports = modified('src/index.ts', [
      1,
      ["-export { a } from './a.js'", "+export { a, b } from './a.js'"]
    ])
    const prompt = wholePullRequestPrompt(pr(1), [imports], [], rules({ prefer: ['src/index.ts'] }))
    expect(prompt).toContain("+export { a, b } from './a.js'")
  })
})

describe('files ranked by what they hold', () => {
  const schema = added('src/env.ts', [
    'export const env = createEnv({',
    '  RATE_LIMIT_PER_MINUTE: z.coerce.number().min(1).default(60),',
    ...body(120, 'rule'),
    '})'
  ])
  const generated = (path: string, header = true) =>
    added(path, [
      ...(header ? ['// Code generated by protoc-gen-go. DO NOT EDIT.'] : []),
      ...body(300, 'stub')
    ])
  const ranked = (files: ChangedFile[], extra: Partial<PromptRules> = {}) => {
    const prompt = wholePullRequestPrompt(pr(files.length), files, [], rules(extra))
    return { prompt, budget: budgetOf(prompt, files, extra) }
  }

  it.each([
    ['a "Code generated … DO NOT EDIT" header', generated('api/limits_handler.go')],
    ['a protobuf stub by its name', generated('gen/v1/limits.pb.go', false)],
    ['a gRPC stub for Python by its name', generated('sdk/limits_pb2_grpc.py', false)],
    ['a locale beyond the source one', added('web/locales/de-DE.json', body(300, 'text'))]
  ])('%s goes last, within a tenth of the quoted room', (_, last) => {
    const { prompt, budget } = ranked([last, schema])
    expect(prompt).toContain('+  RATE_LIMIT_PER_MINUTE: z.coerce.number().min(1).default(60),')
    const quoted = budget.files.reduce((sum, file) => sum + file.quoted, 0)
    const lastQuoted = budget.files.find((file) => file.path === last.path)?.quoted ?? 0
    expect(lastQuoted / quoted).toBeLessThanOrEqual(0.1)
    expect(budget.files.find((file) => file.path === last.path)?.kind).toMatch(
      /generated|translations/
    )
  })

  it('.gitattributes marks files generated through the reader', async () => {
    const files = [added('api/schema.graphql.ts', body(300, 'field')), schema]
    const reader: PullRequestReader = {
      read: async () => pr(2),
      files: async () => files,
      commits: async () => [],
      compare: async () => undefined,
      gitattributes: async () => 'api/*.graphql.ts linguist-generated=true\n'
    }
    const pending = await pendingChanges('b'.repeat(40), reader, pr(2), undefined, rules())
    if (pending.kind !== 'whole') throw new Error('expected the whole pull request')
    const budget = promptBudget(pending.prompt, pending.files, rules())
    expect(budget.files.find((file) => file.path === 'api/schema.graphql.ts')?.kind).toBe(
      'generated'
    )
  })

  it('issue templates and CI go with the rest, after the module that carries the feature', () => {
    const template = added('.github/ISSUE_TEMPLATE/bug.yml', body(40, 'field'))
    const workflow = added('.github/workflows/ci.yml', body(40, 'step'))
    const { budget } = ranked([template, workflow, schema])
    const kind = (path: string) => budget.files.find((file) => file.path === path)?.kind
    expect(kind('.github/ISSUE_TEMPLATE/bug.yml')).toBe('tests and the rest')
    expect(kind('.github/workflows/ci.yml')).toBe('tests and the rest')
    expect(kind('src/env.ts')).toBe('public surface')
  })

  it('the file that defines a setting is quoted before tooling files, which go with the rest', () => {
    const tooling = [
      added('tsconfig.json', ['{', '  "strict": true', '}']),
      added('eslint.config.js', ['export default []']),
      added('web/styles.css', ['.skeleton { height: 1rem }'])
    ]
    const filler = Array.from({ length: 40 }, (_, i) => added(`src/m${i}.ts`, body(40, `m${i}_`)))
    const { prompt, budget } = ranked([...tooling, ...filler, schema])
    expect(prompt).toContain('+  RATE_LIMIT_PER_MINUTE: z.coerce.number().min(1).default(60),')
    for (const file of tooling)
      expect(budget.files.find((each) => each.path === file.path)?.kind).toBe('tests and the rest')
  })

  it('sync-exclude and sync-prefer still win over every built-in rule', () => {
    const stub = generated('gen/v1/limits.pb.go', false)
    const { prompt, budget } = ranked([stub, schema], {
      prefer: ['gen/**'],
      exclude: ['src/env.ts']
    })
    expect(budget.files.find((file) => file.path === 'gen/v1/limits.pb.go')?.kind).toBe('preferred')
    expect(quotes(prompt, 'gen/v1/limits.pb.go')).toBe(true)
    expect(prompt).toContain(
      '- `src/env.ts` (+123 −0, added) — not quoted: excluded by sync-exclude'
    )
  })
})

describe('a huge pull request', () => {
  const files = Array.from({ length: 1_600 }, (_, i) =>
    added(
      `packages/pkg${i % 40}/src/feature${Math.floor(i / 40)}/module-with-a-long-name-${i}.ts`,
      [
        `export function handler${i}(input: string, retries = ${i % 5}) {`,
        ...body(12, `h${i}_`),
        '}'
      ]
    )
  )
  const prompt = wholePullRequestPrompt(pr(1_600), files, [], rules())
  const budget = budgetOf(prompt, files)

  it('lists every file, folder by folder, and keeps at least 60% of the prompt for quoted diff', () => {
    expect(prompt.length).toBeLessThanOrEqual(20_000)
    expect(prompt).toContain('Changed files (1600 files, +22400 −0), by folder')
    const listed = prompt.slice(prompt.indexOf('Changed files ('), prompt.indexOf('\n\nThe diffs'))
    const counted = [...listed.matchAll(/: (\d+) files? \(/g)].reduce(
      (sum, [, n]) => sum + Number(n),
      0
    )
    expect(counted).toBe(1_600)
    const quoted = budget.files.reduce((sum, file) => sum + file.quoted, 0)
    expect(quoted / prompt.length).toBeGreaterThanOrEqual(0.6)
  })

  it('never cuts a line of the list mid-word, and the budget prints its shares', () => {
    const listed = prompt.slice(prompt.indexOf('Changed files ('), prompt.indexOf('\n\nThe diffs'))
    for (const line of listed.split('\n').slice(1)) expect(line).toMatch(/\(\+\d+ −\d+\)$/)
    expect(budgetLines(budget).at(-1)).toMatch(/^Quoted room by kind: \w[\w ]* \d+%/)
  })

  it('a budget with nothing quoted says so', () => {
    const none = promptBudget('No diff.', [added('a.ts', ['x'])], rules())
    expect(budgetLines(none).at(-1)).toBe('Quoted room by kind: none, no diff was quoted.')
  })
})

describe('the docs pages a pull request already changes', () => {
  const page = added('docs/guides/limits.mdx', body(200, 'prose'))
  const nav = modified('docs/docs.json', [3, [' {', '+  "pages": ["guides/limits"]']])
  const code = added('src/limits.ts', [
    'export function limit(perMinute = 60) {',
    ...body(200, 'step'),
    '}'
  ])
  const prompt = (extra: Partial<PromptRules> = {}) =>
    wholePullRequestPrompt(pr(3), [page, nav, code], [], rules(extra))

  it.each([
    [
      'before the docs job is known',
      {},
      'If your docs repository is `acme/api`, these pages are already being written in this pull request: do not write them again; build on them'
    ],
    [
      'when the docs job works on this repository',
      { docsRepository: 'https://github.com/Acme/API' },
      "Your docs repository is this pull request's repository (`acme/api`): these pages are already being written in this pull request: do not write them again; build on them"
    ],
    [
      'when the docs live elsewhere',
      { docsRepository: 'https://github.com/acme/docs' },
      'Your docs repository is another one (`acme/docs`): take these pages as facts about the change.'
    ]
  ])('are named at the top %s', (_, extra, advice) => {
    const text = prompt(extra)
    expect(text).toContain(
      'This pull request already changes these docs pages: `docs/guides/limits.mdx` (new), `docs/docs.json`.'
    )
    expect(text).toContain(advice)
    expect(text.indexOf('already changes these docs pages')).toBeLessThan(
      text.indexOf('Changed files (')
    )
  })

  it('take little room: the code is quoted before them', () => {
    const text = prompt()
    const budget = budgetOf(text, [page, nav, code])
    const quoted = (path: string) => budget.files.find((file) => file.path === path)?.quoted ?? 0
    expect(quoted('src/limits.ts')).toBeGreaterThan(quoted('docs/guides/limits.mdx'))
    expect(budget.files.find((file) => file.path === 'docs/guides/limits.mdx')?.kind).toBe(
      'docs pages'
    )
  })
})

describe('messages', () => {
  it('commit trailers are dropped; the diff wins over the description', () => {
    const message = [
      'Add per-key limits (#12)',
      '',
      'Keys get perMinute.',
      '',
      '---------',
      '',
      ...Array.from({ length: 20 }, (_, i) => `Co-authored-by: Person ${i} <p${i}@example.com>`),
      'Signed-off-by: Alice <alice@example.com>',
      '',
      'Change-Id: I8c3f0e2d',
      'Fixes: #11'
    ].join('\n')
    const prompt = wholePullRequestPrompt(
      pr(1),
      [added('src/a.ts', ['export const a = 1'])],
      [{ sha: '1'.repeat(40), message, parents: ['0'.repeat(40)] }],
      rules()
    )
    expect(prompt).toContain('1111111 Add per-key limits (#12)\n  Keys get perMinute.')
    expect(prompt).not.toContain('Co-authored-by')
    expect(prompt).not.toContain('Signed-off-by')
    expect(prompt).not.toContain('Change-Id')
    expect(prompt).not.toContain('Fixes: #11')
    expect(prompt).toContain(
      'Where the description or a commit message and the diff disagree, the diff is what will merge.'
    )
  })

  it('a follow-up starts with the digest of what its commits change', () => {
    const prompt = newCommitsPrompt(
      pr(1),
      'a'.repeat(40),
      {
        status: 'ahead',
        totalCommits: 1,
        commits: [{ sha: 'b'.repeat(40), message: 'Raise the default', parents: ['a'.repeat(40)] }],
        files: [
          modified('src/limits.ts', [
            3,
            ['-export const PER_MINUTE = 60', '+export const PER_MINUTE = 120']
          ])
        ]
      },
      rules()
    )
    expect(prompt).toContain(
      '- changed constant: `export const PER_MINUTE = 120` :3 (was `export const PER_MINUTE = 60`)'
    )
    expect(prompt.indexOf('changed constant')).toBeLessThan(prompt.indexOf('New commits on'))
  })
})
