/** The shapes a request to the agent is made of: its settings, its context, what it reports. */
import type { AgentApi } from './agent-api.js'
import type { Clock } from './clock.js'
import type { Logger } from './logger.js'
import type { Outcome } from './outcome.js'
import type { RetryPolicy } from './retry-policy.js'
import type { Vocabulary } from './vocabulary.js'

/** What a request to the agent needs to know of the settings, whichever front end read them. */
export interface RequestSettings {
  readonly projectId: string
  /** For messages about the network. */
  readonly baseUrl: string
  readonly requestTimeoutMs: number
  /** Whether to poll until the job reaches a final status. */
  readonly wait: boolean
  /** The longest the whole run may take, in milliseconds. */
  readonly timeoutMs: number
  readonly pollIntervalMs: number
  /** Whether a `failed` or `archived` job fails the step. */
  readonly failOnJobFailure: boolean
}

/** The run's ports and limits, built once by the front end (the action, the command line, a test). */
export interface RunContext {
  /** The Mintlify agent API, set up with this run's clock, deadline and signal. */
  agent: AgentApi
  clock: Clock
  retryPolicy: RetryPolicy
  /** Aborted when the workflow is cancelled. */
  signal: AbortSignal
  logger: Logger
  /** Clock milliseconds at which the run stops waiting (its start plus `timeout`). */
  deadline: number
  /** The words of the front end, for what the run tells people. */
  vocabulary: Vocabulary
}

/** Progress worth showing elsewhere while the run goes on (the status comment). */
export interface ProgressListener {
  /** The job is still busy with an earlier request; the message waits for it. */
  onWaiting?(outcome: Outcome): Promise<void>
  /** Mintlify took the message. */
  onSent?(outcome: Outcome): Promise<void>
  /** The job was read while waiting. */
  onRead?(outcome: Outcome): Promise<void>
  /**
   * Asked right before the message goes (or the job is started): whether it still goes, and with
   * what prompt. `waited` says whether the request waited for a busy job since it was asked.
   */
  beforeSend?(waited: boolean): Promise<SendDecision>
  /**
   * Taken before a follow-up reads whether the job is idle, and given back once the message went
   * or will not go: another sender to the same job (mode sync) takes the same hold, so that
   * neither sends into a job the other just made busy. Throws SendHoldError when it cannot be
   * taken.
   */
  holdSend?(): Promise<SendHold>
}

export interface SendHold {
  /** Gives the hold back; never throws. */
  release(): Promise<void>
  /** Clock milliseconds by which the hold must be given back: no wait under it lasts longer. */
  until: number
}

/** The hold on sending could not be taken: nothing was sent, and the message says why. */
export class SendHoldError extends Error {
  override name = 'SendHoldError'
}

/** What the caller says right before sending. */
export type SendDecision =
  | { go: true; prompt?: string }
  /** `withdrawn`: its author took the request back (deleted it); otherwise the run fails. */
  | { go: false; reason: string; withdrawn: boolean }

/** What to ask: a follow-up to `jobId`, or, without one, a new job. */
export interface AgentRequest {
  jobId: string | undefined
  prompt: string
}

/** Where a request stood when it ended, for what to tell people. */
export type Stage = 'checking' | 'waiting' | 'sending' | 'sent'
