/**
 * The one small world the simulator's GitHub side serves, matching the Mintlify side's demo: the
 * docs repository acme/docs, whose pull request #42 is the demo job's, with a `/agent` command on
 * it, and the code repository acme/api, whose pull request #128 (API keys that expire) gives mode
 * sync a realistic prompt. Only data here; github-book.ts keeps what runs write.
 */

/** The account every token acts as: the workflow's own token (`GITHUB_TOKEN`). */
export const TOKEN_LOGIN = 'github-actions[bot]'
export const DOCS_REPOSITORY = 'acme/docs'
export const CODE_REPOSITORY = 'acme/api'
export const DOCS_PULL_NUMBER = 42
export const CODE_PULL_NUMBER = 128
/** The `/agent` comment on acme/docs#42 that examples/events/issue_comment.json is about. */
export const COMMAND_COMMENT_ID = 2_604_150_001

export interface DemoFile {
  filename: string
  status: 'added' | 'modified' | 'removed'
  /** The change as GitHub shows it: hunks only, no file header. */
  patch: string
}

export interface DemoCommit {
  message: string
  author: string
  date: string
  files: DemoFile[]
}

export interface DemoPull {
  repository: string
  number: number
  title: string
  body: string
  author: string
  baseRef: string
  headRef: string
  /** The message of the base branch's tip, where the pull request starts. */
  baseMessage: string
  draft: boolean
  labels: string[]
  createdAt: string
  /** Oldest first; the last is the head. */
  commits: DemoCommit[]
}

export interface DemoComment {
  id: number
  repository: string
  issue: number
  author: string
  body: string
  createdAt: string
}

/** Each account's role on both repositories; anyone else has none. */
export const ROLES: Readonly<Record<string, string>> = {
  monalisa: 'admin',
  octocat: 'write',
  'mintlify[bot]': 'write'
}

/** A hunk with its `@@` line worked out from its lines (' ' context, '-' removed, '+' added). */
function hunk(oldStart: number, newStart: number, context: string, lines: string[]): string {
  const count = (skip: string) => lines.filter((line) => !line.startsWith(skip)).length
  const where = `@@ -${oldStart},${count('+')} +${newStart},${count('-')} @@`
  return [context ? `${where} ${context}` : where, ...lines].join('\n')
}

const added = (lines: string[]) =>
  hunk(
    0,
    1,
    '',
    lines.map((line) => `+${line}`)
  )

const SCHEMA = hunk(1, 1, '', [
  " import { z } from 'zod'",
  ' ',
  '+/** The longest an API key may live: a year. */',
  '+export const MAX_KEY_LIFETIME_DAYS = 365',
  '+',
  ' export const createKeyBody = z.object({',
  '   name: z.string().min(1).max(64),',
  "-  scopes: z.array(z.enum(['read', 'write', 'admin'])).min(1)",
  "+  scopes: z.array(z.enum(['read', 'write', 'admin'])).min(1),",
  '+  /** When the key stops working (RFC 3339); leave it out for a key that never expires. */',
  '+  expires_at: z.string().datetime().optional()',
  ' })',
  ' ',
  ' export interface ApiKey {',
  '   id: string',
  '   name: string',
  '   scopes: string[]',
  '   created_at: string',
  '+  /** Null for a key that never expires. */',
  '+  expires_at: string | null',
  '   last_used_at: string | null',
  ' }'
])

const ROUTES = hunk(18, 18, 'export function keyRoutes(app: App, store: KeyStore): void {', [
  "   app.post('/v1/keys', async (req, res) => {",
  '     const body = createKeyBody.parse(req.body)',
  '+    const expiresAt = body.expires_at ? new Date(body.expires_at) : null',
  '+    if (expiresAt && expiresAt.getTime() > Date.now() + MAX_KEY_LIFETIME_DAYS * DAY_MS) {',
  '+      return res.status(422).json({',
  "+        error: 'expires_at_too_far',",
  '+        message: `expires_at must be at most ${MAX_KEY_LIFETIME_DAYS} days ahead`',
  '+      })',
  '+    }',
  '     const key = await store.create({',
  '       name: body.name,',
  '-      scopes: body.scopes',
  '+      scopes: body.scopes,',
  '+      expiresAt',
  '     })',
  '     res.status(201).json(present(key))',
  '   })'
])

const VERIFY = hunk(9, 9, 'export async function verifyKey(store: KeyStore, header?: string) {', [
  '   const key = await store.findBySecret(secret)',
  '   if (!key) {',
  "     throw new HttpError(401, 'invalid_key', 'The API key is not valid.')",
  '   }',
  '+  if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) {',
  '+    throw new HttpError(',
  '+      401,',
  "+      'key_expired',",
  '+      `The API key expired at ${key.expiresAt.toISOString()}; create a new one.`',
  '+    )',
  '+  }',
  '   await store.touch(key.id)',
  '   return key',
  ' }'
])

const TEST = added([
  "import { describe, expect, it } from 'vitest'",
  "import { createTestApp } from './helpers'",
  '',
  "describe('key expiry', () => {",
  "  it('refuses an expires_at more than a year ahead', async () => {",
  '    const app = await createTestApp()',
  "    const res = await app.post('/v1/keys', {",
  "      name: 'ci',",
  "      scopes: ['read'],",
  "      expires_at: '2099-01-01T00:00:00Z'",
  '    })',
  '    expect(res.status).toBe(422)',
  "    expect(res.body.error).toBe('expires_at_too_far')",
  '  })',
  '',
  "  it('answers 401 key_expired once the key has expired', async () => {",
  "    const app = await createTestApp({ now: '2026-03-01T00:00:00Z' })",
  "    const key = await app.createKey({ expires_at: '2026-02-01T00:00:00Z' })",
  "    const res = await app.get('/v1/keys', { key })",
  '    expect(res.status).toBe(401)',
  "    expect(res.body.error).toBe('key_expired')",
  '  })',
  '})'
])

const CHANGELOG = hunk(1, 1, '', [
  ' # Changelog',
  ' ',
  ' ## Unreleased',
  '+',
  '+### Added',
  '+',
  '+- API keys can expire: `POST /v1/keys` takes `expires_at` (at most 365 days ahead), and a',
  '+  request made with an expired key gets `401` with the error code `key_expired`.',
  ' ',
  ' ## 2.3.0 - 2026-01-12'
])

const QUICKSTART = hunk(12, 12, '', [
  ' ## Make your first request',
  ' ',
  '-Send your key in the `Authorization` header:',
  '+Send your key in the `Authorization` header, as a bearer token:',
  ' ',
  ' ```bash',
  ' curl https://api.acme.dev/v1/keys -H "Authorization: Bearer $ACME_KEY"'
])

export const PULLS: readonly DemoPull[] = [
  {
    repository: DOCS_REPOSITORY,
    number: DOCS_PULL_NUMBER,
    title: 'Update the quickstart',
    body: 'The quickstart now says how to send the API key.\n\nOpened by the Mintlify agent.',
    author: 'mintlify[bot]',
    baseRef: 'main',
    headRef: 'mintlify/update-quickstart',
    baseMessage: 'Add the authentication page',
    draft: false,
    labels: ['documentation'],
    createdAt: '2026-02-02T09:30:00Z',
    commits: [
      {
        message: 'Say how to send the API key in the quickstart',
        author: 'mintlify[bot]',
        date: '2026-02-02T09:29:41Z',
        files: [{ filename: 'quickstart.mdx', status: 'modified', patch: QUICKSTART }]
      }
    ]
  },
  {
    repository: CODE_REPOSITORY,
    number: CODE_PULL_NUMBER,
    title: 'Let API keys expire',
    body: [
      'API keys can now carry an expiry date.',
      '',
      '- `POST /v1/keys` takes an optional `expires_at` (RFC 3339), at most 365 days ahead; further answers `422 expires_at_too_far`.',
      '- `GET /v1/keys/{id}` returns `expires_at` (`null` for a key that never expires).',
      '- A request made with an expired key gets `401` with the error code `key_expired`.',
      '',
      'Closes #117.'
    ].join('\n'),
    author: 'octocat',
    baseRef: 'main',
    headRef: 'keys-expire',
    baseMessage: 'Release 2.3.0',
    draft: false,
    labels: ['enhancement'],
    createdAt: '2026-02-03T14:05:00Z',
    commits: [
      {
        message:
          'Add expires_at to API keys\n\nPOST /v1/keys takes an optional expires_at, at most 365 days ahead;\nGET /v1/keys/{id} returns it (null when the key never expires).',
        author: 'octocat',
        date: '2026-02-03T13:12:09Z',
        files: [
          { filename: 'src/keys/schema.ts', status: 'modified', patch: SCHEMA },
          { filename: 'src/keys/routes.ts', status: 'modified', patch: ROUTES }
        ]
      },
      {
        message: 'Reject expired keys with 401 key_expired',
        author: 'octocat',
        date: '2026-02-03T13:40:55Z',
        files: [{ filename: 'src/auth/verify-key.ts', status: 'modified', patch: VERIFY }]
      },
      {
        message: 'Test key expiry and note it in the changelog',
        author: 'octocat',
        date: '2026-02-03T14:01:30Z',
        files: [
          { filename: 'test/keys.test.ts', status: 'added', patch: TEST },
          { filename: 'CHANGELOG.md', status: 'modified', patch: CHANGELOG }
        ]
      }
    ]
  }
]

/** What is written on the threads before any run: the command of the sample event. */
export const COMMENTS: readonly DemoComment[] = [
  {
    id: COMMAND_COMMENT_ID,
    repository: DOCS_REPOSITORY,
    issue: DOCS_PULL_NUMBER,
    author: 'monalisa',
    body: '/agent Also add an example of the 401 answer to an invalid key',
    createdAt: '2026-02-04T10:15:00Z'
  }
]
