#!/usr/bin/env node
/**
 * `mintlify-agent`: the action's core from a terminal. Human progress goes to stderr, the result
 * to stdout (as JSON with --json), so that the output can be piped.
 */
import './wasm-baseline.js'
import { parseArgs } from 'node:util'
import { askAgent, mintlifyClient, type RunContext } from './agent-request.js'
import { systemClock } from './clock.js'
import { defaultDispatcher } from './dispatcher.js'
import { formatDuration } from './duration.js'
import { explainFailure } from './explain.js'
import { describeGitHubError } from './github/github-errors.js'
import { openOctokit } from './github/octokit.js'
import { InputError, readSettings, type Settings } from './inputs.js'
import { findJobForPullRequest, parsePullRequestUrl } from './job-lookup.js'
import type { Logger } from './logger.js'
import { isFinal, type AgentJob } from './mintlify-client.js'
import { outputsOf, type Outcome } from './report.js'
import { DEFAULT_RETRY_POLICY } from './retry-policy.js'

const USAGE = `Usage:
  mintlify-agent follow-up --project <id> (--job <id> | --pr <url>) [options] "<prompt>"
  mintlify-agent create --project <id> [options] "<prompt>"
  mintlify-agent status --project <id> (--job <id> | --pr <url>) [--json]

The Mintlify admin key comes from the MINTLIFY_API_KEY environment variable.

--pr <pull request URL> finds the job behind a pull request the agent opened, in Mintlify's
job list, by the pull request's link or its head branch, and confirms it before use. The head
branch is read from GitHub when GH_TOKEN or GITHUB_TOKEN is set (GITHUB_API_URL for GitHub
Enterprise Server, e.g. https://ghe.example.com/api/v3); without a token only the link can match.

Options:
  --base-url <url>         Mintlify API (default https://api.mintlify.com)
  --timeout <duration>     longest wait for a final status, as 90s, 15m, 1h (default 30m)
  --poll-interval <d>      time between two status reads (default 5s)
  --no-wait                send, print what Mintlify answered, and exit
  --json                   print the result as JSON on stdout
  --verbose                print request details
  -h, --help               show this help

Exit codes: 0 the job completed (or, with --no-wait, took the request); 1 it failed, was
archived, did not finish in time, or a request failed; 2 the command line is wrong.`

/** Input names as the action knows them, and what a terminal user types instead. */
const FLAG_FOR_INPUT: Record<string, string> = {
  'api-key': 'MINTLIFY_API_KEY',
  'project-id': '--project',
  'job-id': '--job',
  prompt: 'the prompt',
  timeout: '--timeout',
  'poll-interval': '--poll-interval',
  'base-url': '--base-url'
}

class UsageError extends Error {}

function terminalLogger(verbose: boolean, progress: Progress): Logger {
  const line = (text: string): void => progress.print(text)
  return {
    info: line,
    notice: line,
    warning: (text) => line(`warning: ${text}`),
    debug: (text) => verbose && line(`debug: ${text}`)
  }
}

/** On a terminal, one line rewritten in place with the status and the elapsed time; else nothing. */
class Progress {
  #text = ''
  #timer: NodeJS.Timeout | undefined
  #startedAt = Date.now()
  #status = 'sending'
  #jobId = ''

  constructor(
    private readonly live: boolean,
    jobId: string | undefined
  ) {
    this.#jobId = jobId ?? ''
    if (live) this.#timer = setInterval(() => this.#render(), 1000).unref()
  }

  update(outcome: Outcome): void {
    this.#status = outcome.job?.status ?? this.#status
    this.#jobId = outcome.job?.id ?? outcome.jobId
    this.#render()
  }

  /** A plain line, above the live one. */
  print(text: string): void {
    this.#clear()
    process.stderr.write(`${text}\n`)
    this.#render()
  }

  stop(): void {
    clearInterval(this.#timer)
    this.#clear()
    this.#text = ''
  }

  #render(): void {
    if (!this.live) return
    const job = this.#jobId ? `job ${this.#jobId}` : 'new job'
    this.#text = `⏳ ${job}: ${this.#status}, ${formatDuration(Date.now() - this.#startedAt)} elapsed`
    process.stderr.write(`\r\x1b[2K${this.#text}`)
  }

  #clear(): void {
    if (this.live && this.#text) process.stderr.write('\r\x1b[2K')
  }
}

function settingsFrom(
  command: string,
  values: Record<string, unknown>,
  prompt: string | undefined
): Settings {
  const inputs: Record<string, string> = {
    'api-key': process.env.MINTLIFY_API_KEY ?? '',
    'project-id': String(values.project ?? ''),
    'job-id': String(values.job ?? ''),
    prompt: prompt ?? '',
    mode: command === 'create' ? 'create' : 'follow-up',
    wait: values['no-wait'] ? 'false' : 'true',
    timeout: String(values.timeout ?? ''),
    'poll-interval': String(values['poll-interval'] ?? ''),
    'base-url': String(values['base-url'] ?? process.env.MINTLIFY_BASE_URL ?? '')
  }
  try {
    return readSettings(
      { get: (name) => inputs[name] ?? '', mask: () => undefined },
      {
        commentTriggered: false,
        readOnly: command === 'status',
        jobLookedUp: values.pr !== undefined
      }
    )
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const message = error.message.replace(
      /Input '([a-z-]+)'/g,
      (_m, name: string) => FLAG_FOR_INPUT[name] ?? name
    )
    throw new UsageError(message.replace('use mode: create', "use 'mintlify-agent create'"))
  }
}

function printResult(outcome: Outcome, json: boolean): void {
  if (json) {
    const outputs = outputsOf({
      result: outcome.sent ? 'sent' : 'not-sent',
      commandAuthor: '',
      statusCommentId: undefined,
      outcome
    })
    // The trigger's outputs mean nothing here, and the job is embedded as an object, not a string.
    const result = Object.fromEntries(
      Object.entries(outputs).filter(
        ([name]) => !['triggered', 'result', 'comment-id', 'command-author', 'job'].includes(name)
      )
    )
    const document = { ...result, job: outcome.job ?? null, failure: outcome.failure ?? null }
    process.stdout.write(`${JSON.stringify(document)}\n`)
    return
  }
  const job = outcome.job
  process.stdout.write(
    [
      `job: ${job?.id ?? outcome.jobId}`,
      `status: ${job?.status ?? 'unknown'}${outcome.timedOut ? ' (still running)' : ''}`,
      `pull request: ${job?.prLink ?? 'none'}`,
      ''
    ].join('\n')
  )
}

async function main(argv: string[]): Promise<number> {
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
      'no-wait': { type: 'boolean' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  const [command, ...words] = positionals
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (command !== 'follow-up' && command !== 'create' && command !== 'status') {
    throw new UsageError(
      command ? `Unknown command '${command}'.` : 'Name a command: follow-up, create or status.'
    )
  }
  const prompt = words.join(' ').trim() || undefined
  if (command === 'create' && values.job)
    throw new UsageError('create starts a new job: drop --job.')
  if (command === 'create' && values.pr) throw new UsageError('create starts a new job: drop --pr.')
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
  let settings = settingsFrom(command, values, prompt)

  const progress = new Progress(Boolean(process.stderr.isTTY) && !values.json, settings.jobId)
  const logger = terminalLogger(Boolean(values.verbose), progress)
  const dispatcher = defaultDispatcher()
  const cancellation = new AbortController()
  process.once('SIGINT', () => cancellation.abort())
  const context: RunContext = {
    clock: systemClock,
    dispatcher,
    retryPolicy: DEFAULT_RETRY_POLICY,
    signal: cancellation.signal,
    logger,
    deadline: systemClock.now() + settings.timeoutMs
  }
  try {
    if (pullRequest) {
      const jobId = await jobOfPullRequest(pullRequest, settings, context)
      if (!jobId) return 1
      settings = Object.freeze({ ...settings, jobId })
    }
    if (command === 'status') return await showStatus(settings, context, Boolean(values.json))
    const outcome = await askAgent(
      { jobId: command === 'create' ? undefined : settings.jobId, prompt: settings.prompt ?? '' },
      settings,
      context,
      {
        onWaiting: async (o) => progress.update(o),
        onSent: async (o) => progress.update(o),
        onRead: async (o) => progress.update(o)
      }
    )
    progress.stop()
    if (outcome.failure) process.stderr.write(`error: ${outcome.failure}\n`)
    printResult(outcome, Boolean(values.json))
    return outcome.failure ? 1 : 0
  } finally {
    progress.stop()
    await dispatcher.close()
  }
}

/**
 * The job behind a pull request, found in Mintlify's job list and confirmed with a v2 read; the
 * head branch comes from GitHub when a token is at hand. Undefined (and said why) when none is.
 */
async function jobOfPullRequest(
  pullRequest: NonNullable<ReturnType<typeof parsePullRequestUrl>>,
  settings: Settings,
  context: RunContext
): Promise<string | undefined> {
  const { logger } = context
  const token = process.env.GH_TOKEN || process.env.GITHUB_TOKEN
  let headRef: string | undefined
  if (!token) {
    logger.info(
      `No GH_TOKEN or GITHUB_TOKEN: the pull request's head branch cannot be read from GitHub, so only a job whose pull request link is ${pullRequest.url} can match.`
    )
  } else {
    try {
      const octokit = await openOctokit(token, {
        warn: (line) => logger.warning(line),
        clock: context.clock,
        deadline: context.deadline
      })
      const { data } = await octokit.rest.pulls.get({
        owner: pullRequest.owner,
        repo: pullRequest.repo,
        pull_number: pullRequest.number
      })
      headRef = data.head.ref
    } catch (error) {
      logger.warning(
        `Could not read the pull request from GitHub (${describeGitHubError(error)}): only a job whose pull request link is ${pullRequest.url} can match.`
      )
    }
  }
  try {
    const lookup = await findJobForPullRequest(
      mintlifyClient(settings, context),
      { url: pullRequest.url, headRef },
      (line) => logger.info(line)
    )
    if (lookup.job) return lookup.job.id
    process.stderr.write(
      `error: no Mintlify agent job was confirmed for ${pullRequest.url}. ${lookup.account} Name the job with --job <job-id>.\n`
    )
  } catch (error) {
    const failure = explainFailure(error, {
      operation: 'list',
      jobId: '',
      projectId: settings.projectId,
      baseUrl: settings.baseUrl,
      requestTimeoutMs: settings.requestTimeoutMs
    })
    process.stderr.write(`error: ${failure}\n`)
  }
  return undefined
}

async function showStatus(settings: Settings, context: RunContext, json: boolean): Promise<number> {
  const jobId = settings.jobId
  if (!jobId) throw new UsageError('status needs --job.')
  const client = mintlifyClient(settings, context)

  let job: AgentJob
  try {
    job = await client.getJob(jobId)
  } catch (error) {
    const failure = explainFailure(error, {
      operation: 'read',
      jobId,
      projectId: settings.projectId,
      baseUrl: settings.baseUrl,
      requestTimeoutMs: settings.requestTimeoutMs
    })
    process.stderr.write(`error: ${failure}\n`)
    return 1
  }
  printResult(
    {
      jobId,
      prompt: '',
      job,
      sent: false,
      created: false,
      timedOut: false,
      cancelled: false,
      durationMs: 0,
      failure: undefined
    },
    json
  )
  return isFinal(job.status) && job.status !== 'completed' ? 1 : 0
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  const usage =
    error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  process.stderr.write(
    `error: ${(error as Error).message}\n${usage ? "Run 'mintlify-agent --help' for usage.\n" : ''}`
  )
  process.exitCode = usage ? 2 : 1
}
