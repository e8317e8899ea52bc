/**
 * Just enough of OpenAPI's schema rules to check the calls the action makes, and the answers the
 * fakes give, against the published descriptions (GitHub's, Mintlify's).
 */
export interface Schema {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  nullable?: boolean
  required?: string[]
  properties?: Record<string, Schema>
  additionalProperties?: boolean | Schema
  items?: Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  format?: string
}

export interface CheckOptions {
  /** Resolves `$ref`s (Mintlify's spec uses them; the GitHub subset is dereferenced). */
  resolve?: (ref: string) => Schema
  /** Properties the schema does not name are a problem (what the action sends must be documented). */
  strictProperties?: boolean
  /** Missing required properties are a problem (off for the fakes' trimmed answers). */
  checkRequired?: boolean
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

/** The problems with `value` under `schema`, as `$.path is …` lines; empty when it conforms. */
export function problems(
  schema: Schema,
  value: unknown,
  options: CheckOptions = {},
  at = '$'
): string[] {
  if (schema.$ref) {
    if (!options.resolve) return [`${at}: cannot resolve ${schema.$ref}`]
    return problems(options.resolve(schema.$ref), value, options, at)
  }
  // Every keyword applies: alternatives are checked beside the schema's own rules.
  const found = (schema.allOf ?? []).flatMap((s) => problems(s, value, options, at))
  const branches = schema.anyOf ?? schema.oneOf
  if (branches) {
    const results = branches.map((s) => problems(s, value, options, at))
    if (!results.some((r) => r.length === 0))
      found.push(`${at} matches none of its alternatives (${results.flat()[0]})`)
  }
  return [...found, ...ownProblems(schema, value, options, at)]
}

function ownProblems(schema: Schema, value: unknown, options: CheckOptions, at: string): string[] {
  if (value === null && schema.nullable) return []
  const actual = typeOf(value)
  const allowed = schema.type === undefined ? undefined : [schema.type].flat()
  if (allowed && !allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number')))
    return [`${at} is ${actual}, not ${allowed.join(' or ')}`]
  if (schema.enum && !schema.enum.includes(value))
    return [`${at} is not one of ${schema.enum.join(', ')}`]
  switch (actual) {
    case 'string': {
      const text = value as string
      if (schema.minLength !== undefined && text.length < schema.minLength)
        return [`${at} is shorter than ${schema.minLength}`]
      if (schema.maxLength !== undefined && text.length > schema.maxLength)
        return [`${at} is longer than ${schema.maxLength}`]
      if (schema.format === 'date-time' && Number.isNaN(Date.parse(text)))
        return [`${at} is not a date-time`]
      if (schema.format === 'uri' && !URL.canParse(text)) return [`${at} is not a URI`]
      return []
    }
    case 'integer':
    case 'number': {
      const number = value as number
      if (schema.minimum !== undefined && number < schema.minimum)
        return [`${at} is below ${schema.minimum}`]
      if (schema.maximum !== undefined && number > schema.maximum)
        return [`${at} is above ${schema.maximum}`]
      return []
    }
    case 'array': {
      const items = schema.items
      return items
        ? (value as unknown[]).flatMap((item, i) => problems(items, item, options, `${at}[${i}]`))
        : []
    }
    case 'object': {
      const record = value as Record<string, unknown>
      const found: string[] = []
      if (options.checkRequired !== false) {
        for (const name of schema.required ?? [])
          if (!(name in record)) found.push(`${at}.${name} is missing`)
      }
      for (const [name, inner] of Object.entries(record)) {
        const sub = schema.properties?.[name]
        const extra = schema.additionalProperties
        if (sub) found.push(...problems(sub, inner, options, `${at}.${name}`))
        else if (typeof extra === 'object')
          found.push(...problems(extra, inner, options, `${at}.${name}`))
        else if (options.strictProperties && schema.properties && extra !== true)
          found.push(`${at}.${name} is not in the spec`)
      }
      return found
    }
    default:
      return []
  }
}

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Schema
}

/** Turns `/repos/{owner}/{repo}` into a pattern that captures each named segment. */
export function templatePattern(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = []
  const source = template
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
      names.push(name)
      return '([^/]+)'
    })
  return { pattern: new RegExp(`^${source}$`), names }
}

/** A parameter's text as its schema's type, for the schema check. */
function parsed(text: string, schema: Schema | undefined): unknown {
  const type = [schema?.type].flat()[0]
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text)
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true'
  return text
}

/** Problems with a call's path and query parameters: unknown, missing, or not of their schema. */
export function parameterProblems(
  parameters: Parameter[],
  pathValues: Record<string, string>,
  query: URLSearchParams,
  options: CheckOptions = {}
): string[] {
  const found: string[] = []
  for (const parameter of parameters) {
    const raw =
      parameter.in === 'path'
        ? pathValues[parameter.name]
        : parameter.in === 'query'
          ? query.get(parameter.name)
          : undefined
    if (raw === undefined || raw === null) {
      if (parameter.required && (parameter.in === 'path' || parameter.in === 'query'))
        found.push(`${parameter.in} parameter ${parameter.name} is missing`)
      continue
    }
    const value = parsed(decodeURIComponent(raw), parameter.schema)
    if (parameter.schema)
      found.push(...problems(parameter.schema, value, options, `${parameter.in}.${parameter.name}`))
  }
  for (const name of new Set(query.keys())) {
    if (!parameters.some((p) => p.in === 'query' && p.name === name))
      found.push(`query parameter ${name} is not in the spec`)
  }
  return found
}
