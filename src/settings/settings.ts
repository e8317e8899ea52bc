import { isValidId } from '../core/agent-api.js'
import { formatDuration, parseDuration } from '../core/duration.js'
import { ACTION_VOCABULARY, type SettingName, type Vocabulary } from '../core/vocabulary.js'
import { PERMISSION_LEVELS, type PermissionLevel } from '../thread/thread.js'

/** Time between two reads of a job when `poll-interval` is not given and `timeout` is longer. */
const DEFAULT_POLL_INTERVAL_MS = 5_000

/** The longest prompt the action sends; longer text is almost always a pasted log by mistake. */
export const MAX_PROMPT_LENGTH = 20_000

/** Everything the action was asked to do, validated before any request is made. */
export interface Settings {
  /** Mintlify admin key (`mint_…`); masked in logs as soon as it is read. */
  readonly apiKey: string
  /** Mintlify project ID, as shown on the dashboard's API keys page. */
  readonly projectId: string
  /** `follow-up` (a job must be found), `create` (always a new job) or `auto` (follow up when a job is found, else create). */
  readonly mode: 'follow-up' | 'create' | 'auto'
  /** The agent job that receives the follow-up; from a comment when the input is empty. */
  readonly jobId: string | undefined
  /** The follow-up message, trimmed; from a comment when the input is empty. */
  readonly prompt: string | undefined
  /** Whether to poll until the job reaches a final status. */
  readonly wait: boolean
  /** The longest the whole run may take, in milliseconds. */
  readonly timeoutMs: number
  /** Time between two status reads, in milliseconds. */
  readonly pollIntervalMs: number
  /** Time one HTTP request may take, in milliseconds. */
  readonly requestTimeoutMs: number
  /** Whether a `failed` or `archived` job fails the step. */
  readonly failOnJobFailure: boolean
  /** API origin and optional path prefix, without a trailing slash. */
  readonly baseUrl: string
  /** How `/agent` comments are handled. */
  readonly comments: CommentSettings
}

export interface CommentSettings {
  /** The word a comment starts with to be a command (`/agent`). */
  readonly command: string
  /** Whether an edited comment counts as a new command. */
  readonly allowEdits: boolean
  /** The least role on the repository a commenter needs. */
  readonly permission: Exclude<PermissionLevel, 'none'>
  /** Bot logins allowed to give commands. */
  readonly allowedBots: readonly string[]
  /** Bot logins whose job markers are trusted besides the token's own. */
  readonly trustedMarkerAuthors: readonly string[]
  /** Token for reactions, comments and the permission check; masked as soon as it is read. */
  readonly githubToken: string
  readonly statusComment: boolean
  readonly reactions: boolean
  /** Requests this action may send from one thread; 0 for no cap. */
  readonly maxRequestsPerThread: number
  /** Whether to keep a check run on the pull request's head commit. */
  readonly checkRun: boolean
  /** How long a command's place in its thread's line is held without a sign of life from its run. */
  readonly queueExpiryMs: number
}

export interface ReadOptions {
  /** A comment triggered the run: job-id and prompt may come from it. */
  commentTriggered: boolean
  /** Only the job is read (the CLI's status): no prompt is needed. */
  readOnly?: boolean
  /** The job is looked up from a pull request (the CLI's --pr): job-id may be empty. */
  jobLookedUp?: boolean
  /** The words of the front end (the action's by default). */
  vocabulary?: Vocabulary
}

/** Where inputs come from: the runner's `INPUT_*` variables in the action, a map in tests. */
export interface InputSource {
  get(name: string): string
  /** Called with the key the moment it is read, so nothing printed later can reveal it. */
  mask(secret: string): void
}

/** A problem with the workflow's inputs; its message tells the user what to change. */
export class InputError extends Error {
  override name = 'InputError'
}

/** How a setting is named as a sentence's subject, for inputs only the action has. */
const inputSubject = (name: string): string => `Input '${name}'`

function required(text: string, subject: string, hint: string): string {
  const value = text.trim()
  if (!value) throw new InputError(`${subject} is required: ${hint}`)
  return value
}

function identifier(text: string, subject: string, hint: string): string {
  const value = required(text, subject, hint)
  if (!isValidId(value)) {
    throw new InputError(
      `${subject} is not a valid ID (${JSON.stringify(value.slice(0, 60))}): IDs are letters, digits, '.', '_', '~', ':', '@' and '-', without '/', '?', '#' or spaces. ${hint}`
    )
  }
  return value
}

function duration(text: string, subject: string, fallback: string): number {
  const given = text.trim() || fallback
  const ms = parseDuration(given)
  if (ms === undefined) {
    throw new InputError(
      `${subject} is not a duration (${JSON.stringify(given.slice(0, 40))}): write it like 90s, 15m, 1h or a number of seconds.`
    )
  }
  if (ms <= 0) throw new InputError(`${subject} must be longer than zero (got '${given}').`)
  return ms
}

function boolean(text: string, subject: string, fallback: boolean): boolean {
  const value = text.trim().toLowerCase()
  if (!value) return fallback
  if (value === 'true') return true
  if (value === 'false') return false
  throw new InputError(`${subject} must be true or false (got '${value.slice(0, 40)}').`)
}

function wholeNumber(text: string, subject: string, fallback: number): number {
  const value = text.trim()
  if (!value) return fallback
  if (!/^\d+$/.test(value))
    throw new InputError(
      `${subject} must be a whole number, 0 or more (got '${value.slice(0, 40)}').`
    )
  return Number(value)
}

function baseUrl(text: string, subject: string): string {
  const given = text.trim() || 'https://api.mintlify.com'
  // `localhost:4010` parses as a URL of scheme `localhost:`: say what was meant instead.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(given)) {
    throw new InputError(
      `${subject} must start with https:// or http:// (got ${JSON.stringify(given.slice(0, 80))}): write http://${given.slice(0, 80)} for a local server, or https:// for one elsewhere.`
    )
  }
  let url: URL
  try {
    url = new URL(given)
  } catch {
    throw new InputError(
      `${subject} is not a URL (${JSON.stringify(given.slice(0, 80))}): use https://api.mintlify.com or your gateway's address.`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `${subject} must start with https:// or http:// (got ${JSON.stringify(given.slice(0, 80))}).`
    )
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new InputError(
      `${subject} must not carry a query, a fragment or credentials: give the origin and optional path prefix only.`
    )
  }
  return url.href.replace(/\/+$/, '')
}

function list(source: InputSource, name: string): readonly string[] {
  return Object.freeze(
    source
      .get(name)
      .split(/[\s,]+/)
      .filter(Boolean)
  )
}

function commentSettings(source: InputSource): CommentSettings {
  const githubToken = source.get('github-token').trim()
  if (githubToken) source.mask(githubToken)
  const command = source.get('command').trim() || '/agent'
  if (/\s/.test(command))
    throw new InputError(`Input 'command' must be one word, such as /agent (got '${command}').`)
  const permission = source.get('permission').trim().toLowerCase() || 'write'
  if (!PERMISSION_LEVELS.includes(permission as PermissionLevel) || permission === 'none') {
    throw new InputError(
      `Input 'permission' must be one of read, triage, write, maintain or admin (got '${permission.slice(0, 40)}').`
    )
  }
  const read = (name: string) => [source.get(name), inputSubject(name)] as const
  const statusComment = boolean(...read('status-comment'), true)
  const maxRequestsPerThread = wholeNumber(...read('max-requests-per-thread'), 0)
  // The cap, the order and re-run protection are all read from the status comments.
  if (!statusComment && maxRequestsPerThread > 0) {
    throw new InputError(
      `Input 'max-requests-per-thread' is ${maxRequestsPerThread}, but 'status-comment' is false: the cap is counted from the action's status comments, so without them it cannot be kept. Set status-comment: true, or max-requests-per-thread: 0.`
    )
  }
  return Object.freeze({
    command,
    allowEdits: boolean(...read('allow-edits'), false),
    permission: permission as CommentSettings['permission'],
    allowedBots: list(source, 'allowed-bots'),
    trustedMarkerAuthors: list(source, 'trusted-marker-authors'),
    githubToken,
    statusComment,
    reactions: boolean(...read('reactions'), true),
    maxRequestsPerThread,
    checkRun: boolean(...read('check-run'), false),
    queueExpiryMs: duration(...read('queue-expiry'), '2m')
  })
}

/** Reads and validates every input; throws InputError with the first problem found. */
export function readSettings(
  source: InputSource,
  options: ReadOptions = { commentTriggered: false }
): Settings {
  const words = options.vocabulary ?? ACTION_VOCABULARY
  const read = (name: SettingName) => [source.get(name), words.subject(name)] as const
  const apiKey = source.get('api-key').trim()
  if (apiKey) source.mask(apiKey)
  if (!apiKey) throw new InputError(`${words.subject('api-key')} is required: ${words.keyAdvice}.`)
  if (/\s/.test(apiKey)) {
    throw new InputError(
      `${words.subject('api-key')} contains white space: copy the key again from the Mintlify dashboard.`
    )
  }

  const projectId = identifier(
    ...read('project-id'),
    'Copy it from the API keys page of the Mintlify dashboard.'
  )
  const fromComment = options.commentTriggered
  // Starting a job opens a pull request and spends the project's hourly limit: never by default.
  const mode = source.get('mode').trim().toLowerCase() || 'follow-up'
  if (mode !== 'follow-up' && mode !== 'create' && mode !== 'auto') {
    throw new InputError(
      `${words.subject('mode')} must be follow-up, create or auto (got '${mode.slice(0, 40)}').`
    )
  }
  // In follow-up mode without a comment, the job can come from nowhere but the input. An empty
  // one is most often a misspelt `vars.` name: it must not quietly start a job instead.
  if (
    mode === 'follow-up' &&
    !fromComment &&
    !options.jobLookedUp &&
    !source.get('job-id').trim()
  ) {
    throw new InputError(
      `${words.subject('job-id')} is empty, and mode is follow-up (the default), which only sends to an existing job: nothing was sent. Give the ID of the agent job to follow up (check the name of the variable or secret that should hold it). To start a new job on purpose, ${words.startJobAdvice}.`
    )
  }
  const jobId = source.get('job-id').trim()
    ? identifier(...read('job-id'), words.jobIdAdvice)
    : undefined
  if (mode === 'create' && jobId) {
    throw new InputError(
      `${words.subject('job-id')} is set, but mode is create, which always starts a new job: remove one of them.`
    )
  }

  const prompt = source.get('prompt').trim() || undefined
  if (!prompt && !fromComment && !options.readOnly) {
    throw new InputError(
      `${words.subject('prompt')} is required and must not be blank: write the follow-up message for the agent.`
    )
  }
  if (prompt) checkPromptLength(prompt, words.subject('prompt'))

  const timeoutMs = duration(...read('timeout'), '30m')
  // Left empty, the interval is 5s, or the timeout when that is shorter.
  const pollIntervalMs = source.get('poll-interval').trim()
    ? duration(...read('poll-interval'), '5s')
    : Math.min(DEFAULT_POLL_INTERVAL_MS, timeoutMs)
  if (pollIntervalMs > timeoutMs) {
    throw new InputError(
      `${words.subject('poll-interval')} (${formatDuration(pollIntervalMs)}) must not be longer than ${words.name('timeout')} (${formatDuration(timeoutMs)}): the job would never be read twice.`
    )
  }

  return Object.freeze({
    apiKey,
    projectId,
    mode,
    jobId,
    prompt,
    wait: boolean(...read('wait'), true),
    timeoutMs,
    pollIntervalMs,
    requestTimeoutMs: duration(...read('request-timeout'), '30s'),
    failOnJobFailure: boolean(
      source.get('fail-on-job-failure'),
      inputSubject('fail-on-job-failure'),
      true
    ),
    baseUrl: baseUrl(...read('base-url')),
    comments: commentSettings(source)
  })
}

/** Comments are checked against the same limit as the input. */
export function checkPromptLength(prompt: string, what: string): void {
  if (prompt.length > MAX_PROMPT_LENGTH) {
    throw new InputError(
      `${what} is ${prompt.length} characters long; the limit is ${MAX_PROMPT_LENGTH}: shorten it.`
    )
  }
}
