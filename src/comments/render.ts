/** What the action writes on a thread about a command: its status comment and its replies. */
import type { AgentJob } from '../core/agent-api.js'
import { formatDuration } from '../core/duration.js'
import { jobMarker } from '../thread/markers.js'
import { claimMarker, type Claim } from './claims.js'

export const STATUS_COMMENT_SIGNATURE = '<!-- mintlify-agent-action status -->'

/** A claim as a comment writes it; its job goes in the job marker. */
export type WrittenClaim = Omit<Claim, 'jobId' | 'taken'>

export interface StatusView {
  prompt: string
  jobId: string | undefined
  job: AgentJob | undefined
  /** Mintlify took the message. */
  taken: boolean
  /**
   * The job is known to be the thread's, so the comment carries its marker for later commands:
   * Mintlify took the message, or a lookup confirmed the job. A job named by hand (and perhaps
   * misspelt) gets no marker until Mintlify takes a message for it.
   */
  markJob: boolean
  /** What is going on, in a few words, while nothing is final. */
  phase: string
  /** Something people should know about this command's place (it went after later ones). */
  note?: string
  /** The one-line failure, once the run has failed. */
  failure?: string
  final: boolean
  /** How long the run took, once it is final. */
  durationMs?: number
  /** The run's place in the thread's line, and what it says about it. */
  claim?: WrittenClaim
}

/**
 * People's text quoted in the action's own comment must not smuggle in a hidden marker: later
 * runs trust this comment's markers. An escaped `<!--` still reads as `<!--` on GitHub.
 */
export function defuseMarkers(text: string): string {
  return text.replace(/<!--/g, '&lt;!--')
}

function quote(text: string): string {
  const trimmed = text.length > 500 ? `${text.slice(0, 500)}…` : text
  return defuseMarkers(trimmed)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')
}

/** The hidden lines that end every comment the action writes about a command. */
function hiddenLines(view: Pick<StatusView, 'claim' | 'taken' | 'markJob' | 'jobId'>): string[] {
  const lines = [STATUS_COMMENT_SIGNATURE]
  if (view.markJob && view.jobId) lines.push(jobMarker(view.jobId))
  if (view.claim) lines.push(claimMarker({ ...view.claim, taken: view.taken }))
  return lines
}

/** The one status comment of a run, rewritten in place as the run moves on. */
export function renderStatusComment(view: StatusView): string {
  const { job } = view
  const status = job?.status
  let headline: string
  if (!view.final) headline = `⏳ **Mintlify agent**: ${view.phase}`
  else if (view.failure) headline = `😕 **Mintlify agent**: ${defuseMarkers(view.failure)}`
  else if (status === 'completed' && job?.prLink)
    headline = `🚀 **Mintlify agent** completed: ${job.prLink}`
  else if (status === 'completed')
    headline = '✅ **Mintlify agent** completed without changes: nothing needed editing.'
  else headline = `**Mintlify agent**: job ${status ?? 'not started'}`
  const took = view.final && view.durationMs !== undefined ? formatDuration(view.durationMs) : '—'

  return [
    headline,
    ...(view.note ? ['', `ℹ️ ${defuseMarkers(view.note)}`] : []),
    '',
    quote(view.prompt),
    '',
    `| Job | Status | Pull request | Took |`,
    `| --- | --- | --- | --- |`,
    `| ${view.jobId ? `\`${view.jobId}\`` : '—'} | ${status ?? '—'} | ${job?.prLink ?? '—'} | ${took} |`,
    '',
    ...hiddenLines(view)
  ].join('\n')
}

/** A reply that ends a command's business (a refusal, a usage hint), with its place given up. */
export function renderReply(
  message: string,
  claim: (Partial<WrittenClaim> & Pick<WrittenClaim, 'place'>) | undefined,
  job?: { jobId: string | undefined; taken: boolean; markJob: boolean }
): string {
  return [
    defuseMarkers(message),
    '',
    ...hiddenLines({
      taken: job?.taken ?? false,
      markJob: job?.markJob ?? false,
      jobId: job?.jobId,
      claim: claim && {
        at: undefined,
        until: undefined,
        run: undefined,
        text: undefined,
        ...claim,
        state: 'done'
      }
    })
  ].join('\n')
}
