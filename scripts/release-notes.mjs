// Prints the CHANGELOG.md section of a release (`v1.2.3` or `1.2.3`); fails when there is none,
// so that no release goes out without notes.
import { readFileSync } from 'node:fs'

const version = (process.argv[2] ?? '').replace(/^v/, '')
const changelog = readFileSync('CHANGELOG.md', 'utf8')
const sections = changelog.split(/^## /m).slice(1)
const section = sections.find(
  (text) => text.startsWith(`[${version}]`) || text.startsWith(`${version} `)
)
if (!version || !section) {
  console.error(
    `CHANGELOG.md has no section for ${version || '(no version given)'}: add "## [${version}] - date" first.`
  )
  process.exit(1)
}
console.log(section.slice(section.indexOf('\n') + 1).trim())
