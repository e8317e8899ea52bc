/**
 * Waiting for a command's turn on its thread, at a cost that does not grow with the line: no
 * writes while waiting, one watched thing at a time (the nearest place ahead's status comment,
 * read conditionally, or, for the command next in line only, the busy job on Mintlify), and the
 * whole thread read again only when something may have changed.
 */
import type { Clock } from '../core/clock.js'
import { formatDuration } from '../core/duration.js'
import type { Logger } from '../core/logger.js'
import type { ItemKind, RunId, RunState } from '../thread/thread.js'
import { judgeLine, type Ahead, type LineEntry, type OwnPlace, type Verdict } from './line.js'

/** While only a place that has not started can let this run go, the thread is read at least this often. */
export const MAX_THREAD_READ_INTERVAL_MS = 30_000

/** The least time between two reads of one workflow run's state. */
export const MIN_RUN_RECHECK_MS = 30_000

export interface LineSnapshot<Items> {
  line: LineEntry[]
  /** Everything else the read brought, handed back to the caller once it is this run's turn. */
  items: Items
}

export interface TurnOptions<Items> {
  /** This run's place as it stands (it moves to the end when the run is overtaken). */
  own: () => OwnPlace
  readLine: () => Promise<LineSnapshot<Items>>
  /** One of the token's comments as it reads now (read conditionally); undefined once deleted. */
  readComment: (kind: ItemKind, commentId: number) => Promise<string | undefined>
  runState: (run: RunId) => Promise<RunState>
  /** Whether an earlier command's author may give commands: a refused command holds no place. */
  mayCommand: (entry: LineEntry) => Promise<boolean>
  /** Whether a job that took an earlier message no longer holds up the line. Throws to stop. */
  jobIsIdle: (jobId: string) => Promise<boolean>
  /** Later commands went first: this run's place moves to the end of the line, and it says so. */
  joinEnd: (overtakenBy: LineEntry[]) => Promise<void>
  /** Told what holds the run up whenever that changes. */
  onWaiting: (ahead: Ahead[]) => Promise<void>
  clock: Clock
  pollIntervalMs: number
  /** `queue-expiry`: how long a place holds without a sign of life. */
  expiryMs: number
  /** Clock milliseconds at which the run stops waiting. */
  deadline: number
  signal: AbortSignal
  logger: Logger
}

/** The line did not move before the run's timeout. */
export class TurnTimeout extends Error {
  override name = 'TurnTimeout'
}

function who(ahead: Ahead, markdown: boolean): string {
  const { author, url } = ahead.entry
  const command = markdown && url ? `[@${author}'s command](${url})` : `@${author}'s command`
  switch (ahead.state) {
    case 'not-started':
      return `${command} (its run has not started yet)`
    case 'waiting':
      return `${command} (waiting its turn)`
    case 'sent':
      return `${command} (job \`${ahead.jobId}\` is working on it)`
  }
}

/** The nearest command ahead (`@alice's command (…)`), and how many more are before it. */
export function describeAhead(ahead: readonly Ahead[], markdown = false): string {
  const nearest = ahead.at(-1)
  if (!nearest) return 'no earlier command'
  const more = ahead.length - 1
  return more ? `${who(nearest, markdown)} and ${more} earlier` : who(nearest, markdown)
}

/**
 * Waits until nothing ahead of this run's place holds it up, and resolves with the thread as
 * last read. Rejects with TurnTimeout at the deadline, and with whatever `jobIsIdle` throws.
 */
export function waitForTurn<Items>(options: TurnOptions<Items>): Promise<Items> {
  return new Turn(options).wait()
}

class Turn<Items> {
  readonly #options: TurnOptions<Items>
  readonly #startedAt: number
  /** What was read of each workflow run, and when. */
  readonly #runs = new Map<string, { state: RunState; readAt: number }>()
  /** When each job was last seen idle: trusted for one poll interval, so it is not read twice. */
  readonly #idleAt = new Map<string, number>()

  constructor(options: TurnOptions<Items>) {
    this.#options = options
    this.#startedAt = options.clock.now()
  }

  async wait(): Promise<Items> {
    const { clock, logger, pollIntervalMs } = this.#options
    let threadInterval = pollIntervalMs
    let lastSaid = ''
    for (;;) {
      const snapshot = await this.#options.readLine()
      let verdict = this.#judge(snapshot)
      for (const run of verdict.unknownRuns) await this.#readRun(run)
      if (verdict.unknownRuns.length) verdict = this.#judge(snapshot)
      if (verdict.overtakenBy.length) {
        await this.#options.joinEnd(verdict.overtakenBy)
        continue
      }
      const ahead = await this.#stillAhead(verdict.ahead)
      if (!ahead.length) {
        if (lastSaid)
          logger.info(`Its turn came after ${formatDuration(clock.now() - this.#startedAt)}.`)
        return snapshot.items
      }
      const said = describeAhead(ahead)
      if (said !== lastSaid) {
        logger.info(`Waiting for its turn on the thread, after ${said}.`)
        await this.#options.onWaiting(ahead)
        lastSaid = said
        threadInterval = pollIntervalMs
      }
      const nearest = ahead.filter((a) => a.state !== 'sent').at(-1)
      if (!nearest) {
        // Next in line: only the jobs that took earlier messages hold it up.
        const jobs = [...new Set(ahead.flatMap((a) => (a.state === 'sent' ? [a.jobId] : [])))]
        await this.#until(said, () => this.#anyIdle(jobs))
      } else if (nearest.state === 'waiting') {
        await this.#until(said, () => this.#placeMoved(nearest.claim))
      } else {
        const untilExpiry = nearest.expiresAt - clock.wallTime() + 1
        await this.#sleep(said, Math.min(threadInterval, untilExpiry))
        threadInterval = Math.min(threadInterval * 2, MAX_THREAD_READ_INTERVAL_MS)
      }
    }
  }

  #judge(snapshot: LineSnapshot<Items>): Verdict {
    const { own, clock, expiryMs } = this.#options
    return judgeLine(
      own(),
      snapshot.line,
      clock.wallTime(),
      expiryMs,
      (run) => this.#runs.get(runKey(run))?.state
    )
  }

  async #readRun(run: RunId): Promise<RunState> {
    const state = await this.#options.runState(run)
    this.#runs.set(runKey(run), { state, readAt: this.#options.clock.now() })
    return state
  }

  async #jobIsIdle(jobId: string): Promise<boolean> {
    const { clock, pollIntervalMs } = this.#options
    const seen = this.#idleAt.get(jobId)
    if (seen !== undefined && clock.now() - seen < pollIntervalMs) return true
    const idle = await this.#options.jobIsIdle(jobId)
    if (idle) this.#idleAt.set(jobId, clock.now())
    return idle
  }

  /** The places ahead once refused authors and idle jobs are left out. */
  async #stillAhead(judged: Ahead[]): Promise<Ahead[]> {
    const ahead: Ahead[] = []
    for (const entry of judged) {
      if (entry.state === 'not-started' && !(await this.#options.mayCommand(entry.entry))) continue
      ahead.push(entry)
    }
    // A job is read only by the command next in line; the others wait on the place ahead of them.
    if (ahead.some((a) => a.state !== 'sent')) return ahead
    const busy: Ahead[] = []
    for (const entry of ahead) {
      if (entry.state === 'sent' && !(await this.#jobIsIdle(entry.jobId))) busy.push(entry)
    }
    return busy
  }

  /** Sleeps `ms`, or throws TurnTimeout when the deadline comes first. */
  async #sleep(said: string, ms: number): Promise<void> {
    const { clock, deadline, signal } = this.#options
    const left = deadline - clock.now()
    if (left <= 0) {
      throw new TurnTimeout(
        `Waited ${formatDuration(clock.now() - this.#startedAt)} for its turn on this thread, after ${said}, and the timeout passed`
      )
    }
    await clock.sleep(Math.max(1, Math.min(ms, left)), signal)
  }

  /** Checks `moved` every poll interval until it says something changed. */
  async #until(said: string, moved: () => Promise<boolean>): Promise<void> {
    for (;;) {
      await this.#sleep(said, this.#options.pollIntervalMs)
      if (await moved()) return
    }
  }

  async #anyIdle(jobs: string[]): Promise<boolean> {
    for (const jobId of jobs) if (await this.#jobIsIdle(jobId)) return true
    return false
  }

  /**
   * Whether the place ahead may have moved: its comment changed or is gone, or its lease has run
   * out and its run is no longer known to be running (read at most every MIN_RUN_RECHECK_MS, or
   * every queue-expiry when that is longer).
   */
  async #placeMoved(claim: Extract<Ahead, { state: 'waiting' }>['claim']): Promise<boolean> {
    const { clock, expiryMs } = this.#options
    if ((await this.#options.readComment(claim.commentKind, claim.commentId)) !== claim.body)
      return true
    if ((claim.until ?? 0) > clock.wallTime()) return false
    if (!claim.run) return true
    const last = this.#runs.get(runKey(claim.run))
    if (last && clock.now() - last.readAt < Math.max(expiryMs, MIN_RUN_RECHECK_MS)) return false
    return (await this.#readRun(claim.run)) !== 'running'
  }
}

function runKey(run: RunId): string {
  return `${run.id}.${run.attempt}`
}
