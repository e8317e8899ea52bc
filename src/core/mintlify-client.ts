import { request, RetryAgent, type Dispatcher } from 'undici'
import {
  LIST_PAGE_SIZE,
  MintlifyRequestError,
  type AgentApi,
  type AgentJob,
  type ListedSession
} from './agent-api.js'
import type { Clock } from './clock.js'
import type { Logger } from './logger.js'
import {
  nextRetryDelay,
  parseRetryAfter,
  RETRYABLE_ERROR_CODES,
  RETRYABLE_STATUSES,
  type RetryPolicy
} from './retry-policy.js'

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
  /** Gets every request's method, path, status and timing as debug lines, never the key. */
  logger: Logger
}

const EXCERPT_LENGTH = 160

interface AttemptCounted {
  attempts?: number
}

/** The Mintlify agent API over undici: bearer key, encoded paths, retried reads, one-shot writes. */
export class MintlifyClient implements AgentApi {
  readonly #options: ClientOptions
  readonly #readDispatcher: Dispatcher

  constructor(options: ClientOptions) {
    this.#options = options
    const { clock, retryPolicy, deadline, logger } = options
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
        logger.debug(
          `Read failed (${describeCause(err)}); attempt ${state.counter + 1} in ${delay} ms.`
        )
        clock.sleep(delay, options.signal).then(
          () => callback(null),
          (aborted: Error) => callback(aborted)
        )
        return undefined
      }
    })
  }

  getJob(jobId: string, { once = false } = {}): Promise<AgentJob> {
    const dispatcher = once ? this.#options.dispatcher : this.#readDispatcher
    return this.#call('GET', jobId, this.#jobPath(jobId), undefined, dispatcher, isAgentJob)
  }

  async listJobs(skip: number): Promise<ListedSession[]> {
    const project = encodeURIComponent(this.#options.projectId)
    const path = `/v1/agent/${project}/jobs?skip=${skip}&take=${LIST_PAGE_SIZE}`
    const page = await this.#call('GET', '(list)', path, undefined, this.#readDispatcher, isJobList)
    return page.allSessions.filter(
      (entry): entry is ListedSession => typeof entry?.sessionId === 'string'
    )
  }

  createJob(prompt: string): Promise<AgentJob> {
    const path = `/v2/agent/${encodeURIComponent(this.#options.projectId)}/job`
    return this.#call('POST', '(new)', path, { prompt }, this.#options.dispatcher, isAgentJob)
  }

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
    const { baseUrl, apiKey, requestTimeoutMs, signal, logger } = this.#options
    const url = `${baseUrl}${path}`
    const started = Date.now()
    logger.debug(`${method} ${url}${body ? ` (${JSON.stringify(body).length} bytes)` : ''}`)

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
      const failure = this.#networkError(err)
      // RetryAgent drops the body of the answers it retries. A last answer that is not the API's
      // JSON (a gateway's page) is asked for once more on its own, so that the message can quote it.
      if (dispatcher === this.#readDispatcher && failure.status !== undefined && !isJson(err)) {
        try {
          return await this.#call(method, jobId, path, body, this.#options.dispatcher, isAnswer)
        } catch (last) {
          throw last instanceof MintlifyRequestError
            ? last.afterAttempts(failure.attempts + 1)
            : last
        }
      }
      throw failure
    }
    logger.debug(
      `${method} ${path} answered ${status} in ${Date.now() - started} ms for job ${jobId}`
    )

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

/** Whether a failed attempt's answer said it was JSON (or said nothing of its type). */
function isJson(err: unknown): boolean {
  const type = (err as { headers?: Record<string, string | string[] | undefined> }).headers?.[
    'content-type'
  ]
  return type === undefined || /json/i.test(String(type))
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
