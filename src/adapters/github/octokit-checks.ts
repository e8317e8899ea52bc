/** Mode sync's check runs, through octokit. */
import type { CheckRunView, CheckRuns } from '../../sync/checks.js'
import { explainGitHubError, NEEDS } from './errors.js'
import type { Octokit } from './octokit-type.js'

/** The code repository's check runs under `name`, with the workflow's token. */
export function octokitCheckRuns(
  octokit: Octokit,
  where: { owner: string; repo: string },
  name: string
): CheckRuns {
  const repo = { owner: where.owner, repo: where.repo }
  const explained = (error: unknown) =>
    new Error(explainGitHubError(error, NEEDS.checks), { cause: error })
  const fields = (view: CheckRunView) => ({
    status: view.status,
    ...(view.conclusion ? { conclusion: view.conclusion } : {}),
    output: {
      title: view.title,
      summary: view.summary,
      ...(view.text !== undefined ? { text: view.text } : {})
    }
  })
  return {
    async create(headSha, view) {
      try {
        const { data } = await octokit.rest.checks.create({
          ...repo,
          name,
          head_sha: headSha,
          ...fields(view)
        })
        return data.id
      } catch (error) {
        throw explained(error)
      }
    },
    async update(id, view) {
      try {
        await octokit.rest.checks.update({ ...repo, check_run_id: id, ...fields(view) })
        return true
      } catch (error) {
        if ((error as { status?: number }).status === 404) return false
        throw explained(error)
      }
    },
    async text(id) {
      try {
        const { data } = await octokit.rest.checks.get({ ...repo, check_run_id: id })
        return data.output.text ?? undefined
      } catch (error) {
        if ((error as { status?: number }).status === 404) return undefined
        throw explained(error)
      }
    }
  }
}
