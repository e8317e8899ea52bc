import {
  LIST_PAGE_SIZE,
  MintlifyRequestError,
  type AgentApi,
  type AgentJob,
  type ListedSession
} from './agent-api.js'
import type { Logger } from './logger.js'

/** The pull request whose job is looked for. */
export interface PullRequestRef {
  /** Its page, `https://github.com/acme/docs/pull/42`. */
  url: string
  /** Its head branch; unknown when GitHub could not be asked, and then only the link can match. */
  headRef: string | undefined
  /**
   * The repository its head branch lives in (a fork's, for a pull request from a fork); the pull
   * request's own repository when unknown.
   */
  headRepository?: string | undefined
}

/** A pull request's page: `https://github.com/acme/docs/pull/42`, on GitHub or GitHub Enterprise Server. */
export function parsePullRequestUrl(
  text: string
): { url: string; owner: string; repo: string; number: number } | undefined {
  const match = /^(https?:\/\/[^/\s]+)\/([^/\s]+)\/([^/\s]+)\/pull\/(\d+)(?:[/?#]\S*)?$/.exec(
    text.trim()
  )
  if (!match) return undefined
  const [, origin, owner = '', repo = '', number] = match
  return { url: `${origin}/${owner}/${repo}/pull/${number}`, owner, repo, number: Number(number) }
}

/** Pages of Mintlify's job list read at most: 10 × 100, the project's last thousand jobs. */
export const MAX_LIST_PAGES = 10

/** Candidates confirmed with a v2 read at most, newest first. */
export const MAX_CONFIRMATIONS = 5

export interface LookupResult {
  /** The confirmed job, when there is one. */
  job: AgentJob | undefined
  /** What was looked up and found, in a sentence for the reply when no job was confirmed. */
  account: string
}

/**
 * A repository as `host/owner/name` in lower case, from the forms a job's `source.repository`
 * may take: `https://github.com/acme/docs`, with `.git` or a trailing slash, `git@host:owner/name`;
 * GitHub Enterprise hosts included. Undefined for anything else.
 */
export function repositoryKey(text: string | null | undefined): string | undefined {
  const match =
    /^(?:[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]+@)?|[^@/\s]+@)?([^/:\s]+)(?::\d+)?[/:]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/*$/i.exec(
      (text ?? '').trim()
    )
  if (!match) return undefined
  const [, host = '', owner = '', name = ''] = match
  return `${host}/${owner}/${name}`.toLowerCase()
}

/** Whether two names of a repository name the same one, as GitHub compares them. */
export function sameRepository(
  a: string | null | undefined,
  b: string | null | undefined
): boolean {
  const key = repositoryKey(a)
  return key !== undefined && key === repositoryKey(b)
}

/**
 * A docs pull request's place, when `link` is a pull request on `server` (the workflow's GitHub,
 * whose API the token is sent to) in the job's own repository; otherwise why not.
 */
export function docsLinkOf(
  link: string,
  repository: string | undefined,
  server: string
): { owner: string; repo: string; number: number } | string {
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

/** The repository a pull request's page belongs to: `https://github.com/acme/docs`. */
function repositoryOf(pullRequestUrl: string): string {
  return pullRequestUrl.replace(/\/pull\/\d+.*$/, '')
}

/** Links compare as GitHub treats them: without regard to case, a trailing slash or a fragment. */
export function samePullRequest(a: string | null | undefined, b: string): boolean {
  const norm = (link: string) => link.trim().replace(/#.*$/, '').replace(/\/+$/, '').toLowerCase()
  return !!a && norm(a) === norm(b)
}

function matchOf(entry: ListedSession, pr: PullRequestRef): string | undefined {
  if (samePullRequest(entry.pullRequestLink, pr.url)) return 'its pull request link'
  if (pr.headRef && entry.branch === pr.headRef) return `its branch ${pr.headRef}`
  return undefined
}

/**
 * Finds the job behind a pull request that no marker names, in Mintlify's own records: the
 * deprecated v1 list (the only list there is), matched on the pull request link or the head
 * branch, then each candidate confirmed with a v2 read of the job: its `prLink` must be this
 * pull request, or its `source.ref` the head branch and its `source.repository` the repository
 * that branch lives in. A match in the list alone is never enough.
 *
 * Reads at most MAX_LIST_PAGES pages; a page that fails after the client's retries throws.
 */
export async function findJobForPullRequest(
  client: AgentApi,
  pr: PullRequestRef,
  logger: Logger
): Promise<LookupResult> {
  const log = (line: string): void => logger.info(line)
  const refused: string[] = []
  let pages = 0
  let listed = 0
  while (pages < MAX_LIST_PAGES) {
    const page = await client.listJobs(pages * LIST_PAGE_SIZE)
    pages++
    listed += page.length
    const candidates = page.flatMap((entry) => {
      const why = matchOf(entry, pr)
      return why ? [{ entry, why }] : []
    })
    log(
      `Read page ${pages} of Mintlify's job list: ${page.length} jobs, ${candidates.length} matching ${pr.url}${pr.headRef ? ` or branch ${pr.headRef}` : ''}.`
    )
    for (const { entry, why } of candidates) {
      if (refused.length >= MAX_CONFIRMATIONS) break
      const id = entry.sessionId
      log(`Candidate: job ${id}, listed by ${why}; confirming it with Mintlify's v2 API.`)
      const verdict = await confirm(client, id, pr)
      if (verdict.job) {
        log(`Confirmed: job ${id} works on ${pr.url}.`)
        return { job: verdict.job, account: '' }
      }
      log(`Not confirmed: ${verdict.reason}.`)
      refused.push(`job \`${id}\` (listed by ${why}) ${verdict.reason}`)
    }
    if (page.length < LIST_PAGE_SIZE || refused.length >= MAX_CONFIRMATIONS) break
  }
  const read = `Mintlify's job list (${listed} jobs on ${pages} page${pages === 1 ? '' : 's'}${pages === MAX_LIST_PAGES ? `, the most it reads` : ''})`
  const account = refused.length
    ? `I looked for this pull request in ${read} and found ${refused.join('; ')}.`
    : `I looked for this pull request in ${read} and found no job whose pull request link is ${pr.url}${pr.headRef ? ` or whose branch is \`${pr.headRef}\`` : ''}.`
  return { job: undefined, account }
}

/** The v2 read that makes a listed candidate this pull request's job, or why it does not. */
async function confirm(
  client: AgentApi,
  id: string,
  pr: PullRequestRef
): Promise<{ job: AgentJob; reason?: undefined } | { job?: undefined; reason: string }> {
  let job: AgentJob
  try {
    job = await client.getJob(id)
  } catch (error) {
    if (error instanceof MintlifyRequestError && error.status === 404)
      return { reason: 'is not a job that Mintlify’s v2 API knows' }
    throw error
  }
  if (samePullRequest(job.prLink, pr.url)) return { job }
  const repository = job.source?.repository
  if (pr.headRef && job.source?.ref === pr.headRef) {
    // A branch name alone can be another repository's: the job must work where the branch lives.
    const expected = pr.headRepository ?? repositoryOf(pr.url)
    if (sameRepository(repository, expected)) return { job }
    const where = repository
      ? `of ${repository}, not of ${expected}`
      : `but names no repository, so it cannot be told from a branch of that name in another repository`
    return {
      reason: `works on branch \`${pr.headRef}\` ${where}, so it is not this pull request's job`
    }
  }
  const works = [
    job.source?.ref ? `works on branch \`${job.source.ref}\`` : 'names no branch',
    job.prLink ? `with pull request ${job.prLink}` : 'and no pull request'
  ].join(' ')
  return { reason: `${works}, so it is not this pull request's job` }
}

/** What Mintlify's records say of a start whose answer was lost. */
export type StartLookup =
  | { found: AgentJob }
  | { none: true }
  /** More than one job, or none that can be confirmed: the start cannot be told. */
  | { unsettled: string }

/**
 * The job a start made, when its answer was lost: the jobs the v1 list shows as created within
 * `from`..`to` (wall ms), each confirmed by a v2 read of its creation time. One is that start's
 * job; none means the start never made one; more than one (another start in the same project at
 * the same moment) cannot be told apart. Throws when the list or a listed job cannot be read.
 */
export async function findStartedJob(
  client: AgentApi,
  window: { from: number; to: number }
): Promise<StartLookup> {
  const within = (at: string | undefined) => {
    const ms = Date.parse(at ?? '')
    return ms >= window.from && ms <= window.to
  }
  const listed = await client.listJobs(0)
  const candidates = listed.filter((entry) => !entry.createdAt || within(entry.createdAt))
  const confirmed: AgentJob[] = []
  for (const entry of candidates.slice(0, MAX_CONFIRMATIONS)) {
    const job = await client.getJob(entry.sessionId).catch((error: unknown) => {
      // Gone since it was listed, so not that start's job; any other failure tells nothing.
      if (error instanceof MintlifyRequestError && error.status === 404) return undefined
      throw error
    })
    if (job && within(job.createdAt)) confirmed.push(job)
  }
  const [only, ...more] = confirmed
  if (only && !more.length) return { found: only }
  if (!only && candidates.length <= MAX_CONFIRMATIONS) return { none: true }
  return {
    unsettled: `${confirmed.length || candidates.length} jobs of this project were started at about that time`
  }
}
