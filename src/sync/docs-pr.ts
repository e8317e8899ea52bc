/**
 * The docs pull request follows the code one (with docs-token): one comment there links the code
 * pull request and says how it stands; on the merge the docs pull request is labelled and marked
 * ready for review; an unmerged close closes it, and a reopening reopens it. Only ever in the
 * docs job's own repository, and only once the job has ended, on the link the job reports.
 */
import { isFinal, type AgentJob } from '../core/agent-api.js'
import { samePullRequest, sameRepository } from '../core/job-lookup.js'
import type { Logger } from '../core/logger.js'
import type { DocsSettings } from '../settings/settings.js'
import type { DocsRecord, SyncState } from './state.js'

export interface DocsPullRequest {
  state: 'open' | 'closed'
  merged: boolean
  draft: boolean
  /** GraphQL's ID, which marking it ready for review takes. */
  nodeId: string
}

/** Where docs-token may act: the workflow's GitHub, one repository at a time. */
export interface DocsRepositories {
  /** The GitHub the workflow runs on (`https://github.com`): links elsewhere are not followed. */
  server: string
  open(owner: string, repo: string): DocsRepository
}

/** The docs repository's pull requests, through docs-token; bound to that one repository. */
export interface DocsRepository {
  read(number: number): Promise<DocsPullRequest>
  comment(number: number, body: string): Promise<number>
  /** Returns false when the comment is gone. */
  editComment(id: number, body: string): Promise<boolean>
  requestReview(number: number, login: string): Promise<void>
  addLabel(number: number, label: string): Promise<void>
  markReady(nodeId: string): Promise<void>
  setState(number: number, state: 'open' | 'closed'): Promise<void>
}

/** A refusal GitHub gave the docs token: its status, and what the token was doing. */
export class DocsTokenError extends Error {
  override name = 'DocsTokenError'
  constructor(
    readonly status: number | undefined,
    readonly doing: string,
    detail: string
  ) {
    super(detail)
  }
}

/** The code pull request as the docs pull request's comment tells it. */
export interface CodePullRequest {
  fullName: string
  number: number
  url: string
  author: string
  /** Open, merged, closed unmerged. */
  closed: SyncState['closed']
  baseRef: string
}

/** Where a docs pull request is: its repository (`owner/name`) and number. */
export interface DocsLink {
  owner: string
  repo: string
  number: number
}

/**
 * The docs pull request of an ended job, when its link is a pull request on `server` (the
 * workflow's GitHub, whose API the token is sent to) in the job's own repository
 * (`source.repository`); otherwise why not.
 */
export function docsLinkOf(job: AgentJob, server: string): DocsLink | string {
  const link = job.prLink ?? ''
  const repository = job.source?.repository ?? ''
  const match = /^https:\/\/([^/?#]+)\/([\w.-]+)\/([\w.-]+)\/pull\/(\d+)\/?$/.exec(link)
  const [, host = '', owner = '', repo = '', number] = match ?? []
  if (!match || [owner, repo].some((name) => name === '.' || name === '..'))
    return `its link (${link || 'none'}) is not a pull request URL`
  if (host.toLowerCase() !== new URL(server).host.toLowerCase())
    return `its link (${link}) is not on ${server}, the GitHub this workflow runs on`
  if (!sameRepository(`https://${host}/${owner}/${repo}`, repository))
    return `its link (${link}) is not in the job's repository (${repository || 'none'})`
  return { owner, repo, number: Number(number) }
}

/** What the comment says of the code pull request, as a key: it is edited only when this changes. */
function sayingOf(code: CodePullRequest, sentSha: string): string {
  return code.closed ?? `open@${sentSha.slice(0, 7)}`
}

function commentBody(
  code: CodePullRequest,
  saying: string,
  before: string | undefined,
  record: DocsRecord,
  settings: DocsSettings
): string {
  const head = `🔗 This docs pull request goes with ${code.fullName}#${code.number} (${code.url}).`
  const sha = saying.replace(/^open@/, '')
  const line =
    code.closed === 'merged'
      ? `✅ The code pull request was merged into \`${code.baseRef}\`${[
          settings.mergedLabel ? ` and this one labelled \`${settings.mergedLabel}\`` : '',
          settings.readyOnMerge ? ' and marked ready for review' : ''
        ].join('')}: it is yours to review and merge.`
      : code.closed === 'unmerged'
        ? record.closedWithCode
          ? '🛑 The code pull request was closed without merging, so this one was closed too. Reopening the code pull request reopens it.'
          : '🛑 The code pull request was closed without merging.'
        : before === 'unmerged'
          ? `🔄 The code pull request is open again: the docs agent has been sent every change up to \`${sha}\`.`
          : before?.startsWith('open@')
            ? `🔄 The code pull request is open, with new commits: the docs agent has been sent every change up to \`${sha}\`.`
            : `🟢 The code pull request is open: the docs agent has been sent every change up to \`${sha}\`.`
  return [head, '', line].join('\n')
}

/**
 * Brings the docs pull request in step with the code pull request. `job`: the docs job as just
 * read; nothing is done before it has ended. Returns the record to keep. A refusal is one
 * warning that names the permission docs-token lacks; the sync itself goes on.
 */
export async function settleDocs(
  docsRepository: DocsRepositories,
  settings: DocsSettings,
  code: CodePullRequest,
  state: SyncState,
  jobs: { now: AgentJob | undefined; ended?: AgentJob | undefined },
  { logger, mayCall }: { logger: Logger; mayCall: () => boolean }
): Promise<{ record: DocsRecord | undefined; open?: boolean }> {
  // Merging, closing and reopening wait for the job as it stands to have ended; the comment and
  // the review request may also follow how it ended before this run sent it more.
  const ended = jobs.now && isFinal(jobs.now.status) ? jobs.now : undefined
  const job = ended ?? (jobs.ended && isFinal(jobs.ended.status) ? jobs.ended : undefined)
  if (!job?.prLink || !mayCall()) return { record: state.docs }
  const link = docsLinkOf(job, docsRepository.server)
  const same = samePullRequest(state.docs?.pr, job.prLink)
  if (typeof link === 'string') {
    if (!same)
      logger.warning(
        `The docs pull request of job ${job.id} is not followed: ${link}, and docs-token is used only there.`
      )
    return { record: { pr: job.prLink } }
  }
  const record: DocsRecord = same && state.docs ? { ...state.docs } : { pr: job.prLink }
  const docs = docsRepository.open(link.owner, link.repo)
  const where = `${link.owner}/${link.repo}#${link.number}`
  let open: boolean | undefined
  try {
    let read: DocsPullRequest | undefined
    const docsPr = async () => (read ??= await docs.read(link.number))
    if (ended && code.closed === 'merged' && !record.merged && mayCall()) {
      if (settings.mergedLabel) await docs.addLabel(link.number, settings.mergedLabel)
      const pr = settings.readyOnMerge ? await docsPr() : undefined
      if (pr?.draft && pr.state === 'open') await docs.markReady(pr.nodeId)
      record.merged = true
    }
    if (
      ended &&
      code.closed === 'unmerged' &&
      settings.closeWithCode &&
      !record.closedWithCode &&
      mayCall()
    ) {
      const pr = await docsPr()
      if (pr.state === 'open') {
        await docs.setState(link.number, 'closed')
        record.closedWithCode = true
      }
    }
    // Reopened: the docs pull request this action closed opens again, and a job whose docs pull
    // request is open again takes messages again.
    if (
      ended &&
      !code.closed &&
      (record.closedWithCode || state.retired === 'closed') &&
      mayCall()
    ) {
      const pr = await docsPr()
      if (pr.state === 'closed' && !pr.merged && record.closedWithCode)
        await docs.setState(link.number, 'open')
      open = (pr.state === 'open' || record.closedWithCode) && !pr.merged
      record.closedWithCode = undefined
    }
    const saying = sayingOf(code, state.sentSha)
    // How the code pull request ended is said once the job has ended, with what was done for it.
    if (saying !== record.said && (ended || !code.closed) && mayCall()) {
      const body = commentBody(code, saying, record.said, record, settings)
      if (!record.comment || !(await docs.editComment(record.comment, body)))
        record.comment = await docs.comment(link.number, body)
      record.said = saying
    }
    if (settings.reviewRequest && !record.reviewRequested && !code.closed && mayCall()) {
      if (!code.author.endsWith('[bot]')) await requestOnce(docs, link.number, code.author, logger)
      record.reviewRequested = true
    }
  } catch (caught) {
    const error =
      caught instanceof DocsTokenError
        ? caught
        : new DocsTokenError(undefined, 'follow the code pull request', (caught as Error).message)
    const refused =
      error.status === 401 ||
      error.status === 403 ||
      error.status === 404 ||
      /not accessible|forbidden/i.test(error.message)
    const permission = refused
      ? `: give docs-token Pull requests: read and write on ${link.owner}/${link.repo}`
      : ''
    logger.warning(
      `docs-token could not ${error.doing} on ${where} (${error.message})${permission}. The sync itself went on.`
    )
  }
  return { record, ...(open !== undefined ? { open } : {}) }
}

/**
 * GitHub refuses a review request from some accounts for good (422: the author of the docs pull
 * request, or not a collaborator there): said once, and not asked again. A refused token is
 * thrown, and asked again by the next event.
 */
async function requestOnce(docs: DocsRepository, number: number, login: string, logger: Logger) {
  try {
    await docs.requestReview(number, login)
  } catch (error) {
    if (!(error instanceof DocsTokenError) || error.status !== 422) throw error
    logger.warning(
      `GitHub would not request a review from @${login} on the docs pull request (${error.message}); it is not asked again.`
    )
  }
}
