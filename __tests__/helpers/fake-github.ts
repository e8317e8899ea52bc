import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
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
 * scripts/github-openapi-subset.mjs): every call to the fake, and every answer it gives, is
 * checked against them.
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

/** What GitHub's description says of a call, or why it is not a call GitHub documents. */
function operationFor(method: string, path: string) {
  for (const { pattern, names, template, methods } of OPERATIONS) {
    const match = pattern.exec(path)
    const operation = match && methods[method.toLowerCase()]
    if (!match || !operation) continue
    const values = Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]))
    return { template, operation, values }
  }
  return undefined
}

/** The head commit of every pull request the fake knows, and its branch unless told another. */
export const HEAD_SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e'
export const HEAD_REF = 'fix-readme-typo'
const OWNER_REPO = 'Codertocat/Hello-World'

export interface GitHubCall {
  method: string
  path: string
  query: string
  body: Record<string, unknown> | undefined
  /** Date.now() when the call arrived. */
  at: number
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

export interface FakeGitHubOptions {
  /** Role of each commenter (`role_name`); others get `none`. */
  roles?: Record<string, string>
  /** Comments already on the conversation of each issue or pull request, written long ago. */
  issueComments?: Record<number, { body: string; author: string }[]>
  /** The account the token acts as. */
  tokenLogin?: string
  /** The head branch of the pull requests (the agent's own pull requests have `mintlify/…`). */
  headRef?: string
}

/** A fault served instead of the answer: a status with GitHub's error body, or a dropped connection. */
export type GitHubFault =
  number | 'reset' | { status: number; message: string; headers?: Record<string, string> }

/** A loopback GitHub REST API with what the action uses, recording every call. */
export interface FakeGitHub {
  url: string
  calls: GitHubCall[]
  /** Comments as they stand now, by ID, edits applied. */
  comments: Map<number, FakeComment>
  reviews: Map<number, FakeReview>
  /** Calls or answers that GitHub's OpenAPI description does not allow; `close()` fails on any. */
  violations: string[]
  /** A comment written now by someone, as GitHub would store it (for an event's payload). */
  addComment(thread: number, body: string, author: string, onTheDiff?: OnTheDiff): FakeComment
  /** A submitted review (its summary), written now. */
  addReview(thread: number, body: string, author: string, state?: string): FakeReview
  /** Serves `faults` in turn to the next calls whose method and path match. */
  failNext(method: string, path: RegExp, faults: GitHubFault[]): void
  close(): Promise<void>
}

/** GitHub writes times to the second. */
function githubTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function userOf(login: string) {
  return { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const calls: GitHubCall[] = []
  const comments = new Map<number, FakeComment>()
  const reviews = new Map<number, FakeReview>()
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

  /** The answer, checked against the documented answer for its status. */
  function json(res: ServerResponse, status: number, body: unknown): void {
    const call = `${res.req.method} ${res.req.url}`
    const documented = operationFor(res.req.method ?? '', (res.req.url ?? '').split('?')[0]!)
    const schema = documented?.operation.responses[String(status)]
    if (schema)
      for (const problem of problems(schema, body, {
        checkRequired: false,
        strictProperties: true
      }))
        violations.push(`the fake's answer to ${call}: ${problem}`)
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
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
    [...comments.values()].filter((c) => c.kind === kind && c.thread === thread)

  const routes: [
    string,
    RegExp,
    (m: string[], body: Record<string, unknown>, res: ServerResponse) => void
  ][] = [
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/,
      ([login], _b, res) => {
        const role = options.roles?.[decodeURIComponent(login!)] ?? 'none'
        const permission = { maintain: 'write', triage: 'read' }[role] ?? role
        json(res, 200, { permission, role_name: role, user: { login } })
      }
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/(?:issues|pulls)\/comments\/(\d+)\/reactions$/,
      (_m, b, res) => json(res, 201, { id: 1, content: b.content })
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      ([issue], b, res) => json(res, 201, shown(written(String(b.body), Number(issue), 'issue')))
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/comments\/(\d+)\/replies$/,
      ([pull], b, res) =>
        json(res, 201, shown(written(String(b.body), Number(pull), 'review-comment')))
    ],
    [
      'PATCH',
      /^\/repos\/[^/]+\/[^/]+\/(issues|pulls)\/comments\/(\d+)$/,
      ([where, id], b, res) => {
        const comment = comments.get(Number(id))
        const kind = where === 'issues' ? 'issue' : 'review-comment'
        if (!comment || comment.kind !== kind) return json(res, 404, { message: 'Not Found' })
        comment.body = String(b.body)
        comment.updated_at = githubTime(Date.now())
        json(res, 200, shown(comment))
      }
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      ([issue], _b, res) => json(res, 200, byThread('issue', Number(issue)).map(shown))
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/comments$/,
      ([pull], _b, res) => json(res, 200, byThread('review-comment', Number(pull)).map(shown))
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews$/,
      ([pull], _b, res) =>
        json(
          res,
          200,
          [...reviews.values()].filter((r) => r.thread === Number(pull)).map(shownReview)
        )
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews\/(\d+)$/,
      ([pull, id], _b, res) => {
        const review = reviewOf(pull, id)
        if (!review) return json(res, 404, { message: 'Not Found' })
        json(res, 200, shownReview(review))
      }
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews\/(\d+)\/comments$/,
      ([pull, id], _b, res) => {
        if (!reviewOf(pull, id)) return json(res, 404, { message: 'Not Found' })
        const submitted = byThread('review-comment', Number(pull)).filter(
          (c) => c.pull_request_review_id === Number(id)
        )
        json(res, 200, submitted.map(shown))
      }
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/,
      ([pull], _b, res) =>
        json(res, 200, {
          number: Number(pull),
          html_url: `https://github.com/${OWNER_REPO}/pull/${pull}`,
          head: { sha: HEAD_SHA, ref: options.headRef ?? HEAD_REF }
        })
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/check-runs$/,
      (_m, b, res) => json(res, 201, { id: 7001, ...b })
    ],
    [
      'PATCH',
      /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/,
      ([id], b, res) => json(res, 200, { id: Number(id), ...b })
    ],
    [
      'POST',
      /^\/graphql$/,
      (_m, _b, res) => json(res, 200, { data: { viewer: { login: tokenLogin } } })
    ]
  ]

  function serveFault(req: IncomingMessage, res: ServerResponse, fault: GitHubFault): void {
    if (fault === 'reset') return void req.socket.destroy()
    const { status, message, headers } =
      typeof fault === 'number' ? { status: fault, message: 'Server Error', headers: {} } : fault
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
    calls.push({ method, path, query, body, at: Date.now() })
    // GitHub refuses what it does not document, and so does the fake.
    const refused = checkCall(method, path, query, body)
    if (refused)
      return json(res, refused, { message: refused === 404 ? 'Not Found' : 'Validation Failed' })
    const faultAt = faults.findIndex((f) => f.method === method && f.path.test(path))
    if (faultAt >= 0) return serveFault(req, res, faults.splice(faultAt, 1)[0]!.fault)
    for (const [routeMethod, pattern, answer] of routes) {
      const match = pattern.exec(path)
      if (routeMethod === method && match) return answer(match.slice(1), body ?? {}, res)
    }
    json(res, 404, { message: 'Not Found' })
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
    const documented = operationFor(method, path)
    if (!documented) {
      violations.push(`${call} is not an operation GitHub documents`)
      return 404
    }
    const { operation, values } = documented
    const found = parameterProblems(operation.parameters, values, new URLSearchParams(query))
    if (operation.requestBody)
      found.push(...problems(operation.requestBody, body ?? {}, { strictProperties: true }))
    else if (body !== undefined) found.push('a body where GitHub takes none')
    for (const problem of found) violations.push(`${call}: ${problem}`)
    return found.length ? 422 : undefined
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
    comments,
    reviews,
    violations,
    addComment: (thread, body, author, onTheDiff) =>
      addComment(thread, body, author, { onTheDiff }),
    addReview,
    failNext: (method, path, list) => {
      for (const fault of list) faults.push({ method, path, fault })
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
      if (violations.length)
        throw new Error(
          `Calls GitHub's OpenAPI description does not allow:\n${violations.join('\n')}`
        )
    }
  }
}
