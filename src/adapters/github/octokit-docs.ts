/** The docs pull request's repository, through octokit with docs-token. */
import { DocsTokenError, type DocsRepository } from '../../thread/docs-repository.js'
import { describeGitHubError } from './errors.js'
import type { Octokit } from './octokit-type.js'

/**
 * The docs repository's pull requests, with docs-token, and only that repository's: every call
 * names `owner/repo` as given here.
 */
export function octokitDocsRepository(
  octokit: Octokit,
  { owner, repo: name }: { owner: string; repo: string }
): DocsRepository {
  const repo = { owner, repo: name }
  const calling = async <T>(doing: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call()
    } catch (error) {
      throw new DocsTokenError(
        (error as { status?: number }).status,
        doing,
        describeGitHubError(error)
      )
    }
  }
  return {
    read: (number) =>
      calling('read the pull request', async () => {
        const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number })
        return {
          state: data.state === 'closed' ? 'closed' : 'open',
          merged: data.merged,
          draft: data.draft ?? false,
          nodeId: data.node_id
        }
      }),
    comments: (number) =>
      calling('read its comments', async () => {
        const list = await octokit.paginate(octokit.rest.issues.listComments, {
          ...repo,
          issue_number: number,
          per_page: 100
        })
        return list.map((comment) => ({ id: comment.id, body: comment.body ?? '' }))
      }),
    comment: (number, body) =>
      calling('comment', async () => {
        const { data } = await octokit.rest.issues.createComment({
          ...repo,
          issue_number: number,
          body
        })
        return data.id
      }),
    editComment: (id, body) =>
      calling('edit its comment', async () => {
        try {
          await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body })
          return true
        } catch (error) {
          if ((error as { status?: number }).status === 404) return false
          throw error
        }
      }),
    requestReview: (number, login) =>
      calling(`request a review from @${login}`, async () => {
        await octokit.rest.pulls.requestReviewers({
          ...repo,
          pull_number: number,
          reviewers: [login]
        })
      }),
    addLabel: (number, label) =>
      calling(`add the ${label} label`, async () => {
        await octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels: [label] })
      }),
    markReady: (nodeId) =>
      calling('mark it ready for review', async () => {
        await octokit.graphql(
          'mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }',
          { id: nodeId }
        )
      }),
    setState: (number, state) =>
      calling(state === 'closed' ? 'close it' : 'reopen it', async () => {
        await octokit.rest.pulls.update({ ...repo, pull_number: number, state })
      })
  }
}
