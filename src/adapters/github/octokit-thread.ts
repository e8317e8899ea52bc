import type { CommentTrigger } from '../../comments/trigger.js'
import type { Logger } from '../../core/logger.js'
import {
  PERMISSION_LEVELS,
  ThreadReadError,
  type ItemKind,
  type PermissionLevel,
  type PullRequestHead,
  type Reaction,
  type ReviewComment,
  type RunId,
  type RunState,
  type Thread,
  type ThreadItem
} from '../../thread/thread.js'
import { describeGitHubError, explainGitHubError, NEEDS } from './errors.js'
import type { Octokit } from './octokit-type.js'
import { listThreadItems } from './thread-items.js'

export const CHECK_RUN_NAME = 'Mintlify agent'

/** The account the token acts as, when nothing better tells: the workflow's own token. */
export const DEFAULT_TOKEN_LOGIN = 'github-actions[bot]'

/**
 * Every GitHub call the action makes about one thread. Issue comments and review comments live
 * under different endpoints (`issues/comments` and `pulls/comments`).
 */
export class OctokitThread implements Thread {
  readonly #octokit: Octokit
  readonly #trigger: CommentTrigger
  readonly #logger: Logger

  constructor(octokit: Octokit, trigger: CommentTrigger, logger: Logger) {
    this.#octokit = octokit
    this.#trigger = trigger
    this.#logger = logger
  }

  get #repo(): { owner: string; repo: string } {
    return { owner: this.#trigger.owner, repo: this.#trigger.repo }
  }

  get #onReviewThread(): boolean {
    return this.#trigger.event === 'pull_request_review_comment'
  }

  get #writePermission(): string {
    return this.#onReviewThread ? NEEDS.reviewThread : NEEDS.conversation
  }

  get #name(): string {
    return `${this.#trigger.isPullRequest ? 'pull request' : 'issue'} #${this.#trigger.number}`
  }

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
      this.#logger.warning(
        `Could not add the ${content} reaction (${explainGitHubError(error, this.#writePermission)}).`
      )
    }
  }

  /**
   * The commenter's role on the repository. Someone GitHub does not know as a collaborator has
   * none; any other failure (after octokit's retries) throws, because the run cannot tell whether
   * the command is allowed.
   */
  async permissionOf(username: string): Promise<PermissionLevel> {
    let data: { permission: string; role_name?: string }
    try {
      ;({ data } = await this.#octokit.rest.repos.getCollaboratorPermissionLevel({
        ...this.#repo,
        username
      }))
    } catch (error) {
      if ((error as { status?: number }).status === 404) return 'none'
      throw new ThreadReadError(
        `GitHub's API could not be read, so nothing was sent: reading @${username}'s permission on ${this.#trigger.owner}/${this.#trigger.repo} failed (${explainGitHubError(error, NEEDS.collaborators)}).`
      )
    }
    const levels = PERMISSION_LEVELS as readonly string[]
    const level = levels.includes(data.role_name ?? '') ? data.role_name : data.permission
    return levels.includes(level ?? '') ? (level as PermissionLevel) : 'none'
  }

  /** Writes a new comment in the thread (a reply, on a review thread) and returns its ID and author. */
  async post(body: string): Promise<{ id: number; author: string }> {
    try {
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
    } catch (error) {
      throw new Error(explainGitHubError(error, this.#writePermission), { cause: error })
    }
  }

  async update(commentId: number, body: string): Promise<void> {
    try {
      if (this.#onReviewThread) {
        await this.#octokit.rest.pulls.updateReviewComment({
          ...this.#repo,
          comment_id: commentId,
          body
        })
      } else {
        await this.#octokit.rest.issues.updateComment({
          ...this.#repo,
          comment_id: commentId,
          body
        })
      }
    } catch (error) {
      throw new Error(explainGitHubError(error, this.#writePermission), { cause: error })
    }
  }

  items(): Promise<ThreadItem[]> {
    return listThreadItems(this.#octokit, this.#trigger)
  }

  async commentBody(kind: ItemKind, commentId: number): Promise<string | undefined> {
    const comment_id = commentId
    try {
      if (kind === 'review') {
        const { data } = await this.#octokit.rest.pulls.getReview({
          ...this.#repo,
          pull_number: this.#trigger.number,
          review_id: commentId
        })
        return data.body ?? ''
      }
      const { data } =
        kind === 'review-comment'
          ? await this.#octokit.rest.pulls.getReviewComment({ ...this.#repo, comment_id })
          : await this.#octokit.rest.issues.getComment({ ...this.#repo, comment_id })
      return data.body ?? ''
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined
      throw new ThreadReadError(
        `GitHub's API could not be read, so nothing was sent: reading comment ${commentId} failed (${explainGitHubError(error, kind === 'issue-comment' ? NEEDS.readConversation : NEEDS.readPullRequest)}).`
      )
    }
  }

  async runState({ id, attempt }: RunId): Promise<RunState> {
    try {
      const { data } = await this.#octokit.rest.actions.getWorkflowRunAttempt({
        ...this.#repo,
        run_id: id,
        attempt_number: attempt,
        exclude_pull_requests: true
      })
      return data.status === 'completed' ? 'ended' : 'running'
    } catch (error) {
      this.#logger.debug(
        `Reading run ${id} (attempt ${attempt}) failed: ${describeGitHubError(error)}`
      )
      return 'unknown'
    }
  }

  #pullRequest: Promise<PullRequestHead> | undefined

  pullRequest(): Promise<PullRequestHead> {
    this.#pullRequest ??= this.#octokit.rest.pulls
      .get({ ...this.#repo, pull_number: this.#trigger.number })
      .then(
        ({ data }) => ({
          url: data.html_url,
          headRef: data.head.ref,
          headSha: data.head.sha,
          headRepository: data.head.repo?.html_url
        }),
        (error: unknown) => {
          throw new Error(explainGitHubError(error, NEEDS.readPullRequest), { cause: error })
        }
      )
    return this.#pullRequest
  }

  /** The commit check runs go on: from the payload, or read from the pull request. */
  async headSha(): Promise<string | undefined> {
    if (this.#trigger.headSha) return this.#trigger.headSha
    if (!this.#trigger.isPullRequest) return undefined
    return (await this.pullRequest()).headSha
  }

  /**
   * A review's summary; empty for a review GitHub no longer has. Throws when GitHub cannot say:
   * the caller cannot tell what to send.
   */
  async reviewSummary(reviewId: number): Promise<string> {
    try {
      const { data } = await this.#octokit.rest.pulls.getReview({
        ...this.#repo,
        pull_number: this.#trigger.number,
        review_id: reviewId
      })
      return data.body ?? ''
    } catch (error) {
      if ((error as { status?: number }).status === 404) return ''
      throw new ThreadReadError(
        `GitHub's API could not be read, so nothing was sent: reading review ${reviewId} of ${this.#name} failed (${explainGitHubError(error, NEEDS.readPullRequest)}).`
      )
    }
  }

  /** The inline comments submitted with a review. Throws when GitHub cannot list them. */
  async reviewComments(reviewId: number): Promise<ReviewComment[]> {
    try {
      const comments = await this.#octokit.paginate(
        this.#octokit.rest.pulls.listCommentsForReview,
        {
          ...this.#repo,
          pull_number: this.#trigger.number,
          review_id: reviewId,
          per_page: 100
        }
      )
      return comments.map((c) => ({
        id: c.id,
        path: c.path,
        line: c.line ?? c.original_line ?? undefined,
        hunk: c.diff_hunk,
        body: c.body
      }))
    } catch (error) {
      if ((error as { status?: number }).status === 404) return []
      throw new ThreadReadError(
        `GitHub's API could not be read, so nothing was sent: listing the comments of review ${reviewId} of ${this.#name} failed (${explainGitHubError(error, NEEDS.readPullRequest)}).`
      )
    }
  }

  async createCheckRun(headSha: string, title: string, summary: string): Promise<number> {
    try {
      const { data } = await this.#octokit.rest.checks.create({
        ...this.#repo,
        name: CHECK_RUN_NAME,
        head_sha: headSha,
        status: 'in_progress',
        output: { title, summary }
      })
      return data.id
    } catch (error) {
      throw new Error(explainGitHubError(error, NEEDS.checks), { cause: error })
    }
  }

  async completeCheckRun(
    id: number,
    success: boolean,
    title: string,
    summary: string
  ): Promise<void> {
    try {
      await this.#octokit.rest.checks.update({
        ...this.#repo,
        check_run_id: id,
        status: 'completed',
        conclusion: success ? 'success' : 'failure',
        output: { title, summary }
      })
    } catch (error) {
      throw new Error(explainGitHubError(error, NEEDS.checks), { cause: error })
    }
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
