/**
 * A loopback stand-in for the Mintlify agent API (v2), written from admin-openapi.json:
 * the demo, the end-to-end tests and the benchmark all run the action against it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export const SIMULATOR_API_KEY = 'mint_simulator_key'
export const DEMO_PROJECT_ID = 'demo-project'
export const DEMO_JOB_ID = 'demo-job'
export const RATE_LIMIT_WINDOW_MS = 3_600_000

/** What a job turns into once its active period ends. */
export type JobOutcome = 'completed' | 'no-changes' | 'failed' | 'archived' | 'never'

export interface SimulatedJob {
  id: string
  projectId: string
  status: string
  source: { repository: string; ref: string | null }
  model: string
  prLink: string | null
  createdAt: string
  archivedAt: string | null
  /** What the next active period ends in. */
  outcome: JobOutcome
  /** How long a message keeps the job active. */
  durationMs: number
  /** Reported instead of `active` while the job works: lets tests try statuses the spec does not list. */
  workingStatus: string
  /** Date.now() when the current active period ends. */
  activeUntil: number | undefined
  /** Date.now() when the job last turned final. */
  finalAt: number | undefined
  prompts: string[]
  /**
   * What the deprecated v1 list says of the job, where it says something else than the job
   * itself (`null`: nothing); `listed: false` leaves the job out of the list.
   */
  listedBranch?: string | null
  listedPullRequestLink?: string | null
  listed?: boolean
}

/** An entry of the v1 list (`GET /v1/agent/{projectId}/jobs`), as admin-openapi.json shapes it. */
export interface ListedSession {
  sessionId: string
  subdomain: string
  branch: string | null
  haulted: boolean
  haultReason: 'completed' | 'github_missconfigured' | 'error' | 'processing' | 'interrupted'
  pullRequestLink?: string
  title?: string
  createdAt: string
}

/**
 * A misbehaviour served instead of the normal answer, `times` times (default once),
 * to requests matching `method` and `route` when given.
 */
export type Fault = {
  method?: 'GET' | 'POST'
  route?: 'job' | 'message' | 'create' | 'list'
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

export interface AcceptedMessage {
  projectId: string
  jobId: string
  prompt: string
  at: number
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
}

export interface Simulator {
  url: string
  requests: RecordedRequest[]
  /** Messages and new jobs the simulator took, in order. */
  accepted: AcceptedMessage[]
  addJob(job: Partial<SimulatedJob> & { id: string }): SimulatedJob
  job(id: string, projectId?: string): SimulatedJob | undefined
  /** An entry only the v1 list knows: no v2 job answers to its session ID. */
  addListedSession(session: Partial<ListedSession> & { sessionId: string }): void
  addFault(fault: Fault): void
  close(): Promise<void>
}

const ROUTE = /^\/v2\/agent\/([^/?#]+)\/job(?:\/([^/?#]+)(\/message)?)?\/?$/
const LIST_ROUTE = /^\/v1\/agent\/([^/?#]+)\/jobs$/

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const apiKey = options.apiKey ?? SIMULATOR_API_KEY
  const jobDurationMs = options.jobDurationMs ?? 2000
  const hourlyLimit = options.hourlyLimit ?? 100
  const defaultOutcome = options.outcome ?? 'completed'
  const rateLimitWindowMs = options.rateLimitWindowMs ?? RATE_LIMIT_WINDOW_MS
  const jobs = new Map<string, SimulatedJob>()
  const faults: (Fault & { remaining: number })[] = []
  const requests: RecordedRequest[] = []
  const accepted: AcceptedMessage[] = []
  const listOnly: (ListedSession & { projectId: string })[] = []
  const sockets = new Set<Socket>()
  let pullRequestNumber = 100
  let jobNumber = 0

  const key = (projectId: string, id: string): string => `${projectId}\u0000${id}`

  function addJob(partial: Partial<SimulatedJob> & { id: string }): SimulatedJob {
    const job: SimulatedJob = {
      projectId: DEMO_PROJECT_ID,
      status: 'completed',
      source: { repository: 'https://github.com/acme/docs', ref: `mintlify/${partial.id}` },
      model: 'claude-sonnet-4',
      prLink: null,
      createdAt: new Date().toISOString(),
      archivedAt: null,
      outcome: defaultOutcome,
      durationMs: jobDurationMs,
      workingStatus: 'active',
      activeUntil: undefined,
      finalAt: undefined,
      prompts: [],
      ...partial
    }
    jobs.set(key(job.projectId, job.id), job)
    return job
  }

  /** Ends the active period lazily, at the instant it was due. */
  function settle(job: SimulatedJob): SimulatedJob {
    if (job.activeUntil !== undefined && Date.now() >= job.activeUntil && job.outcome !== 'never') {
      job.finalAt = job.activeUntil
      job.activeUntil = undefined
      if (job.outcome === 'completed') {
        job.status = 'completed'
        job.prLink ??= `${job.source.repository.replace(/\/$/, '')}/pull/${++pullRequestNumber}`
      } else if (job.outcome === 'no-changes') {
        job.status = 'completed'
      } else {
        job.status = job.outcome
        if (job.outcome === 'archived') job.archivedAt = new Date(job.finalAt).toISOString()
      }
    }
    return job
  }

  function startWork(job: SimulatedJob, prompt: string): void {
    job.prompts.push(prompt)
    job.status = job.workingStatus
    job.activeUntil = Date.now() + job.durationMs
    job.finalAt = undefined
    if (job.outcome === 'no-changes') job.prLink = null
    accepted.push({ projectId: job.projectId, jobId: job.id, prompt, at: Date.now() })
  }

  function publicJob(job: SimulatedJob): object {
    const { id, status, source, model, createdAt, archivedAt } = job
    return {
      id,
      status,
      source,
      model,
      prLink: status === job.workingStatus ? null : job.prLink,
      createdAt,
      archivedAt
    }
  }

  /** The job as the v1 list shows it. */
  function listed(job: SimulatedJob): ListedSession {
    const { status } = settle(job)
    const branch = job.listedBranch === undefined ? job.source.ref : job.listedBranch
    const link = job.listedPullRequestLink === undefined ? job.prLink : job.listedPullRequestLink
    return {
      sessionId: job.id,
      subdomain: 'acme',
      branch,
      haulted: status !== job.workingStatus,
      haultReason:
        status === job.workingStatus
          ? 'processing'
          : status === 'failed'
            ? 'error'
            : status === 'archived'
              ? 'interrupted'
              : 'completed',
      ...(link ? { pullRequestLink: link } : {}),
      ...(job.prompts[0] ? { title: job.prompts[0].slice(0, 60) } : {}),
      createdAt: job.createdAt
    }
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
    const sessions = [
      ...[...jobs.values()]
        .filter((j) => j.projectId === projectId && j.listed !== false)
        .map(listed),
      ...listOnly.filter((s) => s.projectId === projectId).map(({ projectId: _p, ...s }) => s)
    ].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    send(res, 200, { allSessions: sessions.slice(skip, skip + take) })
  }

  function takeFault(
    method: string,
    route: 'job' | 'message' | 'create' | 'list'
  ): Fault | undefined {
    const index = faults.findIndex(
      (f) => (!f.method || f.method === method) && (!f.route || f.route === route)
    )
    if (index < 0) return undefined
    const fault = faults[index]!
    if (--fault.remaining <= 0) faults.splice(index, 1)
    return fault
  }

  function rateLimited(projectId: string, res: ServerResponse): boolean {
    const since = Date.now() - rateLimitWindowMs
    const recent = accepted.filter((m) => m.projectId === projectId && m.at > since)
    if (recent.length < hourlyLimit) return false
    const retryAfterS = Math.max(
      1,
      Math.ceil((recent[0]!.at + rateLimitWindowMs - Date.now()) / 1000)
    )
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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    const path = req.url ?? '/'
    const url = new URL(path, 'http://simulator')
    const match = ROUTE.exec(url.pathname)
    const listMatch = LIST_ROUTE.exec(url.pathname)
    const route = listMatch
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

    if (fault?.kind === 'slow') {
      // The work is done at once and only the answer is late, as when a gateway stalls on the way back.
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
      res.end = ((...args: unknown[]) => {
        setTimeout(() => end(...args), fault.delayMs)
        return res
      }) as typeof res.end
    }
    if (fault?.kind === 'status')
      return send(
        res,
        fault.status,
        fault.body ?? { error: `Simulated ${fault.status}` },
        fault.headers
      )
    if (fault?.kind === 'html') {
      res.writeHead(fault.status ?? 502, { 'content-type': 'text/html' })
      res.end(
        '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>'
      )
      return
    }
    if (fault?.kind === 'malformed-json')
      return send(res, fault.status ?? 200, '{"id": "truncated", "status": ')

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
      const job = jobs.get(key(projectId, jobId!))
      return job
        ? send(res, 200, publicJob(settle(job)))
        : send(res, 404, { error: 'Job not found' })
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
      const job = jobs.get(key(projectId, jobId!))
      if (!job) return send(res, 404, { error: 'Job not found' })
      if (settle(job).status === 'archived') return send(res, 400, { error: 'Job is archived' })
      if (rateLimited(projectId, res)) return
      startWork(job, prompt)
      if (fault?.kind === 'reset-after-body') return void req.socket.destroy()
      return send(res, 200, publicJob(job))
    }

    if (rateLimited(projectId, res)) return
    const job = addJob({
      id: `job_${Date.now().toString(36)}_${++jobNumber}`,
      projectId,
      prLink: null
    })
    startWork(job, prompt)
    if (fault?.kind === 'reset-after-body') return void req.socket.destroy()
    return send(res, 201, publicJob(job))
  }

  if (options.demoJob !== false) {
    addJob({
      id: DEMO_JOB_ID,
      prLink: 'https://github.com/acme/docs/pull/42',
      source: { repository: 'https://github.com/acme/docs', ref: 'mintlify/update-quickstart' }
    })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: String(error) })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted,
    addJob,
    job: (id, projectId = DEMO_PROJECT_ID) => {
      const job = jobs.get(key(projectId, id))
      return job && settle(job)
    },
    addFault: (fault) => faults.push({ ...fault, remaining: fault.times ?? 1 }),
    addListedSession: (session) =>
      listOnly.push({
        projectId: DEMO_PROJECT_ID,
        subdomain: 'acme',
        branch: null,
        haulted: true,
        haultReason: 'completed',
        createdAt: new Date().toISOString(),
        ...session
      }),
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
