/**
 * The Mintlify agent API as the rest of the code sees it: the port that MintlifyClient implements
 * over HTTP and that flow tests implement in memory. Nothing here loads undici.
 */

/** The job as `GET /v2/agent/{projectId}/job/{id}` describes it (admin-openapi.json, AgentJob). */
export interface AgentJob {
  id: string
  /** `active`, `completed`, `archived` or `failed`; any other value is treated as still running. */
  status: string
  source?: { repository?: string; ref?: string | null }
  model?: string
  prLink?: string | null
  createdAt?: string
  archivedAt?: string | null
}

/**
 * One entry of the deprecated `GET /v1/agent/{projectId}/jobs` list: the only list of jobs the
 * admin API has. Nothing public says a `sessionId` is a v2 job `id`: confirm with a v2 read.
 */
export interface ListedSession {
  sessionId: string
  branch?: string | null
  pullRequestLink?: string
  createdAt?: string
}

export interface AgentApi {
  /** Reads the job; network faults, 429 and 5xx are retried with backoff unless `once`. */
  getJob(jobId: string, options?: { once?: boolean }): Promise<AgentJob>
  /** One page of the project's job list (LIST_PAGE_SIZE entries from `skip`), newest first. */
  listJobs(skip: number): Promise<ListedSession[]>
  /** Starts a new job with one attempt: the caller decides whether to try again. */
  createJob(prompt: string): Promise<AgentJob>
  /** Sends one follow-up message with one attempt: the caller decides whether to send again. */
  sendMessage(jobId: string, prompt: string): Promise<AgentJob>
}

/** The most entries the list gives in one page (`take`). */
export const LIST_PAGE_SIZE = 100

export const FINAL_STATUSES: readonly string[] = ['completed', 'failed', 'archived']
export const KNOWN_STATUSES: readonly string[] = ['active', ...FINAL_STATUSES]

export function isFinal(status: string): boolean {
  return FINAL_STATUSES.includes(status)
}

// Path segments are user input: anything that could add a path, a query or a fragment is refused.
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._~:@-]{0,199}$/

/** Whether a project or job ID can go into a path as it is. */
export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value)
}

interface RequestErrorFields {
  status?: number
  code?: string
  serverMessage?: string
  excerpt?: string
  retryAfterMs?: number
  hourlyLimit?: number
  attempts?: number
  notTaken?: boolean
}

/** A request to Mintlify that did not end in a usable answer. */
export class MintlifyRequestError extends Error {
  override name = 'MintlifyRequestError'
  /** HTTP status, when the server answered at all. */
  readonly status: number | undefined
  /** Node or undici error code for network faults (ECONNREFUSED, UND_ERR_SOCKET, …). */
  readonly code: string | undefined
  /** The `error` field of a JSON error body. */
  readonly serverMessage: string | undefined
  /** The start of a body that was not the JSON the API promises. */
  readonly excerpt: string | undefined
  readonly retryAfterMs: number | undefined
  /** The hourly limit a 429 names in `x-ratelimit-limit`, when it names one. */
  readonly hourlyLimit: number | undefined
  /** Attempts made, the first included. */
  readonly attempts: number
  /** A read of the job showed that the message was not taken, whatever the answer was. */
  readonly notTaken: boolean

  constructor(detail: string, fields: RequestErrorFields) {
    super(detail)
    this.status = fields.status
    this.code = fields.code
    this.serverMessage = fields.serverMessage
    this.excerpt = fields.excerpt
    this.retryAfterMs = fields.retryAfterMs
    this.hourlyLimit = fields.hourlyLimit
    this.attempts = fields.attempts ?? 1
    this.notTaken = fields.notTaken ?? false
  }

  /** The same failure, counted over all the attempts made. */
  afterAttempts(attempts: number, notTaken = this.notTaken): MintlifyRequestError {
    const { status, code, serverMessage, excerpt, retryAfterMs, hourlyLimit } = this
    return new MintlifyRequestError(this.message, {
      status,
      code,
      serverMessage,
      excerpt,
      retryAfterMs,
      hourlyLimit,
      attempts,
      notTaken
    })
  }
}
