/**
 * The lock that keeps two runs from deciding about one pull request's docs job at once: the
 * token's 👀 on the pull request itself, which exists before any comment does. GitHub keeps one
 * reaction of a kind per account and pull request, and answers 201 only to the request that added
 * it, so exactly one run holds the lock; the others wait for the reaction to go. Mode sync and
 * `/agent` on a synced pull request take the same lock. Reactions notify no one.
 */
import type { Clock } from '../core/clock.js'
import { Deadline } from '../core/deadline.js'
import { formatDuration } from '../core/duration.js'
import type { Logger } from '../core/logger.js'
import type { Thread } from './thread.js'

/**
 * How long the lock holds before another run may take it: its holder died. A holder keeps it
 * only while it reads, decides, sends one message and writes down what it did.
 */
const LEASE_MS = 5 * 60_000
/**
 * How long a holder may keep the lock: a minute less than the lease, for the clocks of GitHub and
 * the runner, so that no one takes over a lock whose holder is still at work.
 */
const HOLD_MS = LEASE_MS - 60_000

export interface SendLock {
  /** Gives the lock up; again, or after it was taken over, does nothing. Never throws. */
  release(): Promise<void>
  /** When the holder gives the lock up at the latest: nothing under it may last longer. */
  until: Deadline
}

export interface LockOptions {
  clock: Clock
  signal: AbortSignal
  /** When the run stops waiting for the lock. */
  deadline: Deadline
  /** How often a waiting run looks whether the lock is free. */
  pollMs: number
  logger: Logger
}

/** The lock stayed taken until the run's deadline. */
export class LockTimeout extends Error {
  override name = 'LockTimeout'
}

export async function acquireSendLock(thread: Thread, options: LockOptions): Promise<SendLock> {
  const { clock, signal, deadline, pollMs, logger } = options
  const startedAt = clock.now()
  for (;;) {
    const { created, reaction } = await thread.addLockReaction()
    if (created) return held(thread, reaction.id, Deadline.in(clock, HOLD_MS), logger)
    if (clock.wallTime() - reaction.createdAt >= LEASE_MS) {
      logger.warning(
        `The send lock of this pull request was taken ${formatDuration(clock.wallTime() - reaction.createdAt)} ago, longer than any holder keeps it: its run died, so this run takes it.`
      )
      await thread.removeLockReaction(reaction.id)
      continue
    }
    // Wait for the holder's 👀 to go, reading the reactions (conditional reads cost nothing).
    for (;;) {
      if (deadline.passed())
        throw new LockTimeout(
          `Another run held the send lock of this pull request for ${formatDuration(clock.now() - startedAt)}, until the timeout passed`
        )
      await clock.sleep(Math.min(pollMs, deadline.left()), signal)
      const holder = (await thread.lockReactions()).find((r) => r.id === reaction.id)
      // Gone, or held past its lease (its run died): either way, try to take it again.
      if (!holder || clock.wallTime() - holder.createdAt >= LEASE_MS) break
    }
  }
}

function held(thread: Thread, reactionId: number, until: Deadline, logger: Logger): SendLock {
  let released = false
  return {
    until,
    release: async () => {
      if (released) return
      released = true
      try {
        await thread.removeLockReaction(reactionId)
      } catch (error) {
        // What was done is recorded; the next run takes the lock once its lease is over.
        logger.warning(
          `The send lock (this run's 👀 on the pull request) could not be given back (${(error as Error).message}); the next run takes it over after ${formatDuration(LEASE_MS)}.`
        )
      }
    }
  }
}
