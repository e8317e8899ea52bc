import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../../scripts/run-action.js'
import {
  parameterProblems,
  problems,
  templatePattern,
  type Parameter,
  type Schema
} from './openapi.js'

/**
 * The operations the action calls, from GitHub's published OpenAPI description (see
 * scripts/github-openapi-subset.mjs): the fake GitHub and the simulator's GitHub side are checked
 * against them, calls and answers alike.
 */
const GITHUB_SPEC = JSON.parse(
  readFileSync(join(REPO_ROOT, '__tests__', 'fixtures', 'github-rest-subset.json'), 'utf8')
) as {
  paths: Record<
    string,
    Record<
      string,
      { parameters: Parameter[]; requestBody?: Schema; responses: Record<string, Schema | null> }
    >
  >
}
const OPERATIONS = Object.entries(GITHUB_SPEC.paths).map(([template, methods]) => ({
  ...templatePattern(template),
  template,
  methods
}))

/** What GitHub's description says of a call, or undefined when it is not a call GitHub documents. */
export function operationFor(method: string, path: string) {
  for (const { pattern, names, template, methods } of OPERATIONS) {
    const match = pattern.exec(path)
    const operation = match && methods[method.toLowerCase()]
    if (!match || !operation) continue
    const values = Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]))
    return { template, operation, values }
  }
  return undefined
}

/** Problems with a documented call's parameters and body (a body where GitHub takes none, too). */
export function callProblems(method: string, path: string, query: string, body: unknown): string[] {
  const documented = operationFor(method, path)
  if (!documented) return ['not an operation GitHub documents']
  const { operation, values } = documented
  const found = parameterProblems(operation.parameters, values, new URLSearchParams(query))
  if (operation.requestBody)
    found.push(...problems(operation.requestBody, body ?? {}, { strictProperties: true }))
  else if (body !== undefined) found.push('a body where GitHub takes none')
  return found
}

/**
 * Problems with an answer under the documented answer for its status: no property the
 * description does not name, every value of its type, and with `required` every property it
 * requires (the fake's answers are trimmed to what the action reads; the simulator's are whole).
 */
export function answerProblems(
  method: string,
  path: string,
  status: number,
  body: unknown,
  { required = false } = {}
): string[] {
  const schema = operationFor(method, path)?.operation.responses[String(status)]
  if (!schema || body === undefined) return []
  return problems(schema, body, { checkRequired: required, strictProperties: true })
}
