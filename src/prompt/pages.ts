/**
 * The docs pages a code pull request already changes itself, named at the top of its prompts: when
 * the docs job works in the same repository, writing them again would conflict with the pull
 * request's own edits.
 */
import { isDocsPage } from './kinds.js'
import type { ChangedFile } from './pull-request.js'
import { plural } from './words.js'

export interface Repositories {
  /** The code pull request's repository, `owner/name`. */
  codeRepository?: string | undefined
  /** The docs job's repository (its `source.repository`), once known: `owner/name` or its URL. */
  docsRepository?: string | undefined
}

const PAGES_NAMED = 30

/** The repository of a pull request's address (`https://github.com/o/r/pull/7` is in `o/r`). */
const repositoryOfPullRequest = (url: string): string | undefined =>
  /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/pull\/\d+/.exec(url)?.[1]

/** `https://github.com/Owner/Repo.git` and `owner/repo` alike, as `owner/repo`. */
export const repositoryName = (repository: string): string =>
  repository
    .trim()
    .replace(/^(https?:\/\/|git@)[^/:]+[/:]/, '')
    .replace(/\.git$|\/$/g, '')
    .toLowerCase()

function whatToDo(repositories: Repositories): string {
  const { codeRepository, docsRepository } = repositories
  const building =
    'these pages are already being written in this pull request: do not write them again; build on them (link to them, add what they leave out)'
  if (docsRepository === undefined)
    return `If your docs repository is ${codeRepository ? `\`${codeRepository}\`` : "this pull request's repository"}, ${building}.`
  if (
    codeRepository !== undefined &&
    repositoryName(docsRepository) === repositoryName(codeRepository)
  )
    return `Your docs repository is this pull request's repository (\`${codeRepository}\`): ${building}.`
  return `Your docs repository is another one (\`${repositoryName(docsRepository)}\`): take these pages as facts about the change.`
}

/**
 * The note on the docs pages among `files`; empty when the change edits none. The code's
 * repository is the pull request's, unless the rules name it.
 */
export function docsPagesNote(
  files: readonly ChangedFile[],
  { codeRepository, docsRepository }: Repositories,
  pullRequestUrl: string
): string {
  const repositories = {
    codeRepository: codeRepository ?? repositoryOfPullRequest(pullRequestUrl),
    docsRepository
  }
  const pages = files.filter((file) => file.status !== 'removed' && isDocsPage(file.path))
  if (!pages.length) return ''
  const named = pages
    .slice(0, PAGES_NAMED)
    .map((file) => `\`${file.path}\`${file.status === 'added' ? ' (new)' : ''}`)
    .join(', ')
  const more =
    pages.length > PAGES_NAMED ? ` and ${plural(pages.length - PAGES_NAMED, 'more page')}` : ''
  return `This pull request already changes these docs pages: ${named}${more}. ${whatToDo(repositories)}`
}
