/**
 * The checks right before a command is sent, on the thread as last read: the command still
 * exists and says what it says now, it was not sent already, and the thread's cap allows it.
 */
import type { ThreadItem } from '../thread/thread.js'
import type { CommandRun } from './command-run.js'
import { readClaim, sameRun } from './claims.js'
import { placeKey } from './line.js'
import { commandProblem } from './replies.js'
import { requestFromThread, type CommandRequest } from './request.js'
import { placeOf } from './trigger.js'

export type PreSend =
  | { kind: 'send'; request: CommandRequest }
  /** Nothing goes for this command, and that is what its author asked for (deleted, edited). */
  | { kind: 'withdraw'; message: string }
  /** Nothing goes, and the step fails with this message. */
  | { kind: 'end'; message: string }

export async function checkBeforeSending(
  run: CommandRun,
  items: readonly ThreadItem[],
  asked: CommandRequest,
  isSelf: (login: string) => boolean
): Promise<PreSend> {
  const { trigger, settings, ports, status, thread } = run
  const { logger } = ports
  const { command: commandWord, maxRequestsPerThread: cap } = settings.comments
  const current = await requestFromThread(trigger, thread, items, commandWord)
  if (!current)
    return {
      kind: 'withdraw',
      message: '🗑️ The command was deleted before its turn came, so nothing was sent for it.'
    }
  if (current.kind !== 'request')
    return {
      kind: 'withdraw',
      message: `✏️ The command was edited so that it no longer asks anything after \`${commandWord}\`, so nothing was sent for it.`
    }
  const request = current.request
  if (request.text !== asked.text) {
    logger.info('The command was edited while it waited: its latest text is what goes.')
    const problem = commandProblem(request.prompt, request.namedJob)
    if (problem) return { kind: 'end', message: problem }
  }

  const claims = items.flatMap((item) => {
    const claim =
      isSelf(item.author.login) && item.id !== status?.id ? readClaim(item.body) : undefined
    return claim ? [{ claim, url: item.url }] : []
  })
  const place = placeKey(placeOf(trigger))
  const sent = claims.find(
    ({ claim }) => claim.place === place && claim.taken && claim.text === request.text
  )
  if (sent) {
    // A re-run of the workflow replays the same command: it was asked once, and is sent once.
    const replay =
      sent.claim.run && ports.run
        ? sameRun(sent.claim.run, ports.run)
        : trigger.action === 'created' && asked.text === request.text
    if (replay)
      return {
        kind: 'end',
        message: `This command was already sent to job \`${sent.claim.jobId}\` by an earlier run (${sent.url}), so it was not sent again. Write a new \`${commandWord}\` comment to ask for more.`
      }
    return {
      kind: 'withdraw',
      message: `This command's latest text was already sent to job \`${sent.claim.jobId}\` by another run of the same comment (${sent.url}), so it was not sent again.`
    }
  }

  if (cap > 0) {
    const used = claims.filter(({ claim }) => claim.taken).length
    if (used >= cap) {
      logger.warning(
        `This thread has had ${used} agent requests; max-requests-per-thread is ${cap}. Nothing was sent.`
      )
      return {
        kind: 'end',
        message: `This thread has reached its limit of ${cap} Mintlify agent requests (\`max-requests-per-thread\`), so nothing was sent. The project's hourly limit is shared by every thread: continue in a new pull request, or ask a maintainer to raise the cap.`
      }
    }
  }
  return { kind: 'send', request }
}
