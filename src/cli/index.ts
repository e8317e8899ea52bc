#!/usr/bin/env node
// `mintlify-agent`. `--version` answers without loading the rest (undici, the simulator): a
// quick check that the install works. Otherwise the wasm tier-up setting comes first, before
// undici loads (see wasm-baseline.ts).
import packageJson from '../../package.json' with { type: 'json' }
import { launchOf, nodeTooOld } from './node-version.js'

const args = process.argv.slice(2)
const { engines } = packageJson
// launchOf asks the clone's own Node for its version: only once this one is known too old.
const tooOld =
  nodeTooOld(process.versions.node, engines.node) &&
  nodeTooOld(process.versions.node, engines.node, launchOf(engines.node))
if (tooOld) {
  process.stderr.write(`error: ${tooOld}\n`)
  process.exitCode = 1
} else if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${packageJson.version}\n`)
} else {
  await import('../core/wasm-baseline.js')
  const { main } = await import('./main.js')
  process.exitCode = await main(args)
}
