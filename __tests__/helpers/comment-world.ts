import { runCommentCommand } from '../../src/comments/flow.js'
import type { CommentTrigger } from '../../src/comments/trigger.js'
import type { RunResult } from '../../src/core/outcome.js'
import { ACTION_VOCABULARY } from '../../src/core/vocabulary.js'
import { readSettings } from '../../src/settings/settings.js'
import type { RunId } from '../../src/thread/thread.js'
import { recordingLogger, type RecordingLogger } from './logger.js'
import { MemoryAgent } from './memory-agent.js'
import { MemoryGitHub, type MemoryGitHubOptions } from './memory-github.js'
import { runsTogether } from './runs-together.js'
import { VirtualClock } from './virtual-clock.js'

export const JOB = 'job-1'

/** The inputs of the comment workflow the runs share (short intervals are not needed: time is virtual). */
const INPUTS: Record<string, string> = {
  'api-key': 'mint_test',
  'project-id': 'p1',
  'github-token': 'ghs_test',
  'job-id': JOB,
  'poll-interval': '5s',
  timeout: '30m',
  'queue-expiry': '2m'
}

export interface Run {
  trigger: CommentTrigger
  result: Promise<RunResult>
  logger: RecordingLogger
  id: RunId
  /** Cancels the run, as a cancelled workflow does. */
  cancel(): void
}

/**
 * One thread on an in-memory GitHub, an in-memory Mintlify with job `job-1`, and runs of the
 * comment flow on them, all on one virtual clock.
 */
export function commentWorld(options: MemoryGitHubOptions & { jobMs?: number } = {}) {
  const clock = new VirtualClock()
  const github = new MemoryGitHub(clock, { roles: { alice: 'write', bob: 'write' }, ...options })
  const agent = new MemoryAgent(clock, options.jobMs ?? 3_000)
  agent.addJob(JOB)
  let runs = 0
  const started: Run[] = []
  const together = runsTogether(clock)

  function start(trigger: CommentTrigger, inputs: Record<string, string> = {}): Run {
    const all = { ...INPUTS, ...inputs }
    const settings = readSettings(
      { get: (name) => all[name] ?? '', mask: () => undefined },
      { commentTriggered: true }
    )
    const logger = recordingLogger()
    const cancellation = new AbortController()
    const id = { id: 500 + ++runs, attempt: 1 }
    const result = runCommentCommand(trigger, settings, {
      agent,
      clock,
      retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 },
      signal: cancellation.signal,
      logger,
      deadline: clock.now() + settings.timeoutMs,
      vocabulary: ACTION_VOCABULARY,
      openThread: async () => github.threadFor(trigger),
      run: inputs['run-id'] === 'none' ? undefined : id
    })
    const run = { trigger, result, logger, id, cancel: () => cancellation.abort('SIGTERM') }
    started.push(run)
    together.track(result)
    return run
  }

  const { finish, later } = together
  return { clock, github, agent, start, finish, later, started }
}
