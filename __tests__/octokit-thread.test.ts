/**
 * The send lock as octokit takes it on GitHub (the fake, held to GitHub's OpenAPI description):
 * every run of a token reacts as the same account, so only GitHub's 201 says a run holds it.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { systemClock } from '../src/core/clock.js'
import { openOctokit } from '../src/adapters/github/octokit.js'
import { OctokitThread } from '../src/adapters/github/octokit-thread.js'
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js'
import { recordingLogger } from './helpers/logger.js'

let github: FakeGitHub
const apiUrl = process.env.GITHUB_API_URL
afterEach(async () => {
  process.env.GITHUB_API_URL = apiUrl
  await github?.close()
})

const REF = { owner: 'Codertocat', repo: 'Hello-World', number: 1, isPullRequest: true }

async function twoRuns() {
  github = await startFakeGitHub()
  process.env.GITHUB_API_URL = github.url
  const logger = recordingLogger()
  const octokit = await openOctokit('ghs_test', {
    logger,
    clock: systemClock,
    deadline: systemClock.now() + 60_000
  })
  return [new OctokitThread(octokit, REF, logger), new OctokitThread(octokit, REF, logger)]
}

it('a 👀 GitHub added but answered with a 502 is held by no run, so two runs never both hold the lock', async () => {
  const [first, second] = await twoRuns()
  // The first run's try is carried out and its answer lost: its retry, like the second run, finds
  // the 👀 there already, and nothing tells whose it is; the lease (5 minutes) frees it.
  github.failNext('POST', /\/issues\/1\/reactions$/, [
    { status: 502, message: 'Bad Gateway', carriedOut: true }
  ])
  const firstHolds = await first!.addLockReaction()
  const secondHolds = await second!.addLockReaction()
  expect([firstHolds.created, secondHolds.created]).toEqual([false, false])
  expect(secondHolds.reaction.id).toBe(firstHolds.reaction.id)
})

it('a run whose 👀 GitHub added at once holds the lock, and the next run does not', async () => {
  const [first, second] = await twoRuns()
  const firstHolds = await first!.addLockReaction()
  const secondHolds = await second!.addLockReaction()
  expect([firstHolds.created, secondHolds.created]).toEqual([true, false])
})

it('an answer cut off before its body names nothing: the run says so rather than holding an ID it lacks', async () => {
  const server = createServer((_request, response) => {
    response.writeHead(201, { 'content-type': 'application/json' })
    response.end()
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  try {
    process.env.GITHUB_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const logger = recordingLogger()
    const octokit = await openOctokit('ghs_test', {
      logger,
      clock: systemClock,
      deadline: systemClock.now() + 60_000
    })
    const thread = new OctokitThread(octokit, REF, logger)
    await expect(thread.post('hello')).rejects.toThrow(/cut off before it gave its ID/)
    await expect(thread.addLockReaction()).rejects.toThrow(/cut off before it gave its ID/)
  } finally {
    server.close()
  }
})
