import {
  DEMO_JOB_ID,
  DEMO_PROJECT_ID,
  SIMULATOR_API_KEY,
  startSimulator,
  type Simulator,
  type SimulatorOptions
} from '../../src/simulator/server.js'

import { startAction, type StartedAction, type StartOptions } from '../../scripts/run-action.js'
import { mintlifySpec, requestProblems } from './mintlify-contract.js'

export { runAction, startAction, type ActionRun } from '../../scripts/run-action.js'

/** Starts the action and resolves once Mintlify took its message: the moment to cancel it. */
export async function startUntilMessageTaken(
  inputs: Record<string, string>,
  options: StartOptions = {}
): Promise<StartedAction> {
  let taken!: () => void
  const messageTaken = new Promise<void>((resolve) => (taken = resolve))
  const action = startAction(inputs, {
    ...options,
    onStdout: (chunk) => chunk.includes('Mintlify took the message') && taken()
  })
  await messageTaken
  return action
}

/** Inputs that point the action at a simulator, with short intervals so that tests stay fast. */
export function inputsFor(
  simulator: Simulator,
  overrides: Record<string, string> = {}
): Record<string, string> {
  return {
    'api-key': SIMULATOR_API_KEY,
    'project-id': DEMO_PROJECT_ID,
    'job-id': DEMO_JOB_ID,
    prompt: 'Also add error handling examples to the quickstart guide',
    'poll-interval': '0.05',
    timeout: '20s',
    'base-url': simulator.url,
    ...overrides
  }
}

/**
 * A simulator per test, closed after it. Every request the action made to it must be one that
 * admin-openapi.json allows: a test whose run sent anything else fails.
 */
export function useSimulator(options: SimulatorOptions = {}): () => Simulator {
  let simulator: Simulator | undefined
  beforeEach(async () => {
    simulator = await startSimulator({ jobDurationMs: 150, ...options })
  })
  afterEach(async () => {
    await simulator?.close()
    const spec = mintlifySpec
    if (spec && simulator) {
      expect(simulator.requests.flatMap((request) => requestProblems(spec, request))).toEqual([])
    }
  })
  return () => simulator!
}

/** Resolves once `condition` holds: a test waits for what happens, never for a length of time. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20))
}

/** Lines the action wrote with `::error::`, the way the runner shows failures. */
export function errorsIn(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::error::'))
    .map((line) => line.slice('::error::'.length))
}
