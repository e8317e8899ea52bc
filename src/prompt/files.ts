/**
 * Which changed files a prompt quotes, and how much of each: every file is listed, lockfiles,
 * binaries, minified, vendored and excluded files are not quoted, and what room there is for
 * diffs is shared file by file, so that one large file cannot crowd out the others.
 */
import type { ChangedFile } from './pull-request.js'

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

/** A shell-style glob as a test on a path: `*` within a name, `**` across folders. */
export function globMatcher(glob: string): (path: string) => boolean {
  const source = glob
    .trim()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .split('**/')
    .map((part) =>
      part
        .replace(/\*\*$/, '\u0001')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        .replace('\u0001', '.*')
    )
    .join('(?:.*/)?')
  const pattern = new RegExp(`^${source}$`)
  // A pattern without a slash names files by name wherever they are, as .gitignore does.
  return glob.includes('/')
    ? (path) => pattern.test(path)
    : (path) => pattern.test(path.slice(path.lastIndexOf('/') + 1))
}

export interface FileRules {
  /** Globs of files to list but not quote. */
  exclude: readonly string[]
  /** Globs of files quoted first; they are quoted even when a built-in rule would not. */
  prefer: readonly string[]
}

/** Why a file is listed but not quoted; undefined for a file that may be quoted. */
export function notQuoted(file: ChangedFile, rules: FileRules): string | undefined {
  const matches = (globs: readonly string[]) => globs.some((glob) => globMatcher(glob)(file.path))
  if (matches(rules.exclude)) return 'excluded by sync-exclude'
  if (file.patch === undefined)
    return file.additions + file.deletions === 0 || BINARY.test(file.path)
      ? 'binary'
      : 'GitHub gives no diff for a file this large'
  if (matches(rules.prefer)) return undefined
  const name = file.path.slice(file.path.lastIndexOf('/') + 1)
  if (LOCKFILES.has(name)) return 'a lockfile'
  if (BINARY.test(file.path)) return 'binary'
  if (MINIFIED.test(file.path)) return 'minified or a source map'
  if (VENDORED.test(file.path)) return 'vendored or built'
  return undefined
}

/**
 * How much a docs writer needs a file's diff, most first: files the team prefers (`sync-prefer`);
 * docs, the public surface (entry points, typings, CLI and configuration schemas) and examples;
 * the rest of the source; last, tests, fixtures, snapshots, deleted files, pure renames, and
 * generated files.
 */
export type Rank = 0 | 1 | 2 | 3
const LAST_RANK: Rank = 3

const DOCS = /(^|\/)(docs?|documentation|examples?)\/|(^|\/)readme[^/]*$|\.(mdx?|rst|adoc)$/i
const SURFACE =
  /(^|\/)(index|main|mod|lib|cli|api|public|exports)\.[cm]?[jt]sx?$|\.d\.[cm]?ts$|\.pyi$|(^|\/)__init__\.py$|(^|\/)(bin|cmd)\/|(^|\/)(package\.json|action\.ya?ml|pyproject\.toml|Cargo\.toml|go\.mod)$|schema[^/]*\.(json|ya?ml)$|(^|\/)(options|config|types?|cli)\.[^/]+$/i
const LOW =
  /(^|\/)(tests?|__tests__|specs?|fixtures?|__fixtures__|__snapshots__|testdata|snapshots?|mocks?|__mocks__|benchmarks?)\/|[._-](test|spec)\.[^/]+$|_test\.go$|(^|\/)test_[^/]+\.py$|\.snap$|\.(generated|gen)\.[^/]+$/i

/** What a changed file is to a docs writer; the order of FileKind is the order of need. */
export type FileKind = 'preferred' | 'docs' | 'public surface' | 'source' | 'tests and the rest'

export function kindOf(file: ChangedFile, rules: FileRules): FileKind {
  if (isPreferred(file, rules)) return 'preferred'
  if (file.status === 'removed') return 'tests and the rest'
  if (file.status === 'renamed' && file.additions + file.deletions === 0)
    return 'tests and the rest'
  if (LOW.test(file.path)) return 'tests and the rest'
  if (DOCS.test(file.path)) return 'docs'
  if (SURFACE.test(file.path)) return 'public surface'
  return 'source'
}

const RANK_OF: Record<FileKind, Rank> = {
  preferred: 0,
  docs: 1,
  'public surface': 1,
  source: 2,
  'tests and the rest': LAST_RANK
}

export const rankOf = (file: ChangedFile, rules: FileRules): Rank => RANK_OF[kindOf(file, rules)]

export function isPreferred(file: ChangedFile, rules: FileRules): boolean {
  return rules.prefer.some((glob) => globMatcher(glob)(file.path))
}

/** The least of a file's diff worth quoting: less than this tells the agent nothing. */
const MIN_QUOTE = 400
/**
 * The most of the room the floors of the rest of the source, and of the last rank, may take
 * while the files a docs writer needs most may want more.
 */
const FLOOR_SHARE: Record<Rank, number> = { 0: 1, 1: 1, 2: 0.3, 3: 0.15 }

/**
 * Shares `room` characters among the files' diffs. First every file gets a floor (MIN_QUOTE, or
 * its whole diff when smaller), by rank and smallest first, as long as floors fit; the floors of
 * the rest of the source and the last rank take at most 30% of the room, the last rank's alone
 * 15%. Then what is left goes rank by rank: within a rank
 * every file gets an equal share, and what a small file does not need goes to the others of its
 * rank and then to the next rank. Returns each quoted file's allowance, by path.
 */
export function shareRoom(
  files: readonly { path: string; size: number; rank: Rank }[],
  room: number
): Map<string, number> {
  const allowance = new Map<string, number>()
  const order = [...files].sort(
    (a, b) => a.rank - b.rank || a.size - b.size || a.path.localeCompare(b.path)
  )
  let left = room
  // The floors of ranks 2 and 3 together, and of rank 3 alone.
  const floors = { 2: 0, 3: 0 }
  for (const file of order) {
    const floor = Math.min(file.size, MIN_QUOTE)
    if (floor > left) continue
    if (file.rank >= 2) {
      const lower = floors[2] + floor
      if (lower > room * FLOOR_SHARE[2]) continue
      if (file.rank === LAST_RANK && floors[3] + floor > room * FLOOR_SHARE[3]) continue
      floors[2] = lower
      if (file.rank === LAST_RANK) floors[3] += floor
    }
    allowance.set(file.path, floor)
    left -= floor
  }
  for (const rank of [0, 1, 2, 3] as Rank[]) {
    const group = order.filter((file) => file.rank === rank && allowance.has(file.path))
    let count = group.length
    for (const file of group) {
      const given = allowance.get(file.path) ?? 0
      const extra = Math.min(file.size - given, Math.floor(left / count--))
      allowance.set(file.path, given + extra)
      left -= extra
    }
    // Files of this rank that had no floor get one now, if room is left.
    for (const file of order.filter((f) => f.rank === rank && !allowance.has(f.path))) {
      const given = Math.min(file.size, left)
      if (given < Math.min(file.size, MIN_QUOTE)) break
      allowance.set(file.path, given)
      left -= given
    }
  }
  return allowance
}
