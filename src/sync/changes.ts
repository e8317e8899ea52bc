/**
 * What a code pull request's docs job has not had yet, as the prompt that brings it: the whole
 * pull request first, then the commits since the last one sent. A real run and a dry run ask the
 * same question, so that the dry run prints exactly what would go.
 */
import { ThreadReadError } from '../thread/thread.js'
import { newCommitsPrompt, wholePullRequestPrompt, type PromptRules } from './prompt.js'
import type {
  ChangedFile,
  Commit,
  Comparison,
  PullRequestInfo,
  PullRequestReader,
  SyncTrigger
} from './pull-request.js'
import type { SyncState } from './state.js'

export type Pending =
  /** Nothing to send; `headSha` moves on past commits that changed nothing of the pull request's. */
  | { kind: 'none'; headSha: string; base?: boolean }
  /** The whole pull request, up to `headSha`: the first message, or again after a force push. */
  | { kind: 'whole'; prompt: string; headSha: string; files: ChangedFile[] }
  /** The commits from `from` to `headSha`. */
  | { kind: 'commits'; prompt: string; headSha: string; from: string; files: ChangedFile[] }

/**
 * The head to bring the job up to. Right after a push GitHub may still answer with the head
 * before it; the event's head then wins when it is the newer one.
 */
export async function newestHead(
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

/** The first message of a job that takes over from one that takes no more messages. */
export function successorNote(previous: SyncState, pr: PullRequestInfo): string {
  return `This continues the docs of pull request ${pr.url}: docs job ${previous.jobId} worked on them until it took no more messages${previous.prLink ? `, and opened ${previous.prLink}. Continue that docs pull request if it is still open (push to its branch), or replace it with a new one that says it supersedes it` : ''}. Here is the whole pull request as it is now.`
}

/**
 * What to send to bring the job up to `target`. Without a state (a new job) the whole pull
 * request, with `note` first when a job takes over from another.
 */
export async function pendingChanges(
  target: string,
  reader: PullRequestReader,
  pr: PullRequestInfo,
  state: SyncState | undefined,
  rules: PromptRules,
  note?: string
): Promise<Pending> {
  // The files list is GitHub's view at the head it answered with, so that head is what goes.
  const whole = async (why?: string): Promise<Pending> => {
    const files = await reader.files()
    return {
      kind: 'whole',
      prompt: wholePullRequestPrompt(pr, files, await reader.commits(), rules, why),
      headSha: pr.headSha,
      files
    }
  }
  if (!state) return whole(note)
  const headSha = target
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
  if (own.baseMerged ? !own.ownWork : !own.files.length)
    return { kind: 'none', headSha, base: Boolean(own.baseMerged) }
  return {
    kind: 'commits',
    prompt: newCommitsPrompt({ ...pr, headSha }, state.sentSha, own, rules),
    headSha,
    from: state.sentSha,
    files: own.files
  }
}
