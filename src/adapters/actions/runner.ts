/**
 * The GitHub Actions runner: inputs, the log, outputs and the job summary. The only module that
 * imports @actions/core; everything else talks to the runner through what it exports.
 */
import { access, constants } from 'node:fs/promises'
import * as core from '@actions/core'
import type { Logger } from '../../core/logger.js'
import { sentRows, type RunResult } from '../../core/outcome.js'
import { MAX_PROMPT_LENGTH, type InputSource } from '../../settings/settings.js'
import type { RunId } from '../../thread/thread.js'
import { outputsOf } from './outputs.js'
import { escapeHtml, summaryHeading, summaryRows } from './summary.js'

/** The workflow's `with:` inputs; the key is masked the moment it is read. */
export const runnerInputs: InputSource = {
  get: (name) => core.getInput(name),
  mask: (secret) => core.setSecret(secret)
}

export const runnerLogger: Logger = {
  info: (line) => core.info(line),
  warning: (line) => core.warning(line),
  notice: (line) => core.notice(line),
  debug: (line) => core.debug(line)
}

/** This workflow run attempt, as the runner names it; undefined outside a runner. */
export function currentRun(): RunId | undefined {
  const id = Number(process.env.GITHUB_RUN_ID)
  const attempt = Number(process.env.GITHUB_RUN_ATTEMPT || 1)
  return Number.isSafeInteger(id) && id > 0 && Number.isSafeInteger(attempt)
    ? { id, attempt }
    : undefined
}

export function setOutputs(run: RunResult): void {
  for (const [name, value] of Object.entries(outputsOf(run))) core.setOutput(name, value)
}

/** Fails the step with one line. */
export function failStep(message: string): void {
  core.setFailed(message)
}

/** The job summary: a table of the job, and for a dry run the prompt it would have sent. */
export async function writeSummary(run: RunResult): Promise<void> {
  // Without a summary file that can be opened (a local run) there is nowhere to write, and that
  // is not an error.
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return
  try {
    await access(file, constants.R_OK | constants.W_OK)
  } catch {
    core.debug(`No job summary: GITHUB_STEP_SUMMARY names ${file}, which cannot be opened.`)
    return
  }
  const { outcome } = run
  if (outcome) {
    core.summary.addHeading(summaryHeading(run), 3).addTable([
      [
        { data: 'Field', header: true },
        { data: 'Value', header: true }
      ],
      ...summaryRows(outcome, run)
    ])
    if (run.files?.length) addSent(run.files, outcome.prompt.length)
    if (outcome.failure)
      core.summary.addRaw(`<p><strong>Failed:</strong> ${escapeHtml(outcome.failure)}</p>`, true)
  } else if (run.sync === 'dry-run' && run.prompt) {
    core.summary
      .addHeading(summaryHeading(run), 3)
      .addRaw(
        `<p>Nothing was sent. The prompt a sync would send now (${run.prompt.length} characters):</p>`,
        true
      )
      .addCodeBlock(escapeHtml(run.prompt))
    if (run.files?.length) addSent(run.files, run.prompt.length)
    const { recorded } = run
    if (recorded?.jobId)
      core.summary.addRaw(
        `<p>It would go to docs job <code>${escapeHtml(recorded.jobId)}</code> (${escapeHtml(recorded.status ?? 'active')} when last read); docs pull request: ${recorded.prLink ? `<a href="${escapeHtml(recorded.prLink)}">${escapeHtml(recorded.prLink)}</a>` : 'none yet'}.</p>`,
        true
      )
    else core.summary.addRaw('<p>It would start the docs job of this pull request.</p>', true)
  } else return
  await core.summary.write()
}

/** Mode sync's files, by kind, and the room the prompt used. */
function addSent(files: NonNullable<RunResult['files']>, length: number): void {
  const [head = [], ...rows] = sentRows(files)
  core.summary
    .addRaw(
      `<p>The prompt took ${length} of ${MAX_PROMPT_LENGTH} characters. Its files, by what a docs writer needs:</p>`,
      true
    )
    .addTable([
      head.map((data) => ({ data, header: true })),
      ...rows.map((row) => row.map(escapeHtml))
    ])
}
