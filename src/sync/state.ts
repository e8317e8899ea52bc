/**
 * What the action keeps on a code pull request: one status comment, edited in place, whose
 * hidden line holds the docs job and the last commit sent to it. Only the token's own comments
 * (and trusted-marker-authors') count: anyone else could plant a state.
 */
import { jobMarker, SYNC_MARKER } from '../thread/markers.js'

export interface SyncState {
  jobId: string
  /** The head commit the job was last brought up to. */
  sentSha: string
  /** Where the last message's range started; undefined when it sent the whole pull request. */
  sentFrom: string | undefined
  /** The job as last read. */
  status: string | undefined
  prLink: string | undefined
  /** How the code pull request ended, once it did. */
  closed: 'merged' | 'unmerged' | undefined
  /** The base branch, for the merged line. */
  baseRef: string
  /** The one run that waits on the job for this pull request, and until when (wall ms). */
  waiter?: { run: string; until: number } | undefined
  /** Commits pushed but not sent yet, and why they wait. */
  pending?: Pending | undefined
  /** Why the job takes no more messages: the next send starts a successor job. */
  retired?: 'archived' | 'refused' | 'closed' | undefined
  /** The job this one succeeded, and its docs pull request. */
  previous?: { jobId: string; prLink: string | undefined } | undefined
  /** The label that turned sync off for this pull request, while it is on. */
  off?: string | undefined
  /** The check runs this action keeps on the pull request's heads (with check-run). */
  checks?: CheckRecord[] | undefined
  /** What the action did on the docs pull request (with docs-token). */
  docs?: DocsRecord | undefined
}

/** A check run on a head commit, and what it shows. */
export interface CheckRecord {
  id: number
  sha: string
  shows: Shows
}

/**
 * What a check run shows, as one letter in the state: a call is due only when it changes.
 * Waiting (queued): b busy job, l hourly limit, r failed read. w: the agent works on the head's
 * changes. Completed: s docs updated, n nothing to document, f failed job (failure), j failed
 * job (neutral), a archived job, c closed unmerged, x went with a later push, o sync off, e the
 * run failed.
 */
export type Shows = 'b' | 'l' | 'r' | 'w' | 's' | 'n' | 'f' | 'j' | 'a' | 'c' | 'x' | 'o' | 'e'

const isShows = (letter: string | undefined): letter is Shows =>
  letter !== undefined && letter.length === 1 && 'blrwsnfjacxoe'.includes(letter)

/** What was done on the docs pull request `pr`, so that no event does it twice. */
export interface DocsRecord {
  pr: string
  /** The comment that links the code pull request, edited in place. */
  comment?: number | undefined
  /** What that comment says of the code pull request, as a key (open@sha, merged, closed). */
  said?: string | undefined
  reviewRequested?: boolean | undefined
  /** Labelled and marked ready for review on the merge. */
  merged?: boolean | undefined
  /** Closed by this action with the code pull request, so that a reopening reopens it. */
  closedWithCode?: boolean | undefined
}

/** Changes that wait: the head they reach, why, and (for the hourly limit) when they may go. */
export interface Pending {
  headSha: string
  why: 'busy' | 'limited' | 'failed'
  /** Wall ms: when Mintlify takes messages again, for `limited`. */
  at?: number | undefined
}

/** Why no job was started yet, when a run tried; `uncertain`: a job may exist all the same. */
export interface NoJobYet {
  trouble: string
  uncertain: boolean
}

/**
 * Whether an earlier run's request to start the job may have reached Mintlify though its
 * answer was lost: starting another could make a second job.
 */
export function mayHaveStarted(body: string): boolean {
  return /\suncertain=1[\s>]/.test(SYNC_MARKER.exec(body)?.[0] ?? '')
}

export function readSyncState(body: string): SyncState | undefined {
  const fields = SYNC_MARKER.exec(body)?.[1]
  if (fields === undefined) return undefined
  const field = (name: string) => {
    const value = new RegExp(`\\s${name}=([^\\s>]*)`).exec(fields)?.[1]
    return value ? decodeURIComponent(value) : undefined
  }
  const jobId = field('job')
  const sentSha = field('sent')
  if (!jobId || !sentSha) return undefined
  const closed = field('closed')
  const number = (name: string) => {
    const value = Number(field(name))
    return Number.isFinite(value) && value > 0 ? value : undefined
  }
  const waiter = field('waiter')
  const waitUntil = number('until')
  const pending = field('pending')
  const why = field('why')
  const retired = field('retired')
  const previous = field('previous')
  return {
    jobId,
    sentSha,
    sentFrom: field('from'),
    status: field('status'),
    prLink: field('pr'),
    closed: closed === 'merged' || closed === 'unmerged' ? closed : undefined,
    baseRef: field('base') ?? 'the base branch',
    waiter: waiter && waitUntil ? { run: waiter, until: waitUntil } : undefined,
    pending:
      pending && (why === 'busy' || why === 'limited' || why === 'failed')
        ? { headSha: pending, why, at: number('retry') }
        : undefined,
    retired:
      retired === 'archived' || retired === 'refused' || retired === 'closed' ? retired : undefined,
    previous: previous ? { jobId: previous, prLink: field('prevpr') } : undefined,
    off: field('off'),
    checks: checksOf(field('checks')),
    docs: docsOf(field)
  }
}

function checksOf(field: string | undefined): CheckRecord[] | undefined {
  const records = (field ?? '').split(',').flatMap((entry) => {
    const [id, sha, shows] = entry.split('.')
    return Number(id) > 0 && sha && isShows(shows) ? [{ id: Number(id), sha, shows }] : []
  })
  return records.length ? records : undefined
}

function docsOf(field: (name: string) => string | undefined): DocsRecord | undefined {
  const pr = field('dpr')
  if (!pr) return undefined
  const comment = Number(field('dcomment'))
  return {
    pr,
    comment: comment > 0 ? comment : undefined,
    said: field('dsaid'),
    reviewRequested: field('dreview') === '1' || undefined,
    merged: field('dmerged') === '1' || undefined,
    closedWithCode: field('dclosed') === '1' || undefined
  }
}

const short = (sha: string): string => sha.slice(0, 7)

/** A wall time as people read it in a comment: `14:05 UTC`. */
export const clockTime = (ms: number): string => `${new Date(ms).toISOString().slice(11, 16)} UTC`

const RETIRED: Record<NonNullable<SyncState['retired']>, string> = {
  archived: 'is archived',
  refused: 'refused a message (Mintlify takes no more for it)',
  closed: 'had its docs pull request closed with this pull request'
}

/** What waits to be sent, why, and when it goes; and a job that takes no more messages. */
function pendingLines(state: SyncState): string[] {
  const lines: string[] = []
  const { pending, waiter, retired } = state
  if (retired)
    lines.push(
      `⚠️ Job \`${state.jobId}\` ${RETIRED[retired]}: the next push starts a new docs job with the whole pull request, which continues or replaces its docs pull request.`
    )
  if (!pending) return lines
  const what = `⏳ Waiting to be sent: the commits up to ${short(pending.headSha)}`
  const when = waiter
    ? `a run waits for it and sends them (until ${clockTime(waiter.until)} at the latest); otherwise they go with the next push or the merge`
    : 'they go with the next push or the merge'
  lines.push(
    pending.why === 'busy'
      ? `${what}. The docs job is still working on the last message: ${when}.`
      : pending.why === 'limited'
        ? `${what}. Mintlify's hourly limit of messages was reached${pending.at ? ` until about ${clockTime(pending.at)}` : ''}: ${when}.`
        : `${what}. Reading the docs job failed: they go with the next push or the merge.`
  )
  return lines
}

/**
 * The sync status comment: what people read, then the hidden lines later runs read. Without a
 * state, `noJob` says why no job was started yet.
 */
export function renderSyncComment(
  state: SyncState | undefined,
  url: string,
  noJob?: NoJobYet
): string {
  const fields: [string, string | undefined][] = state
    ? [
        ['job', state.jobId],
        ['sent', state.sentSha],
        ['from', state.sentFrom],
        ['status', state.status],
        ['pr', state.prLink],
        ['closed', state.closed],
        ['base', state.baseRef],
        ['waiter', state.waiter?.run],
        ['until', state.waiter ? String(state.waiter.until) : undefined],
        ['pending', state.pending?.headSha],
        ['why', state.pending?.why],
        ['retry', state.pending?.at ? String(state.pending.at) : undefined],
        ['retired', state.retired],
        ['previous', state.previous?.jobId],
        ['prevpr', state.previous?.prLink],
        ['off', state.off],
        ['checks', state.checks?.map(({ id, sha, shows }) => `${id}.${sha}.${shows}`).join(',')],
        ['dpr', state.docs?.pr],
        ['dcomment', state.docs?.comment ? String(state.docs.comment) : undefined],
        ['dsaid', state.docs?.said],
        ['dreview', state.docs?.reviewRequested ? '1' : undefined],
        ['dmerged', state.docs?.merged ? '1' : undefined],
        ['dclosed', state.docs?.closedWithCode ? '1' : undefined]
      ]
    : []
  const hidden = fields
    .flatMap(([name, value]) => (value ? [` ${name}=${encodeURIComponent(value)}`] : []))
    .join('')
  const marker = `<!-- mintlify-agent-action sync${hidden}${noJob?.uncertain ? ' uncertain=1' : ''} -->`
  if (!state)
    return [
      noJob?.uncertain
        ? `📘 **Docs for this pull request**: starting a Mintlify agent job for ${url} may have worked, but Mintlify's answer was lost (${noJob.trouble}). To keep from starting a second job, no event starts one now: find the job on the Mintlify dashboard, or delete this comment to start over.`
        : noJob
          ? `📘 **Docs for this pull request**: no Mintlify agent job was started for ${url}: ${noJob.trouble} The next event tries again.`
          : `📘 **Docs for this pull request**: starting a Mintlify agent job for ${url}.`,
      '',
      marker
    ].join('\n')
  const docs = state.prLink
    ? `Docs pull request: ${state.prLink}`
    : state.status === 'completed'
      ? 'Docs pull request: none; the agent found nothing to change.'
      : 'Docs pull request: none yet; it appears here once the agent opens it.'
  const sent = state.sentFrom
    ? `Last sent: the commits ${short(state.sentFrom)}..${short(state.sentSha)}.`
    : `Last sent: the whole pull request, up to ${short(state.sentSha)}.`
  const ending =
    state.closed === 'merged'
      ? [
          state.docs?.merged
            ? `✅ Merged into ${state.baseRef}: the docs pull request (${state.docs.pr}) is yours to review and merge; the action updated it for the merge as docs-merged-label and docs-ready-on-merge say.`
            : `✅ Merged into ${state.baseRef}: the docs pull request is yours to review and merge.`
        ]
      : state.closed === 'unmerged'
        ? [
            state.docs?.closedWithCode
              ? `🛑 Closed without merging: the action closed the docs pull request (${state.docs.pr}) too; reopening this pull request reopens it.`
              : `🛑 Closed without merging: the docs pull request${state.prLink ? ` (${state.prLink})` : ''} should be closed too: by hand, unless docs-token (with docs-close-with-code) has the action close it once the docs job has ended.`
          ]
        : []
  return [
    `📘 **Docs for this pull request**: Mintlify agent job \`${state.jobId}\` is ${state.status ?? 'active'}.`,
    '',
    docs,
    sent,
    ...pendingLines(state),
    ...(state.off
      ? [
          `⏸️ Docs sync is off for this pull request: it has the \`${state.off}\` label. Removing the label resumes it, with everything pushed meanwhile.`
        ]
      : []),
    ...(state.previous
      ? [
          `This job took over from job \`${state.previous.jobId}\`${state.previous.prLink ? ` (${state.previous.prLink})` : ''}, which took no more messages.`
        ]
      : []),
    'Every push sends what is new to the same job. `/agent <what to do>` here steers it.',
    ...(ending.length ? ['', ...ending] : []),
    '',
    marker,
    jobMarker(state.jobId)
  ].join('\n')
}
