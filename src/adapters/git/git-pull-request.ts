/**
 * A branch of a local git checkout read as the code pull request it would open: its files and
 * commits since the merge base with the base branch, and comparisons between commits, as GitHub's
 * API gives them. Only git runs; nothing goes over the network.
 */
import { execFileSync } from 'node:child_process'
import type {
  ChangedFile,
  Commit,
  Comparison,
  PullRequestInfo,
  PullRequestReader
} from '../../prompt/pull-request.js'

export interface LocalPullRequest {
  /** The checkout's folder. */
  cwd: string
  base: string
  head: string
  title?: string | undefined
  body?: string | undefined
}

/** A branch or commit to compare that the checkout does not have. */
export class UnknownCommit extends Error {
  constructor(
    readonly which: 'base' | 'head',
    readonly ref: string,
    options?: ErrorOptions
  ) {
    super(`${ref} is no commit of this checkout`, options)
  }
}

export class GitPullRequest implements PullRequestReader {
  readonly #cwd: string
  readonly #base: string
  readonly #head: string
  readonly #info: LocalPullRequest
  /** The branch's files, read once: a large diff takes git a while. */
  #files: ChangedFile[] | undefined

  constructor(info: LocalPullRequest) {
    this.#info = info
    this.#cwd = info.cwd
    this.#head = this.#commitOf(info.head, 'head')
    this.#base = this.#commitOf(info.base, 'base')
  }

  /** The commit `ref` names; in a checkout that has no such commit, an UnknownCommit. */
  #commitOf(ref: string, which: 'base' | 'head'): string {
    try {
      return this.#git('rev-parse', '--verify', `${ref}^{commit}`).trim()
    } catch (error) {
      if (this.hasCommit('HEAD')) throw new UnknownCommit(which, ref, { cause: error })
      throw error
    }
  }

  #git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.#cwd,
      encoding: 'utf8',
      maxBuffer: 512 * 2 ** 20,
      stdio: ['ignore', 'pipe', 'pipe']
    })
  }

  get headSha(): string {
    return this.#head
  }

  async read(): Promise<PullRequestInfo> {
    const branch = this.#git('rev-parse', '--abbrev-ref', this.#info.head).trim()
    return {
      number: 0,
      url: '(this branch, not yet a pull request)',
      title: this.#info.title ?? this.#git('log', '-1', '--format=%s', this.#head).trim(),
      body: this.#info.body ?? '',
      author: this.#git('log', '-1', '--format=%an', this.#head).trim(),
      authorIsName: true,
      draft: false,
      labels: [],
      state: 'open',
      merged: false,
      baseRef: this.#info.base,
      headRef: branch === 'HEAD' || !branch ? this.#head.slice(0, 7) : branch,
      headSha: this.#head,
      changedFiles: (await this.files()).length
    }
  }

  async files(): Promise<ChangedFile[]> {
    this.#files ??= this.#diff(`${this.#base}...${this.#head}`)
    return this.#files
  }

  async commits(): Promise<Commit[]> {
    return this.#log(`${this.#base}..${this.#head}`)
  }

  hasCommit(ref: string): boolean {
    try {
      this.#git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`)
      return true
    } catch {
      return false
    }
  }

  async compare(base: string, head: string): Promise<Comparison | undefined> {
    let from: string
    try {
      from = this.#git('rev-parse', '--verify', `${base}^{commit}`).trim()
    } catch {
      return undefined
    }
    const to = this.#git('rev-parse', '--verify', `${head}^{commit}`).trim()
    const isAncestor = (a: string, b: string) => {
      try {
        this.#git('merge-base', '--is-ancestor', a, b)
        return true
      } catch {
        return false
      }
    }
    const status =
      from === to
        ? 'identical'
        : isAncestor(from, to)
          ? 'ahead'
          : isAncestor(to, from)
            ? 'behind'
            : 'diverged'
    const commits = this.#log(`${from}..${to}`)
    return { status, commits, totalCommits: commits.length, files: this.#diff(`${from}...${to}`) }
  }

  async gitattributes(ref: string): Promise<string> {
    try {
      return this.#git('show', `${ref}:.gitattributes`)
    } catch {
      return ''
    }
  }

  #log(range: string): Commit[] {
    return this.#git('log', '--reverse', '--format=%H%x1f%P%x1f%B%x1e', range)
      .split('\x1e')
      .map((entry) => entry.replace(/^\n/, ''))
      .filter(Boolean)
      .map((entry) => {
        const [sha = '', parents = '', message = ''] = entry.split('\x1f')
        return { sha, parents: parents.split(' ').filter(Boolean), message: message.trimEnd() }
      })
  }

  /** The files of a diff as GitHub's files list gives them: status, counts and the hunks. */
  #diff(range: string): ChangedFile[] {
    const text = this.#git('diff', '-M', '--no-color', '--no-ext-diff', range)
    return text
      .split(/^(?=diff --git )/m)
      .filter((section) => section.startsWith('diff --git '))
      .map((section) => {
        const lines = section.replace(/\n$/, '').split('\n')
        const hunks = lines.findIndex((line) => line.startsWith('@@'))
        const meta = hunks < 0 ? lines : lines.slice(0, hunks)
        const field = (prefix: string) =>
          meta.find((line) => line.startsWith(prefix))?.slice(prefix.length)
        const header = / b\/(.*)$/.exec(lines[0] ?? '')?.[1] ?? ''
        const path = field('rename to ') ?? field('+++ b/') ?? header
        const previousPath = field('rename from ')
        const binary = meta.some((line) => line.startsWith('Binary files '))
        // A pure rename or a mode change has no hunks, and is no binary for all that.
        const patch = hunks >= 0 ? lines.slice(hunks).join('\n') : binary ? undefined : ''
        const body = hunks < 0 ? [] : lines.slice(hunks)
        return {
          path,
          status:
            field('new file mode') !== undefined
              ? 'added'
              : field('deleted file mode') !== undefined
                ? 'removed'
                : previousPath
                  ? 'renamed'
                  : 'modified',
          additions: body.filter((line) => line.startsWith('+')).length,
          deletions: body.filter((line) => line.startsWith('-')).length,
          ...(previousPath ? { previousPath } : {}),
          ...(patch === undefined ? {} : { patch })
        }
      })
  }
}
