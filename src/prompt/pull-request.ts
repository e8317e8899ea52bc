/**
 * A code pull request as its prompts see it: the port through which its files, commits and
 * comparisons are read, from GitHub or from a local checkout.
 */
/** The pull request as it stands now. */
export interface PullRequestInfo {
  number: number
  url: string
  title: string
  body: string
  /** The author's GitHub login; in a local checkout, where no login is known, the git author's name. */
  author: string
  /** `author` is a git author's name, not a GitHub login. */
  authorIsName?: boolean
  draft: boolean
  /** Its labels' names, as they are now. */
  labels: string[]
  state: 'open' | 'closed'
  merged: boolean
  baseRef: string
  headRef: string
  headSha: string
  /** How many files GitHub says changed (its files list stops at 3,000). */
  changedFiles: number
}

/** A file a pull request or a range of commits changes. */
export interface ChangedFile {
  path: string
  previousPath?: string
  status: string
  additions: number
  deletions: number
  /** GitHub leaves it out for binary files and very large ones. */
  patch?: string
  /** In a follow-up: the patch is the pull request's whole change of the file, not the range's. */
  whole?: boolean
  /** `.gitattributes` marks it `linguist-generated`. */
  generated?: boolean
}

export interface Commit {
  sha: string
  message: string
  /**
   * Its parents' SHAs: more than one for a merge, which brings in the base branch only when a
   * parent other than the first is not one of the pull request's own commits.
   */
  parents: string[]
}

/** What changed from one commit to another on the pull request's branch. */
export interface Comparison {
  /** `ahead`: the base is an ancestor of the head; `behind` or `diverged`: the branch was rewritten. */
  status: 'ahead' | 'identical' | 'behind' | 'diverged'
  commits: Commit[]
  /** Commits in the range, of which GitHub lists at most 250. */
  totalCommits: number
  /** At most 300, as GitHub gives them. */
  files: ChangedFile[]
  /** The base branch was merged in, and only the pull request's own commits and files are kept. */
  baseMerged?: boolean
  /** With `baseMerged`: the range also holds commits of the pull request's own. */
  ownWork?: boolean
}

export interface PullRequestReader {
  /** Reads the pull request again (its head moves with every push). */
  read(): Promise<PullRequestInfo>
  /** Every changed file, all pages, as far as GitHub lists them (3,000). */
  files(): Promise<ChangedFile[]>
  /** The pull request's own commits, oldest first, as far as GitHub lists them (250). */
  commits(): Promise<Commit[]>
  /** The range `base...head`; undefined when GitHub no longer knows `base` (a force push). */
  compare(base: string, head: string): Promise<Comparison | undefined>
  /**
   * The root `.gitattributes` at commit `ref`, which may mark files generated; empty when there is
   * none. A reader for which each read costs a call to GitHub may leave it out: files are then
   * ranked by their names and what their diffs show.
   */
  gitattributes?(ref: string): Promise<string>
}
