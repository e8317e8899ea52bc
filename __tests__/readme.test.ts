import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from '../scripts/run-action.js'
import {
  anchorOf,
  docsPage,
  flat,
  markdownFiles,
  readme,
  section,
  yamlBlocks
} from './helpers/docs.js'

interface ActionYaml {
  description: string
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYaml
const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string
}
const lines = readme.split('\n')
/** The line (from 1) of the first line that holds `text`, at or after line `from`. */
const lineOf = (text: string, from = 1) =>
  lines.findIndex((l, i) => i >= from - 1 && l.includes(text)) + 1

/** The release each input arrived in, as docs/reference.md says. */
const since = Object.fromEntries(
  [...docsPage('reference.md').matchAll(/^### `([\w-]+)`\n\n.*Since (\d+\.\d+\.\d+)\./gm)].map(
    (m) => [m[1]!, m[2]!]
  )
)
const newer = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number))
  for (let i = 0; i < 3; i++) if (x![i]! !== y![i]!) return x![i]! > y![i]!
  return false
}

/** The inputs the action's steps set, in a workflow or a snippet. */
function inputsUsed(text: string): string[] {
  const used: string[] = []
  for (const block of text.split(/\n\s*- (?:name|uses|id):/)) {
    if (!/uses: mintlify-agent-action\/mintlify-agent-action@/.test(block)) continue
    const withAt = block.indexOf('with:')
    if (withAt < 0) continue
    const indent = /\n( *)\S/.exec(block.slice(withAt))?.[1] ?? ''
    for (const m of block.slice(withAt).matchAll(new RegExp(`\\n${indent}([a-z][a-z-]*):`, 'g')))
      used.push(m[1]!)
  }
  return used
}

describe('README and action.yml', () => {
  it('runs on node24 from dist/index.js', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('agree: the tables and docs/reference.md are what `npm run docs` writes from action.yml', () => {
    const check = spawnSync(process.execPath, ['scripts/docs.mjs', '--check'], {
      cwd: REPO_ROOT,
      encoding: 'utf8'
    })
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(readme).toContain(`| \`${name}\``)
      expect(docsPage('reference.md')).toContain(`### \`${name}\``)
    }
    expect(Object.keys(since).sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('describe every input and output', () => {
    for (const entry of [...Object.values(action.inputs), ...Object.values(action.outputs)]) {
      expect(entry.description.length).toBeGreaterThan(10)
    }
  })

  it("action.yml's description names the three uses within the Marketplace's 125 characters", () => {
    expect(action.description.length).toBeLessThanOrEqual(125)
    expect(action.description).toMatch(/workflow step/)
    expect(action.description).toMatch(/\/agent comments/)
    expect(action.description).toMatch(/in step with code pull requests/)
  })
})

describe('the README a newcomer reads', () => {
  it('is at most 350 lines, none wider than 200 characters', () => {
    expect(lines.length).toBeLessThanOrEqual(350)
    expect(lines.filter((line) => line.length > 200)).toEqual([])
  })

  it('opens with one sentence, then the two command lines, and .ci/run runs the test one', () => {
    const [title, sentence, commands] = readme.split('\n\n')
    expect(title).toBe('# mintlify-agent-action')
    expect(sentence!.replace(/\n/g, ' ').match(/[.!?](\s|$)/g)).toHaveLength(1)
    const [demo, test] = commands!.replace(/^```sh\n/, '').split('\n')
    expect(demo).toMatch(/^npm ci && npm run demo\s+#/)
    expect(test).toMatch(/^npm ci && npm test\s+#/)
    expect(readFileSync(join(REPO_ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm ci && npm test$/m)
  })

  it('lists its contents, then "Pick your use", the three uses, outputs, inputs and pinning', () => {
    const headings = [...readme.matchAll(/^(##+) (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`)
    expect(headings).toEqual([
      '## Pick your use',
      '### 1. A workflow step',
      '### 2. `/agent` comments',
      '### 3. Docs in step with code',
      '## Outputs',
      '## Inputs',
      '## Versions and pinning',
      '## More'
    ])
    const contents = section(readme, '**Contents:**')
    for (const heading of headings)
      expect(contents).toContain(`(#${anchorOf(heading.replace(/^#+ /, ''))})`)
  })

  it.each([
    ['1. A workflow step', '.github/workflows/mintlify-follow-up.yml', 'workflow_dispatch'],
    ['2. `/agent` comments', '.github/workflows/mintlify-agent-comments.yml', 'issue_comment'],
    ['3. Docs in step with code', '.github/workflows/docs-sync.yml', 'pull_request']
  ])(
    'use "%s": its own workflow file, within the first 150 lines, its permissions and an offline check',
    (use, file, event) => {
      const text = section(readme, `### ${use}`)
      const workflow = parse(/```yaml\n([\s\S]*?)```/.exec(text)![1]!) as {
        on: Record<string, unknown>
        permissions: Record<string, string>
        jobs: Record<string, unknown>
      }
      expect(Object.keys(workflow.on)).toContain(event)
      expect(workflow.permissions).toBeDefined()
      expect(text).toContain(`\`${file}\``)
      expect(lineOf('```yaml', lineOf(`### ${use}`))).toBeLessThanOrEqual(150)
      expect(text).toMatch(/\*\*Offline:\*\*/)
    }
  )

  it("names each use's secrets and variables before its workflow", () => {
    const pick = section(readme, '## Pick your use')
    for (const block of yamlBlocks().filter(({ path }) => path === 'README.md')) {
      const before = flat(pick.slice(0, pick.indexOf(block.yaml)))
      for (const [, kind, name] of block.yaml.matchAll(/(secrets|vars)\.([A-Z_]+)/g))
        expect(before).toContain(`a ${kind === 'secrets' ? 'secret' : 'variable'} \`${name}\``)
    }
  })

  it('says how to pin a commit SHA, and how Dependabot keeps the pin current', () => {
    const pinning = section(readme, '## Versions and pinning')
    expect(pinning).toMatch(/mintlify-agent-action@<full 40-character SHA of v[\d.]+> # v[\d.]+/)
    const dependabot = parse(/```yaml\n(version: 2[\s\S]*?)```/.exec(pinning)![1]!) as {
      updates: { 'package-ecosystem': string }[]
    }
    expect(dependabot.updates[0]!['package-ecosystem']).toBe('github-actions')
  })
})

describe('every workflow and snippet shown', () => {
  const examples = readdirSync(join(REPO_ROOT, 'examples'))
    .filter((file) => file.endsWith('.yml'))
    .map((file) => ({
      path: `examples/${file}`,
      yaml: readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')
    }))
  const shown = [...examples, ...yamlBlocks()]

  it(`uses only inputs that action.yml has and that release ${version} has`, () => {
    const used = new Set(shown.flatMap(({ yaml }) => inputsUsed(yaml)))
    expect(used.size).toBeGreaterThan(5)
    for (const name of used) {
      expect(Object.keys(action.inputs)).toContain(name)
      expect([name, newer(since[name] ?? '99.0.0', version)]).toEqual([name, false])
    }
  })

  it('has no concurrency group, which would cancel pending commands', () => {
    const blocks = yamlBlocks()
    expect(blocks.length).toBeGreaterThan(5)
    for (const { yaml } of blocks) {
      const parsed = parse(yaml) as Record<string, unknown> | unknown[]
      if (parsed && !Array.isArray(parsed)) expect(Object.keys(parsed)).not.toContain('concurrency')
    }
  })
})

describe('links', () => {
  it('every relative link in the README, docs/ and the top-level pages leads to a file and heading that exist', () => {
    const files = markdownFiles()
    const anchors = (text: string) => {
      const seen = new Map<string, number>()
      const ids = new Set<string>()
      const prose = text.replace(/^```[\s\S]*?^```/gm, '')
      for (const [, heading] of prose.matchAll(/^#+ (.+)$/gm)) {
        const id = anchorOf(heading!)
        const n = seen.get(id) ?? 0
        seen.set(id, n + 1)
        ids.add(n ? `${id}-${n}` : id)
      }
      return ids
    }
    const broken: string[] = []
    let checked = 0
    for (const [path, text] of Object.entries(files)) {
      const prose = text.replace(/^```[\s\S]*?^```/gm, '')
      for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue
        const [file, anchor] = target!.split('#')
        const resolved = file ? normalize(join(dirname(path), file)).replace(/\/$/, '') : path
        checked++
        if (!existsSync(join(REPO_ROOT, resolved))) broken.push(`${path}: ${target}`)
        else if (anchor && resolved.endsWith('.md')) {
          const into = files[resolved] ?? readFileSync(join(REPO_ROOT, resolved), 'utf8')
          if (!anchors(into).has(anchor)) broken.push(`${path}: ${target}`)
        }
      }
    }
    expect(checked).toBeGreaterThan(40)
    expect(broken).toEqual([])
  })
})
