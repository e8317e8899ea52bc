/** The event that started a sync run, as the payload told it. */
import type { CommentAuthor } from '../thread/thread.js'

/** The `pull_request` or `pull_request_target` event a sync run was started for. */
export interface SyncTrigger {
  event: 'pull_request' | 'pull_request_target'
  /** `opened`, `reopened`, `ready_for_review`, `synchronize`, `closed`, … */
  action: string
  owner: string
  repo: string
  number: number
  /** The pull request's page. */
  url: string
  author: CommentAuthor
  draft: boolean
  /** The head branch lives in another repository than the base. */
  fromFork: boolean
  /** The head commit as the event saw it. */
  headSha: string | undefined
  /** The pull request's labels as the event saw them. */
  labels: string[]
  /** For `labeled` and `unlabeled`: the label added or removed. */
  label?: string | undefined
}
