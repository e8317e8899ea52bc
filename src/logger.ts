import * as core from '@actions/core'

/** Where the core writes what happens: the runner's log in the action, a terminal in the CLI. */
export interface Logger {
  info(line: string): void
  warning(line: string): void
  /** A result worth a highlight (an annotation in the action). */
  notice(line: string): void
  /** Request details: the action's debug log, the CLI's --verbose. */
  debug(line: string): void
}

export const actionLogger: Logger = {
  info: (line) => core.info(line),
  warning: (line) => core.warning(line),
  notice: (line) => core.notice(line),
  debug: (line) => core.debug(line)
}
