import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../../scripts/run-action.js'
import type { FakePullRequest } from './fake-pulls.js'

// Real webhook payloads, as GitHub documents them, from @octokit/webhooks-examples.
type Payload = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const examples = JSON.parse(
  readFileSync(
    join(REPO_ROOT, 'node_modules/@octokit/webhooks-examples/api.github.com/index.json'),
    'utf8'
  )
) as { name: string; examples: Payload[] }[]

function example(name: string, action: string): Payload {
  const found = examples.find((e) => e.name === name)!.examples.find((e) => e.action === action)!
  return structuredClone(found)
}

export interface CommentOptions {
  body: string
  login?: string
  userType?: 'User' | 'Bot'
  action?: 'created' | 'edited' | 'deleted'
  /**
   * The comment as the fake GitHub stored it: its ID and time (the command's place in line), and
   * for a review comment where on the diff it sits.
   */
  stored?: {
    id: number
    created_at?: string
    submitted_at?: string
    path?: string
    line?: number
    diff_hunk?: string
    pull_request_review_id?: number
  }
}

function place(target: Payload, options: CommentOptions, time: 'created_at' | 'submitted_at') {
  const { stored } = options
  if (!stored) return
  target.id = stored.id
  if (stored[time]) target[time] = stored[time]
  for (const field of ['path', 'line', 'diff_hunk', 'pull_request_review_id'] as const) {
    if (stored[field] !== undefined) target[field] = stored[field]
  }
}

/** `issue_comment` on pull request #1 of Codertocat/Hello-World (an issue with `onPullRequest: false`). */
export function issueComment(
  options: CommentOptions & {
    onPullRequest?: boolean
    pullRequestBody?: string
    /** Who opened the pull request (the example's Codertocat by default). */
    pullRequestAuthor?: string
  }
) {
  const payload = example('issue_comment', options.action ?? 'created')
  payload.comment.body = options.body
  payload.comment.user.login = options.login ?? 'Codertocat'
  payload.comment.user.type = options.userType ?? 'User'
  place(payload.comment, options, 'created_at')
  if (options.pullRequestAuthor) {
    payload.issue.user.login = options.pullRequestAuthor
    payload.issue.user.type = options.pullRequestAuthor.endsWith('[bot]') ? 'Bot' : 'User'
  }
  if (options.onPullRequest ?? true) {
    payload.issue.pull_request = {
      url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1',
      html_url: 'https://github.com/Codertocat/Hello-World/pull/1'
    }
    payload.issue.body = options.pullRequestBody ?? 'Docs update by the Mintlify agent.'
  }
  return { name: 'issue_comment', payload }
}

/** `pull_request_review_comment` on README.md of pull request #2. */
export function reviewComment(options: CommentOptions & { line?: number }) {
  const payload = example('pull_request_review_comment', options.action ?? 'created')
  payload.comment.body = options.body
  payload.comment.user.login = options.login ?? 'Codertocat'
  payload.comment.user.type = options.userType ?? 'User'
  place(payload.comment, options, 'created_at')
  if (options.line !== undefined) payload.comment.line = options.line
  return { name: 'pull_request_review_comment', payload }
}

/** `pull_request_review` on pull request #2 (submitted, or edited) with the given summary and state. */
export function review(options: CommentOptions & { state?: string }) {
  const payload = example('pull_request_review', 'submitted')
  payload.action = options.action === 'edited' ? 'edited' : 'submitted'
  payload.review.body = options.body
  payload.review.user.login = options.login ?? 'Codertocat'
  payload.review.user.type = options.userType ?? 'User'
  payload.review.state = options.state ?? 'commented'
  place(payload.review, options, 'submitted_at')
  return { name: 'pull_request_review', payload }
}

export const ISSUE_COMMENT_ID = 492700400
export const REVIEW_COMMENT_ID = 284312630

/**
 * A `pull_request` event (or `pull_request_target`) for `pr` as the fake GitHub has it now,
 * from the example payload of that action. `from` is the fork the head branch lives in.
 */
export function pullRequestEvent(
  action:
    'opened' | 'reopened' | 'ready_for_review' | 'synchronize' | 'closed' | 'labeled' | 'unlabeled',
  pr: FakePullRequest,
  options: {
    name?: 'pull_request' | 'pull_request_target'
    before?: string
    headSha?: string
    /** The pull request's labels, and for labeled and unlabeled the one added or removed. */
    labels?: string[]
    label?: string
  } = {}
) {
  const payload = example('pull_request', action)
  const pull = payload.pull_request
  const repo = 'Codertocat/Hello-World'
  payload.number = pr.number
  pull.number = pr.number
  pull.url = `https://api.github.com/repos/${repo}/pulls/${pr.number}`
  pull.html_url = `https://github.com/${repo}/pull/${pr.number}`
  pull.title = pr.title
  pull.body = pr.body
  pull.user.login = pr.author
  pull.user.type = pr.author.endsWith('[bot]') ? 'Bot' : 'User'
  pull.draft = pr.draft
  pull.state = pr.state
  pull.merged = pr.merged
  pull.head.sha = options.headSha ?? pr.headSha
  pull.head.ref = pr.headRef
  pull.head.label = `${pr.headRepo.split('/')[0]}:${pr.headRef}`
  pull.head.repo.full_name = pr.headRepo
  pull.head.repo.fork = pr.headRepo !== repo
  pull.base.ref = pr.baseRef
  pull.base.sha = pr.baseSha
  if (options.labels) pull.labels = options.labels.map((name, i) => ({ id: i + 1, name }))
  if (options.label !== undefined) payload.label = { ...payload.label, name: options.label }
  if (action === 'synchronize') {
    payload.before = options.before
    payload.after = pull.head.sha
  }
  return { name: options.name ?? 'pull_request', payload }
}
