import type { Clock } from './clock.js'

/**
 * An instant on the run's clock that is also known as a wall time: the clock measures what is
 * left without jumping, and the wall time is what another run, on another machine, can read back
 * from a comment.
 */
export class Deadline {
  private constructor(
    private readonly clock: Clock,
    /** Clock milliseconds. */
    readonly at: number
  ) {}

  /** The instant `at` (clock milliseconds). */
  static at(clock: Clock, at: number): Deadline {
    return new Deadline(clock, at)
  }

  /** `ms` from now. */
  static in(clock: Clock, ms: number): Deadline {
    return new Deadline(clock, clock.now() + ms)
  }

  /** The same instant as milliseconds since the epoch. */
  get wall(): number {
    return this.clock.wallTime() + this.left()
  }

  /** Milliseconds until it passes; negative once it has. */
  left(): number {
    return this.at - this.clock.now()
  }

  passed(): boolean {
    return this.left() <= 0
  }

  /** Whether `ms` of work started now would end before it. */
  allows(ms: number): boolean {
    return this.left() > ms
  }

  /** The earlier of the two. */
  sooner(other: Deadline): Deadline {
    return other.at < this.at ? other : this
  }

  /** `ms` before it. */
  minus(ms: number): Deadline {
    return new Deadline(this.clock, this.at - ms)
  }
}
