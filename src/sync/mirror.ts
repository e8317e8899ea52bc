/**
 * What follows the status comment's state, each time a run writes it: the check runs of the code
 * pull request's heads (check-run), and the docs pull request (docs-token). Neither ever fails
 * the sync: trouble with either is a warning, and the next event tries again.
 */
import type { AgentJob } from '../core/agent-api.js'
import { settleChecks, type CheckRunView, type SentFiles } from './checks.js'
import type { SyncRun } from './context.js'
import { settleDocs, type CodePullRequest } from './docs-pr.js'
import { renderSyncComment, type SyncState } from './state.js'

/** What the run knows beyond the state. */
export interface MirrorFacts {
  /** The job as it stands now: once it has ended, the docs pull request follows. */
  job?: AgentJob | undefined
  /**
   * After a send: the job as read before it (undefined when it was not read), for how the head
   * sent before ended. Without a send, `job` says that.
   */
  finished?: AgentJob | undefined
  /** After a send: the job as read before it, when it had ended, for the docs pull request's comment. */
  ended?: AgentJob | undefined
  /** What this run sent. */
  sent?: SentFiles | undefined
}

/**
 * How long before the send lock's hold ends no call is begun any more: the state must be written
 * while the lock holds, or another run's could be overwritten.
 */
const LOCK_MARGIN_MS = 60_000

/** Whether the run keeps check runs or follows the docs pull request at all. */
export function mirrors(run: SyncRun): { checks: boolean; docs: boolean } {
  return {
    checks: run.settings.comments.checkRun && run.checks !== undefined,
    docs: run.settings.sync.docs !== undefined && run.docs !== undefined
  }
}

/** `next` with its check runs and docs pull request brought up to date, before `until`. */
async function mirrored(
  run: SyncRun,
  before: SyncState | undefined,
  next: SyncState,
  facts: MirrorFacts,
  until: number
): Promise<SyncState> {
  const { settings, ports, checks, docs } = run
  const mayCall = () => ports.clock.now() < until - LOCK_MARGIN_MS
  let result = next
  if (docs && settings.sync.docs) {
    const { record, open } = await settleDocs(
      docs,
      settings.sync.docs,
      codePullRequest(run, next),
      next,
      { now: facts.job, ended: facts.ended },
      { logger: ports.logger, mayCall }
    )
    result = { ...result, docs: record }
    // The docs pull request is open again with the code's: its job takes messages again.
    if (open && result.retired === 'closed') result = { ...result, retired: undefined }
  }
  if (checks && settings.comments.checkRun)
    result = {
      ...result,
      checks: await settleChecks(
        checks,
        before,
        result,
        {
          // After a send, the job now works on it: only a read from before says how it ended.
          finished: 'finished' in facts ? facts.finished : facts.job,
          sent: facts.sent,
          failOnJobFailure: settings.sync.checkRunFailOnJobFailure
        },
        { logger: ports.logger, mayCall }
      )
    }
  return result
}

/**
 * Writes `next` with what follows it, while the send lock holds (clock ms `until`); with `unless`,
 * only when the comment would then differ from `unless.state`. Returns what was written.
 */
export async function writeMirrored(
  run: SyncRun,
  commentId: number,
  url: string,
  write: { before: SyncState | undefined; next: SyncState; facts: MirrorFacts; until: number },
  unless?: { state: SyncState | undefined }
): Promise<SyncState> {
  const { before, next, facts, until } = write
  const { clock } = run.ports
  const startedAt = clock.now()
  const shown = await mirrored(run, before, next, facts, until)
  const body = renderSyncComment(shown, url)
  if (unless && body === renderSyncComment(unless.state, url)) return shown
  // GitHub's answers for what follows the state (a rate limit waited out) took the lock's time:
  // another run may hold it by now, and its state must not be overwritten.
  if (clock.now() >= until && clock.now() - startedAt >= LOCK_MARGIN_MS)
    throw new Error(
      "GitHub took so long to answer for the check run or the docs pull request that the send lock's hold ran out, so the status comment was not written; the next event brings it up to date"
    )
  await run.thread.update(commentId, body)
  return shown
}

function codePullRequest(run: SyncRun, state: SyncState): CodePullRequest {
  const { trigger } = run
  return {
    fullName: `${trigger.owner}/${trigger.repo}`,
    number: trigger.number,
    url: trigger.url,
    author: trigger.author.login,
    closed: state.closed,
    baseRef: state.baseRef
  }
}

/**
 * A completed check run on a head the run did nothing for (a draft, a skipped or refused pull
 * request) or that it failed on: one call, best effort.
 */
export async function concludeHead(
  run: Pick<SyncRun, 'checks' | 'settings' | 'ports'>,
  headSha: string | undefined,
  view: CheckRunView
): Promise<number | undefined> {
  if (!run.checks || !run.settings.comments.checkRun || run.settings.sync.dryRun || !headSha)
    return undefined
  try {
    return await run.checks.create(headSha, view)
  } catch (error) {
    run.ports.logger.warning(`The check run could not be written (${(error as Error).message}).`)
    return undefined
  }
}
