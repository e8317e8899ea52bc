/**
 * The prompts that keep a docs job in step with a code pull request: the whole pull request
 * first, then what each push added. Each stays within the action's prompt limit, lists every
 * changed file, and quotes the diffs each within its share of the room.
 */
import { notQuoted, rankOf, shareRoom, type FileRules } from './files.js'
import type { ChangedFile, Commit, Comparison, PullRequestInfo } from './pull-request.js'

export interface PromptRules extends FileRules {
  /** The team's own instructions (the `prompt` input), first in every prompt. */
  instructions: string | undefined
  /** The longest prompt (the action's limit). */
  limit: number
}

const DESCRIPTION_LIMIT = 2_000
/** The share of the limit commit messages may take: subjects first, then bodies in order. */
const COMMITS_SHARE = 0.2
/** A list of files longer than this is given folder by folder (every file still counted). */
const LIST_SHARE = 0.4
const COMMITS_LISTED = 50
const GITHUB_COMPARE_FILES = 300

const short = (sha: string): string => sha.slice(0, 7)
const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`

function counts(files: readonly ChangedFile[]): string {
  const added = files.reduce((sum, f) => sum + f.additions, 0)
  const removed = files.reduce((sum, f) => sum + f.deletions, 0)
  return `+${added} −${removed}`
}

function facts(pr: PullRequestInfo): string[] {
  const body = plainLines(pr.body).trim()
  const description = body
    ? body.length > DESCRIPTION_LIMIT
      ? `${body.slice(0, DESCRIPTION_LIMIT)}… [cut: ${body.length - DESCRIPTION_LIMIT} more characters]`
      : body
    : '(none)'
  return [
    `Pull request: ${pr.url} (mention it in the docs pull request's description, so that each links to the other)`,
    `Title: ${pr.title}`,
    `Author: @${pr.author}`,
    `Branches: ${pr.headRef} into ${pr.baseRef}`,
    'Description:',
    ...description.split('\n').map((line) => `> ${line}`)
  ]
}

/** Text the action did not write, with its line ends made plain (`\r\n` and lone `\r`). */
export const plainLines = (text: string): string => text.replace(/\r\n?/g, '\n')

/**
 * The commits, a line each with its subject, and then their whole bodies in order within `room`
 * characters; bodies that do not fit are left out, and the list says how many.
 */
function commitList(commits: readonly Commit[], total: number, room: number): string[] {
  const messages = commits.map((c) => {
    const [subject = '', ...rest] = plainLines(c.message).trim().split('\n')
    return { sha: short(c.sha), subject, body: rest.join('\n').trim() }
  })
  const more = total - commits.length
  const subjects = [
    ...(more > 0 ? [`- … ${plural(more, 'earlier commit')} GitHub does not list`] : []),
    ...messages.map((m) => `- ${m.sha} ${m.subject}`)
  ]
  let left = room - subjects.join('\n').length
  const bodies: string[] = []
  let cut = 0
  for (const m of messages.filter((m) => m.body)) {
    const block = `${m.sha} ${m.subject}\n${m.body.replace(/^/gm, '  ')}`
    if (block.length + 1 <= left) {
      bodies.push(block)
      left -= block.length + 1
    } else cut++
  }
  return [
    ...subjects,
    ...(bodies.length ? ['', 'Their messages:', ...bodies] : []),
    ...(cut ? [`(${plural(cut, 'more commit message')} left out for want of room.)`] : [])
  ]
}

/** The list of changed files: every file, or every folder when the files would not fit. */
function fileList(
  files: readonly ChangedFile[],
  rules: FileRules,
  room: number,
  total: number
): string[] {
  const head = `Changed files (${plural(total, 'file')}, ${counts(files)}${total > files.length ? `; GitHub lists the first ${files.length}` : ''}):`
  const lines = files.map((file) => {
    const why = notQuoted(file, rules)
    const renamed = file.previousPath ? `, renamed from \`${file.previousPath}\`` : ''
    const whole = file.whole ? ', its whole change in the pull request' : ''
    const status = file.status === 'added' || file.status === 'removed' ? `, ${file.status}` : ''
    return `- \`${file.path}\` (+${file.additions} −${file.deletions}${status}${renamed}${whole})${why ? ` — not quoted: ${why}` : ''}`
  })
  if ([head, ...lines].join('\n').length <= room) return [head, ...lines]
  const folders = new Map<string, ChangedFile[]>()
  for (const file of files) {
    const folder = file.path.includes('/')
      ? `${file.path.slice(0, file.path.lastIndexOf('/'))}/`
      : './'
    folders.set(folder, [...(folders.get(folder) ?? []), file])
  }
  return [
    `${head.slice(0, -1)}, by folder, since a line per file would not fit:`,
    ...[...folders].map(
      ([folder, list]) => `- \`${folder}\`: ${plural(list.length, 'file')} (${counts(list)})`
    )
  ]
}

/** A file's diff, cut at a line within `allowance` characters, saying what was left out. */
function quoted(file: ChangedFile, allowance: number): string {
  const head = `diff --git a/${file.previousPath ?? file.path} b/${file.path}`
  const full = `${head}\n${file.patch ?? ''}`
  if (full.length <= allowance) return full
  const marker = (left: number) => `\n… [${plural(left, 'more line')} of this file's diff left out]`
  const lines = full.split('\n')
  const room = allowance - marker(lines.length).length
  let kept = 1
  let length = head.length + 1
  for (const line of lines.slice(1)) {
    if (length + line.length + 1 > room) break
    length += line.length + 1
    kept++
  }
  return `${lines.slice(0, kept).join('\n')}${marker(lines.length - kept)}`
}

/** The diffs, each within its share of `room`, and the files that did not fit. */
function diffs(files: readonly ChangedFile[], rules: FileRules, room: number) {
  const quotable = files.filter((file) => !notQuoted(file, rules))
  const allowance = shareRoom(
    quotable.map((file) => ({
      path: file.path,
      size: quoted(file, Infinity).length + 1,
      rank: rankOf(file, rules)
    })),
    room
  )
  const blocks = quotable.flatMap((file) => {
    const given = allowance.get(file.path)
    return given === undefined ? [] : [quoted(file, given - 1)]
  })
  const dropped = quotable.filter((file) => !allowance.has(file.path)).map((file) => file.path)
  return { blocks, dropped }
}

/** Puts the parts together within the limit, giving the diffs whatever room is left. */
function assemble(
  parts: string[],
  files: readonly ChangedFile[],
  total: number,
  rules: PromptRules
): string {
  const fixed = parts.join('\n\n')
  const list = fileList(
    files,
    rules,
    Math.floor((rules.limit - fixed.length) * LIST_SHARE),
    total
  ).join('\n')
  for (let reserve = 300; ; reserve += 500) {
    const room = rules.limit - fixed.length - list.length - reserve
    const { blocks, dropped } = diffs(files, rules, Math.max(0, room))
    const fence = '````'
    const diff = blocks.length
      ? `The changes, each file's diff within its share of this message (a file's share is cut at a line, and says so):\n${fence}diff\n${blocks.join('\n')}\n${fence}`
      : 'No diff is quoted: there was no room left for one in this message. Read the changes on the pull request.'
    const names = dropped
      .slice(0, 20)
      .map((path) => `\`${path}\``)
      .join(', ')
    const left = dropped.length
      ? `Not quoted, for want of room: ${names}${dropped.length > 20 ? ` and ${dropped.length - 20} more` : ''}. Read them on the pull request.`
      : ''
    const prompt = [fixed, list, diff, left].filter(Boolean).join('\n\n')
    if (prompt.length <= rules.limit || room <= 0) return prompt.slice(0, rules.limit)
  }
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
  const intro =
    note ??
    (pr.merged
      ? `A code pull request that changes the product was merged into ${pr.baseRef}: write the docs change it needs. Document new or changed behaviour; leave alone what is still accurate.`
      : `A code pull request changes the product: write the docs change it needs, while the code is under review. Later messages will bring what the pull request's new commits change. Document new or changed behaviour; leave alone what is still accurate.`)
  const list = commitList(commits, commits.length, Math.floor(rules.limit * COMMITS_SHARE))
  return assemble(
    withInstructions(rules, [
      intro,
      facts(pr).join('\n'),
      [`Commits (${plural(commits.length, 'commit')}):`, ...list].join('\n')
    ]),
    files,
    pr.changedFiles,
    rules
  )
}

/** A follow-up: the commits pushed since the last message, and what they change. */
export function newCommitsPrompt(
  pr: PullRequestInfo,
  from: string,
  comparison: Comparison,
  rules: PromptRules
): string {
  const shown = comparison.commits.slice(-COMMITS_LISTED)
  const commits = [
    `New commits on ${pr.url} since the last message (${short(from)}..${short(pr.headSha)}, ${plural(comparison.totalCommits, 'commit')}):`,
    ...commitList(shown, comparison.totalCommits, Math.floor(rules.limit * COMMITS_SHARE))
  ].join('\n')
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
  const intro = `The code pull request "${pr.title}" changed again: bring the docs change in step with these commits (everything before them was sent already).${merged}${capped} ${revise}`
  const changed = comparison.files
  return assemble(withInstructions(rules, [intro, commits]), changed, changed.length, rules)
}
