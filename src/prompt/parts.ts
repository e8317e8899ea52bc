/**
 * A file's diff as parts to quote: its hunks, long ones split where declarations start, each
 * ranked by what it changes: what defines the surface, another declaration, a body, or only
 * imports, whitespace and comments.
 */
import { hunksOfFile, surfaceOfFile } from './analysis.js'
import { indentOf, type DiffLine, type Hunk } from './diff-lines.js'
import type { ChangedFile } from './pull-request.js'
import type { SurfaceKind } from './surface.js'

/** 0: defines what the digest names; 1: another declaration; 2: a body; 3: noise. */
export type Priority = 0 | 1 | 2 | 3

export interface Part {
  section: string
  lines: DiffLine[]
  priority: Priority
}

/** A hunk longer than this is split where its declarations start. */
const LONG_PART = 40

/** A declaration, or a heading of prose (a new section is what docs add). */
const DECLARATION =
  /^(#{1,6}\s|export\s|pub(\([\w:]+\))?\s|public\s|protected\s|internal\s|static\s|(async\s+)?def\s|(async\s+)?function\s|class\s|func\s|interface\s|type\s+\w|struct\s|enum\s|trait\s|impl\b|message\s|service\s|rpc\s|module\s|const\s+[A-Z]|@[\w.]+)/

const startsDeclaration = (line: DiffLine) => !line.noise && DECLARATION.test(line.text.trim())

/** Where a part may start: a declaration, or else a paragraph after a blank line. */
function starts(lines: readonly DiffLine[], from: number, to: number): number[] {
  const text = (index: number) => lines[index]?.text ?? ''
  const declarations: number[] = []
  const paragraphs: number[] = []
  lines.slice(from + 1, to).forEach((line, offset) => {
    const i = from + 1 + offset
    if (!line.text.trim()) return
    if (startsDeclaration(line)) declarations.push(i)
    else if (!text(i - 1).trim()) paragraphs.push(i)
  })
  const found = declarations.length ? declarations : paragraphs
  const outermost = found.reduce((least, i) => Math.min(least, indentOf(text(i))), Infinity)
  return found
    .filter((i) => indentOf(text(i)) === outermost)
    .map((i) => {
      // Decorators and comments just above a declaration belong to it.
      let start = i
      while (start - 1 > from && /^(@|\/\/|#|\/\*|\*)/.test(text(start - 1).trim())) start--
      return start
    })
    .filter((start, index, all) => start > from && all.indexOf(start) === index)
}

/** A run of at least this many lines of imports and comments atop a hunk is a part of its own. */
const IMPORT_BLOCK = 3

function split(lines: readonly DiffLine[], from: number, to: number): [number, number][] {
  let leading = from
  while (leading < to && lines[leading]?.noise) leading++
  if (from === 0 && leading - from >= IMPORT_BLOCK && leading < to)
    return [[from, leading], ...split(lines, leading, to)]
  if (to - from <= LONG_PART) return [[from, to]]
  const cuts = starts(lines, from, to)
  if (!cuts.length) return [[from, to]]
  const bounds = [from, ...cuts, to]
  return bounds.slice(1).flatMap((end, i) => {
    const start = bounds[i] ?? from
    return end - start < to - from ? split(lines, start, end) : [[start, end] as [number, number]]
  })
}

function priorityOf(lines: readonly DiffLine[], defines: (line: DiffLine) => boolean): Priority {
  const changed = lines.filter((line) => line.sign !== ' ')
  if (changed.every((line) => line.noise)) return 3
  if (changed.some(defines)) return 0
  return changed.some(startsDeclaration) ? 1 : 2
}

const IN_BODIES = new Set<SurfaceKind>(['status', 'message', 'response'])

const partsRead = new WeakMap<ChangedFile, Part[]>()

/** The file's hunks as parts, each with a change of its own; parts of context only are dropped. */
export function partsOf(file: ChangedFile): Part[] {
  const read = partsRead.get(file)
  if (read) return read
  // Statuses, messages and answers stand in bodies: they rank a part no higher than its body.
  const surface = surfaceOfFile(file).filter((s) => !IN_BODIES.has(s.kind))
  const newLines = new Set(surface.filter((s) => s.change !== 'removed').map((s) => s.line))
  const oldLines = new Set(surface.filter((s) => s.change === 'removed').map((s) => s.line))
  const defines = (line: DiffLine) =>
    line.sign === '+' ? newLines.has(line.now) : line.sign === '-' && oldLines.has(line.old)
  const parts = hunksOfFile(file).flatMap((hunk: Hunk) =>
    split(hunk.lines, 0, hunk.lines.length)
      .map(([from, to]) => hunk.lines.slice(from, to))
      .filter((lines) => lines.some((line) => line.sign !== ' '))
      .map((lines) => ({ section: hunk.section, lines, priority: priorityOf(lines, defines) }))
  )
  partsRead.set(file, parts)
  return parts
}

/** The file's diff has parts, and every one changes only imports, whitespace or comments. */
export function onlyNoise(file: ChangedFile): boolean {
  const parts = partsOf(file)
  return parts.length > 0 && parts.every((part) => part.priority === 3)
}
