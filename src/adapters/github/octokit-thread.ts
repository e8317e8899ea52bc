import type { Logger } from '../../core/logger.js'
import {
  PERMISSION_LEVELS,
  ThreadReadError,
  type HeldReaction,
  type ItemKind,
  type PermissionLevel,
  type PullRequestHead,
  type Reaction,
  type ReviewComment,
  type RunId,
  type RunState,
  type Thread,
  type ThreadItem,
  type ThreadRef
} from '../../thread/thread.js'
import { explainGitHubError, NEEDS } from './errors.js'
import * as pulls from './octokit-thread-calls.js'
import type { Octokit } from './octokit-type.js'
import { listThreadItems } from './thread-items.js'
import { timeOf } from './users.js'

/** The account the token acts as, when nothing better tells: the workflow's own token. */
export const DEFAULT_TOKEN_LOGIN = 'github-actions[bot]'

const status = (error: unknown): number | undefined => (error as { status?: number }).status

/**
 * Every GitHub call the action makes about one thread. Issue comments and review comments live
 * under different endpoints (`issues/comments` and `pulls/comments`); the pull request's own
 * calls (reviews, check runs, runs) are in octokit-thread-calls.ts.
 */
export class OctokitThread implements Thread {
  readonly #octokit: Octokit
  readonly #ref: ThreadRef
  readonly #logger: Logger

  constructor(octokit: Octokit, ref: ThreadRef, logger: Logger) {
    this.#octokit = octokit
    this.#ref = ref
    this.#logger = logger
  }

  get #repo(): { owner: string; repo: string } {
    return { owner: this.#ref.owner, repo: this.#ref.repo }
  }

  get #onReviewThread(): boolean {
    return this.#ref.command?.kind === 'review-comment'
  }

  get #writePermission(): string {
    return this.#onReviewThread ? NEEDS.reviewThread : NEEDS.conversation
  }

  async react(content: Reaction): Promise<void> {
    const command = this.#ref.command
    // GitHub has no reactions on a review's summary.
    if (!command || command.kind === 'review') return
    try {
      if (this.#onReviewThread) {
        await this.#octokit.rest.reactions.createForPullRequestReviewComment({
          ...this.#repo,
          comment_id: command.id,
          content
        })
      } else {
        await this.#octokit.rest.reactions.createForIssueComment({
          ...this.#repo,
          comment_id: command.id,
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
   * The account's role on the repository. Someone GitHub does not know as a collaborator has
   * none; any other failure (after octokit's retries) throws, because the run cannot tell whether
   * the account may ask.
   */
  async permissionOf(username: string): Promise<PermissionLevel> {
    let data: { permission: string; role_name?: string }
    try {
      ;({ data } = await this.#octokit.rest.repos.getCollaboratorPermissionLevel({
        ...this.#repo,
        username
      }))
    } catch (error) {
      if (status(error) === 404) return 'none'
      throw new ThreadReadError(
        `GitHub's API could not be read, so nothing was sent: reading @${username}'s permission on ${this.#ref.owner}/${this.#ref.repo} failed (${explainGitHubError(error, NEEDS.collaborators)}).`
      )
    }
    const levels = PERMISSION_LEVELS as readonly string[]
    const level = levels.includes(data.role_name ?? '') ? data.role_name : data.permission
    return levels.includes(level ?? '') ? (level as PermissionLevel) : 'none'
  }

  async post(body: string): Promise<{ id: number; author: string }> {
    const data = await this.#postComment(body).catch((error: unknown) => {
      throw new Error(explainGitHubError(error, this.#writePermission), { cause: error })
    })
    return { id: idIn(data, 'a new comment'), author: data.user?.login ?? '' }
  }

  /** A reply on the command's review thread, or a comment on the conversation. */
  async #postComment(body: string) {
    const command = this.#ref.command
    const answer =
      this.#onReviewThread && command
        ? await this.#octokit.rest.pulls.createReplyForReviewComment({
            ...this.#repo,
            pull_number: this.#ref.number,
            comment_id: command.id,
            body
          })
        : await this.#octokit.rest.issues.createComment({
            ...this.#repo,
            issue_number: this.#ref.number,
            body
          })
    return answer.data
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

  async remove(commentId: number): Promise<void> {
    try {
      await this.#octokit.rest.issues.deleteComment({ ...this.#repo, comment_id: commentId })
    } catch (error) {
      if (status(error) !== 404)
        throw new Error(explainGitHubError(error, NEEDS.conversation), { cause: error })
    }
  }

  /**
   * GitHub answers 201 only to the request that adds the reaction. A 5xx or a dropped connection
   * may hide one that was added all the same, and a retry then answers 200 with it. Every run of
   * the token reacts as the same account, so nothing tells whose that reaction is: it counts as
   * another run's, and the lease breaks it if it was this run's own (a wait, never two holders).
   */
  async addLockReaction(): Promise<{ created: boolean; reaction: HeldReaction }> {
    let answer
    try {
      answer = await this.#octokit.rest.reactions.createForIssue({
        ...this.#repo,
        issue_number: this.#ref.number,
        content: 'eyes'
      })
    } catch (error) {
      throw this.#lockError(error)
    }
    return { created: answer.status === 201, reaction: held(answer.data) }
  }

  #lockError(error: unknown): Error {
    return new Error(explainGitHubError(error, NEEDS.conversation), { cause: error })
  }

  async lockReactions(): Promise<HeldReaction[]> {
    try {
      const list = await this.#octokit.paginate(this.#octokit.rest.reactions.listForIssue, {
        ...this.#repo,
        issue_number: this.#ref.number,
        content: 'eyes',
        per_page: 100
      })
      return list.map(held)
    } catch (error) {
      throw new ThreadReadError(
        `GitHub's API could not be read, so nothing was sent: listing the reactions on pull request #${this.#ref.number} failed (${explainGitHubError(error, NEEDS.readConversation)}).`
      )
    }
  }

  async removeLockReaction(reactionId: number): Promise<void> {
    try {
      await this.#octokit.rest.reactions.deleteForIssue({
        ...this.#repo,
        issue_number: this.#ref.number,
        reaction_id: reactionId
      })
    } catch (error) {
      if (status(error) !== 404)
        throw new Error(explainGitHubError(error, NEEDS.conversation), { cause: error })
    }
  }

  items(): Promise<ThreadItem[]> {
    return listThreadItems(this.#octokit, this.#ref)
  }

  conversation(): Promise<ThreadItem[]> {
    return listThreadItems(this.#octokit, this.#ref, true)
  }

  async commentBody(kind: ItemKind, commentId: number): Promise<string | undefined> {
    const comment_id = commentId
    try {
      if (kind === 'review') {
        const { data } = await this.#octokit.rest.pulls.getReview({
          ...this.#repo,
          pull_number: this.#ref.number,
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
      if (status(error) === 404) return undefined
      throw new ThreadReadError(
        `GitHub's API could not be read, so nothing was sent: reading comment ${commentId} failed (${explainGitHubError(error, kind === 'issue-comment' ? NEEDS.readConversation : NEEDS.readPullRequest)}).`
      )
    }
  }

  runState(run: RunId): Promise<RunState> {
    return pulls.runState(this.#octokit, this.#ref, run, this.#logger)
  }

  #pullRequest: Promise<PullRequestHead> | undefined

  pullRequest(): Promise<PullRequestHead> {
    this.#pullRequest ??= pulls.pullRequestHead(this.#octokit, this.#ref)
    return this.#pullRequest
  }

  async headSha(): Promise<string | undefined> {
    if (this.#ref.headSha) return this.#ref.headSha
    if (!this.#ref.isPullRequest) return undefined
    return (await this.pullRequest()).headSha
  }

  async reviewSummary(reviewId: number): Promise<string> {
    return (await this.commentBody('review', reviewId)) ?? ''
  }

  reviewComments(reviewId: number): Promise<ReviewComment[]> {
    return pulls.reviewComments(this.#octokit, this.#ref, reviewId)
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

function held(reaction: { id: number; created_at: string }): HeldReaction {
  return { id: idIn(reaction, 'the 👀 reaction'), createdAt: timeOf(reaction.created_at) }
}

/**
 * The ID GitHub's answer gives. An answer cut off after its headers has no body, and a run that
 * took it for an ID could never edit or remove what it made.
 */
function idIn(data: { id: number } | undefined, what: string): number {
  if (typeof data?.id === 'number') return data.id
  throw new Error(
    `GitHub's answer to ${what} was cut off before it gave its ID; the next run finds what was made.`
  )
}
