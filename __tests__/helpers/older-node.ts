import { spawnSync } from 'node:child_process'

/**
 * The machine's own Node, when it is older than the one `npm ci` installed for the tests (this
 * project's command line refuses it): undefined where the machine's Node is new enough.
 */
export function olderNode(needed = 24): { path: string; major: number } | undefined {
  const path = spawnSync(
    '/usr/bin/env',
    ['-i', 'PATH=/usr/local/bin:/usr/bin:/bin', 'node', '-p', 'process.execPath'],
    { encoding: 'utf8' }
  ).stdout?.trim()
  if (!path) return undefined
  const major = Number(
    spawnSync(path, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout
  )
  return major < needed ? { path, major } : undefined
}
