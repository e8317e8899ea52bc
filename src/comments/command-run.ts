/** What the comment flow runs on, and what its steps after the status comment share. */
import type { RunResult } from '../core/outcome.js'
import type { RunContext } from '../core/request.js'
import type { Settings } from '../settings/settings.js'
import type { Gate } from '../thread/gate.js'
import type { CheckRuns } from '../thread/check-runs.js'
import type { Reaction, RunId, Thread, ThreadItem } from '../thread/thread.js'
import type { StatusComment } from './status-comment.js'
import type { CommentTrigger } from './trigger.js'

/** What a command needs of mode sync's record of its pull request: the docs job it names, if any yet. */
export interface SyncedJob {
  jobId: string | undefined
}

/** What the comment flow runs on: the run's context, and the thread once it is needed. */
export interface CommentPorts extends RunContext {
  /**
   * Opens the thread's GitHub client; called only once the comment is a command, so that other
   * comments cost no GitHub call. Throws InputError when no token was given.
   */
  openThread(): Promise<Thread>
  /** This workflow run, when it runs in GitHub Actions: other runs can then tell it is alive. */
  run: RunId | undefined
  /** The check runs the command's check run is one of; with check-run. */
  openCheckRuns?(): Promise<CheckRuns>
  /**
   * Mode sync's sealed record, when it keeps this pull request in step: a command goes to the job
   * it names, under the pull request's send lock, and never starts one.
   */
  syncedJob?(items: readonly ThreadItem[], thread: Thread): Promise<SyncedJob | undefined>
}

/** What the steps after the status comment share. */
export interface CommandRun {
  trigger: CommentTrigger
  settings: Settings
  ports: CommentPorts
  thread: Thread
  gate: Gate
  /** Undefined with `status-comment: false`: then the command holds no place in the line. */
  status: StatusComment | undefined
  react: (content: Reaction) => Promise<void>
  /** Says why on the thread, gives up the place, and ends the run with that failure. */
  endWith: (message: string) => Promise<RunResult>
  /** Says on the thread that nothing goes for this command, and ends the run without failing. */
  withdraw: (message: string) => Promise<RunResult>
}
