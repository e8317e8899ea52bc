/**
 * The one run per pull request that waits on the docs job: how it waits for the job, or for
 * Mintlify's hourly limit to pass, and how it sees that a later run took the wait over.
 */
import type { AgentJob } from '../core/agent-api.js'
import { formatDuration } from '../core/duration.js'
import { HEARTBEAT_MS, pollUntilFinal } from '../core/poller.js'
import type { SyncRun } from './context.js'
import { readSyncState } from './state.js'

/** A run's name in the state: the workflow run attempt, so that others can ask if it lives. */
export interface Me {
  run: string
  /** Wall ms at which this run stops waiting. */
  until: number
}

/** Whether a later run took over the wait: the state names another waiter. */
export async function handedOver(run: SyncRun, commentId: number, me: Me): Promise<boolean> {
  const body = await run.thread.commentBody('issue-comment', commentId)
  const state = body === undefined ? undefined : readSyncState(body)
  return state !== undefined && (state.waiter?.run !== me.run || state.off !== undefined)
}

export type Waited = { kind: 'final' | 'handed-over' | 'timed-out'; job: AgentJob }

/**
 * Reads the job until it is final, the run's timeout passes, or a later run takes over the wait.
 * With each read of the job the status comment is read too, conditionally: that costs nothing
 * while it is unchanged, and a run taken over stops within one poll interval..
 */
export async function waitForJob(
  run: SyncRun,
  commentId: number,
  me: Me,
  job: AgentJob,
  startedAt: number
): Promise<Waited> {
  const { ports, settings } = run
  const { clock, logger } = ports
  let last = job
  let heartbeat = clock.now()
  for (;;) {
    const polled = await pollUntilFinal({
      readJob: () => ports.agent.getJob(job.id),
      clock,
      intervalMs: settings.pollIntervalMs,
      deadline: Math.min(ports.deadline, clock.now() + settings.pollIntervalMs),
      startedAt,
      lastKnown: last,
      signal: ports.signal,
      logger
    })
    last = polled.job
    if (!polled.timedOut) return { kind: 'final', job: last }
    if (await handedOver(run, commentId, me)) return { kind: 'handed-over', job: last }
    if (clock.now() >= ports.deadline) return { kind: 'timed-out', job: last }
    if (clock.now() - heartbeat >= HEARTBEAT_MS) {
      heartbeat = clock.now()
      logger.info(
        `Job ${job.id} is still ${last.status} (${formatDuration(clock.now() - startedAt)} elapsed).`
      )
    }
  }
}

/** Sleeps until `at` (clock ms); true when a later run took over the wait meanwhile. */
export async function waitWatching(run: SyncRun, commentId: number, me: Me, at: number) {
  const { clock, signal } = run.ports
  for (;;) {
    const left = at - clock.now()
    if (left <= 0) return false
    await clock.sleep(Math.min(left, run.settings.pollIntervalMs), signal)
    if (await handedOver(run, commentId, me)) return true
  }
}

/** Whether the run named in the state still runs: `unknown` (no `actions: read`) counts as alive. */
export async function isAlive(run: SyncRun, name: string): Promise<boolean> {
  const [id, attempt] = name.split('.').map(Number)
  if (!id || !attempt) return true
  return (await run.thread.runState({ id, attempt })) !== 'ended'
}
