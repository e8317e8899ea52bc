import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { REPO_ROOT } from '../scripts/run-action.js'

const SRC = join(REPO_ROOT, 'src')
const MAX_LINES = 350

/** Every TypeScript file of src/, relative to it. */
const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
  .map((entry) => relative(SRC, join(entry.parentPath, entry.name)))
  .sort()

interface Import {
  specifier: string
  dynamic: boolean
}

/** Static, type-only, re-exporting, side-effect and dynamic imports alike. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(SRC, file), 'utf8')
  const found: Import[] = []
  for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm))
    found.push({ specifier: specifier!, dynamic: false })
  for (const [, specifier] of text.matchAll(/^\s*import\s+'([^']+)'/gm))
    found.push({ specifier: specifier!, dynamic: false })
  for (const [, specifier] of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g))
    found.push({ specifier: specifier!, dynamic: true })
  return found
}

/** The file a relative import names, relative to src/; undefined for a package. */
function target(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const path = relative(SRC, resolve(SRC, dirname(from), specifier)).replace(/\.js$/, '.ts')
  return path.startsWith('..') ? undefined : path
}

/** The layers of ARCHITECTURE.md's table: folder (or files) and the layers each may import. */
function layerTable(): { name: string; paths: string[]; mayImport: string[] }[] {
  const text = readFileSync(join(REPO_ROOT, 'ARCHITECTURE.md'), 'utf8')
  const table = /<!-- layers:start -->([\s\S]*?)<!-- layers:end -->/.exec(text)?.[1] ?? ''
  return table
    .split('\n')
    .filter(
      (line) => line.startsWith('|') && !/^\|\s*-/.test(line) && !/\|\s*Layer\s*\|/.test(line)
    )
    .map((line) => {
      const [name = '', where = '', may = ''] = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim())
      const paths = [...where.matchAll(/`src\/([^`]*)`/g)].map(([, path]) => path!)
      const mayImport = may === '—' ? [] : may.split(',').map((layer) => layer.trim())
      return { name, paths, mayImport }
    })
}

const LAYERS = layerTable()

function layerOf(file: string): string | undefined {
  return LAYERS.find(({ paths }) =>
    paths.some((path) => (path.endsWith('/') ? file.startsWith(path) : file === path))
  )?.name
}

describe('the layout is the architecture ARCHITECTURE.md draws', () => {
  it('reads the layer table, and every file of src/ is in a layer', () => {
    expect(LAYERS.map((layer) => layer.name)).toEqual(
      expect.arrayContaining(['core', 'comments', 'adapters/actions', 'cli'])
    )
    expect(files.filter((file) => layerOf(file) === undefined)).toEqual([])
  })

  it('each file imports only from its own layer and the ones its row names', () => {
    const wrong: string[] = []
    for (const file of files) {
      const layer = LAYERS.find((l) => l.name === layerOf(file))!
      for (const { specifier } of importsOf(file)) {
        const to = target(file, specifier)
        if (to === undefined) continue
        const toLayer = layerOf(to)
        if (toLayer !== layer.name && !layer.mayImport.includes(toLayer ?? ''))
          wrong.push(`${file} (${layer.name}) imports ${to} (${toLayer})`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('has no import cycles, type-only imports included', () => {
    const graph = new Map(
      files.map((file) => [
        file,
        importsOf(file).flatMap(({ specifier }) => {
          const to = target(file, specifier)
          return to !== undefined && existsSync(join(SRC, to)) ? [to] : []
        })
      ])
    )
    const cycles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '))
        return
      }
      state.set(file, 'open')
      for (const next of graph.get(file) ?? []) visit(next, [...path, file])
      state.set(file, 'done')
    }
    for (const file of files) visit(file, [])
    expect(cycles).toEqual([])
  })

  it(`keeps every file of src/ within ${MAX_LINES} lines`, () => {
    const long = files
      .map((file) => ({ file, lines: readFileSync(join(SRC, file), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
    expect(long).toEqual([])
  })

  it('keeps each package in its layer: the runner toolkit, octokit (loaded lazily), undici', () => {
    const misplaced: string[] = []
    // Declaration files describe types and load nothing.
    for (const file of files.filter((name) => !name.endsWith('.d.ts'))) {
      for (const { specifier, dynamic } of importsOf(file)) {
        if (specifier === '@actions/core' && !file.startsWith('adapters/actions/'))
          misplaced.push(`${file}: @actions/core`)
        const octokit = /^(@actions\/github|@octokit\/|bottleneck)/.test(specifier)
        if (octokit && !file.startsWith('adapters/github/')) misplaced.push(`${file}: ${specifier}`)
        // A type import costs nothing at run time; a value import of octokit must be lazy.
        const typeOnly = new RegExp(`import type [^;]*'${specifier}'`).test(
          readFileSync(join(SRC, file), 'utf8')
        )
        if (octokit && !dynamic && !typeOnly) misplaced.push(`${file}: ${specifier} not lazy`)
        if (specifier === 'undici' && !file.startsWith('core/')) misplaced.push(`${file}: undici`)
      }
    }
    expect(misplaced).toEqual([])
  })

  it('the command line bundle does not carry the runner toolkit', () => {
    const bundle = join(REPO_ROOT, 'dist', 'cli')
    const carrying = readdirSync(bundle)
      .filter((name) => name.endsWith('.js'))
      .filter((name) => readFileSync(join(bundle, name), 'utf8').includes('@actions/core'))
    expect(carrying).toEqual([])
  })
})
