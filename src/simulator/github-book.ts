/**
 * What the simulator's GitHub knows and what runs write there: the demo world's pull requests,
 * and the comments, reactions and check runs made since it started, kept for its lifetime. No
 * HTTP in it; github-api.ts answers requests from it.
 */
import { COMMENTS, PULLS, ROLES, TOKEN_LOGIN, type DemoPull } from './github-demo.js'
import { API, associationOf, githubTime, sha, userOf, WEB } from './github-shapes.js'

export interface StoredComment {
  id: number
  repository: string
  issue: number
  author: string
  body: string
  createdAt: number
  updatedAt: number
}

export interface StoredReaction {
  id: number
  repository: string
  /** The comment it is on, or the issue or pull request itself. */
  on: { comment: number } | { issue: number }
  content: string
  login: string
  createdAt: number
}

export interface StoredCheckRun {
  id: number
  repository: string
  name: string
  headSha: string
  status: string
  conclusion: string | null
  output: { title: string | null; summary: string | null; text: string | null }
  startedAt: number
  completedAt: number | null
}

export const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes']

export class GitHubBook {
  readonly comments = new Map<number, StoredComment>()
  readonly reactions: StoredReaction[] = []
  readonly checkRuns: StoredCheckRun[] = []
  #nextComment = 2_604_160_000
  #nextReaction = 310_400_000
  #nextCheckRun = 38_200_000_000

  constructor() {
    for (const comment of COMMENTS) {
      const at = Date.parse(comment.createdAt)
      this.comments.set(comment.id, { ...comment, createdAt: at, updatedAt: at })
    }
  }

  hasRepository(repository: string): boolean {
    return PULLS.some((pull) => pull.repository === repository)
  }

  pulls(repository: string): DemoPull[] {
    return PULLS.filter((pull) => pull.repository === repository)
  }

  pull(repository: string, number: number): DemoPull | undefined {
    return PULLS.find((pull) => pull.repository === repository && pull.number === number)
  }

  roleOf(login: string): string | undefined {
    return ROLES[login]
  }

  /** The conversation of an issue or pull request, oldest first. */
  thread(repository: string, issue: number): StoredComment[] {
    return [...this.comments.values()]
      .filter((c) => c.repository === repository && c.issue === issue)
      .sort((a, b) => a.id - b.id)
  }

  /** A comment written now by the token's account. */
  addComment(repository: string, issue: number, body: string): StoredComment {
    const now = Date.now()
    const comment = {
      id: ++this.#nextComment,
      repository,
      issue,
      author: TOKEN_LOGIN,
      body,
      createdAt: now,
      updatedAt: now
    }
    this.comments.set(comment.id, comment)
    return comment
  }

  comment(repository: string, id: number): StoredComment | undefined {
    const comment = this.comments.get(id)
    return comment?.repository === repository ? comment : undefined
  }

  /** One reaction of a kind per account and subject: the one there is comes back, not created. */
  react(
    repository: string,
    on: StoredReaction['on'],
    content: string
  ): { reaction: StoredReaction; created: boolean } {
    const same = (r: StoredReaction) =>
      r.repository === repository &&
      JSON.stringify(r.on) === JSON.stringify(on) &&
      r.content === content &&
      r.login === TOKEN_LOGIN
    const there = this.reactions.find(same)
    if (there) return { reaction: there, created: false }
    const reaction = {
      id: ++this.#nextReaction,
      repository,
      on,
      content,
      login: TOKEN_LOGIN,
      createdAt: Date.now()
    }
    this.reactions.push(reaction)
    return { reaction, created: true }
  }

  reactionsOn(repository: string, issue: number, content: string | null): StoredReaction[] {
    return this.reactions.filter(
      (r) =>
        r.repository === repository &&
        'issue' in r.on &&
        r.on.issue === issue &&
        (content === null || r.content === content)
    )
  }

  removeReaction(repository: string, issue: number, id: number): boolean {
    const at = this.reactions.findIndex(
      (r) => r.repository === repository && 'issue' in r.on && r.on.issue === issue && r.id === id
    )
    if (at >= 0) this.reactions.splice(at, 1)
    return at >= 0
  }

  addCheckRun(
    repository: string,
    fields: Pick<StoredCheckRun, 'name' | 'headSha'> & Partial<StoredCheckRun>
  ): StoredCheckRun {
    const now = Date.now()
    const run: StoredCheckRun = {
      id: ++this.#nextCheckRun,
      repository,
      status: 'queued',
      conclusion: null,
      output: { title: null, summary: null, text: null },
      startedAt: now,
      completedAt: null,
      ...fields
    }
    if (run.conclusion) run.status = 'completed'
    if (run.status === 'completed') run.completedAt = now
    this.checkRuns.push(run)
    return run
  }

  checkRun(repository: string, id: number): StoredCheckRun | undefined {
    return this.checkRuns.find((run) => run.repository === repository && run.id === id)
  }

  shownComment(comment: StoredComment) {
    const { repository: repo, issue, id } = comment
    return {
      id,
      node_id: `IC_${sha(String(id)).slice(0, 16)}`,
      url: `${API}/repos/${repo}/issues/comments/${id}`,
      html_url: `${WEB}/${repo}/pull/${issue}#issuecomment-${id}`,
      body: comment.body,
      user: userOf(comment.author),
      created_at: githubTime(comment.createdAt),
      updated_at: githubTime(comment.updatedAt),
      issue_url: `${API}/repos/${repo}/issues/${issue}`,
      author_association: associationOf(this.roleOf(comment.author))
    }
  }

  shownReaction(reaction: StoredReaction) {
    return {
      id: reaction.id,
      node_id: `REA_${sha(String(reaction.id)).slice(0, 16)}`,
      user: userOf(reaction.login),
      content: reaction.content,
      created_at: githubTime(reaction.createdAt)
    }
  }

  shownCheckRun(run: StoredCheckRun) {
    const url = `${API}/repos/${run.repository}/check-runs/${run.id}`
    return {
      id: run.id,
      head_sha: run.headSha,
      node_id: `CR_${sha(String(run.id)).slice(0, 16)}`,
      external_id: '',
      url,
      html_url: `${WEB}/${run.repository}/runs/${run.id}`,
      details_url: `${WEB}/${run.repository}/runs/${run.id}`,
      status: run.status,
      conclusion: run.conclusion,
      started_at: githubTime(run.startedAt),
      completed_at: run.completedAt === null ? null : githubTime(run.completedAt),
      output: { ...run.output, annotations_count: 0, annotations_url: `${url}/annotations` },
      name: run.name,
      check_suite: { id: run.id + 1 },
      app: null,
      pull_requests: []
    }
  }
}
