/**
 * Where the code says what happens: the runner's log in the action, a terminal in the command
 * line, an array in tests. Every layer takes it as a parameter; none writes to a console itself.
 */
export interface Logger {
  info(line: string): void
  warning(line: string): void
  /** A result worth a highlight (an annotation in the action). */
  notice(line: string): void
  /** Request details: the action's debug log, the command line's --verbose. */
  debug(line: string): void
}
