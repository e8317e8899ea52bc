import { ThreadReadError, type ThreadItem, type ThreadRef } from '../../thread/thread.js'
import { explainGitHubError, NEEDS } from './errors.js'
import type { Octokit } from './octokit-type.js'
import { authorOf, timeOf } from './users.js'

/**
 * Everything written on a thread: the conversation, and on a pull request its review comments
 * and submitted reviews, every page (only the conversation with `conversationOnly`). Throws ThreadReadError when GitHub cannot be read: the line
 * of commands and the job markers are in there, and the run must not guess them.
 */
export async function listThreadItems(
  octokit: Octokit,
  ref: ThreadRef,
  conversationOnly = false
): Promise<ThreadItem[]> {
  const { owner, repo, number } = ref
  const name = `${ref.isPullRequest ? 'pull request' : 'issue'} #${number}`
  const list = async <T>(what: string, permission: string, read: () => Promise<T[]>) => {
    try {
      return await read()
    } catch (error) {
      throw new ThreadReadError(
        `GitHub's API could not be read, so nothing was sent: listing the ${what} of ${name} failed (${explainGitHubError(error, permission)}).`
      )
    }
  }
  const conversation = await list('comments', NEEDS.readConversation, () =>
    octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: number,
      per_page: 100
    })
  )
  const items: ThreadItem[] = conversation.map((c) => ({
    kind: 'issue-comment',
    id: c.id,
    body: c.body ?? '',
    author: authorOf(c.user),
    writtenAt: timeOf(c.created_at),
    url: c.html_url
  }))
  if (!ref.isPullRequest || conversationOnly) return items

  const [reviewComments, reviews] = await Promise.all([
    list('review comments', NEEDS.readPullRequest, () =>
      octokit.paginate(octokit.rest.pulls.listReviewComments, {
        owner,
        repo,
        pull_number: number,
        per_page: 100
      })
    ),
    list('reviews', NEEDS.readPullRequest, () =>
      octokit.paginate(octokit.rest.pulls.listReviews, {
        owner,
        repo,
        pull_number: number,
        per_page: 100
      })
    )
  ])
  for (const c of reviewComments) {
    items.push({
      kind: 'review-comment',
      id: c.id,
      body: c.body,
      author: authorOf(c.user),
      writtenAt: timeOf(c.created_at),
      url: c.html_url,
      reviewId: c.pull_request_review_id ?? undefined,
      path: c.path,
      line: c.line ?? c.original_line ?? undefined,
      hunk: c.diff_hunk
    })
  }
  // A pending review is seen only by its author and has no time yet: it is not on the thread.
  for (const r of reviews.filter((r) => r.submitted_at)) {
    items.push({
      kind: 'review',
      id: r.id,
      body: r.body ?? '',
      author: authorOf(r.user),
      writtenAt: timeOf(r.submitted_at),
      url: r.html_url
    })
  }
  return items
}
