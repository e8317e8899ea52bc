import { isFinal, type AgentJob } from '../core/agent-api.js'
import type { Clock } from '../core/clock.js'
import { formatDuration } from '../core/duration.js'
import type { Logger } from '../core/logger.js'
import type { Outcome } from '../core/outcome.js'
import { jobMarker } from '../thread/markers.js'
import type { Thread } from '../thread/thread.js'
import { claimMarker, renewalIntervalMs, type ClaimState } from './line.js'

export const STATUS_COMMENT_SIGNATURE = '<!-- mintlify-agent-action status -->'

/** The status comment is rewritten at most this often while the agent works. */
export const STATUS_REFRESH_MS = 30_000

export interface StatusView {
  prompt: string
  jobId: string | undefined
  job: AgentJob | undefined
  /** Mintlify took the message. */
  taken: boolean
  /**
   * The job is known to be the thread's, so the comment carries its marker for later commands:
   * Mintlify took the message, or a lookup confirmed the job. A job named by hand (and perhaps
   * misspelt) gets no marker until Mintlify takes a message for it.
   */
  markJob: boolean
  elapsedMs: number
  /** What is going on, in a few words, while nothing is final. */
  phase: string
  /** The one-line failure, once the run has failed. */
  failure?: string
  final: boolean
  /** The run's place in the thread's line, and what it says about it. */
  claim?: { place: string; state: ClaimState; until?: number }
}

/**
 * People's text quoted in the action's own comment must not smuggle in a hidden marker: later
 * runs trust this comment's markers. An escaped `<!--` still reads as `<!--` on GitHub.
 */
function defuseMarkers(text: string): string {
  return text.replace(/<!--/g, '&lt;!--')
}

function quote(text: string): string {
  const trimmed = text.length > 500 ? `${text.slice(0, 500)}…` : text
  return defuseMarkers(trimmed)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')
}

/** The hidden lines that end every comment the action writes about a command. */
function hiddenLines(view: Pick<StatusView, 'claim' | 'taken' | 'markJob' | 'jobId'>): string[] {
  const lines = [STATUS_COMMENT_SIGNATURE]
  if (view.markJob && view.jobId) lines.push(jobMarker(view.jobId))
  if (view.claim) {
    const { place, state, until } = view.claim
    lines.push(claimMarker(place, state, { until, taken: view.taken }))
  }
  return lines
}

/** The one status comment of a run, rewritten in place as the run moves on. */
export function renderStatusComment(view: StatusView): string {
  const { job } = view
  const status = job?.status
  let headline: string
  if (!view.final) headline = `⏳ **Mintlify agent**: ${view.phase}`
  else if (view.failure) headline = `😕 **Mintlify agent**: ${defuseMarkers(view.failure)}`
  else if (status === 'completed' && job?.prLink)
    headline = `🚀 **Mintlify agent** completed: ${job.prLink}`
  else if (status === 'completed')
    headline = '✅ **Mintlify agent** completed without changes: nothing needed editing.'
  else headline = `**Mintlify agent**: job ${status ?? 'not started'}`

  return [
    headline,
    '',
    quote(view.prompt),
    '',
    `| Job | Status | Pull request | Elapsed |`,
    `| --- | --- | --- | --- |`,
    `| ${view.jobId ? `\`${view.jobId}\`` : '—'} | ${status ?? '—'} | ${job?.prLink ?? '—'} | ${formatDuration(view.elapsedMs)} |`,
    '',
    ...hiddenLines(view)
  ].join('\n')
}

/** A reply that ends a command's business (a refusal, a usage hint), with its place given up. */
export function renderReply(
  message: string,
  place: string | undefined,
  job?: { jobId: string | undefined; taken: boolean; markJob: boolean }
): string {
  return [
    defuseMarkers(message),
    '',
    ...hiddenLines({
      taken: job?.taken ?? false,
      markJob: job?.markJob ?? false,
      jobId: job?.jobId,
      claim: place ? { place, state: 'done' } : undefined
    })
  ].join('\n')
}

export interface StatusCommentOptions {
  /** `status-comment: false` writes nothing, and then no place is held either. */
  enabled: boolean
  prompt: string
  clock: Clock
  logger: Logger
  /** The command's place in the thread's line. */
  place: string
  /** How long the place is held without a renewal (`queue-expiry`). */
  expiryMs: number
}

/**
 * The run's one status comment: created at the start, holding the command's place in the line,
 * and edited in place as the run moves on. GitHub trouble while writing it is a warning: the
 * message to the agent matters more than the comment about it.
 *
 * Until Mintlify takes the message, the place's lease is renewed in the background, whatever the
 * run waits for meanwhile (its turn, a busy job, the hourly limit). Writes go out one at a time,
 * each with the latest view, so a late renewal can never undo a later state.
 */
export class StatusComment {
  #lastEdit: number | undefined
  #view: StatusView
  #flushing: Promise<void> = Promise.resolve()
  #pending = false
  readonly #renewals = new AbortController()
  readonly #thread: Thread
  readonly #options: StatusCommentOptions

  private constructor(
    thread: Thread,
    options: StatusCommentOptions,
    readonly id: number | undefined,
    readonly author: string | undefined,
    view: StatusView
  ) {
    this.#thread = thread
    this.#options = options
    this.#view = view
  }

  static async start(thread: Thread, options: StatusCommentOptions): Promise<StatusComment> {
    const view: StatusView = {
      prompt: options.prompt,
      jobId: undefined,
      job: undefined,
      taken: false,
      markJob: false,
      elapsedMs: 0,
      phase: 'starting',
      final: false,
      claim: {
        place: options.place,
        state: 'waiting',
        until: options.clock.wallTime() + options.expiryMs
      }
    }
    if (!options.enabled) return new StatusComment(thread, options, undefined, undefined, view)
    try {
      const { id, author } = await thread.post(renderStatusComment(view))
      const comment = new StatusComment(thread, options, id, author, view)
      comment.#lastEdit = options.clock.now()
      void comment.#renewLease()
      return comment
    } catch (error) {
      options.logger.warning(
        `Could not write the status comment (${(error as Error).message}), so this command holds no place in the thread's line.`
      )
      return new StatusComment(thread, options, undefined, undefined, view)
    }
  }

  /** Shows progress before the message is taken: a new phase at once, the same one at most every STATUS_REFRESH_MS. */
  async waiting(phase: string, outcome?: Outcome): Promise<void> {
    if (!this.#due(phase)) return
    await this.#write({
      phase,
      ...(outcome ? { jobId: outcome.jobId, job: outcome.job, elapsedMs: outcome.durationMs } : {})
    })
  }

  /** A lookup confirmed the thread's job: later commands need not look it up again. */
  async jobFound(jobId: string): Promise<void> {
    await this.#write({ jobId, markJob: true })
  }

  /** Mintlify took the message: the place is now finished once the job is. */
  async taken(outcome: Outcome, phase: string): Promise<void> {
    this.#renewals.abort()
    await this.#write({
      phase,
      jobId: outcome.jobId,
      job: outcome.job,
      taken: true,
      markJob: true,
      elapsedMs: outcome.durationMs,
      claim: { place: this.#options.place, state: 'sent' }
    })
  }

  /** Progress after the message was taken: a new phase at once, else at most every STATUS_REFRESH_MS. */
  async working(outcome: Outcome, phase: string): Promise<void> {
    if (!this.#due(phase)) return
    await this.#write({ phase, job: outcome.job, elapsedMs: outcome.durationMs })
  }

  async finish(outcome: Outcome): Promise<void> {
    this.#renewals.abort()
    // A job still running (timed out, not waited for, cancelled) keeps later commands waiting
    // for it: that is what `sent` says. Anything else leaves the place.
    const stillRunning = outcome.sent && !!outcome.job && !isFinal(outcome.job.status)
    await this.#write({
      jobId: outcome.jobId || undefined,
      job: outcome.job,
      taken: outcome.sent,
      markJob: this.#view.markJob || outcome.sent,
      elapsedMs: outcome.durationMs,
      final: true,
      failure: outcome.failure,
      claim: { place: this.#options.place, state: stillRunning ? 'sent' : 'done' }
    })
  }

  /** Replaces the status comment with a message and leaves the place (posts it, without one). */
  async fail(message: string): Promise<void> {
    this.#renewals.abort()
    // A confirmed job keeps its marker, so the next command needs no lookup.
    const body = renderReply(message, this.#options.place, this.#view)
    if (this.id === undefined) {
      try {
        await this.#thread.post(body)
      } catch (error) {
        this.#options.logger.warning(`Could not write on the thread (${(error as Error).message}).`)
      }
      return
    }
    this.#view = { ...this.#view, final: true, failure: message }
    await this.#flush(body)
  }

  #due(phase: string): boolean {
    return (
      phase !== this.#view.phase ||
      this.#lastEdit === undefined ||
      this.#options.clock.now() - this.#lastEdit >= STATUS_REFRESH_MS
    )
  }

  /** Renews the lease every quarter of it until the message is taken or the run ends. */
  async #renewLease(): Promise<void> {
    const { clock, expiryMs, place } = this.#options
    try {
      for (;;) {
        await clock.sleep(renewalIntervalMs(expiryMs), this.#renewals.signal)
        await this.#write({
          claim: { place, state: 'waiting', until: clock.wallTime() + expiryMs }
        })
      }
    } catch {
      // Stopped: the message was taken, or the run ended.
    }
  }

  async #write(change: Partial<StatusView>): Promise<void> {
    this.#view = { ...this.#view, ...change }
    if (this.id === undefined) return
    await this.#flush()
  }

  /**
   * Writes the comment once the write under way is done, with the view as it stands then (or
   * `body`, for a final message). Writes asked for meanwhile are folded into one.
   */
  async #flush(body?: string): Promise<void> {
    const id = this.id
    if (id === undefined) return
    if (this.#pending && body === undefined) return this.#flushing
    this.#pending = true
    this.#flushing = this.#flushing.then(async () => {
      this.#pending = false
      this.#lastEdit = this.#options.clock.now()
      try {
        await this.#thread.update(id, body ?? renderStatusComment(this.#view))
      } catch (error) {
        this.#options.logger.warning(
          `Could not update the status comment (${(error as Error).message}).`
        )
      }
    })
    return this.#flushing
  }
}
