/**
 * What follows the status comment's state, each time a run writes it: the check runs of the code
 * pull request's heads (check-run), and the docs pull request (docs-token). Neither ever fails
 * the sync: trouble with either is a warning, and the next event tries again.
 */
import type { AgentJob } from '../core/agent-api.js'
import { oneOffView, settleChecks, type CheckRunView, type SentFiles } from './checks.js'
import type { SyncRun } from './context.js'
import { settleDocs, type CodePullRequest } from './docs-pr.js'
import { readSyncState, type SyncState } from './state.js'

/** What the run knows beyond the state: the job as it just read it, and what it sent. */
export interface MirrorFacts {
  job?: AgentJob | undefined
  sent?: SentFiles | undefined
}

/** Whether the run keeps check runs or follows the docs pull request at all. */
export function mirrors(run: SyncRun): { checks: boolean; docs: boolean } {
  return {
    checks: run.settings.comments.checkRun && run.checks !== undefined,
    docs: run.settings.sync.docs !== undefined && run.docs !== undefined
  }
}

/** `next` with its check runs and docs pull request brought up to date. */
export async function mirrored(
  run: SyncRun,
  before: SyncState | undefined,
  next: SyncState,
  facts: MirrorFacts
): Promise<SyncState> {
  const { settings, ports } = run
  const on = mirrors(run)
  let result = next
  if (on.docs && run.docs && settings.sync.docs) {
    const { record, open } = await settleDocs(
      run.docs,
      settings.sync.docs,
      codePullRequest(run, next),
      next,
      facts.job,
      ports.logger
    )
    result = { ...result, docs: record }
    // The docs pull request is open again with the code's: its job takes messages again.
    if (open && result.retired === 'closed') result = { ...result, retired: undefined }
  }
  if (on.checks && run.checks)
    result = {
      ...result,
      checks: await settleChecks(
        run.checks,
        before,
        result,
        { ...facts, failOnJobFailure: settings.sync.checkRunFailOnJobFailure },
        ports.logger
      )
    }
  return result
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
 * request, a failed run): one call, best effort.
 */
export async function concludeHead(
  run: Pick<SyncRun, 'checks' | 'settings' | 'ports'>,
  headSha: string | undefined,
  view: CheckRunView
): Promise<void> {
  if (!run.checks || !run.settings.comments.checkRun || run.settings.sync.dryRun || !headSha) return
  try {
    await run.checks.create(headSha, view)
  } catch (error) {
    run.ports.logger.warning(`The check run could not be written (${(error as Error).message}).`)
  }
}

/**
 * The run failed: the head's check run says so, the one the state names for it if there is
 * one (a later run that sends brings that one back), else a new one.
 */
export async function failHead(run: SyncRun, message: string): Promise<void> {
  const { checks, trigger, ports } = run
  const sha = trigger.headSha
  if (!checks || !run.settings.comments.checkRun || !sha) return
  const view = oneOffView('failure', 'The docs sync failed', message)
  const open = readSyncState(run.comment?.body ?? '')?.checks?.find((check) => check.sha === sha)
  try {
    if (open) await checks.update(open.id, view)
    else await checks.create(sha, view)
  } catch (error) {
    ports.logger.warning(
      `The check run could not say that the sync failed (${(error as Error).message}).`
    )
  }
}
