import { parseArgs } from 'node:util'
import { parsePullRequestUrl } from '../core/job-lookup.js'
import type { Vocabulary } from '../core/vocabulary.js'
import { InputError, readSettings, type Settings } from '../settings/settings.js'
import {
  commandUsage,
  firstWord,
  isCommand,
  parseOptions,
  takesValue,
  type Command
} from './commands.js'
import { SIMULATOR_USAGE } from '../simulator/command.js'
import { USAGE } from './usage.js'

export const DEFAULT_BASE_URL = 'https://api.mintlify.com'

/** A wrong command line: exit 2, with a pointer to the command's --help. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: Command | undefined = undefined
  ) {
    super(message)
  }
}

export interface Parsed {
  kind: 'command'
  command: Command
  values: {
    project?: string
    job?: string
    pr?: string
    'base-url'?: string
    timeout?: string
    'poll-interval'?: string
    'request-timeout'?: string
    'no-wait'?: boolean
    json?: boolean
    verbose?: boolean
  }
  prompt: string | undefined
  pullRequest: ReturnType<typeof parsePullRequestUrl>
}

/** Flags people try that the command line spells otherwise. */
const SPELLED_OTHERWISE: Record<string, string> = {
  wait: 'it waits by default; give --no-wait not to wait',
  key: 'the key comes from the MINTLIFY_API_KEY environment variable',
  'api-key': 'the key comes from the MINTLIFY_API_KEY environment variable',
  'project-id': 'the project is --project <id>',
  'job-id': 'the job is --job <id>'
}

/**
 * Reads a command line: `<command> [flags] [prompt]`, `help [command]`, `<command> --help`.
 * Prints help and returns `printed` when that is what was asked for.
 */
export function parse(argv: string[]): Parsed | { kind: 'printed' } {
  const first = firstWord(argv)
  if (first === 'help') {
    const topic = argv[argv.indexOf('help') + 1]
    if (topic !== undefined && topic !== 'simulator' && !isCommand(topic))
      throw new UsageError(
        `There is no command '${topic}': use follow-up, create, status or simulator.`
      )
    const help =
      topic === undefined ? USAGE : topic === 'simulator' ? SIMULATOR_USAGE : commandUsage(topic)
    process.stdout.write(`${help}\n`)
    return { kind: 'printed' }
  }
  if (
    first === undefined ||
    (!isCommand(first) && (argv.includes('--help') || argv.includes('-h')))
  ) {
    if (first !== undefined)
      throw new UsageError(
        `Unknown command '${first}': use follow-up, create, status or simulator.`
      )
    process.stdout.write(`${USAGE}\n`)
    return { kind: 'printed' }
  }
  if (!isCommand(first))
    throw new UsageError(`Unknown command '${first}': use follow-up, create, status or simulator.`)
  const command = first
  checkValues(command, argv)
  let parsedArgs: ReturnType<typeof parseArgs>
  try {
    parsedArgs = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...parseOptions(command), help: { type: 'boolean', short: 'h' } }
    })
  } catch (error) {
    throw new UsageError(parserMessage(error as Error, command), command)
  }
  const values = parsedArgs.values as Parsed['values'] & { help?: boolean }
  const words = parsedArgs.positionals.slice(1)
  if (values.help) {
    process.stdout.write(`${commandUsage(command)}\n`)
    return { kind: 'printed' }
  }
  if (values.job && values.pr)
    throw new UsageError('--job and --pr both name the job: give one.', command)
  if (command !== 'create' && !values.job && !values.pr)
    throw new UsageError(
      `${command} needs --job <job-id> or --pr <pull request URL>: the job to ${command === 'status' ? 'read' : 'send to'}. To start a new job, use 'mintlify-agent create'.`,
      command
    )
  const pullRequest = values.pr === undefined ? undefined : parsePullRequestUrl(values.pr)
  if (values.pr !== undefined && !pullRequest)
    throw new UsageError(
      `--pr takes a pull request's address, such as https://github.com/acme/docs/pull/42 (got ${JSON.stringify(values.pr.slice(0, 80))}).`,
      command
    )
  // `--timeout 5 minutes "x"`: the unit is not part of the flag's value, and would open the prompt.
  const unit = /^(ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)$/i
  const durationFlag = ['timeout', 'poll-interval', 'request-timeout'].find(
    (name) => typeof (values as Record<string, unknown>)[name] === 'string'
  )
  if (durationFlag && words.length > 1 && unit.test(words[0] ?? ''))
    throw new UsageError(
      `The prompt would start with '${words[0]}', which looks like the unit of a duration: write --${durationFlag} as one word (as 5m or 90s), and give the prompt as one quoted argument.`,
      command
    )
  const prompt = words.join(' ').trim() || undefined
  if (command === 'status' && prompt)
    throw new UsageError(
      `status takes no prompt (got ${JSON.stringify(prompt.slice(0, 40))}).`,
      command
    )
  return { kind: 'command', command, values, prompt, pullRequest }
}

/**
 * A flag's value that starts with a dash (`--timeout -5`) reads to a parser as another flag:
 * it is named here for what it is.
 */
function checkValues(command: Command, argv: string[]): void {
  argv.forEach((word, i) => {
    const name = /^--([a-z-]+)$/.exec(word)?.[1]
    const next = argv[i + 1]
    if (name && takesValue(command, name) && next?.startsWith('-'))
      throw new UsageError(
        `--${name} takes a value${name.endsWith('timeout') || name === 'poll-interval' ? ' such as 90s, 15m or 1h' : ''} (got ${JSON.stringify(next)}).`,
        command
      )
  })
}

/** node:util's parse errors, in the command line's own words. */
function parserMessage(error: Error, command: Command): string {
  const unknown = /Unknown option '-{1,2}([^']+)'/.exec(error.message)?.[1]
  if (unknown) {
    const hint = SPELLED_OTHERWISE[unknown]
    return hint
      ? `There is no --${unknown} flag: ${hint}.`
      : `${command} has no --${unknown} flag; 'mintlify-agent ${command} --help' lists its flags.`
  }
  const missing = /Option '--([a-z-]+)[^']*' argument missing/.exec(error.message)?.[1]
  if (missing) return `--${missing} needs a value; 'mintlify-agent ${command} --help' says which.`
  return `${error.message.replace(/'/g, '')}; 'mintlify-agent ${command} --help' lists the flags.`
}

/** A value as a shell would need it, for the status line a person can paste. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}

export function settingsFrom(parsed: Parsed, vocabulary: Vocabulary): Settings {
  const { command, values, prompt } = parsed
  const inputs: Record<string, string> = {
    'api-key': process.env.MINTLIFY_API_KEY ?? '',
    'project-id': values.project ?? '',
    'job-id': values.job ?? '',
    prompt: prompt ?? '',
    mode: command === 'create' ? 'create' : 'follow-up',
    wait: values['no-wait'] ? 'false' : 'true',
    timeout: values.timeout ?? '',
    'poll-interval': values['poll-interval'] ?? '',
    'request-timeout': values['request-timeout'] ?? '',
    'base-url': values['base-url'] ?? process.env.MINTLIFY_BASE_URL ?? ''
  }
  try {
    return readSettings(
      { get: (name) => inputs[name] ?? '', mask: () => undefined },
      {
        commentTriggered: false,
        readOnly: command === 'status',
        jobLookedUp: values.pr !== undefined,
        vocabulary
      }
    )
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message, command)
    throw error
  }
}
