import { isFinal, KNOWN_STATUSES, MintlifyRequestError, type AgentJob } from './agent-api.js'
import type { Clock } from './clock.js'
import type { Deadline } from './deadline.js'
import { formatDuration } from './duration.js'
import type { Logger } from './logger.js'

/** The most often a still-running job is mentioned in the log. */
export const HEARTBEAT_MS = 30_000

/** Reads in a row that may fail (after the client's own retries) before the wait is given up. */
export const MAX_FAILED_READS = 3

export interface PollOptions {
  readJob: () => Promise<AgentJob>
  clock: Clock
  intervalMs: number
  /** Clock milliseconds after which the job is reported as still running. */
  deadline: number
  /** When the run started, for elapsed times. */
  startedAt: number
  /** The job as the caller last saw it (the send's answer, or a read): polling starts after it. */
  lastKnown: AgentJob
  signal?: AbortSignal
  logger: Logger
  /** Called after each read, for progress shown elsewhere (a status comment). */
  onRead?: (job: AgentJob) => void | Promise<void>
}

export interface PollResult {
  job: AgentJob
  timedOut: boolean
}

/** Reads the job until it reaches a final status or the deadline passes. */
export async function pollUntilFinal(options: PollOptions): Promise<PollResult> {
  const { readJob, clock, intervalMs, deadline, startedAt, signal, logger, onRead } = options
  let job = options.lastKnown
  let lastHeartbeat = clock.now()
  let failedReads = 0
  const unknownStatuses = new Set<string>()

  // The caller has just read the job (or sent to it, and the answer is the job): the first read
  // comes one interval later.
  for (;;) {
    if (isFinal(job.status)) return { job, timedOut: false }
    const now = clock.now()
    if (now >= deadline) return { job, timedOut: true }
    if (now - lastHeartbeat >= HEARTBEAT_MS) {
      logger.info(
        `Job ${job.id} is still ${job.status} (${formatDuration(now - startedAt)} elapsed).`
      )
      lastHeartbeat = now
    }
    await clock.sleep(Math.min(intervalMs, deadline - now), signal)

    try {
      const read = await readJob()
      failedReads = 0
      if (read.status !== job.status) {
        logger.info(
          `Job ${read.id} is ${read.status} (${formatDuration(clock.now() - startedAt)} elapsed).`
        )
        lastHeartbeat = clock.now()
      }
      if (!KNOWN_STATUSES.includes(read.status) && !unknownStatuses.has(read.status)) {
        unknownStatuses.add(read.status)
        logger.warning(
          `Mintlify reported status '${read.status}', which the API does not list; treating the job as still running.`
        )
      }
      job = read
      await onRead?.(job)
    } catch (error) {
      const giveUp = signal?.aborted || !isTransient(error) || ++failedReads >= MAX_FAILED_READS
      if (giveUp || clock.now() >= deadline) throw error
      logger.warning(`Reading job ${job.id} failed (${(error as Error).message}); trying again.`)
    }
  }
}

/**
 * Reads the job once it can be read. The client rides out network faults, 429 and 5xx itself; an
 * answer it cannot read (a proxy's page, cut JSON) is asked for again every interval, up to
 * MAX_FAILED_READS reads. Anything else, or the last failure, is thrown.
 */
export async function readJob(
  read: () => Promise<AgentJob>,
  options: Pick<PollOptions, 'clock' | 'intervalMs' | 'deadline' | 'signal' | 'logger'>
): Promise<AgentJob> {
  const { clock, intervalMs, deadline, signal, logger } = options
  for (let failed = 1; ; failed++) {
    try {
      return await read()
    } catch (error) {
      const left = deadline - clock.now()
      const unreadable = error instanceof MintlifyRequestError && error.excerpt !== undefined
      if (signal?.aborted || !unreadable || failed >= MAX_FAILED_READS || left <= 0) throw error
      logger.warning(`Reading the job failed (${(error as Error).message}); trying again.`)
      await clock.sleep(Math.min(intervalMs, left), signal)
    }
  }
}

/** A failed read worth another one: the server was in trouble or answered something unreadable. */
function isTransient(error: unknown): boolean {
  if (!(error instanceof MintlifyRequestError)) return false
  if (error.status === undefined || error.excerpt !== undefined) return true
  return error.status === 429 || error.status >= 500
}

/**
 * Reads the job every interval until it is final, `stop` says the caller's wait is over, or the
 * deadline passes. A read that fails is taken again at the next interval: only the deadline ends
 * the wait. A change of status is logged, and a heartbeat at most every HEARTBEAT_MS.
 */
export async function watchJob(options: {
  readJob: () => Promise<AgentJob>
  jobId: string
  lastKnown: string | undefined
  clock: Clock
  intervalMs: number
  deadline: Deadline
  startedAt: number
  signal: AbortSignal
  logger: Logger
  stop: () => Promise<boolean>
}): Promise<{ ended: 'final' | 'stopped' | 'timed-out'; job: AgentJob | undefined }> {
  const { readJob, jobId, clock, intervalMs, deadline, signal, logger } = options
  const elapsed = () => formatDuration(clock.now() - options.startedAt)
  let heartbeat = clock.now()
  let status = options.lastKnown
  let job: AgentJob | undefined
  let refused = false
  for (;;) {
    if (deadline.passed()) return { ended: 'timed-out', job }
    await clock.sleep(Math.min(intervalMs, deadline.left()), signal)
    const read = await readJob().catch((error: unknown) => {
      // A fault of the moment passes; one that will not (a key refused, a job gone) is said once.
      if (!isTransient(error) && !refused) {
        refused = true
        logger.warning(
          `Job ${jobId} could not be read (${(error as Error).message}); this run keeps reading it until its timeout.`
        )
      }
      return undefined
    })
    job = read ?? job
    if (read && read.status !== status) {
      status = read.status
      heartbeat = clock.now()
      logger.info(`Job ${jobId} is ${status} (${elapsed()} elapsed).`)
    } else if (clock.now() - heartbeat >= HEARTBEAT_MS) {
      heartbeat = clock.now()
      logger.info(`Job ${jobId} is still ${status} (${elapsed()} elapsed).`)
    }
    if (read && isFinal(read.status)) return { ended: 'final', job }
    if (await options.stop()) return { ended: 'stopped', job }
  }
}
