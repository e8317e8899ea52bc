/**
 * Which changed files a prompt quotes, and how much of each: every file is listed, lockfiles,
 * binaries, minified, vendored and excluded files are not quoted, and what room there is for
 * diffs is shared file by file, so that one large file cannot crowd out the others.
 */
import { globMatcher } from './globs.js'
import { onlyNoise } from './parts.js'
import { isPreferred, LAST_RANK, type FileRules, type Rank } from './kinds.js'
import type { ChangedFile } from './pull-request.js'

export { globMatcher } from './globs.js'
export type { FileRules } from './kinds.js'

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'deno.lock',
  'Cargo.lock',
  'go.sum',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'composer.lock',
  'Gemfile.lock',
  'mix.lock',
  'pubspec.lock',
  'Podfile.lock',
  'flake.lock',
  'packages.lock.json',
  'gradle.lockfile'
])

const BINARY =
  /\.(png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|woff2?|ttf|otf|eot|mp3|mp4|mov|avi|wasm|pyc)$/i
const MINIFIED = /(\.min\.(js|css|mjs)|\.map)$/i
const VENDORED = /(^|\/)(vendor|node_modules|third_party|dist)\//

/** Why a file is listed but not quoted; undefined for a file that may be quoted. */
export function notQuoted(file: ChangedFile, rules: FileRules): string | undefined {
  const matches = (globs: readonly string[]) => globs.some((glob) => globMatcher(glob)(file.path))
  if (matches(rules.exclude)) return 'excluded by sync-exclude'
  if (file.patch === undefined)
    return file.additions + file.deletions === 0 || BINARY.test(file.path)
      ? 'binary'
      : 'GitHub gives no diff for a file this large'
  if (isPreferred(file, rules)) return undefined
  const name = file.path.slice(file.path.lastIndexOf('/') + 1)
  if (LOCKFILES.has(name) || name.endsWith('.lock')) return 'a lockfile'
  if (BINARY.test(file.path)) return 'binary'
  if (MINIFIED.test(file.path)) return 'minified or a source map'
  if (VENDORED.test(file.path)) return 'vendored or built'
  if (onlyNoise(file)) return 'it changes only imports, whitespace or comments'
  return undefined
}

/** The least of a file's diff worth quoting: less than this tells the agent nothing. */
const MIN_QUOTE = 400
/**
 * The most of the room the floors of the rest of the source, and of tests and the rest, may take
 * while the files a docs writer needs most may want more. Generated code and translations get no
 * floor.
 */
const FLOOR_SHARE = { all: 0.5, 2: 0.25, 3: 0.1 }
/**
 * The most of the room one file takes in the first sharing while a file of the source that
 * defines much (of this weight) waits; what the others leave may add to it.
 */
const MOST_OF_ROOM = 0.15
const WEIGHTY = 4
/** Generated code and translations take at most this share of what is quoted. */
const LAST_SHARE = 0.1

export interface RoomClaim {
  path: string
  /** Its whole quote. */
  size: number
  rank: Rank
  /**
   * How much of what users see it states (0 to 6): floors go to the files that state most first,
   * and their shares are larger.
   */
  weight: number
  /** Docs the change writes about itself: no part holds them back. */
  docs?: boolean
}

/** A file's share within its rank: one, and up to three for a file that defines much. */
const shareOf = (claim: RoomClaim) => 1 + Math.min(claim.weight, 6) / 3

/**
 * Gives the files of a group shares of `left` by their weight, each up to `most`, what one does
 * not need going to the others.
 */
function fill(
  group: readonly RoomClaim[],
  allowance: Map<string, number>,
  left: number,
  most = Infinity
): number {
  const need = (claim: RoomClaim) =>
    Math.min(claim.size, claim.docs ? Infinity : most) - (allowance.get(claim.path) ?? 0)
  let weights = group.reduce((sum, claim) => sum + shareOf(claim), 0)
  for (const claim of [...group].sort((a, b) => need(a) / shareOf(a) - need(b) / shareOf(b))) {
    const extra = Math.max(0, Math.min(need(claim), Math.floor((left * shareOf(claim)) / weights)))
    weights -= shareOf(claim)
    allowance.set(claim.path, (allowance.get(claim.path) ?? 0) + extra)
    left -= extra
  }
  return left
}

/**
 * Shares `room` characters among the files' diffs. First every file gets a floor (MIN_QUOTE, or
 * its whole diff when smaller), by rank, and within a rank the files that define most of the
 * surface first, as long as floors fit; the floors of the rest of the source and of tests and the
 * rest take at most 25% of the room, the latter's alone 10%. Then what is left goes rank by rank:
 * within a rank every file gets a share by its weight, and what a small file does not need goes to
 * the others of its rank and then to the next rank; while a source file that defines much waits,
 * no file of the public surface takes more than 15% of the room, and what is left at the end goes
 * back to those held back. Generated code and translations come last, with at most a tenth of
 * what is quoted. Returns each quoted file's allowance, by path.
 */
export function shareRoom(files: readonly RoomClaim[], room: number): Map<string, number> {
  const allowance = new Map<string, number>()
  const order = [...files].sort(
    (a, b) =>
      a.rank - b.rank || b.weight - a.weight || a.size - b.size || a.path.localeCompare(b.path)
  )
  let left = room
  const floors = { 2: 0, 3: 0 }
  for (const file of order.filter((f) => f.rank < LAST_RANK)) {
    const floor = Math.min(file.size, MIN_QUOTE)
    if (floor > left || room - left + floor > room * FLOOR_SHARE.all) continue
    if (file.rank >= 2) {
      const lower = floors[2] + floor
      if (lower > room * FLOOR_SHARE[2]) continue
      if (file.rank === 3 && floors[3] + floor > room * FLOOR_SHARE[3]) continue
      floors[2] = lower
      if (file.rank === 3) floors[3] += floor
    }
    allowance.set(file.path, floor)
    left -= floor
  }
  for (const rank of [0, 1, 2, 3] as Rank[]) {
    // Past the files a team prefers and docs, no file takes more than its part while a file of the
    // source that defines much waits.
    const waiting = order.some((file) => file.rank === 2 && rank < 2 && file.weight >= WEIGHTY)
    left = fill(
      order.filter((file) => file.rank === rank && allowance.has(file.path)),
      allowance,
      left,
      rank > 0 && waiting ? Math.floor(room * MOST_OF_ROOM) : Infinity
    )
    // Files of this rank that had no floor get one now, if room is left.
    for (const file of order.filter((f) => f.rank === rank && !allowance.has(f.path))) {
      const given = Math.min(file.size, left)
      if (given < Math.min(file.size, MIN_QUOTE)) break
      allowance.set(file.path, given)
      left -= given
    }
  }
  // What no file of any rank wanted goes back to the files that their part held back.
  for (const rank of [1, 2, 3] as Rank[])
    left = fill(
      order.filter((file) => file.rank === rank && allowance.has(file.path)),
      allowance,
      left
    )
  const quoted = [...allowance.values()].reduce((sum, given) => sum + given, 0)
  const last = order.filter((file) => file.rank === LAST_RANK)
  // With nothing else to quote, generated code and translations may have the room.
  let lastRoom = quoted
    ? Math.min(left, Math.floor((quoted * LAST_SHARE) / (1 - LAST_SHARE)))
    : left
  for (const file of last) {
    const floor = Math.min(file.size, MIN_QUOTE)
    if (floor > lastRoom) continue
    allowance.set(file.path, floor)
    lastRoom -= floor
  }
  fill(
    last.filter((file) => allowance.has(file.path)),
    allowance,
    lastRoom
  )
  return allowance
}
