// The hash of everything dist/ is built from: src/, the lockfile and the TypeScript settings.
// `npm run bundle` writes it to dist/.source-hash; the tests compare it before they start.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const SOURCE_HASH_FILE = '.source-hash'

/** Run from the repository's root, as the npm scripts are. */
export function sourceHash() {
  const hash = createHash('sha256')
  const sources = readdirSync('src', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
  for (const file of [...sources, 'package-lock.json', 'tsconfig.json']) {
    hash.update(file).update('\0').update(readFileSync(file)).update('\0')
  }
  return `${hash.digest('hex')}\n`
}
