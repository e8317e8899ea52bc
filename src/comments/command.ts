/** What a comment asks of the action. */
export type Command =
  | { kind: 'none' }
  /** The command word alone: the author gets a usage reply. */
  | { kind: 'empty' }
  | { kind: 'prompt'; prompt: string; jobId: string | undefined }

const JOB_FLAG = /^--job(?:=|\s+)(\S+)(?:\s+|$)/

/**
 * A command is a comment whose first non-blank line starts with the command word followed by a
 * space or the end of the line; the prompt is the rest of the comment. `--job <id>` may follow the
 * word. A quoted command (`> /agent`), a longer word (`/agents`) or text before it is no command.
 */
export function parseCommand(body: string, commandWord: string): Command {
  const text = body
    .replace(/\r\n?/g, '\n')
    .replace(/^\s*\n/, '')
    .trimStart()
  if (!text.startsWith(commandWord)) return { kind: 'none' }
  const after = text.slice(commandWord.length)
  if (after !== '' && !/^[ \t\n]/.test(after)) return { kind: 'none' }

  let rest = after.replace(/^[ \t]+/, '')
  let jobId: string | undefined
  const flag = JOB_FLAG.exec(rest)
  if (flag) {
    jobId = flag[1]
    rest = rest.slice(flag[0].length)
  }
  const prompt = rest.trim()
  if (!prompt) return { kind: 'empty' }
  return { kind: 'prompt', prompt, jobId }
}
