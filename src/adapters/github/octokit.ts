import type { Clock } from '../../core/clock.js'
import { formatDuration } from '../../core/duration.js'
import type { Logger } from '../../core/logger.js'
import { rememberAnswers } from './conditional.js'
import type { Octokit } from './octokit-type.js'

/** How many times a rate-limited call is tried again, each after the wait GitHub asks for. */
const RATE_LIMIT_RETRIES = 2
/**
 * Each try of a call ends within this, and counts as a 5xx when it does not (octokit tries it
 * again): undici would wait 5 minutes on a silent connection. Four tries and octokit's pauses
 * (1, 4 and 9 s) end within 94 s, so a call begun a minute before the send lock's hold ends is
 * over before its lease does, a minute after.
 */
const TRY_TIMEOUT_MS = 20_000

/** Gives each try its own timeout; placed before the retry plugin, so that it runs on every try. */
function timeEachTry(octokit: Pick<Octokit, 'hook'>): void {
  octokit.hook.before('request', (options) => {
    options.request = { ...options.request, signal: AbortSignal.timeout(TRY_TIMEOUT_MS) }
  })
}

export interface OctokitOptions {
  logger: Logger
  clock: Clock
  /** No rate limit is waited out past this instant (clock milliseconds): the run ends then. */
  deadline: number
}

/**
 * A GitHub client for `token`, at `GITHUB_API_URL` (GitHub Enterprise Server) or api.github.com,
 * with octokit's own retry (5xx and network faults) and throttling (rate limits, with the waits
 * GitHub asks for) plugins, and conditional reads (see rememberAnswers). Loaded only now, so that runs which never talk to GitHub do not pay
 * for octokit at start-up.
 */
export async function openOctokit(token: string, options: OctokitOptions): Promise<Octokit> {
  const [{ getOctokit }, { retry }, { throttling }, { default: Bottleneck }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
    import('bottleneck/light.js')
  ])
  const { logger, clock, deadline } = options
  const waitOrGiveUp = (kind: string, retryAfterS: number, retryCount: number): boolean => {
    const wait = retryAfterS * 1000
    if (retryCount >= RATE_LIMIT_RETRIES || clock.now() + wait >= deadline) {
      logger.warning(
        `GitHub's ${kind} was reached, and waiting ${formatDuration(wait)} would not fit.`
      )
      return false
    }
    logger.warning(
      `GitHub's ${kind} was reached; trying again in ${formatDuration(wait)}, as GitHub asks.`
    )
    return true
  }
  const octokit = getOctokit(
    token,
    {
      // Read now, not when @actions/github was first loaded: @github/local-action loads its own
      // stand-in before it reads the .env file, whose GITHUB_API_URL it would otherwise miss.
      baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
      throttle: {
        onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, count: number) =>
          waitOrGiveUp('rate limit', retryAfter, count),
        onSecondaryRateLimit: (
          retryAfter: number,
          _options: unknown,
          _octokit: unknown,
          count: number
        ) => waitOrGiveUp('secondary rate limit', retryAfter, count),
        // A run makes a handful of writes, each run in its own process: octokit's pacing of one
        // write a second (three for new comments) would only delay what people are waiting for,
        // and the clean-up after a cancellation, which the runner gives only a few seconds.
        // GitHub's limits are still honoured: a 403 or 429 that asks to wait is waited out.
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 })
      }
    },
    timeEachTry,
    retry,
    throttling
  )
  rememberAnswers(octokit)
  return octokit
}
