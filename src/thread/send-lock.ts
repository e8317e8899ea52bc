/**
 * The lock that keeps two runs from sending to a pull request's docs job at once: the token's 👀
 * on the sync status comment. GitHub keeps one reaction of a kind per account and comment, and
 * answers 201 only to the request that added it, so exactly one run holds the lock; the others
 * wait for the reaction to go. Reactions notify no one, so the lock costs people nothing.
 */
import type { Clock } from '../core/clock.js'
import { formatDuration } from '../core/duration.js'
import type { Logger } from '../core/logger.js'
import type { Thread } from './thread.js'

/**
 * How long the lock holds before another run may take it: its holder died. A holder keeps it
 * only while it reads, sends one message and writes down what it sent.
 */
const SEND_LOCK_LEASE_MS = 5 * 60_000
/**
 * How long a holder may keep the lock: a minute less than the lease, for the clocks of GitHub
 * and the runner, so that no one takes over a lock whose holder is still sending.
 */
const SEND_LOCK_HOLD_MS = SEND_LOCK_LEASE_MS - 60_000

export interface SendLock {
  /** Gives the lock up; again, or after it was taken over, does nothing. Never throws. */
  release(): Promise<void>
  /** Clock milliseconds by which the holder gives the lock up: it stops waiting on others then. */
  until: number
}

export interface LockOptions {
  clock: Clock
  signal: AbortSignal
  /** Clock milliseconds after which the run stops waiting for the lock. */
  deadline: number
  /** How often a waiting run looks whether the lock is free. */
  pollMs: number
  logger: Logger
}

/** The lock stayed taken until the run's deadline. */
export class LockTimeout extends Error {
  override name = 'LockTimeout'
}

export async function acquireSendLock(
  thread: Thread,
  commentId: number,
  options: LockOptions
): Promise<SendLock> {
  const { clock, signal, deadline, pollMs, logger } = options
  const startedAt = clock.now()
  for (;;) {
    const { created, reaction } = await thread.addEyes(commentId)
    if (created)
      return held(thread, commentId, reaction.id, clock.now() + SEND_LOCK_HOLD_MS, logger)
    if (clock.wallTime() - reaction.createdAt >= SEND_LOCK_LEASE_MS) {
      logger.warning(
        `The send lock on comment ${commentId} was taken ${formatDuration(clock.wallTime() - reaction.createdAt)} ago, longer than any send takes: its run died, so this run takes it.`
      )
      await thread.removeReaction(commentId, reaction.id)
      continue
    }
    // Wait for the holder's 👀 to go, reading the reactions (conditional reads cost nothing).
    for (;;) {
      const left = deadline - clock.now()
      if (left <= 0)
        throw new LockTimeout(
          `Another run held the send lock of this pull request for ${formatDuration(clock.now() - startedAt)}, until the timeout passed`
        )
      await clock.sleep(Math.min(pollMs, left), signal)
      const holder = (await thread.eyes(commentId)).find((r) => r.id === reaction.id)
      // Gone, or held past its lease (its run died): either way, try to take it again.
      if (!holder || clock.wallTime() - holder.createdAt >= SEND_LOCK_LEASE_MS) break
    }
  }
}

function held(
  thread: Thread,
  commentId: number,
  reactionId: number,
  until: number,
  logger: Logger
): SendLock {
  let released = false
  return {
    until,
    release: async () => {
      if (released) return
      released = true
      try {
        await thread.removeReaction(commentId, reactionId)
      } catch (error) {
        // What was sent is sent; the next run takes the lock once its lease is over.
        logger.warning(
          `The send lock (this run's 👀 on comment ${commentId}) could not be given back (${(error as Error).message}); the next run takes it over after ${formatDuration(SEND_LOCK_LEASE_MS)}.`
        )
      }
    }
  }
}
