import {
  MintlifyRequestError,
  type AgentApi,
  type AgentJob,
  type ListedSession
} from '../../src/core/agent-api.js'
import type { Fault, FaultPlan } from './fault-plan.js'
import type { VirtualClock } from './virtual-clock.js'

interface MemoryJob {
  id: string
  status: string
  /** Wall ms. */
  createdAt: number
  /** Virtual clock time when the current message is done. */
  busyUntil: number
  prompts: string[]
  /** Whether a message made the agent change the docs (and open a pull request). */
  changed?: boolean
}

/** The Mintlify agent API in memory: jobs work for `jobMs` of virtual time on each message. */
export class MemoryAgent implements AgentApi {
  readonly jobs = new Map<string, MemoryJob>()
  /** Messages and new jobs taken, in order, with the virtual time they arrived. */
  readonly accepted: { jobId: string; prompt: string; at: number }[] = []
  /** Messages that arrived while their job was still working on another: must stay empty. */
  readonly intoBusyJob: string[] = []
  readonly counts = { reads: 0, sends: 0 }
  /** A fault per call name, thrown once each in turn, before the call is carried out. */
  readonly faults = new Map<'getJob' | 'sendMessage' | 'createJob' | 'listJobs', Error[]>()
  /** A fault per call name, thrown once each in turn after the call was carried out: its answer is lost. */
  readonly lostAnswers = new Map<'sendMessage' | 'createJob', Error[]>()
  /** Every call by name, in order. */
  readonly calls: string[] = []
  /** Faults shared with the other fakes, by the number of the call. */
  plan: FaultPlan | undefined
  #planned: Fault | undefined
  /** The docs pull request a job opens once it completes. */
  linkOf = (id: string): string => `https://github.com/acme/docs/pull/${id}`
  /** The repository the jobs work in (`source.repository`). */
  repository = 'https://github.com/acme/docs'
  /** How the next message ends: completed (with a pull request), failed, or no changes. */
  ending: 'completed' | 'failed' | 'no-changes' = 'completed'
  #created = 0

  constructor(
    readonly clock: VirtualClock,
    readonly jobMs = 3_000,
    /** How long each answer takes, so that runs can overtake each other between two calls. */
    readonly latencyMs = 0
  ) {}

  async #travel(): Promise<void> {
    if (this.latencyMs) await this.clock.sleep(this.latencyMs)
  }

  addJob(id: string, status = 'completed', busyFor = 0): void {
    const createdAt = this.clock.wallTime()
    this.jobs.set(id, { id, status, createdAt, busyUntil: this.clock.now() + busyFor, prompts: [] })
  }

  #job(id: string): MemoryJob {
    const job = this.jobs.get(id)
    if (!job)
      throw new MintlifyRequestError(`GET /job/${id} answered 404`, {
        status: 404,
        serverMessage: 'Job not found'
      })
    if (job.status === 'active' && this.clock.now() >= job.busyUntil) {
      job.status = this.ending === 'failed' ? 'failed' : 'completed'
      job.changed = job.changed === true || this.ending === 'completed'
    }
    return job
  }

  #fault(name: 'getJob' | 'sendMessage' | 'createJob' | 'listJobs'): void {
    this.calls.push(name)
    this.#planned = this.plan?.enter('mintlify', name)
    const error = this.faults.get(name)?.shift()
    if (error) throw error
  }

  #lost(name: 'sendMessage' | 'createJob'): void {
    this.plan?.lose(this.#planned, 'mintlify', name)
    const error = this.lostAnswers.get(name)?.shift()
    if (error) throw error
  }

  #shown(job: MemoryJob): AgentJob {
    return {
      id: job.id,
      status: job.status,
      source: { repository: this.repository, ref: `mintlify/${job.id}` },
      prLink: job.status === 'completed' && job.changed !== false ? this.linkOf(job.id) : null,
      createdAt: new Date(job.createdAt).toISOString()
    }
  }

  async getJob(jobId: string): Promise<AgentJob> {
    this.counts.reads++
    this.#fault('getJob')
    await this.#travel()
    return this.#shown(this.#job(jobId))
  }

  async listJobs(skip: number): Promise<ListedSession[]> {
    this.#fault('listJobs')
    return [...this.jobs.values()]
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(skip, skip + 100)
      .map((job) => ({ sessionId: job.id, createdAt: new Date(job.createdAt).toISOString() }))
  }

  async createJob(prompt: string): Promise<AgentJob> {
    this.counts.sends++
    this.#fault('createJob')
    await this.#travel()
    const id = `new-job-${++this.#created}`
    const createdAt = this.clock.wallTime()
    this.jobs.set(id, { id, status: 'completed', createdAt, busyUntil: 0, prompts: [] })
    const job = this.#take(this.#job(id), prompt)
    this.#lost('createJob')
    return job
  }

  async sendMessage(jobId: string, prompt: string): Promise<AgentJob> {
    this.counts.sends++
    this.#fault('sendMessage')
    await this.#travel()
    const job = this.#job(jobId)
    if (job.status === 'archived')
      throw new MintlifyRequestError(`POST answered 400`, {
        status: 400,
        serverMessage: 'Job is archived'
      })
    if (job.status === 'active') this.intoBusyJob.push(prompt)
    const taken = this.#take(job, prompt)
    this.#lost('sendMessage')
    return taken
  }

  #take(job: MemoryJob, prompt: string): AgentJob {
    job.prompts.push(prompt)
    job.status = 'active'
    job.busyUntil = this.clock.now() + this.jobMs
    this.accepted.push({ jobId: job.id, prompt, at: this.clock.now() })
    return this.#shown(job)
  }
}
