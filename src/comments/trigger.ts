import type { CommentAuthor, ItemKind, ThreadRef } from '../thread/thread.js'
import type { PullRequestRef } from '../core/job-lookup.js'
import type { Place } from './line.js'

/** A comment that may hold a command, and where it was made. */
export interface CommentTrigger {
  event: 'issue_comment' | 'pull_request_review_comment' | 'pull_request_review'
  /** `created` or `edited` (a submitted review counts as created). */
  action: string
  owner: string
  repo: string
  /** The issue or pull request number. */
  number: number
  isPullRequest: boolean
  /** The pull request's or issue's title and URL, and the pull request body (markers live there). */
  title: string
  url: string
  pullRequestBody: string | undefined
  /** Who opened the pull request: a marker in its body counts only when that account is trusted. */
  pullRequestAuthor: CommentAuthor | undefined
  comment: {
    id: number
    body: string
    author: CommentAuthor
    url: string
    /** Created, or for a review submitted (ms since the epoch): the command's place in line. */
    writtenAt: number
  }
  /** For a comment on a diff line: where it was made, and the review it was submitted with. */
  diff?: { path: string; line: number | undefined; hunk: string; reviewId: number | undefined }
  /** For a review's summary: its state (approved, changes_requested, commented). */
  reviewState?: string
  /** The pull request's head commit, when the payload carries it (check runs go there). */
  headSha?: string
  /** The pull request's page and head branch (the branch when the payload carries it). */
  pullRequest?: PullRequestRef
}

const KIND_OF_EVENT: Record<CommentTrigger['event'], ItemKind> = {
  issue_comment: 'issue-comment',
  pull_request_review: 'review',
  pull_request_review_comment: 'review-comment'
}

/** The command's place in the line of its thread. */
export function placeOf(trigger: CommentTrigger): Place {
  return {
    kind: KIND_OF_EVENT[trigger.event],
    id: trigger.comment.id,
    writtenAt: trigger.comment.writtenAt
  }
}

/** The thread the command is on, and the command itself (reactions and replies go there). */
export function threadRefOf(trigger: CommentTrigger): ThreadRef {
  const { kind, id } = placeOf(trigger)
  return {
    owner: trigger.owner,
    repo: trigger.repo,
    number: trigger.number,
    isPullRequest: trigger.isPullRequest,
    command: { kind, id },
    ...(trigger.headSha ? { headSha: trigger.headSha } : {})
  }
}
