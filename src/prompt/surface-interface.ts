/**
 * What users set or call, as diffs show it: environment variables, schema fields, HTTP routes,
 * commands and flags, configuration keys.
 */
import {
  ANY,
  GO,
  group,
  JS,
  JVM,
  named,
  PROTO,
  PY,
  RUBY,
  RUST,
  type Rule
} from './surface-rules.js'

const YAML = /\.ya?ml$/
const ENV_FILE = /(^|\/)\.env(\.[\w-]+)?$|\.env$|(^|\/)env\.(example|sample|template)$/
const CONFIG_NAME =
  /(^|\/)[^/]*(config|settings|values|defaults|options|application|\.example|\.sample)[^/]*\.(ya?ml|toml|json|ini|properties)$|(^|\/)config\/[^/]+\.(ya?ml|toml|json|ini)$/i
const SCHEMA_JSON = /schema[^/]*\.json$/i
const OPENAPI = /(openapi|swagger)[^/]*\.(ya?ml|json)$/i

const HTTP_METHODS = 'get|post|put|patch|delete|head|options|all'
/** Receivers whose `.get("/x")` calls a route or reads a value rather than serving a route. */
const CLIENTS = new Set(
  'axios http https client fetch ky got request superagent api res req map params searchParams headers cache store cookies'.split(
    ' '
  )
)

/** `app.post("/keys", …)` as `POST /keys`, for servers, not for clients that call a route. */
function routeName(match: RegExpExecArray): string | undefined {
  if (CLIENTS.has(group(match, 1))) return undefined
  return `${group(match, 2).toUpperCase().replace('ROUTE', 'ANY')} ${group(match, 3)}`
}

/** A Next.js route file's URL: `app/api/keys/[id]/route.ts` serves `/api/keys/[id]`. */
function appRoute(path: string): string {
  const match = /(?:^|\/)app\/(.*?)\/?route\.[cm]?[jt]sx?$/.exec(path)
  return `/${(match?.[1] ?? '').replace(/\([^/)]*\)\//g, '').replace(/\/$/, '')}`
}

const upper = (method: string, path: string) => `${method.toUpperCase()} ${path}`

const ENVIRONMENT: Rule[] = [
  {
    files: ANY,
    global: true,
    single: true,
    pattern:
      /process\.env\.([A-Z_][A-Z0-9_]*)|process\.env\[\s*['"`]([^'"`]+)['"`]\s*\]|import\.meta\.env\.([A-Z_][A-Z0-9_]*)|(?:Deno\.env\.get|os\.getenv|os\.environ\.get|environ\.get|os\.Getenv|os\.LookupEnv|System\.getenv|env::var(?:_os)?|getenv)\(\s*['"`]([^'"`]+)['"`]|os\.environ\[\s*['"]([^'"]+)['"]\s*\]|\bENV(?:\.fetch\(\s*|\[\s*)['"]([^'"]+)['"]|\b(?:env|envconfig|envDefault):"([A-Z_][A-Z0-9_]*)|(?<![.\w])env\.([A-Z][A-Z0-9_]{2,})\b/g,
    kind: 'env',
    name: named
  },
  { files: ENV_FILE, pattern: /^(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=/, kind: 'env', single: true },
  { files: YAML, pattern: /^-?\s*([A-Z][A-Z0-9_]{2,})\s*[:=]/, kind: 'env', single: true },
  // Schema fields (zod, valibot, yup, joi, superstruct …); upper-case ones are environment variables.
  {
    files: JS,
    pattern:
      /^['"]?([\w$-]+)['"]?\??\s*:\s*(?:z|zod|v|yup|Joi|joi|t|s|S|Type)(?:(?:\.[a-zA-Z]+)+\(|$)/,
    kind: (match) => (/^[A-Z][A-Z0-9_]+$/.test(group(match, 1)) ? 'env' : 'field'),
    chain: true
  }
]

const ROUTES: Rule[] = [
  {
    files: ANY,
    pattern: new RegExp(
      `\\b([A-Za-z_$][\\w$]*)\\.(${HTTP_METHODS}|route)\\(\\s*['"\`](\\/[^'"\`]*)['"\`]`,
      'i'
    ),
    kind: 'route',
    name: routeName
  },
  {
    files: /(^|\/)app\/(.+\/)?route\.[cm]?[jt]sx?$/,
    pattern:
      /^export\s+(?:async\s+function|const|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/,
    kind: 'route',
    name: (match, at) => `${group(match, 1)} ${appRoute(at.path)}`
  },
  {
    files: PY,
    pattern:
      /^@(\w+)\.(get|post|put|patch|delete|head|options|route|api_route|websocket)\(\s*['"]([^'"]*)['"]/,
    kind: 'route',
    name: (match) => upper(group(match, 2).replace(/^(route|api_route)$/, 'any'), group(match, 3))
  },
  {
    files: /\.(go|[cm]?[jt]s)$/,
    pattern:
      /\.(HandleFunc|Handle|GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete|Any|Group|Route)\(\s*"((?:[A-Z]+ )?\/[^"]*)"/,
    kind: 'route',
    name: (match) =>
      /^(Handle|HandleFunc|Group|Route|Any)$/.test(group(match, 1))
        ? group(match, 2)
        : upper(group(match, 1), group(match, 2))
  },
  {
    files: JVM,
    pattern: /@(Get|Post|Put|Patch|Delete|Request)Mapping\(\s*(?:(?:value|path)\s*=\s*)?"([^"]*)"/,
    kind: 'route',
    name: (match) => upper(group(match, 1).replace('Request', 'any'), group(match, 2))
  },
  {
    files: RUBY,
    pattern: /^(get|post|put|patch|delete)\s+['"]([^'"]+)['"]/,
    kind: 'route',
    name: (match) => upper(group(match, 1), group(match, 2))
  },
  {
    files: PROTO,
    pattern: /\b(get|post|put|patch|delete)\s*:\s*"([^"]+)"/,
    kind: 'route',
    name: (match) => upper(group(match, 1), group(match, 2)),
    single: true
  },
  { files: OPENAPI, pattern: /^['"]?(\/[\w/{}.:-]*)['"]?\s*:\s*\{?$/, kind: 'route', single: true },
  // Object-style route definitions (`createRoute({ method: "post", path: "/v1/keys" })`).
  { files: JS, pattern: /^path\s*:\s*['"`](\/[^'"`]*)['"`]/, kind: 'route', single: true }
]

const COMMANDS: Rule[] = [
  {
    files: ANY,
    pattern: /\.(?:option|requiredOption|addOption)\(\s*(?:new Option\(\s*)?['"`](-[^'"`]+)['"`]/,
    kind: 'flag'
  },
  {
    files: ANY,
    pattern: /\.(?:command|addCommand|add_parser|add_command)\(\s*['"`]([\w:.-]+)/,
    kind: 'command'
  },
  {
    files: ANY,
    pattern: /\.(?:add_argument|positional|argument)\(\s*['"`]([\w-]+)['"`]/,
    kind: 'flag'
  },
  { files: JS, pattern: /^(\w+)\s*:\s*Flags\.\w+\(/, kind: 'flag' },
  {
    files: PY,
    pattern: /^@(?:\w+\.)*(?:option|argument)\(\s*['"]([^'"]+)['"]/,
    kind: 'flag'
  },
  {
    files: PY,
    pattern: /^@(?:\w+\.)*command\(\s*(?:['"]([^'"]+)['"]|name\s*=\s*['"]([^'"]+)['"])/,
    kind: 'command',
    name: named
  },
  { files: PY, pattern: /^(\w+)\s*:\s*.*typer\.(?:Option|Argument)\(/, kind: 'flag' },
  {
    files: GO,
    pattern: /\b(?:flag|(?:Persistent)?Flags\(\))\.(?:\w+)\(\s*(?:&[\w.]+\s*,\s*)?"([\w-]+)"/,
    kind: 'flag'
  },
  { files: GO, pattern: /^Use:\s*"([^"]+)"/, kind: 'command', single: true },
  // A CLI's options in a spec (`{ "name": "force", "flags": ["-f", "--force"], "help": … }`).
  {
    files: /\.json$/,
    pattern: /"(?:flags|aliases|option|long)"\s*:\s*\[?\s*"(-[\w-]+)"(?:\s*,\s*"(--[\w-]+)")?/,
    kind: 'flag',
    name: (match) => match[2] ?? match[1],
    single: true
  },
  {
    files: RUST,
    pattern: /^#\[(?:arg|clap|structopt)\((.*)\)\]/,
    kind: 'flag',
    name: (match) => /long\s*=\s*"([^"]+)"/.exec(group(match, 1))?.[1] ?? group(match, 1),
    single: true
  },
  {
    files: /(^|\/)pyproject\.toml$/,
    pattern: /^([\w.-]+)\s*=\s*"[\w.]+:\w+"/,
    kind: 'command',
    single: true
  },
  {
    files: /(^|\/)package\.json$/,
    pattern: /^"([\w@/.-]+)"\s*:\s*"[^"]*\.(c|m)?js"/,
    kind: 'command',
    single: true,
    when: (at) => /"bin"/.test(at.enclosing())
  }
]

const CONFIGURATION: Rule[] = [
  {
    files: SCHEMA_JSON,
    pattern: /^"([\w$.-]+)"\s*:\s*\{/,
    kind: 'field',
    braces: true,
    when: (at) => /"properties"\s*:/.test(at.enclosing())
  },
  {
    files: CONFIG_NAME,
    pattern: /^['"]?([\w.-]+)['"]?\s*[:=]\s*(?!\{\s*$|\[\s*$)\S/,
    kind: 'config',
    single: true
  }
]

export const INTERFACE_RULES: readonly Rule[] = [
  ...ENVIRONMENT,
  ...ROUTES,
  ...COMMANDS,
  ...CONFIGURATION
]
