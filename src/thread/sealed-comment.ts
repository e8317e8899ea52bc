/**
 * Data the action keeps in a hidden line of its own comment, sealed with a key derived from the
 * Mintlify key: every workflow that uses `GITHUB_TOKEN` comments as the same account, and any of
 * them may echo text that looks like this line. Only a line whose seal verifies, for this pull
 * request and this very comment, is the action's own: a copy in another comment or on another
 * pull request does not verify, and neither does one written with another key.
 *
 * The comment is found as the oldest one whose line verifies, read singly (GitHub's lists lag
 * behind its writes), created only when there is something to write, and written whole. Only
 * the holder of the pull request's send lock finds, creates or writes it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Clock } from '../core/clock.js'
import type { Deadline } from '../core/deadline.js'
import { formatDuration } from '../core/duration.js'
import type { Logger } from '../core/logger.js'
import { loginMatches } from './logins.js'
import type { Thread, ThreadItem } from './thread.js'

/** What is sealed where: one kind and version of data, bound to one pull request. */
export interface Seal {
  secret: Buffer
  /** `owner/repo#number`. */
  scope: string
  kind: string
  version: number
}

/** The seal of one pull request's data of a kind, from the Mintlify key only the workflow has. */
export function sealFor(apiKey: string, scope: string, kind: string, version: number): Seal {
  const secret = createHmac('sha256', apiKey).update('mintlify-agent-action record seal').digest()
  return { secret, scope, kind, version }
}

const LINES =
  /<!--\s*mintlify-agent-action\s+([a-z-]+)\s+v(\d+)\s+([A-Za-z0-9_-]+)\s+([A-Za-z0-9_-]{43})\s*-->/g

const mac = (seal: Seal, commentId: number, payload: string): string =>
  createHmac('sha256', seal.secret)
    .update(`${seal.kind}\n${seal.version}\n${seal.scope}\n${commentId}\n${payload}`)
    .digest('base64url')

/** The hidden line that holds `data` in comment `commentId`. */
export function sealedLine(seal: Seal, commentId: number, data: unknown): string {
  const payload = Buffer.from(JSON.stringify(data)).toString('base64url')
  return `<!-- mintlify-agent-action ${seal.kind} v${seal.version} ${payload} ${mac(seal, commentId, payload)} -->`
}

/**
 * The data of comment `commentId`'s line when its seal verifies; undefined for anything else.
 * Every line is tried: text the comment shows above its own line may look like one.
 */
export function openSealed(seal: Seal, commentId: number, body: string): unknown {
  for (const [, kind, version, payload = '', given = ''] of body.matchAll(LINES)) {
    if (kind !== seal.kind || Number(version) !== seal.version) continue
    // Both are 43 characters: an HMAC-SHA256 in base64url.
    if (!timingSafeEqual(Buffer.from(mac(seal, commentId, payload)), Buffer.from(given))) continue
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown
    } catch {
      return undefined
    }
  }
  return undefined
}

/** The oldest conversation comment whose line verifies, with its data. */
export function findSealed(
  items: readonly ThreadItem[],
  seal: Seal
): { item: ThreadItem; data: unknown } | undefined {
  for (const item of [...items].sort((a, b) => a.id - b.id)) {
    if (item.kind !== 'issue-comment') continue
    const data = openSealed(seal, item.id, item.body)
    if (data !== undefined) return { item, data }
  }
  return undefined
}

/** A comment and the data it holds; no `id` until the first write creates the comment. */
export interface SealedHome<T> {
  id?: number
  data: T | undefined
  /** The body as last read or written: a write that would change nothing is left out. */
  body?: string
}

/** The comment created for the data turned out, once listed, not to be the one that holds it. */
export class SealedElsewhere extends Error {
  override name = 'SealedElsewhere'
}

/** The comment was deleted while this run used it. */
export class SealedDeleted extends Error {
  override name = 'SealedDeleted'
}

/** How a comment shows its data to people, what of it is sealed, and how it is read back. */
export interface SealedView<T> {
  /** The text above the sealed line. */
  render(data: T | undefined): string
  /** What the line holds of `data`. */
  encode(data: T): unknown
  decode(data: unknown): T | undefined
}

/**
 * How long a run waits for the comment list to show a comment it just wrote, and how often it reads
 * it meanwhile: GitHub's lists lag its writes by a few seconds, more under load.
 */
const LIST_LAG_MS = 2_000
const LIST_WAIT_MS = 30_000
/** The most comments without a verified line that are read singly, for one that has one by now. */
const UNSEALED_READS = 3

export class SealedComment<T> {
  /** What a comment made to hold the data says until the data replaces it. */
  readonly #placeholder: string

  constructor(
    private readonly thread: Thread,
    private readonly seal: Seal,
    private readonly view: SealedView<T>,
    private readonly clock: Clock,
    private readonly logger: Logger
  ) {
    this.#placeholder = `<!-- mintlify-agent-action ${seal.kind}-home -->`
  }

  /** The comment's data as it is now, read singly; undefined once gone or not verified. */
  async read(id: number): Promise<SealedHome<T> | undefined> {
    const body = await this.thread.commentBody('issue-comment', id)
    const data = body === undefined ? undefined : this.view.decode(openSealed(this.seal, id, body))
    return data === undefined ? undefined : { id, data, body }
  }

  /**
   * The comment a run holds, read again: throws SealedDeleted once it is gone (a person deleted
   * it to start over), and is undefined when its line no longer verifies.
   */
  async reread(id: number): Promise<SealedHome<T> | undefined> {
    const body = await this.thread.commentBody('issue-comment', id)
    if (body === undefined) throw new SealedDeleted(`comment ${id} was deleted`)
    const data = this.view.decode(openSealed(this.seal, id, body))
    return data === undefined ? undefined : { id, data, body }
  }

  /**
   * The oldest comment whose data verifies, or one made to hold data whose line the list does
   * not show yet. None: no data, and no comment yet.
   */
  async find(items?: ThreadItem[]): Promise<SealedHome<T>> {
    const listed = items ?? (await this.thread.conversation())
    const sealed = findSealed(listed, this.seal)
    const candidates = sealed ? [sealed.item] : this.#homes(listed).slice(0, UNSEALED_READS)
    for (const item of candidates) {
      const home = await this.read(item.id)
      if (home) return home
    }
    return { data: undefined }
  }

  /** Writes `data` whole, creating the comment first when there is none yet. */
  async write(home: SealedHome<T>, data: T, until: Deadline): Promise<SealedHome<T>> {
    const id = home.id ?? (await this.#create(until))
    const body = `${this.view.render(data)}\n\n${sealedLine(this.seal, id, this.view.encode(data))}`
    if (body === home.body) return { id, data, body }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.thread.update(id, body)
        return { id, data, body }
      } catch (error) {
        if ((await this.thread.commentBody('issue-comment', id)) === undefined)
          throw new SealedDeleted('the comment was deleted', { cause: error })
        const pause = attempt * LIST_LAG_MS
        if (attempt >= 3 || !until.allows(pause)) throw error
        this.logger.info(
          `Writing comment ${id} failed (${(error as Error).message}); trying again.`
        )
        await this.clock.sleep(pause)
      }
    }
  }

  /**
   * Creates the comment, then reads the list until it shows it: data another run wrote just
   * before may not have been listed when this run looked. Then that data wins, and this run's
   * comment goes; comments left by runs that failed before writing their data go too.
   */
  async #create(until: Deadline): Promise<number> {
    const placeholder = `${this.view.render(undefined)}\n\n${this.#placeholder}`
    const posted = await this.thread.post(placeholder)
    const since = this.clock.now()
    let listed = await this.thread.conversation()
    // A list that shows a record already settles it, whether or not it shows this run's comment.
    while (!listed.some((item) => item.id === posted.id) && !findSealed(listed, this.seal)) {
      const waited = this.clock.now() - since
      if (waited + LIST_LAG_MS > LIST_WAIT_MS || !until.allows(LIST_LAG_MS)) {
        this.logger.warning(
          `GitHub's list of comments still lacked this run's comment ${posted.id} after ${formatDuration(waited)}; this run keeps it, and a record another run wrote meanwhile may be listed later.`
        )
        return posted.id
      }
      await this.clock.sleep(LIST_LAG_MS)
      listed = await this.thread.conversation()
    }
    const sealed = findSealed(listed, this.seal)?.item
    const own = (item: ThreadItem) => loginMatches(posted.author, item.author.login)
    const others = this.#homes(listed).filter((item) => item.id !== posted.id && own(item))
    for (const item of [...(sealed ? [sealed] : []), ...others]) {
      if (await this.read(item.id)) {
        await this.thread.remove(posted.id)
        throw new SealedElsewhere(`the data is in comment ${item.id}`)
      }
      if (item !== sealed) await this.thread.remove(item.id)
    }
    return posted.id
  }

  /** Comments made to hold data, oldest first. */
  #homes(items: readonly ThreadItem[]): ThreadItem[] {
    return items
      .filter((item) => item.kind === 'issue-comment' && item.body.includes(this.#placeholder))
      .sort((a, b) => a.id - b.id)
  }
}
