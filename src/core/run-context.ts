import type { Dispatcher } from 'undici'
import type { RunContext } from './request.js'
import { systemClock, type Clock } from './clock.js'
import type { Logger } from './logger.js'
import { MintlifyClient } from './mintlify-client.js'
import { DEFAULT_RETRY_POLICY } from './retry-policy.js'
import type { Vocabulary } from './vocabulary.js'

/** What a front end knows when it starts a run against Mintlify. */
export interface RunContextOptions {
  settings: {
    readonly apiKey: string
    readonly projectId: string
    readonly baseUrl: string
    readonly requestTimeoutMs: number
    readonly timeoutMs: number
  }
  dispatcher: Dispatcher
  logger: Logger
  /** Aborted when the run is cancelled (SIGINT, SIGTERM). */
  signal: AbortSignal
  vocabulary: Vocabulary
  clock?: Clock
}

/** The run's context: its deadline from now and `timeout`, and its Mintlify client. */
export function openRunContext(options: RunContextOptions): RunContext {
  const { settings, dispatcher, logger, signal, vocabulary, clock = systemClock } = options
  const deadline = clock.now() + settings.timeoutMs
  const retryPolicy = DEFAULT_RETRY_POLICY
  return {
    agent: new MintlifyClient({
      baseUrl: settings.baseUrl,
      apiKey: settings.apiKey,
      projectId: settings.projectId,
      dispatcher,
      requestTimeoutMs: settings.requestTimeoutMs,
      retryPolicy,
      clock,
      deadline,
      signal,
      logger
    }),
    clock,
    retryPolicy,
    signal,
    logger,
    deadline,
    vocabulary
  }
}
