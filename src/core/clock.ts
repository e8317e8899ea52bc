import { setTimeout as delay } from 'node:timers/promises'

/** Time as the action sees it; tests pass a fake one so that nothing really sleeps. */
export interface Clock {
  /** Milliseconds since an arbitrary origin, never going back. */
  now(): number
  /** Milliseconds since the Unix epoch, to compare with the times GitHub writes on comments. */
  wallTime(): number
  /** Resolves after `ms`; rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => performance.now(),
  wallTime: () => Date.now(),
  sleep: async (ms, signal) => {
    await delay(ms, undefined, { signal })
  }
}
