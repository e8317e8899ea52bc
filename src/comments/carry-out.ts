import { askAgent } from '../core/agent-request.js'
import { SendHoldError, type SendDecision, type SendHold } from '../core/request.js'
import type { RunResult } from '../core/outcome.js'
import { Deadline } from '../core/deadline.js'
import { loginMatches } from '../thread/logins.js'
import { acquireSendLock } from '../thread/send-lock.js'
import { ThreadReadError, type ThreadItem } from '../thread/thread.js'
import { CheckRun } from './check-run.js'
import type { CommandRun } from './command-run.js'
import { chooseJob } from './job-choice.js'
import { checkBeforeSending, type PreSend } from './pre-send.js'
import { withThreadContext } from './replies.js'
import type { CommandRequest } from './request.js'
import type { PlaceNotHeld } from './status-comment.js'
import { TurnTimeout } from './turn.js'
import { KeyRefused, waitInLine } from './waiting.js'

/** The command's turn on the thread, the checks right before sending, which job, and the request. */
export async function carryOut(
  run: CommandRun,
  result: RunResult,
  asked: CommandRequest
): Promise<RunResult> {
  const { trigger, settings, ports, thread, status, react, endWith } = run
  const { logger } = ports
  const { comments: options } = settings
  const self = status?.author || (await thread.tokenLogin())
  const isSelf = (login: string): boolean => loginMatches(self, login)

  let items: ThreadItem[]
  try {
    // Without a status comment the command holds no place, so there is no line to wait in.
    items = status ? await waitInLine(run, status, isSelf) : await thread.items()
  } catch (error) {
    const stopped = waitStopped(error, run)
    if (stopped) return endWith(stopped)
    throw error
  }

  const checked = await check(run, items, asked, isSelf)
  if (checked.kind === 'withdraw') return run.withdraw(checked.message)
  if (checked.kind === 'end') return endWith(checked.message)
  const request = checked.request
  let sentText = request.text

  // On a pull request kept in step by mode sync, its record names the job, and a sync run may
  // send to it: both take the pull request's send lock, so that neither sends into a job the
  // other made busy.
  const synced = await ports.syncedJob?.(items, thread)
  const job = await chooseJob(run, items, request, isSelf, synced)
  if (job.kind === 'end') return endWith(job.message)
  // A new job gets the thread's context, so the agent knows where the request came from.
  const jobId = job.jobId
  const prompt = jobId ? request.prompt : withThreadContext(request.prompt, trigger)
  logger.info(
    jobId
      ? `Following up job ${jobId} for @${trigger.comment.author.login}.`
      : `Starting a new job for @${trigger.comment.author.login}.`
  )
  const checkRun =
    options.checkRun && ports.openCheckRuns
      ? await CheckRun.start(await ports.openCheckRuns(), thread, request.quoted, logger)
      : undefined
  const working = 'the agent is working on it'
  // Losing the place stops a wait for a busy job at once: nothing may be sent then.
  const signal = status ? AbortSignal.any([ports.signal, status.lost]) : ports.signal
  const outcome = await askAgent(
    { jobId, prompt },
    settings,
    // On a synced pull request the job that takes over from the record's is mode sync's to start.
    synced === undefined || jobId !== synced.jobId
      ? { ...ports, signal }
      : { ...ports, signal, vocabulary: { ...ports.vocabulary, startJobAdvice: SYNC_TAKES_OVER } },
    {
      onWaiting: async () =>
        status?.waiting('waiting for the agent to finish the previous request'),
      onSent: async (progress) => status?.taken(progress, working, sentText),
      onRead: async (progress) => status?.working(progress, working),
      holdSend: synced === undefined ? undefined : () => holdSendLock(run, signal),
      beforeSend: async (waited): Promise<SendDecision> => {
        if (status?.lost.aborted)
          return { go: false, reason: (status.lost.reason as Error).message, withdrawn: false }
        if (!waited) return { go: true }
        // The job was busy for a while: the command is checked again on the thread as it reads now.
        const again = await check(run, await thread.items(), asked, isSelf)
        if (again.kind === 'send') {
          sentText = again.request.text
          return { go: true, prompt: jobId ? again.request.prompt : prompt }
        }
        return { go: false, reason: again.message, withdrawn: again.kind === 'withdraw' }
      }
    }
  )
  if (outcome.cancelled && !ports.signal.aborted && status?.lost.aborted) {
    outcome.cancelled = false
    outcome.failure = (status.lost.reason as Error).message
    outcome.failureKind = 'not-sent'
  }
  result.outcome = outcome
  if (outcome.withdrawn) {
    await checkRun?.finish(outcome)
    return run.withdraw(outcome.withdrawn)
  }
  result.result = outcome.sent ? 'sent' : 'not-sent'
  await status?.finish(outcome)
  await checkRun?.finish(outcome)
  await react(!outcome.failure && outcome.job?.status === 'completed' ? 'rocket' : 'confused')
  return result
}

/** How a new job comes on a synced pull request, as an instruction. */
const SYNC_TAKES_OVER =
  'push a commit to the pull request or run its docs-sync workflow again: mode sync starts the job that takes over, and the next command goes to it'

/** Takes the pull request's send lock; what stops that stops the command, unsent. */
async function holdSendLock(run: CommandRun, signal: AbortSignal): Promise<SendHold> {
  const { ports, settings, thread } = run
  try {
    const lock = await acquireSendLock(thread, {
      clock: ports.clock,
      signal,
      deadline: Deadline.at(ports.clock, ports.deadline),
      pollMs: settings.pollIntervalMs,
      logger: ports.logger
    })
    return { release: lock.release, until: lock.until.at }
  } catch (error) {
    if (signal.aborted) throw error
    throw new SendHoldError(
      `${(error as Error).message}: this pull request's docs are kept in step by mode sync, whose send lock (the 👀 on the pull request) could not be taken, so nothing was sent. Send the command again once the sync run is done.`
    )
  }
}

/** The checks right before sending; a thread GitHub cannot read ends the run. */
async function check(
  run: CommandRun,
  items: ThreadItem[],
  asked: CommandRequest,
  isSelf: (login: string) => boolean
): Promise<PreSend> {
  try {
    return await checkBeforeSending(run, items, asked, isSelf)
  } catch (error) {
    if (error instanceof ThreadReadError) return { kind: 'end', message: error.message }
    throw error
  }
}

/** What to say on the thread when the wait for the command's turn ended without it. */
function waitStopped(error: unknown, run: CommandRun): string | undefined {
  const { ports } = run
  if (run.status?.lost.aborted && error === run.status.lost.reason)
    return (error as PlaceNotHeld).message
  if (ports.signal.aborted)
    return 'The workflow was cancelled while this command waited for its turn on the thread: nothing was sent.'
  if (error instanceof TurnTimeout)
    return `${error.message}, so nothing was sent: send the command again once the earlier ones are done, or raise the workflow's \`timeout\`.`
  if (error instanceof ThreadReadError || error instanceof KeyRefused) return error.message
  return undefined
}
