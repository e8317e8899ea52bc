import { readFileSync } from 'node:fs'
import type { CommentTrigger } from '../../comments/trigger.js'
import type { SyncTrigger } from '../../sync/trigger.js'
import { authorOf } from './users.js'

const COMMENT_EVENTS = ['issue_comment', 'pull_request_review_comment', 'pull_request_review']
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target']

type Payload = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** The event a run is for, as far as the action cares. */
export type WorkflowEvent =
  | { kind: 'comment'; trigger: CommentTrigger }
  | { kind: 'pull-request'; trigger: SyncTrigger }
  /**
   * Anything else (push, workflow_dispatch, …): the inputs say what to do. No name: no event at
   * all, as in a local run without GITHUB_EVENT_NAME and GITHUB_EVENT_PATH.
   */
  | { kind: 'other'; name: string | undefined }

/** Reads the event the workflow runs for, from the runner's GITHUB_EVENT_NAME and _PATH. */
export function readEvent(
  eventName: string | undefined,
  eventPath: string | undefined
): WorkflowEvent {
  // A name without its payload is no event the action can act on.
  if (!eventPath || !eventName) return { kind: 'other', name: undefined }
  const other = { kind: 'other' as const, name: eventName }
  if (PULL_REQUEST_EVENTS.includes(eventName)) {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Payload
    return payload.pull_request
      ? { kind: 'pull-request', trigger: syncTriggerOf(eventName, payload) }
      : other
  }
  if (!COMMENT_EVENTS.includes(eventName)) return other
  const trigger = commentTriggerOf(eventName, JSON.parse(readFileSync(eventPath, 'utf8')))
  return trigger ? { kind: 'comment', trigger } : other
}

function syncTriggerOf(eventName: string, payload: Payload): SyncTrigger {
  const pull = payload.pull_request as Payload
  const [owner = '', repo = ''] = String(payload.repository?.full_name ?? '').split('/')
  const head = pull.head?.repo?.full_name
  return {
    event: eventName as SyncTrigger['event'],
    action: String(payload.action ?? ''),
    owner,
    repo,
    number: Number(pull.number),
    url: String(pull.html_url ?? ''),
    author: authorOf(pull.user),
    draft: Boolean(pull.draft),
    headSha: typeof pull.head?.sha === 'string' ? pull.head.sha : undefined,
    labels: Array.isArray(pull.labels)
      ? (pull.labels as Payload[]).map((label) => String(label.name ?? ''))
      : [],
    label: typeof payload.label?.name === 'string' ? payload.label.name : undefined,
    // A deleted fork leaves no head repository: it is no branch of this one either.
    fromFork: head !== String(pull.base?.repo?.full_name ?? payload.repository?.full_name)
  }
}

function commentTriggerOf(eventName: string, payload: Payload): CommentTrigger | undefined {
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
