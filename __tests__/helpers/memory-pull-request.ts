import type {
  ChangedFile,
  Comparison,
  PullRequestInfo,
  PullRequestReader
} from '../../src/sync/pull-request.js'

export interface MemoryCommit {
  sha: string
  message: string
  files: ChangedFile[]
}

/** What a file's changes over several commits add up to. */
function combine(commits: readonly MemoryCommit[]): ChangedFile[] {
  const byPath = new Map<string, ChangedFile>()
  for (const file of commits.flatMap((c) => c.files)) {
    const before = byPath.get(file.path)
    byPath.set(
      file.path,
      before
        ? {
            ...before,
            additions: before.additions + file.additions,
            deletions: before.deletions + file.deletions,
            ...(before.patch !== undefined && file.patch !== undefined
              ? { patch: `${before.patch}\n${file.patch}` }
              : {})
          }
        : file
    )
  }
  return [...byPath.values()]
}

/** A code pull request in memory: its branch is a list of commits, pushed and force-pushed. */
export class MemoryPullRequest implements PullRequestReader {
  commits: MemoryCommit[] = []
  info: Omit<PullRequestInfo, 'headSha' | 'changedFiles'>
  readonly counts = { reads: 0 }
  #next = 0

  constructor(info: Partial<PullRequestInfo> = {}) {
    this.info = {
      number: 7,
      url: 'https://github.com/o/r/pull/7',
      title: 'Add rate limits',
      body: 'Adds per-key rate limits to the API.',
      author: 'alice',
      draft: false,
      state: 'open',
      merged: false,
      baseRef: 'main',
      headRef: 'rate-limits',
      ...info
    }
  }

  /** Pushes a commit that changes `files` (path → patch); returns its sha. */
  push(message: string, files: Record<string, string>): string {
    const sha = `${(++this.#next).toString(16).padStart(4, '0')}${'c'.repeat(36)}`
    this.commits.push({
      sha,
      message,
      files: Object.entries(files).map(([path, patch]) => ({
        path,
        status: 'modified',
        additions: patch.split('\n').filter((l) => l.startsWith('+')).length,
        deletions: patch.split('\n').filter((l) => l.startsWith('-')).length,
        patch
      }))
    })
    return sha
  }

  /** Rewrites the branch: its commits are replaced by one. */
  forcePush(message: string, files: Record<string, string>): string {
    this.commits = []
    return this.push(message, files)
  }

  get headSha(): string {
    return this.commits.at(-1)?.sha ?? 'none'
  }

  async read(): Promise<PullRequestInfo> {
    this.counts.reads++
    return { ...this.info, headSha: this.headSha, changedFiles: combine(this.commits).length }
  }

  async files(): Promise<ChangedFile[]> {
    this.counts.reads++
    return combine(this.commits)
  }

  async compare(base: string, head: string): Promise<Comparison | undefined> {
    this.counts.reads++
    const from = this.commits.findIndex((c) => c.sha === base)
    const to = this.commits.findIndex((c) => c.sha === head)
    if (from < 0 || to < 0) return undefined
    const commits = this.commits.slice(from + 1, to + 1)
    return {
      status: to > from ? 'ahead' : to === from ? 'identical' : 'behind',
      commits: commits.map((c) => ({ sha: c.sha, message: c.message })),
      totalCommits: commits.length,
      files: combine(commits)
    }
  }
}
