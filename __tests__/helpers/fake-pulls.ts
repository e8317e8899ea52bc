import { createHash } from 'node:crypto'
import type { Answer, Route } from './fake-github.js'

/** A file a commit changes, as GitHub's files and compare endpoints describe it. */
export interface FakeFile {
  filename: string
  status?: 'added' | 'removed' | 'modified' | 'renamed'
  additions: number
  deletions: number
  /** Left out for binary files and, on GitHub, for very large ones. */
  patch?: string
  previous_filename?: string
}

export interface FakeCommit {
  sha: string
  message: string
  files: FakeFile[]
  /** For a merge of the base branch into the head branch: the base's commits it brings. */
  merged?: FakeCommit[]
}

export interface PullRequestSeed {
  title?: string
  body?: string
  author?: string
  draft?: boolean
  labels?: string[]
  baseRef?: string
  headRef?: string
  /** The head branch's repository when it is a fork's (`full_name`). */
  headRepo?: string
  /** The commits on the head branch, oldest first. */
  commits?: { message: string; files: FakeFile[] }[]
}

export interface FakePullRequest {
  number: number
  title: string
  body: string
  author: string
  draft: boolean
  /** Its labels' names, as they are now. */
  labels: string[]
  state: 'open' | 'closed'
  merged: boolean
  baseRef: string
  baseSha: string
  headRef: string
  headRepo: string
  commits: FakeCommit[]
  /** Every commit the branch ever had, rewritten ones included, for compare. */
  known: Map<string, { commit: FakeCommit; parents: string[] }>
  /** Adds commits to the head branch; returns the new head sha. */
  push(commits: { message: string; files: FakeFile[] }[]): string
  /** Replaces the head branch's commits (a force push); returns the new head sha. */
  forcePush(commits: { message: string; files: FakeFile[] }[]): string
  /**
   * GitHub's "Update branch": the base branch gets `commits`, and a merge commit brings them
   * into the head branch. Returns the new head sha.
   */
  updateBranch(commits: { message: string; files: FakeFile[] }[]): string
  readonly headSha: string
}

const REPO = 'Codertocat/Hello-World'
const GITHUB_DIFF_FILES = 300
const GITHUB_DIFF_LINES = 20_000

function sha(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

/** A patch of `added` added lines and `removed` removed ones, as GitHub shows a file's change. */
export function patchOf(added: number, removed = 0, word = 'line'): string {
  return [
    `@@ -1,${removed} +1,${added} @@`,
    ...Array.from({ length: removed }, (_, i) => `-old ${word} ${i + 1}`),
    ...Array.from({ length: added }, (_, i) => `+new ${word} ${i + 1}`)
  ].join('\n')
}

function makePullRequest(number: number, seed: PullRequestSeed, headRef: string): FakePullRequest {
  const baseSha = sha(`base-${number}`)
  const pr: FakePullRequest = {
    number,
    title: seed.title ?? 'Add a --dry-run flag',
    body: seed.body ?? 'Prints what would change without changing it.',
    author: seed.author ?? 'Codertocat',
    draft: seed.draft ?? false,
    labels: seed.labels ?? [],
    state: 'open',
    merged: false,
    baseRef: seed.baseRef ?? 'main',
    baseSha,
    headRef: seed.headRef ?? headRef,
    headRepo: seed.headRepo ?? REPO,
    commits: [],
    known: new Map(),
    push(list) {
      let parent = pr.commits.at(-1)?.sha ?? baseSha
      for (const { message, files } of list) {
        const commit = { sha: sha(`${parent}-${message}-${Math.random()}`), message, files }
        pr.known.set(commit.sha, { commit, parents: [parent] })
        pr.commits.push(commit)
        parent = commit.sha
      }
      return pr.headSha
    },
    forcePush(list) {
      pr.commits = []
      return pr.push(list)
    },
    updateBranch(list) {
      const merged = list.map(({ message, files }) => ({
        sha: sha(`base-${message}-${Math.random()}`),
        message,
        files
      }))
      const parent = pr.headSha
      const merge: FakeCommit = {
        sha: sha(`merge-${parent}-${Math.random()}`),
        message: `Merge branch '${pr.baseRef}' into ${pr.headRef}`,
        files: [],
        merged
      }
      pr.known.set(merge.sha, {
        commit: merge,
        parents: [parent, merged.at(-1)?.sha ?? pr.baseSha]
      })
      pr.commits.push(merge)
      return pr.headSha
    },
    get headSha() {
      return pr.commits.at(-1)?.sha ?? baseSha
    }
  }
  pr.push(seed.commits ?? [{ message: 'Add a --dry-run flag', files: [] }])
  return pr
}

/** The files changed by a run of commits: each file once, its changes added up. */
function filesOf(commits: readonly FakeCommit[]): FakeFile[] {
  const byName = new Map<string, FakeFile>()
  for (const file of commits.flatMap((c) => c.files)) {
    const seen = byName.get(file.filename)
    if (!seen) byName.set(file.filename, { status: 'modified', ...file })
    else {
      seen.additions += file.additions
      seen.deletions += file.deletions
      seen.patch =
        seen.patch !== undefined && file.patch !== undefined
          ? `${seen.patch}\n${file.patch}`
          : undefined
    }
  }
  return [...byName.values()].sort((a, b) => a.filename.localeCompare(b.filename))
}

function shownFile(file: FakeFile) {
  return {
    sha: sha(file.filename),
    filename: file.filename,
    status: file.status ?? 'modified',
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `https://github.com/${REPO}/blob/HEAD/${file.filename}`,
    raw_url: `https://github.com/${REPO}/raw/HEAD/${file.filename}`,
    contents_url: `https://api.github.com/repos/${REPO}/contents/${file.filename}`,
    ...(file.patch === undefined ? {} : { patch: file.patch }),
    ...(file.previous_filename ? { previous_filename: file.previous_filename } : {})
  }
}

function shownCommit(commit: FakeCommit) {
  return {
    sha: commit.sha,
    parents: Array.from({ length: commit.merged ? 2 : 1 }, (_, i) => ({
      sha: sha(`${commit.sha}-parent-${i}`),
      url: `https://api.github.com/repos/${REPO}/commits/${commit.sha}`
    })),
    url: `https://api.github.com/repos/${REPO}/commits/${commit.sha}`,
    html_url: `https://github.com/${REPO}/commit/${commit.sha}`,
    commit: { message: commit.message, author: { name: 'Codertocat' } }
  }
}

/** The branch's first-parent line of commits up to `tip`, oldest first, and where it starts. */
function lineTo(pr: FakePullRequest, tip: string): { commits: FakeCommit[]; root: string } {
  const commits: FakeCommit[] = []
  let at: string | undefined = tip
  for (let known = at && pr.known.get(at); known; known = at && pr.known.get(at)) {
    commits.unshift(known.commit)
    at = known.parents[0]
  }
  return { commits, root: at ?? '' }
}

/** How `head` stands to `base` on `pr`'s branch, as GitHub's compare says it, with the commits after `base`. */
function compareCommits(
  pr: FakePullRequest,
  base: string,
  head: string
): { status: 'ahead' | 'behind' | 'identical' | 'diverged'; commits: FakeCommit[] } | undefined {
  if (base === head) return { status: 'identical', commits: [] }
  const headLine = lineTo(pr, head)
  const at = headLine.commits.findIndex((c) => c.sha === base)
  if (at >= 0) return { status: 'ahead', commits: headLine.commits.slice(at + 1) }
  if (base === pr.baseSha && headLine.root === pr.baseSha)
    return { status: 'ahead', commits: headLine.commits }
  if (!pr.known.has(base)) return undefined
  if (lineTo(pr, base).commits.some((c) => c.sha === head)) return { status: 'behind', commits: [] }
  return { status: 'diverged', commits: headLine.commits }
}

export function pullRequestRoutes(options: {
  seeds: Record<number, PullRequestSeed>
  headRef: string
  headSha: string
}): {
  routes: Route[]
  pullRequests: Map<number, FakePullRequest>
  pullRequest: (number: number) => FakePullRequest
} {
  const pullRequests = new Map<number, FakePullRequest>()
  const pullRequest = (number: string | undefined): FakePullRequest => {
    const n = Number(number)
    let pr = pullRequests.get(n)
    if (!pr) {
      pr = makePullRequest(n, options.seeds[n] ?? {}, options.headRef)
      pullRequests.set(n, pr)
    }
    return pr
  }
  const seeded = (number: string | undefined) => Number(number) in options.seeds

  const routes: Route[] = [
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/,
      ([number], _b, _query, headers): Answer => {
        const pr = pullRequest(number)
        // Pull requests the test did not describe keep the one head commit every test knows.
        const headSha = seeded(number) ? pr.headSha : options.headSha
        if (String(headers.accept).includes('diff')) {
          const files = filesOf(pr.commits)
          const lines = files.reduce((sum, f) => sum + f.additions + f.deletions, 0)
          if (files.length > GITHUB_DIFF_FILES || lines > GITHUB_DIFF_LINES)
            return {
              status: 406,
              body: {
                message: `Sorry, the diff exceeded the maximum number of ${files.length > GITHUB_DIFF_FILES ? 'files (300)' : 'lines (20000)'}. Consider using 'List pull requests files' API or locally cloning the repository instead.`,
                errors: [{ resource: 'PullRequest', field: 'diff', code: 'too_large' }]
              }
            }
          return {
            status: 200,
            body: files
              .map(
                (f) =>
                  `diff --git a/${f.filename} b/${f.filename}\n${f.patch ?? 'Binary files differ'}`
              )
              .join('\n')
          }
        }
        return {
          status: 200,
          body: {
            number: pr.number,
            html_url: `https://github.com/${REPO}/pull/${pr.number}`,
            title: pr.title,
            body: pr.body,
            state: pr.state,
            draft: pr.draft,
            merged: pr.merged,
            labels: pr.labels.map((name, i) => ({
              id: i + 1,
              node_id: `LA_${i + 1}`,
              url: `https://api.github.com/repos/${REPO}/labels/${encodeURIComponent(name)}`,
              name,
              description: null,
              color: 'ededed',
              default: false
            })),
            user: { login: pr.author, type: pr.author.endsWith('[bot]') ? 'Bot' : 'User' },
            changed_files: filesOf(pr.commits).length,
            commits: pr.commits.length,
            head: {
              sha: headSha,
              ref: pr.headRef,
              repo: { full_name: pr.headRepo, html_url: `https://github.com/${pr.headRepo}` }
            },
            base: {
              sha: pr.baseSha,
              ref: pr.baseRef,
              repo: { full_name: REPO, html_url: `https://github.com/${REPO}` }
            }
          }
        }
      }
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/,
      // GitHub lists at most 3,000 files.
      ([number]) => ({
        status: 200,
        paged: true,
        body: filesOf(pullRequest(number).commits).slice(0, 3000).map(shownFile)
      })
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/commits$/,
      ([number]) => ({
        status: 200,
        paged: true,
        body: pullRequest(number).commits.slice(0, 250).map(shownCommit)
      })
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/compare\/([^/]+)$/,
      ([basehead]) => {
        const [base = '', head = ''] = decodeURIComponent(basehead!).split('...')
        const pr = [...pullRequests.values()].find((p) => p.headSha === head || p.known.has(head))
        const since = pr && compareCommits(pr, base, head)
        if (!pr || !since) return { status: 404, body: { message: 'Not Found' } }
        // A merge of the base branch brings the base's commits and changes into the range.
        const commits = since.commits.flatMap((c) => [...(c.merged ?? []), c])
        const files = filesOf(commits)
        return {
          status: 200,
          body: {
            status: since.status,
            ahead_by: commits.length,
            behind_by: since.status === 'diverged' ? 1 : 0,
            total_commits: commits.length,
            commits: commits.slice(0, 250).map(shownCommit),
            // GitHub gives at most 300 files here.
            files: files.slice(0, 300).map(shownFile)
          }
        }
      }
    ]
  ]
  return { routes, pullRequests, pullRequest: (number) => pullRequest(String(number)) }
}
