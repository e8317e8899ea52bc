import { isFinal, MintlifyRequestError } from '../core/agent-api.js'
import type { Clock } from '../core/clock.js'
import { formatDuration } from '../core/duration.js'
import { explainFailure } from '../core/explain.js'
import type { ThreadItem } from '../thread/thread.js'
import type { CommandRun } from './command-run.js'
import { lineOf, type LineEntry } from './line.js'
import type { StatusComment } from './status-comment.js'
import { placeOf } from './trigger.js'
import { describeAhead, waitForTurn } from './turn.js'

/** Mintlify refused the key while the run waited: the wait ends at once, with the key's error. */
export class KeyRefused extends Error {
  override name = 'KeyRefused'
}

/**
 * Waits until every command ahead of this one on the thread has finished, and returns the
 * thread as last read. Throws TurnTimeout at the deadline, ThreadReadError when GitHub cannot be
 * read, KeyRefused when Mintlify refuses the key, and the place's loss or the
 * workflow's cancellation as an abort.
 */
export function waitInLine(
  run: CommandRun,
  status: StatusComment,
  isSelf: (login: string) => boolean
): Promise<ThreadItem[]> {
  const { trigger, settings, ports, thread, gate } = run
  const { clock, logger, agent } = ports
  const commandWord = settings.comments.command
  const expiryMs = settings.comments.queueExpiryMs
  const startedAt = clock.wallTime()
  return waitForTurn({
    own: () => ({ place: placeOf(trigger), at: status.at, statusCommentId: status.id }),
    readLine: async () => {
      const items = await thread.items()
      return { line: lineOf(items, commandWord, isSelf), items }
    },
    readComment: (kind, id) => thread.commentBody(kind, id),
    runState: (other) => thread.runState(other),
    mayCommand: (entry) => gate.allows({ login: entry.author, isBot: entry.isBot }, false),
    jobIsIdle: async (jobId) => {
      try {
        return isFinal((await agent.getJob(jobId, { once: true })).status)
      } catch (error) {
        if (!(error instanceof MintlifyRequestError)) throw error
        // A job Mintlify no longer knows holds nothing up; a refused key ends the wait at once.
        if (error.status === 404) return true
        if (error.status === 401 || error.status === 403) {
          const said = explainFailure(error, {
            operation: 'read',
            jobId,
            projectId: settings.projectId,
            baseUrl: settings.baseUrl,
            requestTimeoutMs: settings.requestTimeoutMs,
            vocabulary: ports.vocabulary
          })
          throw new KeyRefused(`${said} Nothing was sent.`)
        }
        logger.debug(`Reading job ${jobId} while waiting failed: ${error.message}`)
        return false
      }
    },
    joinEnd: async (overtakenBy) => {
      const note = joinEndNote(overtakenBy, trigger.comment.writtenAt, startedAt, expiryMs, clock)
      logger.warning(note)
      await status.joinEnd(clock.wallTime(), note)
    },
    clock,
    pollIntervalMs: settings.pollIntervalMs,
    expiryMs,
    deadline: ports.deadline,
    signal: AbortSignal.any([ports.signal, status.lost]),
    onWaiting: (ahead) =>
      status.waiting(`waiting for its turn, after ${describeAhead(ahead, true)}`),
    logger
  })
}

/** Why this command goes after commands written later, in a sentence for the thread. */
function joinEndNote(
  overtakenBy: LineEntry[],
  writtenAt: number,
  startedAt: number,
  expiryMs: number,
  clock: Clock
): string {
  const count = overtakenBy.length
  const later = `${count} command${count === 1 ? '' : 's'} written after it ${count === 1 ? 'was' : 'were'} sent first`
  const cause =
    startedAt - writtenAt > expiryMs
      ? `This command's run started ${formatDuration(startedAt - writtenAt)} after it was written, later than \`queue-expiry\` (${formatDuration(expiryMs)}), and ${later}`
      : `While this command waited, its place looked abandoned to other runs, and ${later}`
  return `${cause}: it now goes after them, at the end of the line (${formatDuration(clock.wallTime() - writtenAt)} after it was written).`
}
