/** What the sync flow's steps share: its ports, the run, and the rules of its prompts. */
import type { RunContext } from '../core/request.js'
import { MAX_PROMPT_LENGTH, type Settings } from '../settings/settings.js'
import type { RunId, Thread, ThreadItem } from '../thread/thread.js'
import type { CheckRuns } from './checks.js'
import type { DocsRepositories } from './docs-pr.js'
import type { PromptRules } from '../prompt/prompt.js'
import type { PullRequestReader } from '../prompt/pull-request.js'
import type { SyncTrigger } from './trigger.js'

/** What mode sync runs on: the run's context, and GitHub once it is needed. */
export interface SyncPorts extends RunContext {
  openGitHub(): Promise<SyncGitHub>
  /** The workflow run this is, so that other runs can ask whether the one that waits still runs. */
  run: RunId | undefined
}

/** GitHub as mode sync uses it: the code pull request, and what follows it. */
export interface SyncGitHub {
  thread: Thread
  pullRequest: PullRequestReader
  /** The code repository's check runs; with check-run. */
  checks?: CheckRuns | undefined
  /** Docs repositories' pull requests through docs-token; with docs-token. */
  docs?: DocsRepositories | undefined
}

export interface SyncRun {
  trigger: SyncTrigger
  settings: Settings
  ports: SyncPorts
  thread: Thread
  pullRequest: PullRequestReader
  checks?: CheckRuns | undefined
  docs?: DocsRepositories | undefined
  /** The sync status comment as the run found it, if there was one. */
  comment: ThreadItem | undefined
  /**
   * The token's account, whose comment alone holds the state (the token must edit it). Read
   * from GitHub, and corrected by the author of the first comment the run posts.
   */
  self: string
}

/** The events mode sync acts on; any other passes with nothing done. */
export const SYNC_ACTIONS = ['opened', 'reopened', 'ready_for_review', 'synchronize', 'closed']

export function promptRules(settings: Settings): PromptRules {
  return {
    instructions: settings.prompt,
    exclude: settings.sync.exclude,
    prefer: settings.sync.prefer,
    limit: MAX_PROMPT_LENGTH
  }
}
