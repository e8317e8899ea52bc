/** Elements that take no closing tag. */
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr'])

/**
 * The well-formedness problems of an HTML fragment: tags that are not closed, closed out of
 * order or never opened, and `<` or `&` that begin no tag or entity. Empty when it is sound.
 */
export function htmlProblems(html: string): string[] {
  const problems: string[] = []
  const open: string[] = []
  const token =
    /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*(\/?)>|<|&(?!(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);)/g
  for (const match of html.matchAll(token)) {
    const [whole, closing, name, , selfClosing] = match
    if (!name) {
      problems.push(`a bare ${JSON.stringify(whole)} at ${match.index}`)
      continue
    }
    const tag = name.toLowerCase()
    if (VOID.has(tag) || selfClosing) continue
    if (!closing) {
      open.push(tag)
      continue
    }
    const last = open.pop()
    if (last !== tag) problems.push(`</${tag}> at ${match.index} closes <${last ?? 'nothing'}>`)
  }
  for (const tag of open) problems.push(`<${tag}> is never closed`)
  return problems
}
