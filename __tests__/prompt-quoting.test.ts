/**
 * How a file's diff is quoted within its share: what counts as a change, and which of its new
 * sections come first when it is cut (in data, in order; in code and prose, the largest).
 * Synthetic diffs throughout.
 */
import { wholePullRequestPrompt } from '../src/prompt/prompt.js'
import type { ChangedFile } from '../src/prompt/pull-request.js'
import { addedFile, modifiedFile, promptRules, pullRequest } from './helpers/prompt-fixtures.js'

const quoteOf = (prompt: string, path: string) => {
  const start = prompt.indexOf(`diff --git a/${path} b/${path}`)
  const end = prompt.indexOf('\ndiff --git', start + 1)
  return prompt.slice(start, end < 0 ? prompt.indexOf('\n````', start) : end)
}

describe('what counts as a change', () => {
  it('an item that only gains the comma the next one needs is shown as it is, not as changed', () => {
    const spec = modifiedFile('cli/cli-spec.json', [
      20,
      [
        '       "options": [',
        '-        { "name": "code", "flags": ["--code"], "help": "Verification code (use with --email)." }',
        '+        { "name": "code", "flags": ["--code"], "help": "Verification code (use with --email)." },',
        '+        { "name": "force", "flags": ["--force"], "type": "boolean", "default": false, "help": "Overwrite the config." }',
        '       ]'
      ]
    ])
    const prompt = wholePullRequestPrompt(pullRequest(), [spec], [], promptRules())
    const quote = quoteOf(prompt, 'cli/cli-spec.json')
    expect(quote).toContain(
      '\n         { "name": "code", "flags": ["--code"], "help": "Verification code (use with --email)." },\n+'
    )
    expect(quote).not.toContain('-        { "name": "code"')
    expect(prompt).toContain('- flag: `{ "name": "force", "flags": ["--force"]')
    expect(prompt).not.toContain('changed flag')
    expect(prompt).toContain('- `cli/cli-spec.json` (+2 −1; +1 −0 ignoring whitespace)')
  })

  it('a file with CRLF line ends and a title with a carriage return reach the prompt without one', () => {
    const file = addedFile('src/hello.ts', [
      'export function hello(name: string) {\r',
      '  return `hello ${name}`\r',
      '}\r'
    ])
    const prompt = wholePullRequestPrompt(
      pullRequest({ title: 'Say\rhello' }),
      [file],
      [],
      promptRules()
    )
    expect(prompt).toContain('+export function hello(name: string) {\n')
    expect(prompt).toContain('Title: Say hello')
    expect(prompt).not.toContain('\r')
  })
})

describe('which new sections come first when a file is cut', () => {
  const filler = (files: number, lines: number) =>
    Array.from({ length: files }, (_, i) =>
      addedFile(
        `src/module${i}.ts`,
        Array.from({ length: lines }, (_, n) => `  total += value${n} // ${'x'.repeat(40)}`)
      )
    )
  /** The file's quote in a prompt where `others` files of `lines` lines each compete for room. */
  const quoteAmid = (file: ChangedFile, others: number, lines: number, limit = 20_000) => {
    const files = [file, ...filler(others, lines)]
    const prompt = wholePullRequestPrompt(
      pullRequest({ changedFiles: files.length }),
      files,
      [],
      promptRules({ limit })
    )
    return quoteOf(prompt, file.path)
  }

  it('a new schema is read in order: its required fields before its examples', () => {
    const schema = addedFile('api/spec/CreateDomainRequest.yaml', [
      'type: object',
      'required:',
      '  - project',
      '  - domain',
      'properties:',
      '  domain:',
      '    type: string',
      '    description: |',
      '      The name to attach.',
      '',
      ...Array.from(
        { length: 60 },
        (_, n) => `      Example ${n}: api${n}.example.com is accepted as is.`
      )
    ])
    expect(quoteAmid(schema, 60, 100)).toContain('+required:\n+  - project\n+  - domain')
  })

  it("a new code file's largest declaration goes first", () => {
    const code = addedFile('pkg/principal/principal.go', [
      'package principal',
      '',
      'const Version = "v1"',
      '',
      'type Principal struct {',
      ...Array.from({ length: 45 }, (_, n) => `\tField${n} string // what field ${n} holds`),
      '}'
    ])
    const quote = quoteAmid(code, 30, 40, 3_500)
    expect(quote).toContain('+type Principal struct {')
    expect(quote).not.toContain('+const Version')
  })

  it("a README's largest new section goes first", () => {
    const readme = modifiedFile('cli/README.md', [
      10,
      [
        ' ## Commands',
        '+',
        '+### `event list`',
        '+Lists events.',
        '+',
        '+### `event status <event-id>`',
        ...Array.from(
          { length: 60 },
          (_, n) => `+Step ${n}: the status of one event, and its results.`
        )
      ]
    ])
    const quote = quoteAmid(readme, 30, 40, 4_000)
    expect(quote).toContain('+### `event status <event-id>`')
    expect(quote).not.toContain('+### `event list`')
  })
})
