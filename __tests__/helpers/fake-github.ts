import { createHash } from 'node:crypto'
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { answerProblems, callProblems, operationFor } from './github-contract.js'
import { pullRequestRoutes, type FakePullRequest, type PullRequestSeed } from './fake-pulls.js'
import { docsRepoRoutes } from './fake-docs-repo.js'

/** The head commit of every pull request the fake knows, and its branch unless told another. */
export const HEAD_SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e'
export const HEAD_REF = 'fix-readme-typo'
export const OWNER_REPO = 'Codertocat/Hello-World'

export interface GitHubCall {
  method: string
  path: string
  query: string
  body: Record<string, unknown> | undefined
  /** Date.now() when the call arrived. */
  at: number
  /** The answer's status (304 for a conditional read of something unchanged). */
  status: number
  /** The token the call was made with. */
  token: string
}

export type CommentKind = 'issue' | 'review-comment'

export interface FakeComment {
  id: number
  body: string
  user: { login: string; type: string }
  created_at: string
  updated_at: string
  html_url: string
  kind: CommentKind
  /** The issue or pull request it is on. */
  thread: number
  pull_request_review_id?: number
  /** For a review comment: where on the diff it was made. */
  path?: string
  line?: number
  diff_hunk?: string
}

/** Where a review comment sits, and the review it was submitted with. */
export interface OnTheDiff {
  reviewId: number
  path: string
  line: number
  diffHunk: string
}

export interface FakeReview {
  id: number
  body: string
  user: { login: string; type: string }
  state: string
  submitted_at: string
  html_url: string
  thread: number
}

export interface FakeReaction {
  id: number
  content: string
  user: { login: string; type: string }
  created_at: string
  /** The comment it is on; 0 for a reaction on the issue or pull request itself. */
  commentId: number
  /** For a reaction on an issue or pull request itself: its number. */
  issue?: number
}

export interface FakeGitHubOptions {
  /** Role of each commenter (`role_name`); others get `none`. */
  roles?: Record<string, string>
  /** Comments already on the conversation of each issue or pull request, written long ago. */
  issueComments?: Record<number, { body: string; author: string }[]>
  /** The account the token acts as. */
  tokenLogin?: string
  /** The head branch of the pull requests (the agent's own pull requests have `mintlify/…`). */
  headRef?: string
  /** The pull requests the fake serves, by number (a plain one is made up for any other). */
  pullRequests?: Record<number, PullRequestSeed>
  /**
   * Whether the token may read workflow runs (`actions: read`): without it, GitHub answers 403.
   * Runs are `in_progress` until `endRun` says otherwise.
   */
  readRuns?: boolean
  /** The conversation's comment list shows a new comment only this long after it was written. */
  listLagMs?: number
  /** The docs repository the fake serves pull requests of (the simulator's: acme/docs). */
  docsRepository?: string
}

/** A fault served instead of the answer: a status with GitHub's error body, or a dropped connection. */
export type GitHubFault =
  | number
  | 'reset'
  /** No fault: the call is answered, and the faults after it are served to the next calls. */
  | 'pass'
  | {
      status: number
      message: string
      headers?: Record<string, string>
      /** GitHub carried the call out before it failed: its effect stays, its answer is lost. */
      carriedOut?: boolean
    }

/** A loopback GitHub REST API with what the action uses, recording every call. */
export interface FakeGitHub {
  url: string
  calls: GitHubCall[]
  /** Calls that count against the token's rate limit: everything but GraphQL and 304s. */
  counted(): GitHubCall[]
  /** Comments as they stand now, by ID, edits applied. */
  comments: Map<number, FakeComment>
  reviews: Map<number, FakeReview>
  reactions: FakeReaction[]
  pullRequests: Map<number, FakePullRequest>
  /** The docs repository's pull requests, and the code repository's check runs. */
  docs: ReturnType<typeof docsRepoRoutes>
  /** Pull request `number` as the fake serves it (made up from its seed on first use). */
  pullRequest(number: number): FakePullRequest
  /** Calls or answers that GitHub's OpenAPI description does not allow; `close()` fails on any. */
  violations: string[]
  /** A comment written now by someone, as GitHub would store it (for an event's payload). */
  addComment(thread: number, body: string, author: string, onTheDiff?: OnTheDiff): FakeComment
  /** Moves a comment's `created_at` back by `ms`: a comment written that long ago. */
  backdate(id: number, ms: number): FakeComment
  /** Someone edits a comment: its body and `updated_at` change, as on GitHub. */
  editComment(id: number, body: string): void
  /** Someone deletes a comment. */
  deleteComment(id: number): void
  /** A submitted review (its summary), written now. */
  addReview(thread: number, body: string, author: string, state?: string): FakeReview
  /**
   * Keeps the comment or review of a webhook payload as GitHub has it, under the payload's ID:
   * the command a run was started for is on its thread. Returns the event, for chaining.
   */
  storeEvent<Event extends { payload: unknown }>(event: Event): Event
  /** A workflow run attempt has ended (completed), as when its runner was killed. */
  endRun(runId: number, attempt?: number): void
  /** Serves `faults` in turn to the next calls whose method and path match. */
  failNext(method: string, path: RegExp, faults: GitHubFault[]): void
  close(): Promise<void>
}

/** GitHub writes times to the second. */
export function githubTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function userOf(login: string) {
  return { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
}

/** How a route answers: a status and a body, or a list that the fake pages. */
export type Answer = { status: number; body: unknown; paged?: boolean }
export type Route = [
  string,
  RegExp,
  (
    match: string[],
    body: Record<string, unknown>,
    query: URLSearchParams,
    headers: IncomingHttpHeaders
  ) => Answer
]

const found = (body: unknown, status = 200): Answer => ({ status, body })
const notFound: Answer = { status: 404, body: { message: 'Not Found' } }

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const calls: GitHubCall[] = []
  const comments = new Map<number, FakeComment>()
  const reviews = new Map<number, FakeReview>()
  const reactions: FakeReaction[] = []
  const endedRuns = new Set<string>()
  const faults: { method: string; path: RegExp; fault: GitHubFault }[] = []
  const violations: string[] = []
  const sockets = new Set<Socket>()
  const tokenLogin = options.tokenLogin ?? 'github-actions[bot]'
  let nextId = 9000
  // Seeded comments were written a day ago, a second apart.
  let seedClock = Date.now() - 86_400_000

  function addComment(
    thread: number,
    body: string,
    author: string,
    extra: { kind?: CommentKind; at?: number; onTheDiff?: OnTheDiff } = {}
  ): FakeComment {
    const id = ++nextId
    const kind = extra.onTheDiff ? 'review-comment' : (extra.kind ?? 'issue')
    const at = githubTime(extra.at ?? Date.now())
    const diff = extra.onTheDiff
    const comment: FakeComment = {
      id,
      body,
      user: userOf(author),
      created_at: at,
      updated_at: at,
      html_url:
        kind === 'issue'
          ? `https://github.com/${OWNER_REPO}/pull/${thread}#issuecomment-${id}`
          : `https://github.com/${OWNER_REPO}/pull/${thread}#discussion_r${id}`,
      kind,
      thread,
      ...(diff
        ? {
            pull_request_review_id: diff.reviewId,
            path: diff.path,
            line: diff.line,
            diff_hunk: diff.diffHunk
          }
        : {})
    }
    comments.set(id, comment)
    return comment
  }

  function addReview(thread: number, body: string, author: string, state = 'COMMENTED') {
    const id = ++nextId
    const review: FakeReview = {
      id,
      body,
      user: userOf(author),
      state,
      submitted_at: githubTime(Date.now()),
      html_url: `https://github.com/${OWNER_REPO}/pull/${thread}#pullrequestreview-${id}`,
      thread
    }
    reviews.set(id, review)
    return review
  }

  for (const [issue, list] of Object.entries(options.issueComments ?? {})) {
    for (const { body, author } of list) {
      addComment(Number(issue), body, author, { at: (seedClock += 1000) })
    }
  }

  /** A comment as GitHub's API shows it, without what the fake keeps for itself. */
  function shown({ kind: _kind, thread: _thread, ...comment }: FakeComment) {
    return comment
  }

  function shownReview({ thread: _thread, ...review }: FakeReview) {
    return review
  }

  function reviewOf(pull: string | undefined, id: string | undefined): FakeReview | undefined {
    const review = reviews.get(Number(id))
    return review && review.thread === Number(pull) ? review : undefined
  }

  /** What the action writes comes from the token's account. */
  function written(body: string, thread: number, kind: CommentKind): FakeComment {
    return addComment(thread, body, tokenLogin, { kind })
  }

  const byThread = (kind: CommentKind, thread: number) =>
    [...comments.values()]
      .filter((c) => c.kind === kind && c.thread === thread)
      .sort((a, b) => a.id - b.id)

  const commentOf = (where: string | undefined, id: string | undefined) => {
    const comment = comments.get(Number(id))
    const kind = where === 'issues' ? 'issue' : 'review-comment'
    return comment && comment.kind === kind ? comment : undefined
  }

  const pulls = pullRequestRoutes({
    seeds: options.pullRequests ?? {},
    headRef: options.headRef ?? HEAD_REF,
    headSha: HEAD_SHA
  })

  const docs = docsRepoRoutes(options.docsRepository ?? 'acme/docs', tokenLogin)

  const routes: Route[] = [
    ...docs.routes,
    ...docs.checkRoutes,
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/,
      ([login]) => {
        const role = options.roles?.[decodeURIComponent(login!)] ?? 'none'
        const permission = { maintain: 'write', triage: 'read' }[role] ?? role
        return found({ permission, role_name: role, user: { login } })
      }
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/(?:issues|pulls)\/comments\/(\d+)\/reactions$/,
      ([id], b) => {
        // One reaction of a kind per account and comment: GitHub answers 200 with the one there is.
        const content = String(b.content)
        const there = reactions.find(
          (r) => r.commentId === Number(id) && r.content === content && r.user.login === tokenLogin
        )
        if (there) return found(shownReaction(there), 200)
        const reaction: FakeReaction = {
          id: ++nextId,
          content,
          user: userOf(tokenLogin),
          created_at: githubTime(Date.now()),
          commentId: Number(id)
        }
        reactions.push(reaction)
        return found(shownReaction(reaction), 201)
      }
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/reactions$/,
      ([issue], b) => {
        // One reaction of a kind per account and pull request, as on comments.
        const content = String(b.content)
        const there = reactions.find(
          (r) => r.issue === Number(issue) && r.content === content && r.user.login === tokenLogin
        )
        if (there) return found(shownReaction(there), 200)
        const reaction: FakeReaction = {
          id: ++nextId,
          content,
          user: userOf(tokenLogin),
          created_at: githubTime(Date.now()),
          commentId: 0,
          issue: Number(issue)
        }
        reactions.push(reaction)
        return found(shownReaction(reaction), 201)
      }
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/reactions$/,
      ([issue], _b, query) => ({
        status: 200,
        paged: true,
        body: reactions
          .filter((r) => r.issue === Number(issue))
          .filter((r) => !query.get('content') || r.content === query.get('content'))
          .map(shownReaction)
      })
    ],
    [
      'DELETE',
      /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/reactions\/(\d+)$/,
      ([issue, reactionId]) => {
        const at = reactions.findIndex(
          (r) => r.issue === Number(issue) && r.id === Number(reactionId)
        )
        if (at < 0) return notFound
        reactions.splice(at, 1)
        return found(undefined, 204)
      }
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      ([issue], b) => found(shown(written(String(b.body), Number(issue), 'issue')), 201)
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/comments\/(\d+)\/replies$/,
      ([pull], b) => found(shown(written(String(b.body), Number(pull), 'review-comment')), 201)
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/(issues|pulls)\/comments\/(\d+)$/,
      ([where, id]) => {
        const comment = commentOf(where, id)
        return comment ? found(shown(comment)) : notFound
      }
    ],
    [
      'PATCH',
      /^\/repos\/[^/]+\/[^/]+\/(issues|pulls)\/comments\/(\d+)$/,
      ([where, id], b) => {
        const comment = commentOf(where, id)
        if (!comment) return notFound
        comment.body = String(b.body)
        comment.updated_at = githubTime(Date.now())
        return found(shown(comment))
      }
    ],
    [
      'DELETE',
      /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/,
      ([id]) => {
        if (!commentOf('issues', id)) return notFound
        comments.delete(Number(id))
        return found(undefined, 204)
      }
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      ([issue]) => ({
        status: 200,
        paged: true,
        body: byThread('issue', Number(issue))
          .filter((c) => Date.parse(c.created_at) <= Date.now() - (options.listLagMs ?? 0))
          .map(shown)
      })
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/comments$/,
      ([pull]) => ({
        status: 200,
        paged: true,
        body: byThread('review-comment', Number(pull)).map(shown)
      })
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews$/,
      ([pull]) => ({
        status: 200,
        paged: true,
        body: [...reviews.values()].filter((r) => r.thread === Number(pull)).map(shownReview)
      })
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews\/(\d+)$/,
      ([pull, id]) => {
        const review = reviewOf(pull, id)
        return review ? found(shownReview(review)) : notFound
      }
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews\/(\d+)\/comments$/,
      ([pull, id]) => {
        if (!reviewOf(pull, id)) return notFound
        const submitted = byThread('review-comment', Number(pull)).filter(
          (c) => c.pull_request_review_id === Number(id)
        )
        return { status: 200, paged: true, body: submitted.map(shown) }
      }
    ],
    ...pulls.routes,
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)\/attempts\/(\d+)$/,
      ([run, attempt]) => {
        if (!options.readRuns)
          return found({ message: 'Resource not accessible by integration' }, 403)
        const status = endedRuns.has(`${run}.${attempt}`) ? 'completed' : 'in_progress'
        return found({ id: Number(run), run_attempt: Number(attempt), status })
      }
    ],
    [
      'POST',
      /^\/graphql$/,
      (_m, b) =>
        docs.graphql(String(b.query), (b.variables as Record<string, unknown>) ?? {}) ??
        found({ data: { viewer: { login: tokenLogin } } })
    ]
  ]

  function shownReaction({ commentId: _c, issue: _i, ...reaction }: FakeReaction) {
    return reaction
  }

  /**
   * Sends an answer as GitHub would: a list a page at a time with `Link` headers, an `ETag` on
   * every read, and `304 Not Modified` when the read names the ETag of what it would get.
   */
  function send(req: IncomingMessage, res: ServerResponse, answer: Answer, query: URLSearchParams) {
    let { body } = answer
    const headers: Record<string, string> = {}
    if (answer.paged && Array.isArray(body)) {
      const perPage = Math.min(100, Number(query.get('per_page') ?? 30) || 30)
      const page = Math.max(1, Number(query.get('page') ?? 1) || 1)
      const last = Math.max(1, Math.ceil(body.length / perPage))
      const link = (n: number, rel: string) => {
        const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
        url.searchParams.set('page', String(n))
        url.searchParams.set('per_page', String(perPage))
        return `<${url.href}>; rel="${rel}"`
      }
      const links = [
        ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
        ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : [])
      ]
      if (links.length) headers.link = links.join(', ')
      body = body.slice((page - 1) * perPage, page * perPage)
    }
    const text = body === undefined ? '' : JSON.stringify(body)
    check(req, answer.status, body)
    if (req.method === 'GET' && answer.status === 200) {
      const etag = `"${createHash('sha1')
        .update(text)
        .update(headers.link ?? '')
        .digest('hex')}"`
      headers.etag = etag
      if (req.headers['if-none-match'] === etag) {
        record(req, 304)
        res.writeHead(304, headers)
        return void res.end()
      }
    }
    record(req, answer.status)
    res.writeHead(answer.status, { 'content-type': 'application/json', ...headers })
    res.end(text)
  }

  /** The answer, checked against the documented answer for its status. */
  function check(req: IncomingMessage, status: number, body: unknown): void {
    const call = `${req.method} ${req.url}`
    for (const problem of answerProblems(
      req.method ?? '',
      (req.url ?? '').split('?')[0]!,
      status,
      body
    ))
      violations.push(`the fake's answer to ${call}: ${problem}`)
  }

  const pending = new Map<IncomingMessage, GitHubCall>()
  function record(req: IncomingMessage, status: number): void {
    const call = pending.get(req)
    if (call) call.status = status
  }

  function serveFault(
    req: IncomingMessage,
    res: ServerResponse,
    fault: Exclude<GitHubFault, 'pass'>
  ): void {
    if (fault === 'reset') return void req.socket.destroy()
    const { status, message, headers } =
      typeof fault === 'number' ? { status: fault, message: 'Server Error', headers: {} } : fault
    record(req, status)
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify({ message, documentation_url: 'https://docs.github.com/rest' }))
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined
    const [path = '', query = ''] = (req.url ?? '').split('?')
    const method = req.method ?? ''
    const token = String(req.headers.authorization ?? '').replace(/^(token|bearer) /i, '')
    const call: GitHubCall = { method, path, query, body, at: Date.now(), status: 0, token }
    calls.push(call)
    pending.set(req, call)
    const params = new URLSearchParams(query)
    // GitHub refuses what it does not document, and so does the fake.
    const refused = checkCall(method, path, query, body)
    if (refused)
      return send(
        req,
        res,
        { status: refused, body: { message: refused === 404 ? 'Not Found' : 'Validation Failed' } },
        params
      )
    const faultAt = faults.findIndex((f) => f.method === method && f.path.test(path))
    const fault = faultAt >= 0 ? faults.splice(faultAt, 1)[0]!.fault : undefined
    if (fault !== undefined && fault !== 'pass' && !(typeof fault === 'object' && fault.carriedOut))
      return serveFault(req, res, fault)
    for (const [routeMethod, pattern, answer] of routes) {
      const match = pattern.exec(path)
      if (routeMethod === method && match) {
        const answered = answer(match.slice(1), body ?? {}, params, req.headers)
        if (fault !== undefined && fault !== 'pass') return serveFault(req, res, fault)
        if (typeof answered.body === 'string') {
          // A media type other than JSON (a diff): sent as it is.
          record(req, answered.status)
          res.writeHead(answered.status, { 'content-type': 'text/plain' })
          return void res.end(answered.body)
        }
        return send(req, res, answered, params)
      }
    }
    send(req, res, notFound, params)
  }

  /**
   * The call against GitHub's description: a documented operation, parameters, body. Returns the
   * status GitHub would refuse it with, if it would.
   */
  function checkCall(
    method: string,
    path: string,
    query: string,
    body: unknown
  ): number | undefined {
    const call = `${method} ${path}${query ? `?${query}` : ''}`
    if (method === 'POST' && path === '/graphql') {
      if (typeof (body as { query?: unknown } | undefined)?.query === 'string') return undefined
      violations.push(`${call}: a GraphQL call without a query`)
      return 422
    }
    if (!operationFor(method, path)) {
      violations.push(`${call} is not an operation GitHub documents`)
      return 404
    }
    const problemsFound = callProblems(method, path, query, body)
    for (const problem of problemsFound) violations.push(`${call}: ${problem}`)
    return problemsFound.length ? 422 : undefined
  }

  const server = createServer((req, res) => void handle(req, res))
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    counted: () => calls.filter((c) => c.status !== 304 && c.path !== '/graphql'),
    comments,
    reviews,
    reactions,
    pullRequests: pulls.pullRequests,
    docs,
    pullRequest: pulls.pullRequest,
    violations,
    addComment: (thread, body, author, onTheDiff) =>
      addComment(thread, body, author, { onTheDiff }),
    backdate: (id, ms) => {
      const comment = comments.get(id)!
      comment.created_at = comment.updated_at = githubTime(Date.parse(comment.created_at) - ms)
      return comment
    },
    editComment: (id, body) => {
      const comment = comments.get(id)!
      comment.body = body
      comment.updated_at = githubTime(Date.now())
    },
    deleteComment: (id) => void comments.delete(id),
    addReview,
    storeEvent: (event) => {
      const payload = event.payload as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
      const thread = Number(payload.issue?.number ?? payload.pull_request?.number)
      if (payload.review) {
        const r = payload.review
        if (!reviews.has(r.id))
          reviews.set(r.id, {
            id: r.id,
            body: r.body ?? '',
            user: userOf(r.user.login),
            state: String(r.state).toUpperCase(),
            submitted_at: r.submitted_at,
            html_url: r.html_url,
            thread
          })
        return event
      }
      const c = payload.comment
      if (!comments.has(c.id))
        comments.set(c.id, {
          id: c.id,
          body: c.body,
          user: userOf(c.user.login),
          created_at: c.created_at,
          updated_at: c.updated_at ?? c.created_at,
          html_url: c.html_url,
          kind: payload.issue ? 'issue' : 'review-comment',
          thread,
          ...(payload.issue
            ? {}
            : {
                pull_request_review_id: c.pull_request_review_id,
                path: c.path,
                line: c.line ?? undefined,
                diff_hunk: c.diff_hunk
              })
        })
      return event
    },
    endRun: (runId, attempt = 1) => void endedRuns.add(`${runId}.${attempt}`),
    failNext: (method, path, list) => {
      for (const fault of list) faults.push({ method, path, fault })
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
      for (const id of docs.completedUpdates)
        violations.push(`check run ${id} was updated after it completed`)
      if (violations.length)
        throw new Error(
          `Calls GitHub's OpenAPI description does not allow:\n${violations.join('\n')}`
        )
    }
  }
}
