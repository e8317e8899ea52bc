/**
 * The simulator's GitHub side: the REST calls the action makes for a `/agent` command and for
 * mode sync (without docs-token), and GraphQL's `viewer { login }`, answered from github-book.ts
 * as GitHub answers them: lists a page at a time with `Link` headers, an ETag on every read and
 * `304 Not Modified` for a read that names it, GitHub's error bodies. Any token is accepted, and
 * acts as the workflow's own token does (`github-actions[bot]`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { GitHubBook, REACTIONS, type StoredCheckRun } from './github-book.js'
import { TOKEN_LOGIN, type DemoPull } from './github-demo.js'
import { failure, invalid, list, notFound, ok, page, send, type Answer } from './github-http.js'
import { commitLine, commitOf, comparison, fileOf, filesOf, pullOf } from './github-pulls.js'
import { userOf } from './github-shapes.js'

/** Repository roles, least first. */
const ROLE_ORDER = ['none', 'read', 'triage', 'write', 'maintain', 'admin']

/** GitHub refuses a comment body longer than this. */
const MAX_BODY = 65_536

type Body = Record<string, unknown>
interface Call {
  repo: string
  params: string[]
  query: URLSearchParams
  body: Body
}
type Route = [method: string, path: RegExp, answer: (call: Call) => Answer]

/** The demo world's GitHub: its record, and the handler of the requests that are not Mintlify's. */
export function simulatedGitHub(book = new GitHubBook()) {
  const pullOrNone = (call: Call, at = 0): DemoPull | undefined =>
    book.pull(call.repo, Number(call.params[at]))
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  const commentBody = (body: Body): string | undefined => {
    const value = text(body.body)
    return value && value.length <= MAX_BODY ? value : undefined
  }

  const routes: Route[] = [
    [
      'GET',
      /^\/collaborators\/([^/]+)\/permission$/,
      ({ params }) => {
        const login = decodeURIComponent(params[0]!)
        const role = book.roleOf(login) ?? 'none'
        const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role
        const at = (least: string) => ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(least)
        const permissions = {
          pull: at('read'),
          triage: at('triage'),
          push: at('write'),
          maintain: at('maintain'),
          admin: at('admin')
        }
        const user = { ...userOf(login), permissions, role_name: role }
        return ok({ permission, role_name: role, user })
      }
    ],
    [
      'GET',
      /^\/pulls\/(\d+)$/,
      (call) => {
        const pull = pullOrNone(call)
        if (!pull) return notFound()
        const comments = book.thread(call.repo, pull.number).length
        return ok(pullOf(pull, comments, book.roleOf(pull.author)))
      }
    ],
    [
      'GET',
      /^\/pulls\/(\d+)\/files$/,
      (call) => {
        const pull = pullOrNone(call)
        if (!pull) return notFound()
        const head = commitLine(pull).commits.at(-1)?.sha ?? ''
        return list(filesOf(pull.commits).map((file) => fileOf(call.repo, head, file)))
      }
    ],
    [
      'GET',
      /^\/pulls\/(\d+)\/commits$/,
      (call) => {
        const pull = pullOrNone(call)
        if (!pull) return notFound()
        return list(commitLine(pull).commits.map((commit) => commitOf(call.repo, commit)))
      }
    ],
    // No review comments and no reviews in this world.
    ['GET', /^\/pulls\/(\d+)\/comments$/, (call) => (pullOrNone(call) ? list([]) : notFound())],
    ['GET', /^\/pulls\/(\d+)\/reviews$/, (call) => (pullOrNone(call) ? list([]) : notFound())],
    [
      'GET',
      /^\/compare\/([^/]+)$/,
      ({ repo, params }) => {
        const [base = '', head = ''] = decodeURIComponent(params[0]!).split('...')
        const found = book.pulls(repo).map((pull) => comparison(pull, base, head))
        return found.find((c) => c !== undefined) ?? notFound()
      }
    ],
    [
      'GET',
      /^\/issues\/(\d+)\/comments$/,
      (call) =>
        pullOrNone(call)
          ? list(book.thread(call.repo, Number(call.params[0])).map((c) => book.shownComment(c)))
          : notFound()
    ],
    [
      'POST',
      /^\/issues\/(\d+)\/comments$/,
      (call) => {
        const pull = pullOrNone(call)
        if (!pull) return notFound()
        const body = commentBody(call.body)
        if (body === undefined) return invalid('IssueComment', 'body')
        return ok(book.shownComment(book.addComment(call.repo, pull.number, body)), 201)
      }
    ],
    [
      'GET',
      /^\/issues\/comments\/(\d+)$/,
      ({ repo, params }) => {
        const comment = book.comment(repo, Number(params[0]))
        return comment ? ok(book.shownComment(comment)) : notFound()
      }
    ],
    [
      'PATCH',
      /^\/issues\/comments\/(\d+)$/,
      ({ repo, params, body }) => {
        const comment = book.comment(repo, Number(params[0]))
        if (!comment) return notFound()
        const edited = commentBody(body)
        if (edited === undefined) return invalid('IssueComment', 'body')
        comment.body = edited
        comment.updatedAt = Date.now()
        return ok(book.shownComment(comment))
      }
    ],
    [
      'DELETE',
      /^\/issues\/comments\/(\d+)$/,
      ({ repo, params }) => {
        const comment = book.comment(repo, Number(params[0]))
        if (!comment) return notFound()
        book.comments.delete(comment.id)
        return { status: 204 }
      }
    ],
    [
      'POST',
      /^\/issues\/comments\/(\d+)\/reactions$/,
      ({ repo, params, body }) => {
        const comment = book.comment(repo, Number(params[0]))
        if (!comment) return notFound()
        return reaction(book, repo, { comment: comment.id }, body)
      }
    ],
    [
      'POST',
      /^\/issues\/(\d+)\/reactions$/,
      (call) => {
        const pull = pullOrNone(call)
        return pull ? reaction(book, call.repo, { issue: pull.number }, call.body) : notFound()
      }
    ],
    [
      'GET',
      /^\/issues\/(\d+)\/reactions$/,
      (call) => {
        const pull = pullOrNone(call)
        if (!pull) return notFound()
        const found = book.reactionsOn(call.repo, pull.number, call.query.get('content'))
        return list(found.map((r) => book.shownReaction(r)))
      }
    ],
    [
      'DELETE',
      /^\/issues\/(\d+)\/reactions\/(\d+)$/,
      ({ repo, params }) =>
        book.removeReaction(repo, Number(params[0]), Number(params[1]))
          ? { status: 204 }
          : notFound()
    ],
    [
      'POST',
      /^\/check-runs$/,
      ({ repo, body }) => {
        const name = text(body.name)
        const headSha = text(body.head_sha)
        if (!name) return invalid('CheckRun', 'name')
        if (!headSha) return invalid('CheckRun', 'head_sha')
        return ok(
          book.shownCheckRun(book.addCheckRun(repo, { name, headSha, ...runFields(body) })),
          201
        )
      }
    ],
    [
      'PATCH',
      /^\/check-runs\/(\d+)$/,
      ({ repo, params, body }) => {
        const run = book.checkRun(repo, Number(params[0]))
        if (!run) return notFound()
        const { output, ...fields } = runFields(body)
        Object.assign(run, fields)
        // GitHub keeps what an update leaves out of the output.
        if (output) run.output = { ...run.output, ...output }
        if (run.conclusion) run.status = 'completed'
        if (run.status === 'completed') run.completedAt ??= Date.now()
        return ok(book.shownCheckRun(run))
      }
    ],
    [
      'GET',
      /^\/check-runs\/(\d+)$/,
      ({ repo, params }) => {
        const run = book.checkRun(repo, Number(params[0]))
        return run ? ok(book.shownCheckRun(run)) : notFound()
      }
    ],
    [
      'GET',
      /^\/commits\/([^/]+)\/check-runs$/,
      ({ repo, params, query }) => {
        const name = query.get('check_name')
        const runs = book.checkRuns
          .filter((r) => r.repository === repo && r.headSha === decodeURIComponent(params[0]!))
          .filter((r) => name === null || r.name === name)
          .sort((a, b) => b.id - a.id)
        const { items } = page(runs, query)
        return ok({ total_count: runs.length, check_runs: items.map((r) => book.shownCheckRun(r)) })
      }
    ]
  ]

  /** The route that answers a call, with what it needs; undefined for one GitHub does not know. */
  function routeOf(method: string, path: string) {
    if (path === '/graphql' && method === 'POST') return { repo: '', params: [], handler: graphql }
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(path)
    if (!match) return undefined
    const repo = `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`.toLowerCase()
    if (!book.hasRepository(repo)) return undefined
    for (const [routeMethod, pattern, handler] of routes) {
      const found = pattern.exec(match[3]!)
      if (found && routeMethod === method) return { repo, params: found.slice(1), handler }
    }
    return undefined
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://simulator')
    const method = req.method ?? 'GET'
    const route = routeOf(method, url.pathname)
    if (!route) return send(req, res, notFound(), url)
    // The repositories are public: reads need no token, writes and GraphQL need one (any).
    const signedIn = /^(token|bearer) \S+/i.test(req.headers.authorization ?? '')
    if (!signedIn && (method !== 'GET' || route.handler === graphql))
      return send(req, res, failure(401, 'Requires authentication'), url)
    let body: Body = {}
    try {
      const raw = Buffer.concat(chunks).toString('utf8')
      if (raw.trim()) body = JSON.parse(raw) as Body
    } catch {
      return send(req, res, failure(400, 'Problems parsing JSON'), url)
    }
    const { repo, params, handler } = route
    send(req, res, handler({ repo, params, query: url.searchParams, body }), url)
  }

  return { book, handle }
}

export type SimulatedGitHub = ReturnType<typeof simulatedGitHub>

/** A reaction of the token's account: 201 when it is new, 200 with the one there is. */
function reaction(
  book: GitHubBook,
  repo: string,
  on: { comment: number } | { issue: number },
  body: Body
): Answer {
  const content = String(body.content ?? '')
  if (!REACTIONS.includes(content)) return invalid('Reaction', 'content', 'invalid')
  const { reaction: made, created } = book.react(repo, on, content)
  return ok(book.shownReaction(made), created ? 201 : 200)
}

function runFields(body: Body): Partial<StoredCheckRun> {
  const output = body.output as Partial<StoredCheckRun['output']> | undefined
  return {
    ...(typeof body.status === 'string' ? { status: body.status } : {}),
    ...(typeof body.conclusion === 'string' ? { conclusion: body.conclusion } : {}),
    ...(output
      ? {
          output: {
            title: output.title ?? null,
            summary: output.summary ?? null,
            text: output.text ?? null
          }
        }
      : {})
  }
}

/** GraphQL: who the token acts as, the one query the action asks without docs-token. */
function graphql({ body }: Call): Answer {
  if (/viewer\s*\{\s*login\s*\}/.test(String(body.query ?? '')))
    return ok({ data: { viewer: { login: TOKEN_LOGIN } } })
  return ok({ errors: [{ message: 'The simulator answers only query { viewer { login } }.' }] })
}
