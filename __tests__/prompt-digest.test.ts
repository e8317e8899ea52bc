/**
 * The digest at the top of a prompt: what a change adds, changes, renames or removes of what users
 * set or call, read from the diff's lines in the languages teams write, each entry with the
 * statement that states its type, default or rule, and its line. Synthetic diffs throughout.
 */
import { digest } from '../src/prompt/digest.js'
import { wholePullRequestPrompt } from '../src/prompt/prompt.js'
import type { ChangedFile } from '../src/prompt/pull-request.js'
import { addedFile, modifiedFile, promptRules, pullRequest } from './helpers/prompt-fixtures.js'

const pr = pullRequest({ body: '' })
const rules = promptRules()
const added = addedFile
/** A changed file: one hunk from line 10 of these lines (`+`, `-` or ` ` first). */
const changed = (path: string, lines: string[]) => modifiedFile(path, [10, lines])

/** The digest of a prompt: from its heading to the commits. */
function digestOf(...files: ChangedFile[]): string {
  const prompt = wholePullRequestPrompt({ ...pr, changedFiles: files.length }, files, [], rules)
  const start = prompt.indexOf('What this change does to what users see')
  return start < 0 ? '' : prompt.slice(start, prompt.indexOf('\n\nCommits (', start))
}

describe('the digest names what users set or call, with its detail and line', () => {
  it.each([
    [
      'a TypeScript export with its parameters',
      added('src/limits.ts', [
        "import { z } from 'zod'",
        '',
        'export function limit(key: string, perMinute = 60): boolean {',
        '  return true',
        '}'
      ]),
      '- function: `export function limit(key: string, perMinute = 60): boolean` :3'
    ],
    [
      'an environment variable with its default',
      added('src/config.ts', ["export const port = Number(process.env.PORT ?? '3000')"]),
      "- env: `export const port = Number(process.env.PORT ?? '3000')` :1"
    ],
    [
      'a zod field of an environment schema, over several lines',
      added('src/env.ts', [
        'export const env = createEnv({',
        '  server: {',
        '    PUBLIC_URL: z',
        '      .string()',
        '      .url()',
        '      .optional(),',
        '  },',
        '})'
      ]),
      '- env: `PUBLIC_URL: z .string() .url() .optional(),` :3'
    ],
    [
      'a Python function with typed defaults over several lines',
      added('sdk/client.py', [
        'def search(',
        '    query: str,',
        '    top_k: int = 10,',
        ') -> list[dict]:',
        '    return []'
      ]),
      '- function: `def search(query: str, top_k: int = 10) -> list[dict]` :1'
    ],
    [
      'a pydantic field with its rule',
      changed('sdk/config.py', [
        ' class RerankerConfig(BaseModel):',
        '+    timeout: int = Field(default=30, ge=1)'
      ]),
      '- field in RerankerConfig: `timeout: int = Field(default=30, ge=1)` :11'
    ],
    [
      'os.getenv with a default',
      added('sdk/keys.py', ['API_KEY = os.getenv("MEMO_API_KEY", "")']),
      '- env: `API_KEY = os.getenv("MEMO_API_KEY", "")` :1'
    ],
    [
      'an argparse flag',
      added('cli/main.py', [
        'parser.add_argument("--limit", type=int, default=10, help="How many to list.")'
      ]),
      '- flag: `parser.add_argument("--limit", type=int, default=10, help="How many to list.")` :1'
    ],
    [
      'a click option',
      added('cli/app.py', ['@click.option("--dry-run", is_flag=True, help="Print only.")']),
      '- flag: `@click.option("--dry-run", is_flag=True, help="Print only.")` :1'
    ],
    [
      'a typer option',
      added('cli/app.py', [
        'def run(',
        '    output: str = typer.Option("text", "--output", "-o", help="text or json"),',
        '):',
        '    pass'
      ]),
      '- flag: `output: str = typer.Option("text", "--output", "-o", help="text or json"),` :2'
    ],
    [
      'a commander command and option',
      added('cli/index.ts', [
        'program',
        '  .command("export")',
        '  .option("-f, --format <format>", "Output format.", "json")'
      ]),
      '- flag: `.option("-f, --format <format>", "Output format.", "json")` :3'
    ],
    [
      'a cobra flag',
      added('cmd/root.go', [
        'func init() {',
        '\trootCmd.Flags().IntVar(&limit, "limit", 100, "most keys to list")',
        '}'
      ]),
      '- flag: `rootCmd.Flags().IntVar(&limit, "limit", 100, "most keys to list")` :2'
    ],
    [
      'an express route',
      added('server/routes.ts', ["router.post('/v1/keys', auth, createKey)"]),
      "- route: POST /v1/keys `router.post('/v1/keys', auth, createKey)` :1"
    ],
    [
      'a Next.js route handler, named by its file',
      added('web/app/api/keys/[id]/route.ts', [
        'export async function DELETE(request: Request) {',
        '  return new Response(null, { status: 204 })',
        '}'
      ]),
      '- route: DELETE /api/keys/[id] `export async function DELETE(request: Request)` :1'
    ],
    [
      'a FastAPI route',
      added('api/app.py', [
        '@app.get("/v1/memories/{memory_id}")',
        'def get_memory(memory_id: str):'
      ]),
      '- route: GET /v1/memories/{memory_id} `@app.get("/v1/memories/{memory_id}")` :1'
    ],
    [
      'a Go route and environment variable',
      added('svc/server.go', [
        'func Serve() {',
        '\tmux.HandleFunc("GET /v2/keys", listKeys)',
        '\taddr := os.Getenv("LISTEN_ADDR")',
        '}'
      ]),
      '- route: `mux.HandleFunc("GET /v2/keys", listKeys)` :2'
    ],
    [
      'a proto field with its validation rule',
      changed('proto/v1/batch.proto', [
        ' message BatchRequest {',
        '+  repeated Item items = 1 [(buf.validate.field).repeated = {min_items: 1, max_items: 100}];'
      ]),
      '- field in BatchRequest: `repeated Item items = 1 [(buf.validate.field).repeated = {min_items: 1, max_items: 100}];` :11'
    ],
    [
      'a Go config field with its tag',
      changed('svc/api/config.go', [
        ' type Config struct {',
        '+\tJWTSecrets []string `toml:"jwt_secrets"`'
      ]),
      '- field in Config: `` JWTSecrets []string `toml:"jwt_secrets"` `` :11'
    ],
    [
      'a named SQL query with its conditions, without the comments inside it',
      added('db/queries/project_count_by_team.sql', [
        '-- name: CountProjectsByTeam :one',
        '-- Covered by the team index.',
        'SELECT COUNT(*)',
        'FROM projects',
        'WHERE team_id = sqlc.arg(team_id);'
      ]),
      '- query: `-- name: CountProjectsByTeam :one SELECT COUNT(*) FROM projects WHERE team_id = sqlc.arg(team_id);` :1'
    ],
    [
      "an option of a CLI's spec in JSON",
      added('cli/cli-spec.json', [
        '{ "name": "user-id", "flags": ["-u", "--user-id"], "type": "string", "help": "Default user." }'
      ]),
      '- flag: `{ "name": "user-id", "flags": ["-u", "--user-id"], "type": "string", "help": "Default user." }` :1'
    ],
    [
      'a variable of an example environment file',
      added('.env.example', ['PUBLIC_URL=https://surveys.example.com']),
      '- env: `PUBLIC_URL=https://surveys.example.com` :1'
    ]
  ])('%s', (_, file, entry) => {
    expect(digestOf(file)).toContain(entry)
  })
})

describe('the digest says what changed, was renamed or was removed', () => {
  it('a changed default shows what it was', () => {
    const file = changed('sdk/config.py', [
      ' class RerankerConfig(BaseModel):',
      '-    model: str = "small-1"',
      '+    model: str = "small-2"'
    ])
    expect(digestOf(file)).toContain(
      '- changed field in RerankerConfig: `model: str = "small-2"` :11 (was `model: str = "small-1"`)'
    )
  })

  it('a function renamed in place, and a removed flag with its old line', () => {
    const file = changed('cli/main.py', [
      '-def list_keys(limit: int = 10):',
      '+def keys(limit: int = 10):',
      '     pass',
      '-parser.add_argument("--verbose", action="store_true")'
    ])
    const digest = digestOf(file)
    expect(digest).toContain(
      '- renamed function: `def keys(limit: int = 10)` :10 (was `def list_keys(limit: int = 10)`)'
    )
    expect(digest).toContain(
      '- removed flag: `parser.add_argument("--verbose", action="store_true")` :12 (old file)'
    )
  })

  it('a removed file is one line with what it defined', () => {
    const file: ChangedFile = {
      ...added('src/legacy.ts', [
        'export function oldLimit(key: string) {}',
        'export const MAX = 5'
      ]),
      status: 'removed',
      patch: '@@ -1,2 +0,0 @@\n-export function oldLimit(key: string) {}\n-export const MAX = 5'
    }
    expect(digestOf(file)).toContain('- the file is removed, and with it `oldLimit`, `MAX`')
  })

  it('a line only reformatted is no change', () => {
    const file = changed('src/limits.ts', [
      '-export function limit(key: string,   perMinute = 60) {',
      '+export function limit(key: string, perMinute = 60) {'
    ])
    expect(digestOf(file)).toBe('')
  })
})

describe('what the digest reads', () => {
  it('every changed file, though its diff is not quoted for want of room', () => {
    const filler = Array.from({ length: 40 }, (_, i) =>
      added(
        `src/module${i}.ts`,
        Array.from({ length: 80 }, (_, n) => `const value${n} = ${n} // ${'x'.repeat(40)}`)
      )
    )
    const flag = added('zz/cli.ts', ['program.option("--max-retries <n>", "Retries.", "3")'])
    const prompt = wholePullRequestPrompt({ ...pr, changedFiles: 41 }, [...filler, flag], [], rules)
    expect(prompt).toContain('- flag: `program.option("--max-retries <n>", "Retries.", "3")` :1')
  })

  it('not tests, nor the docs pages the pull request edits', () => {
    expect(
      digestOf(
        added('tests/limits.test.ts', ['export function helper(a: number) {}']),
        added('docs/limits.mdx', ['export const Note = () => null'])
      )
    ).toBe('')
  })

  it('a UI component is no part of the surface; its props are not settings', () => {
    const digest = digestOf(
      added('web/components/KeyCard.tsx', [
        'interface KeyCardProps {',
        '  name: string',
        '}',
        'export function KeyCard({ name }: KeyCardProps) {}'
      ])
    )
    expect(digest).not.toContain('field in KeyCardProps')
    expect(digest).toContain('- component: `export function KeyCard({ name }: KeyCardProps)` :4')
  })

  it("the properties of a module's own type are no settings; an exported type's are", () => {
    const digest = digestOf(
      added('jobs/purge.ts', [
        'type TExpired = {',
        '  id: string;',
        '};',
        'export interface PurgeOptions {',
        '  retentionDays: number;',
        '}'
      ])
    )
    expect(digest).not.toContain('property in TExpired')
    expect(digest).toContain('- property in PurgeOptions: `retentionDays: number;` :5')
  })

  it('what generated code names that a file written by hand names too is left out', () => {
    const spec = added('api/openapi-split.yaml', ['/v2/domains.create:', '  post: {}'])
    const generated = added('api/openapi-generated.yaml', ['/v2/domains.create:', '  post: {}'])
    const digest = digestOf(spec, generated)
    expect(digest).toContain('`api/openapi-split.yaml`:')
    expect(digest).not.toContain('`api/openapi-generated.yaml`:')
  })

  it('a Go method of an unexported type is no part of the surface', () => {
    expect(
      digestOf(added('svc/keys.go', ['func (s *service) Get(ctx context.Context) error {', '}']))
    ).toBe('')
  })
})

describe('the digest is compact', () => {
  it('gives the entries of a kind in a file on one line', () => {
    const file = added('api/limits.go', [
      'const (',
      '\tTypeAPIKey Type = "API_KEY"',
      '\tTypeJWT Type = "JWT"',
      ')'
    ])
    expect(digestOf(file)).toContain(
      '- constant: `TypeAPIKey Type = "API_KEY"` :2; `TypeJWT Type = "JWT"` :3'
    )
  })
})

describe('the digest gives statements as written', () => {
  it('a line as it stands; a statement of several lines without the comments inside it', () => {
    const file = added('web/app/api/orders/route.ts', [
      'export const POST = withApi({',
      '  auth: "both",',
      '  // Orders are found by their id alone.',
      '  params: orderParams,',
      '})'
    ])
    expect(digestOf(file)).toContain(
      '`export const POST = withApi({auth: "both", params: orderParams})` :1'
    )
  })

  it('a head that only gains or loses the brace of its body is unchanged', () => {
    const file = changed('web/hooks/use-orders.ts', [
      '-export const useOrders = ({ key }: { key: string }) => {',
      '+export const useOrders = ({ key }: { key: string }) =>'
    ])
    expect(digestOf(file)).toBe('')
  })
})

describe('when not every entry fits', () => {
  const room = (files: ChangedFile[], chars: number) =>
    digest(files, { exclude: [], prefer: [] }, chars)

  it("each file's first entry of a kind goes before another file's second", () => {
    const many = added(
      'svc/a/limits.go',
      Array.from({ length: 8 }, (_, i) => `const Limit${i} = ${i}`)
    )
    const one = added('svc/b/quota.go', ['const QuotaDefault = 5'])
    const text = room([many, one], 420)
    expect(text).toContain('QuotaDefault')
    expect(text).toContain('Limit0')
    expect(text).not.toContain('Limit7')
  })

  it('what only generated code names ranks as if its source stated it', () => {
    const generated = added('pkg/codes/constants_gen.go', [
      '// Code generated by gen. DO NOT EDIT.',
      'package codes',
      'const (',
      '\tErrQuotaExceeded URN = "err:limits:quota_exceeded"',
      ')'
    ])
    const source = added(
      'pkg/codes/limits.go',
      Array.from({ length: 12 }, (_, i) => `const Retries${i} = ${i}`)
    )
    expect(room([generated, source], 500)).toContain('err:limits:quota_exceeded')
  })
})
