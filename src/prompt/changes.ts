/**
 * What a code pull request's docs job has not had yet, as the prompt that brings it: the whole
 * pull request first, then the commits since the last one sent. A real run and a dry run ask the
 * same question, so that the dry run prints exactly what would go.
 */
import { ThreadReadError } from '../thread/thread.js'
import { generatedByAttributes } from './globs.js'
import { newCommitsPrompt, wholePullRequestPrompt, type PromptRules } from './prompt.js'
import type {
  ChangedFile,
  Commit,
  Comparison,
  PullRequestInfo,
  PullRequestReader
} from './pull-request.js'

export type Pending =
  /** Nothing to send; `headSha` moves on past commits that changed nothing of the pull request's. */
  | { kind: 'none'; headSha: string; base?: boolean }
  /** The whole pull request, up to `headSha`: the first message, or again after a force push. */
  | { kind: 'whole'; prompt: string; headSha: string; files: ChangedFile[] }
  /** The commits from `from` to `headSha`. */
  | { kind: 'commits'; prompt: string; headSha: string; from: string; files: ChangedFile[] }

/**
 * The range's own part. A merge brings in the base branch (GitHub's "Update branch") only when a
 * parent other than its first is not one of the pull request's own commits; a merge of the team's
 * own sub-branch is the pull request's work. A base merge brings the base's commits and lines into
 * `sent...head`, so those go, and each file the pull request changes is quoted from its own patch
 * (the pull request's files list), which holds none of the base's lines. While GitHub's head lags
 * behind the range's, the range goes whole rather than lose what GitHub does not show yet.
 */
async function ownPart(
  reader: PullRequestReader,
  comparison: Comparison,
  lagging: boolean
): Promise<Comparison> {
  if (lagging || !comparison.commits.some((commit) => commit.parents.length > 1)) return comparison
  const own = await reader.commits()
  const ownCommits = new Set(own.map((commit) => commit.sha))
  const bringsBase = (commit: Commit) =>
    commit.parents.slice(1).some((parent) => !ownCommits.has(parent))
  if (!comparison.commits.some(bringsBase)) return comparison
  const files = await reader.files()
  // The merge that brought the base in is no work of the pull request's own either.
  const commits = comparison.commits.filter(
    (commit) => ownCommits.has(commit.sha) && !bringsBase(commit)
  )
  const inRange = new Set(comparison.files.map((file) => file.path))
  return {
    ...comparison,
    commits,
    totalCommits: commits.length,
    files: files.filter((file) => inRange.has(file.path)).map((file) => ({ ...file, whole: true })),
    baseMerged: true,
    ownWork: commits.length > 0
  }
}

/** The files, those `.gitattributes` marks generated marked so, to be ranked last. */
async function marked(
  reader: PullRequestReader,
  ref: string,
  files: ChangedFile[]
): Promise<ChangedFile[]> {
  const attributes = (await reader.gitattributes?.(ref)) ?? ''
  if (!attributes.includes('linguist-generated')) return files
  const generated = generatedByAttributes(attributes)
  return files.map((file) => (generated(file.path) ? { ...file, generated: true } : file))
}

/**
 * What to send to bring the job up to `target` from `sentSha`, the head it was last brought up
 * to. Without one (a new job) the whole pull request, with `note` first when a job takes over
 * from another.
 */
export async function pendingChanges(
  target: string,
  reader: PullRequestReader,
  pr: PullRequestInfo,
  sentSha: string | undefined,
  rules: PromptRules,
  note?: string
): Promise<Pending> {
  // The files list is GitHub's view at the head it answered with, so that head is what goes.
  const whole = async (why?: string): Promise<Pending> => {
    const files = await marked(reader, pr.headSha, await reader.files())
    return {
      kind: 'whole',
      prompt: wholePullRequestPrompt(pr, files, await reader.commits(), rules, why),
      headSha: pr.headSha,
      files
    }
  }
  if (sentSha === undefined) return whole(note)
  const headSha = target
  if (sentSha === headSha) return { kind: 'none', headSha }

  const comparison = await reader.compare(sentSha, headSha)
  if (!comparison) {
    // GitHub compares nothing it cannot see: a commit still on the branch means a missing permission.
    if ((await reader.commits()).some((commit) => commit.sha === sentSha))
      throw new ThreadReadError(
        `GitHub's API could not compare the commits ${sentSha.slice(0, 7)}..${headSha.slice(0, 7)} of pull request #${pr.number}, so nothing was sent: give the token contents: read.`
      )
  }
  if (!comparison || comparison.status === 'behind' || comparison.status === 'diverged')
    return whole(
      `The branch of pull request ${pr.url} was rewritten (a force push): ${sentSha.slice(0, 7)}, the commit the docs were last brought up to, is no longer part of it. Here is the whole pull request again: bring the docs change in step with it as it is now.`
    )
  const own = await ownPart(reader, comparison, headSha !== pr.headSha)
  if (own.baseMerged ? !own.ownWork : !own.files.length)
    return { kind: 'none', headSha, base: Boolean(own.baseMerged) }
  const files = await marked(reader, headSha, own.files)
  return {
    kind: 'commits',
    prompt: newCommitsPrompt({ ...pr, headSha }, sentSha, { ...own, files }, rules),
    headSha,
    from: sentSha,
    files
  }
}
