#!/usr/bin/env node
// `mintlify-agent`. `--version` answers without loading the rest (undici, the simulator): a
// quick check that the install works. Otherwise the wasm tier-up setting comes first, before
// undici loads (see wasm-baseline.ts).
import packageJson from '../../package.json' with { type: 'json' }

const args = process.argv.slice(2)
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${packageJson.version}\n`)
} else {
  await import('../core/wasm-baseline.js')
  const { main } = await import('./main.js')
  process.exitCode = await main(args)
}
