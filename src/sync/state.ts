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
  return {
    jobId,
    sentSha,
    sentFrom: field('from'),
    status: field('status'),
    prLink: field('pr'),
    closed: closed === 'merged' || closed === 'unmerged' ? closed : undefined,
    baseRef: field('base') ?? 'the base branch'
  }
}

const short = (sha: string): string => sha.slice(0, 7)

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
        ['base', state.baseRef]
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
      ? [`✅ Merged into ${state.baseRef}: the docs pull request is ready for review.`]
      : state.closed === 'unmerged'
        ? [
            `🛑 Closed without merging: the docs pull request${state.prLink ? ` (${state.prLink})` : ''} should be closed too.`
          ]
        : []
  return [
    `📘 **Docs for this pull request**: Mintlify agent job \`${state.jobId}\` is ${state.status ?? 'active'}.`,
    '',
    docs,
    sent,
    'Every push sends what is new to the same job. `/agent <what to do>` here steers it.',
    ...(ending.length ? ['', ...ending] : []),
    '',
    marker,
    jobMarker(state.jobId)
  ].join('\n')
}
