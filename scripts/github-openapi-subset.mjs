// Writes __tests__/fixtures/github-rest-subset.json: the operations of GitHub's published OpenAPI
// description that the action calls, so that the fake GitHub of the tests can check every call
// (and its own answers) against them without a 385 MB package in node_modules.
//
//   npm pack @octokit/openapi && tar xzf octokit-openapi-*.tgz
//   node scripts/github-openapi-subset.mjs package/generated/api.github.com.deref.json
//
// Run it again when the action calls a new endpoint: the fake refuses calls it cannot check.
import { readFileSync, writeFileSync } from 'node:fs'

const OPERATIONS = [
  ['get', '/repos/{owner}/{repo}/collaborators/{username}/permission'],
  ['post', '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions'],
  ['post', '/repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['post', '/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies'],
  ['patch', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['patch', '/repos/{owner}/{repo}/pulls/comments/{comment_id}'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/comments'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['post', '/repos/{owner}/{repo}/check-runs'],
  ['patch', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['get', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['patch', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['post', '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/labels'],
  ['get', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['get', '/repos/{owner}/{repo}/pulls/comments/{comment_id}'],
  ['delete', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/reactions'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/reactions'],
  ['delete', '/repos/{owner}/{repo}/issues/{issue_number}/reactions/{reaction_id}'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}/check-runs'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/files'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/commits'],
  ['get', '/repos/{owner}/{repo}/compare/{basehead}']
]

const source = process.argv[2]
if (!source) {
  console.error('Give the path of api.github.com.deref.json (see the comment at the top).')
  process.exit(2)
}
const spec = JSON.parse(readFileSync(source, 'utf8'))

/** Keeps what a check needs: no prose, no examples (but every property, whatever its name). */
function slim(value) {
  if (Array.isArray(value)) return value.map(slim)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !['description', 'example', 'examples', 'title'].includes(key))
      .filter(([key]) => !key.startsWith('x-'))
      .map(([key, inner]) => [key, key === 'properties' ? slimEach(inner) : slim(inner)])
  )
}

function slimEach(properties) {
  return Object.fromEntries(
    Object.entries(properties).map(([name, schema]) => [name, slim(schema)])
  )
}

const paths = {}
for (const [method, path] of OPERATIONS) {
  const operation = spec.paths[path]?.[method]
  if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in ${source}`)
  const success = Object.entries(operation.responses).filter(([code]) => code.startsWith('2'))
  paths[path] ??= {}
  paths[path][method] = slim({
    parameters: operation.parameters ?? [],
    requestBody: operation.requestBody?.content?.['application/json']?.schema,
    responses: Object.fromEntries(
      success.map(([code, answer]) => [code, answer.content?.['application/json']?.schema ?? null])
    )
  })
}
writeFileSync(
  '__tests__/fixtures/github-rest-subset.json',
  `${JSON.stringify({ source: `${spec.info.title} ${spec.info.version}`, paths }, null, 1)}\n`
)
console.log(`Wrote ${OPERATIONS.length} operations.`)
