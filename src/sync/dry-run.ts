/** A dry run: the prompt a sync would send now, printed; nothing is sent, locked or written. */
import type { RunResult } from '../core/outcome.js'
import { promptBudget } from '../prompt/budget.js'
import { pendingChanges } from '../prompt/changes.js'
import type { Settings } from '../settings/settings.js'
import { promptRules, pullRequestNow } from './facts.js'
import type { SealedComment } from '../thread/sealed-comment.js'
import { emptyRecord, type SyncRecord } from './record.js'
import type { RunContext } from '../core/request.js'
import type { PullRequestReader } from '../prompt/pull-request.js'
import { dryRunNothing, dryRunPrompt, takesOver } from './texts.js'
import type { SyncTrigger } from './trigger.js'

export async function dryRun(
  event: SyncTrigger,
  settings: Settings,
  ports: RunContext,
  reader: PullRequestReader,
  records: SealedComment<SyncRecord>,
  result: RunResult
): Promise<RunResult> {
  const { logger } = ports
  const { data: record = emptyRecord('') } = await records.find()
  const { info, now } = await pullRequestNow(reader, event.headSha, ports)
  const job = record.job
  const rules = promptRules(settings)
  const pending =
    now.state === 'unmerged'
      ? undefined
      : await pendingChanges(
          now.head,
          reader,
          info,
          job && !job.retired ? job.sent.head : undefined,
          rules,
          job?.retired && takesOver(job, info.url)
        )
  if (!pending || pending.kind === 'none') {
    logger.info(dryRunNothing(job?.id, pending?.headSha))
    return { ...result, sync: 'dry-run' }
  }
  logger.info(dryRunPrompt(job && !job.retired ? job.id : undefined, pending.prompt.length))
  // Each line starts with a bar: a line of the pull request's own text that starts with `::`
  // would otherwise be read by the runner as a workflow command. The runner ends a line at a
  // bare carriage return too.
  for (const line of pending.prompt.split(/\r\n|\r|\n/)) logger.info(`│ ${line}`)
  return {
    ...result,
    sync: 'dry-run',
    prompt: pending.prompt,
    files: promptBudget(pending.prompt, pending.files, rules).files,
    ...(job ? { recorded: { jobId: job.id, status: job.status, prLink: job.prLink } } : {})
  }
}
