import { MintlifyRequestError } from './agent-api.js'
import { classifySendFailure } from './delivery.js'
import { formatDuration } from './duration.js'
import { ACTION_VOCABULARY, type Vocabulary } from './vocabulary.js'

/** The Mintlify limit shared by every message and new job of a project. */
export const HOURLY_LIMIT = 100

export interface FailureContext {
  /** `list`: a page of the deprecated v1 job list, read to find a pull request's job. */
  operation: 'send' | 'read' | 'create' | 'list'
  jobId: string
  projectId: string
  baseUrl: string
  requestTimeoutMs: number
  /** Wall-clock now, to turn a Retry-After into a time of day. */
  nowMs?: number
  /** The words of the front end (the action's by default). */
  vocabulary?: Vocabulary
}

const TIMEOUT_CODES = [
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT'
]

/** One line that says what went wrong and what to do about it. */
export function explainFailure(error: unknown, context: FailureContext): string {
  if (!(error instanceof MintlifyRequestError)) {
    return `Unexpected error while talking to Mintlify: ${error instanceof Error ? error.message : String(error)}`
  }
  const { jobId, projectId, baseUrl } = context
  const words = context.vocabulary ?? ACTION_VOCABULARY
  const creating = context.operation === 'create'
  const listing = context.operation === 'list'
  const subject = creating
    ? `for a new job in project ${projectId}`
    : listing
      ? `for the job list of project ${projectId}`
      : `for job ${jobId} in project ${projectId}`
  const tries = error.attempts > 1 ? ` after ${error.attempts} attempts` : ''
  const said = error.serverMessage ? ` ("${error.serverMessage}")` : ''

  if (creating && classifySendFailure(error) === 'maybe-delivered') {
    const cause = error.status
      ? `answered ${error.status}`
      : `failed (${error.code ?? error.message})`
    return `Starting a new job in project ${projectId} ${cause} after the request may have reached Mintlify: it was not sent again, to avoid starting two jobs. Look for the job on the Mintlify dashboard before running again.`
  }
  if (context.operation === 'send' && classifySendFailure(error) === 'maybe-delivered') {
    const cause = error.status
      ? `answered ${error.status}`
      : `failed (${error.code ?? error.message})`
    return `Sending the message to job ${jobId} ${cause} after it may have reached Mintlify, and the job could not be read to tell: it was not sent again, to avoid sending it twice. Look at job ${jobId} on the Mintlify dashboard before running again.`
  }
  if (error.status === undefined) {
    if (error.code && TIMEOUT_CODES.includes(error.code)) {
      return `Mintlify did not answer within ${words.name('request-timeout')} (${formatDuration(context.requestTimeoutMs)}) ${subject}${tries}: try again later, or raise ${words.name('request-timeout')} if your network is slow.`
    }
    return `Could not reach Mintlify at ${baseUrl} (${error.code ?? error.message})${tries}: check ${words.name('base-url')}, the proxy variables (HTTPS_PROXY, NO_PROXY) and the network.`
  }
  if (error.excerpt !== undefined) {
    return `Mintlify answered ${error.status} ${subject} with a body that is not the API's JSON ("${error.excerpt}"): a proxy or gateway may be answering instead of Mintlify; check ${words.name('base-url')} and the proxy settings.`
  }
  switch (error.status) {
    case 400:
      if (context.operation === 'send' && /archived/i.test(error.serverMessage ?? ''))
        return `Job ${jobId} is archived and takes no more messages, so nothing was sent: start a new job (${words.startJobAdvice}).`
      return context.operation === 'send' || creating
        ? `Mintlify refused the ${creating ? 'new job' : 'message'} ${subject} (400)${said}: fix the prompt and run again.`
        : `Mintlify refused the request ${subject} (400)${said}: check ${words.name('project-id')}${listing ? '' : ` and ${words.name('job-id')}`}.`
    case 401:
      return `Mintlify answered 401 ${subject}${said}: the key in ${words.name('api-key')} was not accepted. Use an admin key (mint_…) from the API keys page of the Mintlify dashboard.`
    case 403:
      return `Mintlify answered 403 ${subject}${said}: the key in ${words.name('api-key')} may not act on this project. Use an admin key of project ${projectId}.`
    case 404: {
      const url = wrongUrlHint(context.baseUrl, error, words.name('base-url'))
      if (url) return `Mintlify answered 404 ${subject}${said}: ${url}`
      return listing
        ? `Mintlify answered 404 ${subject}${said}: check ${words.name('project-id')}; the deprecated list of jobs may no longer be there. Name the job instead.`
        : `Mintlify answered 404 ${subject}${said}: check ${creating ? words.name('project-id') : `${words.name('job-id')} and ${words.name('project-id')}`}.`
    }
    case 429: {
      const limit = error.hourlyLimit ?? HOURLY_LIMIT
      const per = `${limit} ${limit === 1 ? 'message or new job' : 'messages or new jobs'}`
      return `Mintlify answered 429 ${subject}${tries}${said}: the project's limit of ${per} per hour is used up. ${retryHint(error.retryAfterMs, context.nowMs ?? Date.now())}`
    }
  }
  if (error.status >= 500) {
    return `Mintlify answered ${error.status} ${subject}${tries}${said}: the service is having trouble; ${words.tryAgainLater}.`
  }
  return `Mintlify answered ${error.status} ${subject}${said}: the Mintlify API does not describe that answer; check ${words.name('base-url')} and try again.`
}

/**
 * A 404 that says the address is wrong, not the job: the base URL has a path (Mintlify's API is at
 * its host's root, and the action adds /v2/…), or the answer is not Mintlify's JSON error.
 */
function wrongUrlHint(
  baseUrl: string,
  error: MintlifyRequestError,
  name: string
): string | undefined {
  let path: string
  try {
    path = new URL(baseUrl).pathname.replace(/\/+$/, '')
  } catch {
    return undefined
  }
  if (path)
    return `${name} (${baseUrl}) has a path (${path}), but the action adds /v2/agent/… itself: give the API's root, as https://api.mintlify.com.`
  if (error.serverMessage === undefined)
    return `the answer is not Mintlify's (no JSON error), so ${name} (${baseUrl}) may be wrong; otherwise check the job and the project.`
  return undefined
}

function retryHint(retryAfterMs: number | undefined, nowMs: number): string {
  if (retryAfterMs === undefined)
    return 'Retry within the hour, once earlier requests have aged out.'
  const at = new Date(nowMs + retryAfterMs).toISOString().replace(/\.\d+Z$/, 'Z')
  return `Retry after ${at} (in ${formatDuration(retryAfterMs)}).`
}

/** What kind of failure a request ended in, for programs that read the command line's JSON. */
export type FailureKind =
  | 'rejected'
  | 'unauthorized'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'not-json'
  | 'unreachable'
  | 'request-timeout'
  | 'uncertain'
  | 'job-archived'

export function failureKind(error: unknown, operation: FailureContext['operation']): FailureKind {
  if (!(error instanceof MintlifyRequestError)) return 'server-error'
  if (operation === 'create' && classifySendFailure(error) === 'maybe-delivered') return 'uncertain'
  if (error.status === undefined)
    return error.code && TIMEOUT_CODES.includes(error.code) ? 'request-timeout' : 'unreachable'
  if (error.excerpt !== undefined) return 'not-json'
  if (error.status === 401 || error.status === 403) return 'unauthorized'
  if (error.status === 404) return 'not-found'
  if (error.status === 429) return 'rate-limited'
  if (error.status === 400 && /archived/i.test(error.serverMessage ?? '')) return 'job-archived'
  if (error.status >= 500) return 'server-error'
  return 'rejected'
}
