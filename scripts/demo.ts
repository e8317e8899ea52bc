/**
 * `npm run demo`: the bundled action, run as the GitHub runner runs it, against the built-in
 * Mintlify simulator. No key, no network; prints the log and then the step's outputs.
 */
import {
  DEMO_JOB_ID,
  DEMO_PROJECT_ID,
  SIMULATOR_API_KEY,
  startSimulator
} from '../src/simulator/server.js'
import { runAction } from './run-action.js'

const simulator = await startSimulator({ jobDurationMs: 3000 })
console.log(`Mintlify simulator listening on ${simulator.url}; running dist/index.js against it.\n`)

const run = await runAction(
  {
    'api-key': SIMULATOR_API_KEY,
    'project-id': DEMO_PROJECT_ID,
    'job-id': DEMO_JOB_ID,
    prompt: 'Also add error handling examples to the quickstart guide',
    'poll-interval': '1s',
    timeout: '1m',
    'base-url': simulator.url
  },
  { onStdout: (chunk) => process.stdout.write(chunk.replace(/^::(?:debug|add-mask)::.*\n/gm, '')) }
)
await simulator.close()

console.log(
  `\nThe action exited with code ${run.exitCode} after ${(run.durationMs / 1000).toFixed(1)} s. Its outputs:`
)
const width = Math.max(...Object.keys(run.outputs).map((name) => name.length))
for (const [name, value] of Object.entries(run.outputs))
  console.log(`  ${name.padEnd(width)}  ${value}`)
process.exitCode = run.exitCode ?? 1
