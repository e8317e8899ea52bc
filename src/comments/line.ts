/**
 * The line of commands on one thread (a pull request or an issue), kept by the action itself.
 *
 * GitHub's `concurrency:` groups keep at most one pending run and cancel the rest, so they cannot
 * order commands without losing some. Instead, every run holds a place in the line through its
 * status comment, and sends only when every command written before its own has finished. Nothing
 * here does I/O: the runs read the thread and the jobs, and this module judges what they read.
 */
import { findJobMarker } from '../thread/markers.js'
import type { ItemKind, ThreadItem } from '../thread/thread.js'
import { parseCommand } from './command.js'

/** A command's place in the line of its thread. */
export interface Place {
  kind: ItemKind
  id: number
  /** When the command was written (ms since the epoch): created, or for a review submitted. */
  writtenAt: number
}

/** A command on the thread that may hold a place before this run's own. */
export interface LineEntry {
  place: Place
  author: string
  isBot: boolean
  /** Where people can read the command, for the status comment. */
  url: string
}

/**
 * What a run says about its place, in a hidden line of its status comment:
 * - `waiting`: the run is alive and has not sent yet; it holds the place until `until`, and
 *   renews that while it waits;
 * - `sent`: Mintlify took the message; the place is finished once the job is no longer active,
 *   whether or not the run is still there to say so;
 * - `done`: the run ended with the job final, or without sending (failed, refused, cancelled).
 */
export type ClaimState = 'waiting' | 'sent' | 'done'

export interface Claim {
  place: string
  state: ClaimState
  /** For `waiting`: ms since the epoch after which the place is no longer held. */
  until: number | undefined
  /** Mintlify took the command's message (it stays so after the job ends: `done taken`). */
  taken: boolean
  /** The command's job, from the comment's job marker. */
  jobId: string | undefined
}

/** Why an earlier command still holds up this one. */
export type Ahead =
  /** No run has claimed the place yet: its run may not have started. */
  | { entry: LineEntry; state: 'not-started'; expiresAt: number }
  /** Its run is alive and has not sent yet. */
  | { entry: LineEntry; state: 'waiting'; expiresAt: number }
  /** Mintlify took its message; it is finished when `jobId` is no longer active. */
  | { entry: LineEntry; state: 'sent'; jobId: string }

/** Earlier kinds first when two commands carry the same second: any fixed order will do. */
const KIND_ORDER: readonly ItemKind[] = ['issue-comment', 'review', 'review-comment']

export function placeKey(place: Pick<Place, 'kind' | 'id'>): string {
  return `${place.kind}:${place.id}`
}

/**
 * The order of the line: by the time each command was written, then by kind, then by ID. GitHub
 * writes times to the second and hands out a kind's IDs in the order comments are created, so
 * within a second the IDs decide. Every run computes the same order from the same thread.
 */
export function comparePlaces(a: Place, b: Place): number {
  return (
    a.writtenAt - b.writtenAt ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    a.id - b.id
  )
}

const CLAIM =
  /<!--\s*mintlify-agent-action\s+place=([a-z-]+:\d+)\s+state=(waiting|sent|done)(?:\s+until=(\d+))?(\s+taken)?\s*-->/g

/** The hidden line a status comment carries for its place. */
export function claimMarker(
  place: string,
  state: ClaimState,
  { until, taken = state === 'sent' }: { until?: number; taken?: boolean } = {}
): string {
  const lease = state === 'waiting' && until !== undefined ? ` until=${Math.ceil(until)}` : ''
  return `<!-- mintlify-agent-action place=${place} state=${state}${lease}${taken ? ' taken' : ''} -->`
}

/** The claim a comment's text makes, if any (the last one, as the action writes it last). */
export function readClaim(text: string): Claim | undefined {
  let claim: Claim | undefined
  for (const [, place = '', state, until, taken] of text.matchAll(CLAIM)) {
    claim = {
      place,
      state: state as ClaimState,
      until: until === undefined ? undefined : Number(until),
      taken: taken !== undefined,
      jobId: undefined
    }
  }
  if (claim) claim.jobId = findJobMarker(text)
  return claim
}

/**
 * The earlier commands that still hold up `mine`, judged from the thread alone. A place that no
 * run has claimed expires `expiryMs` after its command was written; a waiting run's place at the
 * end of the lease it keeps renewing. Several claims on one place (a re-run) count by the most
 * alive: a live waiting run, then a message taken, then an end.
 *
 * `claims` must come from the token's own comments only: anyone else could fake a place's end.
 */
export function commandsAhead(
  mine: Place,
  line: readonly LineEntry[],
  claims: readonly Claim[],
  now: number,
  expiryMs: number
): Ahead[] {
  const byPlace = new Map<string, Claim[]>()
  for (const claim of claims) {
    const list = byPlace.get(claim.place) ?? []
    list.push(claim)
    byPlace.set(claim.place, list)
  }
  const ahead: Ahead[] = []
  for (const entry of line) {
    if (comparePlaces(entry.place, mine) >= 0) continue
    const held = byPlace.get(placeKey(entry.place)) ?? []
    const leases = held.flatMap((c) => (c.state === 'waiting' && c.until ? [c.until] : []))
    const lease = Math.max(0, ...leases)
    if (lease > now) {
      ahead.push({ entry, state: 'waiting', expiresAt: lease })
      continue
    }
    const sentTo = held.find((c) => c.state === 'sent' && c.jobId)?.jobId
    if (sentTo) {
      ahead.push({ entry, state: 'sent', jobId: sentTo })
      continue
    }
    if (held.length > 0) continue
    const expiresAt = entry.place.writtenAt + expiryMs
    if (expiresAt > now) ahead.push({ entry, state: 'not-started', expiresAt })
  }
  return ahead
}

/** The soonest a place ahead stops holding this one up by expiring, if any can. */
export function nextExpiry(ahead: readonly Ahead[]): number | undefined {
  const times = ahead.flatMap((a) => (a.state === 'sent' ? [] : [a.expiresAt]))
  return times.length ? Math.min(...times) : undefined
}

/**
 * How often a waiting run renews its lease: every quarter of it, so that three renewals can go
 * missing (a slow GitHub, a busy runner) before the place expires under a live run.
 */
export function renewalIntervalMs(expiryMs: number): number {
  return Math.max(1, Math.floor(expiryMs / 4))
}

/**
 * The commands written on the thread, and what the token's own comments say of their places.
 * Only the token's own comments hold places: anyone else could fake a place's end.
 */
export function lineOf<Item extends ThreadItem>(
  items: Item[],
  commandWord: string,
  isSelf: (login: string) => boolean
): { line: LineEntry[]; claims: Claim[]; items: Item[] } {
  const line: LineEntry[] = []
  const claims: Claim[] = []
  const batched = batchedReviews(items, commandWord)
  for (const item of items) {
    const claim = isSelf(item.author.login) ? readClaim(item.body) : undefined
    if (claim) claims.push(claim)
    const command = parseCommand(item.body, commandWord).kind
    const isPlace =
      item.kind === 'review'
        ? batched.has(item.id)
        : command === 'prompt' && !(item.reviewId !== undefined && batched.has(item.reviewId))
    if (!isPlace) continue
    line.push({
      place: { kind: item.kind, id: item.id, writtenAt: item.writtenAt },
      author: item.author.login,
      isBot: item.author.isBot,
      url: item.url
    })
  }
  return { line, claims, items }
}

/**
 * The reviews whose summary is a command that sends the whole review: `/agent <prompt>`, or a
 * bare `/agent` over inline comments. Their inline comments hold no place of their own.
 */
function batchedReviews(items: readonly ThreadItem[], commandWord: string): Set<number> {
  const withComments = new Set(items.flatMap((i) => (i.reviewId === undefined ? [] : [i.reviewId])))
  return new Set(
    items
      .filter((item) => item.kind === 'review')
      .filter((item) => {
        const kind = parseCommand(item.body, commandWord).kind
        return kind === 'prompt' || (kind === 'empty' && withComments.has(item.id))
      })
      .map((item) => item.id)
  )
}
