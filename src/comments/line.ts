/**
 * The line of commands on one thread (a pull request or an issue), kept by the action itself.
 *
 * GitHub's `concurrency:` groups keep at most one pending run and cancel the rest, so they cannot
 * order commands without losing some. Instead, every run holds its command's place in the line
 * through its status comment, and sends only when every command ahead of its own has finished.
 * Nothing here does I/O: the runs read the thread, runs and jobs, and this module judges.
 */
import type { ItemKind, RunId, RunState, ThreadItem } from '../thread/thread.js'
import { readClaim, type Claim } from './claims.js'
import { parseCommand } from './command.js'

/** A command's place in the line of its thread. */
export interface Place {
  kind: ItemKind
  id: number
  /** When the command was written (ms since the epoch): created, or for a review submitted. */
  writtenAt: number
}

/** A claim as one of the token's own comments makes it. */
export interface PlaceClaim extends Claim {
  /** The comment that makes it (a status comment or a reply). */
  commentId: number
  commentKind: ItemKind
  /** The comment's text as read, to tell later whether it changed. */
  body: string
}

/** A command on the thread, with what runs say of its place. */
export interface LineEntry {
  place: Place
  author: string
  isBot: boolean
  /** Where people can read the command, for the status comment. */
  url: string
  /** The claims on this place, oldest comment first. */
  claims: PlaceClaim[]
}

/** Why an earlier command (or an earlier run of this one) still holds up this run. */
export type Ahead =
  /** No run has claimed the place yet: its run may not have started. */
  | { entry: LineEntry; state: 'not-started'; expiresAt: number }
  /** A run holds the place and has not sent yet. */
  | { entry: LineEntry; state: 'waiting'; claim: PlaceClaim }
  /** Mintlify took its message; it is finished when `jobId` is no longer active. */
  | { entry: LineEntry; state: 'sent'; jobId: string }

/** This run's own place, and the status comment that claims it. */
export interface OwnPlace {
  place: Place
  /** Where the place stands in line: the time written, or when the run joined the end. */
  at: number
  statusCommentId: number
}

export interface Verdict {
  /** What still holds this run up, nearest last. */
  ahead: Ahead[]
  /** Later commands whose messages Mintlify took before this one: the run was overtaken. */
  overtakenBy: LineEntry[]
  /** Runs of stale waiting places whose state the judgement needs and does not have. */
  unknownRuns: RunId[]
}

/** Earlier kinds first when two commands carry the same second: any fixed order will do. */
const KIND_ORDER: readonly ItemKind[] = ['issue-comment', 'review', 'review-comment']

export function placeKey(place: Pick<Place, 'kind' | 'id'>): string {
  return `${place.kind}:${place.id}`
}

/**
 * Where an entry stands: the `at` of its newest claim (a run that joined the end says so there),
 * else the time its command was written.
 */
export function orderTime(entry: Pick<LineEntry, 'place' | 'claims'>): number {
  return entry.claims.at(-1)?.at ?? entry.place.writtenAt
}

/**
 * The order of the line: by the time each place stands in line, then by kind, then by ID. GitHub
 * writes times to the second and hands out a kind's IDs in the order comments are created, so
 * within a second the IDs decide. Every run computes the same order from the same thread.
 */
export function compareOrder(
  a: { at: number; place: Pick<Place, 'kind' | 'id'> },
  b: { at: number; place: Pick<Place, 'kind' | 'id'> }
): number {
  return (
    a.at - b.at ||
    KIND_ORDER.indexOf(a.place.kind) - KIND_ORDER.indexOf(b.place.kind) ||
    a.place.id - b.place.id
  )
}

/**
 * Whether a waiting claim still holds its place: within its lease, or past it while its run is
 * known to be running. A run that ended, or that cannot be read, holds nothing past the lease.
 */
function holds(claim: PlaceClaim, now: number, runState: (run: RunId) => RunState | undefined) {
  if ((claim.until ?? 0) > now) return true
  return claim.run !== undefined && runState(claim.run) === 'running'
}

/**
 * Judges the thread for this run: the earlier places that still hold it up, whether later ones
 * went first, and which runs' states it needs. `runState` answers from what was read so far;
 * undefined means not read yet.
 */
export function judgeLine(
  own: OwnPlace,
  line: readonly LineEntry[],
  now: number,
  expiryMs: number,
  runState: (run: RunId) => RunState | undefined
): Verdict {
  const verdict: Verdict = { ahead: [], overtakenBy: [], unknownRuns: [] }
  const mine = { at: own.at, place: own.place }
  const ownKey = placeKey(own.place)
  const ownEntry = line.find((entry) => placeKey(entry.place) === ownKey)
  const ownTaken = ownEntry?.claims.some((claim) => claim.taken) ?? false
  const stale = (claim: PlaceClaim): boolean => {
    if ((claim.until ?? 0) > now || claim.run === undefined) return false
    if (runState(claim.run) === undefined) verdict.unknownRuns.push(claim.run)
    return true
  }

  const ordered = [...line].sort((a, b) =>
    compareOrder({ at: orderTime(a), place: a.place }, { at: orderTime(b), place: b.place })
  )
  for (const entry of ordered) {
    const key = placeKey(entry.place)
    if (key === ownKey) {
      // Another run of this same command (the comment's edit, a re-run) that claimed it first goes first.
      const earlier = entry.claims.filter(
        (c) => c.commentId < own.statusCommentId && c.state === 'waiting'
      )
      for (const claim of earlier) {
        stale(claim)
        if (holds(claim, now, runState)) verdict.ahead.push({ entry, state: 'waiting', claim })
      }
      continue
    }
    const before = compareOrder({ at: orderTime(entry), place: entry.place }, mine) < 0
    if (!before) {
      if (!ownTaken && entry.claims.some((claim) => claim.taken)) verdict.overtakenBy.push(entry)
      continue
    }
    const waiting = entry.claims.filter((c) => c.state === 'waiting')
    waiting.forEach(stale)
    const live = waiting.filter((claim) => holds(claim, now, runState)).at(-1)
    if (live) {
      verdict.ahead.push({ entry, state: 'waiting', claim: live })
      continue
    }
    const sentTo = entry.claims.findLast((c) => c.state === 'sent' && c.jobId)?.jobId
    if (sentTo) {
      verdict.ahead.push({ entry, state: 'sent', jobId: sentTo })
      continue
    }
    if (entry.claims.length > 0) continue
    const expiresAt = entry.place.writtenAt + expiryMs
    if (expiresAt > now) verdict.ahead.push({ entry, state: 'not-started', expiresAt })
  }
  return verdict
}

/**
 * The commands written on the thread, with what the token's own comments say of their places.
 * Only the token's own comments hold places: anyone else could fake a place's end.
 */
export function lineOf(
  items: readonly ThreadItem[],
  commandWord: string,
  isSelf: (login: string) => boolean
): LineEntry[] {
  const claims = new Map<string, PlaceClaim[]>()
  for (const item of items) {
    const claim = isSelf(item.author.login) ? readClaim(item.body) : undefined
    if (!claim) continue
    const list = claims.get(claim.place) ?? []
    list.push({ ...claim, commentId: item.id, commentKind: item.kind, body: item.body })
    claims.set(claim.place, list)
  }
  const batched = batchedReviews(items, commandWord)
  const line: LineEntry[] = []
  for (const item of items) {
    const command = parseCommand(item.body, commandWord).kind
    const isPlace =
      item.kind === 'review'
        ? batched.has(item.id)
        : command === 'prompt' && !(item.reviewId !== undefined && batched.has(item.reviewId))
    if (!isPlace) continue
    const place = { kind: item.kind, id: item.id, writtenAt: item.writtenAt }
    line.push({
      place,
      author: item.author.login,
      isBot: item.author.isBot,
      url: item.url,
      claims: (claims.get(placeKey(place)) ?? []).sort((a, b) => a.commentId - b.commentId)
    })
  }
  return line
}

/**
 * The reviews whose summary is a command that sends the whole review: `/agent <prompt>`, or a
 * bare `/agent` over inline comments. Their inline comments hold no place of their own.
 */
export function batchedReviews(items: readonly ThreadItem[], commandWord: string): Set<number> {
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

/** The claims the token's own comments make on the thread, outside the given comment. */
export function ownClaims(
  line: readonly LineEntry[],
  except: number | undefined
): (PlaceClaim & { entry: LineEntry })[] {
  return line.flatMap((entry) =>
    entry.claims.filter((claim) => claim.commentId !== except).map((claim) => ({ ...claim, entry }))
  )
}
