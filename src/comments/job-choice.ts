/** Which job a command goes to, or that it starts one (docs/comments.md, "Which job a command goes to"). */
import type { RunContext } from '../core/request.js'
import { explainFailure } from '../core/explain.js'
import { findJobForPullRequest, type PullRequestRef } from '../core/job-lookup.js'
import { isListed } from '../thread/logins.js'
import type { Thread, ThreadItem } from '../thread/thread.js'
import type { CommandRun, SyncedJob } from './command-run.js'
import { noJobReply, syncedWithoutJob } from './replies.js'
import type { CommandRequest } from './request.js'
import type { CommentTrigger } from './trigger.js'
import { jobFromMarkers } from './which-job.js'

export type JobChoice =
  /** `jobId` undefined: start a new job. */
  { kind: 'job'; jobId: string | undefined } | { kind: 'end'; message: string }

/**
 * The workflow's `job-id`, the comment's `--job`, the job mode sync's record names on a synced
 * pull request, a trusted marker on the thread or the pull request body, then Mintlify's own
 * records of the pull request; `mode` decides when none answers.
 */
export async function chooseJob(
  run: CommandRun,
  items: readonly ThreadItem[],
  request: CommandRequest,
  isSelf: (login: string) => boolean,
  synced: SyncedJob | undefined
): Promise<JobChoice> {
  const { trigger, settings, ports, thread, status } = run
  const { logger } = ports
  const { comments: options, mode } = settings
  if (mode === 'create') return { kind: 'job', jobId: undefined }
  const named = settings.jobId ?? request.namedJob
  if (synced && !named) {
    // Only mode sync starts a synced pull request's job: a command's would be a second one.
    if (!synced.jobId) return { kind: 'end', message: syncedWithoutJob }
    logger.info(`Job ${synced.jobId} is the one mode sync's record names for this pull request.`)
  }
  let found =
    named ??
    synced?.jobId ??
    jobFromMarkers({
      items,
      isTrusted: (login) => isSelf(login) || isListed(options.trustedMarkerAuthors, login),
      pullRequestBody: trigger.pullRequestBody,
      pullRequestAuthor: trigger.pullRequestAuthor,
      logger
    })
  let lookedUp: string | undefined
  if (!found && trigger.pullRequest) {
    try {
      const lookup = await findJobForPullRequest(
        ports.agent,
        await pullRequestRef(trigger.pullRequest, thread, logger),
        logger
      )
      if (lookup.job) {
        found = lookup.job.id
        await status?.jobFound(found)
      } else {
        lookedUp = lookup.account
      }
    } catch (error) {
      if (ports.signal.aborted)
        return { kind: 'end', message: 'The workflow was cancelled: nothing was sent.' }
      const said = explainFailure(error, {
        operation: 'list',
        jobId: '',
        projectId: settings.projectId,
        baseUrl: settings.baseUrl,
        requestTimeoutMs: settings.requestTimeoutMs
      })
      return {
        kind: 'end',
        message: `${said} Nothing was sent: name the job with \`${options.command} --job <job-id> <what to do>\`.`
      }
    }
  }
  if (!found && mode === 'follow-up') {
    logger.warning('No job to follow up: the reply on the thread says how to name one.')
    return { kind: 'end', message: noJobReply(options.command, lookedUp) }
  }
  return { kind: 'job', jobId: found }
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
