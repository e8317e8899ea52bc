import { describeGitHubError } from '../adapters/github/errors.js'
import { openOctokit } from '../adapters/github/octokit.js'
import { isFinal, type AgentJob } from '../core/agent-api.js'
import type { RunContext } from '../core/request.js'
import { explainFailure, failureKind } from '../core/explain.js'
import { findJobForPullRequest } from '../core/job-lookup.js'
import type { Settings } from '../settings/settings.js'
import { errorDocument, type CliDocument } from './document.js'
import type { Parsed } from './parse.js'

export async function jobOfPullRequest(
  pullRequest: NonNullable<Parsed['pullRequest']>,
  settings: Settings,
  context: RunContext
): Promise<string | CliDocument> {
  const { logger } = context
  const token = process.env.GH_TOKEN || process.env.GITHUB_TOKEN
  let headRef: string | undefined
  let headRepository: string | undefined
  if (!token) {
    logger.info(
      `No GH_TOKEN or GITHUB_TOKEN: the pull request's head branch cannot be read from GitHub, so only a job whose pull request link is ${pullRequest.url} can match.`
    )
  } else {
    try {
      const octokit = await openOctokit(token, context)
      const { data } = await octokit.rest.pulls.get({
        owner: pullRequest.owner,
        repo: pullRequest.repo,
        pull_number: pullRequest.number
      })
      headRef = data.head.ref
      headRepository = data.head.repo?.html_url
    } catch (error) {
      logger.warning(
        `Could not read the pull request from GitHub (${describeGitHubError(error)}): only a job whose pull request link is ${pullRequest.url} can match.`
      )
    }
  }
  const command = settings.prompt === undefined ? 'status' : 'follow-up'
  try {
    const lookup = await findJobForPullRequest(
      context.agent,
      { url: pullRequest.url, headRef, headRepository },
      logger
    )
    if (lookup.job) return lookup.job.id
    return errorDocument(
      command,
      `No Mintlify agent job was confirmed for ${pullRequest.url}. ${lookup.account} Name the job with --job <job-id>.`,
      'no-job'
    )
  } catch (error) {
    if (context.signal.aborted)
      return errorDocument(command, 'Stopped before the job was found.', 'cancelled')
    return errorDocument(
      command,
      explainFailure(error, {
        operation: 'list',
        jobId: '',
        projectId: settings.projectId,
        baseUrl: settings.baseUrl,
        requestTimeoutMs: settings.requestTimeoutMs,
        vocabulary: context.vocabulary
      }),
      failureKind(error, 'list'),
      (error as { status?: number }).status ?? null
    )
  }
}

/** Reads the job once (retried like any read) and says how it stands. */
export async function showStatus(settings: Settings, context: RunContext): Promise<CliDocument> {
  const jobId = settings.jobId ?? ''
  let job: AgentJob
  try {
    job = await context.agent.getJob(jobId)
  } catch (error) {
    if (context.signal.aborted)
      return errorDocument('status', 'Stopped before the job was read.', 'cancelled')
    const document = errorDocument(
      'status',
      explainFailure(error, {
        operation: 'read',
        jobId,
        projectId: settings.projectId,
        baseUrl: settings.baseUrl,
        requestTimeoutMs: settings.requestTimeoutMs,
        vocabulary: context.vocabulary
      }),
      failureKind(error, 'read'),
      (error as { status?: number }).status ?? null
    )
    return { ...document, jobId }
  }
  const ended = isFinal(job.status) && job.status !== 'completed'
  return {
    command: 'status',
    jobId: job.id,
    status: job.status,
    prLink: job.prLink ?? null,
    sent: false,
    created: false,
    timedOut: false,
    durationMs: 0,
    job,
    error: ended
      ? {
          message:
            job.status === 'failed'
              ? `Mintlify agent job ${job.id} failed: see the Mintlify dashboard for what went wrong, then send another follow-up.`
              : `Mintlify agent job ${job.id} is archived and takes no more work: start a new job.`,
          kind: job.status === 'failed' ? 'job-failed' : 'job-archived',
          status: null
        }
      : null
  }
}
