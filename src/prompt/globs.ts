/** Shell-style globs (`sync-exclude`, `sync-prefer`, `.gitattributes`) as tests on paths. */

/** Each glob's test, made once: a prompt asks of every file whether each glob names it. */
const matchers = new Map<string, (path: string) => boolean>()

/** A shell-style glob as a test on a path: `*` within a name, `**` across folders. */
export function globMatcher(glob: string): (path: string) => boolean {
  let matcher = matchers.get(glob)
  if (!matcher) matchers.set(glob, (matcher = compile(glob)))
  return matcher
}

function compile(glob: string): (path: string) => boolean {
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

/**
 * Which paths a `.gitattributes` file marks `linguist-generated` (GitHub then folds their diffs);
 * a later line overrides an earlier one, and `-linguist-generated` or `=false` unmarks.
 */
export function generatedByAttributes(text: string): (path: string) => boolean {
  const settings = text.split(/\r?\n/).flatMap((line) => {
    const [pattern, ...attributes] = line.trim().split(/\s+/)
    if (!pattern || pattern.startsWith('#')) return []
    const setting = attributes
      .map((attribute) => /^([-!])?linguist-generated(?:=(\w+))?$/.exec(attribute))
      .find(Boolean)
    if (!setting) return []
    return [
      {
        matches: globMatcher(pattern.replace(/^\//, '')),
        generated: !setting[1] && setting[2] !== 'false'
      }
    ]
  })
  return (path) =>
    settings.reduce(
      (generated, setting) => (setting.matches(path) ? setting.generated : generated),
      false
    )
}
