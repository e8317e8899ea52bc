import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../../scripts/run-action.js'
import type { RecordedRequest } from '../../src/simulator/server.js'
import {
  parameterProblems,
  problems,
  templatePattern,
  type Parameter,
  type Schema
} from './openapi.js'

// The official spec sits in ../shared beside the clone (as in this project's CI); it is not copied
// into the repository, so a clone without it skips these checks.
const SPEC_PATH = join(REPO_ROOT, '..', 'shared', 'mintlify', 'admin-openapi.json')

interface Operation {
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: Schema }> }
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>
}

export interface MintlifySpec {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

export const mintlifySpec: MintlifySpec | undefined = existsSync(SPEC_PATH)
  ? (JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as MintlifySpec)
  : undefined

export function resolveRef(spec: MintlifySpec): (ref: string) => Schema {
  return (ref) => spec.components.schemas[ref.split('/').pop()!]!
}

/** The operation a method and path call, with the path's values, if the spec has one. */
export function mintlifyOperation(spec: MintlifySpec, method: string, path: string) {
  for (const [template, methods] of Object.entries(spec.paths)) {
    const { pattern, names } = templatePattern(template)
    const match = pattern.exec(path)
    const operation = methods[method.toLowerCase()]
    if (match && operation) {
      return {
        template,
        operation,
        values: Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]))
      }
    }
  }
  return undefined
}

/** What is wrong with a request the action made, under the spec; empty when nothing is. */
export function requestProblems(spec: MintlifySpec, request: RecordedRequest): string[] {
  const url = new URL(request.path, 'http://simulator')
  const call = `${request.method} ${request.path}`
  const found = mintlifyOperation(spec, request.method, url.pathname)
  if (!found) return [`${call} is not an operation of admin-openapi.json`]
  const { operation, values } = found
  const list = parameterProblems(operation.parameters ?? [], values, url.searchParams)
  if (!/^Bearer mint_\S+$/.test(String(request.headers.authorization)))
    list.push('no bearer admin key')
  const body = operation.requestBody?.content['application/json']?.schema
  // A connection cut before the body was read leaves nothing to check.
  if (body && request.body !== undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(request.body)
    } catch {
      parsed = undefined
    }
    if (parsed === undefined) list.push('the body is not JSON')
    else list.push(...problems(body, parsed, { resolve: resolveRef(spec), strictProperties: true }))
  } else if (!body && request.body) {
    list.push('a body where the spec takes none')
  }
  return list.map((problem) => `${call}: ${problem}`)
}
