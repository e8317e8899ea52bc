/**
 * A file's patch as hunks of numbered lines, and which of its changed lines are noise to a docs
 * writer: imports, comments, and changes of whitespace alone (a formatter's realignment).
 */
import { plainLines } from './commits.js'

export interface DiffLine {
  sign: '+' | '-' | ' '
  text: string
  /** The line's number in the old file; for an added line, the old line it comes after, plus one. */
  old: number
  /** The line's number in the new file; for a removed line, the new line it comes before. */
  now: number
  /** An import, a comment, a blank line or part of a whitespace-only change. */
  noise: boolean
  /** Part of a change of form only: the same text but for spaces, line breaks or a trailing comma. */
  realigned: boolean
}

export interface Hunk {
  /** What git names after the `@@` header: the enclosing declaration, often. */
  section: string
  lines: DiffLine[]
}

const HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@ ?(.*)$/

/** The comment syntax of a file, by its name: `#` or C's `//` and `/* … *\/`. */
type CommentStyle = 'hash' | 'slash' | 'none'

const HASH_COMMENTS =
  /\.(py|pyi|rb|sh|bash|zsh|ya?ml|toml|r|pl|ex|exs|tf|hcl|cfg|conf|ini|properties)$|(^|\/)(Dockerfile[^/]*|Makefile|\.env[^/]*|\.gitignore|\.gitattributes|Gemfile|Procfile)$/i
const SLASH_COMMENTS =
  /\.([cm]?[jt]sx?|go|rs|java|kt|kts|scala|swift|c|cc|cpp|h|hpp|cs|php|proto|dart|css|scss|less|jsonc|groovy|gradle|zig|vue|svelte|astro)$/i

function commentStyle(path: string): CommentStyle {
  if (SLASH_COMMENTS.test(path)) return 'slash'
  if (HASH_COMMENTS.test(path)) return 'hash'
  return 'none'
}

/** A line that only brings in names, or states the file's package or mode. */
const IMPORT_LINE =
  /^(import\b|from\s+[\w.]+\s+import\b|(const|let|var)\s+[\w{}\s,:]+=\s*require\(|require(_relative)?[\s(]|use\s+[\w:{}, *]+;|using\s+[\w.]+;|#include\b|package\s+[\w.]+;?$|extern\s+crate\b|(pub\s+)?mod\s+\w+;|['"]use (client|server|strict)['"];?$|#!)/
/** The start of a statement that imports over several lines, and the line that ends it. */
const IMPORT_OPENS = /^(import\s*(type\s*)?\{[^}]*$|import\s*\($|from\s+[\w.]+\s+import\s*\($)/
const IMPORT_CLOSES = /^(\}\s*from\s*['"].*|\)\s*;?)$/

interface ScanState {
  inImport: boolean
  inComment: boolean
}

/** Whether a line is noise by itself: blank, part of an import, or a comment. */
function noiseLine(text: string, style: CommentStyle, state: ScanState): boolean {
  const line = text.trim()
  if (state.inImport) {
    if (IMPORT_CLOSES.test(line)) state.inImport = false
    return true
  }
  if (state.inComment) {
    if (line.includes('*/')) state.inComment = false
    return true
  }
  if (!line) return true
  if (IMPORT_OPENS.test(line)) {
    state.inImport = true
    return true
  }
  if (IMPORT_LINE.test(line)) return true
  if (style === 'hash') return line.startsWith('#')
  if (style === 'slash') {
    if (line.startsWith('/*')) {
      state.inComment = !line.includes('*/')
      return true
    }
    return line.startsWith('//')
  }
  return false
}

function realign(line: DiffLine): void {
  line.realigned = true
  line.noise = true
}

const squeeze = (lines: readonly DiffLine[]) =>
  lines
    .map((line) => line.text)
    .join('')
    .replace(/\s+/g, '')

/** A line but for its spacing and a trailing comma (the one an item appended after it needs). */
const twinKey = (line: DiffLine) => squeeze([line]).replace(/,$/, '')

/**
 * Marks what changed only in whitespace: a run of removed and added lines whose text is the same
 * but for spaces and line breaks (a formatter's reflow), or else, within a run, each removed line
 * that an added one repeats but for its spaces or a trailing comma (a realignment, an item
 * appended after it), and blank lines.
 */
function markRealigned(lines: DiffLine[]): void {
  const changed = (index: number) => (lines[index]?.sign ?? ' ') !== ' '
  let start = 0
  while (start < lines.length) {
    if (!changed(start)) {
      start++
      continue
    }
    let end = start
    while (end < lines.length && changed(end)) end++
    const run = lines.slice(start, end)
    const removed = run.filter((line) => line.sign === '-')
    const added = run.filter((line) => line.sign === '+')
    if (squeeze(removed) === squeeze(added)) for (const line of run) realign(line)
    else {
      const unmatched = new Map<string, DiffLine[]>()
      for (const line of removed) {
        const key = twinKey(line)
        const twins = unmatched.get(key)
        if (twins) twins.push(line)
        else unmatched.set(key, [line])
      }
      for (const line of added) {
        const key = twinKey(line)
        const twin = unmatched.get(key)?.shift()
        if (twin || !key) realign(line)
        if (twin) realign(twin)
      }
      for (const line of unmatched.get('') ?? []) realign(line)
    }
    start = end
  }
}

/** The hunks of a patch as GitHub's files list and `git diff` give it. */
export function hunksOf(path: string, patch: string): Hunk[] {
  const style = commentStyle(path)
  const hunks: Hunk[] = []
  let hunk: Hunk | undefined
  let old = 0
  let now = 0
  const state: ScanState = { inImport: false, inComment: false }
  // A file with CRLF line ends gives its lines with a \r: it is no part of their text.
  for (const text of plainLines(patch).split('\n')) {
    if (text.startsWith('@@')) {
      const header = HEADER.exec(text)
      if (!header) continue
      old = Number(header[1])
      now = Number(header[2])
      hunk = { section: header[3]?.trim() ?? '', lines: [] }
      hunks.push(hunk)
      state.inImport = false
      state.inComment = false
      continue
    }
    if (!hunk || text.startsWith('\\')) continue
    const sign = text[0] === '+' || text[0] === '-' ? text[0] : ' '
    const body = text.slice(1)
    const noise = noiseLine(body, style, state)
    hunk.lines.push({ sign, text: body, old, now, noise, realigned: false })
    if (sign !== '+') old++
    if (sign !== '-') now++
  }
  for (const each of hunks) markRealigned(each.lines)
  return hunks
}

/** Added and removed lines, leaving out those of whitespace-only changes, which it counts. */
export function realChanges(hunks: readonly Hunk[]): {
  added: number
  removed: number
  realigned: number
} {
  const counts = { added: 0, removed: 0, realigned: 0 }
  for (const hunk of hunks)
    for (const line of hunk.lines) {
      if (line.realigned) counts.realigned++
      else if (line.sign === '+') counts.added++
      else if (line.sign === '-') counts.removed++
    }
  return counts
}

export const indentOf = (text: string): number => text.length - text.trimStart().length
