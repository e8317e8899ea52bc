import type { CommentTrigger } from '../../src/comments/trigger.js'
import {
  ThreadReadError,
  type HeldReaction,
  type ItemKind,
  type PermissionLevel,
  type PullRequestHead,
  type Reaction,
  type ReviewComment,
  type RunId,
  type RunState,
  type Thread,
  type ThreadItem
} from '../../src/thread/thread.js'
import type { Fault, FaultPlan } from './fault-plan.js'
import type { VirtualClock } from './virtual-clock.js'

interface Version {
  /** Runner wall time when this version was written. */
  at: number
  body: string | undefined
}

interface Stored {
  kind: ItemKind
  id: number
  author: string
  /** GitHub's `created_at`: the server's clock, skew included. */
  writtenAt: number
  versions: Version[]
}

export interface MemoryGitHubOptions {
  roles?: Record<string, PermissionLevel>
  /** Lists show a write only this long after it happened (single reads show it at once). */
  lagMs?: number
  /** GitHub's clock runs this far ahead of the runners' (negative: behind). */
  skewMs?: number
  /** Items a list page holds: a list of more is read page by page, with other runs in between. */
  pageSize?: number
  /** Whether runs can read whether workflow runs are alive (`actions: read`). */
  readRuns?: boolean
  tokenLogin?: string
}

/** One thread on an in-memory GitHub, shared by several runs, driven by a virtual clock. */
export class MemoryGitHub {
  readonly #items = new Map<number, Stored>()
  readonly #ended = new Set<string>()
  #nextId = 1000
  readonly options: Required<MemoryGitHubOptions>
  /** Calls that GitHub would count against the rate limit, by kind. */
  readonly counts = { reads: 0, unchangedReads: 0, writes: 0, runReads: 0 }
  readonly reactions: { commentId: number; content: Reaction }[] = []
  /** The 👀 on the pull request, as the send lock uses it: one per account. */
  lock: HeldReaction[] = []
  #nextReaction = 1
  /** A fault per call name, served once each in turn: the call is not carried out. */
  readonly faults = new Map<string, Error[]>()
  /** A fault per call name, served once each in turn after the call was carried out: its answer is lost. */
  readonly lostAnswers = new Map<string, Error[]>()
  /** Every call by name, in order. */
  readonly calls: string[] = []
  /** Faults shared with the other fakes, by the number of the call. */
  plan: FaultPlan | undefined
  /** An error GitHub answers a call with, by the call's name, for as long as this says. */
  failing: ((call: string) => Error | undefined) | undefined

  constructor(
    readonly clock: VirtualClock,
    options: MemoryGitHubOptions = {}
  ) {
    this.options = {
      roles: {},
      lagMs: 0,
      skewMs: 0,
      pageSize: 100,
      readRuns: true,
      tokenLogin: 'github-actions[bot]',
      ...options
    }
  }

  /** Someone writes a comment now; returns the trigger its run gets. */
  comment(
    body: string,
    author = 'alice',
    action: 'created' | 'edited' = 'created'
  ): CommentTrigger {
    const id = ++this.#nextId
    const stored: Stored = {
      kind: 'issue-comment',
      id,
      author,
      // GitHub writes times to the second.
      writtenAt: Math.floor((this.clock.wallTime() + this.options.skewMs) / 1000) * 1000,
      versions: [{ at: this.clock.wallTime(), body }]
    }
    this.#items.set(id, stored)
    return this.trigger(id, action)
  }

  /** The trigger of a run for comment `id`, with the comment's text as it reads now. */
  trigger(id: number, action: 'created' | 'edited' = 'created'): CommentTrigger {
    const stored = this.#items.get(id)!
    return {
      event: 'issue_comment',
      action,
      owner: 'o',
      repo: 'r',
      number: 1,
      isPullRequest: false,
      title: 'Docs',
      url: 'https://github.com/o/r/issues/1',
      pullRequestBody: undefined,
      pullRequestAuthor: undefined,
      comment: {
        id,
        body: this.#current(stored) ?? '',
        author: { login: stored.author, isBot: stored.author.endsWith('[bot]') },
        url: `https://github.com/o/r/issues/1#issuecomment-${id}`,
        writtenAt: stored.writtenAt
      }
    }
  }

  edit(id: number, body: string): void {
    this.#items.get(id)!.versions.push({ at: this.clock.wallTime(), body })
  }

  delete(id: number): void {
    this.#items.get(id)!.versions.push({ at: this.clock.wallTime(), body: undefined })
  }

  endRun(run: RunId): void {
    this.#ended.add(`${run.id}.${run.attempt}`)
  }

  /** Every comment as it reads now, oldest first (deleted ones left out), with its ID. */
  comments(author?: string): { id: number; body: string }[] {
    return [...this.#items.values()]
      .filter((item) => author === undefined || item.author === author)
      .flatMap((item) => {
        const body = this.#current(item)
        return body === undefined ? [] : [{ id: item.id, body }]
      })
  }

  /** Every comment's text as it reads now, oldest first (deleted ones left out). */
  bodies(author?: string): string[] {
    return [...this.#items.values()]
      .filter((item) => author === undefined || item.author === author)
      .flatMap((item) => {
        const body = this.#current(item)
        return body === undefined ? [] : [body]
      })
  }

  #current(item: Stored, asOf = Infinity): string | undefined {
    return item.versions.filter((v) => v.at <= asOf).at(-1)?.body
  }

  #planned: Fault | undefined

  #fault(name: string): void {
    this.calls.push(name)
    this.#planned = this.plan?.enter('github', name)
    const error = this.faults.get(name)?.shift() ?? this.failing?.(name)
    if (error) throw error
  }

  #lost(name: string): void {
    this.plan?.lose(this.#planned, 'github', name)
    const error = this.lostAnswers.get(name)?.shift()
    if (error) throw error
  }

  /** The port one run talks through. */
  threadFor(trigger?: CommentTrigger): Thread {
    const author = this.options.tokenLogin
    const seen = new Map<string, string>()
    /** A read that GitHub counts unless it names the ETag of what it would get (a 304). */
    const read = (key: string, answer: string) => {
      if (seen.get(key) === answer) this.counts.unchangedReads++
      else this.counts.reads++
      seen.set(key, answer)
    }
    const itemOf = (item: Stored, body: string): ThreadItem => ({
      kind: item.kind,
      id: item.id,
      body,
      author: { login: item.author, isBot: item.author.endsWith('[bot]') },
      writtenAt: item.writtenAt,
      url: `https://github.com/o/r/issues/1#issuecomment-${item.id}`
    })
    const thread: Thread = {
      react: async (content) => {
        this.counts.writes++
        this.reactions.push({ commentId: trigger?.comment.id ?? 0, content })
      },
      permissionOf: async (login) => {
        this.counts.reads++
        this.#fault('permissionOf')
        return this.options.roles[login] ?? 'none'
      },
      post: async (body) => {
        this.counts.writes++
        this.#fault('post')
        const id = ++this.#nextId
        this.#items.set(id, {
          kind: 'issue-comment',
          id,
          author,
          writtenAt: Math.floor((this.clock.wallTime() + this.options.skewMs) / 1000) * 1000,
          versions: [{ at: this.clock.wallTime(), body }]
        })
        this.#lost('post')
        return { id, author }
      },
      update: async (commentId, body) => {
        this.counts.writes++
        this.#fault('update')
        const item = this.#items.get(commentId)
        if (!item || this.#current(item) === undefined) throw new Error('404 Not Found')
        item.versions.push({ at: this.clock.wallTime(), body })
        this.#lost('update')
      },
      remove: async (commentId) => {
        this.counts.writes++
        this.#fault('remove')
        this.#items.get(commentId)?.versions.push({ at: this.clock.wallTime(), body: undefined })
        this.#lost('remove')
      },
      addLockReaction: async () => {
        this.counts.writes++
        this.#fault('addLockReaction')
        const mine = this.lock[0]
        if (mine) return { created: false, reaction: mine }
        const reaction = {
          id: this.#nextReaction++,
          createdAt: this.clock.wallTime() + this.options.skewMs
        }
        this.lock = [reaction]
        this.#lost('addLockReaction')
        return { created: true, reaction }
      },
      lockReactions: async () => {
        this.#fault('lockReactions')
        read('lock', JSON.stringify(this.lock))
        return this.lock
      },
      removeLockReaction: async (reactionId) => {
        this.counts.writes++
        this.#fault('removeLockReaction')
        this.lock = this.lock.filter((r) => r.id !== reactionId)
        this.#lost('removeLockReaction')
      },
      items: async () => {
        this.#fault('items')
        const asOf = this.clock.wallTime() - this.options.lagMs
        const listed: ThreadItem[] = []
        // Page by page, as GitHub serves a long thread: others may write between two pages.
        for (let page = 0; ; page++) {
          const visible = [...this.#items.values()]
            .sort((a, b) => a.id - b.id)
            .flatMap((item) => {
              const body = this.#current(item, asOf)
              return body === undefined ? [] : [itemOf(item, body)]
            })
          const slice = visible.slice(
            page * this.options.pageSize,
            (page + 1) * this.options.pageSize
          )
          read(`page ${page}`, JSON.stringify(slice))
          listed.push(...slice)
          if (slice.length < this.options.pageSize) return listed
          await Promise.resolve()
        }
      },
      conversation: async () =>
        (await thread.items()).filter((item) => item.kind === 'issue-comment'),
      commentBody: async (_kind, commentId) => {
        this.#fault('commentBody')
        const item = this.#items.get(commentId)
        const body = item && this.#current(item)
        read(`comment ${commentId}`, String(body))
        return body
      },
      runState: async ({ id, attempt }): Promise<RunState> => {
        this.counts.runReads++
        this.calls.push('runState')
        if (!this.options.readRuns) return 'unknown'
        return this.#ended.has(`${id}.${attempt}`) ? 'ended' : 'running'
      },
      pullRequest: async (): Promise<PullRequestHead> => {
        throw new ThreadReadError('not a pull request')
      },
      headSha: async () => {
        return undefined
      },
      reviewSummary: async () => {
        return ''
      },
      reviewComments: async (): Promise<ReviewComment[]> => {
        return []
      },
      tokenLogin: async () => {
        return author
      }
    }
    return thread
  }
}
