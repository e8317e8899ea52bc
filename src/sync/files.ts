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

export function isPreferred(file: ChangedFile, rules: FileRules): boolean {
  return rules.prefer.some((glob) => globMatcher(glob)(file.path))
}

/** The least of a file's diff worth quoting: less than this tells the agent nothing. */
const MIN_QUOTE = 400

/**
 * Shares `room` characters among the files' diffs: preferred files first, then the rest; within
 * each group every file gets an equal share, and what a small file leaves goes to the others.
 * A file whose share would be under MIN_QUOTE gets nothing (the largest drop first), so that the
 * files that are quoted say something. Returns each quoted file's allowance, by path.
 */
export function shareRoom(
  files: readonly { path: string; size: number; preferred: boolean }[],
  room: number
): Map<string, number> {
  const allowance = new Map<string, number>()
  let left = room
  for (const group of [files.filter((f) => f.preferred), files.filter((f) => !f.preferred)]) {
    const candidates = [...group].sort((a, b) => a.size - b.size || a.path.localeCompare(b.path))
    // Drop the largest until every remaining file can get at least MIN_QUOTE.
    while (candidates.length && left / candidates.length < MIN_QUOTE) candidates.pop()
    let count = candidates.length
    for (const file of candidates) {
      const share = Math.floor(left / count--)
      const given = Math.min(file.size, share)
      allowance.set(file.path, given)
      left -= given
    }
  }
  return allowance
}
