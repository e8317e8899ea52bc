/**
 * What a newcomer met trying the bundle and the command line by hand: a summary file that is not
 * there, a duration written in two words, and a base URL with a path.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { REPO_ROOT } from '../scripts/run-action.js'
import { DEMO_JOB_ID, DEMO_PROJECT_ID, SIMULATOR_API_KEY } from '../src/simulator/server.js'
import { errorsIn, inputsFor, runAction, useSimulator } from './helpers/action.js'
import { docsPage } from './helpers/docs.js'

const CLI = join(REPO_ROOT, 'dist', 'cli', 'index.js')
const simulator = useSimulator()

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', MINTLIFY_API_KEY: SIMULATOR_API_KEY }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

describe('by hand, as a newcomer runs it', () => {
  it('a GITHUB_STEP_SUMMARY that names no file that can be opened: no summary, no stack trace', async () => {
    const run = await runAction(inputsFor(simulator(), { 'job-id': DEMO_JOB_ID, prompt: 'More' }), {
      env: { GITHUB_STEP_SUMMARY: '/nonexistent/folder/summary.md' }
    })
    expect(run.exitCode).toBe(0)
    expect(errorsIn(run.stdout)).toEqual([])
    expect(run.stdout).not.toMatch(/Unable to access summary file|\n\s+at /)
  })

  it('--timeout 5 minutes "x" is refused, and sends nothing', async () => {
    const run = await cli([
      'follow-up',
      '--project',
      DEMO_PROJECT_ID,
      '--job',
      DEMO_JOB_ID,
      '--base-url',
      simulator().url,
      '--timeout',
      '5',
      'minutes',
      'Add examples'
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('write --timeout as one word (as 5m or 90s)')
    expect(simulator().requests.filter((r) => r.method === 'POST')).toEqual([])
  })

  it.each(['/v2', '/api'])(
    'a base URL ending in %s: the 404 says the URL may be wrong, not the job',
    async (path) => {
      // The API's own host, asked at the wrong path: its JSON 404, as for an unknown job.
      const host = createServer((_req, res) => {
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: 'Not found' }))
      })
      await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
      const { port } = host.address() as AddressInfo
      try {
        const run = await cli([
          'status',
          '--project',
          DEMO_PROJECT_ID,
          '--job',
          DEMO_JOB_ID,
          '--base-url',
          `http://127.0.0.1:${port}${path}`
        ])
        expect(run.code).toBe(1)
        expect(run.stderr).toContain(`has a path (${path}), but the action adds /v2/agent/… itself`)
        expect(run.stderr).not.toContain('check --job and --project')
      } finally {
        host.close()
      }
    }
  )

  it("docs/cli.md's sample session shows every line the follow-up prints", async () => {
    const session = docsPage('cli.md').slice(
      docsPage('cli.md').indexOf('mintlify-agent follow-up --project demo-project')
    )
    const shown = session
      .split('\n')
      .slice(1)
      .filter((line, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('# ')))
      .map((line) => line.slice(2))
    const run = await cli([
      'follow-up',
      '--project',
      DEMO_PROJECT_ID,
      '--job',
      DEMO_JOB_ID,
      '--base-url',
      simulator().url,
      '--poll-interval',
      '0.05',
      'Also add error handling examples'
    ])
    const printed = `${run.stderr}${run.stdout}`.trim().split('\n')
    const timeless = (line: string) => line.replace(/\d+(\.\d+)?m?s\b/g, 'Ns')
    expect(printed.map(timeless)).toEqual(shown.map(timeless))
  })
})
