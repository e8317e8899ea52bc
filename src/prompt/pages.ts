/**
 * The docs pages a code pull request already changes itself, named at the top of its prompts: when
 * the docs job works in the same repository, writing them again would conflict with the pull
 * request's own edits.
 */
import { parsePullRequestUrl, repositoryKey, sameRepository } from '../core/job-lookup.js'
import { isDocsPage } from './kinds.js'
import type { ChangedFile } from './pull-request.js'
import { plural } from './words.js'

export interface Repositories {
  /** The docs job's repository (its `source.repository`), once known: `owner/name` or its URL. */
  docsRepository?: string | undefined
}

const PAGES_NAMED = 30

function whatToDo(docsRepository: string | undefined, pullRequestUrl: string): string {
  const code = parsePullRequestUrl(pullRequestUrl)
  const codeRepository = code && `${code.owner}/${code.repo}`
  const building =
    'these pages are already being written in this pull request: do not write them again; build on them (link to them, add what they leave out)'
  if (docsRepository === undefined)
    return `If your docs repository is ${codeRepository ? `\`${codeRepository}\`` : "this pull request's repository"}, ${building}.`
  // A bare owner/name is taken to be on the pull request's host.
  const host = code ? new URL(code.url).origin : 'https://github.com'
  const docs = /^[\w.-]+\/[\w.-]+$/.test(docsRepository.trim())
    ? `${host}/${docsRepository.trim()}`
    : docsRepository
  if (code && sameRepository(docs, code.url.replace(/\/pull\/\d+$/, '')))
    return `Your docs repository is this pull request's repository (\`${codeRepository}\`): ${building}.`
  const named = repositoryKey(docs)?.replace(/^[^/]+\//, '') ?? docsRepository
  return `Your docs repository is another one (\`${named}\`): take these pages as facts about the change.`
}

/**
 * The note on the docs pages among `files`; empty when the change edits none. The code's
 * repository is the pull request's.
 */
export function docsPagesNote(
  files: readonly ChangedFile[],
  { docsRepository }: Repositories,
  pullRequestUrl: string
): string {
  const pages = files.filter((file) => file.status !== 'removed' && isDocsPage(file.path))
  if (!pages.length) return ''
  const named = pages
    .slice(0, PAGES_NAMED)
    .map((file) => `\`${file.path}\`${file.status === 'added' ? ' (new)' : ''}`)
    .join(', ')
  const more =
    pages.length > PAGES_NAMED ? ` and ${plural(pages.length - PAGES_NAMED, 'more page')}` : ''
  return `This pull request already changes these docs pages: ${named}${more}. ${whatToDo(docsRepository, pullRequestUrl)}`
}
