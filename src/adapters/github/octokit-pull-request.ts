/** A code pull request's files, commits and comparisons, read for mode sync. */
import type {
  ChangedFile,
  Commit,
  Comparison,
  PullRequestInfo,
  PullRequestReader
} from '../../prompt/pull-request.js'
import { ThreadReadError } from '../../thread/thread.js'
import { explainGitHubError, NEEDS } from './errors.js'
import type { Octokit } from './octokit-type.js'

interface FileEntry {
  filename: string
  previous_filename?: string
  status: string
  additions: number
  deletions: number
  patch?: string
}

function changed(file: FileEntry): ChangedFile {
  return {
    path: file.filename,
    ...(file.previous_filename ? { previousPath: file.previous_filename } : {}),
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    ...(file.patch === undefined ? {} : { patch: file.patch })
  }
}

const commitOf = (c: {
  sha: string
  commit: { message: string }
  parents: { sha: string }[]
}): Commit => ({
  sha: c.sha,
  message: c.commit.message,
  parents: c.parents.map((parent) => parent.sha)
})

export class OctokitPullRequest implements PullRequestReader {
  readonly #octokit: Octokit
  readonly #ref: { owner: string; repo: string; pull_number: number }

  constructor(octokit: Octokit, ref: { owner: string; repo: string; number: number }) {
    this.#octokit = octokit
    this.#ref = { owner: ref.owner, repo: ref.repo, pull_number: ref.number }
  }

  async #read<T>(what: string, call: () => Promise<T>, permission: string = NEEDS.readPullRequest) {
    try {
      return await call()
    } catch (error) {
      throw new ThreadReadError(
        `GitHub's API could not be read, so nothing was sent: reading ${what} of pull request #${this.#ref.pull_number} failed (${explainGitHubError(error, permission)}).`
      )
    }
  }

  read(): Promise<PullRequestInfo> {
    return this.#read('the pull request', async () => {
      const { data } = await this.#octokit.rest.pulls.get(this.#ref)
      return {
        number: data.number,
        url: data.html_url,
        title: data.title,
        body: data.body ?? '',
        author: data.user?.login ?? '',
        draft: data.draft ?? false,
        labels: data.labels.map((label) => label.name),
        state: data.state === 'closed' ? 'closed' : 'open',
        merged: data.merged ?? false,
        baseRef: data.base.ref,
        headRef: data.head.ref,
        headSha: data.head.sha,
        changedFiles: data.changed_files ?? 0
      }
    })
  }

  files(): Promise<ChangedFile[]> {
    return this.#read('the changed files', async () => {
      const files = await this.#octokit.paginate(this.#octokit.rest.pulls.listFiles, {
        ...this.#ref,
        per_page: 100
      })
      return files.map(changed)
    })
  }

  commits(): Promise<Commit[]> {
    return this.#read('the commits', async () => {
      const commits = await this.#octokit.paginate(this.#octokit.rest.pulls.listCommits, {
        ...this.#ref,
        per_page: 100
      })
      return commits.map(commitOf)
    })
  }

  compare(base: string, head: string): Promise<Comparison | undefined> {
    const range = `the commits ${base.slice(0, 7)}..${head.slice(0, 7)}`
    return this.#read(
      range,
      async () => {
        try {
          const { data } = await this.#octokit.rest.repos.compareCommitsWithBasehead({
            owner: this.#ref.owner,
            repo: this.#ref.repo,
            basehead: `${base}...${head}`
          })
          return {
            status: data.status,
            commits: data.commits.map(commitOf),
            totalCommits: data.total_commits,
            files: (data.files ?? []).map(changed)
          }
        } catch (error) {
          // GitHub no longer knows the base, or it shares no history with the head: rewritten.
          if ((error as { status?: number }).status === 404) return undefined
          throw error
        }
      },
      NEEDS.readContents
    )
  }
}
