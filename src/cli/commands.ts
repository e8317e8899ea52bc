/** The command line's commands and their flags, and the help each prints. */

interface Flag {
  name: string
  /** The value's placeholder; none for a switch. */
  value?: string
  says: string
}

interface CommandHelp {
  synopsis: string
  what: string
  flags: Flag[]
}

const PROJECT: Flag = {
  name: 'project',
  value: 'id',
  says: 'the Mintlify project, from the API keys page of the dashboard'
}
const JOB: Flag = { name: 'job', value: 'id', says: 'the agent job' }
const PR: Flag = {
  name: 'pr',
  value: 'url',
  says: "the pull request whose job it is, found in Mintlify's job list (see 'mintlify-agent --help')"
}
const BASE_URL: Flag = {
  name: 'base-url',
  value: 'url',
  says: 'the Mintlify API (default https://api.mintlify.com, or MINTLIFY_BASE_URL)'
}
const WAITING: Flag[] = [
  {
    name: 'timeout',
    value: 'duration',
    says: 'longest wait for a final status, as 90s, 15m, 1h (default 30m)'
  },
  {
    name: 'poll-interval',
    value: 'duration',
    says: 'time between two status reads (default 5s, or the timeout when shorter)'
  },
  { name: 'no-wait', says: 'send, print what Mintlify answered, and exit' }
]
const COMMON: Flag[] = [
  {
    name: 'request-timeout',
    value: 'duration',
    says: 'longest one request may take (default 30s)'
  },
  { name: 'json', says: 'print the result as one JSON document on stdout' },
  { name: 'verbose', says: 'print request details' },
  { name: 'help', says: 'show this help' }
]

export const COMMAND_HELP = {
  'follow-up': {
    synopsis:
      'mintlify-agent follow-up --project <id> (--job <id> | --pr <url>) [options] "<prompt>"',
    what: 'Sends the job a follow-up message once it is not busy, and waits for it to finish.',
    flags: [PROJECT, JOB, PR, BASE_URL, ...WAITING, ...COMMON]
  },
  create: {
    synopsis: 'mintlify-agent create --project <id> [options] "<prompt>"',
    what: 'Starts a new agent job (one of the project’s hourly requests) and waits for it to finish.',
    flags: [PROJECT, BASE_URL, ...WAITING, ...COMMON]
  },
  status: {
    synopsis: 'mintlify-agent status --project <id> (--job <id> | --pr <url>) [--json]',
    what: 'Reads the job once and prints how it stands; sends nothing.',
    flags: [
      PROJECT,
      JOB,
      PR,
      BASE_URL,
      {
        name: 'timeout',
        value: 'duration',
        says: 'longest the read may take, its retries included (default 30m)'
      },
      ...COMMON
    ]
  }
} satisfies Record<string, CommandHelp>

export type Command = keyof typeof COMMAND_HELP
export const COMMANDS = Object.keys(COMMAND_HELP) as Command[]

/** The commands that parse their own flags (src/simulator/command.ts, prompt-preview.ts). */
const OWN_PARSERS = ['prompt', 'simulator'] as const
export type OwnParser = (typeof OWN_PARSERS)[number]

/** Every command `--help` lists, as a sentence names them: `follow-up, create, … or simulator`. */
export const COMMAND_LIST = [...COMMANDS, ...OWN_PARSERS].join(', ').replace(/, (?=[^,]*$)/, ' or ')

export function isOwnParser(word: string | undefined): word is OwnParser {
  return (OWN_PARSERS as readonly (string | undefined)[]).includes(word)
}

export function isCommand(word: string | undefined): word is Command {
  return word !== undefined && word in COMMAND_HELP
}

/** The first word that is neither a flag nor a flag's value: the command, or `help`. */
export function firstWord(argv: readonly string[]): string | undefined {
  const valued = new Set(
    Object.values(COMMAND_HELP).flatMap(({ flags }) =>
      (flags as Flag[]).filter((flag) => flag.value).map((flag) => `--${flag.name}`)
    )
  )
  let skipNext = false
  for (const word of argv) {
    if (skipNext) skipNext = false
    else if (valued.has(word)) skipNext = true
    else if (!word.startsWith('-')) return word
  }
  return undefined
}

/** The flags of a command, as node:util's parseArgs takes them. */
export function parseOptions(command: Command): Record<string, { type: 'string' | 'boolean' }> {
  return Object.fromEntries(
    COMMAND_HELP[command].flags.map((flag) => [
      flag.name,
      { type: flag.value ? ('string' as const) : ('boolean' as const) }
    ])
  )
}

/** Every command's flags together: what a command line without a command may carry. */
export function anyCommandOptions(): Record<string, { type: 'string' | 'boolean' }> {
  return Object.assign({}, ...COMMANDS.map(parseOptions)) as ReturnType<typeof parseOptions>
}

/** What `mintlify-agent <command> --help` prints. */
export function commandUsage(command: Command): string {
  const { synopsis, what, flags } = COMMAND_HELP[command] as CommandHelp
  const left = (flag: Flag) => `--${flag.name}${flag.value ? ` <${flag.value}>` : ''}`
  const width = Math.max(...flags.map((flag) => left(flag).length)) + 2
  return [
    `Usage: ${synopsis}`,
    '',
    what,
    '',
    'Options:',
    ...flags.map((flag) => `  ${left(flag).padEnd(width)}${flag.says}`),
    '',
    "The key comes from MINTLIFY_API_KEY; 'mintlify-agent --help' lists the environment and exit codes."
  ].join('\n')
}
