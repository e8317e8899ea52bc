import { setTimeout as delay } from 'node:timers/promises'

/** Time as the action sees it; tests pass a fake one so that nothing really sleeps. */
export interface Clock {
  /** Milliseconds since an arbitrary origin, never going back. */
  now(): number
  /** Resolves after `ms`; rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: async (ms, signal) => {
    await delay(ms, undefined, { signal })
  }
}
