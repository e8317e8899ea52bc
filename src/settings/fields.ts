/** Reading one input: the rules every input of its kind follows, and the error when it does not. */
import { isValidId } from '../core/agent-api.js'
import { parseDuration } from '../core/duration.js'

export interface InputSource {
  get(name: string): string
  /** Called with the key the moment it is read, so nothing printed later can reveal it. */
  mask(secret: string): void
}

/** A problem with the workflow's inputs; its message tells the user what to change. */
export class InputError extends Error {
  override name = 'InputError'
}

/** How a setting is named as a sentence's subject, for inputs only the action has. */
export const inputSubject = (name: string): string => `Input '${name}'`

export function required(text: string, subject: string, hint: string): string {
  const value = text.trim()
  if (!value) throw new InputError(`${subject} is required: ${hint}`)
  return value
}

export function identifier(text: string, subject: string, hint: string): string {
  const value = required(text, subject, hint)
  if (!isValidId(value)) {
    throw new InputError(
      `${subject} is not a valid ID (${JSON.stringify(value.slice(0, 60))}): IDs are letters, digits, '.', '_', '~', ':', '@' and '-', without '/', '?', '#' or spaces. ${hint}`
    )
  }
  return value
}

export function duration(text: string, subject: string, fallback: string): number {
  const given = text.trim() || fallback
  const ms = parseDuration(given)
  if (ms === undefined) {
    throw new InputError(
      `${subject} is not a duration (${JSON.stringify(given.slice(0, 40))}): write it like 90s, 15m, 1h or a number of seconds.`
    )
  }
  if (ms <= 0) throw new InputError(`${subject} must be longer than zero (got '${given}').`)
  return ms
}

export function boolean(text: string, subject: string, fallback: boolean): boolean {
  const value = text.trim().toLowerCase()
  if (!value) return fallback
  if (value === 'true') return true
  if (value === 'false') return false
  throw new InputError(`${subject} must be true or false (got '${value.slice(0, 40)}').`)
}

export function wholeNumber(text: string, subject: string, fallback: number): number {
  const value = text.trim()
  if (!value) return fallback
  if (!/^\d+$/.test(value))
    throw new InputError(
      `${subject} must be a whole number, 0 or more (got '${value.slice(0, 40)}').`
    )
  return Number(value)
}

const DEFAULT_BASE_URL = 'https://api.mintlify.com'

/** A host, an optional port and an optional path, with no scheme: `localhost:4010`, `api.x.com/v1`. */
const HOST_FORM =
  /^[a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]*[a-z\d])?)*(?::\d{1,5})?(?:\/(?!\/)[^\s?#@]*)?$/i

/**
 * What was meant by a base URL whose http(s) scheme is mistyped (`https:/api.mintlify.com`,
 * `http//localhost:4010`); undefined unless the rest is a well-formed host, so that no advice is
 * itself malformed.
 */
export function mendedBaseUrl(given: string): string | undefined {
  const [, scheme, rest = ''] = /^(https?)(?::\/{0,3}|\/\/)(?!\/)(.+)$/i.exec(given) ?? []
  return scheme && HOST_FORM.test(rest) ? `${scheme.toLowerCase()}://${rest}` : undefined
}

export function baseUrl(text: string, subject: string): string {
  const given = text.trim() || DEFAULT_BASE_URL
  const shown = JSON.stringify(given.slice(0, 80))
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(given)) {
    const mended = mendedBaseUrl(given)
    if (mended)
      throw new InputError(
        `${subject} is not a well-formed URL (got ${shown}): did you mean ${mended}?`
      )
    // `localhost:4010` parses as a URL of scheme `localhost:`: say what was meant instead.
    if (HOST_FORM.test(given))
      throw new InputError(
        `${subject} must start with https:// or http:// (got ${shown}): write http://${given} for a local server, or https://${given} for one with TLS.`
      )
    throw new InputError(
      `${subject} is not a URL (got ${shown}): give the whole address, scheme first, as ${DEFAULT_BASE_URL} (or http://localhost:4010 for a local server such as the simulator).`
    )
  }
  let url: URL
  try {
    url = new URL(given)
  } catch {
    throw new InputError(
      `${subject} is not a URL (${shown}): use ${DEFAULT_BASE_URL} or your gateway's address.`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`${subject} must start with https:// or http:// (got ${shown}).`)
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new InputError(
      `${subject} must not carry a query, a fragment or credentials: give the origin and optional path prefix only.`
    )
  }
  return url.href.replace(/\/+$/, '')
}

export function list(source: InputSource, name: string): readonly string[] {
  return Object.freeze(
    source
      .get(name)
      .split(/[\s,]+/)
      .filter(Boolean)
  )
}
