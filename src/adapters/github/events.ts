import { readFileSync } from 'node:fs'
import type { CommentTrigger } from '../../comments/trigger.js'
import { authorOf } from './users.js'

const EVENTS = ['issue_comment', 'pull_request_review_comment', 'pull_request_review'] as const

type Payload = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Reads the event the workflow runs for. Returns undefined for events other than a comment:
 * those keep the inputs-only behaviour.
 */
export function readCommentTrigger(
  eventName: string | undefined,
  eventPath: string | undefined
): CommentTrigger | undefined {
  if (!EVENTS.includes(eventName as (typeof EVENTS)[number]) || !eventPath) return undefined
  const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Payload
  const comment = (eventName === 'pull_request_review' ? payload.review : payload.comment) as
    Payload | undefined
  const [owner = '', repo = ''] = String(payload.repository?.full_name ?? '').split('/')
  if (!comment) return undefined
  const base = {
    action: payload.action === 'submitted' ? 'created' : String(payload.action ?? ''),
    owner,
    repo,
    comment: {
      id: Number(comment.id),
      body: String(comment.body ?? ''),
      author: authorOf(comment.user),
      url: String(comment.html_url ?? ''),
      writtenAt: Date.parse(String(comment.submitted_at ?? comment.created_at ?? '')) || 0
    }
  }
  if (eventName === 'issue_comment') {
    const issue = payload.issue as Payload
    const isPullRequest = Boolean(issue.pull_request)
    return {
      ...base,
      event: eventName,
      number: Number(issue.number),
      isPullRequest,
      title: String(issue.title ?? ''),
      url: String(issue.html_url ?? ''),
      pullRequestBody: isPullRequest ? String(issue.body ?? '') : undefined,
      pullRequestAuthor: isPullRequest ? authorOf(issue.user) : undefined,
      // The payload of a comment on a pull request's conversation does not carry its branch.
      pullRequest: isPullRequest
        ? { url: String(issue.pull_request.html_url ?? issue.html_url ?? ''), headRef: undefined }
        : undefined
    }
  }
  const pull = payload.pull_request as Payload
  const onPullRequest = {
    ...base,
    number: Number(pull.number),
    isPullRequest: true,
    title: String(pull.title ?? ''),
    url: String(pull.html_url ?? ''),
    pullRequestBody: String(pull.body ?? ''),
    pullRequestAuthor: authorOf(pull.user),
    headSha: typeof pull.head?.sha === 'string' ? pull.head.sha : undefined,
    pullRequest: {
      url: String(pull.html_url ?? ''),
      headRef: typeof pull.head?.ref === 'string' ? pull.head.ref : undefined,
      headRepository:
        typeof pull.head?.repo?.html_url === 'string' ? pull.head.repo.html_url : undefined
    }
  }
  if (eventName === 'pull_request_review') {
    return {
      ...onPullRequest,
      event: eventName,
      reviewState: String(comment.state ?? '').toLowerCase()
    }
  }
  return {
    ...onPullRequest,
    event: 'pull_request_review_comment',
    diff: {
      path: String(comment.path ?? ''),
      line: typeof comment.line === 'number' ? comment.line : (comment.original_line ?? undefined),
      hunk: String(comment.diff_hunk ?? ''),
      reviewId:
        typeof comment.pull_request_review_id === 'number'
          ? comment.pull_request_review_id
          : undefined
    }
  }
}
