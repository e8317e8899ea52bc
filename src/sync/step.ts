/**
 * One pass under the pull request's send lock: the state and the pull request as they are now,
 * and then the one thing to do about them: nothing, wait for a busy job (as the pull request's
 * one waiting run), wait out Mintlify's hourly limit, or send what is new.
 */
import { isFinal, type AgentJob } from '../core/agent-api.js'
import { pendingChanges } from '../prompt/changes.js'
import type { PullRequestInfo, PullRequestReader } from '../prompt/pull-request.js'
import type { SyncTrigger } from './trigger.js'
import { promptRules, type SyncRun } from './context.js'
import { mirrors } from './mirror.js'
import { mayHaveStarted, readSyncState, type SyncState } from './state.js'
import { scopeOf, type Scope, type Step, type StepDoing } from './step-scope.js'
import { sayWhyNoJob, sendPending } from './step-send.js'
import { isAlive, type Me } from './waiting.js'

export { closedOf, type Step, type StepDoing } from './step-scope.js'

/**
 * The head to bring the job up to. Right after a push GitHub may still answer with the head
 * before it; the event's head then wins when it is the newer one.
 */
export async function newestHead(
  trigger: SyncTrigger,
  reader: PullRequestReader,
  pr: PullRequestInfo
): Promise<string> {
  const told = trigger.headSha
  if (!told || told === pr.headSha || pr.state === 'closed') return pr.headSha
  const newer = await reader.compare(pr.headSha, told)
  return newer?.status === 'ahead' ? told : pr.headSha
}

/** The first message of a job that takes over from one that takes no more messages. */
function successorNote(previous: SyncState, pr: PullRequestInfo): string {
  return `This continues the docs of pull request ${pr.url}: docs job ${previous.jobId} worked on them until it took no more messages${previous.prLink ? `, and opened ${previous.prLink}. Continue that docs pull request if it is still open (push to its branch), or replace it with a new one that says it supersedes it` : ''}. Here is the whole pull request as it is now.`
}

/** What a check run shows once the job it followed has ended (see Shows in state.ts). */
const JOB_ENDED: ReadonlySet<string> = new Set(['s', 'n', 'f', 'j', 'a'])

/**
 * `until`: when the lock must be given back; no wait under it lasts longer, and nothing is sent
 * unless its request can end by then. `doing` follows what the step does with Mintlify.
 */
export async function stepOnce(
  run: SyncRun,
  commentId: number,
  until: number,
  doing: StepDoing,
  me: Me
): Promise<Step> {
  const body = await run.thread.commentBody('issue-comment', commentId)
  if (body === undefined)
    return {
      kind: 'failed',
      message: `The action's status comment on this pull request was deleted while this run used it: nothing was sent. The next event starts over with a new docs job.`
    }
  const state = readSyncState(body)
  // Also for a successor: its start may have made a job as well.
  if (mayHaveStarted(body))
    return {
      kind: 'failed',
      message:
        "An earlier run's request to start this pull request's docs job may have reached Mintlify, but its answer was lost, so no job is started now: that could make a second one. Find the job on the Mintlify dashboard, or delete the action's status comment on this pull request to start over."
    }
  doing.jobId = state?.jobId
  try {
    const pr = await run.pullRequest.read()
    return await decide(scopeOf(run, commentId, until, doing, state, me, pr))
  } catch (error) {
    // Under the lock still: the comment says why no job was started, and whether one may exist.
    if (!state || doing.operation === 'create')
      await sayWhyNoJob(run, commentId, error, doing, state)
    throw error
  }
}

async function decide(first: Scope): Promise<Step> {
  if (first.closed === 'unmerged') return closedUnmerged(first)
  const { scope, reopenedDocs } = await reopenDocs(first)
  const { run, state, me, pr, closed, doing } = scope
  const { pullRequest, ports, settings, trigger } = run

  // Reopened after an unmerged close: the next push, not the reopening, starts a successor.
  const retired = state?.retired
  const reopened = trigger.action === 'reopened' && (retired !== undefined || reopenedDocs)
  const target = await newestHead(trigger, pullRequest, pr)
  if (state && state.sentSha === target && (!retired || reopened))
    return upToDate(scope, state, target, reopened)

  let job: AgentJob | undefined
  if (state && !retired) {
    // These commits are already the waiting run's to send: this run need not wait too.
    const { waiter, pending: waiting } = state
    if (
      closed !== 'merged' &&
      waiting?.headSha === target &&
      waiter &&
      waiter.run !== me.run &&
      ports.clock.wallTime() < waiter.until &&
      (await isAlive(run, waiter.run))
    )
      return {
        kind: 'nothing',
        sync: 'queued',
        state,
        message: `Another run of this workflow waits for docs job ${state.jobId} and sends the commits up to ${target.slice(0, 7)} when it is free: this run need not wait too.`
      }
    doing.operation = 'read'
    job = await scope.readNow(state.jobId)
    if (!isFinal(job.status)) {
      const waiting = scope.claim(state, {
        status: job.status,
        pending: { headSha: target, why: 'busy' }
      })
      return { kind: 'busy', job, state: await scope.write(waiting, { job }) }
    }
  }
  const successorOf = state && (retired ?? (job?.status === 'archived' ? 'archived' : undefined))

  const pending = await pendingChanges(
    target,
    pullRequest,
    pr,
    successorOf ? undefined : state?.sentSha,
    promptRules(settings),
    successorOf && state ? successorNote(state, pr) : undefined
  )
  if (pending.kind === 'none') {
    const next =
      state &&
      (await scope.writeIfChanged(
        scope.moved(state, {
          sentSha: pending.headSha,
          pending: undefined,
          ...(job ? { status: job.status, prLink: job.prLink ?? state.prLink } : {})
        }),
        { job }
      ))
    return {
      kind: 'nothing',
      sync: closed === 'merged' ? 'merged' : 'up-to-date',
      ...(next ? { state: next } : {}),
      message: pending.base
        ? `The commits up to ${pending.headSha.slice(0, 7)} only bring in ${pr.baseRef}: nothing of the pull request's own to send.`
        : `Docs job ${state?.jobId} already has every change up to ${pending.headSha.slice(0, 7)}: nothing new to send.`
    }
  }
  return sendPending(scope, pending, job, successorOf)
}

/**
 * The job has every change up to the head already. The job is read only when what follows the
 * state wants to know how it stands: a check run that does not show yet how the job ended, or the
 * docs pull request to label on the merge, for which the run waits for the job to end.
 */
async function upToDate(
  scope: Scope,
  state: SyncState,
  target: string,
  reopened: boolean
): Promise<Step> {
  const { run, closed, doing, pr } = scope
  const on = mirrors(run)
  // Unless the head's check run already shows how the job ended, how it stands now is read.
  const checkOpen =
    on.checks && !state.checks?.some((c) => c.sha === state.sentSha && JOB_ENDED.has(c.shows))
  const docsToDo = on.docs && closed === 'merged' && !state.docs?.merged
  let next = scope.moved(state, { pending: undefined })
  let job: AgentJob | undefined
  if (checkOpen || docsToDo) {
    doing.operation = 'read'
    job = await scope.readNow(state.jobId)
    next = { ...next, status: job.status, prLink: job.prLink ?? next.prLink }
    if (!isFinal(job.status) && docsToDo) {
      const waiting = scope.claim(next, { pending: undefined })
      return { kind: 'busy', job, state: await scope.write(waiting, { job }) }
    }
  }
  next = await scope.writeIfChanged(next, { job })
  return {
    kind: 'nothing',
    sync: closed === 'merged' ? 'merged' : 'up-to-date',
    state: next,
    message: !reopened
      ? `Docs job ${state.jobId} already has every change up to ${target.slice(0, 7)}: nothing new to send.`
      : next.retired
        ? `Pull request #${pr.number} was reopened: docs job ${state.jobId} takes no more messages (its docs pull request was closed with the code's, or the job is archived), so the next push starts a new docs job that continues it.`
        : `Pull request #${pr.number} was reopened, and so was its docs pull request: the next push goes to docs job ${state.jobId} again.`
  }
}

/**
 * Reopened after an unmerged close, with docs-token: the docs pull request the action closed is
 * reopened first, and then its job takes messages again (else the next push starts a successor).
 */
async function reopenDocs(scope: Scope): Promise<{ scope: Scope; reopenedDocs: boolean }> {
  const { run, state, doing } = scope
  if (run.trigger.action !== 'reopened' || state?.retired !== 'closed' || !mirrors(run).docs)
    return { scope, reopenedDocs: false }
  doing.operation = 'read'
  const job = await scope.readNow(state.jobId)
  const shown = await scope.writeIfChanged(scope.moved(state, {}), { job })
  const { commentId, until, me, pr } = scope
  return {
    scope: scopeOf(run, commentId, until, doing, shown, me, pr),
    reopenedDocs: !shown.retired
  }
}

/**
 * Closed without merging: the job takes no more messages, and its docs pull request is closed
 * with the code's (by docs-token, or by hand from pr-link). So the run waits for the job to end
 * and name its docs pull request.
 */
async function closedUnmerged(scope: Scope): Promise<Step> {
  const { run, state, doing } = scope
  let next = state && scope.moved(state, { pending: undefined, retired: state.retired ?? 'closed' })
  let job: AgentJob | undefined
  // With docs-token its docs pull request is closed too, whichever job opened it.
  if (
    next &&
    state &&
    ((!next.prLink && (!state.retired || state.retired === 'closed')) || mirrors(run).docs)
  ) {
    doing.operation = 'read'
    job = await scope.readNow(next.jobId)
    next = { ...next, status: job.status, prLink: job.prLink ?? next.prLink }
    if (!isFinal(job.status)) {
      const waiting = scope.claim(next, { pending: undefined })
      return { kind: 'busy', job, state: await scope.write(waiting, { job }) }
    }
  }
  if (next) next = await scope.writeIfChanged(next, { job })
  return {
    kind: 'nothing',
    sync: 'closed',
    ...(next ? { state: next } : {}),
    message: !next
      ? 'The pull request was closed without merging before any docs job was started: nothing to do.'
      : next.docs?.closedWithCode
        ? `The pull request was closed without merging, and so was its docs pull request ${next.docs.pr}.`
        : `The pull request was closed without merging: its docs pull request${next.prLink ? ` (${next.prLink})` : ''} should be closed too; the status comment says so.`
  }
}
