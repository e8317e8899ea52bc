/**
 * A fault sweep over the virtual world: two sequences of events, run once to number every call to
 * GitHub (comments, the lock, the pull request, check runs, the docs repository) and Mintlify, then
 * again with each call in turn failed (a 502 after the clients' retries) and, separately, answered
 * with a lost answer after it was carried out. Whatever the fault, the sequence ends with one job,
 * every commit sent exactly once, one status comment, and no check run left queued or in progress.
 */
import { syncWorld } from './helpers/sync-world.js'
import type { Fault } from './helpers/fault-plan.js'

const INPUTS = { 'check-run': 'true', 'docs-token': 'github_pat_docs' }
const PUSHES = [1, 2]

type World = ReturnType<typeof syncWorld>

const push = (world: World, n: number) =>
  world.pr.push(`Push ${n}`, { [`src/f${n}.ts`]: `@@ -0,0 +1 @@\n+push ${n}` })

/** opened → push → push into the busy job → merge. */
async function pushesThenMerge(world: World): Promise<void> {
  world.start('opened', INPUTS)
  await world.finish()
  push(world, 1)
  world.start('synchronize', INPUTS)
  world.later(5_000, () => {
    push(world, 2)
    world.start('synchronize', INPUTS)
  })
  await world.finish()
  world.pr.info = { ...world.pr.info, state: 'closed', merged: true }
  world.start('closed', INPUTS)
  await world.finish()
}

/** opened → closed without merging → reopened → push (a push each, for the count). */
async function closeReopenPush(world: World): Promise<void> {
  push(world, 1)
  world.start('opened', INPUTS)
  await world.finish()
  world.pr.info = { ...world.pr.info, state: 'closed', merged: false }
  world.start('closed', INPUTS)
  await world.finish()
  world.pr.info = { ...world.pr.info, state: 'open' }
  world.start('reopened', INPUTS)
  await world.finish()
  push(world, 2)
  world.start('synchronize', INPUTS)
  await world.finish()
}

function newWorld(): World {
  const world = syncWorld({ jobMs: 60_000 })
  world.pr.push('Add rate limits', { 'src/limits.ts': '@@ -0,0 +1 @@\n+export const LIMIT = 100' })
  return world
}

/** What went wrong at the end of a sequence, in words; empty when nothing did. */
function defects(world: World): string[] {
  const found: string[] = []
  if (world.agent.jobs.size !== 1) found.push(`${world.agent.jobs.size} jobs`)
  if (world.agent.intoBusyJob.length) found.push('a message into a busy job')
  for (const n of PUSHES) {
    const carrying = world.agent.accepted.filter(
      (m) => m.prompt.includes(`+push ${n}\n`) || m.prompt.endsWith(`+push ${n}`)
    )
    if (carrying.length !== 1) found.push(`push ${n} sent ${carrying.length} times`)
  }
  const open = world.checks.open()
  if (open.length)
    found.push(
      `${open.length} check runs still ${open.map((r) => r.views.at(-1)!.status).join(', ')}`
    )
  if (world.statusComments().length !== 1)
    found.push(`${world.statusComments().length} status comments`)
  return found
}

describe('a fault sweep over the virtual world', () => {
  for (const [name, sequence] of [
    ['opened, a push, a push into the busy job, the merge', pushesThenMerge],
    ['opened, closed unmerged, reopened, a push', closeReopenPush]
  ] as const) {
    it(`${name}: one job, each commit sent once, no check run left open, whatever call fails`, async () => {
      const clean = newWorld()
      await sequence(clean)
      expect(defects(clean)).toEqual([])
      const calls = clean.faults.calls.length
      const failures: string[] = []
      for (let at = 0; at < calls; at++)
        for (const fault of ['failed', 'lost'] as Fault[]) {
          const world = newWorld()
          world.faults.faults.set(at, fault)
          await sequence(world)
          const found = defects(world)
          if (found.length)
            failures.push(`${fault} ${clean.faults.calls[at]} (call ${at}): ${found.join('; ')}`)
        }
      expect(failures).toEqual([])
      // The sweep faulted every call of the sequence, twice.
      expect(calls).toBeGreaterThan(50)
    })
  }
})
