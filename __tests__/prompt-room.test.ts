/**
 * How a prompt's room goes between the digest and the diffs, and among the files. Synthetic pull
 * requests throughout, shaped like the large ones that left facts out.
 */
import { wholePullRequestPrompt } from '../src/prompt/prompt.js'
import { addedFile, promptRules, pullRequest } from './helpers/prompt-fixtures.js'

const digestLength = (prompt: string) =>
  prompt.indexOf('\n\nCommits (') - prompt.indexOf('What this change does')

describe('the digest and the diffs', () => {
  it('a digest that names more than its share holds takes a twentieth of the limit from the diffs', () => {
    const files = Array.from({ length: 40 }, (_, i) =>
      addedFile(`src/module${i}/settings.ts`, [
        ...Array.from({ length: 4 }, (_, n) => `export const MODULE_${i}_LIMIT_${n} = ${n * 100}`),
        ...Array.from({ length: 80 }, (_, n) => `  total += value${n} * ${n} // ${'x'.repeat(40)}`)
      ])
    )
    const rules = promptRules()
    const prompt = wholePullRequestPrompt(
      pullRequest({ changedFiles: files.length, body: 'y'.repeat(2_500) }),
      files,
      [],
      rules
    )
    // Its share alone would be about 2,400 characters here.
    expect(digestLength(prompt)).toBeGreaterThan(3_200)
    expect(digestLength(prompt)).toBeLessThan(3_600)
    expect(prompt.length).toBeLessThanOrEqual(rules.limit)
  })
})
