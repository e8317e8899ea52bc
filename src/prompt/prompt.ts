/**
 * The prompts that keep a docs job in step with a code pull request: the whole pull request
 * first, then what each push added. Each stays within the action's prompt limit, names the docs
 * pages the pull request already changes, gives the digest of the surface it changes, lists
 * every changed file, and quotes the diffs each within its share of the room.
 */
import { commitList, oneLine, plainLines, short } from './commits.js'
import { layOut } from './layout.js'
import type { FileRules } from './kinds.js'
import { docsPagesNote, type Repositories } from './pages.js'
import type { ChangedFile, Commit, Comparison, PullRequestInfo } from './pull-request.js'
import { plural } from './words.js'

export interface PromptRules extends FileRules, Repositories {
  /** The team's own instructions (the `prompt` input), first in every prompt. */
  instructions: string | undefined
  /** The longest prompt (the action's limit). */
  limit: number
}

const DESCRIPTION_LIMIT = 2_000
const COMMITS_LISTED = 50
const GITHUB_COMPARE_FILES = 300

function facts(pr: PullRequestInfo): string[] {
  const body = plainLines(pr.body).trim()
  const description = body
    ? body.length > DESCRIPTION_LIMIT
      ? `${body.slice(0, DESCRIPTION_LIMIT)}… [cut: ${body.length - DESCRIPTION_LIMIT} more characters]`
      : body
    : '(none)'
  return [
    `Pull request: ${pr.url} (mention it in the docs pull request's description, so that each links to the other)`,
    `Title: ${oneLine(pr.title)}`,
    `Author: ${pr.authorIsName ? pr.author : `@${pr.author}`}`,
    `Branches: ${pr.headRef} into ${pr.baseRef}`,
    'Description:',
    ...description.split('\n').map((line) => `> ${line}`)
  ]
}

const withInstructions = (rules: PromptRules, parts: string[]): string[] =>
  rules.instructions ? [rules.instructions, ...parts] : parts

/** The first message: the whole pull request. `note` says why it is sent whole again, if it is. */
export function wholePullRequestPrompt(
  pr: PullRequestInfo,
  files: readonly ChangedFile[],
  commits: readonly Commit[],
  rules: PromptRules,
  note?: string
): string {
  const trust = `Where the description or a commit message and the diff disagree, the diff is what ${pr.merged ? 'merged' : 'will merge'}.`
  const intro =
    note ??
    (pr.merged
      ? `A code pull request that changes the product was merged into ${pr.baseRef}: write the docs change it needs. Document new or changed behaviour; leave alone what is still accurate.`
      : `A code pull request changes the product: write the docs change it needs, while the code is under review. Later messages will bring what the pull request's new commits change. Document new or changed behaviour; leave alone what is still accurate.`)
  return layOut({
    head: withInstructions(rules, [
      `${intro} ${trust}`,
      facts(pr).join('\n'),
      docsPagesNote(files, rules, pr.url)
    ]),
    commits: (room) =>
      [
        `Commits (${plural(commits.length, 'commit')}):`,
        ...commitList(commits, commits.length, room)
      ].join('\n'),
    files,
    total: pr.changedFiles,
    rules
  })
}

/** A follow-up: the commits pushed since the last message, and what they change. */
export function newCommitsPrompt(
  pr: PullRequestInfo,
  from: string,
  comparison: Comparison,
  rules: PromptRules
): string {
  const shown = comparison.commits.slice(-COMMITS_LISTED)
  const reworked = comparison.files
    .filter((file) => file.deletions > 0 && file.status !== 'added' && !file.whole)
    .map((file) => `\`${file.path}\``)
  const revise = `Earlier messages may now be out of date: correct what the docs say from them where these commits change it, not only add to it.${reworked.length ? ` These commits remove or change lines in ${reworked.slice(0, 20).join(', ')}${reworked.length > 20 ? ` and ${reworked.length - 20} more` : ''}: what earlier messages quoted of those lines may no longer hold.` : ''}`
  const capped =
    comparison.files.length >= GITHUB_COMPARE_FILES
      ? ` GitHub's comparison lists at most ${GITHUB_COMPARE_FILES} files: read the rest on the pull request.`
      : ''
  const merged = comparison.baseMerged
    ? ` ${pr.baseRef} was merged into the branch meanwhile: its changes are left out. Only the pull request's own commits are listed, and each file is quoted with the pull request's whole change of it, which holds none of ${pr.baseRef}'s lines.`
    : ''
  const intro = `The code pull request "${oneLine(pr.title)}" changed again: bring the docs change in step with these commits (everything before them was sent already).${merged}${capped} ${revise} Where a commit message and the diff disagree, the diff is what ${pr.merged ? 'merged' : 'will merge'}.`
  const changed = comparison.files
  return layOut({
    head: withInstructions(rules, [intro, docsPagesNote(changed, rules, pr.url)]),
    commits: (room) =>
      [
        `New commits on ${pr.url} since the last message (${short(from)}..${short(pr.headSha)}, ${plural(comparison.totalCommits, 'commit')}):`,
        ...commitList(shown, comparison.totalCommits, room)
      ].join('\n'),
    files: changed,
    total: changed.length,
    rules
  })
}
