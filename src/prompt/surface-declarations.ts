/**
 * What code declares, as diffs show it: exported functions, classes, methods and types with
 * their parameters, the fields of classes, interfaces, structs and messages, named constants.
 */
import { GO, group, insideOf, JS, JVM, PROTO, PY, RUBY, RUST, type Rule } from './surface-rules.js'

/** A UI component: a capitalised function of a JSX, Vue or Svelte file. */
const isComponent = (name: string, path: string) =>
  /^[A-Z]/.test(name) && /\.(jsx|tsx|vue|svelte)$/.test(path)

const KEYWORDS = /^(if|for|while|switch|catch|return|function|super|await|new|typeof)$/

const JAVASCRIPT: Rule[] = [
  {
    files: JS,
    pattern:
      /^export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/,
    kind: (match, at) => (isComponent(group(match, 1), at.path) ? 'component' : 'function')
  },
  {
    files: JS,
    pattern: /^export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/,
    kind: 'class'
  },
  {
    files: JS,
    pattern: /^export\s+(?:declare\s+)?(?:const\s+)?(?:interface|type|enum)\s+([A-Za-z_$][\w$]*)/,
    kind: 'type',
    single: true
  },
  {
    files: JS,
    pattern: /^export\s+(?:declare\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)(.*)/,
    kind: (match, at) =>
      isComponent(group(match, 1), at.path)
        ? 'component'
        : /=>|\bfunction\b/.test(group(match, 2))
          ? 'function'
          : 'constant'
  },
  // A module's named setting: a top-level upper-case constant, exported or not.
  {
    files: JS,
    pattern: /^const\s+([A-Z][A-Z0-9_]{2,})\s*(?::[^=]+)?=/,
    kind: 'constant',
    braces: true,
    when: (at) => at.indent === 0
  },
  {
    files: JS,
    pattern: /^(?:readonly\s+)?['"]?([A-Za-z_$][\w$-]*)['"]?\??\s*:\s*[^=]+?[;,]?$/,
    // A type's property: an option of a library, or a shape an app passes around.
    kind: 'property',
    single: true,
    // The props of a UI component are no setting of the product, nor is a module's own type.
    when: (at) =>
      insideOf('interface', 'class')(at) &&
      !/Props\b/.test(at.enclosing()) &&
      !/^(type|interface|class)\s/.test(at.enclosing())
  },
  {
    files: JS,
    pattern:
      /^(?:(?:public|static|async|readonly|abstract|override|get|set)\s+)*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(/,
    kind: 'method',
    name: (match) => (KEYWORDS.test(group(match, 1)) ? undefined : group(match, 1)),
    // A declaration, not a call: its body opens, or its return type follows, or its parameters run on.
    when: (at) =>
      insideOf('interface', 'class')(at) &&
      /\)\s*(?::\s*[^{;=]+)?\s*\{\s*$|\)\s*:\s*[^{;=]+;?\s*$|\(\s*$/.test(at.text)
  }
]

const PYTHON: Rule[] = [
  {
    files: PY,
    pattern: /^(?:async\s+)?def\s+([A-Za-z]\w*|__init__|__call__)\s*\(/,
    kind: (_, at) => (at.indent ? 'method' : 'function')
  },
  { files: PY, pattern: /^class\s+([A-Za-z]\w*)/, kind: 'class' },
  {
    files: PY,
    pattern: /^([A-Za-z]\w*)\s*:\s*[^=]+(?:=\s*.+)?$/,
    kind: 'field',
    when: insideOf('class')
  },
  {
    files: PY,
    pattern: /^([A-Z][A-Z0-9_]{2,})\s*(?::\s*[^=]+)?=\s*.+$/,
    kind: 'constant',
    when: (at) => at.indent === 0
  }
]

const GOLANG: Rule[] = [
  // A method is public only when its receiver's type is exported too.
  {
    files: GO,
    pattern: /^func\s+(?:\(\s*\w*\s*\*?\s*([A-Za-z_]\w*)[^)]*\)\s*)?([A-Z]\w*)\s*(?:\[[^\]]*\])?\(/,
    kind: (match) => (match[1] ? 'method' : 'function'),
    name: (match) => (/^[a-z_]/.test(group(match, 1)) ? undefined : group(match, 2))
  },
  { files: GO, pattern: /^type\s+([A-Z]\w*)\b/, kind: 'type', single: true },
  // A field with a struct tag is read or written outside (JSON, TOML, env); one without is wiring.
  {
    files: GO,
    pattern: /^([A-Z]\w*)\s+[\w.*[\]{}]+.*$/,
    kind: (_, at) => (/`[^`]*:"/.test(at.text) ? 'field' : 'member'),
    single: true,
    when: insideOf('struct', 'interface')
  },
  { files: GO, pattern: /^const\s+([A-Z]\w*)\b.*=/, kind: 'constant', single: true },
  {
    files: GO,
    pattern: /^([A-Z]\w*)\s*(?:[\w.]+\s*)?=\s*.+$/,
    kind: 'constant',
    single: true,
    when: (at) => /^const\s*\($/.test(at.enclosing())
  }
]

const OTHERS: Rule[] = [
  {
    files: RUST,
    pattern: /^pub\s+(?:async\s+)?(?:const\s+)?(?:unsafe\s+)?fn\s+(\w+)/,
    kind: 'function'
  },
  { files: RUST, pattern: /^pub\s+(?:struct|enum|trait|type)\s+(\w+)/, kind: 'type', single: true },
  { files: RUST, pattern: /^pub\s+(\w+)\s*:\s*.+$/, kind: 'field', single: true },
  { files: RUBY, pattern: /^def\s+((?:self\.)?\w+[?!]?)/, kind: 'method', single: true },
  {
    files: JVM,
    pattern: /^public\s+(?:static\s+)?(?:final\s+)?(?:[\w<>[\], ?]+\s+)?(\w+)\s*\(/,
    kind: 'method'
  },
  // A named SQL query (sqlc, yesql, HugSQL): the query with its conditions.
  {
    files: /\.sql$/,
    pattern: /^--\s*:?name:?\s+([\w-]+)/,
    kind: 'query',
    until: /;\s*(--.*)?$/
  },
  { files: PROTO, pattern: /^(?:message|enum|service)\s+(\w+)/, kind: 'type', single: true },
  { files: PROTO, pattern: /^rpc\s+(\w+)\s*\(/, kind: 'rpc' },
  {
    files: PROTO,
    pattern:
      /^(?:optional\s+|repeated\s+|required\s+)?(?:map<[^>]+>|[\w.]+)\s+(\w+)\s*=\s*\d+|^([A-Z][A-Z0-9_]*)\s*=\s*\d+/,
    kind: 'field'
  }
]

export const DECLARATION_RULES: readonly Rule[] = [...JAVASCRIPT, ...PYTHON, ...GOLANG, ...OTHERS]
