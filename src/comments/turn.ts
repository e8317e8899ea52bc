import type { Clock } from '../core/clock.js'
import { formatDuration } from '../core/duration.js'
import type { Logger } from '../core/logger.js'
import {
  commandsAhead,
  nextExpiry,
  type Ahead,
  type Claim,
  type LineEntry,
  type Place
} from './line.js'

/** While only other runs' progress can let this one go, the thread is read at least this often. */
export const MAX_THREAD_READ_INTERVAL_MS = 30_000

/** The thread as one read saw it. */
export interface LineSnapshot<Items> {
  /** Every command written on the thread, this run's own included. */
  line: LineEntry[]
  /** What the token's own comments say about the places. */
  claims: Claim[]
  /** Everything else the read brought, handed back to the caller once it is this run's turn. */
  items: Items
}

export interface TurnOptions<Items> {
  place: Place
  readLine: () => Promise<LineSnapshot<Items>>
  /** Whether an earlier command's author may give commands: a refused command holds no place. */
  mayCommand: (entry: LineEntry) => Promise<boolean>
  /** Whether a job that took an earlier command's message no longer holds up the line. */
  jobIsIdle: (jobId: string) => Promise<boolean>
  clock: Clock
  pollIntervalMs: number
  /** `queue-expiry`: how long a place is held without a sign of life. */
  expiryMs: number
  /** Clock milliseconds at which the run stops waiting. */
  deadline: number
  signal: AbortSignal
  /** Told what the run waits for each time it looks. */
  onWaiting: (ahead: Ahead[]) => Promise<void>
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
 * Waits until every command written on the thread before this run's own has finished, and
 * resolves with the thread as last read. Between reads of the thread it waits on whatever can
 * move the line: a job that took an earlier message (read from Mintlify, which does not count
 * against GitHub's limits), a place that will expire, or, with nothing better to watch, the
 * thread itself, less and less often while nothing changes.
 */
export async function waitForTurn<Items>(options: TurnOptions<Items>): Promise<Items> {
  const { clock, pollIntervalMs, deadline, signal, logger } = options
  const startedAt = clock.now()
  let readInterval = pollIntervalMs
  let lastSaid = ''

  for (;;) {
    const snapshot = await options.readLine()
    const ahead = await stillAhead(options, snapshot)
    if (!ahead.length) {
      if (lastSaid) logger.info(`Its turn came after ${formatDuration(clock.now() - startedAt)}.`)
      return snapshot.items
    }
    const said = describeAhead(ahead)
    if (said !== lastSaid) {
      logger.info(`Waiting for its turn on the thread, after ${said}.`)
      lastSaid = said
      readInterval = pollIntervalMs
    }
    await options.onWaiting(ahead)
    if (clock.now() >= deadline) {
      throw new TurnTimeout(
        `Waited ${formatDuration(clock.now() - startedAt)} for earlier commands on this thread, the last one ${said}, and the timeout passed`
      )
    }

    const busyJobs = [...new Set(ahead.flatMap((a) => (a.state === 'sent' ? [a.jobId] : [])))]
    if (busyJobs.length) {
      // Nothing written on the thread can let this run go while those jobs work.
      await watchJobs(options, busyJobs, ahead)
      continue
    }
    const expiry = nextExpiry(ahead)
    const untilExpiry = expiry === undefined ? Infinity : expiry - clock.wallTime() + 1
    await clock.sleep(
      Math.max(1, Math.min(readInterval, untilExpiry, deadline - clock.now())),
      signal
    )
    readInterval = Math.min(readInterval * 2, MAX_THREAD_READ_INTERVAL_MS)
  }
}

/** The earlier commands still ahead once refused authors and idle jobs are left out. */
async function stillAhead<Items>(
  options: TurnOptions<Items>,
  snapshot: LineSnapshot<Items>
): Promise<Ahead[]> {
  const { clock, expiryMs } = options
  const judged = commandsAhead(
    options.place,
    snapshot.line,
    snapshot.claims,
    clock.wallTime(),
    expiryMs
  )
  const idle = new Map<string, boolean>()
  const ahead: Ahead[] = []
  for (const entry of judged) {
    if (entry.state === 'not-started' && !(await options.mayCommand(entry.entry))) continue
    if (entry.state === 'sent') {
      if (!idle.has(entry.jobId)) idle.set(entry.jobId, await options.jobIsIdle(entry.jobId))
      if (idle.get(entry.jobId)) continue
    }
    ahead.push(entry)
  }
  return ahead
}

/** Polls the jobs ahead until one of them is idle, keeping the run's place alive meanwhile. */
async function watchJobs<Items>(
  options: TurnOptions<Items>,
  jobIds: string[],
  ahead: Ahead[]
): Promise<void> {
  const { clock, pollIntervalMs, deadline, signal } = options
  for (;;) {
    const left = deadline - clock.now()
    if (left <= 0) return
    await clock.sleep(Math.min(pollIntervalMs, left), signal)
    for (const jobId of jobIds) if (await options.jobIsIdle(jobId)) return
    await options.onWaiting(ahead)
  }
}
