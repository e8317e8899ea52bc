import { isValidId } from '../core/agent-api.js'
import type { Logger } from '../core/logger.js'
import { findJobMarker } from '../thread/markers.js'
import type { CommentAuthor, ThreadItem } from '../thread/thread.js'
import { readClaim } from './claims.js'

export interface MarkerSources {
  items: readonly ThreadItem[]
  /** Whether an account's markers count: the token's own, and `trusted-marker-authors`. */
  isTrusted: (login: string) => boolean
  pullRequestBody: string | undefined
  pullRequestAuthor: CommentAuthor | undefined
  logger: Logger
}

/**
 * The job named by the newest trusted marker on the thread, else by the pull request body when a
 * trusted account opened the pull request. Anyone can write a marker, in a comment or in the body
 * of a pull request they open; only trusted accounts' markers can send a follow-up somewhere.
 *
 * "Newest" follows the line of commands: a status comment counts from where its command stands
 * in line (when it was written, or when it joined the end), so that runs which started out of
 * order still leave the last command's job on top.
 */
export function jobFromMarkers(sources: MarkerSources): string | undefined {
  const { items, isTrusted, logger } = sources
  const log = (line: string): void => logger.info(line)
  const writtenAt = new Map(items.map((i) => [`${i.kind}:${i.id}`, i.writtenAt]))
  const candidates = items
    .filter((item) => isTrusted(item.author.login))
    .flatMap((item) => {
      const jobId = findJobMarker(item.body)
      if (!jobId || !isValidId(jobId)) return []
      const claim = readClaim(item.body)
      const at =
        claim?.at ??
        (claim === undefined ? undefined : writtenAt.get(claim.place)) ??
        item.writtenAt
      return [{ item, jobId, at }]
    })
    .sort((a, b) => b.at - a.at || b.item.id - a.item.id)
  const newest = candidates[0]
  if (newest) {
    log(
      `Job ${newest.jobId} comes from a marker in ${newest.item.author.login}'s comment ${newest.item.url || newest.item.id}.`
    )
    return newest.jobId
  }

  const fromBody = findJobMarker(sources.pullRequestBody)
  if (!fromBody || !isValidId(fromBody)) return undefined
  const opener = sources.pullRequestAuthor?.login ?? ''
  if (!isTrusted(opener)) {
    log(
      `Ignored the job marker in the pull request body: the pull request was opened by @${opener || 'an unknown account'}, whose markers are not trusted (only the token's own account and trusted-marker-authors are).`
    )
    return undefined
  }
  log(`Job ${fromBody} comes from a marker in the body of the pull request opened by @${opener}.`)
  return fromBody
}
