import { claimMarker, placeKey, readClaim, type LineEntry } from '../src/comments/line.js'
import { jobMarker } from '../src/thread/markers.js'
import { describeAhead, TurnTimeout, waitForTurn, type LineSnapshot } from '../src/comments/turn.js'
import { jobFromMarkers } from '../src/comments/which-job.js'
import type { ThreadItem } from '../src/thread/thread.js'
import { fakeClock, type FakeClock } from './helpers/fake-clock.js'
import { recordingLogger } from './helpers/logger.js'

const EXPIRY = 120_000

function command(id: number, writtenAt: number, author = 'alice'): LineEntry {
  return {
    place: { kind: 'issue-comment', id, writtenAt },
    author,
    isBot: false,
    url: `https://github.com/o/r/pull/1#issuecomment-${id}`
  }
}

/** A thread whose claims change as the test says, read by the run under test. */
function thread(clock: FakeClock, line: LineEntry[]) {
  let bodies: string[] = []
  let reads = 0
  return {
    reads: () => reads,
    setClaims: (...next: string[]) => (bodies = next),
    readLine: async (): Promise<LineSnapshot<number>> => {
      reads++
      return {
        line,
        claims: bodies.map((b) => readClaim(b)!),
        items: reads
      }
    },
    clock
  }
}

function options(t: ReturnType<typeof thread>, mine: LineEntry, overrides = {}) {
  const waited: string[] = []
  return {
    waited,
    turn: {
      place: mine.place,
      readLine: t.readLine,
      mayCommand: async () => true,
      jobIsIdle: async () => true,
      clock: t.clock,
      pollIntervalMs: 5_000,
      expiryMs: EXPIRY,
      deadline: 30 * 60_000,
      signal: new AbortController().signal,
      onWaiting: async (ahead: Parameters<typeof describeAhead>[0]) => {
        waited.push(describeAhead(ahead))
      },
      logger: recordingLogger(),
      ...overrides
    }
  }
}

describe('waitForTurn', () => {
  it('goes at once, after one read, when nothing was written before', async () => {
    const clock = fakeClock()
    const mine = command(2, clock.wallTime())
    const t = thread(clock, [mine])
    await expect(waitForTurn(options(t, mine).turn)).resolves.toBe(1)
    expect(clock.sleeps).toEqual([])
  })

  it('waits for a live earlier run, reading less and less often, and goes once it is done', async () => {
    const clock = fakeClock()
    const first = command(1, clock.wallTime())
    const mine = command(2, clock.wallTime())
    const t = thread(clock, [first, mine])
    t.setClaims(
      claimMarker(placeKey(first.place), 'waiting', { until: clock.wallTime() + 10 * EXPIRY })
    )
    const { turn, waited } = options(t, mine, {
      readLine: async () => {
        if (t.reads() === 5) t.setClaims(claimMarker(placeKey(first.place), 'done'))
        return t.readLine()
      }
    })
    await waitForTurn(turn)
    expect(clock.sleeps).toEqual([5_000, 10_000, 20_000, 30_000, 30_000])
    expect(waited[0]).toBe("@alice's command (waiting its turn)")
  })

  it('watches the job that took an earlier message, not the thread, until it is idle', async () => {
    const clock = fakeClock()
    const first = command(1, clock.wallTime())
    const mine = command(2, clock.wallTime())
    const t = thread(clock, [first, mine])
    t.setClaims(`${jobMarker('job-1')} ${claimMarker(placeKey(first.place), 'sent')}`)
    let jobReads = 0
    const { turn, waited } = options(t, mine, {
      // Active for the first four reads; on the fifth the run may go.
      jobIsIdle: async (jobId: string) => {
        expect(jobId).toBe('job-1')
        return ++jobReads >= 5
      }
    })
    await waitForTurn(turn)
    // One read of the thread, the job watched every interval, then the thread read once more.
    expect(t.reads()).toBe(2)
    expect(clock.sleeps).toEqual([5_000, 5_000, 5_000, 5_000])
    expect(waited[0]).toBe("@alice's command (job `job-1` is working on it)")
  })

  it('stops waiting for a place that no run claims once it expires', async () => {
    const clock = fakeClock()
    const first = command(1, clock.wallTime() - 100_000)
    const mine = command(2, clock.wallTime())
    const t = thread(clock, [first, mine])
    const { turn } = options(t, mine, { pollIntervalMs: 50_000 })
    await waitForTurn(turn)
    // The place lapses 20 s from now: the run looks again right after, not a whole interval later.
    expect(clock.sleeps).toEqual([20_001])
  })

  it('waits for no command whose author may not give commands', async () => {
    const clock = fakeClock()
    const stranger = command(1, clock.wallTime(), 'mallory')
    const mine = command(2, clock.wallTime())
    const t = thread(clock, [stranger, mine])
    const asked: string[] = []
    const { turn } = options(t, mine, {
      mayCommand: async (entry: LineEntry) => {
        asked.push(entry.author)
        return false
      }
    })
    await waitForTurn(turn)
    expect(asked).toEqual(['mallory'])
    expect(clock.sleeps).toEqual([])
  })

  it('gives up at the deadline, saying what it waited for', async () => {
    const clock = fakeClock()
    const first = command(1, clock.wallTime())
    const mine = command(2, clock.wallTime())
    const t = thread(clock, [first, mine])
    t.setClaims(
      claimMarker(placeKey(first.place), 'waiting', { until: clock.wallTime() + 100 * EXPIRY })
    )
    const { turn } = options(t, mine, { deadline: 60_000 })
    const waiting = waitForTurn(turn)
    await expect(waiting).rejects.toThrow(TurnTimeout)
    await expect(waiting).rejects.toThrow(
      "Waited 1m for earlier commands on this thread, the last one @alice's command (waiting its turn)"
    )
  })
})

describe('describeAhead', () => {
  it('names the nearest command and counts the rest, with links in comments', () => {
    const at = Date.now()
    const ahead = [
      { entry: command(1, at, 'alice'), state: 'not-started' as const, expiresAt: at },
      { entry: command(2, at, 'bob'), state: 'waiting' as const, expiresAt: at }
    ]
    expect(describeAhead(ahead)).toBe("@bob's command (waiting its turn) and 1 earlier")
    expect(describeAhead(ahead.slice(0, 1), true)).toBe(
      "[@alice's command](https://github.com/o/r/pull/1#issuecomment-1) (its run has not started yet)"
    )
  })
})

describe('jobFromMarkers', () => {
  const at = Date.parse('2026-11-23T12:00:00Z')
  const item = (
    id: number,
    author: string,
    body: string,
    writtenAt = at + id * 1000
  ): ThreadItem => ({
    kind: 'issue-comment',
    id,
    body,
    author: { login: author, isBot: author.endsWith('[bot]') },
    writtenAt,
    url: `https://github.com/o/r/pull/1#issuecomment-${id}`
  })
  const trusted = (login: string) => login === 'github-actions[bot]'
  const resolve = (items: ThreadItem[], body?: string, opener?: string) => {
    const logger = recordingLogger()
    const log = logger.lines.info
    const jobId = jobFromMarkers({
      items,
      isTrusted: trusted,
      pullRequestBody: body,
      pullRequestAuthor: opener ? { login: opener, isBot: false } : undefined,
      logger
    })
    return { jobId, log }
  }

  it('takes the newest trusted marker and ignores anyone else’s', () => {
    const { jobId } = resolve([
      item(1, 'github-actions[bot]', jobMarker('old')),
      item(2, 'github-actions[bot]', jobMarker('new')),
      item(3, 'mallory', jobMarker('planted'))
    ])
    expect(jobId).toBe('new')
  })

  it('ranks status comments by when their commands were written, not when the runs wrote them', () => {
    const early = item(1, 'alice', '/agent first', at)
    const late = item(2, 'alice', '/agent second', at + 60_000)
    const { jobId } = resolve([
      early,
      late,
      // The run of the later command happened to write its status comment first.
      item(
        3,
        'github-actions[bot]',
        `${jobMarker('later-job')} ${claimMarker('issue-comment:2', 'done')}`
      ),
      item(
        4,
        'github-actions[bot]',
        `${jobMarker('earlier-job')} ${claimMarker('issue-comment:1', 'done')}`
      )
    ])
    expect(jobId).toBe('later-job')
  })

  it('trusts the pull request body only when a trusted account opened the pull request', () => {
    expect(resolve([], jobMarker('body-job'), 'github-actions[bot]').jobId).toBe('body-job')
    const stranger = resolve([], jobMarker('body-job'), 'mallory')
    expect(stranger.jobId).toBeUndefined()
    expect(stranger.log).toEqual([
      expect.stringContaining(
        'Ignored the job marker in the pull request body: the pull request was opened by @mallory'
      )
    ])
  })
})
