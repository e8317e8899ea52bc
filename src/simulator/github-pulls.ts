/**
 * The demo world's pull requests as GitHub's REST API shows them: the pull request, its commits
 * (with shas made from their place in the line), its files and their patches, comparisons.
 */
import type { DemoCommit, DemoFile, DemoPull } from './github-demo.js'
import { ok, type Answer } from './github-http.js'
import { API, associationOf, idOf, repositoryOf, sha, userOf, WEB } from './github-shapes.js'

export type ShaCommit = DemoCommit & { sha: string; parent: string }

/**
 * A pull request's line of commits with their shas: the base branch's tip, then each commit of
 * the pull request on its parent.
 */
export function commitLine(pull: DemoPull): { base: ShaCommit; commits: ShaCommit[] } {
  const base = {
    message: pull.baseMessage,
    author: 'monalisa',
    date: pull.createdAt,
    files: [],
    sha: sha(`${pull.repository}@${pull.baseRef}`),
    parent: sha(`${pull.repository}@${pull.baseRef}^`)
  }
  let parent = base.sha
  const commits = pull.commits.map((commit) => {
    const at = sha(`${parent}\n${commit.message}`)
    const shown = { ...commit, sha: at, parent }
    parent = at
    return shown
  })
  return { base, commits }
}

function counted(patch: string): { additions: number; deletions: number } {
  const lines = patch.split('\n').filter((line) => !line.startsWith('@@'))
  return {
    additions: lines.filter((line) => line.startsWith('+')).length,
    deletions: lines.filter((line) => line.startsWith('-')).length
  }
}

/** Each file of `commits` once, in the order GitHub lists them (by name); the last change wins. */
export function filesOf(commits: readonly DemoCommit[]): DemoFile[] {
  const byName = new Map<string, DemoFile>()
  for (const file of commits.flatMap((commit) => commit.files)) byName.set(file.filename, file)
  return [...byName.values()].sort((a, b) => a.filename.localeCompare(b.filename))
}

export function fileOf(repository: string, head: string, file: DemoFile) {
  const { additions, deletions } = counted(file.patch)
  const path = file.filename.split('/').map(encodeURIComponent).join('/')
  return {
    sha: sha(`${file.filename}\n${file.patch}`),
    filename: file.filename,
    status: file.status,
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: `${WEB}/${repository}/blob/${head}/${path}`,
    raw_url: `${WEB}/${repository}/raw/${head}/${path}`,
    contents_url: `${API}/repos/${repository}/contents/${path}?ref=${head}`,
    patch: file.patch
  }
}

export function commitOf(repository: string, commit: ShaCommit) {
  const person = {
    name: commit.author,
    email: `${commit.author}@users.noreply.github.com`,
    date: commit.date
  }
  return {
    url: `${API}/repos/${repository}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: `C_${commit.sha.slice(0, 12)}`,
    html_url: `${WEB}/${repository}/commit/${commit.sha}`,
    comments_url: `${API}/repos/${repository}/commits/${commit.sha}/comments`,
    commit: {
      url: `${API}/repos/${repository}/git/commits/${commit.sha}`,
      author: person,
      committer: person,
      message: commit.message,
      tree: {
        sha: sha(`tree:${commit.sha}`),
        url: `${API}/repos/${repository}/git/trees/${sha(`tree:${commit.sha}`)}`
      },
      comment_count: 0
    },
    author: userOf(commit.author),
    committer: userOf(commit.author),
    parents: [
      {
        sha: commit.parent,
        url: `${API}/repos/${repository}/commits/${commit.parent}`,
        html_url: `${WEB}/${repository}/commit/${commit.parent}`
      }
    ]
  }
}

/** `pulls.get`: the pull request as it stands, its head and base included. */
export function pullOf(pull: DemoPull, comments: number, role: string | undefined) {
  const { repository: repo, number } = pull
  const { base, commits } = commitLine(pull)
  const head = commits.at(-1)?.sha ?? base.sha
  const files = filesOf(pull.commits).map((file) => fileOf(repo, head, file))
  const url = `${API}/repos/${repo}/pulls/${number}`
  const owner = repo.split('/')[0]!
  const end = (ref: string, at: string) => ({
    label: `${owner}:${ref}`,
    ref,
    sha: at,
    user: userOf(owner, 'Organization'),
    repo: repositoryOf(repo)
  })
  return {
    url,
    id: idOf(`pull:${repo}#${number}`),
    node_id: `PR_${sha(`${repo}#${number}`).slice(0, 12)}`,
    html_url: `${WEB}/${repo}/pull/${number}`,
    diff_url: `${WEB}/${repo}/pull/${number}.diff`,
    patch_url: `${WEB}/${repo}/pull/${number}.patch`,
    issue_url: `${API}/repos/${repo}/issues/${number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${API}/repos/${repo}/pulls/comments{/number}`,
    comments_url: `${API}/repos/${repo}/issues/${number}/comments`,
    statuses_url: `${API}/repos/${repo}/statuses/${head}`,
    number,
    state: 'open',
    locked: false,
    title: pull.title,
    user: userOf(pull.author),
    body: pull.body,
    labels: pull.labels.map((name) => ({
      id: idOf(`label:${repo}:${name}`),
      node_id: `LA_${sha(`${repo}:${name}`).slice(0, 12)}`,
      url: `${API}/repos/${repo}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: 'a2eeef',
      default: name === 'documentation' || name === 'enhancement'
    })),
    milestone: null,
    created_at: pull.createdAt,
    updated_at: pull.commits.at(-1)?.date ?? pull.createdAt,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: end(pull.headRef, head),
    _links: {
      self: { href: url },
      html: { href: `${WEB}/${repo}/pull/${number}` },
      issue: { href: `${API}/repos/${repo}/issues/${number}` },
      comments: { href: `${API}/repos/${repo}/issues/${number}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${API}/repos/${repo}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${API}/repos/${repo}/statuses/${head}` }
    },
    base: end(pull.baseRef, base.sha),
    author_association: associationOf(role),
    auto_merge: null,
    draft: pull.draft,
    merged: false,
    mergeable: true,
    rebaseable: true,
    mergeable_state: 'clean',
    merged_by: null,
    comments,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: commits.length,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changed_files: files.length
  }
}

/**
 * `compare/{base}...{head}` between two commits (or branches) of a pull request's line, as an
 * answer; undefined when either is not on it.
 */
export function comparison(pull: DemoPull, baseName: string, headName: string): Answer | undefined {
  const { base, commits } = commitLine(pull)
  const line = [base, ...commits]
  const at = (name: string) =>
    name === pull.baseRef
      ? 0
      : name === pull.headRef
        ? line.length - 1
        : line.findIndex((c) => c.sha === name)
  const from = at(baseName)
  const to = at(headName)
  if (from < 0 || to < 0) return undefined
  const range = to > from ? line.slice(from + 1, to + 1) : []
  const repo = pull.repository
  const link = (site: string) => `${site}/${repo}/compare/${baseName}...${headName}`
  return ok({
    url: link(`${API}/repos`),
    html_url: link(WEB),
    permalink_url: link(WEB),
    diff_url: `${link(WEB)}.diff`,
    patch_url: `${link(WEB)}.patch`,
    base_commit: commitOf(repo, line[from]!),
    merge_base_commit: commitOf(repo, line[Math.min(from, to)]!),
    status: from === to ? 'identical' : to > from ? 'ahead' : 'behind',
    ahead_by: Math.max(0, to - from),
    behind_by: Math.max(0, from - to),
    total_commits: range.length,
    commits: range.map((commit) => commitOf(repo, commit)),
    files: filesOf(range).map((file) => fileOf(repo, line[to]!.sha, file))
  })
}
