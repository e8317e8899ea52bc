import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
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

describe('README and action.yml', () => {
  it('runs on node24 from dist/index.js', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('agree: the tables are what `npm run docs` writes from action.yml', () => {
    const check = spawnSync(process.execPath, ['scripts/docs.mjs', '--check'], {
      cwd: REPO_ROOT,
      encoding: 'utf8'
    })
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(readme).toContain(`| \`${name}\``)
    }
  })

  it('use, in every example and README snippet, only inputs action.yml has', () => {
    const examples = readdirSync(join(REPO_ROOT, 'examples'))
      .filter((file) => file.endsWith('.yml'))
      .map((file) => readFileSync(join(REPO_ROOT, 'examples', file), 'utf8'))
    const snippets = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')
    const used = new Set<string>()
    for (const text of [...examples, ...snippets]) {
      for (const block of text.split(/\n\s*- (?:name|uses|id):/)) {
        if (!/uses: mintlify-agent-action\/mintlify-agent-action@/.test(block)) continue
        const withAt = block.indexOf('with:')
        if (withAt < 0) continue
        const indent = /\n( *)\S/.exec(block.slice(withAt))?.[1] ?? ''
        for (const m of block
          .slice(withAt)
          .matchAll(new RegExp(`\\n${indent}([a-z][a-z-]*):`, 'g')))
          used.add(m[1] ?? '')
      }
    }
    expect(used.size).toBeGreaterThan(5)
    for (const name of used) expect(Object.keys(action.inputs)).toContain(name)
  })

  it('describe every input and output', () => {
    for (const entry of [...Object.values(action.inputs), ...Object.values(action.outputs)]) {
      expect(entry.description.length).toBeGreaterThan(10)
    }
  })

  it('show no workflow with a concurrency group, which would cancel pending commands', () => {
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!)
    expect(blocks.length).toBeGreaterThan(3)
    for (const block of blocks) {
      const parsed = parse(block) as Record<string, unknown> | unknown[]
      if (!Array.isArray(parsed)) expect(Object.keys(parsed)).not.toContain('concurrency')
    }
  })

  it('start where users start: one sentence, the two command lines, then a uses: quick start', () => {
    const [title, sentence, commands] = readme.split('\n\n')
    expect(title).toBe('# mintlify-agent-action')
    expect(sentence!.replace(/\n/g, ' ').match(/[.!?](\s|$)/g)).toHaveLength(1)
    expect(commands).toMatch(/^```sh\nnpm ci && npm run demo/)
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1])
    expect(headings.slice(0, 4)).toEqual([
      'Quick start',
      'Where a job ID comes from',
      'Permissions',
      'Cost: runners that mostly wait'
    ])
    const quickStart = readme.slice(readme.indexOf('## Quick start'))
    expect(quickStart.indexOf('uses: mintlify-agent-action/mintlify-agent-action@v1')).toBeLessThan(
      quickStart.indexOf('\n## ')
    )
    expect(headings.indexOf('Development')).toBeGreaterThan(headings.indexOf('Outputs'))
  })

  it('open with the two command lines, and .ci/run runs the test one', () => {
    const [demo, test] = readme.split('```sh\n')[1]!.split('\n')
    expect(demo).toMatch(/^npm ci && npm run demo\s+#/)
    expect(test).toMatch(/^npm ci && npm test\s+#/)
    expect(readFileSync(join(REPO_ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm ci && npm test$/m)
  })
})
