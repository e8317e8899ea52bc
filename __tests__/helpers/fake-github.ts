import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The head commit of every pull request the fake knows. */
export const HEAD_SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e'

export interface GitHubCall {
  method: string
  path: string
  body: Record<string, unknown> | undefined
}

export interface FakeComment {
  id: number
  body: string
  user: { login: string; type: string }
  created_at: string
}

export interface FakeGitHubOptions {
  /** Role of each commenter (`role_name`); others get `none`. */
  roles?: Record<string, string>
  /** Comments already on the conversation of each issue or pull request. */
  issueComments?: Record<number, { body: string; author: string }[]>
  /** The account the token acts as. */
  tokenLogin?: string
}

/** A loopback GitHub REST API with what the action uses, recording every call. */
export interface FakeGitHub {
  url: string
  calls: GitHubCall[]
  /** Comments as they stand now, by ID, edits applied. */
  comments: Map<number, FakeComment>
  close(): Promise<void>
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const calls: GitHubCall[] = []
  const comments = new Map<number, FakeComment & { issue?: number; pull?: number }>()
  const tokenLogin = options.tokenLogin ?? 'github-actions[bot]'
  let nextId = 9000
  let clock = Date.parse('2026-01-01T00:00:00Z')
  const stamp = (): string => new Date((clock += 1000)).toISOString()

  for (const [issue, list] of Object.entries(options.issueComments ?? {})) {
    for (const { body, author } of list) {
      const id = ++nextId
      comments.set(id, {
        id,
        body,
        user: { login: author, type: author.endsWith('[bot]') ? 'Bot' : 'User' },
        created_at: stamp(),
        issue: Number(issue)
      })
    }
  }

  function json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  function newComment(body: string, where: { issue?: number; pull?: number }): FakeComment {
    const comment = {
      id: ++nextId,
      body,
      user: { login: tokenLogin, type: 'Bot' },
      created_at: stamp(),
      ...where
    }
    comments.set(comment.id, comment)
    return comment
  }

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
      /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)\/reactions$/,
      (_m, b, res) => json(res, 201, { id: 1, content: b.content })
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/comments\/(\d+)\/reactions$/,
      (_m, b, res) => json(res, 201, { id: 1, content: b.content })
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      ([issue], b, res) => json(res, 201, newComment(String(b.body), { issue: Number(issue) }))
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/comments\/(\d+)\/replies$/,
      ([pull], b, res) => json(res, 201, newComment(String(b.body), { pull: Number(pull) }))
    ],
    [
      'PATCH',
      /^\/repos\/[^/]+\/[^/]+\/(?:issues|pulls)\/comments\/(\d+)$/,
      ([id], b, res) => {
        const comment = comments.get(Number(id))
        if (!comment) return json(res, 404, { message: 'Not Found' })
        comment.body = String(b.body)
        json(res, 200, comment)
      }
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      ([issue], _b, res) =>
        json(
          res,
          200,
          [...comments.values()].filter((c) => c.issue === Number(issue))
        )
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/comments$/,
      ([pull], _b, res) =>
        json(
          res,
          200,
          [...comments.values()].filter((c) => c.pull === Number(pull))
        )
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/,
      ([pull], _b, res) => json(res, 200, { number: Number(pull), head: { sha: HEAD_SHA } })
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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined
    const path = (req.url ?? '').split('?')[0]!
    calls.push({ method: req.method ?? '', path, body })
    for (const [method, pattern, answer] of routes) {
      const match = pattern.exec(path)
      if (method === req.method && match) return answer(match.slice(1), body ?? {}, res)
    }
    json(res, 404, { message: 'Not Found' })
  }

  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    comments,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
