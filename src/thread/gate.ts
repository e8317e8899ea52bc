import type { Logger } from '../core/logger.js'
import { isListed } from './logins.js'
import {
  PERMISSION_LEVELS,
  type CommentAuthor,
  type PermissionLevel,
  type Thread
} from './thread.js'

export interface GateRules {
  /** The least role a person needs. */
  permission: Exclude<PermissionLevel, 'none'>
  /** Bot logins allowed (see loginMatches); other bots are refused. */
  allowedBots: readonly string[]
}

/**
 * Who may give commands: people with the `permission` role on the repository, and bots listed in
 * `allowed-bots`. Each account is asked about once.
 */
export class Gate {
  readonly #answers = new Map<string, Promise<boolean>>()

  constructor(
    private readonly thread: Thread,
    private readonly rules: GateRules,
    private readonly logger: Logger
  ) {}

  /**
   * For the command's own author (`strict`), a permission that cannot be read throws: the run
   * cannot tell. For an earlier command's author it counts as allowed, so the line waits for it.
   */
  allows(author: CommentAuthor, strict: boolean): Promise<boolean> {
    const key = author.login.toLowerCase()
    let answer = this.#answers.get(key)
    if (!answer) {
      answer = this.#ask(author, strict)
      this.#answers.set(key, answer)
    }
    return strict ? answer : answer.catch(() => true)
  }

  async #ask({ login, isBot }: CommentAuthor, log: boolean): Promise<boolean> {
    const { allowedBots, permission } = this.rules
    if (isBot) {
      const allowed = isListed(allowedBots, login)
      if (log)
        this.logger.info(
          `${login} is a bot${allowed ? ' listed in allowed-bots' : ' not listed in allowed-bots: refused'}.`
        )
      return allowed
    }
    const level = await this.thread.permissionOf(login)
    const enough = PERMISSION_LEVELS.indexOf(level) >= PERMISSION_LEVELS.indexOf(permission)
    if (log)
      this.logger.info(
        `${login} has ${level} access; ${permission} is needed${enough ? '' : ': refused'}.`
      )
    return enough
  }
}
