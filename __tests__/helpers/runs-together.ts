import type { RunResult } from '../../src/core/outcome.js'
import type { VirtualClock } from './virtual-clock.js'

/**
 * Runs that go on together on one virtual clock: `track` adds a run, `later` does something
 * after some virtual time, and `finish` drives every run, and any started meanwhile, to its end.
 */
export function runsTogether(clock: VirtualClock) {
  const started: Promise<RunResult>[] = []
  const pending: Promise<unknown>[] = []
  return {
    track(result: Promise<RunResult>): void {
      started.push(result)
      pending.push(result)
    },
    later(afterMs: number, what: () => unknown): void {
      pending.push(clock.sleep(afterMs).then(what))
    },
    async finish(): Promise<RunResult[]> {
      for (;;) {
        const count = pending.length
        await clock.run(Promise.all(pending))
        if (pending.length === count) return Promise.all(started)
      }
    },
    /** How many runs were started so far. */
    get count(): number {
      return started.length
    }
  }
}
