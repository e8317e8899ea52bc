/**
 * `npm run simulator -- [--port N] [--job-duration SECONDS] [--hourly-limit N]`: the Mintlify
 * simulator on loopback, for trying the action or a workflow by hand. Stops on Ctrl-C.
 */
import { parseArgs } from 'node:util'
import {
  DEMO_JOB_ID,
  DEMO_PROJECT_ID,
  SIMULATOR_API_KEY,
  startSimulator
} from './mintlify-simulator.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'job-duration': { type: 'string', default: '2' },
    'hourly-limit': { type: 'string', default: '100' }
  }
})

const simulator = await startSimulator({
  port: Number(values.port),
  jobDurationMs: Number(values['job-duration']) * 1000,
  hourlyLimit: Number(values['hourly-limit'])
})
console.log(`Mintlify simulator on ${simulator.url}`)
console.log(
  `  base-url: ${simulator.url}\n  api-key: ${SIMULATOR_API_KEY}\n  project-id: ${DEMO_PROJECT_ID}\n  job-id: ${DEMO_JOB_ID}`
)
process.on('SIGINT', () => void simulator.close().then(() => process.exit(0)))
