/**
 * How GitHub's REST API answers, for the simulator's GitHub side: its error bodies, lists a page
 * at a time (at most 100, `per_page` and `page`, a `Link` header when there are more), an ETag on
 * every read and `304 Not Modified` for a read that names it (If-None-Match).
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

const DOCS = 'https://docs.github.com/rest'

export interface Answer {
  status: number
  body?: unknown
  /** A list to be served a page at a time. */
  paged?: boolean
}

export const ok = (body: unknown, status = 200): Answer => ({ status, body })
export const list = (body: unknown[]): Answer => ({ status: 200, body, paged: true })
export const failure = (status: number, message: string): Answer =>
  ok({ message, documentation_url: DOCS }, status)
export const notFound = (): Answer => failure(404, 'Not Found')
export const invalid = (resource: string, field: string, code = 'missing_field'): Answer =>
  ok(
    { message: 'Validation Failed', errors: [{ resource, field, code }], documentation_url: DOCS },
    422
  )

/** One page of a list, at most 100 items, as `per_page` and `page` ask (30 and 1 by default). */
export function page<T>(
  items: readonly T[],
  query: URLSearchParams
): { items: T[]; perPage: number; page: number; last: number } {
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page')) || 30))
  const at = Math.max(1, Number(query.get('page')) || 1)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  return { items: items.slice((at - 1) * perPage, at * perPage), perPage, page: at, last }
}

/** Sends an answer: a list a page at a time with a `Link` header, an ETag on every 200 read. */
export function send(req: IncomingMessage, res: ServerResponse, answer: Answer, url: URL): void {
  const headers: Record<string, string> = {}
  let { body } = answer
  if (answer.paged && Array.isArray(body)) {
    const shown = page(body, url.searchParams)
    const link = (n: number, rel: string) => {
      const target = new URL(url.pathname + url.search, `http://${req.headers.host ?? '127.0.0.1'}`)
      target.searchParams.set('per_page', String(shown.perPage))
      target.searchParams.set('page', String(n))
      return `<${target.href}>; rel="${rel}"`
    }
    const links = [
      ...(shown.page < shown.last ? [link(shown.page + 1, 'next'), link(shown.last, 'last')] : []),
      ...(shown.page > 1 ? [link(1, 'first'), link(shown.page - 1, 'prev')] : [])
    ]
    if (links.length) headers.link = links.join(', ')
    body = shown.items
  }
  const text = body === undefined ? '' : JSON.stringify(body)
  if (req.method === 'GET' && answer.status === 200) {
    const etag = `W/"${createHash('sha1')
      .update(text)
      .update(headers.link ?? '')
      .digest('hex')}"`
    headers.etag = etag
    const asked = String(req.headers['if-none-match'] ?? '').split(/\s*,\s*/)
    if (asked.includes(etag)) {
      res.writeHead(304, headers)
      return void res.end()
    }
  }
  if (text) headers['content-type'] = 'application/json; charset=utf-8'
  res.writeHead(answer.status, headers)
  res.end(text)
}
