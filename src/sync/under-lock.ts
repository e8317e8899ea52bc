/**
 * What a sync run writes under the pull request's send lock besides a send: the lock itself, and
 * the status comment's notes that sync is off, that reading the job failed, or that the run failed.
 */
import { acquireSendLock } from '../thread/send-lock.js'
import { DONE_SHOWS, oneOffView } from './checks.js'
import type { SyncRun } from './context.js'
import { concludeHead, mirrors, writeMirrored } from './mirror.js'
import { mayHaveStarted, readSyncState, renderSyncComment } from './state.js'
import type { Me } from './waiting.js'

export async function underLock<T>(
  run: SyncRun,
  commentId: number,
  work: (until: number) => Promise<T>
): Promise<T> {
  const { ports, thread, settings } = run
  const lock = await acquireSendLock(thread, commentId, {
    clock: ports.clock,
    signal: ports.signal,
    deadline: ports.deadline,
    pollMs: settings.pollIntervalMs,
    logger: ports.logger
  })
  try {
    return await work(lock.until)
  } finally {
    await lock.release()
  }
}

/**
 * The skip label was added: the status comment says sync is off, until the label goes. Without a
 * job yet there is nothing to say it on.
 */
export async function sayOff(run: SyncRun, label: string): Promise<void> {
  const { comment, thread, trigger } = run
  if (!comment) return
  await underLock(run, comment.id, async (until) => {
    const body = (await thread.commentBody('issue-comment', comment.id)) ?? ''
    const state = readSyncState(body)
    // A comment that says a job may have been started holds that until a person deletes it.
    if (state && state.off !== label && !mayHaveStarted(body)) {
      // A run that waits to send stops: what waits goes once the label is removed.
      const next = { ...state, off: label, waiter: undefined }
      await writeMirrored(run, comment.id, trigger.url, { before: state, next, facts: {}, until })
    }
  })
}

/**
 * The run failed: its head's check run says so. Under the lock, so that the state names that
 * check run: a later run for the head replaces it with one that shows how it goes on.
 */
export async function sayFailedOnHead(
  run: SyncRun,
  commentId: number | undefined,
  message: string
): Promise<void> {
  const { thread, trigger, ports, checks } = run
  const sha = trigger.headSha
  if (!checks || !mirrors(run).checks || !sha) return
  const view = oneOffView('failure', 'The docs sync failed', message)
  try {
    if (commentId === undefined) return void (await concludeHead(run, sha, view))
    await underLock(run, commentId, async (until) => {
      const body = (await thread.commentBody('issue-comment', commentId)) ?? ''
      const state = readSyncState(body)
      const open = state?.checks?.find((check) => check.sha === sha && !DONE_SHOWS.has(check.shows))
      let id = open?.id
      if (!open || !(await checks.update(open.id, view))) id = await checks.create(sha, view)
      if (!state || id === undefined || mayHaveStarted(body) || ports.clock.now() >= until) return
      const others = (state.checks ?? []).filter((check) => check.sha !== sha)
      const failed = { id, sha, shows: 'e' as const }
      await thread.update(
        commentId,
        renderSyncComment({ ...state, checks: [...others, failed] }, trigger.url)
      )
    })
  } catch (error) {
    if (ports.signal.aborted) return
    ports.logger.warning(
      `The check run could not say that the sync failed (${(error as Error).message}).`
    )
  }
}

/** Best effort: what waits stays shown, now as waiting because reading the job failed. */
export async function sayReadFailed(run: SyncRun, commentId: number, me: Me): Promise<void> {
  const { thread, trigger, ports } = run
  try {
    await underLock(run, commentId, async (until) => {
      const body = (await thread.commentBody('issue-comment', commentId)) ?? ''
      const state = readSyncState(body)
      if (!state?.pending || state.waiter?.run !== me.run || mayHaveStarted(body)) return
      const pending = { ...state.pending, why: 'failed' as const }
      const next = { ...state, waiter: undefined, pending }
      await writeMirrored(run, commentId, trigger.url, { before: state, next, facts: {}, until })
    })
  } catch (error) {
    if (ports.signal.aborted) return
    ports.logger.warning(
      `The status comment could not say that reading the docs job failed (${(error as Error).message}).`
    )
  }
}
