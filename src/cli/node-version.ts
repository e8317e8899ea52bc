/**
 * Why the command line will not run on this Node, if it will not: it is tested only on the Node
 * that package.json's `engines` names (`>=24`), so an older one is refused with one clear line
 * rather than left to fail somewhere later.
 */
export function nodeTooOld(running: string, engines: string): string | undefined {
  const needed = Number(/>=\s*(\d+)/.exec(engines)?.[1])
  const major = Number(running.split('.')[0])
  if (!Number.isFinite(needed) || major >= needed) return undefined
  return `mintlify-agent needs Node ${needed} or later, and this is Node ${running}: install Node ${needed} or later (or switch to it with your version manager) and run it again.`
}
