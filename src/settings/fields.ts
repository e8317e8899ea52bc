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

export function baseUrl(text: string, subject: string): string {
  const given = text.trim() || 'https://api.mintlify.com'
  // `localhost:4010` parses as a URL of scheme `localhost:`: say what was meant instead.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(given)) {
    throw new InputError(
      `${subject} must start with https:// or http:// (got ${JSON.stringify(given.slice(0, 80))}): write http://${given.slice(0, 80)} for a local server, or https:// for one elsewhere.`
    )
  }
  let url: URL
  try {
    url = new URL(given)
  } catch {
    throw new InputError(
      `${subject} is not a URL (${JSON.stringify(given.slice(0, 80))}): use https://api.mintlify.com or your gateway's address.`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `${subject} must start with https:// or http:// (got ${JSON.stringify(given.slice(0, 80))}).`
    )
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
