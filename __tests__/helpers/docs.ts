/** The project's words for users, as the tests that keep them true read them. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../../scripts/run-action.js'

export const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')

/** A page of docs/, by its file name. */
export const docsPage = (name: string): string =>
  readFileSync(join(REPO_ROOT, 'docs', name), 'utf8')

/** Every Markdown file a user or contributor reads, by its path from the repository's root. */
export function markdownFiles(): Record<string, string> {
  const top = ['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'ARCHITECTURE.md', 'CHANGELOG.md']
  const pages = readdirSync(join(REPO_ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`)
  return Object.fromEntries(
    [...top, ...pages].map((path) => [path, readFileSync(join(REPO_ROOT, path), 'utf8')])
  )
}

/** The README and docs/ together: where a sentence a user relies on may live. */
export const documentation = (): string =>
  Object.entries(markdownFiles())
    .filter(([path]) => path === 'README.md' || path.startsWith('docs/'))
    .map(([, text]) => text)
    .join('\n\n')

/** The text with every run of white space as one space: prose wraps anywhere. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ')

/** The section under a heading, up to the next heading of its level or higher (not in code). */
export function section(text: string, heading: string): string {
  const start = text.indexOf(heading)
  if (start < 0) throw new Error(`No heading ${JSON.stringify(heading)}`)
  const level = /^#+/.exec(heading)?.[0].length ?? 2
  const lines = text.slice(start).split('\n')
  let fenced = false
  const end = lines.findIndex((line, i) => {
    if (/^\s*```/.test(line)) fenced = !fenced
    return i > 0 && !fenced && new RegExp(`^#{1,${level}} `).test(line)
  })
  return (end < 0 ? lines : lines.slice(0, end)).join('\n')
}

/** Every fenced YAML block, with the file it is in. */
export const yamlBlocks = (): { path: string; yaml: string }[] =>
  Object.entries(markdownFiles()).flatMap(([path, text]) =>
    [...text.matchAll(/^( *)```yaml\n([\s\S]*?)^\1```/gm)].map((m) => ({
      path,
      yaml: m[2]!.replace(new RegExp(`^${m[1]}`, 'gm'), '')
    }))
  )

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export const anchorOf = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-')
