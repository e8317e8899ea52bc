import { isFinal, MintlifyRequestError } from '../core/agent-api.js'
import { askAgent, type RunContext } from '../core/agent-request.js'
import { explainFailure } from '../core/explain.js'
import { findJobForPullRequest, type PullRequestRef } from '../core/job-lookup.js'
import type { RunResult } from '../core/outcome.js'
import type { Settings } from '../settings/settings.js'
import type { Gate } from '../thread/gate.js'
import { isListed, loginMatches } from '../thread/logins.js'
import { ThreadReadError, type Reaction, type Thread, type ThreadItem } from '../thread/thread.js'
import { CheckRun } from './check-run.js'
import { lineOf, placeKey, readClaim } from './line.js'
import { noJobReply, withThreadContext } from './replies.js'
import type { CommandRequest } from './request.js'
import type { StatusComment } from './status-comment.js'
import { placeOf, type CommentTrigger } from './trigger.js'
import { describeAhead, TurnTimeout, waitForTurn } from './turn.js'
import { jobFromMarkers } from './which-job.js'

/** What the steps after the status comment share. */
export interface CommandRun {
  trigger: CommentTrigger
  settings: Settings
  context: RunContext
  thread: Thread
  gate: Gate
  status: StatusComment
  react: (content: Reaction) => Promise<void>
  /** Says why on the thread, gives up the place, and ends the run with that failure. */
  endWith: (message: string) => Promise<RunResult>
}

/** The command's turn on the thread, which job, and the request. */
export async function carryOut(
  run: CommandRun,
  result: RunResult,
  asked: CommandRequest
): Promise<RunResult> {
  const { trigger, settings, context, thread, status, react, endWith } = run
  const { logger } = context
  const { comments: options } = settings
  const place = placeOf(trigger)
  const self = status.author || (await thread.tokenLogin())
  const isSelf = (login: string): boolean => loginMatches(self, login)

  let items: ThreadItem[]
  try {
    // Without status comments no run can hold a place, so there is no line to wait in.
    items = options.statusComment ? await waitInLine(run, isSelf) : await thread.items()
  } catch (error) {
    if (context.signal.aborted) {
      return endWith(
        'The workflow was cancelled while this command waited for its turn on the thread: nothing was sent.'
      )
    }
    if (error instanceof TurnTimeout) {
      return endWith(
        `${error.message}, so nothing was sent: send the command again once the earlier ones are done, or raise the workflow's \`timeout\`.`
      )
    }
    if (error instanceof ThreadReadError) return endWith(error.message)
    throw error
  }

  const ownClaims = items
    .filter((item) => isSelf(item.author.login) && item.id !== status.id)
    .flatMap((item) => {
      const claim = readClaim(item.body)
      return claim ? [{ claim, url: item.url }] : []
    })
  // A re-run of the workflow replays the same command: it was asked once, and is sent once.
  const earlierRun = ownClaims.find(({ claim }) => claim.place === placeKey(place) && claim.taken)
  if (earlierRun && trigger.action !== 'edited') {
    return endWith(
      `This command was already sent to job \`${earlierRun.claim.jobId}\` by an earlier run (${earlierRun.url}), so it was not sent again. Write a new \`${options.command}\` comment to ask for more.`
    )
  }

  const cap = options.maxRequestsPerThread
  if (cap > 0) {
    const used = ownClaims.filter(({ claim }) => claim.taken).length
    if (used >= cap) {
      logger.warning(
        `This thread has had ${used} agent requests; max-requests-per-thread is ${cap}. Nothing was sent.`
      )
      return endWith(
        `This thread has reached its limit of ${cap} Mintlify agent requests (\`max-requests-per-thread\`), so nothing was sent. The project's hourly limit is shared by every thread: continue in a new pull request, or ask a maintainer to raise the cap.`
      )
    }
  }

  const mode = settings.mode
  let found =
    settings.jobId ??
    asked.namedJob ??
    jobFromMarkers({
      items,
      isTrusted: (login) => isSelf(login) || isListed(options.trustedMarkerAuthors, login),
      pullRequestBody: trigger.pullRequestBody,
      pullRequestAuthor: trigger.pullRequestAuthor,
      logger
    })
  let lookedUp: string | undefined
  if (!found && mode !== 'create' && trigger.pullRequest) {
    try {
      const lookup = await findJobForPullRequest(
        context.agent,
        await pullRequestRef(trigger.pullRequest, thread, logger),
        logger
      )
      if (lookup.job) {
        found = lookup.job.id
        await status.jobFound(found)
      } else {
        lookedUp = lookup.account
      }
    } catch (error) {
      if (context.signal.aborted) return endWith('The workflow was cancelled: nothing was sent.')
      return endWith(
        `${explainFailure(error, {
          operation: 'list',
          jobId: '',
          projectId: settings.projectId,
          baseUrl: settings.baseUrl,
          requestTimeoutMs: settings.requestTimeoutMs
        })} Nothing was sent: name the job with \`${options.command} --job <job-id> <what to do>\`.`
      )
    }
  }
  if (!found && mode === 'follow-up') {
    logger.warning('No job to follow up: the reply on the thread says how to name one.')
    return endWith(noJobReply(options.command, lookedUp))
  }
  // A new job gets the thread's context, so the agent knows where the request came from.
  const jobId = mode === 'create' ? undefined : found
  const request = jobId
    ? { jobId, prompt: asked.prompt }
    : { jobId: undefined, prompt: withThreadContext(asked.prompt, trigger) }

  logger.info(
    jobId
      ? `Following up job ${jobId} for @${trigger.comment.author.login}.`
      : `Starting a new job for @${trigger.comment.author.login}.`
  )
  const check = options.checkRun ? await CheckRun.start(thread, asked.quoted, logger) : undefined
  const working = 'the agent is working on it'
  const outcome = await askAgent(request, settings, context, {
    onWaiting: (progress) =>
      status.waiting('waiting for the agent to finish the previous request', progress),
    onSent: (progress) => status.taken(progress, working),
    onRead: (progress) => status.working(progress, working)
  })
  result.outcome = outcome
  result.result = outcome.sent ? 'sent' : 'not-sent'
  await status.finish(outcome)
  await check?.finish(outcome)
  await react(!outcome.failure && outcome.job?.status === 'completed' ? 'rocket' : 'confused')
  return result
}

/**
 * The pull request to look up, with its head branch: from the payload, or else read from
 * GitHub. Without it only the pull request link can match, and the log says so.
 */
async function pullRequestRef(
  known: NonNullable<CommentTrigger['pullRequest']>,
  thread: Thread,
  logger: RunContext['logger']
): Promise<PullRequestRef> {
  if (known.headRef) return known
  try {
    const { url, headRef, headRepository } = await thread.pullRequest()
    return { url: known.url || url, headRef, headRepository }
  } catch (error) {
    logger.warning(
      `Could not read the pull request's head branch (${(error as Error).message}): only its link can match a job in Mintlify's list.`
    )
    return known
  }
}

/** Waits until every command written before this one has finished; returns the thread as last read. */
function waitInLine(run: CommandRun, isSelf: (login: string) => boolean): Promise<ThreadItem[]> {
  const { settings, context, thread, gate, status } = run
  const client = context.agent
  return waitForTurn({
    place: placeOf(run.trigger),
    readLine: async () => lineOf(await thread.items(), settings.comments.command, isSelf),
    mayCommand: (entry) => gate.allows({ login: entry.author, isBot: entry.isBot }, false),
    jobIsIdle: async (jobId) => {
      try {
        return isFinal((await client.getJob(jobId, { once: true })).status)
      } catch (error) {
        // A job Mintlify no longer knows holds nothing up; other faults are asked again.
        if (error instanceof MintlifyRequestError && error.status === 404) return true
        context.logger.debug(
          `Reading job ${jobId} while waiting failed: ${(error as Error).message}`
        )
        return false
      }
    },
    clock: context.clock,
    pollIntervalMs: settings.pollIntervalMs,
    expiryMs: settings.comments.queueExpiryMs,
    deadline: context.deadline,
    signal: context.signal,
    onWaiting: (ahead) =>
      status.waiting(`waiting for its turn, after ${describeAhead(ahead, true)}`),
    logger: context.logger
  })
}
