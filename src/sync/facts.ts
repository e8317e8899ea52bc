/**
 * What the plan asks to know, read from GitHub and Mintlify, and the two effects it decides:
 * starting the docs job and sending it a message. Each ends by its deadline; an effect's failure
 * becomes its outcome for the plan, never an exception.
 */
import { MintlifyRequestError, type AgentJob } from '../core/agent-api.js'
import type { Deadline } from '../core/deadline.js'
import { deliverMessage, deliveryFailure, startJob } from '../core/delivery.js'
import { explainFailure } from '../core/explain.js'
import { findStartedJob } from '../core/job-lookup.js'
import type { RunContext } from '../core/request.js'
import { pendingChanges } from '../prompt/changes.js'
import { globMatcher } from '../prompt/files.js'
import type { PromptRules } from '../prompt/prompt.js'
import type { PullRequestInfo, PullRequestReader } from '../prompt/pull-request.js'
import { MAX_PROMPT_LENGTH, type Settings } from '../settings/settings.js'
import type { Thread } from '../thread/thread.js'
import type { Need, PullRequestNow, Situation } from './plan.js'
import type { Act, ActOutcome } from './record.js'
import { LOST_START, readJobFailed, takesOver } from './texts.js'

export interface FactSources {
  ports: RunContext
  settings: Settings
  thread: Thread
  reader: PullRequestReader
  rules: PromptRules
}

/** The pull request as GitHub reads it, and as the plan sees it now. */
export interface PullRequestRead {
  info: PullRequestInfo
  now: PullRequestNow
}

/** Reads of the job in a row, an interval apart, before it counts as unreadable. */
const JOB_READS = 3
/** A lost start is looked up this long after it was asked for: Mintlify's list must show its job. */
const LOOKUP_AFTER_MS = 30_000
/**
 * The clocks of Mintlify and the runner may differ by this much. The window is kept narrow since
 * a job names no pull request: another pull request's start within it could not be told apart.
 */
const CLOCK_SLACK_MS = 10_000
/** A start or a send goes this soon after its intent is written, or not at all: the lookup counts on it. */
export const REQUEST_AFTER_INTENT_MS = 5_000
/** GitHub's read of a pull request may lag behind a force push: this many reads, this far apart. */
const LAGGING_READS = 4
const LAG_MS = 3_000

export const promptRules = (settings: Settings): PromptRules => ({
  instructions: settings.prompt,
  exclude: settings.sync.exclude,
  prefer: settings.sync.prefer,
  limit: MAX_PROMPT_LENGTH
})

/**
 * The pull request as it is now, with the head to bring the job up to: GitHub's, or the event's
 * when that is newer. After a force push GitHub compares the two as diverged, so its read is
 * taken again until it shows the event's head, or stays on another (a newer push).
 */
export async function pullRequestNow(
  reader: PullRequestReader,
  eventHead: string | undefined,
  { clock, signal }: RunContext
): Promise<PullRequestRead> {
  let info = await reader.read()
  let head = info.headSha
  if (eventHead && eventHead !== head && info.state === 'open') {
    const status = (await reader.compare(head, eventHead))?.status
    if (status === 'ahead') head = eventHead
    for (
      let read = 0;
      status === 'diverged' && head !== eventHead && read < LAGGING_READS;
      read++
    ) {
      await clock.sleep(LAG_MS, signal)
      info = await reader.read()
      head = info.headSha
    }
  }
  const state = info.state === 'open' ? 'open' : info.merged ? 'merged' : 'unmerged'
  const { number, draft, labels, baseRef: base } = info
  return { info, now: { number, state, draft, labels, head, base } }
}

/** Reads what the plan needs, into the situation. */
export async function fulfil(
  sources: FactSources,
  s: Situation,
  need: Need,
  read: PullRequestRead,
  until: Deadline
): Promise<Situation> {
  const { reader, settings, rules } = sources
  switch (need.need) {
    case 'job':
      return { ...s, job: await readJobNow(sources, need.jobId, until) }
    case 'changes': {
      const note = need.takesOverFrom && takesOver(need.takesOverFrom, read.info.url)
      // Once a job has said where it works, the prompt can say whether that is this repository.
      const docsRepository = s.record.job?.repository ?? need.takesOverFrom?.repository
      const changes = await pendingChanges(
        read.now.head,
        reader,
        read.info,
        need.since,
        docsRepository ? { ...rules, docsRepository } : rules,
        note
      )
      return { ...s, changes: { since: need.since, changes } }
    }
    case 'lookup':
      return { ...s, lookup: await lookUpStart(sources, need.intent.at, until), job: undefined }
    case 'waiter': {
      const [id, attempt] = need.run.split('.').map(Number)
      // A run that is not a workflow run's, or one GitHub will not tell about, counts as alive.
      const state = id && attempt ? await sources.thread.runState({ id, attempt }) : 'unknown'
      return { ...s, waiterAlive: state !== 'ended' }
    }
    case 'paths': {
      const matches = settings.sync.paths.map(globMatcher)
      const files = await reader.files()
      return { ...s, matchesPaths: files.some((file) => matches.some((match) => match(file.path))) }
    }
  }
}

/** The job as it is now; after repeated failures, `unreadable`. */
async function readJobNow(
  { ports, settings }: FactSources,
  jobId: string,
  until: Deadline
): Promise<AgentJob | 'unreadable'> {
  for (let read = 1; ; read++) {
    try {
      return await ports.agent.getJob(jobId)
    } catch (error) {
      if (ports.signal.aborted) throw error
      if (read >= JOB_READS || !until.allows(settings.pollIntervalMs)) {
        ports.logger.warning(readJobFailed(jobId, error))
        return 'unreadable'
      }
      await ports.clock.sleep(settings.pollIntervalMs, ports.signal)
    }
  }
}

/** An open start, looked up once Mintlify's list can show what it made. */
async function lookUpStart(
  { ports, settings }: FactSources,
  at: number,
  until: Deadline
): Promise<Situation['lookup']> {
  const { clock, signal } = ports
  const wait = at + LOOKUP_AFTER_MS - clock.wallTime()
  if (wait > 0 && until.allows(wait)) await clock.sleep(wait, signal)
  const window = { from: at - CLOCK_SLACK_MS, to: at + settings.requestTimeoutMs + CLOCK_SLACK_MS }
  try {
    const found = await findStartedJob(ports.agent, window)
    return 'unsettled' in found ? { unsettled: `${LOST_START}, and ${found.unsettled}` } : found
  } catch (error) {
    // A read that failed tells nothing: the intent stays open, and the next pass or event looks again.
    if (signal.aborted) throw error
    throw new Error(
      `${LOST_START}, and Mintlify's job list could not be read (${(error as Error).message}), so nothing was started: the next event looks again`,
      { cause: error }
    )
  }
}

/** Starts the job or sends the message, within `until`; what became of it. */
export async function carryOut(
  { ports, settings }: FactSources,
  act: Act,
  until: Deadline
): Promise<ActOutcome> {
  const { clock, signal, logger, retryPolicy, agent } = ports
  const delivery = { client: agent, clock, deadline: until.at, retryPolicy, signal, logger }
  try {
    const job =
      act.effect === 'start'
        ? await startJob({ ...delivery, prompt: act.prompt })
        : await deliverMessage({ ...delivery, jobId: act.jobId, prompt: act.prompt })
    return { kind: 'taken', job }
  } catch (error) {
    if (signal.aborted || !(error instanceof MintlifyRequestError)) throw error
    const why = explainFailure(error, {
      operation: act.effect === 'start' ? 'create' : 'send',
      jobId: act.effect === 'send' ? act.jobId : '(new)',
      projectId: settings.projectId,
      baseUrl: settings.baseUrl,
      requestTimeoutMs: settings.requestTimeoutMs,
      vocabulary: ports.vocabulary
    })
    return { ...deliveryFailure(error, act.effect, clock.wallTime()), why }
  }
}
