import type { AgentJob } from '../core/agent-api.js'
import type { Outcome } from '../core/outcome.js'

/**
 * What `--json` prints, the same shape for every command and every ending: real booleans and
 * numbers, the API's camelCase, and `error` set exactly when the exit code is not 0.
 */
export interface CliDocument {
  command: string | null
  jobId: string | null
  status: string | null
  prLink: string | null
  /** Mintlify took this run's message, or started its job. */
  sent: boolean
  /** This run started the job. */
  created: boolean
  timedOut: boolean
  durationMs: number
  /** The job as Mintlify last described it. */
  job: AgentJob | null
  error: {
    message: string
    /** `usage`, `not-found`, `unauthorized`, `rate-limited`, `job-failed`, `cancelled`, … */
    kind: string
    /** Mintlify's HTTP status, when a request failed with one. */
    status: number | null
  } | null
}

export function documentOf(command: string, outcome: Outcome): CliDocument {
  const job = outcome.job ?? null
  return {
    command,
    jobId: job?.id ?? (outcome.jobId || null),
    status: job?.status ?? null,
    prLink: job?.prLink ?? null,
    sent: outcome.sent,
    created: outcome.created,
    timedOut: outcome.timedOut,
    durationMs: Math.round(outcome.durationMs),
    job,
    error: outcome.failure
      ? {
          message: outcome.failure,
          kind: outcome.failureKind ?? 'failed',
          status: outcome.failureStatus ?? null
        }
      : null
  }
}

/** A run that ended before any job was read: a wrong command line, a failed lookup. */
export function errorDocument(
  command: string | null,
  message: string,
  kind: string,
  status: number | null = null
): CliDocument {
  return {
    command,
    jobId: null,
    status: null,
    prLink: null,
    sent: false,
    created: false,
    timedOut: false,
    durationMs: 0,
    job: null,
    error: { message, kind, status }
  }
}

/** The result for people: three lines on stdout. */
export function plainResult(document: CliDocument): string {
  return [
    `job: ${document.jobId ?? 'none'}`,
    `status: ${document.status ?? 'unknown'}${document.timedOut ? ' (still running)' : ''}`,
    `pull request: ${document.prLink ?? 'none'}`,
    ''
  ].join('\n')
}
