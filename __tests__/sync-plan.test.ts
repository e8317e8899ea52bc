/**
 * Mode sync's plan as a table: a situation (the record, the pull request and the job as they are
 * now, what this run did) and what the plan decides. No clock, no I/O.
 */
import type { AgentJob } from '../src/core/agent-api.js'
import type { Pending as Changes } from '../src/prompt/changes.js'
import { plan, type Decision, type Situation } from '../src/sync/plan.js'
import {
  emptyRecord,
  encodeRecord,
  recordAfter,
  type CheckRecord,
  type Done,
  type SyncRecord
} from '../src/sync/record.js'

const NOW = Date.parse('2026-12-04T12:00:00Z')
const ME = { run: '100.1', until: NOW + 14 * 60_000 }
const OTHER = { run: '99.1', until: NOW + 10 * 60_000 }
const [A, B, C] = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)]

const job = (status: string, extra: Partial<AgentJob> = {}): AgentJob => ({
  id: 'job-1',
  status,
  source: { repository: 'https://github.com/acme/docs', ref: 'mintlify/1' },
  prLink: status === 'completed' ? 'https://github.com/acme/docs/pull/5' : null,
  ...extra
})

const synced = (extra: Partial<SyncRecord> = {}): SyncRecord => ({
  ...emptyRecord('main'),
  job: { id: 'job-1', status: 'completed', sent: { head: A } },
  ...extra
})

const whole: Changes = { kind: 'whole', prompt: 'the whole pull request', headSha: B, files: [] }
const commits: Changes = { kind: 'commits', prompt: 'the commits', headSha: B, from: A, files: [] }

function situation(extra: Partial<Situation> = {}): Situation {
  return {
    event: { action: 'synchronize' },
    me: ME,
    now: NOW,
    record: emptyRecord('main'),
    pr: { number: 7, state: 'open', draft: false, labels: [], head: B, base: 'main' },
    done: [],
    rules: { skipLabel: 'no-docs', drafts: false, paths: [], wait: true, followsEnd: false },
    ...extra
  }
}

/** The part of a decision a row checks: what it needs, what it does, or how the pass ends. */
function shape(decision: Decision) {
  if ('need' in decision) return { need: decision.need }
  if ('act' in decision)
    return { act: decision.act.effect, sent: decision.act.sent, intent: decision.record.intent.run }
  return {
    next: decision.next,
    sync: decision.sync,
    severity: decision.severity,
    waiter: decision.record.waiter?.run,
    pending: decision.record.pending?.why
  }
}

const pr = (extra: Partial<Situation['pr']>) => ({ ...situation().pr, ...extra })

describe('the plan of mode sync', () => {
  it.each<[string, Partial<Situation>, ReturnType<typeof shape>]>([
    ['no record yet: the whole pull request is read first', {}, { need: 'changes' }],
    [
      'no record yet, the changes read: the job starts, with the intent written first',
      { changes: { since: undefined, changes: whole } },
      { act: 'start', sent: { head: B }, intent: ME.run }
    ],
    [
      'closed without merging before any job: nothing to do',
      { pr: pr({ state: 'unmerged' }) },
      { next: 'end', sync: 'closed', severity: 'info', waiter: undefined, pending: undefined }
    ],
    [
      'the skip label, as the pull request has it now: sync is off, and the run gives up its wait',
      { record: synced({ waiter: ME }), pr: pr({ labels: ['no-docs'] }) },
      { next: 'end', sync: 'skipped', severity: 'info', waiter: undefined, pending: undefined }
    ],
    [
      'a draft waits for ready for review',
      { record: synced(), pr: pr({ draft: true }) },
      { next: 'end', sync: 'draft', severity: 'info', waiter: undefined, pending: undefined }
    ],
    ['a job to follow: it is read first', { record: synced() }, { need: 'job' }],
    [
      'the job works on the head already sent: nothing new',
      { record: synced({ job: { id: 'job-1', sent: { head: B } } }), job: job('active') },
      { next: 'end', sync: 'up-to-date', severity: 'info', waiter: undefined, pending: undefined }
    ],
    [
      'the job works on an earlier push: this run waits for it, as the one that waits',
      { record: synced(), job: job('active') },
      { next: 'wait-for-job', sync: 'busy', severity: 'info', waiter: ME.run, pending: 'busy' }
    ],
    [
      'another run waits to send these very commits: whether it still runs is read',
      { record: synced({ waiter: OTHER, pending: { head: B, why: 'busy' } }), job: job('active') },
      { need: 'waiter' }
    ],
    [
      'another run waits to send these very commits, and still runs: this one ends',
      {
        record: synced({ waiter: OTHER, pending: { head: B, why: 'busy' } }),
        job: job('active'),
        waiterAlive: true
      },
      { next: 'end', sync: 'queued', severity: 'info', waiter: OTHER.run, pending: 'busy' }
    ],
    [
      'the run that waited has ended: this one takes the wait over',
      {
        record: synced({ waiter: OTHER, pending: { head: B, why: 'busy' } }),
        job: job('active'),
        waiterAlive: false
      },
      { next: 'wait-for-job', sync: 'busy', severity: 'info', waiter: ME.run, pending: 'busy' }
    ],
    [
      'the job is free: the commits since the head sent are read',
      { record: synced(), job: job('completed') },
      { need: 'changes' }
    ],
    [
      'the job is free, the commits read: they are sent, the intent first',
      { record: synced(), job: job('completed'), changes: { since: A, changes: commits } },
      { act: 'send', sent: { head: B, from: A }, intent: ME.run }
    ],
    [
      'the job is archived: a job takes over, with the whole pull request',
      { record: synced(), job: job('archived'), changes: { since: undefined, changes: whole } },
      { act: 'start', sent: { head: B }, intent: ME.run }
    ],
    [
      'another run left a send open: it counts as sent',
      {
        record: synced({
          intent: { effect: 'send', sent: { head: B }, jobId: 'job-1', ...OTHER, at: NOW - 60_000 }
        }),
        job: job('active')
      },
      { next: 'end', sync: 'up-to-date', severity: 'info', waiter: undefined, pending: undefined }
    ],
    [
      'another run left a start open: Mintlify’s records are read',
      {
        record: {
          ...emptyRecord('main'),
          intent: { effect: 'start', sent: { head: B }, ...OTHER, at: NOW - 60_000 }
        }
      },
      { need: 'lookup' }
    ],
    [
      'a start Mintlify’s records cannot settle: nothing starts',
      {
        record: {
          ...emptyRecord('main'),
          intent: { effect: 'start', sent: { head: B }, ...OTHER, at: NOW - 60_000 }
        },
        lookup: { unsettled: 'two jobs then' }
      },
      { next: 'end', sync: 'failed', severity: 'failure', waiter: undefined, pending: undefined }
    ],
    [
      'this run wrote an intent it never acted on: it is taken back, and the plan goes on',
      {
        record: {
          ...emptyRecord('main'),
          intent: { effect: 'start', sent: { head: B }, ...ME, at: NOW - 1_000 }
        }
      },
      { need: 'changes' }
    ],
    [
      'Mintlify’s hourly limit holds, and ends within the run: it waits',
      {
        record: synced({ pending: { head: B, why: 'hourly-limit', retryAt: NOW + 60_000 } }),
        job: job('completed'),
        changes: { since: A, changes: commits }
      },
      {
        next: 'wait-for-hourly-limit',
        sync: 'limited',
        severity: 'info',
        waiter: ME.run,
        pending: 'hourly-limit'
      }
    ],
    [
      'the hourly limit ends after the run’s timeout, on the last event: the step fails',
      {
        event: { action: 'closed' },
        pr: pr({ state: 'merged' }),
        record: synced({ pending: { head: B, why: 'hourly-limit', retryAt: NOW + 3_600_000 } }),
        job: job('completed'),
        changes: { since: A, changes: commits }
      },
      {
        next: 'end',
        sync: 'limited',
        severity: 'failure',
        waiter: undefined,
        pending: 'hourly-limit'
      }
    ],
    [
      'closed without merging while the job works, its docs pull request unknown: the run follows the job',
      {
        event: { action: 'closed' },
        pr: pr({ state: 'unmerged' }),
        record: synced(),
        job: job('active')
      },
      { next: 'wait-for-job', sync: 'closed', severity: 'info', waiter: ME.run, pending: undefined }
    ],
    [
      'merged with everything sent, check runs kept: the run follows the job to its end',
      {
        event: { action: 'closed' },
        pr: pr({ state: 'merged' }),
        record: synced({ job: { id: 'job-1', sent: { head: B } } }),
        job: job('active'),
        rules: { ...situation().rules, followsEnd: true }
      },
      { next: 'wait-for-job', sync: 'merged', severity: 'info', waiter: ME.run, pending: undefined }
    ],
    [
      'the job cannot be read: the commits wait, and the comment says why',
      { record: synced(), job: 'unreadable' },
      {
        next: 'end',
        sync: 'failed',
        severity: 'warning',
        waiter: undefined,
        pending: 'read-failed'
      }
    ]
  ])('%s', (_name, extra, expected) => {
    expect(shape(plan(situation(extra)))).toEqual(expected)
  })

  it('names what this run sent, and never says that nothing was sent when it did', () => {
    const act = { effect: 'send' as const, jobId: 'job-1', prompt: 'x', sent: { head: B, from: A } }
    const intent = { effect: 'send' as const, sent: act.sent, jobId: 'job-1', ...ME, at: NOW }
    const done: Done = { intent, act, outcome: { kind: 'taken', job: job('active') } }
    const s = situation({
      record: recordAfter(synced(), done, ME, true),
      job: job('active'),
      done: [done]
    })
    const decision = plan(s)
    expect(shape(decision)).toMatchObject({ next: 'wait-for-job', sync: 'sent', waiter: ME.run })
    expect('message' in decision && decision.message).toContain(
      'was sent the commits aaaaaaa..bbbbbbb'
    )
  })

  it.each<[string, Done['outcome'], Partial<SyncRecord>]>([
    [
      'taken: the job has the head',
      { kind: 'taken', job: job('active') },
      {
        job: {
          id: 'job-1',
          status: 'active',
          sent: { head: C, from: A },
          repository: 'https://github.com/acme/docs'
        },
        intent: undefined
      }
    ],
    [
      'the hourly limit: the head waits for it',
      { kind: 'hourly-limit', retryAt: NOW + 60_000, why: '429' },
      { pending: { head: C, why: 'hourly-limit', retryAt: NOW + 60_000 }, intent: undefined }
    ],
    [
      'refused: the job takes no more messages',
      { kind: 'refused', why: '400' },
      { job: { id: 'job-1', status: 'completed', sent: { head: A }, retired: 'refused' } }
    ],
    [
      'maybe taken: it counts as sent',
      { kind: 'unknown', why: 'reset' },
      { job: { id: 'job-1', status: 'completed', sent: { head: C, from: A } }, intent: undefined }
    ],
    [
      'surely not taken: nothing changes',
      { kind: 'not-taken', why: '503' },
      { job: { id: 'job-1', status: 'completed', sent: { head: A } }, intent: undefined }
    ]
  ])('after a send: %s', (_name, outcome, expected) => {
    const act = { effect: 'send' as const, jobId: 'job-1', prompt: 'x', sent: { head: C, from: A } }
    const intent = { effect: 'send' as const, sent: act.sent, jobId: 'job-1', ...ME, at: NOW }
    const after = recordAfter({ ...synced(), intent }, { intent, act, outcome }, ME, false)
    expect(after).toMatchObject(expected)
  })
})

describe('the record as its sealed line holds it', () => {
  const check = (n: number, shows: CheckRecord['shows']): CheckRecord => ({
    head: `h${n}`,
    id: n,
    shows
  })
  const heads = (record: unknown) => (record as SyncRecord).checks.map((c) => c.head)

  it('keeps the newest 20 check runs, and every one still open however old', () => {
    const checks = [
      check(0, 'waiting-for-busy-job'),
      ...Array.from({ length: 29 }, (_, i) => check(i + 1, 'went-with-later-push')),
      check(30, 'agent-working')
    ]
    const kept = heads(encodeRecord({ ...emptyRecord('main'), checks }))
    expect(kept).toHaveLength(20)
    expect(kept[0]).toBe('h0')
    expect(kept.slice(1)).toEqual(Array.from({ length: 19 }, (_, i) => `h${i + 12}`))
  })
})
