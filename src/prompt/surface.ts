/**
 * What a file's diff adds, changes, renames or removes of the surface a docs writer documents,
 * read line by line from both sides of each hunk by the rules of surface-rules.ts.
 */
import { indentOf, type DiffLine, type Hunk } from './diff-lines.js'
import { DECLARATION_RULES } from './surface-declarations.js'
import { INTERFACE_RULES } from './surface-interface.js'
import { functionAt, OUTCOME_RULES } from './surface-outcomes.js'
import { named, ownerOf, type LineContext, type Rule, type SurfaceKind } from './surface-rules.js'

export type { SurfaceKind } from './surface-rules.js'

export interface SurfaceChange {
  change: 'added' | 'changed' | 'renamed' | 'removed'
  kind: SurfaceKind
  name: string
  /** The statement that defines it, on one line: its types, defaults and rules. */
  text: string
  /** Its line: in the new file, or in the old one for what was removed. */
  line: number
  /** What it was, for what changed or was renamed. */
  was?: string
  /** The class, interface, struct or message it belongs to. */
  owner?: string
}

interface Found {
  kind: SurfaceKind
  name: string
  text: string
  line: number
  hunk: number
  owner?: string
}

/** The longest statement given: enough for a signature with its defaults. */
const MAX_TEXT = 240
/** Lines longer than this are data, not declarations. */
const MAX_LINE = 400
const MAX_STATEMENT_LINES = 15

const STRINGS = /(["'`])(?:\\.|(?!\1)[^\\])*\1/g

/** How many brackets a line opens, less those it closes, strings left out. */
function balance(text: string, braces: boolean): number {
  let depth = 0
  for (const char of text.replace(STRINGS, '')) {
    if (char === '(' || char === '[' || (braces && char === '{')) depth++
    else if (char === ')' || char === ']' || (braces && char === '}')) depth--
  }
  return depth
}

/**
 * The statement that starts at `view[at]`, up to the bracket that closes it, and with `chain`
 * through the calls chained on the lines after (`z\n  .string()\n  .url()`).
 */
function statement(view: readonly DiffLine[], at: number, rule: Rule): string {
  const parts: string[] = []
  let depth = 0
  for (const { text } of view.slice(at, at + MAX_STATEMENT_LINES)) {
    const ended = rule.until ? rule.until.test(parts.at(-1) ?? '') : depth <= 0
    if (parts.length && ended && !(rule.chain && text.trim().startsWith('.'))) break
    parts.push(text)
    depth += balance(text, rule.braces ?? false)
  }
  return joined(parts)
}

/**
 * A statement's lines on one line, as a formatter would write it short: no space inside the
 * brackets that broke it, no comma left before a closing one. Each line keeps its own spacing.
 */
function joined(lines: readonly string[]): string {
  let text = ''
  for (const line of lines.map((each) => each.trim()).filter(Boolean)) {
    // A comment on a line of its own inside a statement is no part of it.
    if (text && /^(\/\/|#(?!\[)|\/\*|\*|--\s)/.test(line)) continue
    if (!text) text = line
    else if (/^[)\]}]/.test(line)) text = `${text.replace(/,$/, '')}${line}`
    else text = /[([{]$/.test(text) ? `${text}${line}` : `${text} ${line}`
  }
  return text
}

/** A declaration's head without its body: up to the brace that opens the body, or Python's `:`. */
function headOf(text: string): string {
  let depth = 0
  let seenParameters = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '(' || char === '[') {
      depth++
      seenParameters = true
    } else if (char === ')' || char === ']') depth--
    else if (
      char === '{' &&
      depth === 0 &&
      (seenParameters || /\b(class|interface)\b/.test(text.slice(0, i)))
    )
      return text.slice(0, i)
  }
  return text.replace(/:\s*$/, '')
}

function compact(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat
}

/** The nearest line above with less indentation, or, past the hunk's top, git's hunk header. */
function enclosing(view: readonly DiffLine[], at: number, section: string): string {
  const indent = indentOf(view[at]?.text ?? '')
  if (indent === 0) return ''
  const above = view
    .slice(0, at)
    .findLast(({ text }) => text.trim() !== '' && indentOf(text) < indent)
  return above ? above.text.trim() : section
}

const RULES = [...INTERFACE_RULES, ...OUTCOME_RULES, ...DECLARATION_RULES]

/** A statement that declares a function or class is given without its body. */
const DECLARES = /^(export\s+)?(default\s+)?(async\s+)?(function|def|func|class|rpc)\b/

/** Where a changed line stands: its hunk's side of the diff, and the line's place in it. */
interface Place {
  view: readonly DiffLine[]
  at: number
  line: DiffLine
  hunk: number
  section: string
}

function found(rules: readonly Rule[], { view, at, line, hunk, section }: Place, path: string) {
  const text = line.text.trim()
  const context: LineContext = {
    path,
    text,
    indent: indentOf(line.text),
    enclosing: () => enclosing(view, at, section),
    within: () => functionAt(view, at, section),
    following: (count) =>
      view
        .slice(at + 1, at + 1 + count)
        .map((each) => each.text.trim())
        .join(' ')
  }
  const results: Found[] = []
  for (const rule of rules) {
    rule.pattern.lastIndex = 0
    for (
      let match = rule.pattern.exec(text);
      match;
      match = rule.global ? rule.pattern.exec(text) : null
    ) {
      if (rule.when && !rule.when(context)) continue
      const name = (rule.name ?? named)(match, context)
      if (!name || results.some((result) => result.name === name)) continue
      const kind = typeof rule.kind === 'function' ? rule.kind(match, context) : rule.kind
      const whole = rule.single ? text : statement(view, at, rule)
      const owner = rule.inFunction
        ? context.within()
        : context.indent
          ? ownerOf(context.enclosing())?.name
          : undefined
      results.push({
        kind,
        name,
        text: compact(DECLARES.test(text) || kind === 'method' ? headOf(whole) : whole),
        line: line.sign === '-' ? line.old : line.now,
        hunk,
        ...(owner && owner !== name ? { owner } : {})
      })
    }
  }
  return results
}

/** Everything one side of the diff (`+` the new file, `-` the old) defines on changed lines. */
function side(path: string, hunks: readonly Hunk[], sign: '+' | '-'): Found[] {
  const rules = RULES.filter((rule) => rule.files.test(path))
  const results: Found[] = []
  hunks.forEach(({ lines, section }, hunk) => {
    const view = lines.filter((line) => line.sign === ' ' || line.sign === sign)
    view.forEach((line, at) => {
      if (line.sign !== sign || line.realigned || line.text.length > MAX_LINE || !line.text.trim())
        return
      results.push(...found(rules, { view, at, line, hunk, section }, path))
    })
  })
  return results
}

/** What users get back: a status or a message. */
const isOutcome = (found: Found) => found.kind === 'status' || found.kind === 'message'
const literalsOf = (text: string) => [...text.matchAll(STRINGS)].map((match) => match[0])

/** A status or message is the same wherever it moves: its key is what users read, not its owner. */
const keyOf = (found: Found) =>
  found.kind === 'env'
    ? `env ${found.name}`
    : isOutcome(found)
      ? `${found.kind} ${found.name} ${literalsOf(found.text).join(' ')}`
      : `${found.kind} ${found.owner ?? ''} ${found.name}`

/** Every string literal on one side's changed lines. */
function literalsOnSide(hunks: readonly Hunk[], sign: '+' | '-'): Set<string> {
  const literals = new Set<string>()
  for (const { lines } of hunks)
    for (const line of lines)
      if (line.sign === sign) for (const literal of literalsOf(line.text)) literals.add(literal)
  return literals
}

/**
 * The statuses and messages one side names that the other does not: the other side's lines may
 * say the same on lines broken otherwise, in another function. A status is news unless the other
 * side sets it too, with its message if it has one; a message unless the other side shows it.
 */
function outcomesOnlyIn(
  one: Map<string, Found>,
  other: Map<string, Found>,
  otherLiterals: Set<string>
): Found[] {
  const statuses = new Set(
    [...other.values()].filter((each) => each.kind === 'status').map((each) => each.name)
  )
  const said = (each: Found) => literalsOf(each.text).every((literal) => otherLiterals.has(literal))
  return [...one.values()].filter(
    (each) =>
      isOutcome(each) &&
      !other.has(keyOf(each)) &&
      !(each.kind === 'status' ? statuses.has(each.name) && said(each) : said(each))
  )
}

function firstByKey(list: readonly Found[]): Map<string, Found> {
  const byKey = new Map<string, Found>()
  for (const each of list) if (!byKey.has(keyOf(each))) byKey.set(keyOf(each), each)
  return byKey
}

const entry = (change: SurfaceChange['change'], found: Found, was?: string): SurfaceChange => ({
  change,
  kind: found.kind,
  name: found.name,
  text: found.text,
  line: found.line,
  ...(was === undefined ? {} : { was }),
  ...(found.owner ? { owner: found.owner } : {})
})

/** A statement without its spacing and the punctuation that opens a body or ends it. */
const bare = (text: string) => text.replace(/\s/g, '').replace(/(=>)?[{:;,]*$/, '')

/**
 * The surface a file's diff changes. What both sides define alike is left out (a line moved or
 * reformatted); what both define differently changed; in a hunk that removes one thing of a kind
 * and adds one other, the thing was renamed.
 */
export function surfaceChanges(path: string, hunks: readonly Hunk[]): SurfaceChange[] {
  const added = firstByKey(side(path, hunks, '+'))
  const removed = firstByKey(side(path, hunks, '-'))
  const anyOutcome = (map: Map<string, Found>) => [...map.values()].some(isOutcome)
  const outcomes = [
    ...(anyOutcome(added)
      ? outcomesOnlyIn(added, removed, literalsOnSide(hunks, '-')).map((now) => entry('added', now))
      : []),
    ...(anyOutcome(removed)
      ? outcomesOnlyIn(removed, added, literalsOnSide(hunks, '+')).map((before) =>
          entry('removed', before)
        )
      : [])
  ]
  const changes: SurfaceChange[] = []
  for (const [key, each] of [...added, ...removed]) {
    if (!isOutcome(each)) continue
    added.delete(key)
    removed.delete(key)
  }
  for (const [key, now] of added) {
    const before = removed.get(key)
    if (!before) continue
    added.delete(key)
    removed.delete(key)
    if (bare(before.text) !== bare(now.text)) changes.push(entry('changed', now, before.text))
  }
  // What is left of a kind in a hunk: one thing removed and one added is a rename.
  const byHunk = (map: Map<string, Found>) => {
    const groups = new Map<string, Found[]>()
    // What a handler answers with in one place is no rename of what it answered with in another.
    for (const each of [...map.values()].filter((found) => found.kind !== 'response')) {
      const key = `${each.hunk} ${each.kind}`
      const group = groups.get(key)
      if (group) group.push(each)
      else groups.set(key, [each])
    }
    return groups
  }
  const gone = byHunk(removed)
  for (const [key, [now, ...others]] of byHunk(added)) {
    const [before, ...moreGone] = gone.get(key) ?? []
    if (!now || !before || others.length || moreGone.length) continue
    changes.push(entry('renamed', now, before.text))
    added.delete(keyOf(now))
    removed.delete(keyOf(before))
  }
  changes.push(...[...added.values()].map((now) => entry('added', now)))
  changes.push(...[...removed.values()].map((before) => entry('removed', before)))
  return [...changes, ...outcomes]
}
