/**
 * How a prompt's room goes between the digest and the diffs, and among the files. Synthetic pull
 * requests throughout, shaped like the large ones that left facts out.
 */
import { shareRoom } from '../src/prompt/files.js'
import type { Rank } from '../src/prompt/kinds.js'
import { wholePullRequestPrompt } from '../src/prompt/prompt.js'
import { addedFile, modifiedFile, promptRules, pullRequest } from './helpers/prompt-fixtures.js'

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

describe('the diffs', () => {
  /** A file whose one change stands amid git's three lines of context on each side. */
  const edited = (i: number) =>
    modifiedFile(`src/service${i}.ts`, [
      10,
      [
        ...Array.from({ length: 3 }, (_, n) => `   const before${n} = ${n} // ${'c'.repeat(30)}`),
        `-  const limit${i} = 10`,
        `+  const limit${i} = 20`,
        ...Array.from({ length: 3 }, (_, n) => `   const after${n} = ${n} // ${'c'.repeat(30)}`)
      ]
    ])

  it("when not every diff fits with git's context, each is quoted with a line of it", () => {
    const files = Array.from({ length: 60 }, (_, i) => edited(i))
    const prompt = wholePullRequestPrompt(
      pullRequest({ changedFiles: files.length }),
      files,
      [],
      promptRules({ limit: 12_000 })
    )
    expect(prompt).toContain(
      `   const before2 = 2 // ${'c'.repeat(30)}\n-  const limit0 = 10\n+  const limit0 = 20\n   const after0 = 0`
    )
    expect(prompt).not.toContain(`   const before1 = 1 // ${'c'.repeat(30)}\n   const before2`)
  })

  it('with all of them, as git gives them, when they fit', () => {
    const files = Array.from({ length: 5 }, (_, i) => edited(i))
    const prompt = wholePullRequestPrompt(pullRequest(), files, [], promptRules())
    expect(prompt).toContain(`   const before0 = 0 // ${'c'.repeat(30)}`)
  })

  it('fill the room the rest leaves, up to the limit', () => {
    const files = Array.from({ length: 100 }, (_, i) => edited(i))
    const rules = promptRules()
    const prompt = wholePullRequestPrompt(
      pullRequest({ changedFiles: files.length }),
      files,
      [],
      rules
    )
    expect(prompt.length).toBeLessThanOrEqual(rules.limit)
    expect(prompt.length).toBeGreaterThan(rules.limit - 100)
  })
})

describe('the files', () => {
  const claim = (path: string, size: number, rank: Rank, weight: number) => ({
    path,
    size,
    rank,
    weight
  })

  it('a large file of the public surface leaves room for the source that defines much', () => {
    const allowance = shareRoom(
      [claim('api/resolver.go', 10_000, 1, 6), claim('pkg/principal/principal.go', 3_000, 2, 6)],
      8_000
    )
    expect(allowance.get('pkg/principal/principal.go')).toBe(3_000)
    // What no other file needs goes back to it.
    expect(allowance.get('api/resolver.go')).toBe(5_000)
  })

  it('and takes what it needs when only source that defines little waits', () => {
    const allowance = shareRoom(
      [claim('src/index.js', 6_000, 1, 6), claim('lib/part0.js', 3_000, 2, 0)],
      8_000
    )
    expect(allowance.get('src/index.js')).toBe(6_000)
  })

  it('docs are never held back', () => {
    const allowance = shareRoom(
      [
        { ...claim('README.md', 6_000, 1, 6), docs: true },
        claim('pkg/principal/principal.go', 3_000, 2, 6)
      ],
      8_000
    )
    expect(allowance.get('README.md')).toBe(6_000)
  })
})
