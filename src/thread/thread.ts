/**
 * A pull request or issue thread on GitHub, as the flows see it: the port that the octokit
 * adapter implements for the runner and that tests implement in memory.
 */

/** Repository roles, weakest first, as the collaborator-permission API names them. */
export const PERMISSION_LEVELS = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number]

/** Where something was written on a thread; each kind has its own IDs on GitHub. */
export type ItemKind = 'issue-comment' | 'review' | 'review-comment'

export interface CommentAuthor {
  login: string
  isBot: boolean
}

/** A comment, review comment or review summary on the thread. */
export interface ThreadItem {
  kind: ItemKind
  id: number
  body: string
  author: CommentAuthor
  /** Created, or for a review submitted (ms since the epoch). */
  writtenAt: number
  url: string
  /** For a review comment: the review it was submitted with, and where on the diff it sits. */
  reviewId?: number
  path?: string
  line?: number | undefined
  hunk?: string
}

/** An inline comment of a review, as the agent needs it: where, and what was said. */
export interface ReviewComment {
  id: number
  path: string
  line: number | undefined
  hunk: string
  body: string
}

export type Reaction = 'eyes' | 'rocket' | 'confused'

/** Which thread a run works on, and the command it answers when a comment started it. */
export interface ThreadRef {
  owner: string
  repo: string
  /** The issue or pull request number. */
  number: number
  isPullRequest: boolean
  /** Reactions go on the command; on a review thread, replies go under it. */
  command?: { kind: ItemKind; id: number }
  /** The pull request's head commit, when the event carries it. */
  headSha?: string
}

/** A reaction; GitHub keeps one of a kind per account on a comment or a pull request. */
export interface HeldReaction {
  id: number
  /** When it was added (ms since the epoch). */
  createdAt: number
}

/** A workflow run attempt (`GITHUB_RUN_ID`, `GITHUB_RUN_ATTEMPT`). */
export interface RunId {
  id: number
  attempt: number
}

/** Whether a workflow run attempt is alive: `unknown` when GitHub does not say (no `actions: read`). */
export type RunState = 'running' | 'ended' | 'unknown'

/** The pull request itself: its page, head branch and head commit. */
export interface PullRequestHead {
  url: string
  headRef: string
  headSha: string
  /** The repository the head branch lives in: a fork's, for a pull request from a fork. */
  headRepository: string | undefined
}

/**
 * A read the run cannot go on without failed; its message says what failed and that nothing was
 * sent.
 */
export class ThreadReadError extends Error {
  override name = 'ThreadReadError'
}

export interface Thread {
  /** Reacts to the command; a failure is a warning, never the end of the run. */
  react(content: Reaction): Promise<void>
  /** The account's role on the repository; throws ThreadReadError when GitHub cannot say. */
  permissionOf(login: string): Promise<PermissionLevel>
  /** Writes a new comment (a reply, on a review thread); throws with GitHub's answer. */
  post(body: string): Promise<{ id: number; author: string }>
  /** Rewrites one of the run's own comments; throws with GitHub's answer. */
  update(commentId: number, body: string): Promise<void>
  /** Deletes one of the run's own conversation comments; one already gone is no error. */
  remove(commentId: number): Promise<void>
  /**
   * Adds the token's 👀 to the pull request itself, the send lock: `created` is false when the
   * token already had one there, and `reaction` is then that one. Throws with GitHub's answer.
   */
  addLockReaction(): Promise<{ created: boolean; reaction: HeldReaction }>
  /** The 👀 reactions on the pull request. Throws ThreadReadError. */
  lockReactions(): Promise<HeldReaction[]>
  /** Takes the token's 👀 off the pull request; one already gone is no error. */
  removeLockReaction(reactionId: number): Promise<void>
  /**
   * Everything written on the thread; throws ThreadReadError when GitHub cannot be read. Reads
   * again are conditional: what did not change costs nothing against GitHub's rate limit.
   */
  items(): Promise<ThreadItem[]>
  /** The conversation's comments alone (no review comments or reviews), as `items` reads them. */
  conversation(): Promise<ThreadItem[]>
  /**
   * One comment's text as it reads now (conditionally, like items), undefined once it is deleted;
   * throws ThreadReadError when GitHub cannot say.
   */
  commentBody(kind: ItemKind, commentId: number): Promise<string | undefined>
  /** Whether a workflow run attempt is alive. Never throws: what cannot be read is `unknown`. */
  runState(run: RunId): Promise<RunState>
  /** The pull request, read once; throws with GitHub's answer. */
  pullRequest(): Promise<PullRequestHead>
  /** The commit check runs go on; undefined on an issue. */
  headSha(): Promise<string | undefined>
  /** A review's summary; empty for a review GitHub no longer has. Throws ThreadReadError. */
  reviewSummary(reviewId: number): Promise<string>
  /** The inline comments submitted with a review. Throws ThreadReadError. */
  reviewComments(reviewId: number): Promise<ReviewComment[]>
  /** Who the token acts as. */
  tokenLogin(): Promise<string>
}
