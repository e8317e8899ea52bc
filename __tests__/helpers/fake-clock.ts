import type { Clock } from '../../src/clock.js'

/** A clock whose sleeps return at once and move time forward: no test really waits. */
export interface FakeClock extends Clock {
  sleeps: number[]
}

export function fakeClock(start = 0): FakeClock {
  let now = start
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    }
  }
}
