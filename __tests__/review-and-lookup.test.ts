import { MAX_PROMPT_LENGTH } from '../src/settings/settings.js'
import { parsePullRequestUrl, sameRepository, samePullRequest } from '../src/core/job-lookup.js'
import { INLINE_COMMENT_LIMIT, reviewPrompt } from '../src/comments/prompts.js'
import type { ReviewComment } from '../src/thread/thread.js'

const comment = (
  id: number,
  path: string,
  line: number | undefined,
  body: string
): ReviewComment => ({
  id,
  path,
  line,
  hunk: `@@ -1 +1 @@\n+line ${line}`,
  body
})

function prompt(comments: ReviewComment[], summary = 'fix these') {
  return reviewPrompt({
    summary,
    state: 'commented',
    pullNumber: 7,
    reviewUrl: 'https://github.com/o/r/pull/7#pullrequestreview-1',
    comments,
    commandWord: '/agent'
  })
}

describe('reviewPrompt', () => {
  it('orders the comments by file, then line; a comment without a line comes last in its file', () => {
    const text = prompt([
      comment(3, 'b.mdx', 2, 'third'),
      comment(1, 'a.mdx', undefined, 'second'),
      comment(2, 'a.mdx', 10, 'first')
    ])
    expect([...text.matchAll(/^\d+\. (.*), at/gm)].map((m) => m[1])).toEqual([
      '`a.mdx` line 10',
      '`a.mdx`',
      '`b.mdx` line 2'
    ])
  })

  it('cuts a long comment and says how much was cut', () => {
    const text = prompt([comment(1, 'a.mdx', 1, 'x'.repeat(INLINE_COMMENT_LIMIT + 50))])
    expect(text).toContain(`${'x'.repeat(INLINE_COMMENT_LIMIT)}… [cut: 50 more characters]`)
  })

  it('stays within the prompt limit, leaving out what does not fit and saying where to read it', () => {
    const many = Array.from({ length: 40 }, (_, i) => comment(i, 'a.mdx', i, 'y'.repeat(1_500)))
    const text = prompt(many)
    expect(text.length).toBeLessThanOrEqual(MAX_PROMPT_LENGTH)
    const shown = [...text.matchAll(/^\d+\. /gm)].length
    expect(shown).toBeGreaterThan(5)
    expect(text).toContain(
      `… and ${40 - shown} more review comments, left out here because a request holds at most ${MAX_PROMPT_LENGTH} characters: read them on the review, https://github.com/o/r/pull/7#pullrequestreview-1`
    )
  })
})

describe('pull request addresses', () => {
  it('reads a pull request page, on GitHub or a GitHub Enterprise Server', () => {
    expect(parsePullRequestUrl('https://github.com/acme/docs/pull/42/files#diff')).toEqual({
      url: 'https://github.com/acme/docs/pull/42',
      owner: 'acme',
      repo: 'docs',
      number: 42
    })
    expect(parsePullRequestUrl('https://ghe.example.com/acme/docs/pull/3')?.url).toBe(
      'https://ghe.example.com/acme/docs/pull/3'
    )
    expect(parsePullRequestUrl('acme/docs#42')).toBeUndefined()
    expect(parsePullRequestUrl('https://github.com/acme/docs/issues/42')).toBeUndefined()
  })

  it('compares links as GitHub does', () => {
    const pr = 'https://github.com/acme/docs/pull/42'
    expect(samePullRequest('https://github.com/Acme/Docs/pull/42/', pr)).toBe(true)
    expect(samePullRequest('https://github.com/acme/docs/pull/420', pr)).toBe(false)
    expect(samePullRequest(null, pr)).toBe(false)
  })
})

describe('repositories, as GitHub compares them', () => {
  it.each([
    ['https://github.com/acme/docs', 'https://GitHub.com/Acme/Docs/'],
    ['https://github.com/acme/docs.git', 'https://github.com/acme/docs'],
    ['git@github.com:acme/docs.git', 'https://github.com/acme/docs'],
    ['https://ghe.example.com/acme/docs', 'https://GHE.example.com/acme/docs.git']
  ])('%s is %s', (a, b) => {
    expect(sameRepository(a, b)).toBe(true)
  })

  it.each([
    ['https://github.com/acme/docs', 'https://github.com/acme/website'],
    ['https://github.com/acme/docs', 'https://github.com/other/docs'],
    ['https://github.com/acme/docs', 'https://ghe.example.com/acme/docs'],
    [undefined, 'https://github.com/acme/docs'],
    ['', ''],
    ['not a repository', 'not a repository']
  ])('%s is not %s', (a, b) => {
    expect(sameRepository(a, b)).toBe(false)
  })
})
