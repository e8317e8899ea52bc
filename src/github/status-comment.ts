import { formatDuration } from '../duration.js'
import type { AgentJob } from '../mintlify-client.js'
import { jobMarker } from './job-marker.js'

export const STATUS_COMMENT_SIGNATURE = '<!-- mintlify-agent-action status -->'

export interface StatusView {
  prompt: string
  jobId: string | undefined
  job: AgentJob | undefined
  elapsedMs: number
  /** What is going on, in a few words, while nothing is final. */
  phase: string
  /** The one-line failure, once the run has failed. */
  failure?: string
  final: boolean
}

function quote(text: string): string {
  const trimmed = text.length > 500 ? `${text.slice(0, 500)}…` : text
  return trimmed
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')
}

/** The one status comment of a run, rewritten in place as the run moves on. */
export function renderStatusComment(view: StatusView): string {
  const { job } = view
  const status = job?.status
  let headline: string
  if (!view.final) headline = `⏳ **Mintlify agent**: ${view.phase}`
  else if (view.failure) headline = `😕 **Mintlify agent**: ${view.failure}`
  else if (status === 'completed' && job?.prLink)
    headline = `🚀 **Mintlify agent** completed: ${job.prLink}`
  else if (status === 'completed')
    headline = '✅ **Mintlify agent** completed without changes: nothing needed editing.'
  else headline = `**Mintlify agent**: job ${status ?? 'not started'}`

  const lines = [
    headline,
    '',
    quote(view.prompt),
    '',
    `| Job | Status | Pull request | Elapsed |`,
    `| --- | --- | --- | --- |`,
    `| ${view.jobId ? `\`${view.jobId}\`` : '—'} | ${status ?? '—'} | ${job?.prLink ?? '—'} | ${formatDuration(view.elapsedMs)} |`,
    '',
    STATUS_COMMENT_SIGNATURE
  ]
  if (view.jobId) lines.push(jobMarker(view.jobId))
  return lines.join('\n')
}
