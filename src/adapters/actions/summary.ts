import { formatDuration } from '../../core/duration.js'
import { describePullRequest, type Outcome, type RunResult } from '../../core/outcome.js'

const PROMPT_IN_SUMMARY = 200

const STATUS_ICON: Record<string, string> = {
  completed: '✅',
  failed: '❌',
  archived: '🗄️',
  active: '⏳'
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The summary's heading. */
export function summaryHeading(run: RunResult): string {
  if (run.sync) return `Mintlify agent: docs for the pull request (${run.sync})`
  return run.outcome?.created ? 'Mintlify agent: new job' : 'Mintlify agent: follow-up'
}

/** The summary as HTML rows (field, value); an empty value is a dash, never an empty cell. */
export function summaryRows(outcome: Outcome, run?: RunResult): [string, string][] {
  const { job } = outcome
  const status = job?.status ?? 'not sent'
  const note = outcome.timedOut
    ? ' (still running when the wait ended)'
    : outcome.cancelled
      ? ' (when the workflow was cancelled)'
      : ''
  const shownStatus = `${STATUS_ICON[status] ?? '❔'} ${status}${note}`
  const pullRequest = job?.prLink
    ? `<a href="${escapeHtml(job.prLink)}">${escapeHtml(job.prLink)}</a>`
    : escapeHtml(describePullRequest(job))
  const source = job?.source?.repository
    ? `${job.source.repository}${job.source.ref ? ` @ ${job.source.ref}` : ''}`
    : ''
  const prompt =
    outcome.prompt.length > PROMPT_IN_SUMMARY
      ? `${outcome.prompt.slice(0, PROMPT_IN_SUMMARY)}…`
      : outcome.prompt
  const jobId = job?.id ?? outcome.jobId
  const rows: [string, string][] = [
    ...(run?.sync ? ([['Sync', escapeHtml(run.sync)]] as [string, string][]) : []),
    ['Job', jobId ? `<code>${escapeHtml(jobId)}</code>` : ''],
    ['Status', escapeHtml(shownStatus)],
    ['Pull request', pullRequest],
    ['Model', escapeHtml(job?.model ?? '')],
    ['Source', escapeHtml(source)],
    ['Duration', formatDuration(outcome.durationMs)],
    ['Prompt', escapeHtml(prompt)]
  ]
  // core.summary writes an empty cell as an unclosed `<td>`: a dash stands in for nothing.
  return rows.map(([field, value]) => [field, value || '—'])
}
