import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from '../scripts/run-action.js'

interface ActionYaml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYaml
const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')

/** The rows of the README table under `## heading`, as trimmed cells, header and ruler left out. */
function tableRows(heading: string): string[][] {
  const section = readme.split(`\n## ${heading}\n`)[1]!.split('\n## ')[0]!
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim())
    )
}

const unquote = (cell: string): string => cell.replace(/^`|`$/g, '')

describe('README and action.yml', () => {
  it('runs on node24 from dist/index.js', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('list the same inputs, each described, with the same defaults', () => {
    const rows = tableRows('Inputs')
    expect(rows.map(([name]) => unquote(name!))).toEqual(Object.keys(action.inputs))
    for (const [name, shownDefault] of rows) {
      const input = action.inputs[unquote(name!)]!
      expect(input.description.length).toBeGreaterThan(10)
      expect(shownDefault).toBe(input.default === undefined ? '(required)' : `\`${input.default}\``)
    }
  })

  it('list the same outputs, each described', () => {
    expect(tableRows('Outputs').map(([name]) => unquote(name!))).toEqual(
      Object.keys(action.outputs)
    )
    for (const output of Object.values(action.outputs))
      expect(output.description.length).toBeGreaterThan(10)
  })

  it('open with the two command lines, and .ci/run runs the test one', () => {
    const [demo, test] = readme.split('```sh\n')[1]!.split('\n')
    expect(demo).toMatch(/^npm ci && npm run demo\s+#/)
    expect(test).toMatch(/^npm ci && npm test\s+#/)
    expect(readFileSync(join(REPO_ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm ci && npm test$/m)
  })
})
