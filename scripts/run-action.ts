/**
 * Starts dist/index.js the way the GitHub runner does: `INPUT_*` variables, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, and nothing else from the calling environment.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  ...(import.meta.url.includes('/.build/') ? ['..'] : [])
)
export const ACTION_ENTRY = join(REPO_ROOT, 'dist', 'index.js')

export interface ActionRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  durationMs: number
}

export interface StartOptions {
  /** Extra environment: GITHUB_EVENT_PATH, GITHUB_API_URL, proxies… */
  env?: Record<string, string>
  /** A webhook payload, written to a file named by GITHUB_EVENT_PATH. */
  event?: { name: string; payload: unknown }
  onStdout?: (chunk: string) => void
  /** Kills the run if it has not ended by then (default 60 s). */
  killAfterMs?: number
}

export interface StartedAction {
  child: ChildProcess
  done: Promise<ActionRun>
}

/** The runner's file command format: `name<<DELIMITER`, the value, `DELIMITER`. */
export function parseOutputsFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!)
      outputs[name!] = value.join('\n')
    } else if (lines[i]!.includes('=')) {
      const at = lines[i]!.indexOf('=')
      outputs[lines[i]!.slice(0, at)] = lines[i]!.slice(at + 1)
    }
  }
  return outputs
}

export function startAction(
  inputs: Record<string, string>,
  options: StartOptions = {}
): StartedAction {
  const workdir = mkdtempSync(join(tmpdir(), 'mintlify-action-'))
  const outputFile = join(workdir, 'output')
  const summaryFile = join(workdir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: workdir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: workdir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/docs',
    GITHUB_WORKSPACE: workdir
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  if (options.event) {
    const eventFile = join(workdir, 'event.json')
    writeFileSync(eventFile, JSON.stringify(options.event.payload))
    env.GITHUB_EVENT_NAME = options.event.name
    env.GITHUB_EVENT_PATH = eventFile
  }
  Object.assign(env, options.env)

  const started = Date.now()
  const child = spawn(process.execPath, [ACTION_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    options.onStdout?.(chunk)
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000)

  const done = new Promise<ActionRun>((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('close', (exitCode, signal) => {
      clearTimeout(killer)
      const run: ActionRun = {
        exitCode,
        signal,
        stdout,
        stderr,
        outputs: parseOutputsFile(readFileSync(outputFile, 'utf8')),
        summary: readFileSync(summaryFile, 'utf8'),
        durationMs: Date.now() - started
      }
      rmSync(workdir, { recursive: true, force: true })
      resolvePromise(run)
    })
  })
  return { child, done }
}

export function runAction(
  inputs: Record<string, string>,
  options: StartOptions = {}
): Promise<ActionRun> {
  return startAction(inputs, options).done
}
