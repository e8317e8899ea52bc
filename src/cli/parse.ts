import { parseArgs } from 'node:util'
import { parsePullRequestUrl } from '../core/job-lookup.js'
import type { Vocabulary } from '../core/vocabulary.js'
import { InputError, readSettings, type Settings } from '../settings/settings.js'
import { USAGE } from './usage.js'

export const DEFAULT_BASE_URL = 'https://api.mintlify.com'

/** A wrong command line: exit 2, with a pointer to --help. */
export class UsageError extends Error {}

export const COMMANDS = ['follow-up', 'create', 'status'] as const
export type Command = (typeof COMMANDS)[number]

/** Exit codes a shell gives a process stopped by these signals. */

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

export function parse(argv: string[]): Parsed | { kind: 'printed' } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      project: { type: 'string' },
      job: { type: 'string' },
      pr: { type: 'string' },
      'base-url': { type: 'string' },
      timeout: { type: 'string' },
      'poll-interval': { type: 'string' },
      'request-timeout': { type: 'string' },
      'no-wait': { type: 'boolean' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  const [command, ...words] = positionals
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`)
    return { kind: 'printed' }
  }
  if (command !== 'follow-up' && command !== 'create' && command !== 'status') {
    throw new UsageError(
      `Unknown command '${command}': use follow-up, create, status or simulator.`
    )
  }
  if (command === 'create' && (values.job || values.pr))
    throw new UsageError(`create starts a new job: drop ${values.job ? '--job' : '--pr'}.`)
  if (values.job && values.pr) throw new UsageError('--job and --pr both name the job: give one.')
  if (command !== 'create' && !values.job && !values.pr)
    throw new UsageError(
      `${command} needs --job <job-id> or --pr <pull request URL>: the job to ${command === 'status' ? 'read' : 'send to'}. To start a new job, use 'mintlify-agent create'.`
    )
  const pullRequest = values.pr === undefined ? undefined : parsePullRequestUrl(values.pr)
  if (values.pr !== undefined && !pullRequest)
    throw new UsageError(
      `--pr takes a pull request's address, such as https://github.com/acme/docs/pull/42 (got ${JSON.stringify(values.pr.slice(0, 80))}).`
    )
  const prompt = words.join(' ').trim() || undefined
  if (command === 'status' && prompt)
    throw new UsageError(`status takes no prompt (got ${JSON.stringify(prompt.slice(0, 40))}).`)
  return { kind: 'command', command, values, prompt, pullRequest }
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
    if (error instanceof InputError) throw new UsageError(error.message)
    throw error
  }
}
