/**
 * The docs pull requests follow the code one (with docs-token): a note there links the code pull
 * request and says how it stands; on the merge the current one is labelled and marked ready; an
 * unmerged close closes every one of them, a reopening reopens what the action closed, and one a
 * newer job took over from says so. Only in each job's own repository, only once the job has
 * ended, and only on the link the job itself reported, as the sealed record keeps it.
 */
import { isFinal, type AgentJob } from '../core/agent-api.js'
import { docsLinkOf } from '../core/job-lookup.js'
import type { Logger } from '../core/logger.js'
import type { DocsSettings } from '../settings/settings.js'
import {
  DocsTokenError,
  type DocsPullRequest,
  type DocsRepositories,
  type DocsRepository
} from '../thread/docs-repository.js'
import type { DocsDone, SyncRecord } from './record.js'
import * as say from './texts.js'

/** The code pull request as the notes tell it. */
export interface CodePullRequest {
  fullName: string
  number: number
  url: string
  author: string
  base: string
}

/** One docs pull request to bring in step, and what its note says now. */
interface Target {
  jobId: string
  link: string
  repository: string | undefined
  done: DocsDone
  current: boolean
  /** The job as it is now has ended: the docs pull request may be merged, closed or reopened. */
  endedNow: boolean
  saying: string
}

/**
 * The docs pull requests to bring in step. The current job's once it has ended: merging, closing
 * and reopening wait for the job as it is now to have ended; the note and the review request may
 * also follow how it ended before this run sent it more (`before`).
 */
function targets(record: SyncRecord, jobs: { now?: AgentJob; before?: AgentJob }): Target[] {
  const list: Target[] = []
  const current = record.job
  const state = record.closed ?? 'open'
  const ended = (job: AgentJob | undefined) =>
    job && job.id === current?.id && isFinal(job.status) && job.prLink ? job : undefined
  const job = ended(jobs.now) ?? ended(jobs.before)
  if (current && job?.prLink)
    list.push({
      jobId: current.id,
      link: job.prLink,
      repository: job.source?.repository ?? current.repository,
      done: current.docs?.pr === job.prLink ? current.docs : { pr: job.prLink },
      current: true,
      endedNow: job === jobs.now,
      saying: state === 'open' ? `open@${current.sent.head.slice(0, 7)}` : state
    })
  for (const retired of record.retired)
    if (retired.prLink)
      list.push({
        jobId: retired.id,
        link: retired.prLink,
        repository: retired.repository,
        done: retired.docs ?? { pr: retired.prLink },
        current: false,
        endedNow: true,
        saying:
          state === 'unmerged'
            ? 'unmerged'
            : `superseded@${current?.id ?? ''}${current?.prLink ? `@${current.prLink}` : ''}`
      })
  return list
}

/** The record once the docs pull requests are in step; trouble is one warning. */
export async function settleDocs(
  repositories: DocsRepositories,
  settings: DocsSettings,
  code: CodePullRequest,
  record: SyncRecord,
  jobs: { now?: AgentJob; before?: AgentJob },
  { logger, mayCall }: { logger: Logger; mayCall: () => boolean }
): Promise<SyncRecord> {
  let next = record
  for (const target of targets(record, jobs)) {
    if (!mayCall()) break
    const done = await settleOne(repositories, settings, code, record, target, logger, mayCall)
    next = target.current
      ? { ...next, job: next.job && { ...next.job, docs: done } }
      : {
          ...next,
          retired: next.retired.map((r) => (r.id === target.jobId ? { ...r, docs: done } : r))
        }
  }
  return next
}

async function settleOne(
  repositories: DocsRepositories,
  settings: DocsSettings,
  code: CodePullRequest,
  record: SyncRecord,
  target: Target,
  logger: Logger,
  mayCall: () => boolean
): Promise<DocsDone> {
  const place = docsLinkOf(target.link, target.repository, repositories.server)
  if (typeof place === 'string') {
    if (target.done.said === undefined && target.done.comment === undefined)
      logger.warning(say.docsNotFollowed(target.jobId, place))
    return { pr: target.link, said: 'not followed' }
  }
  const docs = repositories.open(place.owner, place.repo)
  const { number } = place
  const done: DocsDone = { ...target.done }
  const state = record.closed ?? 'open'
  let read: DocsPullRequest | undefined
  const now = async () => (read ??= await docs.read(number))
  try {
    const may = () => target.endedNow && mayCall()
    if (target.current && state === 'merged' && !done.mergeHandled && may()) {
      if (settings.mergedLabel) await docs.addLabel(number, settings.mergedLabel)
      const pr = settings.readyOnMerge ? await now() : undefined
      if (pr?.draft && pr.state === 'open') await docs.markReady(pr.nodeId)
      done.mergeHandled = true
    }
    if (state === 'unmerged' && settings.closeWithCode && !done.closedWithCode && may()) {
      const pr = await now()
      if (pr.state === 'open') {
        await docs.setState(number, 'closed')
        done.closedWithCode = true
      }
    }
    if (target.current && state === 'open' && done.closedWithCode && may()) {
      const pr = await now()
      if (pr.state === 'closed' && !pr.merged) await docs.setState(number, 'open')
      done.closedWithCode = undefined
    }
    // How the code pull request ended is said once the job has ended, with what was done for it.
    if (done.said !== target.saying && (state === 'open' || target.endedNow) && mayCall()) {
      const marker = `<!-- mintlify-agent-action docs-note ${code.fullName}#${code.number} -->`
      const body = `${say.docsNote(code, target.saying, done.said, Boolean(done.closedWithCode), {
        label: settings.mergedLabel,
        ready: settings.readyOnMerge
      })}\n\n${marker}`
      done.comment ??= (await docs.comments(number)).find((c) => c.body.includes(marker))?.id
      if (done.comment === undefined || !(await docs.editComment(done.comment, body)))
        done.comment = await docs.comment(number, body)
      done.said = target.saying
    }
    if (target.current && settings.reviewRequest && !done.reviewRequested && state === 'open') {
      if (!code.author.endsWith('[bot]') && mayCall())
        await requestOnce(docs, number, code.author, logger)
      done.reviewRequested = true
    }
  } catch (caught) {
    const error =
      caught instanceof DocsTokenError
        ? caught
        : new DocsTokenError(undefined, 'follow the code pull request', (caught as Error).message)
    const refused =
      [401, 403, 404].includes(error.status ?? 0) || /not accessible|forbidden/i.test(error.message)
    logger.warning(
      say.docsTokenRefused(
        error.doing,
        `${place.owner}/${place.repo}`,
        number,
        error.message,
        refused
      )
    )
  }
  return done
}

/**
 * GitHub refuses a review request from some accounts for good (422: the author of the docs pull
 * request, or not a collaborator there): said once, and not asked again.
 */
async function requestOnce(docs: DocsRepository, number: number, login: string, logger: Logger) {
  try {
    await docs.requestReview(number, login)
  } catch (error) {
    if (!(error instanceof DocsTokenError) || error.status !== 422) throw error
    logger.warning(say.reviewRefused(login, error.message))
  }
}
