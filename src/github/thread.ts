import type { getOctokit } from '@actions/github'
import { PERMISSION_LEVELS, type PermissionLevel } from '../inputs.js'
import type { CommentTrigger } from './trigger.js'

type Octokit = ReturnType<typeof getOctokit>

export type Reaction = 'eyes' | 'rocket' | 'confused'

export interface ThreadComment {
  id: number
  body: string
  author: string
}

export const CHECK_RUN_NAME = 'Mintlify agent'

/** The account the token acts as, when nothing better tells: the workflow's own token. */
export const DEFAULT_TOKEN_LOGIN = 'github-actions[bot]'

/** Loads octokit only now: runs that never talk to GitHub do not pay for it at start-up. */
export async function openThread(
  token: string,
  trigger: CommentTrigger,
  warn: (line: string) => void
): Promise<Thread> {
  const { getOctokit } = await import('@actions/github')
  return new Thread(getOctokit(token), trigger, warn)
}

function describe(error: unknown): string {
  const status = (error as { status?: number }).status
  const message = error instanceof Error ? error.message : String(error)
  return status ? `${status} ${message}` : message
}

/**
 * Every GitHub call the action makes about one comment thread. Issue comments and review
 * comments live under different endpoints (`issues/comments` and `pulls/comments`).
 */
export class Thread {
  readonly #octokit: Octokit
  readonly #trigger: CommentTrigger
  readonly #warn: (line: string) => void

  constructor(octokit: Octokit, trigger: CommentTrigger, warn: (line: string) => void) {
    this.#octokit = octokit
    this.#trigger = trigger
    this.#warn = warn
  }

  get #repo(): { owner: string; repo: string } {
    return { owner: this.#trigger.owner, repo: this.#trigger.repo }
  }

  get #onReviewThread(): boolean {
    return this.#trigger.event === 'pull_request_review_comment'
  }

  /** Reacts to the command comment; a failure is a warning, never the end of the run. */
  async react(content: Reaction): Promise<void> {
    // GitHub has no reactions on a review's summary.
    if (this.#trigger.event === 'pull_request_review') return
    const comment_id = this.#trigger.comment.id
    try {
      if (this.#onReviewThread) {
        await this.#octokit.rest.reactions.createForPullRequestReviewComment({
          ...this.#repo,
          comment_id,
          content
        })
      } else {
        await this.#octokit.rest.reactions.createForIssueComment({
          ...this.#repo,
          comment_id,
          content
        })
      }
    } catch (error) {
      this.#warn(
        `Could not add the ${content} reaction (${describe(error)}): give the workflow 'pull-requests: write' and 'issues: write' permissions.`
      )
    }
  }

  /** The commenter's role on the repository; `none` when GitHub will not say. */
  async permissionOf(username: string): Promise<PermissionLevel> {
    try {
      const { data } = await this.#octokit.rest.repos.getCollaboratorPermissionLevel({
        ...this.#repo,
        username
      })
      const role = (data as { role_name?: string }).role_name
      const level = (PERMISSION_LEVELS as readonly string[]).includes(role ?? '')
        ? role
        : data.permission
      return (PERMISSION_LEVELS as readonly string[]).includes(level ?? '')
        ? (level as PermissionLevel)
        : 'none'
    } catch (error) {
      this.#warn(
        `Could not read ${username}'s permission on the repository (${describe(error)}); treating it as none.`
      )
      return 'none'
    }
  }

  /** Writes a new comment in the thread (a reply, on a review thread) and returns its ID and author. */
  async post(body: string): Promise<{ id: number; author: string }> {
    const { data } = this.#onReviewThread
      ? await this.#octokit.rest.pulls.createReplyForReviewComment({
          ...this.#repo,
          pull_number: this.#trigger.number,
          comment_id: this.#trigger.comment.id,
          body
        })
      : await this.#octokit.rest.issues.createComment({
          ...this.#repo,
          issue_number: this.#trigger.number,
          body
        })
    return { id: data.id, author: data.user?.login ?? '' }
  }

  async update(commentId: number, body: string): Promise<void> {
    if (this.#onReviewThread) {
      await this.#octokit.rest.pulls.updateReviewComment({
        ...this.#repo,
        comment_id: commentId,
        body
      })
    } else {
      await this.#octokit.rest.issues.updateComment({ ...this.#repo, comment_id: commentId, body })
    }
  }

  /** The thread's comments, newest first: the conversation, and on a review thread its replies too. */
  async comments(): Promise<ThreadComment[]> {
    const toComment = (c: {
      id: number
      body?: string | null
      user?: { login: string } | null
      created_at: string
    }) => ({
      id: c.id,
      body: c.body ?? '',
      author: c.user?.login ?? '',
      createdAt: c.created_at
    })
    const issueComments = await this.#octokit.paginate(this.#octokit.rest.issues.listComments, {
      ...this.#repo,
      issue_number: this.#trigger.number,
      per_page: 100
    })
    const all = issueComments.map(toComment)
    if (this.#onReviewThread) {
      const reviewComments = await this.#octokit.paginate(
        this.#octokit.rest.pulls.listReviewComments,
        {
          ...this.#repo,
          pull_number: this.#trigger.number,
          per_page: 100
        }
      )
      all.push(...reviewComments.map(toComment))
    }
    return all
      .sort((a, b) =>
        a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id
      )
      .map(({ id, body, author }) => ({ id, body, author }))
  }

  /** The commit check runs go on: from the payload, or read from the pull request. */
  async headSha(): Promise<string | undefined> {
    if (this.#trigger.headSha) return this.#trigger.headSha
    if (!this.#trigger.isPullRequest) return undefined
    const { data } = await this.#octokit.rest.pulls.get({
      ...this.#repo,
      pull_number: this.#trigger.number
    })
    return data.head.sha
  }

  async createCheckRun(headSha: string, title: string, summary: string): Promise<number> {
    const { data } = await this.#octokit.rest.checks.create({
      ...this.#repo,
      name: CHECK_RUN_NAME,
      head_sha: headSha,
      status: 'in_progress',
      output: { title, summary }
    })
    return data.id
  }

  async completeCheckRun(
    id: number,
    success: boolean,
    title: string,
    summary: string
  ): Promise<void> {
    await this.#octokit.rest.checks.update({
      ...this.#repo,
      check_run_id: id,
      status: 'completed',
      conclusion: success ? 'success' : 'failure',
      output: { title, summary }
    })
  }

  /**
   * Who the token acts as. The workflow token cannot call `GET /user` (403 "Resource not
   * accessible by integration"), but GraphQL's `viewer` answers for every kind of token.
   */
  async tokenLogin(): Promise<string> {
    try {
      const data = await this.#octokit.graphql<{ viewer: { login: string } }>(
        'query { viewer { login } }'
      )
      return data.viewer.login
    } catch {
      return DEFAULT_TOKEN_LOGIN
    }
  }
}
