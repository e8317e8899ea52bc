// Writes the README's inputs and outputs tables from action.yml, between the
// `<!-- inputs:start -->`/`<!-- inputs:end -->` and `outputs` markers. With --check, changes
// nothing and fails when the README is not what it would write.
import { readFileSync, writeFileSync } from 'node:fs'
import * as prettier from 'prettier'
import { parse } from 'yaml'

const action = parse(readFileSync('action.yml', 'utf8'))
const escape = (text) =>
  String(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim()

function shownDefault(input) {
  if (input.required) return '(required)'
  if (input.default === undefined || input.default === '') return '(none)'
  return `\`${input.default}\``
}

export function tables() {
  const inputs = [
    '| Input | Default | Description |',
    '| --- | --- | --- |',
    ...Object.entries(action.inputs).map(
      ([name, input]) => `| \`${name}\` | ${shownDefault(input)} | ${escape(input.description)} |`
    )
  ]
  const outputs = [
    '| Output | Description |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(
      ([name, output]) => `| \`${name}\` | ${escape(output.description)} |`
    )
  ]
  return { inputs: inputs.join('\n'), outputs: outputs.join('\n') }
}

function replaceBetween(text, name, content) {
  const pattern = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`)
  if (!pattern.test(text))
    throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> markers`)
  return text.replace(pattern, (_m, start, end) => `${start}\n\n${content}\n\n${end}`)
}

const readme = readFileSync('README.md', 'utf8')
const { inputs, outputs } = tables()
// Formatted as `npm run lint` expects, so that a check compares like with like.
const written = await prettier.format(
  replaceBetween(replaceBetween(readme, 'inputs', inputs), 'outputs', outputs),
  {
    ...(await prettier.resolveConfig('README.md')),
    filepath: 'README.md'
  }
)
if (process.argv.includes('--check')) {
  if (written !== readme) {
    console.error(
      'README.md tables differ from action.yml: run `npm run docs` and commit README.md.'
    )
    process.exit(1)
  }
} else {
  writeFileSync('README.md', written)
}
