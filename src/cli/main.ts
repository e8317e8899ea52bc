/**
 * `mintlify-agent`: the action's core from a terminal. Human progress goes to stderr, the result
 * to stdout (one JSON document with --json), so that the output can be piped.
 */
import { askAgent } from '../core/agent-request.js'
import { defaultDispatcher } from '../core/dispatcher.js'
import { openRunContext } from '../core/run-context.js'
import { cliVocabulary } from '../core/vocabulary.js'
import { runSimulator, SimulatorUsageError } from '../simulator/command.js'
import { PromptUsageError, runPromptPreview } from './prompt-preview.js'
import { documentOf, errorDocument, plainResult, type CliDocument } from './document.js'
import { jobOfPullRequest, showStatus } from './jobs.js'
import { firstWord, isCommand, isOwnParser, type OwnParser } from './commands.js'
import {
  DEFAULT_BASE_URL,
  parse,
  parserMessage,
  settingsFrom,
  UsageError,
  type Parsed
} from './parse.js'
import { shellWord } from './shell-word.js'
import { Progress, terminalLogger } from './progress.js'

/** Exit codes a shell gives a process stopped by these signals. */
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 }

/** Runs one command line; resolves with the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const first = firstWord(argv)
  if (isOwnParser(first)) {
    const at = argv.indexOf(first)
    return ownParser(first, [...argv.slice(0, at), ...argv.slice(at + 1)])
  }
  const json = argv.includes('--json')
  const command = isCommand(first) ? first : null
  try {
    const parsed = parse(argv)
    if (parsed.kind === 'printed') return 0
    return await run(parsed, json)
  } catch (error) {
    if (!(error instanceof UsageError))
      return report(errorDocument(command, (error as Error).message, 'failed'), json, 1)
    const about = error.command ?? command
    const help = `Run 'mintlify-agent ${about ? `${about} ` : ''}--help' for usage.`
    return report(errorDocument(command, error.message, 'usage'), json, 2, help)
  }
}

const RUNNERS: Record<
  OwnParser,
  { run: (argv: string[]) => Promise<number>; usage: new (message: string) => Error }
> = {
  simulator: { run: (argv) => runSimulator(argv), usage: SimulatorUsageError },
  prompt: { run: (argv) => runPromptPreview(argv), usage: PromptUsageError }
}

/**
 * `simulator` and `prompt`, which read their own flags: a wrong command line exits 2, in the
 * same words as the other commands' (node:util's parse errors rewritten), anything else 1.
 */
async function ownParser(command: OwnParser, argv: string[]): Promise<number> {
  const { run, usage } = RUNNERS[command]
  try {
    return await run(argv)
  } catch (error) {
    const parser = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true
    const message = parser ? parserMessage(error as Error, command) : (error as Error).message
    const wrongLine = parser || error instanceof usage
    process.stderr.write(
      `error: ${message}\n${wrongLine ? `Run 'mintlify-agent ${command} --help' for usage.\n` : ''}`
    )
    return wrongLine ? 2 : 1
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
  const context = openRunContext({
    settings,
    dispatcher,
    logger,
    signal: cancellation.signal,
    vocabulary
  })
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

/** Prints the result (stdout) and any error (stderr), with a hint after it; returns the exit code. */
function report(document: CliDocument, json: boolean, exitCode: number, hint?: string): number {
  if (document.error)
    process.stderr.write(`error: ${document.error.message}${hint ? `\n${hint}` : ''}\n`)
  if (json) process.stdout.write(`${JSON.stringify(document)}\n`)
  else if (document.jobId) process.stdout.write(plainResult(document))
  return exitCode
}

/**
 * The job behind a pull request, found in Mintlify's job list and confirmed with a v2 read; the
 * head branch comes from GitHub when a token is at hand. Without a confirmed job, the document
 * that says why.
 */
