/**
 * How a prompt's room is shared: the fixed head (instructions, what to do, the pull request) goes
 * whole; the diffs keep 70% of the limit when they need it (at most 80% of what the head leaves);
 * the digest, the commits and the list of files share the rest, each giving what it does not need
 * to the others and then to the diffs.
 */
import { digest } from './digest.js'
import { fileList } from './file-list.js'
import { notQuoted, shareRoom } from './files.js'
import { quoteFile, wholeQuoteLength } from './quote.js'
import { isPreferred, kindOf, LAST_RANK, rankOf, weightOf, type FileRules } from './kinds.js'
import type { ChangedFile } from './pull-request.js'

export interface Layout {
  /** The parts that go whole, first; empty ones are left out. */
  head: string[]
  /** The commits within a room. */
  commits: (room: number) => string
  files: readonly ChangedFile[]
  /** How many files changed (GitHub's files list may give fewer). */
  total: number
  rules: FileRules & { limit: number }
}

/** The share of the limit, and at most of what the head leaves, the diffs keep when they need it. */
const DIFF_SHARE = 0.7
const DIFF_SHARE_OF_ROOM = 0.8
/**
 * Of the room left to them, the digest, the commits and the list of files first get up to these
 * shares; what one does not need goes to the others, in this order.
 */
const SHARES = { digest: 0.5, commits: 0.25, list: 0.25 }
/** The share of the limit the digest may take from the diffs' when its own holds too little. */
const DIGEST_FROM_DIFFS = 0.05
/** Room for the headings, separators and the line on files not quoted. */
const RESERVE = 300
const FENCE = '````'

/** What a prompt over the limit gives its diffs less than it was over by, to fit at the next try. */
const OVERSHOOT = 50

/** Rounds of giving the room that cut quotes left unused to the files still cut. */
const REFILLS = 3

function diffs(files: readonly ChangedFile[], rules: FileRules, room: number) {
  const quotable = files.filter((file) => !notQuoted(file, rules))
  const withNoise = (file: ChangedFile) => isPreferred(file, rules)
  // When not every diff fits with git's context, each is quoted with a line of it, and more fit.
  const full = quotable.reduce((sum, file) => sum + wholeQuoteLength(file, withNoise(file)) + 1, 0)
  const claims = quotable.map((file) => ({
    file,
    path: file.path,
    size: wholeQuoteLength(file, withNoise(file), full > room) + 1,
    rank: rankOf(file, rules),
    weight: weightOf(file, rules),
    docs: kindOf(file, rules) === 'docs'
  }))
  const allowance = shareRoom(claims, room)
  const quotes = new Map<string, string>()
  let requote = claims
  for (let round = 0; ; round++) {
    for (const claim of requote) {
      const given = allowance.get(claim.path)
      if (given === undefined) continue
      const quote = quoteFile(claim.file, given - 1, withNoise(claim.file))
      quotes.set(claim.path, quote)
      // A cut quote may use less than its allowance: what it leaves goes to the files still cut.
      allowance.set(claim.path, quote.length + 1)
    }
    const spare = room - [...allowance.values()].reduce((sum, given) => sum + given, 0)
    // Generated code and translations keep the share they had, whatever is spare.
    const short = claims.filter(
      (claim) => claim.rank < LAST_RANK && (allowance.get(claim.path) ?? 0) < claim.size
    )
    if (round === REFILLS || spare < 100 || !short.length) break
    const more = shareRoom(
      short.map((claim) => ({ ...claim, size: claim.size - (allowance.get(claim.path) ?? 0) })),
      spare
    )
    for (const [path, extra] of more) allowance.set(path, (allowance.get(path) ?? 0) + extra)
    requote = short.filter((claim) => more.has(claim.path))
  }
  const blocks = quotable.flatMap((file) => quotes.get(file.path) ?? [])
  const dropped = quotable.filter((file) => !quotes.has(file.path)).map((file) => file.path)
  return { blocks, dropped }
}

function diffSection(blocks: readonly string[], dropped: readonly string[]): string[] {
  const diff = blocks.length
    ? `The diffs, each file's within its share of this message (the hunks that declare things first; each file says what of its diff was left out):\n${FENCE}diff\n${blocks.join('\n')}\n${FENCE}`
    : 'No diff is quoted: there was no room left for one in this message. Read the changes on the pull request.'
  const names = dropped
    .slice(0, 20)
    .map((path) => `\`${path}\``)
    .join(', ')
  const left = dropped.length
    ? `Not quoted, for want of room: ${names}${dropped.length > 20 ? ` and ${dropped.length - 20} more` : ''}. Read them on the pull request.`
    : ''
  return [diff, left]
}

type Part = keyof typeof SHARES

/** Rooms for the digest, commits and list within `budget`: shares first, then what is spare. */
function roomsFor(want: Record<Part, number>, budget: number): Record<Part, number> {
  const rooms = { digest: 0, commits: 0, list: 0 }
  const parts: Part[] = ['digest', 'commits', 'list']
  for (const part of parts) rooms[part] = Math.min(want[part], Math.floor(budget * SHARES[part]))
  let spare = budget - rooms.digest - rooms.commits - rooms.list
  for (const part of parts) {
    const more = Math.min(spare, want[part] - rooms[part])
    rooms[part] += more
    spare -= more
  }
  return rooms
}

/** The prompt within the limit: the head, the digest, the commits, the files, the diffs. */
export function layOut({ head, commits, files, total, rules }: Layout): string {
  const fixed = head.filter(Boolean).join('\n\n')
  const room = rules.limit - fixed.length - RESERVE
  const quotable = files.filter((file) => !notQuoted(file, rules))
  const diffNeed = quotable.reduce(
    (sum, file) => sum + wholeQuoteLength(file, isPreferred(file, rules)) + 1,
    0
  )
  const want = {
    digest: digest(files, rules, Infinity).length,
    commits: commits(Infinity).length,
    list: fileList(files, rules, Infinity, total).join('\n').length
  }
  const diffKeeps = Math.min(diffNeed, rules.limit * DIFF_SHARE, room * DIFF_SHARE_OF_ROOM)
  const rooms = roomsFor(want, Math.max(0, room - diffKeeps))
  // The digest names what every file changes: when its share holds too little, it takes more.
  rooms.digest += Math.max(
    0,
    Math.min(want.digest - rooms.digest, rules.limit * DIGEST_FROM_DIFFS, diffKeeps)
  )
  const parts = [
    fixed,
    digest(files, rules, rooms.digest),
    commits(rooms.commits),
    fileList(files, rules, rooms.list, total).join('\n')
  ].filter(Boolean)
  const before = parts.join('\n\n')
  // What the diffs' headings and the line on files not quoted take is known once they are written:
  // a prompt over the limit gives its diffs that much less, and a little more, until it fits.
  for (let reserve = RESERVE; ;) {
    const diffRoom = rules.limit - before.length - reserve
    const { blocks, dropped } = diffs(files, rules, Math.max(0, diffRoom))
    const prompt = [before, ...diffSection(blocks, dropped)].filter(Boolean).join('\n\n')
    if (prompt.length <= rules.limit) return prompt
    if (diffRoom <= 0) return prompt.slice(0, prompt.lastIndexOf('\n', rules.limit))
    reserve += Math.max(prompt.length - rules.limit + OVERSHOOT, OVERSHOOT)
  }
}
