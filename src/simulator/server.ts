/**
 * A loopback stand-in for the Mintlify agent API (v2, and the deprecated v1 job list), written
 * from admin-openapi.json: the demo, the end-to-end tests and the benchmark all run the action
 * against it. Jobs and limits live in jobs.ts; this module speaks HTTP and serves faults. Every
 * other path goes to the GitHub side (github-api.ts), a small GitHub REST API for one demo world.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { simulatedGitHub, type SimulatedGitHub } from './github-api.js'
import {
  DEMO_JOB_ID,
  DEMO_PROJECT_ID,
  JobBook,
  RATE_LIMIT_WINDOW_MS,
  SIMULATOR_API_KEY,
  type AcceptedMessage,
  type JobOutcome,
  type ListedSession,
  type SimulatedJob
} from './jobs.js'

export {
  DEMO_JOB_ID,
  DEMO_PROJECT_ID,
  RATE_LIMIT_WINDOW_MS,
  SIMULATOR_API_KEY,
  type AcceptedMessage,
  type JobOutcome,
  type ListedSession,
  type SimulatedJob
}

type Route = 'job' | 'message' | 'create' | 'list'

/**
 * A misbehaviour served instead of the normal answer, `times` times (default once),
 * to requests matching `method` and `route` when given.
 */
export type Fault = {
  method?: 'GET' | 'POST'
  route?: Route
  times?: number
} & (
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'html'; status?: number }
  | { kind: 'malformed-json'; status?: number }
  /** Drops the connection before reading the body: the message never arrives. */
  | { kind: 'reset-before-body' }
  /** Takes the message, then drops the connection before answering. */
  | { kind: 'reset-after-body' }
  /** Does the work at once, but answers only after `delayMs`. */
  | { kind: 'slow'; delayMs: number }
)

export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  /** Undefined when the connection was cut before the body was read. */
  body: string | undefined
  /** Date.now() when the request arrived. */
  at: number
}

/** One request as it ended: its answer's status, or none when the connection was dropped. */
export interface AnsweredRequest {
  method: string
  path: string
  status: number | undefined
  durationMs: number
}

export interface SimulatorOptions {
  apiKey?: string
  /** How long a job stays active after a message (default 2 s). */
  jobDurationMs?: number
  /** Messages and new jobs per project per hour (default 100, as the real API). */
  hourlyLimit?: number
  /** What jobs end in, the demo job and new ones alike (default completed, with a pull request). */
  outcome?: JobOutcome
  /** The window the hourly limit counts in (default an hour; tests shorten it). */
  rateLimitWindowMs?: number
  /** Whether to seed the demo job (default true). */
  demoJob?: boolean
  port?: number
  /** Told of every request once it is answered (the command line prints a line each). */
  onAnswer?: (answered: AnsweredRequest) => void
}

export interface Simulator {
  url: string
  /** The Mintlify requests (the GitHub side's are in `github.book`). */
  requests: RecordedRequest[]
  /** Messages and new jobs the simulator took, in order. */
  accepted: AcceptedMessage[]
  addJob(job: Partial<SimulatedJob> & { id: string }): SimulatedJob
  job(id: string, projectId?: string): SimulatedJob | undefined
  /** An entry only the v1 list knows: no v2 job answers to its session ID. */
  addListedSession(session: Partial<ListedSession> & { sessionId: string }): void
  addFault(fault: Fault): void
  /** Accepts another key from now on, as when the one in use is revoked. */
  setApiKey(key: string): void
  /** The GitHub side: what its demo world holds, and what runs wrote there. */
  github: SimulatedGitHub
  close(): Promise<void>
}

const ROUTE = /^\/v2\/agent\/([^/?#]+)\/job(?:\/([^/?#]+)(\/message)?)?\/?$/
const LIST_ROUTE = /^\/v1\/agent\/([^/?#]+)\/jobs$/
const GATEWAY_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>'

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  let apiKey = options.apiKey ?? SIMULATOR_API_KEY
  const hourlyLimit = options.hourlyLimit ?? 100
  const book = new JobBook({
    jobDurationMs: options.jobDurationMs ?? 2000,
    hourlyLimit,
    outcome: options.outcome ?? 'completed',
    rateLimitWindowMs: options.rateLimitWindowMs ?? RATE_LIMIT_WINDOW_MS
  })
  const faults: (Fault & { remaining: number })[] = []
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  const github = simulatedGitHub()

  function takeFault(method: string, route: Route): Fault | undefined {
    const index = faults.findIndex(
      (f) => (!f.method || f.method === method) && (!f.route || f.route === route)
    )
    if (index < 0) return undefined
    const fault = faults[index]!
    if (--fault.remaining <= 0) faults.splice(index, 1)
    return fault
  }

  /** Answers 429 when the project's hourly limit is used up. */
  function rateLimited(projectId: string, res: ServerResponse): boolean {
    const retryAfterS = book.limitedFor(projectId)
    if (retryAfterS === undefined) return false
    const per = `${hourlyLimit} ${hourlyLimit === 1 ? 'message or new job' : 'messages or new jobs'}`
    send(
      res,
      429,
      { error: `Rate limit exceeded: ${per} per project per hour` },
      {
        'retry-after': String(retryAfterS),
        'x-ratelimit-limit': String(hourlyLimit),
        'x-ratelimit-remaining': '0'
      }
    )
    return true
  }

  /** `GET /v1/agent/{projectId}/jobs?skip=&take=`: newest first, `take` at most 100. */
  function listJobs(projectId: string, query: URLSearchParams, res: ServerResponse): void {
    const number = (name: string, fallback: number) => {
      const text = query.get(name)
      return text === null ? fallback : /^\d+$/.test(text) ? Number(text) : NaN
    }
    const skip = number('skip', 0)
    const take = number('take', 12)
    if (!(skip >= 0) || !(take >= 1 && take <= 100))
      return send(res, 400, { error: 'skip must be 0 or more, take from 1 to 100' })
    send(res, 200, { allSessions: book.list(projectId, skip, take) })
  }

  /** Serves a fault that answers in place of the API; false for faults that do not. */
  function serveFault(fault: Fault | undefined, res: ServerResponse): boolean {
    if (fault?.kind === 'slow') {
      // The work is done at once and only the answer is late, as when a gateway stalls on the way back.
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
      res.end = ((...args: unknown[]) => {
        setTimeout(() => end(...args), fault.delayMs)
        return res
      }) as typeof res.end
      return false
    }
    if (fault?.kind === 'status') {
      send(res, fault.status, fault.body ?? { error: `Simulated ${fault.status}` }, fault.headers)
    } else if (fault?.kind === 'html') {
      res.writeHead(fault.status ?? 502, { 'content-type': 'text/html' })
      res.end(GATEWAY_PAGE)
    } else if (fault?.kind === 'malformed-json') {
      send(res, fault.status ?? 200, '{"id": "truncated", "status": ')
    } else {
      return false
    }
    return true
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    const path = req.url ?? '/'
    const url = new URL(path, 'http://simulator')
    // Mintlify's paths start /v1/agent/ or /v2/agent/; GitHub's never do.
    if (!/^\/v[12]\/agent\//.test(url.pathname)) return github.handle(req, res)
    const match = ROUTE.exec(url.pathname)
    const listMatch = LIST_ROUTE.exec(url.pathname)
    const route: Route | undefined = listMatch
      ? 'list'
      : !match
        ? undefined
        : match[3]
          ? 'message'
          : match[2]
            ? 'job'
            : 'create'
    const fault = route ? takeFault(method, route) : undefined

    if (fault?.kind === 'reset-before-body') {
      requests.push({ method, path, headers: req.headers, body: undefined, at: Date.now() })
      req.socket.destroy()
      return
    }
    const body = await readBody(req)
    requests.push({ method, path, headers: req.headers, body, at: Date.now() })
    if (serveFault(fault, res)) return

    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return send(res, 401, { error: 'Invalid or missing API key' })
    if (listMatch) {
      if (method !== 'GET') return send(res, 405, { error: 'Method not allowed' })
      return listJobs(decodeURIComponent(listMatch[1]!), url.searchParams, res)
    }
    if (!match || !route) return send(res, 404, { error: 'Not found' })
    const projectId = decodeURIComponent(match[1]!)
    const jobId = match[2] === undefined ? undefined : decodeURIComponent(match[2])

    if (method === 'GET' && route === 'job') {
      const job = book.get(projectId, jobId!)
      return job ? send(res, 200, book.shown(job)) : send(res, 404, { error: 'Job not found' })
    }
    if (method !== 'POST' || route === 'job') return send(res, 405, { error: 'Method not allowed' })

    let prompt: unknown
    try {
      prompt = (JSON.parse(body) as { prompt?: unknown }).prompt
    } catch {
      return send(res, 400, { error: 'Request body must be JSON' })
    }
    if (typeof prompt !== 'string' || prompt.length < 1) {
      return send(res, 400, { error: 'prompt is required and must be a non-empty string' })
    }

    if (route === 'message') {
      const job = book.get(projectId, jobId!)
      if (!job) return send(res, 404, { error: 'Job not found' })
      if (job.status === 'archived') return send(res, 400, { error: 'Job is archived' })
      if (rateLimited(projectId, res)) return
      book.startWork(job, prompt)
      if (fault?.kind === 'reset-after-body') return void req.socket.destroy()
      return send(res, 200, book.shown(job))
    }

    if (rateLimited(projectId, res)) return
    const job = book.create(projectId, prompt)
    if (fault?.kind === 'reset-after-body') return void req.socket.destroy()
    return send(res, 201, book.shown(job))
  }

  if (options.demoJob !== false) {
    book.add({
      id: DEMO_JOB_ID,
      prLink: 'https://github.com/acme/docs/pull/42',
      source: { repository: 'https://github.com/acme/docs', ref: 'mintlify/update-quickstart' }
    })
  }

  const server = createServer((req, res) => {
    const started = Date.now()
    res.on('close', () =>
      options.onAnswer?.({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status: res.headersSent ? res.statusCode : undefined,
        durationMs: Date.now() - started
      })
    )
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: String(error) })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted: book.accepted,
    addJob: (job) => book.add(job),
    job: (id, projectId = DEMO_PROJECT_ID) => book.get(projectId, id),
    addFault: (fault) => faults.push({ ...fault, remaining: fault.times ?? 1 }),
    addListedSession: (session) => book.addListedSession(session),
    setApiKey: (key) => void (apiKey = key),
    github,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(
  res: ServerResponse,
  status: number,
  body: object | string,
  headers: Record<string, string> = {}
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(text)
}
