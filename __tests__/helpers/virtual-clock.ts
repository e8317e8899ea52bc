import type { Clock } from '../../src/core/clock.js'

interface Timer {
  at: number
  resolve: () => void
}

/**
 * A clock for several concurrent runs: `sleep` waits for virtual time, and `run` moves time on
 * to the next timer whenever every run is waiting. Nothing really sleeps, and runs interleave
 * as they would in real time.
 */
export class VirtualClock implements Clock {
  #now = 0
  readonly #wallStart: number
  #timers: Timer[] = []
  /** Every sleep asked for, in ms, for tests that check how often something was read. */
  readonly sleeps: number[] = []

  constructor(wallStart = Date.parse('2026-11-23T12:00:00Z')) {
    this.#wallStart = wallStart
  }

  now(): number {
    return this.#now
  }

  wallTime(): number {
    return this.#wallStart + this.#now
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms)
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error)
      const timer: Timer = { at: this.#now + Math.max(0, ms), resolve }
      this.#timers.push(timer)
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((t) => t !== timer)
          reject(signal.reason as Error)
        },
        { once: true }
      )
    })
  }

  /** Moves virtual time on by `ms` at once (the world changing while runs wait). */
  advance(ms: number): void {
    this.#now += ms
  }

  /**
   * Drives `work` to its end: lets every run go as far as it can, then jumps to the next timer,
   * again and again. Fails when work is left with nothing to wait for, or past `limitMs`.
   */
  async run<T>(work: Promise<T>, limitMs = 24 * 3_600_000): Promise<T> {
    let done = false
    const settled = work.then(
      (value) => ((done = true), value),
      (error: unknown) => {
        done = true
        throw error
      }
    )
    for (;;) {
      await settle()
      if (done) return settled
      this.#timers.sort((a, b) => a.at - b.at)
      const next = this.#timers.shift()
      if (!next) throw new Error('The runs wait for nothing that will ever happen.')
      if (next.at > limitMs) throw new Error(`Still running after ${limitMs} ms of virtual time.`)
      this.#now = Math.max(this.#now, next.at)
      next.resolve()
    }
  }
}

/** Lets promise chains and callbacks run until everything waits on a timer. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
}
