import type { Clock } from '../../src/core/clock.js'

/** A clock whose sleeps return at once and move time forward: no test really waits. */
export interface FakeClock extends Clock {
  sleeps: number[]
}

/** `start` is the monotonic origin; wall time starts at `wallStart` and moves with it. */
export function fakeClock(start = 0, wallStart = Date.parse('2026-11-23T12:00:00Z')): FakeClock {
  let now = start
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    wallTime: () => wallStart + (now - start),
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    }
  }
}
