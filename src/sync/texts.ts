/**
 * What mode sync says to people: the status comment, the log's lines and the step's outcome,
 * and the notes on docs pull requests (check runs speak in check-texts.ts). Pure functions of
 * what they tell.
 */
import type { AgentJob } from '../core/agent-api.js'
import type { SyncTrigger } from './trigger.js'
import type { CurrentJob, Intent, Sent, SyncRecord } from './record.js'

export const short = (sha: string): string => sha.slice(0, 7)

/** What a message sent, as the texts tell it. */
interface Message {
  effect: 'start' | 'send'
  sent: Sent
  prompt: string
  jobId?: string
  takesOverFrom?: string
}

/** The pull request, as the texts name it. */
interface PullRequest {
  number: number
  head: string
  base: string
}

/** A wall time as people read it in a comment: `14:05 UTC`. */
export const clockTime = (ms: number): string => `${new Date(ms).toISOString().slice(11, 16)} UTC`

const later = 'they go with the next push or the merge'

export const ignored = (action: string): string =>
  `The pull request was ${action}: mode sync has nothing to do.`

export const LOST_START =
  "an earlier run's request to start the job may have reached Mintlify, but its answer was lost"

export const readJobFailed = (jobId: string, error: unknown): string =>
  `Reading docs job ${jobId} failed (${(error as Error).message}).`

export const checkWriteFailed = (error: unknown): string =>
  `The check run could not be brought up to date (${(error as Error).message}); the next event tries again.`

export const dryRunNothing = (jobId: string | undefined, head: string | undefined): string =>
  `Dry run: ${head ? `job ${jobId} already has everything up to ${short(head)}` : 'the pull request was closed without merging'}, so a sync would send nothing.`

export const dryRunPrompt = (jobId: string | undefined, length: number): string =>
  `Dry run: nothing is sent and nothing is written. ${jobId ? `The message for job ${jobId}` : 'The first message, which would start the docs job,'} would be ${length} characters:`

export const syncOff = (pr: PullRequest, label: string): string =>
  `Pull request #${pr.number} has the ${label} label, which turns docs sync off (sync-skip-label): nothing was sent. Removing the label resumes it.`

export const draft = (pr: PullRequest): string =>
  `Pull request #${pr.number} is a draft: its docs wait until it is ready for review (sync-drafts: true syncs drafts too). Nothing was sent.`

export const noMatchingPaths = (pr: PullRequest, paths: readonly string[]): string =>
  `None of the files pull request #${pr.number} changes match sync-paths (${paths.join(', ')}): nothing was sent.`

/** What to do about a start that cannot be told; deleting the comment first could make a second job. */
const startOver = (comment: string): string =>
  `If the Mintlify dashboard shows no job for this pull request, delete ${comment} to start over; if it shows one, \`/agent --job <id>\` steers it.`

export const unsettledStart = (intent: Intent): string =>
  `No docs job is started for this pull request now, since that could make a second one: ${intent.unsettled}. ${startOver("the action's status comment on this pull request")}`

export const readFailed = (jobId: string, sentBefore: boolean): string =>
  `Docs job ${jobId} could not be read, so ${sentBefore ? 'nothing more was sent after this run’s message' : 'nothing was sent'}: the new commits wait, and ${later}.`

export const hourlyLimit = (retryAt: number): string =>
  `Mintlify's hourly limit of messages for this project was reached: waiting until about ${clockTime(retryAt)}, without the send lock, and sending then.`

export const hourlyLimitPast = (retryAt: number, action: string): string =>
  `Mintlify's hourly limit of messages for this project was reached until about ${clockTime(retryAt)}, after this run's timeout, so the new commits were not sent: ${action === 'closed' ? 'this was the pull request’s last event, so run this workflow again after that to send them' : later} (nothing was sent, so nothing goes twice).`

export const queued = (jobId: string, head: string): string =>
  `Another run of this workflow waits for docs job ${jobId} and sends the commits up to ${short(head)} when it is free: this run need not wait too.`

export const busy = (job: CurrentJob, head: string): string =>
  `Docs job ${job.id} is ${job.status ?? 'active'} with an earlier message; this run waits for it to finish, then sends what is new up to ${short(head)}.`

export function sent(
  done: readonly { act: Message; outcome: { kind: string } }[],
  record: SyncRecord
): string {
  const last = done.filter((d) => d.outcome.kind === 'taken').at(-1)
  const jobId = record.job?.id ?? ''
  if (!last) return `Docs job ${jobId} has every change.`
  const what = last.act.sent.from
    ? `the commits ${short(last.act.sent.from)}..${short(last.act.sent.head)}`
    : `the whole pull request, up to ${short(last.act.sent.head)}`
  return last.act.effect === 'start'
    ? `Started docs job ${jobId} with ${what}.`
    : `Docs job ${jobId} was sent ${what}.`
}

export function nothingNew(record: SyncRecord, pr: PullRequest, onlyBase?: boolean): string {
  const head = short(record.job?.sent.head ?? pr.head)
  return onlyBase
    ? `The commits up to ${head} only bring in ${pr.base}: nothing of the pull request's own to send.`
    : `Docs job ${record.job?.id} already has every change up to ${head}: nothing new to send.`
}

export const closedBeforeJob = (): string =>
  'The pull request was closed without merging before any docs job was started: nothing to do.'

export const closedWhileWorking = (job: CurrentJob): string =>
  `The pull request was closed without merging while docs job ${job.id} works: this run waits for it to end, for its docs pull request to be closed too.`

export const closedUnmerged = (job: CurrentJob): string =>
  job.docs?.closedWithCode
    ? `The pull request was closed without merging, and so was its docs pull request ${job.docs.pr}.`
    : `The pull request was closed without merging: its docs pull request${job.prLink ? ` (${job.prLink})` : ''} should be closed too; the status comment says so.`

export const countedAsSent = (intent: Intent): string =>
  `An earlier run sent docs job ${intent.jobId} the commits up to ${short(intent.sent.head)} but could not record Mintlify's answer: they count as sent, so that nothing goes twice (if the job never got them, say so with /agent).`

export const foundStarted = (job: AgentJob): string =>
  `An earlier run started docs job ${job.id} but could not record it: Mintlify's job list names it, so this pull request goes on with it.`

export const takesOver = (previous: CurrentJob, url: string): string =>
  `This continues the docs of pull request ${url}: docs job ${previous.id} worked on them until it took no more messages${previous.prLink ? `, and opened ${previous.prLink}. Continue that docs pull request if it is still open (push to its branch), or replace it with a new one that says it supersedes it` : ''}. Here is the whole pull request as it is now.`

export function acting(act: Message): string {
  const what = act.sent.from
    ? `the commits ${short(act.sent.from)}..${short(act.sent.head)}`
    : `the whole pull request, up to ${short(act.sent.head)}`
  if (act.effect === 'send')
    return `Sending docs job ${act.jobId} ${what} (${act.prompt.length} characters).`
  return act.takesOverFrom
    ? `Docs job ${act.takesOverFrom} takes no more messages: starting a new docs job with ${what} (${act.prompt.length} characters).`
    : `Starting the docs job of this pull request with ${what} (${act.prompt.length} characters).`
}

export const refusedAuthor = (event: SyncTrigger, permission: string): string =>
  `@${event.author.login} opened pull request #${event.number}, and only people who may give commands here (${permission} access, or a bot in allowed-bots) have their pull requests documented: nothing was sent.`

export const lockTooShort = (sentBefore: boolean): string =>
  `The send lock of this pull request was taken three times, and each time GitHub wrote the status comment too slowly for a start or a send to go safely after it. ${sentBefore ? 'What this run sent before stays sent; nothing more went' : 'Nothing was sent'}: ${later}.`

export const waitedPastTimeout = (jobId: string, status: string, action: string): string =>
  `Docs job ${jobId} was still ${status} when this run's timeout passed, so the new commits were not sent: ${action === 'closed' ? 'this was the pull request’s last event, so run this workflow again once the job is done to send them' : later} (nothing was sent, so nothing goes twice).`

export const cancelled = (sentBefore: boolean, jobId: string | undefined): string =>
  sentBefore
    ? `The workflow was cancelled while docs job ${jobId} worked; it goes on, and the next event brings the status comment up to date.`
    : 'The workflow was cancelled before anything was sent.'

/** This run sent, and then GitHub failed it: what it sent stays sent, and counts as sent. */
export const notRecorded = (jobId: string | undefined, message: string): string =>
  `Docs job ${jobId} has this run's message, but the status comment could not say so (${message.replace(/,? so nothing was sent/, '')}); the next event brings it up to date, and sends nothing twice.`

export const recordedAnew = (jobId: string): string =>
  `The action's status comment on this pull request was deleted while this run started docs job ${jobId}; a new status comment records that job.`

export const commentDeleted =
  "The action's status comment on this pull request was deleted while this run used it; the next event starts over with a new docs job."

export const lockTimedOut = (message: string, sentBefore: boolean): string =>
  `${message}; ${sentBefore ? 'what this run sent before stays sent, and nothing more went' : 'nothing was sent'}: ${later}.`

/** The timeout passed before the job ended, on the pull request's last event, with docs-token. */
export const docsNotDone = (
  jobId: string,
  status: string,
  closed: 'merged' | 'unmerged',
  prLink?: string
): string =>
  `Docs job ${jobId} was still ${status} when this run's timeout passed, so its docs pull request${prLink ? ` ${prLink}` : ''} was not ${closed === 'unmerged' ? 'closed' : 'labelled or marked ready'} yet: run this workflow again once the job is done, or do it by hand. Nothing needed sending.`

export const jobStillWorking = (jobId: string, status: string): string =>
  `Docs job ${jobId} is still ${status} after this run's timeout; it goes on, and the next event brings the status comment and the checks up to date.`

export const handedOver = (jobId: string | undefined): string =>
  `A later run of this workflow took over the wait for docs job ${jobId} (it sends what is new when the job is free), or sync was turned off: this run stops waiting.`

/** What waits to be sent, and why. */
function pendingLine(record: SyncRecord): string[] {
  const { pending, waiter } = record
  if (!pending) return []
  const what = `⏳ Waiting to be sent: the commits up to ${short(pending.head)}`
  const when = waiter
    ? `a run waits for it and sends them (until ${clockTime(waiter.until)} at the latest); otherwise ${later}`
    : later
  if (pending.why === 'busy')
    return [`${what}. The docs job is still working on the last message: ${when}.`]
  if (pending.why === 'hourly-limit')
    return [
      `${what}. Mintlify's hourly limit of messages was reached${pending.retryAt ? ` until about ${clockTime(pending.retryAt)}` : ''}: ${when}.`
    ]
  return [`${what}. Reading the docs job failed: ${later}.`]
}

const RETIRED_WHY = { archived: 'is archived', refused: 'took no more messages' }

/** The status comment's text for people; the sealed record follows it. */
export function statusComment(record: SyncRecord, url: string): string {
  const head = '📘 **Docs for this pull request**'
  const { job, intent } = record
  if (!job) {
    const line = intent?.unsettled
      ? `${head}: no Mintlify agent job is started for ${url} now, since that could make a second one: ${intent.unsettled}. ${startOver('this comment')}`
      : record.trouble
        ? `${head}: no Mintlify agent job was started for ${url}: ${record.trouble} The next event tries again.`
        : record.closed === 'unmerged'
          ? `${head}: the pull request was closed before a Mintlify agent job was started.`
          : `${head}: starting a Mintlify agent job for ${url}.`
    return [line, ...pendingLine(record)].join('\n')
  }
  const docs = job.prLink
    ? `Docs pull request: ${job.prLink}`
    : job.status === 'completed'
      ? 'Docs pull request: none; the agent found nothing to change.'
      : 'Docs pull request: none yet; it appears here once the agent opens it.'
  const sentLine = job.sent.from
    ? `Last sent: the commits ${short(job.sent.from)}..${short(job.sent.head)}.`
    : `Last sent: the whole pull request, up to ${short(job.sent.head)}.`
  const lines = [
    `${head}: Mintlify agent job \`${job.id}\` is ${job.status ?? 'active'}.`,
    '',
    docs,
    sentLine,
    ...pendingLine(record)
  ]
  if (job.retired)
    lines.push(
      `⚠️ Job \`${job.id}\` ${RETIRED_WHY[job.retired]}: the next push starts a new docs job with the whole pull request, which continues or replaces its docs pull request.`
    )
  if (record.off)
    lines.push(
      `⏸️ Docs sync is off for this pull request: it has the \`${record.off}\` label. Removing the label resumes it, with everything pushed meanwhile.`
    )
  for (const previous of record.retired)
    lines.push(
      `Took over from job \`${previous.id}\`${previous.prLink ? ` (${previous.prLink})` : ''}, which ${RETIRED_WHY[previous.why]}.`
    )
  lines.push('Every push sends what is new to the same job. `/agent <what to do>` here steers it.')
  if (record.closed === 'merged')
    lines.push(
      '',
      job.docs?.mergeHandled
        ? `✅ Merged into ${record.base}: the docs pull request (${job.docs.pr}) is yours to review and merge; the action updated it for the merge as docs-merged-label and docs-ready-on-merge say.`
        : `✅ Merged into ${record.base}: the docs pull request is yours to review and merge.`
    )
  if (record.closed === 'unmerged')
    lines.push(
      '',
      job.docs?.closedWithCode
        ? `🛑 Closed without merging: the action closed the docs pull request (${job.docs.pr}) too; reopening this pull request reopens it.`
        : `🛑 Closed without merging: the docs pull request${job.prLink ? ` (${job.prLink})` : ''} should be closed too: by hand, unless docs-token (with docs-close-with-code) has the action close it once the docs job has ended.`
    )
  return lines.join('\n')
}

export const docsNotFollowed = (jobId: string, why: string): string =>
  `The docs pull request of job ${jobId} is not followed: ${why}, and docs-token is used only there.`

export const docsTokenRefused = (
  doing: string,
  repository: string,
  number: number,
  message: string,
  refused: boolean
): string =>
  `docs-token could not ${doing} on ${repository}#${number} (${message})${refused ? `: give docs-token Pull requests: read and write on ${repository}` : ''}. The sync itself went on.`

export const reviewRefused = (login: string, message: string): string =>
  `GitHub would not request a review from @${login} on the docs pull request (${message}); it is not asked again.`

/** The note on a docs pull request that links the code pull request and says how it stands. */
export function docsNote(
  code: { fullName: string; number: number; url: string; base: string },
  saying: string,
  before: string | undefined,
  closedWithCode: boolean,
  merged: { label: string; ready: boolean }
): string {
  const head = `🔗 This docs pull request goes with ${code.fullName}#${code.number} (${code.url}).`
  const [kind, detail = '', link] = saying.split('@')
  const open =
    before === 'unmerged'
      ? '🔄 The code pull request is open again'
      : before?.startsWith('open@')
        ? '🔄 The code pull request is open, with new commits'
        : '🟢 The code pull request is open'
  const line =
    kind === 'merged'
      ? `✅ The code pull request was merged into \`${code.base}\`${merged.label ? ` and this one labelled \`${merged.label}\`` : ''}${merged.ready ? ' and marked ready for review' : ''}: it is yours to review and merge.`
      : kind === 'unmerged'
        ? closedWithCode
          ? '🛑 The code pull request was closed without merging, so this one was closed too. Reopening the code pull request reopens it.'
          : '🛑 The code pull request was closed without merging.'
        : kind === 'superseded'
          ? `↪️ Docs job \`${detail}\` took over the docs of the code pull request${link ? `, in ${link}` : ''}: this docs pull request is superseded by it.`
          : `${open}: the docs agent has been sent every change up to \`${detail}\`.`
  return [head, '', line].join('\n')
}
