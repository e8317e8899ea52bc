/**
 * What one step under the send lock works with: the state and the pull request as read, and the
 * ways it may move the state on. Every write of the state takes its check runs and the docs pull
 * request along (see mirror.ts).
 */
import type { AgentJob } from '../core/agent-api.js'
import type { SyncStep } from '../core/outcome.js'
import { readJob } from '../core/poller.js'
import type { SyncRun } from './context.js'
import { writeMirrored, type MirrorFacts } from './mirror.js'
import type { PullRequestInfo } from '../prompt/pull-request.js'
import type { SyncState } from './state.js'
import type { Me } from './waiting.js'
import type { SentFiles } from './checks.js'

export type Step =
  | {
      kind: 'sent'
      job: AgentJob
      prompt: string
      /** What the message carried, for the check run and the job summary. */
      sent: SentFiles
      created: boolean
      state: SyncState
    }
  | { kind: 'nothing'; sync: SyncStep; message: string; state?: SyncState }
  /**
   * The job works on an earlier message: this run is now the one that waits for it. Without
   * `state.pending`, it waits only for the job to end, to act on its docs pull request.
   */
  | { kind: 'busy'; job: AgentJob; state: SyncState }
  /** Mintlify's hourly limit: this run waits until `retryAt` (clock ms), if its timeout allows. */
  | { kind: 'limited'; retryAt: number }
  | { kind: 'failed'; message: string; job?: AgentJob; state?: SyncState }
  /** The lock's time ran short before the send: take it anew, and look again. */
  | { kind: 'again' }

/** What the step was doing with Mintlify, for the message if it fails. */
export interface StepDoing {
  operation: 'read' | 'send' | 'create'
  jobId: string | undefined
}

/** How the code pull request ended, for the state. */
export const closedOf = (pr: PullRequestInfo): SyncState['closed'] =>
  pr.state !== 'closed' ? undefined : pr.merged ? 'merged' : 'unmerged'

export interface Scope {
  run: SyncRun
  commentId: number
  /** Clock ms by which the lock is given back. */
  until: number
  doing: StepDoing
  /** The state as this step read it. */
  state: SyncState | undefined
  me: Me
  pr: PullRequestInfo
  closed: SyncState['closed']
  /** Writes `next`, with what follows it; returns what was written. */
  write(next: SyncState, facts?: MirrorFacts): Promise<SyncState>
  /** The same, only when something shown would change. */
  writeIfChanged(next: SyncState, facts?: MirrorFacts): Promise<SyncState>
  /** `from` moved on: this run's own claim to wait goes with it. */
  moved(from: SyncState, next: Partial<SyncState>): SyncState
  /** `from` moved on, with this run as the one that waits. */
  claim(from: SyncState, next: Partial<SyncState>): SyncState
  readNow(jobId: string): Promise<AgentJob>
}

export function scopeOf(
  run: SyncRun,
  commentId: number,
  until: number,
  doing: StepDoing,
  state: SyncState | undefined,
  me: Me,
  pr: PullRequestInfo
): Scope {
  const { ports, settings } = run
  const closed = closedOf(pr)
  const moved = (from: SyncState, next: Partial<SyncState>): SyncState => ({
    ...from,
    closed,
    baseRef: pr.baseRef,
    waiter: from.waiter?.run === me.run ? undefined : from.waiter,
    off: undefined,
    ...next
  })
  return {
    run,
    commentId,
    until,
    doing,
    state,
    me,
    pr,
    closed,
    write: (next, facts = {}) =>
      writeMirrored(run, commentId, pr.url, { before: state, next, facts, until }),
    writeIfChanged: (next, facts = {}) =>
      writeMirrored(run, commentId, pr.url, { before: state, next, facts, until }, { state }),
    moved,
    claim: (from, next) => ({ ...moved(from, next), waiter: me }),
    readNow: (jobId) =>
      readJob(() => ports.agent.getJob(jobId), {
        clock: ports.clock,
        intervalMs: settings.pollIntervalMs,
        deadline: Math.min(ports.deadline, until),
        signal: ports.signal,
        logger: ports.logger
      })
  }
}
