import { claimMarker, readClaim, textHash, type Claim } from '../src/comments/claims.js'
import {
  judgeLine,
  lineOf,
  placeKey,
  type LineEntry,
  type PlaceClaim
} from '../src/comments/line.js'
import { describeAhead } from '../src/comments/turn.js'
import { jobFromMarkers } from '../src/comments/which-job.js'
import { jobMarker } from '../src/thread/markers.js'
import type { RunState, ThreadItem } from '../src/thread/thread.js'
import { recordingLogger } from './helpers/logger.js'

const T0 = Date.parse('2026-11-23T12:00:00Z')
const EXPIRY = 120_000
const SELF = 'github-actions[bot]'

function claim(place: string, state: Claim['state'], extra: Partial<Claim> = {}): string {
  return claimMarker({
    place,
    state,
    at: undefined,
    until: undefined,
    run: undefined,
    text: undefined,
    taken: state === 'sent',
    ...extra
  })
}

function item(id: number, author: string, body: string, writtenAt = T0 + id * 1000): ThreadItem {
  return {
    kind: 'issue-comment',
    id,
    body,
    author: { login: author, isBot: author.endsWith('[bot]') },
    writtenAt,
    url: `https://github.com/o/r/pull/1#issuecomment-${id}`
  }
}

/** The thread as `lineOf` reads it: commands by alice, claims by the token's account. */
const line = (items: ThreadItem[]) => lineOf(items, '/agent', (login) => login === SELF)
const own = (id: number, statusCommentId: number, at = T0 + id * 1000) => ({
  place: { kind: 'issue-comment' as const, id, writtenAt: T0 + id * 1000 },
  at,
  statusCommentId
})
const states = (entries: { state: string; entry: LineEntry }[]) =>
  entries.map((a) => `${placeKey(a.entry.place)} ${a.state}`)

describe('claims in status comments', () => {
  it('round-trip through the hidden line, with the job from the job marker', () => {
    const text = `${jobMarker('job-7')}\n${claim('issue-comment:12', 'sent', {
      at: T0,
      run: { id: 99, attempt: 2 },
      text: textHash('/agent go')
    })}`
    expect(readClaim(text)).toEqual({
      place: 'issue-comment:12',
      state: 'sent',
      at: T0,
      until: undefined,
      run: { id: 99, attempt: 2 },
      text: textHash('/agent go'),
      taken: true,
      jobId: 'job-7'
    })
  })

  it('reads the claims the previous version wrote (a lease, no run, no text)', () => {
    const old = `<!-- mintlify-agent-action place=review:5 state=waiting until=${T0} -->`
    expect(readClaim(old)).toMatchObject({
      place: 'review:5',
      state: 'waiting',
      until: T0,
      run: undefined
    })
  })
})

describe('judgeLine', () => {
  const running = (): RunState => 'running'

  it('waits for an earlier place no run has claimed yet, until queue-expiry after it was written', () => {
    const items = [item(1, 'alice', '/agent one'), item(2, 'alice', '/agent two')]
    const mine = own(2, 100)
    expect(states(judgeLine(mine, line(items), T0 + 60_000, EXPIRY, running).ahead)).toEqual([
      'issue-comment:1 not-started'
    ])
    expect(judgeLine(mine, line(items), T0 + 1_000 + EXPIRY + 1, EXPIRY, running).ahead).toEqual([])
  })

  it('a waiting place holds within its lease, and after it only while its run is known to run', () => {
    const items = [
      item(1, 'alice', '/agent one'),
      item(2, 'alice', '/agent two'),
      item(
        10,
        SELF,
        claim('issue-comment:1', 'waiting', { until: T0 + 5_000, run: { id: 7, attempt: 1 } })
      )
    ]
    const mine = own(2, 100)
    expect(states(judgeLine(mine, line(items), T0 + 4_000, EXPIRY, () => undefined).ahead)).toEqual(
      ['issue-comment:1 waiting']
    )
    // Past the lease the run must be asked about; running holds the place, anything else does not.
    const unknown = judgeLine(mine, line(items), T0 + 60_000, EXPIRY, () => undefined)
    expect(unknown.unknownRuns).toEqual([{ id: 7, attempt: 1 }])
    expect(states(judgeLine(mine, line(items), T0 + 60_000, EXPIRY, running).ahead)).toEqual([
      'issue-comment:1 waiting'
    ])
    expect(judgeLine(mine, line(items), T0 + 60_000, EXPIRY, () => 'ended').ahead).toEqual([])
    expect(judgeLine(mine, line(items), T0 + 60_000, EXPIRY, () => 'unknown').ahead).toEqual([])
  })

  it('a taken message holds the line until its job is idle, alive run or not; a done place holds nothing', () => {
    const items = [
      item(1, 'alice', '/agent one'),
      item(2, 'alice', '/agent two'),
      item(3, 'alice', '/agent three'),
      item(10, SELF, `${jobMarker('job-1')} ${claim('issue-comment:1', 'sent')}`),
      item(11, SELF, claim('issue-comment:2', 'done'))
    ]
    const verdict = judgeLine(own(3, 100), line(items), T0 + 10_000, EXPIRY, running)
    expect(verdict.ahead).toEqual([expect.objectContaining({ state: 'sent', jobId: 'job-1' })])
  })

  it('an earlier run of the same command (the comment’s edit, a re-run) that claimed it first goes first', () => {
    const items = [
      item(1, 'alice', '/agent one'),
      item(10, SELF, claim('issue-comment:1', 'waiting', { until: T0 + EXPIRY })),
      item(11, SELF, claim('issue-comment:1', 'waiting', { until: T0 + EXPIRY }))
    ]
    expect(states(judgeLine(own(1, 11), line(items), T0 + 5_000, EXPIRY, running).ahead)).toEqual([
      'issue-comment:1 waiting'
    ])
    expect(judgeLine(own(1, 10), line(items), T0 + 5_000, EXPIRY, running).ahead).toEqual([])
  })

  it('later commands taken before this one mean it was overtaken; joining the end puts it after them', () => {
    const items = [
      item(1, 'alice', '/agent one'),
      item(2, 'alice', '/agent two'),
      item(10, SELF, `${jobMarker('job-1')} ${claim('issue-comment:2', 'done', { taken: true })}`),
      item(11, SELF, claim('issue-comment:1', 'waiting', { until: T0 + 10 * EXPIRY }))
    ]
    const verdict = judgeLine(own(1, 11), line(items), T0 + 5_000, EXPIRY, running)
    expect(verdict.overtakenBy.map((e) => placeKey(e.place))).toEqual(['issue-comment:2'])
    const rejoined = [
      ...items.slice(0, 3),
      item(
        11,
        SELF,
        claim('issue-comment:1', 'waiting', { at: T0 + 4_000, until: T0 + 10 * EXPIRY })
      )
    ]
    const after = judgeLine(own(1, 11, T0 + 4_000), line(rejoined), T0 + 5_000, EXPIRY, running)
    expect(after.overtakenBy).toEqual([])
    expect(after.ahead).toEqual([])
  })

  it('orders by the time written, then the kind, then the ID', () => {
    const items: ThreadItem[] = [
      { ...item(900, 'alice', '/agent b'), writtenAt: T0 },
      { ...item(5, 'alice', '/agent c'), kind: 'review-comment', writtenAt: T0 },
      { ...item(100, 'alice', '/agent a'), writtenAt: T0 - 1_000 },
      { ...item(901, 'alice', '/agent d'), writtenAt: T0 }
    ]
    const verdict = judgeLine(
      { place: { kind: 'review-comment', id: 5, writtenAt: T0 }, at: T0, statusCommentId: 1 },
      line(items),
      T0,
      EXPIRY,
      running
    )
    expect(verdict.ahead.map((a) => placeKey(a.entry.place))).toEqual([
      'issue-comment:100',
      'issue-comment:900',
      'issue-comment:901'
    ])
  })

  it('takes claims from the token’s own comments only', () => {
    const items = [
      item(1, 'alice', '/agent one'),
      item(2, 'alice', '/agent two'),
      item(10, 'mallory', claim('issue-comment:1', 'done'))
    ]
    expect(states(judgeLine(own(2, 100), line(items), T0 + 5_000, EXPIRY, running).ahead)).toEqual([
      'issue-comment:1 not-started'
    ])
  })
})

describe('describeAhead', () => {
  it('names the nearest command and counts the rest, with links in comments', () => {
    const [first, second] = line([item(1, 'alice', '/agent one'), item(2, 'bob', '/agent two')])
    const ahead = [
      { entry: first!, state: 'not-started' as const, expiresAt: T0 },
      { entry: second!, state: 'waiting' as const, claim: {} as PlaceClaim }
    ]
    expect(describeAhead(ahead)).toBe("@bob's command (waiting its turn) and 1 earlier")
    expect(describeAhead(ahead.slice(0, 1), true)).toBe(
      "[@alice's command](https://github.com/o/r/pull/1#issuecomment-1) (its run has not started yet)"
    )
  })
})

describe('jobFromMarkers', () => {
  const resolve = (items: ThreadItem[], body?: string, opener?: string) => {
    const logger = recordingLogger()
    const jobId = jobFromMarkers({
      items,
      isTrusted: (login) => login === SELF,
      pullRequestBody: body,
      pullRequestAuthor: opener ? { login: opener, isBot: false } : undefined,
      logger
    })
    return { jobId, log: logger.lines.info }
  }

  it('takes the newest trusted marker and ignores anyone else’s', () => {
    const { jobId } = resolve([
      item(1, SELF, jobMarker('old')),
      item(2, SELF, jobMarker('new')),
      item(3, 'mallory', jobMarker('planted'))
    ])
    expect(jobId).toBe('new')
  })

  it('ranks status comments by where their commands stand in line, not when the runs wrote them', () => {
    const { jobId } = resolve([
      item(1, 'alice', '/agent first', T0),
      item(2, 'alice', '/agent second', T0 + 60_000),
      // The run of the later command happened to write its status comment first.
      item(3, SELF, `${jobMarker('later-job')} ${claim('issue-comment:2', 'done')}`),
      item(4, SELF, `${jobMarker('earlier-job')} ${claim('issue-comment:1', 'done')}`)
    ])
    expect(jobId).toBe('later-job')
    // A command that joined the end of the line stands where it joined.
    const rejoined = resolve([
      item(1, 'alice', '/agent first', T0),
      item(2, 'alice', '/agent second', T0 + 60_000),
      item(3, SELF, `${jobMarker('later-job')} ${claim('issue-comment:2', 'done')}`),
      item(
        4,
        SELF,
        `${jobMarker('rejoined-job')} ${claim('issue-comment:1', 'done', { at: T0 + 120_000 })}`
      )
    ])
    expect(rejoined.jobId).toBe('rejoined-job')
  })

  it('trusts the pull request body only when a trusted account opened the pull request', () => {
    expect(resolve([], jobMarker('body-job'), SELF).jobId).toBe('body-job')
    const stranger = resolve([], jobMarker('body-job'), 'mallory')
    expect(stranger.jobId).toBeUndefined()
    expect(stranger.log).toEqual([
      expect.stringContaining(
        'Ignored the job marker in the pull request body: the pull request was opened by @mallory'
      )
    ])
  })
})
