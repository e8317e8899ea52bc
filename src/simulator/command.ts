/**
 * `mintlify-agent simulator` (and `npm run simulator`): the Mintlify API simulator on loopback,
 * for trying the action, a workflow or the command line with no key and no network.
 */
import { parseArgs } from 'node:util'
import { parseDuration } from '../core/duration.js'
import {
  DEMO_JOB_ID,
  DEMO_PROJECT_ID,
  SIMULATOR_API_KEY,
  startSimulator,
  type Fault,
  type JobOutcome
} from './server.js'

export const SIMULATOR_USAGE = `Usage: mintlify-agent simulator [options]

A stand-in for the Mintlify agent API on 127.0.0.1, written from its OpenAPI description:
follow-ups, new jobs, job reads and the v1 job list, the bearer key and the hourly limit.
The same address answers GitHub's REST calls too (set GITHUB_API_URL to it; any token) for a
small demo world, acme/docs#42 and acme/api#128; a clone's examples/events/ has events for it.
It prints its address and credentials; Ctrl-C stops it.

Options:
  --port <n>              port to listen on (default 4010; 0 for any free one)
  --job-duration <d>      how long a job works on each message, as 5s, 1m or seconds (default 2s)
  --outcome <outcome>     what jobs end in: completed (with a pull request, the default),
                          no-changes (completed without one), failed, archived, or never-ends
  --hourly-limit <n>      messages and new jobs per project per hour (default 100, as Mintlify)
  --fault <fault>         answer requests with a fault; repeat for more. KIND[:TIMES][@ROUTE]:
                            KIND   500, 502, 503, 504 or 429; reset (the connection drops before
                                   the request is read); reset-after (the message is taken,
                                   then the connection drops); slow (the answer comes late);
                                   html (a gateway's HTML page)
                            TIMES  how many requests get it (default 1)
                            ROUTE  message, create, job or list (default: any Mintlify route)
                          for example --fault 503:2@message --fault reset@job
  --slow <d>              how late a slow answer comes (default 5s)
  -h, --help              show this help

It prints a line for every request it answers: method, path, status and time.

Exit codes: 0 stopped with Ctrl-C or SIGTERM; 2 a wrong command line; 1 it could not start
(the port is taken, say).`

const OUTCOMES: Record<string, JobOutcome> = {
  completed: 'completed',
  'no-changes': 'no-changes',
  failed: 'failed',
  archived: 'archived',
  'never-ends': 'never'
}

const ROUTES = ['message', 'create', 'job', 'list'] as const
const STATUS_FAULTS = ['500', '502', '503', '504', '429']

/** A wrong command line: its message says what to change. */
export class SimulatorUsageError extends Error {
  override name = 'SimulatorUsageError'
}

function seconds(text: string, flag: string): number {
  const ms = parseDuration(text)
  if (ms === undefined || ms < 0)
    throw new SimulatorUsageError(`${flag} takes a duration such as 5s, 1m or 2 (got '${text}').`)
  return ms
}

function wholeNumber(text: string, flag: string, least: number): number {
  if (!/^\d+$/.test(text) || Number(text) < least)
    throw new SimulatorUsageError(`${flag} takes a whole number, ${least} or more (got '${text}').`)
  return Number(text)
}

/** `503:2@message` as the simulator's fault. */
function parseFault(text: string, slowMs: number): Fault {
  const match = /^([a-z0-9-]+)(?::(\d+))?(?:@([a-z]+))?$/.exec(text)
  const [, kind = '', times = '1', route] = match ?? []
  if (!match || Number(times) < 1 || (route && !(ROUTES as readonly string[]).includes(route)))
    throw new SimulatorUsageError(
      `--fault takes KIND[:TIMES][@ROUTE], such as 503:2@message (got '${text}'); see --help.`
    )
  const where = { times: Number(times), ...(route ? { route: route as Fault['route'] } : {}) }
  if (STATUS_FAULTS.includes(kind)) {
    const headers = kind === '429' || kind === '503' ? { 'retry-after': '1' } : undefined
    return { ...where, kind: 'status', status: Number(kind), ...(headers ? { headers } : {}) }
  }
  switch (kind) {
    case 'reset':
      return { ...where, kind: 'reset-before-body' }
    case 'reset-after':
      return { ...where, kind: 'reset-after-body' }
    case 'slow':
      return { ...where, kind: 'slow', delayMs: slowMs }
    case 'html':
      return { ...where, kind: 'html' }
    default:
      throw new SimulatorUsageError(
        `--fault does not know '${kind}': use 500, 502, 503, 504, 429, reset, reset-after, slow or html.`
      )
  }
}

function describeFault(fault: Fault): string {
  const what =
    fault.kind === 'status'
      ? String(fault.status)
      : fault.kind === 'slow'
        ? `a ${fault.delayMs / 1000}s late answer`
        : fault.kind === 'reset-before-body'
          ? 'a dropped connection'
          : fault.kind === 'reset-after-body'
            ? 'a dropped connection after taking the message'
            : fault.kind === 'html'
              ? "a gateway's HTML page"
              : fault.kind
  return `${what} ×${fault.times ?? 1}${fault.route ? ` on ${fault.route} requests` : ''}`
}

/**
 * Runs the simulator until SIGINT or SIGTERM; resolves with the exit code. Writes what it is,
 * how to use it and a line per request to `out`. Throws when it cannot start.
 */
export async function runSimulator(
  argv: string[],
  out: (text: string) => void = (text) => process.stdout.write(text)
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4010' },
      'job-duration': { type: 'string', default: '2s' },
      outcome: { type: 'string', default: 'completed' },
      'hourly-limit': { type: 'string', default: '100' },
      fault: { type: 'string', multiple: true, default: [] },
      slow: { type: 'string', default: '5s' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    out(`${SIMULATOR_USAGE}\n`)
    return 0
  }
  const outcome = OUTCOMES[values.outcome]
  if (!outcome)
    throw new SimulatorUsageError(
      `--outcome takes completed, no-changes, failed, archived or never-ends (got '${values.outcome}').`
    )
  const port = wholeNumber(values.port, '--port', 0)
  const jobDurationMs = seconds(values['job-duration'], '--job-duration')
  const hourlyLimit = wholeNumber(values['hourly-limit'], '--hourly-limit', 1)
  const slowMs = seconds(values.slow, '--slow')
  const faults = values.fault.map((text) => parseFault(text, slowMs))

  let simulator: Awaited<ReturnType<typeof startSimulator>>
  try {
    simulator = await startSimulator({
      port,
      jobDurationMs,
      hourlyLimit,
      outcome,
      // A line per request shows what a client does, as it happens.
      onAnswer: ({ method, path, status, durationMs }) =>
        out(
          `${method} ${path} → ${status === undefined ? 'connection dropped' : status} (${durationMs} ms)\n`
        )
    })
  } catch (error) {
    const code = (error as { code?: string }).code
    throw new Error(
      code === 'EADDRINUSE'
        ? `Port ${port} is taken: choose another with --port, or --port 0 for any free one.`
        : `The simulator could not start: ${(error as Error).message}`,
      { cause: error }
    )
  }
  for (const fault of faults) simulator.addFault(fault)
  // Listening before the banner: whoever reads it may press Ctrl-C at once.
  const stopped = new Promise<number>((resolve) => {
    const stop = () => void simulator.close().then(() => resolve(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  const per = `${hourlyLimit} ${hourlyLimit === 1 ? 'message or new job' : 'messages or new jobs'}`
  out(
    [
      `Mintlify simulator on ${simulator.url} (Ctrl-C stops it)`,
      `  base-url:   ${simulator.url}`,
      `  api-key:    ${SIMULATOR_API_KEY}`,
      `  project-id: ${DEMO_PROJECT_ID}`,
      `  job-id:     ${DEMO_JOB_ID}`,
      `GitHub's REST API for acme/docs#42 and acme/api#128 too: GITHUB_API_URL=${simulator.url} (any token).`,
      `Jobs work ${jobDurationMs / 1000}s on each message, then end ${values.outcome}; ${per} per project per hour.`,
      ...(faults.length ? [`Faults: ${faults.map(describeFault).join('; ')}.`] : []),
      '',
      'Try it (another terminal):',
      `  export MINTLIFY_API_KEY=${SIMULATOR_API_KEY} MINTLIFY_BASE_URL=${simulator.url}`,
      `  mintlify-agent follow-up --project ${DEMO_PROJECT_ID} --job ${DEMO_JOB_ID} "Add a FAQ"`,
      ''
    ].join('\n')
  )
  return stopped
}
