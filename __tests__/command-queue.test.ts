import {
  claimMarker,
  lineOf,
  commandsAhead,
  comparePlaces,
  nextExpiry,
  placeKey,
  readClaim,
  renewalIntervalMs,
  type Claim,
  type LineEntry,
  type Place
} from '../src/comments/line.js'
import { jobMarker } from '../src/thread/markers.js'
import { isListed, loginMatches } from '../src/thread/logins.js'

const T0 = Date.parse('2026-11-23T12:00:00Z')
const EXPIRY = 120_000

function entry(
  kind: Place['kind'],
  id: number,
  secondsAfterT0: number,
  author = 'alice'
): LineEntry {
  return {
    place: { kind, id, writtenAt: T0 + secondsAfterT0 * 1000 },
    author,
    isBot: false,
    url: `https://github.com/o/r/pull/1#${id}`
  }
}

function claim(place: LineEntry, state: Claim['state'], extra: Partial<Claim> = {}): Claim {
  return {
    place: placeKey(place.place),
    state,
    until: undefined,
    taken: state === 'sent',
    jobId: undefined,
    ...extra
  }
}

describe('the order of the line', () => {
  it('follows the time written, then the kind, then the ID', () => {
    const places = [
      entry('review-comment', 5, 3).place,
      entry('issue-comment', 900, 3).place,
      entry('review', 7, 3).place,
      entry('issue-comment', 901, 3).place,
      entry('issue-comment', 100, 1).place
    ]
    expect([...places].sort(comparePlaces).map(placeKey)).toEqual([
      'issue-comment:100',
      'issue-comment:900',
      'issue-comment:901',
      'review:7',
      'review-comment:5'
    ])
  })
})

describe('claims in status comments', () => {
  it('round-trip through the hidden line, with the job from the job marker', () => {
    const body = `text\n${jobMarker('job-1')}\n${claimMarker('issue-comment:5', 'sent')}`
    expect(readClaim(body)).toEqual({
      place: 'issue-comment:5',
      state: 'sent',
      until: undefined,
      taken: true,
      jobId: 'job-1'
    })
    expect(readClaim(claimMarker('issue-comment:5', 'done', { taken: true }))).toMatchObject({
      state: 'done',
      taken: true
    })
    expect(readClaim(claimMarker('review:9', 'waiting', { until: T0 + 0.4 }))).toMatchObject({
      state: 'waiting',
      until: T0 + 1
    })
    expect(readClaim('no claim here')).toBeUndefined()
  })

  it('a lease is renewed every quarter of it', () => {
    expect(renewalIntervalMs(EXPIRY)).toBe(30_000)
    expect(renewalIntervalMs(2_000)).toBe(500)
  })
})

describe('commandsAhead', () => {
  const first = entry('issue-comment', 101, 0)
  const second = entry('issue-comment', 102, 0, 'bob')
  const mine = entry('issue-comment', 103, 1, 'carol')
  const later = entry('issue-comment', 104, 2)
  const line = [first, second, mine, later]
  const now = T0 + 5_000

  it('counts only commands written before this one', () => {
    const ahead = commandsAhead(mine.place, line, [], now, EXPIRY)
    expect(ahead.map((a) => a.entry)).toEqual([first, second])
  })

  it('waits for a place no run has claimed yet, until it expires', () => {
    expect(commandsAhead(mine.place, [first, mine], [], now, EXPIRY)).toEqual([
      { entry: first, state: 'not-started', expiresAt: T0 + EXPIRY }
    ])
    expect(commandsAhead(mine.place, [first, mine], [], T0 + EXPIRY, EXPIRY)).toEqual([])
  })

  it('a waiting run holds its place while its lease lasts', () => {
    const claims = [claim(first, 'waiting', { until: now + 1 })]
    expect(commandsAhead(mine.place, [first, mine], claims, now, EXPIRY)).toEqual([
      { entry: first, state: 'waiting', expiresAt: now + 1 }
    ])
    expect(commandsAhead(mine.place, [first, mine], claims, now + 1, EXPIRY)).toEqual([])
  })

  it('a taken message holds the line until its job is idle, alive run or not', () => {
    const claims = [claim(first, 'sent', { jobId: 'job-1' })]
    expect(commandsAhead(mine.place, [first, mine], claims, T0 + 10 * EXPIRY, EXPIRY)).toEqual([
      { entry: first, state: 'sent', jobId: 'job-1' }
    ])
  })

  it('a place whose run is done holds nothing', () => {
    expect(commandsAhead(mine.place, [first, mine], [claim(first, 'done')], now, EXPIRY)).toEqual(
      []
    )
  })

  it('of several claims on one place (a re-run), the most alive counts', () => {
    const rerun = [
      claim(first, 'done'),
      claim(first, 'sent', { jobId: 'job-1' }),
      claim(first, 'waiting', { until: now + 60_000 })
    ]
    expect(commandsAhead(mine.place, [first, mine], rerun, now, EXPIRY)[0]!.state).toBe('waiting')
    expect(commandsAhead(mine.place, [first, mine], rerun.slice(0, 2), now, EXPIRY)[0]).toEqual({
      entry: first,
      state: 'sent',
      jobId: 'job-1'
    })
  })

  it('claims for other places change nothing', () => {
    const ahead = commandsAhead(mine.place, [first, mine], [claim(later, 'done')], now, EXPIRY)
    expect(ahead.map((a) => a.state)).toEqual(['not-started'])
  })

  it('nextExpiry is the soonest a waiting or unclaimed place can lapse', () => {
    const ahead = commandsAhead(
      mine.place,
      line,
      [claim(second, 'waiting', { until: now + 30_000 })],
      now,
      EXPIRY
    )
    expect(nextExpiry(ahead)).toBe(now + 30_000)
    expect(
      nextExpiry(
        commandsAhead(
          mine.place,
          [first, mine],
          [claim(first, 'sent', { jobId: 'j' })],
          now,
          EXPIRY
        )
      )
    ).toBeUndefined()
  })
})

describe('lineOf', () => {
  const item = (id: number, login: string, body: string) => ({
    kind: 'issue-comment' as const,
    id,
    body,
    author: { login, isBot: login.endsWith('[bot]') },
    writtenAt: T0 + id,
    url: `u${id}`
  })

  it('lines up the commands, and takes claims from the token’s own comments only', () => {
    const { line, claims } = lineOf(
      [
        item(1, 'alice', '/agent add a FAQ'),
        item(2, 'bob', 'thanks!'),
        item(3, 'carol', '/agent'),
        item(4, 'github-actions[bot]', `status ${claimMarker('issue-comment:1', 'done')}`),
        item(5, 'mallory', `fake ${claimMarker('issue-comment:1', 'done')}`)
      ],
      '/agent',
      (login) => login === 'github-actions[bot]'
    )
    // A bare `/agent` asks nothing: it gets a usage reply and holds no place.
    expect(line.map((e) => [e.place.id, e.author])).toEqual([[1, 'alice']])
    expect(claims).toEqual([
      { place: 'issue-comment:1', state: 'done', until: undefined, taken: false, jobId: undefined }
    ])
  })
})

describe('logins, as GitHub treats them', () => {
  it.each([
    ['Renovate', 'renovate[bot]', true],
    ['renovate[bot]', 'Renovate[Bot]', true],
    ['RENOVATE', 'renovate', true],
    ['renovate[bot]', 'renovate', false],
    ['renovate', 'renovate-fork[bot]', false],
    ['', 'renovate', false]
  ])('%s names %s: %s', (entry, login, expected) => {
    expect(loginMatches(entry, login)).toBe(expected)
  })

  it('a list names an account when any entry does', () => {
    expect(isListed(['dependabot[bot]', 'Renovate'], 'renovate[bot]')).toBe(true)
    expect(isListed([], 'renovate[bot]')).toBe(false)
  })
})
