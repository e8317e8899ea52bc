// Builds dist/ with ncc. With --check, builds into a temporary folder instead and fails when
// dist/ differs from it: the runner executes dist/, so a stale one ships old behaviour.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SOURCE_HASH_FILE, sourceHash } from './source-hash.mjs'

const check = process.argv.includes('--check')
const out = check ? mkdtempSync(join(tmpdir(), 'dist-check-')) : 'dist'
if (!check) rmSync('dist', { recursive: true, force: true })

// The action, and the mintlify-agent command line built from the same core.
for (const [entry, folder] of [
  ['src/index.ts', out],
  ['src/cli/index.ts', join(out, 'cli')]
]) {
  try {
    execFileSync(
      process.execPath,
      [
        'node_modules/@vercel/ncc/dist/ncc/cli.js',
        'build',
        entry,
        '-o',
        folder,
        '--license',
        'licenses.txt',
        '--quiet'
      ],
      { stdio: 'inherit' }
    )
  } catch {
    console.error(`ncc could not build ${entry} (its messages are above).`)
    process.exit(1)
  }
}

writeFileSync(join(out, SOURCE_HASH_FILE), sourceHash())

if (check) {
  const listing = (dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort()
  const fresh = listing(out)
  const committed = listing('dist')
  const stale = [...new Set([...fresh, ...committed])].filter(
    (file) =>
      !fresh.includes(file) ||
      !committed.includes(file) ||
      !readFileSync(join(out, file)).equals(readFileSync(join('dist', file)))
  )
  rmSync(out, { recursive: true, force: true })
  if (stale.length) {
    console.error(
      `dist/ is not what src/ builds to (${stale.join(', ')}): run \`npm run bundle\` and commit dist/.`
    )
    process.exit(1)
  }
  console.log('dist/ matches a fresh build.')
}
