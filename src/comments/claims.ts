/**
 * What a run says about its command's place in the thread's line, in a hidden line of its status
 * comment. Later runs read these lines from the token's own comments only: anyone else could fake
 * a place's end.
 */
import { createHash } from 'node:crypto'
import { findJobMarker } from '../thread/markers.js'
import type { RunId } from '../thread/thread.js'

/**
 * - `waiting`: the run is alive and has not sent yet;
 * - `sent`: Mintlify took the message; the place is finished once the job is no longer active,
 *   whether or not the run is still there to say so;
 * - `done`: the run ended with the job final, or without sending (failed, refused, cancelled).
 */
export type ClaimState = 'waiting' | 'sent' | 'done'

export interface Claim {
  /** The command: `issue-comment:123`. */
  place: string
  state: ClaimState
  /**
   * When the place stands in line (ms since the epoch): the time the command was written, or,
   * for a run that found later commands gone ahead of it, the time it joined the end.
   */
  at: number | undefined
  /** For `waiting`: ms since the epoch up to which the place holds without further sign of life. */
  until: number | undefined
  /** The run that holds the place, when it runs in GitHub Actions. */
  run: RunId | undefined
  /** The hash of the command's text this run is about (see textHash). */
  text: string | undefined
  /** Mintlify took the command's message (it stays so after the job ends: `done taken`). */
  taken: boolean
  /** The command's job, from the comment's job marker. */
  jobId: string | undefined
}

const CLAIM =
  /<!--\s*mintlify-agent-action\s+place=([a-z-]+:\d+)\s+state=(waiting|sent|done)((?:\s+[a-z]+=[^\s>]+)*)(\s+taken)?\s*-->/g

/** The hidden line for a claim (its job goes in the job marker beside it). */
export function claimMarker(claim: Omit<Claim, 'jobId'>): string {
  const fields = [
    claim.at === undefined ? '' : ` at=${Math.round(claim.at)}`,
    claim.state === 'waiting' && claim.until !== undefined
      ? ` until=${Math.ceil(claim.until)}`
      : '',
    claim.run ? ` run=${claim.run.id}.${claim.run.attempt}` : '',
    claim.text ? ` text=${claim.text}` : ''
  ].join('')
  return `<!-- mintlify-agent-action place=${claim.place} state=${claim.state}${fields}${claim.taken ? ' taken' : ''} -->`
}

/** The claim a comment's text makes, if any (the last one, as the action writes it last). */
export function readClaim(text: string): Claim | undefined {
  let claim: Claim | undefined
  for (const [, place = '', state, fields = '', taken] of text.matchAll(CLAIM)) {
    const field = (name: string) => new RegExp(`\\s${name}=([^\\s>]+)`).exec(fields)?.[1]
    const number = (name: string) => {
      const value = Number(field(name))
      return Number.isFinite(value) ? value : undefined
    }
    const run = /^(\d+)\.(\d+)$/.exec(field('run') ?? '')
    claim = {
      place,
      state: state as ClaimState,
      at: number('at'),
      until: number('until'),
      run: run ? { id: Number(run[1]), attempt: Number(run[2]) } : undefined,
      text: field('text'),
      taken: taken !== undefined,
      jobId: undefined
    }
  }
  if (claim) claim.jobId = findJobMarker(text)
  return claim
}

/**
 * A short fingerprint of a command's text: runs of the same comment (the original and an edit, a
 * re-run) tell by it whether the text they would send was already sent.
 */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12)
}

export function sameRun(a: RunId | undefined, b: RunId | undefined): boolean {
  return !!a && !!b && a.id === b.id
}
