import { formatDuration } from '../core/duration.js'
import { ACTION_VOCABULARY, type SettingName, type Vocabulary } from '../core/vocabulary.js'
import { PERMISSION_LEVELS, type PermissionLevel } from '../thread/thread.js'
import {
  baseUrl,
  boolean,
  duration,
  identifier,
  InputError,
  inputSubject,
  list,
  wholeNumber,
  type InputSource
} from './fields.js'

export { InputError, type InputSource }

/** Time between two reads of a job when `poll-interval` is not given and `timeout` is longer. */
const DEFAULT_POLL_INTERVAL_MS = 5_000

/** The longest prompt the action sends; longer text is almost always a pasted log by mistake. */
export const MAX_PROMPT_LENGTH = 20_000

/** The longest request-timeout for runs that send under a pull request's send lock. */
export const MAX_LOCKED_REQUEST_TIMEOUT_MS = 3 * 60_000

/** Everything the action was asked to do, validated before any request is made. */
export interface Settings {
  /** Mintlify admin key (`mint_…`); masked in logs as soon as it is read. */
  readonly apiKey: string
  /** Mintlify project ID, as shown on the dashboard's API keys page. */
  readonly projectId: string
  /**
   * `follow-up` (a job must be found), `create` (always a new job), `auto` (follow up when a job
   * is found, else create) or `sync` (one docs job per code pull request, kept in step with it).
   */
  readonly mode: 'follow-up' | 'create' | 'auto' | 'sync'
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
  /** How mode sync quotes a code pull request. */
  readonly sync: SyncSettings
}

export interface SyncSettings {
  /** Whether draft pull requests are synced too (otherwise they wait until ready for review). */
  readonly drafts: boolean
  /** Globs of files that are listed but not quoted. */
  readonly exclude: readonly string[]
  /** Globs of files quoted first, even where a built-in rule would not quote them. */
  readonly prefer: readonly string[]
  /** Print the prompt that would be sent, and send and write nothing. */
  readonly dryRun: boolean
  /** The label that turns sync off for a pull request. */
  readonly skipLabel: string
  /** Globs of which a pull request must change at least one file to be synced; empty: any. */
  readonly paths: readonly string[]
  /** The name of the check run kept on each head (with check-run). */
  readonly checkRunName: string
  /** Whether a failed docs job makes that check run a failure rather than neutral. */
  readonly checkRunFailOnJobFailure: boolean
  /** What the action does on the docs pull request; undefined without docs-token. */
  readonly docs: DocsSettings | undefined
}

/** The docs pull request's side of mode sync, through docs-token. */
export interface DocsSettings {
  /** A token with pull requests write on the docs repository; masked as soon as it is read. */
  readonly token: string
  /** Request a review from the code pull request's author, once. */
  readonly reviewRequest: boolean
  /** The label put on the docs pull request on the merge; empty for none. */
  readonly mergedLabel: string
  /** Mark a draft docs pull request ready for review on the merge. */
  readonly readyOnMerge: boolean
  /** Close the docs pull request on an unmerged close, and reopen it on `reopened`. */
  readonly closeWithCode: boolean
}

/** In mode sync the `prompt` input leads every message: it must leave room for the pull request. */
export const MAX_SYNC_INSTRUCTIONS = 10_000

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
  // The docs token too, before any problem with another input can stop the run.
  const docsToken = source.get('docs-token').trim()
  if (docsToken) source.mask(docsToken)
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
  if (mode !== 'follow-up' && mode !== 'create' && mode !== 'auto' && mode !== 'sync') {
    throw new InputError(
      `${words.subject('mode')} must be follow-up, create, auto or sync (got '${mode.slice(0, 40)}').`
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
  if ((mode === 'create' || mode === 'sync') && jobId) {
    throw new InputError(
      mode === 'create'
        ? `${words.subject('job-id')} is set, but mode is create, which always starts a new job: remove one of them.`
        : `${words.subject('job-id')} is set, but mode is sync, which keeps the pull request's own docs job in its status comment: remove job-id.`
    )
  }

  const prompt = source.get('prompt').trim() || undefined
  if (!prompt && !fromComment && !options.readOnly && mode !== 'sync') {
    throw new InputError(
      `${words.subject('prompt')} is required and must not be blank: write the follow-up message for the agent.`
    )
  }
  if (prompt && mode === 'sync' && prompt.length > MAX_SYNC_INSTRUCTIONS) {
    throw new InputError(
      `${words.subject('prompt')} is ${prompt.length} characters long; in mode sync it leads every message and may be at most ${MAX_SYNC_INSTRUCTIONS}, to leave room for the pull request: shorten it.`
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

  const dryRun = boolean(source.get('dry-run'), inputSubject('dry-run'), false)
  if (dryRun && mode !== 'sync') {
    throw new InputError(
      `${inputSubject('dry-run')} is true, but mode is ${mode}: dry-run prints the prompt mode sync would send, and other modes send the prompt input as it is. Remove dry-run, or set mode: sync.`
    )
  }
  if (docsToken && mode !== 'sync') {
    throw new InputError(
      `${inputSubject('docs-token')} is set, but mode is ${mode}: only mode sync follows a docs pull request. Remove docs-token, or set mode: sync.`
    )
  }

  const requestTimeoutMs = duration(...read('request-timeout'), '30s')
  // These runs send under the pull request's send lock, held at most 4 minutes: the request
  // must end within it with time to write down what was sent.
  if ((mode === 'sync' || fromComment) && requestTimeoutMs >= MAX_LOCKED_REQUEST_TIMEOUT_MS) {
    throw new InputError(
      `${words.subject('request-timeout')} is ${formatDuration(requestTimeoutMs)}, but ${mode === 'sync' ? 'mode sync' : 'a /agent comment run'} sends under the pull request's send lock, which a run holds at most 4 minutes: a request must be able to end within it. Use less than ${formatDuration(MAX_LOCKED_REQUEST_TIMEOUT_MS)} (the default is 30s).`
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
    requestTimeoutMs,
    failOnJobFailure: boolean(
      source.get('fail-on-job-failure'),
      inputSubject('fail-on-job-failure'),
      true
    ),
    baseUrl: baseUrl(...read('base-url')),
    comments: commentSettings(source),
    sync: Object.freeze({
      drafts: boolean(source.get('sync-drafts'), inputSubject('sync-drafts'), false),
      exclude: list(source, 'sync-exclude'),
      prefer: list(source, 'sync-prefer'),
      dryRun,
      skipLabel: source.get('sync-skip-label').trim() || 'no-docs',
      paths: list(source, 'sync-paths'),
      checkRunName: source.get('check-run-name').trim() || 'Docs',
      checkRunFailOnJobFailure: boolean(
        source.get('check-run-fail-on-job-failure'),
        inputSubject('check-run-fail-on-job-failure'),
        false
      ),
      docs: docsToken ? docsSettings(source, docsToken) : undefined
    })
  })
}

function docsSettings(source: InputSource, token: string): DocsSettings {
  const mergedLabel = source.get('docs-merged-label').trim()
  const flag = (name: string, fallback: boolean) =>
    boolean(source.get(name), inputSubject(name), fallback)
  return Object.freeze({
    token,
    reviewRequest: flag('docs-review-request', false),
    mergedLabel: mergedLabel.toLowerCase() === 'false' ? '' : mergedLabel || 'code-merged',
    readyOnMerge: flag('docs-ready-on-merge', true),
    closeWithCode: flag('docs-close-with-code', true)
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
