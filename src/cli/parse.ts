import { parseArgs } from 'node:util'
import { parsePullRequestUrl } from '../core/job-lookup.js'
import type { Vocabulary } from '../core/vocabulary.js'
import { InputError, readSettings, type Settings } from '../settings/settings.js'
import {
  anyCommandOptions,
  COMMAND_LIST,
  commandUsage,
  firstWord,
  isCommand,
  isOwnParser,
  parseOptions,
  type Command,
  type OwnParser
} from './commands.js'
import { SIMULATOR_USAGE } from '../simulator/command.js'
import { PROMPT_USAGE } from './prompt-preview.js'
import { shellWord } from './shell-word.js'
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
  if (first === 'help') return printHelp(argv)
  if (first === undefined) return withoutCommand(argv)
  if (!isCommand(first)) throw new UsageError(`Unknown command '${first}': use ${COMMAND_LIST}.`)
  const command = first
  const parsedArgs = readFlags(argv, command, parseOptions(command))
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

const OWN_USAGE: Record<OwnParser, string> = { prompt: PROMPT_USAGE, simulator: SIMULATOR_USAGE }

/** `help [command]`: the whole usage, or one command's. */
function printHelp(argv: string[]): { kind: 'printed' } {
  const words = argv.filter((word) => word !== '-h' && word !== '--help')
  const flag = words.find((word) => word.startsWith('-'))
  if (flag)
    throw new UsageError(
      `help takes a command's name and no flags (got '${flag}'): as 'mintlify-agent help status'.`
    )
  const [, topic, ...more] = words
  if (more.length)
    throw new UsageError(`help takes one command's name (got '${words.slice(1).join(' ')}').`)
  if (topic !== undefined && !isCommand(topic) && !isOwnParser(topic))
    throw new UsageError(`There is no command '${topic}': use ${COMMAND_LIST}.`)
  const help =
    topic === undefined ? USAGE : isOwnParser(topic) ? OWN_USAGE[topic] : commandUsage(topic)
  process.stdout.write(`${help}\n`)
  return { kind: 'printed' }
}

/**
 * Flags and no command: the usage for `--help` (or nothing at all), otherwise an error that
 * names an unknown flag, or says that a command comes first.
 */
function withoutCommand(argv: string[]): { kind: 'printed' } {
  const { values } = readFlags(argv, undefined, anyCommandOptions())
  if (argv.length && !values.help)
    throw new UsageError(
      `No command given: it comes first, as in 'mintlify-agent <command> ${argv.map(shellWord).join(' ')}', where <command> is ${COMMAND_LIST}.`
    )
  process.stdout.write(`${USAGE}\n`)
  return { kind: 'printed' }
}

/** The flags of `options` (and -h, --help) read from `argv`; a wrong one is a UsageError. */
function readFlags(
  argv: string[],
  command: Command | undefined,
  options: ReturnType<typeof parseOptions>
): ReturnType<typeof parseArgs> {
  checkValues(command, options, argv)
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } }
    })
  } catch (error) {
    throw new UsageError(parserMessage(error as Error, command), command)
  }
}

/**
 * A flag's value that starts with a dash (`--timeout -5`) reads to a parser as another flag:
 * it is named here for what it is.
 */
function checkValues(
  command: Command | undefined,
  options: ReturnType<typeof parseOptions>,
  argv: string[]
): void {
  argv.forEach((word, i) => {
    const name = /^--([a-z-]+)$/.exec(word)?.[1]
    const next = argv[i + 1]
    if (name && options[name]?.type === 'string' && next?.startsWith('-'))
      throw new UsageError(
        `--${name} takes a value${name.endsWith('timeout') || name === 'poll-interval' ? ' such as 90s, 15m or 1h' : ''} (got ${JSON.stringify(next)}).`,
        command
      )
  })
}

/**
 * node:util's parse errors (code ERR_PARSE_ARGS_…) in the command line's own words, for every
 * command: `command` is the one whose flags were read, if any. The pointer to its --help is the
 * caller's line after this one.
 */
export function parserMessage(error: Error, command: string | undefined): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(error.message)?.[1]
  if (unknown) {
    const name = unknown.slice(2)
    const hint =
      unknown.startsWith('--') && Object.hasOwn(SPELLED_OTHERWISE, name)
        ? SPELLED_OTHERWISE[name]
        : undefined
    if (hint) return `There is no ${unknown} flag: ${hint}.`
    return command ? `${command} has no ${unknown} flag.` : `There is no ${unknown} flag.`
  }
  const flag = /Option '(?:-\w, )?(--[\w-]+)/.exec(error.message)?.[1]
  if (flag && / argument missing/.test(error.message)) return `${flag} needs a value.`
  if (flag && / argument is ambiguous/.test(error.message))
    return `${flag} needs a value, and the word after it starts with a dash: write ${flag}=<value> for a value that does.`
  if (flag && /does not take an argument/.test(error.message)) return `${flag} takes no value.`
  const word = /Unexpected argument '([^']*)'/.exec(error.message)?.[1]
  if (word !== undefined)
    return `${command ?? 'mintlify-agent'} takes no words of its own (got '${word.slice(0, 40)}').`
  const said = (error.message.split('\n')[0] ?? '').replace(/'/g, '').replace(/\.$/, '')
  return `${said}.`
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
        // A base URL from the environment is named as the variable it came from.
        vocabulary:
          values['base-url'] === undefined && process.env.MINTLIFY_BASE_URL
            ? {
                ...vocabulary,
                subject: (setting) =>
                  setting === 'base-url' ? 'MINTLIFY_BASE_URL' : vocabulary.subject(setting)
              }
            : vocabulary
      }
    )
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message, command)
    throw error
  }
}
