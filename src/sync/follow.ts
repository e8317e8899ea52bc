/**
 * What follows the record at the end of every pass: the check runs of the code pull request's
 * heads (check-run) and the docs pull requests (docs-token). Neither ever fails the sync: trouble
 * with either is a warning, and what was not done stays recorded for the next run.
 */
import type { Deadline } from '../core/deadline.js'
import type { RunContext } from '../core/request.js'
import type { Settings } from '../settings/settings.js'
import { settleChecks, wantedChecks, type CheckFacts } from './checks.js'
import { settleDocs } from './docs-pr.js'
import type { Settled, Situation } from './plan.js'
import type { SyncRecord } from './record.js'
import type { CheckRuns } from '../thread/check-runs.js'
import type { DocsRepositories } from '../thread/docs-repository.js'
import type { SyncTrigger } from './trigger.js'

/** A pass's outcome, and what the run knows beyond the record. */
export interface Passed {
  decision: Settled
  situation: Situation
  /** The job before this run's first send, and the head it had then. */
  jobBefore: { job: CheckFacts['job']; head: string | undefined } | undefined
  /** What this run's last message carried, for its head's check run. */
  sent: { head: string; text: string } | undefined
  /** The run failed before its head's changes were sent. */
  runFailed: boolean
  /** No later run will complete what still works. */
  ending: boolean
}

export async function follow(
  passed: Passed,
  event: SyncTrigger,
  settings: Settings,
  github: { checks?: CheckRuns | undefined; docs?: DocsRepositories | undefined },
  { logger }: RunContext,
  until: Deadline
): Promise<SyncRecord> {
  const { decision, situation } = passed
  const mayCall = () => !until.passed()
  const job = situation.job === 'unreadable' ? undefined : situation.job
  let record = decision.record
  if (github.docs && settings.sync.docs) {
    const code = {
      fullName: `${event.owner}/${event.repo}`,
      number: event.number,
      url: event.url,
      author: event.author.login,
      base: record.base
    }
    const jobs = {
      ...(job ? { now: job } : {}),
      ...(passed.jobBefore?.job ? { before: passed.jobBefore.job } : {})
    }
    record = await settleDocs(github.docs, settings.sync.docs, code, record, jobs, {
      logger,
      mayCall
    })
  }
  if (github.checks && settings.comments.checkRun) {
    const facts: CheckFacts = {
      record,
      job,
      jobBefore: passed.jobBefore?.job,
      sentBefore: passed.jobBefore?.head,
      eventHead: event.headSha,
      eventHeadShows: decision.shows,
      runFailed: passed.runFailed,
      ending: passed.ending,
      failOnJobFailure: settings.sync.checkRunFailOnJobFailure
    }
    const checks = await settleChecks(github.checks, facts, wantedChecks(facts), passed.sent, {
      logger,
      mayCall
    })
    record = { ...record, checks }
  }
  return record
}
