import { request, RetryAgent, type Dispatcher } from 'undici'
import type { Clock } from './clock.js'
import {
  nextRetryDelay,
  parseRetryAfter,
  RETRYABLE_ERROR_CODES,
  RETRYABLE_STATUSES,
  type RetryPolicy
} from './retry-policy.js'

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
}

/** The most entries the list gives in one page (`take`). */
export const LIST_PAGE_SIZE = 100

export const FINAL_STATUSES: readonly string[] = ['completed', 'failed', 'archived']
export const KNOWN_STATUSES: readonly string[] = ['active', ...FINAL_STATUSES]

export function isFinal(status: string): boolean {
  return FINAL_STATUSES.includes(status)
}

interface RequestErrorFields {
  status?: number
  code?: string
  serverMessage?: string
  excerpt?: string
  retryAfterMs?: number
  hourlyLimit?: number
  attempts?: number
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

  constructor(detail: string, fields: RequestErrorFields) {
    super(detail)
    this.status = fields.status
    this.code = fields.code
    this.serverMessage = fields.serverMessage
    this.excerpt = fields.excerpt
    this.retryAfterMs = fields.retryAfterMs
    this.hourlyLimit = fields.hourlyLimit
    this.attempts = fields.attempts ?? 1
  }

  /** The same failure, counted over all the attempts made. */
  afterAttempts(attempts: number): MintlifyRequestError {
    const { status, code, serverMessage, excerpt, retryAfterMs, hourlyLimit } = this
    return new MintlifyRequestError(this.message, {
      status,
      code,
      serverMessage,
      excerpt,
      retryAfterMs,
      hourlyLimit,
      attempts
    })
  }
}

export interface ClientOptions {
  baseUrl: string
  apiKey: string
  projectId: string
  /** Carries every request (an EnvHttpProxyAgent in the action, a MockAgent in tests). */
  dispatcher: Dispatcher
  requestTimeoutMs: number
  /** Retries of reads; the send is never retried here (see delivery.ts). */
  retryPolicy: RetryPolicy
  clock: Clock
  /** No read is retried past this instant (clock milliseconds). */
  deadline: number
  signal?: AbortSignal
  debug?: (message: string) => void
}

const EXCERPT_LENGTH = 160

interface AttemptCounted {
  attempts?: number
}

export class MintlifyClient {
  readonly #options: ClientOptions
  readonly #readDispatcher: Dispatcher

  constructor(options: ClientOptions) {
    this.#options = options
    const { clock, retryPolicy, deadline, debug } = options
    this.#readDispatcher = new RetryAgent(options.dispatcher, {
      methods: ['GET'],
      statusCodes: [...RETRYABLE_STATUSES],
      errorCodes: [...RETRYABLE_ERROR_CODES],
      retry(err, { state }, callback) {
        const failure = err as Error &
          AttemptCounted & { headers?: Record<string, string | string[]> }
        failure.attempts = state.counter
        const delay = isRetryableError(err)
          ? nextRetryDelay({
              failedAttempts: state.counter,
              retryAfterMs: parseRetryAfter(failure.headers?.['retry-after'], Date.now()),
              remainingMs: deadline - clock.now(),
              policy: retryPolicy
            })
          : undefined
        if (delay === undefined) return callback(err)
        debug?.(`Read failed (${describeCause(err)}); attempt ${state.counter + 1} in ${delay} ms.`)
        setTimeout(() => callback(null), delay)
        return undefined
      }
    })
  }

  /** Reads the job; network faults, 429 and 5xx are retried with backoff unless `once`. */
  getJob(jobId: string, { once = false } = {}): Promise<AgentJob> {
    const dispatcher = once ? this.#options.dispatcher : this.#readDispatcher
    return this.#call('GET', jobId, this.#jobPath(jobId), undefined, dispatcher, isAgentJob)
  }

  /** One page of the project's job list, newest first; retried like any read. */
  async listJobs(skip: number): Promise<ListedSession[]> {
    const project = encodeURIComponent(this.#options.projectId)
    const path = `/v1/agent/${project}/jobs?skip=${skip}&take=${LIST_PAGE_SIZE}`
    const page = await this.#call('GET', '(list)', path, undefined, this.#readDispatcher, isJobList)
    return page.allSessions.filter(
      (entry): entry is ListedSession => typeof entry?.sessionId === 'string'
    )
  }

  /** Starts a new agent job with one attempt: the caller decides whether to try again. */
  createJob(prompt: string): Promise<AgentJob> {
    const path = `/v2/agent/${encodeURIComponent(this.#options.projectId)}/job`
    return this.#call('POST', '(new)', path, { prompt }, this.#options.dispatcher, isAgentJob)
  }

  /** Sends one follow-up message, exactly once: the caller decides whether to send again. */
  sendMessage(jobId: string, prompt: string): Promise<AgentJob> {
    return this.#call(
      'POST',
      jobId,
      `${this.#jobPath(jobId)}/message`,
      { prompt },
      this.#options.dispatcher,
      isAgentJob
    )
  }

  #jobPath(jobId: string): string {
    const project = encodeURIComponent(this.#options.projectId)
    return `/v2/agent/${project}/job/${encodeURIComponent(jobId)}`
  }

  /** Replaces the key wherever a server echoed it back. */
  #redact(text: string): string {
    return text.split(this.#options.apiKey).join('***')
  }

  async #call<Answer>(
    method: 'GET' | 'POST',
    jobId: string,
    path: string,
    body: object | undefined,
    dispatcher: Dispatcher,
    isAnswer: (value: unknown) => value is Answer
  ): Promise<Answer> {
    const { baseUrl, apiKey, requestTimeoutMs, signal, debug } = this.#options
    const url = `${baseUrl}${path}`
    const started = Date.now()
    debug?.(`${method} ${url}${body ? ` (${JSON.stringify(body).length} bytes)` : ''}`)

    let status: number
    let headers: Record<string, string | string[] | undefined>
    let text: string
    try {
      const response = await request(url, {
        method,
        dispatcher,
        signal,
        headersTimeout: requestTimeoutMs,
        bodyTimeout: requestTimeoutMs,
        headers: {
          authorization: `Bearer ${apiKey}`,
          accept: 'application/json',
          'user-agent': 'mintlify-agent-action',
          ...(body ? { 'content-type': 'application/json' } : {})
        },
        body: body ? JSON.stringify(body) : undefined
      })
      status = response.statusCode
      headers = response.headers
      // Whatever the server says, an echo of the key must not reach a log, an output or a comment.
      text = this.#redact(await response.body.text())
    } catch (err) {
      throw this.#networkError(err)
    }
    debug?.(`${method} ${path} answered ${status} in ${Date.now() - started} ms for job ${jobId}`)

    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new MintlifyRequestError(
        `${method} ${path} answered ${status} with a body that is not JSON`,
        {
          status,
          excerpt: this.#redact(excerptOf(text)),
          retryAfterMs: parseRetryAfter(headers['retry-after'], Date.now())
        }
      )
    }

    if (status < 200 || status >= 300) {
      const serverMessage =
        typeof (parsed as { error?: unknown })?.error === 'string'
          ? (parsed as { error: string }).error.slice(0, 500)
          : undefined
      const limit = Number(headers['x-ratelimit-limit'])
      throw new MintlifyRequestError(`${method} ${path} answered ${status}`, {
        status,
        serverMessage,
        retryAfterMs: parseRetryAfter(headers['retry-after'], Date.now()),
        hourlyLimit: Number.isInteger(limit) && limit > 0 ? limit : undefined
      })
    }

    if (!isAnswer(parsed)) {
      throw new MintlifyRequestError(
        `${method} ${path} answered ${status} without what the API promises`,
        {
          status,
          excerpt: excerptOf(text)
        }
      )
    }
    return parsed
  }

  #networkError(err: unknown): MintlifyRequestError {
    const failure = err as Error &
      AttemptCounted & {
        code?: string
        statusCode?: number
        headers?: Record<string, string | string[]>
        cause?: { code?: string }
      }
    // RetryAgent gives up on a retryable status with its own error that carries the status and headers.
    if (failure.code === 'UND_ERR_REQ_RETRY' && failure.statusCode) {
      return new MintlifyRequestError(`answered ${failure.statusCode}`, {
        status: failure.statusCode,
        retryAfterMs: parseRetryAfter(failure.headers?.['retry-after'], Date.now()),
        attempts: failure.attempts
      })
    }
    const code = failure.code ?? failure.cause?.code ?? failure.name
    return new MintlifyRequestError(failure.message || String(err), {
      code,
      attempts: failure.attempts
    })
  }
}

function isRetryableError(err: Error): boolean {
  const { code, statusCode } = err as Error & { code?: string; statusCode?: number }
  if (code === 'UND_ERR_REQ_RETRY')
    return statusCode !== undefined && RETRYABLE_STATUSES.includes(statusCode)
  return code !== undefined && RETRYABLE_ERROR_CODES.includes(code)
}

function describeCause(err: Error): string {
  const { code, statusCode } = err as Error & { code?: string; statusCode?: number }
  return statusCode ? `status ${statusCode}` : (code ?? err.message)
}

function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat
}

function isJobList(value: unknown): value is { allSessions: (Partial<ListedSession> | null)[] } {
  return Array.isArray((value as { allSessions?: unknown } | null)?.allSessions)
}

function isAgentJob(value: unknown): value is AgentJob {
  if (typeof value !== 'object' || value === null) return false
  const job = value as Record<string, unknown>
  return typeof job.id === 'string' && typeof job.status === 'string'
}
