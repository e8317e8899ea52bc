/** Synthetic pull requests and diffs for the prompt builder's tests. */
import type { PromptRules } from '../../src/prompt/prompt.js'
import type { ChangedFile, PullRequestInfo } from '../../src/prompt/pull-request.js'
import { MemoryPullRequest } from './memory-pull-request.js'

/** The in-memory pull request's, with a description that closes an issue. */
export const pullRequest = (extra: Partial<PullRequestInfo> = {}): PullRequestInfo => ({
  ...new MemoryPullRequest().info,
  body: 'Adds per-key rate limits.\n\nCloses #3.',
  headSha: 'b'.repeat(40),
  changedFiles: 1,
  ...extra
})

export const promptRules = (extra: Partial<PromptRules> = {}): PromptRules => ({
  instructions: undefined,
  exclude: [],
  prefer: [],
  limit: 20_000,
  ...extra
})

/** A new file of these lines. */
export const addedFile = (path: string, lines: string[]): ChangedFile => ({
  path,
  status: 'added',
  additions: lines.length,
  deletions: 0,
  patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((line) => `+${line}`).join('\n')}`
})

/** A modified file of hunks, each `[old start, lines]` with `+`, `-` or ` ` first. */
export function modifiedFile(path: string, ...hunks: [number, string[]][]): ChangedFile {
  const count = (lines: string[], sign: string) => lines.filter((l) => l.startsWith(sign)).length
  return {
    path,
    status: 'modified',
    additions: hunks.reduce((sum, [, lines]) => sum + count(lines, '+'), 0),
    deletions: hunks.reduce((sum, [, lines]) => sum + count(lines, '-'), 0),
    patch: hunks
      .map(
        ([start, lines]) =>
          `@@ -${start},${lines.length - count(lines, '+')} +${start},${lines.length - count(lines, '-')} @@\n${lines.join('\n')}`
      )
      .join('\n')
  }
}
