import type { Logger } from '../core/logger.js'
import type { Outcome } from '../core/outcome.js'
import type { CheckRuns } from '../thread/check-runs.js'
import type { Thread } from '../thread/thread.js'

function quoteForCheck(prompt: string): string {
  return prompt.length > 1000 ? `${prompt.slice(0, 1000)}…` : prompt
}

/**
 * A check run on the pull request's head commit, for people who look at checks before comments:
 * in progress while the agent works, then success or failure. Best effort: GitHub trouble here is
 * a warning.
 */
export class CheckRun {
  private constructor(
    private readonly checks: CheckRuns,
    private readonly id: number,
    private readonly logger: Logger
  ) {}

  static async start(
    checks: CheckRuns,
    thread: Thread,
    prompt: string,
    logger: Logger
  ): Promise<CheckRun | undefined> {
    try {
      const sha = await thread.headSha()
      if (!sha) {
        logger.info('No pull request head commit to put a check run on.')
        return undefined
      }
      const id = await checks.create(sha, {
        status: 'in_progress',
        title: 'The Mintlify agent is working',
        summary: quoteForCheck(prompt)
      })
      return new CheckRun(checks, id, logger)
    } catch (error) {
      logger.warning(`Could not create the check run (${(error as Error).message}).`)
      return undefined
    }
  }

  async finish(outcome: Outcome): Promise<void> {
    const job = outcome.job
    const success = !outcome.failure && job?.status === 'completed'
    const title = success
      ? job?.prLink
        ? 'The Mintlify agent updated the docs'
        : 'The Mintlify agent changed nothing'
      : `Mintlify agent job ${job?.status ?? 'not started'}`
    const summary = [
      `Job: \`${outcome.jobId}\``,
      `Status: ${job?.status ?? 'none'}`,
      `Pull request: ${job?.prLink ?? 'none'}`,
      ...(outcome.failure ? ['', outcome.failure] : [])
    ].join('\n')
    try {
      await this.checks.update(this.id, {
        status: 'completed',
        conclusion: success ? 'success' : 'failure',
        title,
        summary
      })
    } catch (error) {
      this.logger.warning(`Could not complete the check run (${(error as Error).message}).`)
    }
  }
}
