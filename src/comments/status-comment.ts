import { isFinal } from '../core/agent-api.js'
import type { Clock } from '../core/clock.js'
import { formatDuration } from '../core/duration.js'
import type { Logger } from '../core/logger.js'
import type { Outcome } from '../core/outcome.js'
import type { RunId, RunState, Thread } from '../thread/thread.js'
import { renderReply, renderStatusComment, type StatusView, type WrittenClaim } from './render.js'

export interface StatusCommentOptions {
  prompt: string
  clock: Clock
  logger: Logger
  /** The command's place (`issue-comment:123`), when it stands in line, and the text it is about. */
  place: string
  at: number
  text: string
  /** This workflow run, when it runs in GitHub Actions: other runs can read whether it is alive. */
  run: RunId | undefined
  /** How long the place holds without a sign of life (`queue-expiry`). */
  expiryMs: number
}

/** The comment as first posted: the place claimed, its lease from now. */
function initialView(options: StatusCommentOptions): StatusView {
  const { place, text, run, at, clock, expiryMs } = options
  return {
    prompt: options.prompt,
    jobId: undefined,
    job: undefined,
    taken: false,
    markJob: false,
    phase: 'in line: it goes once the commands written before it are done',
    final: false,
    claim: { place, state: 'waiting', at, text, run, until: clock.wallTime() + expiryMs }
  }
}

/** The status comment could not be written, or kept: the command holds no place in the line. */
export class PlaceNotHeld extends Error {
  override name = 'PlaceNotHeld'
}

/**
 * The run's one status comment: posted first, holding the command's place in the thread's line,
 * and edited in place as the run moves on. While the run waits it writes nothing, unless other
 * runs cannot read whether it is alive (no `actions: read`, or no run ID): then it renews its
 * place every quarter of `queue-expiry`. Writes go out one at a time, each with the latest view,
 * so a late write can never undo a later state.
 */
export class StatusComment {
  #view: StatusView
  #flushing: Promise<boolean> = Promise.resolve(true)
  #pending = false
  readonly #stopRenewals = new AbortController()
  readonly #lost = new AbortController()
  readonly #thread: Thread
  readonly #options: StatusCommentOptions

  private constructor(
    thread: Thread,
    options: StatusCommentOptions,
    readonly id: number,
    readonly author: string
  ) {
    this.#thread = thread
    this.#options = options
    this.#view = initialView(options)
  }

  /** Posts the comment that claims the place; throws PlaceNotHeld when GitHub refuses it. */
  static async post(thread: Thread, options: StatusCommentOptions): Promise<StatusComment> {
    try {
      const { id, author } = await thread.post(renderStatusComment(initialView(options)))
      return new StatusComment(thread, options, id, author)
    } catch (error) {
      throw new PlaceNotHeld(
        `Could not write the status comment that holds this command's place in the thread's line (${(error as Error).message}), so nothing was sent.`
      )
    }
  }

  /** Aborted when the place was lost: its renewals failed for longer than `queue-expiry`. */
  get lost(): AbortSignal {
    return this.#lost.signal
  }

  /** Where the place stands in line. */
  get at(): number {
    return this.#view.claim?.at ?? this.#options.at
  }

  /**
   * Keeps the place for as long as the run has not sent: nothing to do while the lease lasts, or
   * once the run finds that others can read whether it is alive; otherwise a renewal every
   * quarter of `queue-expiry`. Runs in the background.
   */
  keepPlace(ownRunState: () => Promise<RunState>): void {
    void this.#keepPlace(ownRunState).catch(() => undefined)
  }

  async #keepPlace(ownRunState: () => Promise<RunState>): Promise<void> {
    const { clock, expiryMs, logger } = this.#options
    const signal = this.#stopRenewals.signal
    const quarter = Math.max(1, Math.floor(expiryMs / 4))
    await clock.sleep(
      Math.max(1, (this.#view.claim?.until ?? 0) - quarter - clock.wallTime()),
      signal
    )
    if (this.#options.run && (await ownRunState()) === 'running') return
    logger.info(
      `Other runs cannot read whether this run is alive (it needs actions: read, and a run ID), so its status comment renews its place every ${formatDuration(quarter)}.`
    )
    let lastRenewed = clock.now()
    for (;;) {
      const claim = this.#view.claim
      if (claim && (await this.#write({ claim: { ...claim, until: clock.wallTime() + expiryMs } })))
        lastRenewed = clock.now()
      if (signal.aborted) return
      if (clock.now() - lastRenewed >= expiryMs) {
        this.#lost.abort(
          new PlaceNotHeld(
            `This command's place in the thread's line could not be renewed for ${formatDuration(expiryMs)} (queue-expiry), so later commands may go first; nothing was sent.`
          )
        )
        return
      }
      await clock.sleep(quarter, signal)
    }
  }

  /** Says once what the command waits for; further waiting writes nothing. */
  async waiting(phase: string): Promise<void> {
    if (this.#view.phase.startsWith('waiting')) return
    await this.#write({ phase, claim: this.#freshClaim() })
  }

  /** Later commands went first: the place moves to the end of the line, and the comment says why. */
  async joinEnd(at: number, note: string): Promise<void> {
    const claim = this.#freshClaim()
    await this.#write({ note, claim: claim && { ...claim, at } })
  }

  /** A lookup confirmed the thread's job: later commands need not look it up again. */
  async jobFound(jobId: string): Promise<void> {
    await this.#write({ jobId, markJob: true })
  }

  /**
   * Mintlify took the message: the place is now finished once the job is. `text` is the
   * fingerprint of the text that went, which an edit may have changed since the comment was posted.
   */
  async taken(outcome: Outcome, phase: string, text: string): Promise<void> {
    this.#stopRenewals.abort()
    await this.#write({
      phase,
      jobId: outcome.jobId,
      job: outcome.job,
      taken: true,
      markJob: true,
      claim: this.#view.claim && { ...this.#view.claim, state: 'sent', text }
    })
  }

  /**
   * Progress while the agent works: written only when the phase or the job's status changes, and
   * not for a final status, which `finish` writes next.
   */
  async working(outcome: Outcome, phase: string): Promise<void> {
    const status = outcome.job?.status
    if (status && isFinal(status)) return
    if (phase === this.#view.phase && status === this.#view.job?.status) return
    await this.#write({ phase, job: outcome.job })
  }

  async finish(outcome: Outcome): Promise<void> {
    this.#stopRenewals.abort()
    // A job still running (timed out, not waited for, cancelled) keeps later commands waiting
    // for it: that is what `sent` says. Anything else leaves the place.
    const stillRunning = outcome.sent && !!outcome.job && !isFinal(outcome.job.status)
    await this.#write({
      jobId: outcome.jobId || undefined,
      job: outcome.job,
      taken: outcome.sent,
      markJob: this.#view.markJob || outcome.sent,
      durationMs: outcome.durationMs,
      final: true,
      failure: outcome.failure,
      claim: this.#view.claim && { ...this.#view.claim, state: stillRunning ? 'sent' : 'done' }
    })
  }

  /** Replaces the status comment with a message, and leaves the place. */
  async end(message: string): Promise<void> {
    this.#stopRenewals.abort()
    this.#view = { ...this.#view, final: true, failure: message }
    // A confirmed job keeps its marker, so the next command needs no lookup.
    await this.#flush(renderReply(message, this.#view.claim, this.#view))
  }

  /** The claim with a fresh lease, for writes that go out anyway. */
  #freshClaim(): WrittenClaim | undefined {
    const { clock, expiryMs } = this.#options
    return this.#view.claim && { ...this.#view.claim, until: clock.wallTime() + expiryMs }
  }

  async #write(change: Partial<StatusView>): Promise<boolean> {
    this.#view = { ...this.#view, ...change }
    return this.#flush()
  }

  /**
   * Writes the comment once the write under way is done, with the view as it stands then (or
   * `body`, for a final message). Writes asked for meanwhile are folded into one. Resolves with
   * whether GitHub took it; a failure is a warning.
   */
  async #flush(body?: string): Promise<boolean> {
    if (this.#pending && body === undefined) return this.#flushing
    this.#pending = true
    this.#flushing = this.#flushing.then(async () => {
      this.#pending = false
      try {
        await this.#thread.update(this.id, body ?? renderStatusComment(this.#view))
        return true
      } catch (error) {
        this.#options.logger.warning(
          `Could not update the status comment (${(error as Error).message}).`
        )
        return false
      }
    })
    return this.#flushing
  }
}
