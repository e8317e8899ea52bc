/**
 * What a code pull request's docs job has not had yet, as the prompt that brings it: the whole
 * pull request first, then the commits since the last one sent. A real run and a dry run ask the
 * same question, so that the dry run prints exactly what would go.
 */
import { ThreadReadError } from '../thread/thread.js'
import { newCommitsPrompt, wholePullRequestPrompt, type PromptRules } from './prompt.js'
import type { Comparison, PullRequestInfo, PullRequestReader, SyncTrigger } from './pull-request.js'
import type { SyncState } from './state.js'

export type Pending =
  /** Nothing to send; `headSha` moves on past commits that changed nothing of the pull request's. */
  | { kind: 'none'; headSha: string }
  /** The whole pull request, up to `headSha`: the first message, or again after a force push. */
  | { kind: 'whole'; prompt: string; headSha: string }
  /** The commits from `from` to `headSha`. */
  | { kind: 'commits'; prompt: string; headSha: string; from: string }

/**
 * The head to bring the job up to. Right after a push GitHub may still answer with the head
 * before it; the event's head then wins when it is the newer one.
 */
async function newestHead(
  trigger: SyncTrigger,
  reader: PullRequestReader,
  pr: PullRequestInfo
): Promise<string> {
  const told = trigger.headSha
  if (!told || told === pr.headSha || pr.state === 'closed') return pr.headSha
  const newer = await reader.compare(pr.headSha, told)
  return newer?.status === 'ahead' ? told : pr.headSha
}

/**
 * The range's own part: a merge of the base branch (GitHub's "Update branch") brings the base's
 * commits and changes into the range, and those are not the pull request's. The pull request's
 * own commits and files are read at the head GitHub answers with: while that head lags behind
 * the range's, the range goes whole rather than lose what GitHub does not show yet.
 */
async function ownPart(
  reader: PullRequestReader,
  comparison: Comparison,
  lagging: boolean
): Promise<Comparison> {
  if (lagging || !comparison.commits.some((commit) => commit.parents > 1)) return comparison
  const [own, files] = await Promise.all([reader.commits(), reader.files()])
  const ownCommits = new Set(own.map((commit) => commit.sha))
  const ownFiles = new Set(files.map((file) => file.path))
  const commits = comparison.commits.filter((commit) => ownCommits.has(commit.sha))
  return {
    ...comparison,
    commits,
    totalCommits: commits.length,
    files: comparison.files.filter((file) => ownFiles.has(file.path)),
    baseMerged: true
  }
}

export async function pendingChanges(
  trigger: SyncTrigger,
  reader: PullRequestReader,
  pr: PullRequestInfo,
  state: SyncState | undefined,
  rules: PromptRules
): Promise<Pending> {
  // The files list is GitHub's view at the head it answered with, so that head is what goes.
  const whole = async (note?: string): Promise<Pending> => ({
    kind: 'whole',
    prompt: wholePullRequestPrompt(pr, await reader.files(), rules, note),
    headSha: pr.headSha
  })
  if (!state) return whole()
  const headSha = await newestHead(trigger, reader, pr)
  if (state.sentSha === headSha) return { kind: 'none', headSha }

  const comparison = await reader.compare(state.sentSha, headSha)
  if (!comparison) {
    // GitHub compares nothing it cannot see: a commit still on the branch means a missing permission.
    if ((await reader.commits()).some((commit) => commit.sha === state.sentSha))
      throw new ThreadReadError(
        `GitHub's API could not compare the commits ${state.sentSha.slice(0, 7)}..${headSha.slice(0, 7)} of pull request #${pr.number}, so nothing was sent: give the token contents: read.`
      )
  }
  if (!comparison || comparison.status === 'behind' || comparison.status === 'diverged')
    return whole(
      `The branch of pull request ${pr.url} was rewritten (a force push): ${state.sentSha.slice(0, 7)}, the commit the docs were last brought up to, is no longer part of it. Here is the whole pull request again: bring the docs change in step with it as it is now.`
    )
  const own = await ownPart(reader, comparison, headSha !== pr.headSha)
  if (!own.files.length && own.commits.every((commit) => commit.parents > 1))
    return { kind: 'none', headSha }
  return {
    kind: 'commits',
    prompt: newCommitsPrompt({ ...pr, headSha }, state.sentSha, own, rules),
    headSha,
    from: state.sentSha
  }
}
