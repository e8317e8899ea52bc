import type { CheckRunView, CheckRuns } from '../../src/thread/check-runs.js'
import type { Fault, FaultPlan } from './fault-plan.js'
import { DocsTokenError, type DocsRepository } from '../../src/thread/docs-repository.js'

export interface MemoryCheckRun {
  id: number
  sha: string
  /** Every view it showed, the first as created. */
  views: CheckRunView[]
}

/** The code repository's check runs in memory. */
export class MemoryChecks implements CheckRuns {
  readonly runs: MemoryCheckRun[] = []
  calls = 0
  /** How many of the next calls GitHub answers with a 502. */
  failing = 0
  /** Faults shared with the other fakes, by the number of the call. */
  plan: FaultPlan | undefined

  #call(name = 'check run'): Fault | undefined {
    this.calls++
    if (this.failing > 0) {
      this.failing--
      throw new Error('502 Server Error')
    }
    return this.plan?.enter('github', name)
  }

  async create(sha: string, view: CheckRunView): Promise<number> {
    const fault = this.#call('create check run')
    const id = 7000 + this.runs.length + 1
    this.runs.push({ id, sha, views: [view] })
    if (fault === 'lost') throw new Error('502 Server Error (after the check run was made)')
    return id
  }

  async onHead(
    sha: string
  ): Promise<{ id: number; status: CheckRunView['status']; title: string }[]> {
    this.#call('check runs of a head')
    return this.runs
      .filter((r) => r.sha === sha)
      .reverse()
      .map((r) => ({ id: r.id, status: r.views.at(-1)!.status, title: r.views.at(-1)!.title }))
  }

  /** Check runs that still show queued or in progress. */
  open(): MemoryCheckRun[] {
    return this.runs.filter((r) => r.views.at(-1)?.status !== 'completed')
  }

  async update(id: number, view: CheckRunView): Promise<boolean> {
    const fault = this.#call('update check run')
    const run = this.runs.find((r) => r.id === id)
    if (!run) return false
    // The action never changes a completed check run: a new one shows what changed.
    if (run.views.at(-1)?.status === 'completed')
      throw new Error(`check run ${id} is completed, and was updated all the same`)
    run.views.push({ ...view, text: view.text ?? run.views.at(-1)?.text })
    if (fault === 'lost') throw new Error('502 Server Error (after the check run was updated)')
    return true
  }

  async text(id: number): Promise<string | undefined> {
    this.#call('check run text')
    return this.runs.find((r) => r.id === id)?.views.at(-1)?.text
  }

  /** What the pull request's checks show for `sha`: the newest check run on it, as it stands. */
  shown(sha: string): CheckRunView | undefined {
    return this.runs
      .filter((r) => r.sha === sha)
      .at(-1)
      ?.views.at(-1)
  }

  /** `status/conclusion: title` of what `sha` shows, for assertions that read like the UI. */
  line(sha: string): string {
    const view = this.shown(sha)
    if (!view) return 'none'
    return `${view.conclusion ?? view.status}: ${view.title}`
  }
}

export interface MemoryDocsPull {
  state: 'open' | 'closed'
  merged: boolean
  draft: boolean
  labels: string[]
  reviewers: string[]
  comments: Map<number, string>
}

/** Pull requests of docs repositories in memory, and every call docs-token made, by repository. */
export class MemoryDocs {
  readonly pulls = new Map<string, MemoryDocsPull>()
  readonly calls: { repository: string; what: string }[] = []
  /** A status GitHub answers every docs-token call with (403: the token lacks the permission). */
  refuse: number | undefined
  /** Faults shared with the other fakes, by the number of the call. */
  plan: FaultPlan | undefined
  #comment = 500

  pull(repository: string, number: number): MemoryDocsPull {
    const key = `${repository}#${number}`
    let pull = this.pulls.get(key)
    if (!pull) {
      pull = {
        state: 'open',
        merged: false,
        draft: true,
        labels: [],
        reviewers: [],
        comments: new Map()
      }
      this.pulls.set(key, pull)
    }
    return pull
  }

  open = (owner: string, repo: string): DocsRepository => {
    const repository = `${owner}/${repo}`
    /** Calls `effect` as GitHub would for docs-token, faults and refusals included. */
    const call = <T>(what: string, effect: () => T): T => {
      this.calls.push({ repository, what })
      if (this.refuse)
        throw new DocsTokenError(
          this.refuse,
          what,
          `${this.refuse} Resource not accessible by personal access token`
        )
      const fault = this.plan?.enter('github', `docs ${what}`)
      const answer = effect()
      this.plan?.lose(fault, 'github', `docs ${what}`)
      return answer
    }
    return {
      read: async (number) =>
        call('read', () => {
          const pull = this.pull(repository, number)
          return {
            state: pull.state,
            merged: pull.merged,
            draft: pull.draft,
            nodeId: `PR_${number}`
          }
        }),
      comments: async (number) =>
        call('comments', () =>
          [...this.pull(repository, number).comments].map(([id, body]) => ({ id, body }))
        ),
      comment: async (number, body) =>
        call('comment', () => {
          const id = ++this.#comment
          this.pull(repository, number).comments.set(id, body)
          return id
        }),
      editComment: async (id, body) =>
        call('edit', () => {
          for (const pull of this.pulls.values())
            if (pull.comments.has(id)) {
              pull.comments.set(id, body)
              return true
            }
          return false
        }),
      requestReview: async (number, login) =>
        call('review', () => void this.pull(repository, number).reviewers.push(login)),
      addLabel: async (number, label) =>
        call('label', () => void this.pull(repository, number).labels.push(label)),
      markReady: async (nodeId) =>
        call('ready', () => void (this.pull(repository, Number(nodeId.slice(3))).draft = false)),
      setState: async (number, state) =>
        call(state === 'closed' ? 'close' : 'reopen', () => {
          this.pull(repository, number).state = state
        })
    }
  }
}
