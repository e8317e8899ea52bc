/** Check runs on the code repository's head commits, through octokit. */
import type { CheckRunView, CheckRuns } from '../../thread/check-runs.js'
import { explainGitHubError, NEEDS } from './errors.js'
import type { Octokit } from './octokit-type.js'

/** The code repository's check runs under `name`, with the workflow's token: /agent's or mode sync's. */
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
    async onHead(headSha) {
      try {
        const { data } = await octokit.rest.checks.listForRef({
          ...repo,
          ref: headSha,
          check_name: name,
          filter: 'all',
          per_page: 100
        })
        return data.check_runs
          .sort((a, b) => b.id - a.id)
          .map((run) => ({
            id: run.id,
            status: run.status as CheckRunView['status'],
            title: run.output.title ?? ''
          }))
      } catch (error) {
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
