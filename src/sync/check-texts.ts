/** What a check run of mode sync says: its title and its summary, for the state of its head. */
import type { AgentJob } from '../core/agent-api.js'
import type { CheckState, SyncRecord } from './record.js'
import { clockTime, short } from './texts.js'

/** A check run's title for its state; its conclusion and status follow from the state. */
export function checkTitle(state: CheckState, record: SyncRecord): string {
  const retryAt = record.pending?.retryAt
  if (state === 'waiting-for-hourly-limit' && retryAt)
    return `Waiting: Mintlify's hourly limit until about ${clockTime(retryAt)}`
  if (state === 'sync-off' && record.off)
    return `Docs sync is off: the pull request has the ${record.off} label`
  return CHECK_TITLES[state]
}

const CHECK_TITLES: Record<CheckState, string> = {
  'waiting-for-busy-job': 'Waiting: the docs agent is still working on an earlier push',
  'waiting-for-hourly-limit': "Waiting: Mintlify's hourly limit",
  'waiting-after-failed-read':
    'Waiting: reading the docs job failed; the next push or the merge sends these changes',
  'agent-working': 'The docs agent is updating the docs for these changes',
  'docs-updated': 'Docs updated',
  'nothing-to-document': 'Nothing to document: the agent changed no docs',
  'job-failed': 'The docs job failed',
  'job-failed-advisory': 'The docs job failed (advisory)',
  'job-archived': 'The docs job is archived: a new docs job takes over',
  'closed-unmerged': 'Closed without merging',
  'went-with-later-push': 'These changes went with a later push',
  'sync-off': 'Docs sync is off: the pull request has the skip label',
  draft: 'Draft: the docs wait until it is ready for review',
  'no-matching-paths': 'Nothing to document: no file matches sync-paths',
  'author-refused': 'Not documented: the author may not give commands here',
  'not-followed':
    'Not followed further: the docs job was still working when the last run ended; the status comment shows how it ends',
  'run-failed': 'The docs sync failed'
}

/** What a check run says below its title: the docs pull request, the job, the head's changes. */
export function checkSummary(
  shows: CheckState,
  head: string,
  record: SyncRecord,
  job: AgentJob | undefined
): string {
  const current = record.job
  const prLink = job?.prLink ?? current?.prLink
  const none =
    shows === 'nothing-to-document' ? 'none; the agent found nothing to change' : 'none yet'
  const status = job?.status ?? current?.status ?? 'active'
  const changes = shows.startsWith('waiting')
    ? `The changes up to ${short(head)} wait to be sent; the status comment on the pull request says when they go.`
    : shows === 'went-with-later-push'
      ? `The changes up to ${short(head)} went to the docs job with a later push's.`
      : `See the status comment on the pull request for the changes up to ${short(head)}.`
  return [
    `Docs pull request: ${prLink ?? none}`,
    ...(current ? [`Docs job: \`${current.id}\` (${status})`] : []),
    changes
  ].join('\n\n')
}
