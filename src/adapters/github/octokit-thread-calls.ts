/** OctokitThread's calls about a pull request rather than its conversation: reviews and runs. */
import type { Logger } from '../../core/logger.js'
import {
  ThreadReadError,
  type PullRequestHead,
  type ReviewComment,
  type RunId,
  type RunState,
  type ThreadRef
} from '../../thread/thread.js'
import { describeGitHubError, explainGitHubError, NEEDS } from './errors.js'
import type { Octokit } from './octokit-type.js'

const repoOf = (ref: ThreadRef) => ({ owner: ref.owner, repo: ref.repo })

export async function pullRequestHead(octokit: Octokit, ref: ThreadRef): Promise<PullRequestHead> {
  try {
    const { data } = await octokit.rest.pulls.get({ ...repoOf(ref), pull_number: ref.number })
    return {
      url: data.html_url,
      headRef: data.head.ref,
      headSha: data.head.sha,
      headRepository: data.head.repo?.html_url
    }
  } catch (error) {
    throw new Error(explainGitHubError(error, NEEDS.readPullRequest), { cause: error })
  }
}

/** The inline comments submitted with a review. Throws when GitHub cannot list them. */
export async function reviewComments(
  octokit: Octokit,
  ref: ThreadRef,
  reviewId: number
): Promise<ReviewComment[]> {
  try {
    const comments = await octokit.paginate(octokit.rest.pulls.listCommentsForReview, {
      ...repoOf(ref),
      pull_number: ref.number,
      review_id: reviewId,
      per_page: 100
    })
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
      `GitHub's API could not be read, so nothing was sent: listing the comments of review ${reviewId} of pull request #${ref.number} failed (${explainGitHubError(error, NEEDS.readPullRequest)}).`
    )
  }
}

/** Whether a workflow run attempt is alive; `unknown` when GitHub does not say. */
export async function runState(
  octokit: Octokit,
  ref: ThreadRef,
  { id, attempt }: RunId,
  logger: Logger
): Promise<RunState> {
  try {
    const { data } = await octokit.rest.actions.getWorkflowRunAttempt({
      ...repoOf(ref),
      run_id: id,
      attempt_number: attempt,
      exclude_pull_requests: true
    })
    return data.status === 'completed' ? 'ended' : 'running'
  } catch (error) {
    logger.debug(`Reading run ${id} (attempt ${attempt}) failed: ${describeGitHubError(error)}`)
    return 'unknown'
  }
}
