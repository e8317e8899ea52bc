import type { Octokit } from './octokit-type.js'

interface Cached {
  etag: string
  response: unknown
}

/**
 * Makes every GET that was answered before conditional (`If-None-Match` with the last ETag), and
 * answers a `304 Not Modified` from memory: GitHub does not count a 304 against the token's rate
 * limit, so reading what did not change again is free. Each page of a list is its own URL, so
 * paging works as before. ETags belong to the token, so the memory lasts one run.
 */
export function rememberAnswers(octokit: Octokit): void {
  const cache = new Map<string, Cached>()
  octokit.hook.wrap('request', async (request, options) => {
    if (options.method !== 'GET') return request(options)
    const { url, headers } = octokit.request.endpoint.parse(options)
    const key = `${headers.accept ?? ''} ${url}`
    const cached = cache.get(key)
    // Every hook of the chain is handed the same options object: the header goes into it, since
    // options passed on to the next hook would be dropped.
    if (cached) options.headers['if-none-match'] = cached.etag
    try {
      const response = await request(options)
      const etag = (response.headers as Record<string, string | undefined>).etag
      if (etag) cache.set(key, { etag, response })
      return response
    } catch (error) {
      if (cached && (error as { status?: number }).status === 304) return cached.response as never
      throw error
    }
  })
}
