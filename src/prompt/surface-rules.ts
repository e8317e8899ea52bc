/**
 * The rules by which a changed line is read as part of the surface a docs writer documents, by
 * the shape of the line in the languages teams write most: no parser, one pattern per way of
 * declaring a thing. A rule names the thing; the statement it starts (up to its closing bracket)
 * is its detail: types, defaults, rules. The rules themselves are in surface-interface.ts (what
 * users set or call) and surface-declarations.ts (what code declares).
 */

export type SurfaceKind =
  | 'route'
  | 'command'
  | 'flag'
  | 'env'
  | 'field'
  | 'config'
  | 'rpc'
  | 'function'
  | 'method'
  | 'class'
  | 'type'
  | 'constant'
  | 'component'
  | 'member'
  | 'property'
  | 'status'
  | 'message'
  | 'query'
  | 'response'

/** Where a line stands: its file, its indentation, and the declaration it belongs to. */
export interface LineContext {
  path: string
  /** The line, trimmed. */
  text: string
  indent: number
  /** The nearest line above with less indentation (or git's hunk header): its owner. */
  enclosing: () => string
  /** The function the line stands in, when the diff shows where it starts. */
  within: () => string | undefined
  /** The lines after it on its side of the hunk, up to `count`, trimmed and joined. */
  following: (count: number) => string
}

export interface Rule {
  files: RegExp
  pattern: RegExp
  kind: SurfaceKind | ((match: RegExpExecArray, at: LineContext) => SurfaceKind)
  /** The thing's name, from the match (its first group by default); undefined: no thing after all. */
  name?: (match: RegExpExecArray, at: LineContext) => string | undefined
  when?: (at: LineContext) => boolean
  /**
   * The statement spans the line only, or runs on to the bracket that closes it: a parenthesis or
   * square bracket (the default), or a brace as well (a JSON object).
   */
  single?: boolean
  braces?: boolean
  /** The statement runs on through calls chained on the lines after (`z\n  .string()`). */
  chain?: boolean
  /** The statement runs on to the line that ends with this (SQL's `;`). */
  until?: RegExp
  /** Several things on one line (environment variables). */
  global?: boolean
  /** Its owner is the function it stands in (a message, a status), not a class or struct. */
  inFunction?: boolean
}

export const JS = /\.([cm]?[jt]sx?|vue|svelte|astro)$/
export const PY = /\.pyi?$/
export const GO = /\.go$/
export const RUST = /\.rs$/
export const RUBY = /\.rb$/
export const JVM = /\.(java|kt|kts|scala)$/
export const PROTO = /\.proto$/
export const ANY = /./

/** A group of a match, empty when it did not take part. */
export const group = (match: RegExpExecArray, index: number): string => match[index] ?? ''

/** The first group that matched. */
export const named = (match: RegExpExecArray): string | undefined =>
  match.slice(1).find((each) => each !== undefined)

/** The owner's keyword and name: `class Config(BaseModel):` gives `class`, `Config`. */
export function ownerOf(line: string): { keyword: string; name: string } | undefined {
  const declared =
    /\b(class|interface|struct|message|enum|service|trait|impl|object)\s+([A-Za-z_$][\w$]*)/.exec(
      line
    )
  if (declared) return { keyword: group(declared, 1), name: group(declared, 2) }
  const typed = /\btype\s+([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*(=\s*\{|struct|interface)/.exec(line)
  if (!typed) return undefined
  return {
    keyword: group(typed, 2).includes('struct') ? 'struct' : 'interface',
    name: group(typed, 1)
  }
}

/** The line stands in a declaration of one of these kinds (a class, a struct …). */
export const insideOf =
  (...keywords: string[]) =>
  (at: LineContext): boolean => {
    if (at.indent === 0) return false
    const owner = ownerOf(at.enclosing())
    return owner !== undefined && keywords.includes(owner.keyword)
  }
