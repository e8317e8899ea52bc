import type {
  ChangedFile,
  Commit,
  Comparison,
  PullRequestInfo,
  PullRequestReader
} from '../../src/prompt/pull-request.js'

export interface MemoryCommit {
  sha: string
  message: string
  files: ChangedFile[]
  /** For a merge of the base branch: the base's commits it brings. */
  merged?: MemoryCommit[]
  /** For a merge of the pull request's own sub-branch: the sub-branch's commit it brings. */
  subBranch?: string
}

/** The base branch's commit that the pull request's branch starts from. */
const BASE_SHA = 'ba5e'.padEnd(40, '0')

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
  /** The head branch's commits, oldest first. */
  branch: MemoryCommit[] = []
  /** The head GitHub's API answers with, when it lags behind the branch. */
  lagging: string | undefined
  info: Omit<PullRequestInfo, 'headSha' | 'changedFiles'>
  /** How many reads answer with the head before the last push: GitHub's read lagging behind it. */
  laggingReads = 0
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
      labels: [],
      state: 'open',
      merged: false,
      baseRef: 'main',
      headRef: 'rate-limits',
      ...info
    }
  }

  #sha(): string {
    return `${(++this.#next).toString(16).padStart(4, '0')}${'c'.repeat(36)}`
  }

  /** Pushes a commit that changes `files` (path → patch); returns its sha. */
  push(message: string, files: Record<string, string>): string {
    const sha = this.#sha()
    this.branch.push({ sha, message, files: changes(files) })
    return sha
  }

  /** GitHub's "Update branch": a merge commit brings the base's new commit into the branch. */
  updateBranch(message: string, files: Record<string, string>): string {
    const sha = this.#sha()
    const merged = [{ sha: this.#sha(), message, files: changes(files) }]
    this.branch.push({ sha, message: "Merge branch 'main'", files: [], merged })
    return sha
  }

  /** A commit made on a sub-branch of the pull request's branch, merged back into it. */
  mergeSubBranch(message: string, files: Record<string, string>): string {
    const side = this.push(message, files)
    const sha = this.#sha()
    this.branch.push({
      sha,
      message: "Merge branch 'rate-limits-docs'",
      files: [],
      subBranch: side
    })
    return sha
  }

  /** Rewrites the branch: its commits are replaced by one. */
  forcePush(message: string, files: Record<string, string>): string {
    this.#before = this.headSha
    this.#old = [...this.branch]
    this.branch = []
    return this.push(message, files)
  }

  /** The branch before the last force push: GitHub still compares its commits. */
  #old: MemoryCommit[] = []

  get headSha(): string {
    return this.branch.at(-1)?.sha ?? 'none'
  }

  /** The head GitHub answers with now: a lagging one, or the branch's. */
  #shownHead(): string {
    if (this.laggingReads > 0 && this.#before) {
      this.laggingReads--
      return this.#before
    }
    return this.lagging ?? this.headSha
  }

  /** The head before the last force push, which a lagging read still shows. */
  #before: string | undefined

  async read(): Promise<PullRequestInfo> {
    this.counts.reads++
    const headSha = this.#shownHead()
    const upTo = this.branch.slice(0, this.branch.findIndex((c) => c.sha === headSha) + 1)
    return { ...this.info, headSha, changedFiles: combine(upTo).length }
  }

  async files(): Promise<ChangedFile[]> {
    this.counts.reads++
    const headSha = this.lagging ?? this.headSha
    return combine(this.branch.slice(0, this.branch.findIndex((c) => c.sha === headSha) + 1))
  }

  async commits(): Promise<Commit[]> {
    this.counts.reads++
    return this.branch.map((c) => this.#shown(c))
  }

  async compare(base: string, head: string): Promise<Comparison | undefined> {
    this.counts.reads++
    const from = this.branch.findIndex((c) => c.sha === base)
    const to = this.branch.findIndex((c) => c.sha === head)
    // Either side of a force push: GitHub still knows the old commits, which share no history.
    const rewritten = (sha: string) => this.#old.some((c) => c.sha === sha)
    if ((from < 0 && rewritten(base) && to >= 0) || (to < 0 && rewritten(head) && from >= 0))
      return { status: 'diverged', commits: [], totalCommits: 0, files: [] }
    if (from < 0 || to < 0) return undefined
    const commits = this.branch.slice(from + 1, to + 1).flatMap((c) => [...(c.merged ?? []), c])
    return {
      status: to > from ? 'ahead' : to === from ? 'identical' : 'behind',
      commits: commits.map((c) => this.#shown(c)),
      totalCommits: commits.length,
      files: combine(commits)
    }
  }

  /** A commit as GitHub shows it: a merge's parents are the branch before it and what it brings. */
  #shown(c: MemoryCommit): Commit {
    const at = this.branch.indexOf(c)
    const before = (index: number) => this.branch[index]?.sha ?? BASE_SHA
    const first = at < 0 ? BASE_SHA : before(c.subBranch ? at - 2 : at - 1)
    return {
      sha: c.sha,
      message: c.message,
      parents: [
        first,
        ...(c.merged ? [c.merged.at(-1)!.sha] : []),
        ...(c.subBranch ? [c.subBranch] : [])
      ]
    }
  }
}

function changes(files: Record<string, string>): ChangedFile[] {
  return Object.entries(files).map(([path, patch]) => ({
    path,
    status: 'modified',
    additions: patch.split('\n').filter((l) => l.startsWith('+')).length,
    deletions: patch.split('\n').filter((l) => l.startsWith('-')).length,
    patch
  }))
}
