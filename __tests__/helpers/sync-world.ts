import type { RunResult } from '../../src/core/outcome.js'
import { runCommentCommand } from '../../src/comments/flow.js'
import { ACTION_VOCABULARY } from '../../src/core/vocabulary.js'
import { readSettings } from '../../src/settings/settings.js'
import {
  decodeRecord,
  RECORD_KIND,
  RECORD_VERSION,
  syncedJobOf,
  type SyncRecord
} from '../../src/sync/record.js'
import { runSync } from '../../src/sync/run.js'
import { openSealed, sealFor } from '../../src/thread/sealed-comment.js'
import type { SyncTrigger } from '../../src/sync/trigger.js'
import type { RunId } from '../../src/thread/thread.js'
import { recordingLogger, type RecordingLogger } from './logger.js'
import { FaultPlan } from './fault-plan.js'
import { MemoryAgent } from './memory-agent.js'
import { MemoryChecks, MemoryDocs } from './memory-follow.js'
import { MemoryGitHub, type MemoryGitHubOptions } from './memory-github.js'
import { MemoryPullRequest } from './memory-pull-request.js'
import { runsTogether } from './runs-together.js'
import { VirtualClock } from './virtual-clock.js'

/**
 * The record a status comment holds, verified with a key: by default the test key and pull
 * request o/r#7 of the in-memory world.
 */
export function recordIn(
  id: number,
  body: string,
  scope = 'o/r#7',
  apiKey = 'mint_test'
): SyncRecord | undefined {
  return decodeRecord(openSealed(sealFor(apiKey, scope, RECORD_KIND, RECORD_VERSION), id, body))
}

/** The inputs of the sync workflow the runs share. */
const INPUTS: Record<string, string> = {
  'api-key': 'mint_test',
  'project-id': 'p1',
  'github-token': 'ghs_test',
  mode: 'sync',
  prompt: 'Document user-facing changes only.',
  'poll-interval': '5s',
  timeout: '14m'
}

export interface SyncRunHandle {
  result: Promise<RunResult>
  logger: RecordingLogger
}

/**
 * A code pull request on an in-memory GitHub, an in-memory Mintlify, and runs of mode sync on
 * them, all on one virtual clock.
 */
export function syncWorld(
  options: MemoryGitHubOptions & { jobMs?: number; latencyMs?: number } = {}
) {
  const clock = new VirtualClock()
  const github = new MemoryGitHub(clock, { roles: { alice: 'write' }, ...options })
  const agent = new MemoryAgent(clock, options.jobMs ?? 60_000, options.latencyMs ?? 300)
  const pr = new MemoryPullRequest()
  const runs = runsTogether(clock)
  const checks = new MemoryChecks()
  const docs = new MemoryDocs()
  const faults = new FaultPlan()
  github.plan = agent.plan = checks.plan = docs.plan = faults

  const context = (logger: RecordingLogger, timeoutMs: number) => ({
    agent,
    clock,
    retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 },
    signal: new AbortController().signal,
    logger,
    deadline: clock.now() + timeoutMs,
    vocabulary: ACTION_VOCABULARY
  })

  function start(
    action: string,
    inputs: Record<string, string> = {},
    trigger: Partial<SyncTrigger> = {},
    run: RunId | undefined = { id: 100 + runs.count, attempt: 1 }
  ): SyncRunHandle {
    const all = { ...INPUTS, ...inputs }
    const settings = readSettings(
      { get: (name) => all[name] ?? '', mask: () => undefined },
      { commentTriggered: false }
    )
    const logger = recordingLogger()
    const result = runSync(
      {
        event: 'pull_request',
        action,
        owner: 'o',
        repo: 'r',
        number: pr.info.number,
        url: pr.info.url,
        author: { login: pr.info.author, isBot: false },
        draft: pr.info.draft,
        fromFork: false,
        headSha: pr.headSha,
        labels: [...pr.info.labels],
        ...trigger
      },
      settings,
      {
        ...context(logger, settings.timeoutMs),
        openGitHub: async () => ({
          thread: github.threadFor(),
          pullRequest: pr,
          checks,
          docs: { server: 'https://github.com', open: docs.open }
        }),
        run
      }
    )
    runs.track(result)
    return { result, logger }
  }

  /** Someone adds (or removes) a label, and the workflow runs for the event. */
  function label(name: string, inputs: Record<string, string> = {}, added = true): SyncRunHandle {
    const labels = pr.info.labels.filter((l) => l !== name)
    pr.info = { ...pr.info, labels: added ? [...labels, name] : labels }
    return start(added ? 'labeled' : 'unlabeled', inputs, { label: name })
  }

  /** Alice writes a comment on the pull request, and the comment workflow runs for it. */
  function command(body: string, inputs: Record<string, string> = {}): SyncRunHandle {
    const trigger = github.comment(body, 'alice')
    const all: Record<string, string> = { ...INPUTS, mode: 'follow-up', prompt: '', ...inputs }
    const settings = readSettings(
      { get: (name) => all[name] ?? '', mask: () => undefined },
      { commentTriggered: true }
    )
    const logger = recordingLogger()
    const result = runCommentCommand(trigger, settings, {
      ...context(logger, settings.timeoutMs),
      openThread: async () => github.threadFor(trigger),
      syncedJob: (items, thread) =>
        syncedJobOf(items, sealFor('mint_test', 'o/r#7', RECORD_KIND, RECORD_VERSION), (id) =>
          thread.commentBody('issue-comment', id)
        ),
      run: { id: 900 + runs.count, attempt: 1 }
    })
    runs.track(result)
    return { result, logger }
  }

  /** The sync status comments on the pull request, as they read now. */
  const statusComments = () =>
    github.bodies('github-actions[bot]').filter((b) => b.includes('mintlify-agent-action sync'))

  /** The record the one status comment holds, as the action verifies it. */
  const record = (): SyncRecord | undefined => {
    const found = github
      .comments('github-actions[bot]')
      .filter((c) => c.body.includes('mintlify-agent-action sync'))
    expect(found.length).toBeLessThanOrEqual(1)
    const [comment] = found
    return comment && recordIn(comment.id, comment.body)
  }

  const { finish, later } = runs
  return {
    clock,
    github,
    agent,
    pr,
    checks,
    docs,
    start,
    label,
    command,
    finish,
    later,
    statusComments,
    record,
    faults
  }
}
