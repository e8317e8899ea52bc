import type { RunResult } from '../../core/outcome.js'

/** The step's outputs, by the names action.yml declares, written whether the step passes or fails. */
export function outputsOf(run: RunResult): Record<string, string> {
  const { outcome } = run
  const job = outcome?.job
  return {
    triggered: String(run.result === 'sent'),
    result: run.result,
    'comment-id': run.statusCommentId === undefined ? '' : String(run.statusCommentId),
    'command-author': run.commandAuthor,
    created: String(outcome?.created ?? false),
    'job-id': job?.id || outcome?.jobId || run.recorded?.jobId || '',
    status: job?.status ?? run.recorded?.status ?? '',
    'pr-link': job?.prLink ?? run.recorded?.prLink ?? '',
    model: job?.model ?? '',
    'source-repository': job?.source?.repository ?? '',
    'source-ref': job?.source?.ref ?? '',
    'created-at': job?.createdAt ?? '',
    'archived-at': job?.archivedAt ?? '',
    'timed-out': String(outcome?.timedOut ?? false),
    job: job ? JSON.stringify(job) : '',
    sync: run.sync ?? '',
    prompt: outcome?.prompt || run.prompt || ''
  }
}
