/**
 * The digest at the top of a prompt: what the change adds, changes, renames or removes of the
 * surface a docs writer documents, from every changed file, quoted or not, an entry a line with
 * the statement that states its type, default or rule, and where it stands.
 */
import { surfaceOfFile } from './analysis.js'
import { notQuoted } from './files.js'
import { definesNoSurface, isGenerated, isPreferred, rankOf, type FileRules } from './kinds.js'
import type { ChangedFile } from './pull-request.js'
import type { SurfaceChange, SurfaceKind } from './surface.js'
import { plural } from './words.js'

const KIND_PRIORITY: Record<SurfaceKind, number> = {
  route: 0,
  command: 0,
  flag: 0,
  env: 0,
  rpc: 0,
  field: 1,
  config: 1,
  function: 2,
  method: 2,
  class: 2,
  type: 2,
  constant: 3,
  component: 3,
  member: 3,
  property: 1,
  status: 1,
  message: 1,
  query: 2,
  response: 2
}

/** A constant set to a literal: a default, a limit, an error code. */
const LITERAL =
  /=\s*(?:"[^"]*"|'[^']*'|`[^`]*`|-?[\d_.]+(?:e\d+)?|true|false|True|False)\s*[;,]?(?:\s*(?:\/\/|#).*)?$/
/** What generated code names that its source may not state: its named values, and what users set or call. */
const FROM_GENERATED = new Set<SurfaceKind>(['constant', 'env', 'route', 'flag', 'command'])

/** Code in an `internal` folder cannot be imported from outside (Go's rule, and a common layout). */
const INTERNAL = /(^|\/)internal\//
const CODE_KINDS = new Set<SurfaceKind>([
  'property',
  'function',
  'method',
  'class',
  'type',
  'field',
  'constant'
])

/**
 * What goes first when not every entry fits: what users set or call (routes, commands, flags,
 * environment variables), then fields, settings and constants set to a literal, then code;
 * within a kind, what changed or went before what was added. Internal code comes later.
 */
function priorityOf({ entry, file }: Candidate): number {
  const internal = CODE_KINDS.has(entry.kind) && INTERNAL.test(file.path) ? 2 : 0
  const kind =
    entry.kind === 'constant' && LITERAL.test(entry.text)
      ? KIND_PRIORITY.field
      : KIND_PRIORITY[entry.kind]
  return 3 * kind + internal + (entry.change === 'added' ? 1 : 0)
}

/** Inline code that survives backticks in the code. */
const code = (text: string) => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``)

/** Reasons a file is not quoted that also keep it out of the digest: what it holds is no source. */
const NO_SOURCE = new Set([
  'excluded by sync-exclude',
  'a lockfile',
  'binary',
  'minified or a source map',
  'vendored or built'
])

function readsSurface(file: ChangedFile, rules: FileRules): boolean {
  if (!file.patch) return false
  if (NO_SOURCE.has(notQuoted(file, rules) ?? '')) return false
  return isPreferred(file, rules) || !definesNoSurface(file)
}

/** What an entry is: `field in Config`, `removed flag`; a file's entries of a label share a line. */
const labelOf = (entry: SurfaceChange) =>
  `${entry.change === 'added' ? '' : `${entry.change} `}${entry.kind}${entry.owner ? ` in ${entry.owner}` : ''}`

function item(entry: SurfaceChange): string {
  const name = entry.text.includes(entry.name) ? '' : `${entry.name} `
  const where = entry.change === 'removed' ? ` :${entry.line} (old file)` : ` :${entry.line}`
  const was = entry.was === undefined ? '' : ` (was ${code(entry.was)})`
  return `${name}${code(entry.text)}${where}${was}`
}

/** A file's chosen entries, a line per label, in the order the labels first come. */
function fileLines(chosen: readonly Candidate[]): string[] {
  const byLabel = new Map<string, string[]>()
  for (const { entry } of chosen) {
    const label = labelOf(entry)
    const items = byLabel.get(label)
    if (items) items.push(item(entry))
    else byLabel.set(label, [item(entry)])
  }
  return [...byLabel].map(([label, items]) => `- ${label}: ${items.join('; ')}`)
}

interface Candidate {
  file: ChangedFile
  order: number
  entry: SurfaceChange
  generated: boolean
}

/** A removed file's surface as one line: what it defined. */
function removedFile(entries: readonly SurfaceChange[]): string {
  const names = [...new Set(entries.map((entry) => entry.name))]
  const shown = names.slice(0, 12).map(code).join(', ')
  return `- the file is removed, and with it ${shown}${names.length > 12 ? ` and ${names.length - 12} more` : ''}`
}

const ENV_PLACES = 3

/** The entries the digest may give, and the removed files it names, from every changed file. */
function collect(files: readonly ChangedFile[], rules: FileRules) {
  const candidates: Candidate[] = []
  const removedFiles = new Map<ChangedFile, string>()
  const envSeen = new Map<string, number>()
  files.forEach((file, order) => {
    if (!readsSurface(file, rules)) return
    const entries = surfaceOfFile(file)
    if (!entries.length) return
    if (file.status === 'removed') return void removedFiles.set(file, removedFile(entries))
    const generated = isGenerated(file)
    const lines = new Set<string>()
    for (const entry of entries) {
      if (generated && !FROM_GENERATED.has(entry.kind)) continue
      // Two things read on one line (`env.A ?? env.B`) are one entry.
      const where = `${entry.change} ${entry.line} ${entry.text}`
      if (lines.has(where)) continue
      lines.add(where)
      // An environment variable read in many files is given where it is read first, and twice more.
      if (entry.kind === 'env' && entry.change === 'added') {
        const seen = (envSeen.get(entry.name) ?? 0) + 1
        envSeen.set(entry.name, seen)
        if (seen > ENV_PLACES) continue
      }
      candidates.push({ file, order, entry, generated })
    }
  })
  // What generated code names that a file written by hand names too is left out; what only it
  // names (an error code's value) ranks as if its source stated it.
  const stated = new Set(candidates.filter((c) => !c.generated).map((c) => c.entry.name))
  return {
    candidates: candidates.filter((c) => !c.generated || !stated.has(c.entry.name)),
    removedFiles
  }
}

const INTRO = `What this change does to what users see, read from every changed file's diff, quoted below or not (\`:N\` is the line; in the old file for what was removed):`

/** Room kept for the line that counts what was left out. */
const LEFT_OUT_NOTE = 120

/**
 * The digest of `files` within `room` characters, file by file; the entries that do not fit are
 * counted. Empty when the change touches no surface it can read.
 */
export function digest(files: readonly ChangedFile[], rules: FileRules, room: number): string {
  const { candidates, removedFiles } = collect(files, rules)
  if (!candidates.length && !removedFiles.size) return ''
  const byFile = new Map<ChangedFile, Candidate[]>()
  for (const candidate of candidates) {
    const list = byFile.get(candidate.file)
    if (list) list.push(candidate)
    else byFile.set(candidate.file, [candidate])
  }
  const render = (chosen: Set<Candidate>, named: Set<ChangedFile>): string[] => {
    const lines: string[] = [INTRO]
    for (const file of files) {
      if (!named.has(file)) continue
      lines.push(`${code(file.path)}:`)
      const removed = removedFiles.get(file)
      if (removed) lines.push(removed)
      lines.push(...fileLines((byFile.get(file) ?? []).filter((c) => chosen.has(c))))
    }
    return lines
  }
  const everything = render(
    new Set(candidates),
    new Set([...removedFiles.keys(), ...byFile.keys()])
  )
  if (everything.join('\n').length <= room) return everything.join('\n')

  let left = room - INTRO.length - LEFT_OUT_NOTE
  const chosen = new Set<Candidate>()
  const named = new Set<ChangedFile>()
  const heading = (file: ChangedFile) => (named.has(file) ? 0 : file.path.length + 5)
  for (const [file, text] of removedFiles) {
    const cost = text.length + 1 + heading(file)
    if (cost > left) continue
    named.add(file)
    left -= cost
  }
  // Each file's first entry of a kind before any file's second: one file's many cannot crowd out the rest.
  const nth = new Map<Candidate, number>()
  const counted = new Map<string, number>()
  for (const candidate of candidates) {
    const key = `${candidate.order} ${candidate.entry.kind}`
    nth.set(candidate, counted.get(key) ?? 0)
    counted.set(key, (nth.get(candidate) ?? 0) + 1)
  }
  const ranked = [...candidates].sort(
    (a, b) =>
      priorityOf(a) - priorityOf(b) ||
      (nth.get(a) ?? 0) - (nth.get(b) ?? 0) ||
      rankOf(a.file, rules) - rankOf(b.file, rules) ||
      a.order - b.order ||
      a.entry.line - b.entry.line
  )
  const labelled = new Set<string>()
  for (const candidate of ranked) {
    const label = `${candidate.file.path} ${labelOf(candidate.entry)}`
    const cost = labelled.has(label)
      ? item(candidate.entry).length + 2
      : `- ${labelOf(candidate.entry)}: ${item(candidate.entry)}`.length +
        1 +
        heading(candidate.file)
    if (cost > left) continue
    chosen.add(candidate)
    named.add(candidate.file)
    labelled.add(label)
    left -= cost
  }
  const missing = candidates.filter((candidate) => !chosen.has(candidate))
  const missingFiles = [...removedFiles.keys()].filter((file) => !named.has(file))
  const inFiles = new Set(missing.map((candidate) => candidate.file.path))
  const leftOut = [
    ...(missing.length
      ? [
          `${plural(missing.length, 'more entry', 'more entries')} in ${plural(inFiles.size, 'file')}`
        ]
      : []),
    ...(missingFiles.length ? [plural(missingFiles.length, 'removed file')] : [])
  ]
  return [...render(chosen, named), `(Left out for want of room: ${leftOut.join(' and ')}.)`].join(
    '\n'
  )
}
