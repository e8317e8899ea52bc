/** What the action answers on a thread when a command is not carried out as asked. */
import { InputError, checkPromptLength } from '../settings/settings.js'
import { isValidId } from '../core/agent-api.js'
import type { CommentTrigger } from './trigger.js'

/** The reply to a bare command. */
export function usage(command: string): string {
  return [
    `Tell the Mintlify agent what to do after \`${command}\`, for example:`,
    '',
    `    ${command} also add error handling examples to the quickstart guide`,
    '',
    `To name the agent job yourself: \`${command} --job <job-id> <what to do>\`.`
  ].join('\n')
}

/** A command on a pull request mode sync keeps in step, before its record names a job. */
export const syncedWithoutJob =
  "Mode sync keeps this pull request's docs in step, and its record names no docs job yet, so nothing was sent: only mode sync starts this pull request's job, and its status comment says how that stands. Once it names a job, commands go to it; `--job <job-id>` names another."

export function noJobReply(command: string, lookedUp: string | undefined): string {
  return [
    'I could not tell which Mintlify agent job to follow up, so nothing was sent: no `job-id` input, no `--job` in the comment, and no trusted job marker on this thread.',
    ...(lookedUp ? ['', lookedUp] : []),
    '',
    `Name the job in the comment: \`${command} --job <job-id> <what to do>\`, or set the \`job-id\` input of the workflow. To start a new job from comments on purpose, set \`mode: auto\` (a new job when none is found) or \`mode: create\` in the workflow.`
  ].join('\n')
}

export function refusal(login: string, needed: string, isBot: boolean): string {
  return isBot
    ? `@${login} is a bot, and bots may not give the Mintlify agent commands here unless the workflow lists them in \`allowed-bots\`.`
    : `@${login}, the Mintlify agent takes commands from people with ${needed} access to this repository or more.`
}

/** The thread a new job was asked for from, ahead of the prompt. */
export function withThreadContext(prompt: string, trigger: CommentTrigger): string {
  const kind = trigger.isPullRequest ? 'pull request' : 'issue'
  return [
    `Requested from GitHub by @${trigger.comment.author.login} on ${kind} #${trigger.number} of ${trigger.owner}/${trigger.repo}: "${trigger.title}" (${trigger.url}).`,
    '',
    prompt
  ].join('\n')
}

/** What is wrong with a command a person wrote, in words for them; undefined when nothing is. */
export function commandProblem(prompt: string, jobId: string | undefined): string | undefined {
  try {
    checkPromptLength(prompt, 'The prompt in the comment')
  } catch (error) {
    if (error instanceof InputError) return error.message
    throw error
  }
  if (jobId && !isValidId(jobId)) {
    return `The job ID after --job is not a valid ID (${JSON.stringify(jobId.slice(0, 60))}): IDs are letters, digits, '.', '_', '~', ':', '@' and '-'.`
  }
  return undefined
}
