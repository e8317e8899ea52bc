/**
 * Why the command line will not run on this Node, if it will not: it is tested only on the Node
 * that package.json's `engines` names (`>=24`), so an older one is refused with one clear line
 * rather than left to fail somewhere later, and with the command that runs it on a Node that
 * will, typed out: a clone's own Node 24 (the `node` devDependency `npm ci` installs), or one
 * that npx fetches for the run.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, realpathSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative } from 'node:path'
import { shellWord } from './shell-word.js'

/** How this command line was started, for the command that starts it again on a newer Node. */
export interface Launch {
  /** The script as it was called: `/usr/local/bin/mintlify-agent`, `dist/cli/index.js`. */
  calledAs: string
  /** The script itself, links resolved: `…/dist/cli/index.js`. */
  script: string
  args: readonly string[]
  cwd: string
  /** The clone's node_modules/.bin/node, when the script lives in a clone that has a new enough one. */
  cloneNode?: string | undefined
}

const neededMajor = (engines: string) => Number(/>=\s*(\d+)/.exec(engines)?.[1])

export function nodeTooOld(running: string, engines: string, launch?: Launch): string | undefined {
  const needed = neededMajor(engines)
  const major = Number(running.split('.')[0])
  if (!Number.isFinite(needed) || major >= needed) return undefined
  const said = `mintlify-agent needs Node ${needed} or later, and this is Node ${running}`
  const install = `install Node ${needed} or later (or switch to it with your version manager) and run it again`
  if (!launch) return `${said}: ${install}.`
  const shown = (path: string) => {
    const near = relative(launch.cwd, path)
    return shellWord(near && !near.startsWith('..') && !isAbsolute(near) ? near : path)
  }
  const args = launch.args.map(shellWord).join(' ')
  if (launch.cloneNode)
    return `${said}. The Node ${needed} that npm ci installed in this clone runs it as it is:\n  ${[shown(launch.cloneNode), shown(launch.script), args].filter(Boolean).join(' ')}`
  const command =
    basename(launch.calledAs) === 'mintlify-agent'
      ? 'mintlify-agent'
      : `node ${shown(launch.script)}`
  return `${said}. npx can fetch Node ${needed} into npm's cache for this one run (no install, no change to your Node):\n  ${[`npx -y -p node@${needed}`, command, args].filter(Boolean).join(' ')}\nor ${install}.`
}

/** How this process was started, and the clone's own Node when it has a new enough one. */
export function launchOf(engines: string): Launch {
  const calledAs = process.argv[1] ?? 'mintlify-agent'
  let script = calledAs
  try {
    script = realpathSync(calledAs)
  } catch {
    // Left as called.
  }
  // dist/cli/index.js in a clone: the clone's node_modules is two folders up.
  const cloneNode = join(dirname(script), '..', '..', 'node_modules', '.bin', 'node')
  return {
    calledAs,
    script,
    args: process.argv.slice(2),
    cwd: process.cwd(),
    cloneNode: newEnough(cloneNode, neededMajor(engines)) ? cloneNode : undefined
  }
}

function newEnough(node: string, needed: number): boolean {
  if (!existsSync(node)) return false
  try {
    const version = execFileSync(node, ['-p', 'process.versions.node'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000
    })
    return Number(version.split('.')[0]) >= needed
  } catch {
    return false
  }
}
