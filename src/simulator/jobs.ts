/**
 * The simulator's record of jobs, the v1 list and the hourly limit: what Mintlify would know,
 * with no HTTP in it. Jobs move on lazily, when they are next looked at.
 */

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

export interface AcceptedMessage {
  projectId: string
  jobId: string
  prompt: string
  at: number
}

export interface JobBookOptions {
  jobDurationMs: number
  hourlyLimit: number
  outcome: JobOutcome
  rateLimitWindowMs: number
}

export class JobBook {
  /** Messages and new jobs taken, in order. */
  readonly accepted: AcceptedMessage[] = []
  readonly #jobs = new Map<string, SimulatedJob>()
  readonly #listOnly: (ListedSession & { projectId: string })[] = []
  readonly #options: JobBookOptions
  #pullRequestNumber = 100
  #jobNumber = 0

  constructor(options: JobBookOptions) {
    this.#options = options
  }

  add(partial: Partial<SimulatedJob> & { id: string }): SimulatedJob {
    const job: SimulatedJob = {
      projectId: DEMO_PROJECT_ID,
      status: 'completed',
      source: { repository: 'https://github.com/acme/docs', ref: `mintlify/${partial.id}` },
      model: 'claude-sonnet-4',
      prLink: null,
      createdAt: new Date().toISOString(),
      archivedAt: null,
      outcome: this.#options.outcome,
      durationMs: this.#options.jobDurationMs,
      workingStatus: 'active',
      activeUntil: undefined,
      finalAt: undefined,
      prompts: [],
      ...partial
    }
    this.#jobs.set(key(job.projectId, job.id), job)
    return job
  }

  /** A new job, working on its first prompt. */
  create(projectId: string, prompt: string): SimulatedJob {
    const id = `job_${Date.now().toString(36)}_${++this.#jobNumber}`
    const job = this.add({ id, projectId, prLink: null })
    this.startWork(job, prompt)
    return job
  }

  /** The job as it stands now, if the project has it. */
  get(projectId: string, id: string): SimulatedJob | undefined {
    const job = this.#jobs.get(key(projectId, id))
    return job && this.#settle(job)
  }

  /** An entry only the v1 list knows: no v2 job answers to its session ID. */
  addListedSession(session: Partial<ListedSession> & { sessionId: string }): void {
    this.#listOnly.push({
      projectId: DEMO_PROJECT_ID,
      subdomain: 'acme',
      branch: null,
      haulted: true,
      haultReason: 'completed',
      createdAt: new Date().toISOString(),
      ...session
    })
  }

  startWork(job: SimulatedJob, prompt: string): void {
    job.prompts.push(prompt)
    job.status = job.workingStatus
    job.activeUntil = Date.now() + job.durationMs
    job.finalAt = undefined
    if (job.outcome === 'no-changes') job.prLink = null
    this.accepted.push({ projectId: job.projectId, jobId: job.id, prompt, at: Date.now() })
  }

  /** The job as the v2 API shows it. */
  shown(job: SimulatedJob): object {
    const { id, status, source, model, createdAt, archivedAt } = job
    return {
      id,
      status,
      source,
      model,
      // A job's pull request stays while the agent works on a follow-up; a new job has none yet.
      prLink: job.prLink,
      createdAt,
      archivedAt
    }
  }

  /** One page of the v1 list, newest first. */
  list(projectId: string, skip: number, take: number): ListedSession[] {
    const sessions = [
      ...[...this.#jobs.values()]
        .filter((j) => j.projectId === projectId && j.listed !== false)
        .map((job) => this.#listed(job)),
      ...this.#listOnly.filter((s) => s.projectId === projectId).map(({ projectId: _p, ...s }) => s)
    ].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    return sessions.slice(skip, skip + take)
  }

  /**
   * When the project's hourly limit is used up: how many seconds until the oldest request of the
   * window ages out. Undefined while requests are left.
   */
  limitedFor(projectId: string): number | undefined {
    const { rateLimitWindowMs, hourlyLimit } = this.#options
    const since = Date.now() - rateLimitWindowMs
    const recent = this.accepted.filter((m) => m.projectId === projectId && m.at > since)
    if (recent.length < hourlyLimit) return undefined
    return Math.max(1, Math.ceil((recent[0]!.at + rateLimitWindowMs - Date.now()) / 1000))
  }

  /** Ends the active period lazily, at the instant it was due. */
  #settle(job: SimulatedJob): SimulatedJob {
    if (job.activeUntil !== undefined && Date.now() >= job.activeUntil && job.outcome !== 'never') {
      job.finalAt = job.activeUntil
      job.activeUntil = undefined
      if (job.outcome === 'completed') {
        job.status = 'completed'
        job.prLink ??= `${job.source.repository.replace(/\/$/, '')}/pull/${++this.#pullRequestNumber}`
      } else if (job.outcome === 'no-changes') {
        job.status = 'completed'
      } else {
        job.status = job.outcome
        if (job.outcome === 'archived') job.archivedAt = new Date(job.finalAt).toISOString()
      }
    }
    return job
  }

  /** The job as the v1 list shows it. */
  #listed(job: SimulatedJob): ListedSession {
    const { status } = this.#settle(job)
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
}

function key(projectId: string, id: string): string {
  return `${projectId}\u0000${id}`
}
