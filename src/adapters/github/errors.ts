/** What GitHub's API answered when a call failed, in words a workflow author can act on. */

/** The `permissions:` line each kind of call needs, named when GitHub refuses one. */
export const NEEDS = {
  conversation: 'issues: write',
  reviewThread: 'pull-requests: write',
  readConversation: 'issues: read',
  readPullRequest: 'pull-requests: read',
  readContents: 'contents: read',
  collaborators: 'metadata: read',
  checks: 'checks: write',
  runs: 'actions: read'
} as const

interface RequestFailure {
  status?: number
  message?: string
  cause?: unknown
  /** Octokit's request options; its retry plugin counts in them the retries made before this attempt. */
  request?: { request?: { retryCount?: number } }
}

/** Octokit reports a network fault as status 500 with the fault as its cause. */
function networkCause(error: RequestFailure): string | undefined {
  const cause = error.cause as { code?: string; cause?: { code?: string } } | undefined
  return cause?.code ?? cause?.cause?.code
}

/** `403 Resource not accessible by integration`, `network error ECONNREFUSED after 4 attempts`, … */
export function describeGitHubError(error: unknown): string {
  const failure = (error ?? {}) as RequestFailure
  const attempts = (failure.request?.request?.retryCount ?? 0) + 1
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
  const network = networkCause(failure)
  if (network) return `network error ${network}${tries}`
  // Octokit appends GitHub's documentation link to the message: the log needs only the words.
  const message = String(failure.message ?? error).replace(/ - https:\/\/docs\.github\.com\S*$/, '')
  return `${failure.status ? `${failure.status} ${message}` : message}${tries}`
}

/**
 * GitHub's answer when the token lacks a permission: a workflow token without the permission
 * (or a GitHub App token) gets `403 Resource not accessible by integration`.
 */
function lacksPermission(error: unknown): boolean {
  const failure = (error ?? {}) as RequestFailure
  return failure.status === 403 && /not accessible by integration/i.test(String(failure.message))
}

/**
 * One clause for a failed GitHub call: what GitHub answered, and for a missing permission which
 * `permissions:` line the workflow needs.
 */
export function explainGitHubError(error: unknown, permission: string): string {
  const answer = describeGitHubError(error)
  return lacksPermission(error)
    ? `${answer}: the workflow's token lacks \`${permission}\`; add it to the workflow's \`permissions:\``
    : answer
}
