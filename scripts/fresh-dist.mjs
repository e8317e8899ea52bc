// Jest's global setup: the end-to-end tests run dist/, so dist/ must be what src/ builds to.
// When src/ changed since the last `npm run bundle`, bundle first, so no test runs stale code.
// (`npm test` checks the committed dist/ before this runs: a stale commit still fails there.)
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SOURCE_HASH_FILE, sourceHash } from './source-hash.mjs'

export default function freshDist() {
  const stamp = join('dist', SOURCE_HASH_FILE)
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash()) return
  console.log('\nsrc/ changed since dist/ was built: bundling before the tests run.')
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' })
}
