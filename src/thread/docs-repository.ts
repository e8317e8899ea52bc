/**
 * The docs repository's pull requests, as mode sync's docs-token reaches them: the port that the
 * octokit adapter implements with its own client, and tests in memory.
 */

export interface DocsPullRequest {
  state: 'open' | 'closed'
  merged: boolean
  draft: boolean
  /** GraphQL's ID, which marking it ready for review takes. */
  nodeId: string
}

/** Where docs-token may act: the workflow's GitHub, one repository at a time. */
export interface DocsRepositories {
  /** The GitHub the workflow runs on (`https://github.com`): links elsewhere are not followed. */
  server: string
  open(owner: string, repo: string): DocsRepository
}

/** The docs repository's pull requests, through docs-token; bound to that one repository. */
export interface DocsRepository {
  read(number: number): Promise<DocsPullRequest>
  /** The pull request's comments: how a note whose creation's answer was lost is found. */
  comments(number: number): Promise<{ id: number; body: string }[]>
  comment(number: number, body: string): Promise<number>
  /** Returns false when the comment is gone. */
  editComment(id: number, body: string): Promise<boolean>
  requestReview(number: number, login: string): Promise<void>
  addLabel(number: number, label: string): Promise<void>
  markReady(nodeId: string): Promise<void>
  setState(number: number, state: 'open' | 'closed'): Promise<void>
}

/** A refusal GitHub gave the docs token: its status, and what the token was doing. */
export class DocsTokenError extends Error {
  override name = 'DocsTokenError'
  constructor(
    readonly status: number | undefined,
    readonly doing: string,
    detail: string
  ) {
    super(detail)
  }
}
