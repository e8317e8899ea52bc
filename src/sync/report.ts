/**
 * What a sync run reports when it ends: the outputs, the job summary and the failed-step line all
 * come from its result. How it ended decides what it says; what it sent is never said unsent.
 */
import { isFinal, type AgentJob } from '../core/agent-api.js'
import { freshOutcome, type RunResult, type SyncStep } from '../core/outcome.js'
import type { RunContext } from '../core/request.js'
import { judge } from '../core/verdict.js'
import type { FileInPrompt } from '../core/outcome.js'
import type { Settings } from '../settings/settings.js'
import type { Severity } from './plan.js'
import type { Done, SyncRecord } from './record.js'
import * as say from './texts.js'

/** What the run knows when it ends. */
export interface RunFacts {
  record: SyncRecord | undefined
  job: AgentJob | undefined
  done: readonly Done[]
  /** What its last message carried. */
  lastSent: { prompt: string; files: readonly FileInPrompt[] } | undefined
  durationMs: number
}

/** Whether the run sent anything: then no message of its says that nothing was sent. */
export const sentAny = (done: readonly Done[]): boolean =>
  done.some(
    (d) => d.outcome.kind === 'taken' || (d.outcome.kind === 'unknown' && d.act.effect === 'send')
  )

/** What the run did, when it sent: started, or sent (merged, on the merge). */
export function sentAs(
  done: readonly Done[],
  record: SyncRecord | undefined
): SyncStep | undefined {
  const taken = done.filter((d) => d.outcome.kind === 'taken')
  if (taken.some((d) => d.act.effect === 'start')) return 'started'
  if (taken.length) return record?.closed === 'merged' ? 'merged' : 'sent'
  return undefined
}

/** How a run that waited past its timeout ended: what it waited for decides. */
export function afterTimeout(
  waited: SyncRecord,
  job: AgentJob | undefined,
  action: string,
  docsToken: boolean
): [string, Severity] {
  const last = action === 'closed'
  const id = job?.id ?? waited.job?.id ?? ''
  const status = job?.status ?? 'active'
  if (waited.pending)
    return [say.waitedPastTimeout(id, status, action), last ? 'failure' : 'warning']
  if (last && waited.closed && docsToken)
    return [say.docsNotDone(id, status, waited.closed, job?.prLink ?? undefined), 'warning']
  return [say.jobStillWorking(id, status), 'info']
}

export function report(
  result: RunResult,
  facts: RunFacts,
  ended: { sync: SyncStep; message: string; severity: Severity },
  settings: Settings,
  ports: RunContext
): RunResult {
  const { record, job, done, lastSent } = facts
  const outcome = freshOutcome(record?.job?.id ?? '', lastSent?.prompt ?? '')
  outcome.job = job
  outcome.sent = sentAny(done)
  outcome.created = done.some((d) => d.outcome.kind === 'taken' && d.act.effect === 'start')
  outcome.durationMs = facts.durationMs
  const { message, severity } = ended
  if (severity === 'warning') ports.logger.warning(message)
  if (severity === 'info') ports.logger.info(message)
  if (severity === 'failure') outcome.failure = message
  else if (outcome.sent && job && isFinal(job.status)) {
    const verdict = judge(outcome, 'sent', settings, ports)
    outcome.failure = verdict?.message
    outcome.failureKind = verdict?.kind
  }
  const current = record?.job
  return {
    ...result,
    ...(outcome.sent ? { result: 'sent' as const } : {}),
    ...(lastSent ? { files: [...lastSent.files] } : {}),
    ...(current
      ? { recorded: { jobId: current.id, status: current.status, prLink: current.prLink } }
      : {}),
    sync: ended.sync,
    outcome
  }
}
