/**
 * Mode sync: one docs job per code pull request, started by the first event, kept in step with
 * every push (only what is new), shown in one status comment on the pull request, and steerable
 * there with `/agent`.
 */
import type { RunResult, SyncStep } from '../core/outcome.js'
import type { Settings } from '../settings/settings.js'
import { Gate } from '../thread/gate.js'
import { loginMatches } from '../thread/logins.js'
import { syncCommentOf } from '../thread/markers.js'
import { ThreadReadError, type ThreadItem } from '../thread/thread.js'
import { pendingChanges } from '../prompt/changes.js'
import { promptRules, SYNC_ACTIONS, type SyncPorts } from './context.js'
import type { PullRequestReader } from '../prompt/pull-request.js'
import type { SyncTrigger } from './trigger.js'
import { promptBudget } from '../prompt/budget.js'
import { globMatcher } from '../prompt/files.js'
import { oneOffView } from './checks.js'
import { concludeHead } from './mirror.js'
import { sendInStep } from './send.js'
import { sayFailedOnHead, sayOff } from './under-lock.js'
import { readSyncState } from './state.js'
import { closedOf, newestHead } from './step.js'

export async function runSync(
  event: SyncTrigger,
  settings: Settings,
  ports: SyncPorts
): Promise<RunResult> {
  const { skipLabel, paths } = settings.sync
  // Removing the skip label resumes sync: the run catches up as after a push.
  const resumed = event.action === 'unlabeled' && event.label === skipLabel
  const trigger = resumed ? { ...event, action: 'synchronize' } : event
  const turnedOff = trigger.action === 'labeled' && trigger.label === skipLabel
  const off = trigger.labels.includes(skipLabel)
  const { logger } = ports
  const result: RunResult = {
    result: 'not-sent',
    commandAuthor: trigger.author.login,
    statusCommentId: undefined,
    outcome: undefined
  }
  const done = (sync: SyncStep, message: string, warn = false): RunResult => {
    if (warn) logger.warning(message)
    else logger.info(message)
    result.sync = sync
    return result
  }
  if (!SYNC_ACTIONS.includes(trigger.action) && !turnedOff)
    return done('ignored', `The pull request was ${trigger.action}: mode sync has nothing to do.`)
  const offMessage = `Pull request #${trigger.number} has the ${skipLabel} label, which turns docs sync off (sync-skip-label): nothing was sent. Removing the label resumes it.`
  // Without a check run to write, these need no GitHub at all.
  const concluded = async (sync: SyncStep, title: string, message: string) => {
    if (settings.comments.checkRun)
      try {
        const github = await ports.openGitHub()
        await concludeHead(
          { ...github, settings, ports },
          trigger.headSha,
          oneOffView('neutral', title, message)
        )
      } catch (error) {
        logger.warning(`The check run could not be written (${(error as Error).message}).`)
      }
    return done(sync, message)
  }
  if (off && !turnedOff)
    return concluded('skipped', `Docs sync is off: the ${skipLabel} label`, offMessage)
  if (trigger.draft && !settings.sync.drafts && trigger.action !== 'closed')
    return concluded(
      'draft',
      'Draft: the docs wait until it is ready for review',
      `Pull request #${trigger.number} is a draft: its docs wait until it is ready for review (sync-drafts: true syncs drafts too). Nothing was sent.`
    )

  const github = await ports.openGitHub()
  const { thread, pullRequest } = github
  const run = { ...github, trigger, settings, ports }
  try {
    const gate = new Gate(thread, settings.comments, logger)
    if (!(await gate.allows(trigger.author, true))) {
      result.result = 'refused'
      const message = `@${trigger.author.login} opened pull request #${trigger.number}, and only people who may give commands here (${settings.comments.permission} access, or a bot in allowed-bots) have their pull requests documented: nothing was sent.`
      await concludeHead(run, trigger.headSha, oneOffView('neutral', 'Not documented', message))
      return done('refused', message, true)
    }
    const self = await thread.tokenLogin()
    // Only the token's own comment holds the state: the token must be able to edit it.
    const comment = syncCommentOf(await thread.conversation(), (login) => loginMatches(self, login))
    // sync-paths decides whether a job starts; once one has, every push goes to it.
    if (paths.length && !comment) {
      const matches = paths.map(globMatcher)
      const files = await pullRequest.files()
      if (!files.some((file) => matches.some((match) => match(file.path)))) {
        const message = `None of the ${files.length} files pull request #${trigger.number} changes match sync-paths (${paths.join(', ')}): nothing was sent.`
        await concludeHead(
          run,
          trigger.headSha,
          oneOffView('neutral', 'Nothing to document: no file matches sync-paths', message)
        )
        return done('skipped', message)
      }
    }
    const synced = { ...run, comment, self }
    if (turnedOff) {
      if (settings.sync.dryRun) return done('skipped', offMessage)
      if (comment) await sayOff(synced, skipLabel)
      else
        await concludeHead(
          run,
          trigger.headSha,
          oneOffView('neutral', `Docs sync is off: the ${skipLabel} label`, offMessage)
        )
      return done('skipped', offMessage)
    }
    if (settings.sync.dryRun)
      return await dryRun(trigger, settings, ports, pullRequest, comment, result)
    const sent = await sendInStep(synced, result)
    const failure = sent.outcome?.failure ?? sent.failure
    if (sent.sync === 'failed' && failure)
      await sayFailedOnHead(synced, sent.statusCommentId, failure)
    return sent
  } catch (error) {
    if (!(error instanceof ThreadReadError)) throw error
    result.failure = error.message
    result.sync = 'failed'
    return result
  }
}

/** Prints the prompt a sync would send now, and sends and writes nothing. */
async function dryRun(
  trigger: SyncTrigger,
  settings: Settings,
  ports: SyncPorts,
  pullRequest: PullRequestReader,
  comment: ThreadItem | undefined,
  result: RunResult
): Promise<RunResult> {
  const { logger } = ports
  const state = comment && readSyncState(comment.body)
  const pr = await pullRequest.read()
  const pending =
    closedOf(pr) === 'unmerged'
      ? undefined
      : await pendingChanges(
          await newestHead(trigger, pullRequest, pr),
          pullRequest,
          pr,
          state?.sentSha,
          promptRules(settings)
        )
  result.sync = 'dry-run'
  if (!pending || pending.kind === 'none') {
    logger.info(
      `Dry run: ${pending ? `job ${state?.jobId} already has everything up to ${pending.headSha.slice(0, 7)}` : 'the pull request was closed without merging'}, so a sync would send nothing.`
    )
    return result
  }
  result.prompt = pending.prompt
  if (state) result.recorded = { jobId: state.jobId, status: state.status, prLink: state.prLink }
  result.files = promptBudget(pending.prompt, pending.files, promptRules(settings)).files
  logger.info(
    `Dry run: nothing is sent and nothing is written. ${state ? `The message for job ${state.jobId}` : 'The first message, which would start the docs job,'} would be ${pending.prompt.length} characters:`
  )
  // Each line starts with a bar: a line of the pull request's own text that starts with `::`
  // would otherwise be read by the runner as a workflow command. The runner ends a line at a
  // bare carriage return too.
  for (const line of pending.prompt.split(/\r\n|\r|\n/)) logger.info(`│ ${line}`)
  return result
}
