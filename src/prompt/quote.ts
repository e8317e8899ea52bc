/**
 * A file's diff quoted within its share: whole when it fits; else with a line of context around
 * each change; else the parts that matter most that fit, one part cut at a line, and a note on
 * what was left out. Parts that change only imports, whitespace or comments are left out, and
 * counted. Lengths are reckoned before anything is written, so that a large file costs little.
 */
import type { DiffLine } from './diff-lines.js'
import { partsOf, type Part } from './parts.js'
import type { ChangedFile } from './pull-request.js'
import { plural } from './words.js'

/** Git's text after a hunk header, kept short: it only says where the hunk stands. */
const SECTION_LENGTH = 60
/** Lines of context kept around a change when room is short (git gives three). */
const CONTEXT = 1
/** Unchanged lines between two changes kept rather than a new hunk header written. */
const GAP = 2
/** The least of a part worth quoting when it is cut, and the room its note takes. */
const MIN_CUT = 120
const CUT_NOTE = 45
/** Data and specs, whose new sections are read in order rather than by size. */
const DATA = /\.(ya?ml|json|jsonc|json5|toml|ini|proto|graphql|gql|xml)$/i

function header(lines: readonly DiffLine[], section: string): string {
  const first = lines[0] ?? { old: 0, now: 0 }
  const old = lines.filter((line) => line.sign !== '+').length
  const now = lines.filter((line) => line.sign !== '-').length
  const where = section.length > SECTION_LENGTH ? `${section.slice(0, SECTION_LENGTH)}…` : section
  return `@@ -${first.old},${old} +${first.now},${now} @@${where ? ` ${where}` : ''}`
}

/** A line as quoted; a whitespace-only change shows as its new line, unchanged. */
const shown = (line: DiffLine): string | undefined =>
  line.realigned ? (line.sign === '-' ? undefined : ` ${line.text}`) : `${line.sign}${line.text}`

/** The runs of a part's lines quoted: all of them, or, short, a line of context around changes. */
function runsOf(lines: readonly DiffLine[], short: boolean): [number, number][] {
  const runs: [number, number][] = []
  if (short)
    lines.forEach((line, i) => {
      if (line.sign === ' ' || line.realigned) return
      const from = Math.max(0, i - CONTEXT)
      const to = Math.min(lines.length, i + CONTEXT + 1)
      const last = runs.at(-1)
      if (last && from - last[1] <= GAP) last[1] = Math.max(last[1], to)
      else runs.push([from, to])
    })
  return runs.length ? runs : [[0, lines.length]]
}

function rendered(part: Part, short: boolean): string[] {
  return runsOf(part.lines, short).flatMap(([from, to], index) => {
    const run = part.lines.slice(from, to)
    return [header(run, index ? '' : part.section), ...run.flatMap((line) => shown(line) ?? [])]
  })
}

/** The length of a part as quoted, with the line break before it, reckoned without writing it. */
function lengthOf(part: Part, short: boolean): number {
  let length = 0
  runsOf(part.lines, short).forEach(([from, to], index) => {
    const run = part.lines.slice(from, to)
    length += header(run, index ? '' : part.section).length + 1
    for (const line of run)
      if (!(line.realigned && line.sign === '-')) length += line.text.length + 2
  })
  return length
}

function leftOutLine(missing: readonly Part[], noise: number): string {
  const lines = missing.reduce((sum, part) => sum + part.lines.length, 0)
  const what = [
    ...(missing.length
      ? [`${plural(missing.length, 'hunk')} (${plural(lines, 'line')}) for want of room`]
      : []),
    ...(noise
      ? [
          `${plural(noise, 'hunk')} that change${noise === 1 ? 's' : ''} only imports, whitespace or comments`
        ]
      : [])
  ]
  return what.length ? `… [left out of this file's diff: ${what.join('; ')}]` : ''
}

/** The part cut at a line within `room` characters. */
function cutPart(part: Part, room: number): string | undefined {
  const lines = rendered(part, true)
  let kept = 0
  let length = -1
  for (const line of lines) {
    if (length + line.length + 1 > room - CUT_NOTE) break
    length += line.length + 1
    kept++
  }
  if (kept <= 1) return undefined
  return `${lines.slice(0, kept).join('\n')}\n… [${plural(lines.length - kept, 'more line')} of this hunk left out]`
}

interface Quotable {
  head: string
  candidates: Part[]
  noise: number
  /** The whole quote's length, with full context and with short context. */
  full: number
  short: number
}

const measured = new WeakMap<ChangedFile, Map<boolean, Quotable>>()

function measure(file: ChangedFile, withNoise: boolean): Quotable {
  let byNoise = measured.get(file)
  if (!byNoise) measured.set(file, (byNoise = new Map()))
  let quotable = byNoise.get(withNoise)
  if (quotable) return quotable
  const head = `diff --git a/${file.previousPath ?? file.path} b/${file.path}`
  const parts = partsOf(file)
  const candidates = parts.filter((part) => withNoise || part.priority !== 3)
  const noise = parts.length - candidates.length
  const note = noise ? leftOutLine([], noise).length + 1 : 0
  const total = (short: boolean) =>
    candidates.reduce((sum, part) => sum + lengthOf(part, short), head.length + note)
  quotable = { head, candidates, noise, full: total(false), short: total(true) }
  byNoise.set(withNoise, quotable)
  return quotable
}

/**
 * The length of the file's whole quote: with git's context around each change, or (`short`) with
 * a line of it.
 */
export const wholeQuoteLength = (file: ChangedFile, withNoise: boolean, short = false): number =>
  short ? measure(file, withNoise).short : measure(file, withNoise).full

/**
 * The file's diff within `allowance` characters. Noise is quoted only for a file the team
 * prefers (`withNoise`), and last.
 */
export function quoteFile(file: ChangedFile, allowance: number, withNoise: boolean): string {
  const { head, candidates, noise, full, short } = measure(file, withNoise)
  const chosen = new Map<Part, string>()
  if (short <= allowance) {
    for (const part of candidates) chosen.set(part, rendered(part, full > allowance).join('\n'))
  } else {
    let left = allowance - head.length - leftOutLine(candidates, noise).length - 1
    let cut = false
    // What matters most first, and of that what adds most: a new section before an edited line.
    // In data and specs, new sections go in the order the file reads: a schema's type and required
    // fields before its examples.
    const added = (part: Part) => part.lines.filter((line) => line.sign === '+').length
    const isNew = (part: Part) => part.lines.every((line) => line.sign === '+')
    const inOrder = (part: Part) => DATA.test(file.path) && isNew(part)
    const order = [...candidates].sort(
      (a, b) =>
        a.priority - b.priority ||
        Number(inOrder(b)) - Number(inOrder(a)) ||
        (inOrder(a) && inOrder(b) ? 0 : added(b) - added(a))
    )
    for (const part of order) {
      const length = lengthOf(part, true)
      if (length <= left) {
        chosen.set(part, rendered(part, true).join('\n'))
        left -= length
      } else if (!cut && left >= MIN_CUT) {
        const quote = cutPart(part, left - 1)
        if (!quote) continue
        chosen.set(part, quote)
        cut = true
        left -= quote.length + 1
      }
    }
  }
  const leftOut = leftOutLine(
    candidates.filter((part) => !chosen.has(part)),
    noise
  )
  return [
    head,
    ...candidates.flatMap((part) => chosen.get(part) ?? []),
    ...(leftOut ? [leftOut] : [])
  ].join('\n')
}
