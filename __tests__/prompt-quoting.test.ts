/**
 * How a file's diff is quoted within its share: what counts as a change. Synthetic diffs
 * throughout.
 */
import { wholePullRequestPrompt } from '../src/prompt/prompt.js'
import { modifiedFile, promptRules, pullRequest } from './helpers/prompt-fixtures.js'

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
})
