/**
 * Version 1's status comment, read for one release so that pull requests synced before carry over:
 * its hidden state line becomes a record, which is sealed at the first write.
 */
import { loginMatches } from '../thread/logins.js'
import type { SealedHome } from '../thread/sealed-comment.js'
import type { Thread, ThreadItem } from '../thread/thread.js'
import { decodeRecord, emptyRecord, type CheckState, type SyncRecord } from './record.js'

/**
 * For one release: the token's own status comment of version 1, when no comment holds a sealed
 * record, so that pull requests synced before carry over; it is sealed at the first write. It must
 * be a whole status comment of version 1, opening line to job marker, and the only one: a quote of
 * its state line carries nothing over, and two candidates stop the run from starting a job.
 */
export async function findLegacyRecord(
  thread: Thread,
  items: readonly ThreadItem[]
): Promise<SealedHome<SyncRecord> | undefined> {
  if (!items.some((item) => SYNC_MARKER.test(item.body))) return undefined
  const self = await thread.tokenLogin()
  const candidates = items.filter(
    (i) => i.kind === 'issue-comment' && loginMatches(self, i.author.login) && V1_SHAPE.test(i.body)
  )
  const [item, ...more] = candidates
  if (more.length)
    return {
      data: {
        ...emptyRecord(''),
        intent: {
          effect: 'start',
          sent: { head: '' },
          run: 'version 1',
          at: 0,
          unsettled: `${candidates.length} comments of this account carry a status line of version 1 (${candidates.map((c) => c.id).join(', ')}), and only one can be the action's own: delete those that are not, then the action's status comment`
        }
      }
    }
  const body = item && (await thread.commentBody('issue-comment', item.id))
  const data = body === undefined ? undefined : readLegacyRecord(body)
  return item && data && { id: item.id, data, body }
}

/** Version 1's hidden state line (`sync` and its fields), and the whole comment it ends. */
const SYNC_MARKER = /<!--\s*mintlify-agent-action\s+sync((?:\s+[a-z]+=[^\s>]*)*)\s*-->/
const V1_SHAPE =
  /^📘 \*\*Docs for this pull request\*\*: [^]*\n<!-- mintlify-agent-action sync [^>\n]*-->\n<!-- mintlify-agent-action job=[^\s>]+ -->$/

const SHA = /^[0-9a-f]{7,40}$/
const JOB_ID = /^[\w-]+$/
const LINK = /^https:\/\/[\w.-]+\/[\w./-]+$/
const FIELD_SHAPES: Record<string, RegExp> = {
  job: JOB_ID,
  previous: JOB_ID,
  sent: SHA,
  from: SHA,
  pr: LINK,
  prevpr: LINK,
  checks: /^[\w.,]+$/
}

/** Version 1's one-letter check states, by letter. */
const LEGACY_CHECKS: Record<string, CheckState> = {
  b: 'waiting-for-busy-job',
  l: 'waiting-for-hourly-limit',
  r: 'waiting-after-failed-read',
  w: 'agent-working',
  s: 'docs-updated',
  n: 'nothing-to-document',
  f: 'job-failed',
  j: 'job-failed-advisory',
  a: 'job-archived',
  c: 'closed-unmerged',
  x: 'went-with-later-push',
  o: 'sync-off',
  e: 'run-failed'
}

/**
 * The hidden line of version 1 (`<!-- mintlify-agent-action sync job=… sent=… -->`): the job, what
 * it was sent, and the heads of the check runs. What waits is read again from the pull request as
 * it is; the docs pull request, from what Mintlify says of the job.
 */
function readLegacyRecord(body: string): SyncRecord | undefined {
  const fields = new Map(
    [...(SYNC_MARKER.exec(body)?.[1] ?? '').matchAll(/([a-z]+)=([^\s>]*)/g)].map(
      ([, name = '', value = '']) => [name, decodeURIComponent(value)]
    )
  )
  // Unsealed text: each field must have its own shape, so that no line break or markup reaches a
  // log or a comment through it.
  const field = (name: string) => {
    const value = fields.get(name)
    return value && (FIELD_SHAPES[name] ?? /^[\w .:/-]+$/).test(value) ? value : undefined
  }
  const [job, head] = [field('job'), field('sent')]
  const retired = ['archived', 'refused'].includes(field('retired') ?? '')
    ? field('retired')
    : undefined
  const raw = {
    base: field('base') ?? 'the base branch',
    closed: field('closed'),
    job: job &&
      head && {
        id: job,
        sent: { head, from: field('from') },
        status: field('status'),
        prLink: field('pr'),
        retired
      },
    retired: field('previous')
      ? [{ id: field('previous'), why: 'refused', prLink: field('prevpr') }]
      : [],
    checks: (field('checks') ?? '').split(',').flatMap((entry) => {
      const [id, sha, letter = ''] = entry.split('.')
      // Its check run is looked for on its head, by name: an ID in unsealed text is not trusted.
      return Number(id) && sha && LEGACY_CHECKS[letter]
        ? [{ head: sha, shows: LEGACY_CHECKS[letter] }]
        : []
    }),
    intent: / uncertain=1\b/.test(body)
      ? {
          effect: 'start',
          sent: { head: head ?? '' },
          jobId: job,
          run: 'version 1',
          at: 0,
          unsettled:
            "an earlier version's start of the job may have reached Mintlify, but its answer was lost"
        }
      : undefined
  }
  // What the line left out is absent, as in a record that was written so.
  return decodeRecord(JSON.parse(JSON.stringify(raw)))
}
