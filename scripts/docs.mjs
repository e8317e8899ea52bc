// Writes, from action.yml, the README's inputs and outputs tables (between the
// `<!-- inputs:start -->`/`<!-- inputs:end -->` and `outputs` markers: each entry's first sentence,
// its default and the release it arrived in) and docs/reference.md (every description in full).
// With --check, changes nothing and fails when either file is not what it would write.
import { readFileSync, writeFileSync } from 'node:fs'
import * as prettier from 'prettier'
import { parse } from 'yaml'

/**
 * The release each input arrived in. A new input needs an entry here, with the release it will
 * ship in: `npm run docs` refuses an input without one.
 */
const INPUT_SINCE = {
  '0.1.0': [
    'api-key',
    'project-id',
    'job-id',
    'prompt',
    'wait',
    'timeout',
    'poll-interval',
    'request-timeout',
    'fail-on-job-failure',
    'base-url',
    'github-token',
    'command',
    'permission',
    'allowed-bots',
    'trusted-marker-authors',
    'allow-edits',
    'status-comment',
    'reactions'
  ],
  '1.0.0': ['mode', 'max-requests-per-thread', 'check-run', 'queue-expiry'],
  '1.1.0': ['sync-drafts', 'sync-exclude', 'sync-prefer', 'dry-run'],
  '1.2.0': [
    'check-run-name',
    'check-run-fail-on-job-failure',
    'sync-skip-label',
    'sync-paths',
    'docs-token',
    'docs-review-request',
    'docs-merged-label',
    'docs-ready-on-merge',
    'docs-close-with-code'
  ]
}

function sinceOf(input) {
  const release = Object.keys(INPUT_SINCE).find((version) => INPUT_SINCE[version].includes(input))
  if (!release)
    throw new Error(
      `scripts/docs.mjs does not say which release input '${input}' arrived in: add it to INPUT_SINCE.`
    )
  return release
}

const action = parse(readFileSync('action.yml', 'utf8'))
const flat = (text) =>
  String(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim()
const cell = (text) => flat(text).replace(/\|/g, '\\|')

/** The first sentence; past 100 characters, without its parentheses, which hold the details. */
function firstSentence(description) {
  const text = flat(description)
  let depth = 0
  let first = text
  let outside = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '(') depth++
    else if (c === ')') depth--
    else if (depth === 0) {
      if ((c === '.' || c === ';') && (i + 1 === text.length || text[i + 1] === ' ')) {
        first = `${text.slice(0, i)}.`
        outside += '.'
        break
      }
      outside += c
    }
  }
  return first.length <= 100 ? first : outside.replace(/\s+([,.;:])/g, '$1').replace(/\s{2,}/g, ' ')
}

function shownDefault(input) {
  if (input.required) return '(required)'
  if (input.default === undefined || input.default === '') return '(none)'
  return `\`${input.default}\``
}

function tables() {
  const inputs = [
    '| Input | Default | Since | What it is |',
    '| --- | --- | --- | --- |',
    ...Object.entries(action.inputs).map(
      ([name, input]) =>
        `| \`${name}\` | ${shownDefault(input)} | ${sinceOf(name)} | ${cell(firstSentence(input.description))} |`
    )
  ]
  const outputs = [
    '| Output | What it is |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(
      ([name, output]) => `| \`${name}\` | ${cell(firstSentence(output.description))} |`
    )
  ]
  return { inputs: inputs.join('\n'), outputs: outputs.join('\n') }
}

function reference() {
  const entry = (name, lines) => [`### \`${name}\``, '', ...lines, ''].join('\n')
  return [
    '# Inputs and outputs',
    '',
    '<!-- Written from action.yml by `npm run docs`: edit action.yml, then run it. -->',
    '',
    'Every input is read and checked before any request, and a bad one ends the step with one line',
    'that names it. Durations take `90s`, `15m`, `1h`, combinations such as `1m30s`, `250ms`, and',
    'plain seconds (`45`, `0.5`).',
    '',
    '## Inputs',
    '',
    ...Object.entries(action.inputs).map(([name, input]) =>
      entry(name, [
        `${input.required ? 'Required' : `Default: ${shownDefault(input)}`}. Since ${sinceOf(name)}.`,
        '',
        flat(input.description)
      ])
    ),
    '## Outputs',
    '',
    'Outputs are set whether the step passes or fails.',
    '',
    ...Object.entries(action.outputs).map(([name, output]) =>
      entry(name, [flat(output.description)])
    )
  ].join('\n')
}

function replaceBetween(text, name, content) {
  const pattern = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`)
  if (!pattern.test(text))
    throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> markers`)
  return text.replace(pattern, (_m, start, end) => `${start}\n\n${content}\n\n${end}`)
}

// Formatted as `npm run lint` expects, so that a check compares like with like.
async function formatted(text, filepath) {
  return prettier.format(text, { ...(await prettier.resolveConfig(filepath)), filepath })
}

const { inputs, outputs } = tables()
const files = [
  [
    'README.md',
    await formatted(
      replaceBetween(
        replaceBetween(readFileSync('README.md', 'utf8'), 'inputs', inputs),
        'outputs',
        outputs
      ),
      'README.md'
    )
  ],
  ['docs/reference.md', await formatted(reference(), 'docs/reference.md')]
]
if (process.argv.includes('--check')) {
  const stale = files.filter(([path, text]) => {
    try {
      return readFileSync(path, 'utf8') !== text
    } catch {
      return true
    }
  })
  if (stale.length) {
    console.error(
      `${stale.map(([path]) => path).join(' and ')} differ from action.yml: run \`npm run docs\` and commit them.`
    )
    process.exit(1)
  }
} else {
  for (const [path, text] of files) writeFileSync(path, text)
}
