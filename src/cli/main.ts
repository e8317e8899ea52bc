/**
 * `mintlify-agent`: the action's core from a terminal. Human progress goes to stderr, the result
 * to stdout (one JSON document with --json), so that the output can be piped.
 */
import { parseArgs } from 'node:util'
import { askAgent, mintlifyClient, type RunContext } from '../agent-request.js'
import { systemClock } from '../clock.js'
import { defaultDispatcher } from '../dispatcher.js'
import { explainFailure, failureKind } from '../explain.js'
import { describeGitHubError } from '../github/github-errors.js'
import { openOctokit } from '../github/octokit.js'
import { InputError, readSettings, type Settings } from '../inputs.js'
import { findJobForPullRequest, parsePullRequestUrl } from '../job-lookup.js'
import { isFinal, type AgentJob } from '../mintlify-client.js'
import { DEFAULT_RETRY_POLICY } from '../retry-policy.js'
import { runSimulator, SimulatorUsageError } from '../simulator/command.js'
import { cliVocabulary, type Vocabulary } from '../vocabulary.js'
import { documentOf, errorDocument, plainResult, type CliDocument } from './document.js'
import { Progress, terminalLogger } from './progress.js'
import { USAGE } from './usage.js'

const DEFAULT_BASE_URL = 'https://api.mintlify.com'

/** A wrong command line: exit 2, with a pointer to --help. */
class UsageError extends Error {}

const COMMANDS = ['follow-up', 'create', 'status'] as const
type Command = (typeof COMMANDS)[number]

/** Exit codes a shell gives a process stopped by these signals. */
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 }

/** Runs one command line; resolves with the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'simulator') return simulator(argv.slice(1))
  const json = argv.includes('--json')
  const command = COMMANDS.find((name) => argv.includes(name)) ?? null
  try {
    const parsed = parse(argv)
    if (parsed.kind === 'printed') return 0
    return await run(parsed, json)
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true
    const message = (error as Error).message
    return report(errorDocument(command, message, usage ? 'usage' : 'failed'), json, usage ? 2 : 1)
  }
}

async function simulator(argv: string[]): Promise<number> {
  try {
    return await runSimulator(argv)
  } catch (error) {
    const usage =
      error instanceof SimulatorUsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true
    process.stderr.write(
      `error: ${(error as Error).message}\n${usage ? "Run 'mintlify-agent simulator --help' for usage.\n" : ''}`
    )
    return usage ? 2 : 1
  }
}

interface Parsed {
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

function parse(argv: string[]): Parsed | { kind: 'printed' } {
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
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}

function settingsFrom(parsed: Parsed, vocabulary: Vocabulary): Settings {
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

async function run(parsed: Parsed, json: boolean): Promise<number> {
  const { command, values } = parsed
  let statusLine = (jobId: string) => `mintlify-agent status --job ${shellWord(jobId)}`
  const vocabulary = cliVocabulary((jobId) => statusLine(jobId))
  let settings = settingsFrom(parsed, vocabulary)
  statusLine = (jobId) =>
    [
      'mintlify-agent status',
      `--project ${shellWord(settings.projectId)}`,
      `--job ${shellWord(jobId)}`,
      ...(settings.baseUrl === DEFAULT_BASE_URL
        ? []
        : [`--base-url ${shellWord(settings.baseUrl)}`])
    ].join(' ')

  const progress = new Progress(Boolean(process.stderr.isTTY) && !json, settings.jobId)
  const logger = terminalLogger(Boolean(values.verbose), progress)
  const dispatcher = defaultDispatcher()
  // Ctrl-C or SIGTERM stops waiting; the job goes on, and the last line says how to find it.
  const cancellation = new AbortController()
  let stoppedBy: NodeJS.Signals | undefined
  const stop = (signal: NodeJS.Signals): void => {
    stoppedBy = signal
    cancellation.abort(signal)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  const context: RunContext = {
    clock: systemClock,
    dispatcher,
    retryPolicy: DEFAULT_RETRY_POLICY,
    signal: cancellation.signal,
    logger,
    deadline: systemClock.now() + settings.timeoutMs,
    vocabulary
  }
  const exitCode = (document: CliDocument): number =>
    !document.error ? 0 : (stoppedBy && SIGNAL_EXIT_CODES[stoppedBy]) || 1
  try {
    if (parsed.pullRequest) {
      const found = await jobOfPullRequest(parsed.pullRequest, settings, context)
      if (typeof found !== 'string') return report(found, json, exitCode(found))
      settings = Object.freeze({ ...settings, jobId: found })
    }
    const document =
      command === 'status'
        ? await showStatus(settings, context)
        : documentOf(
            command,
            await askAgent(
              {
                jobId: command === 'create' ? undefined : settings.jobId,
                prompt: settings.prompt ?? ''
              },
              settings,
              context,
              {
                onWaiting: async (o) => progress.update(o),
                onSent: async (o) => progress.update(o),
                onRead: async (o) => progress.update(o)
              }
            )
          )
    progress.stop()
    return report(document, json, exitCode(document))
  } finally {
    progress.stop()
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    await (cancellation.signal.aborted ? dispatcher.destroy() : dispatcher.close())
  }
}

/** Prints the result (stdout) and any error (stderr); returns the exit code. */
function report(document: CliDocument, json: boolean, exitCode: number): number {
  if (document.error) {
    const hint = document.error.kind === 'usage' ? "\nRun 'mintlify-agent --help' for usage." : ''
    process.stderr.write(`error: ${document.error.message}${hint}\n`)
  }
  if (json) process.stdout.write(`${JSON.stringify(document)}\n`)
  else if (document.jobId) process.stdout.write(plainResult(document))
  return exitCode
}

/**
 * The job behind a pull request, found in Mintlify's job list and confirmed with a v2 read; the
 * head branch comes from GitHub when a token is at hand. Without a confirmed job, the document
 * that says why.
 */
async function jobOfPullRequest(
  pullRequest: NonNullable<Parsed['pullRequest']>,
  settings: Settings,
  context: RunContext
): Promise<string | CliDocument> {
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
  const command = settings.prompt === undefined ? 'status' : 'follow-up'
  try {
    const lookup = await findJobForPullRequest(
      mintlifyClient(settings, context),
      { url: pullRequest.url, headRef },
      (line) => logger.info(line)
    )
    if (lookup.job) return lookup.job.id
    return errorDocument(
      command,
      `No Mintlify agent job was confirmed for ${pullRequest.url}. ${lookup.account} Name the job with --job <job-id>.`,
      'no-job'
    )
  } catch (error) {
    if (context.signal.aborted)
      return errorDocument(command, 'Stopped before the job was found.', 'cancelled')
    return errorDocument(
      command,
      explainFailure(error, {
        operation: 'list',
        jobId: '',
        projectId: settings.projectId,
        baseUrl: settings.baseUrl,
        requestTimeoutMs: settings.requestTimeoutMs,
        vocabulary: context.vocabulary
      }),
      failureKind(error, 'list'),
      (error as { status?: number }).status ?? null
    )
  }
}

/** Reads the job once (retried like any read) and says how it stands. */
async function showStatus(settings: Settings, context: RunContext): Promise<CliDocument> {
  const jobId = settings.jobId ?? ''
  let job: AgentJob
  try {
    job = await mintlifyClient(settings, context).getJob(jobId)
  } catch (error) {
    if (context.signal.aborted)
      return errorDocument('status', 'Stopped before the job was read.', 'cancelled')
    const document = errorDocument(
      'status',
      explainFailure(error, {
        operation: 'read',
        jobId,
        projectId: settings.projectId,
        baseUrl: settings.baseUrl,
        requestTimeoutMs: settings.requestTimeoutMs,
        vocabulary: context.vocabulary
      }),
      failureKind(error, 'read'),
      (error as { status?: number }).status ?? null
    )
    return { ...document, jobId }
  }
  const ended = isFinal(job.status) && job.status !== 'completed'
  return {
    command: 'status',
    jobId: job.id,
    status: job.status,
    prLink: job.prLink ?? null,
    sent: false,
    created: false,
    timedOut: false,
    durationMs: 0,
    job,
    error: ended
      ? {
          message:
            job.status === 'failed'
              ? `Mintlify agent job ${job.id} failed: see the Mintlify dashboard for what went wrong, then send another follow-up.`
              : `Mintlify agent job ${job.id} is archived and takes no more work: start a new job.`,
          kind: job.status === 'failed' ? 'job-failed' : 'job-archived',
          status: null
        }
      : null
  }
}
