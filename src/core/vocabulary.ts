/**
 * How a front end names its settings in what it tells people. The action speaks of its inputs
 * (`job-id`, secrets, the workflow); the command line of its flags and environment variables
 * (`--job`, `MINTLIFY_API_KEY`). The core's messages are written once, in these words.
 */
export type SettingName =
  | 'api-key'
  | 'project-id'
  | 'job-id'
  | 'prompt'
  | 'mode'
  | 'wait'
  | 'timeout'
  | 'poll-interval'
  | 'request-timeout'
  | 'base-url'

export interface Vocabulary {
  /** A setting named in a sentence: `job-id` in the action, `--job` on the command line. */
  name(setting: SettingName): string
  /** A setting as a sentence's subject: `Input 'job-id'`, or `--job`. */
  subject(setting: SettingName): string
  /** How to give the admin key, as an instruction. */
  keyAdvice: string
  /** How to start a new job on purpose, as an instruction. */
  startJobAdvice: string
  /** Where a job's ID can be found, as a sentence. */
  jobIdAdvice: string
  /** What stopped the run early, as a sentence's subject. */
  cancelled: string
  /** How to come back to a job that goes on after this run. */
  followJob(jobId: string): string
  /** When to try a request again that failed on Mintlify's side. */
  tryAgainLater: string
  /** How the front end was told not to wait, and how to undo that. */
  noWait: { given: string; undo: string }
}

export const ACTION_VOCABULARY: Vocabulary = {
  name: (setting) => setting,
  subject: (setting) => `Input '${setting}'`,
  keyAdvice:
    'store your Mintlify admin key as a repository secret and pass it as api-key: ${{ secrets.MINTLIFY_API_KEY }}',
  startJobAdvice:
    'set mode: create (always a new job) or mode: auto (a new job when no job is named)',
  jobIdAdvice:
    'Copy the job ID from the Mintlify dashboard or from the job-id output of the run that started the job.',
  cancelled: 'The workflow was cancelled',
  followJob: (jobId) => `follow it on the Mintlify dashboard (job-id ${jobId})`,
  tryAgainLater: 'run the workflow again later',
  noWait: { given: 'wait is false', undo: 'set wait: true' }
}

const FLAGS: Record<SettingName, string> = {
  'api-key': 'MINTLIFY_API_KEY',
  'project-id': '--project',
  'job-id': '--job',
  prompt: 'the prompt',
  mode: 'the command',
  wait: '--no-wait',
  timeout: '--timeout',
  'poll-interval': '--poll-interval',
  'request-timeout': '--request-timeout',
  'base-url': '--base-url'
}

/** The command line's words; `statusLine` is the exact command that shows a job later. */
export function cliVocabulary(statusLine: (jobId: string) => string): Vocabulary {
  return {
    name: (setting) => FLAGS[setting],
    subject: (setting) => FLAGS[setting],
    keyAdvice:
      'export MINTLIFY_API_KEY=mint_… with an admin key from the API keys page of the Mintlify dashboard',
    startJobAdvice: "use 'mintlify-agent create'",
    jobIdAdvice:
      'Copy the job ID from the Mintlify dashboard, or give --pr <pull request URL> to find it.',
    cancelled: 'Stopped',
    followJob: (jobId) => `check on it later with: ${statusLine(jobId)}`,
    tryAgainLater: 'try again later',
    noWait: { given: '--no-wait was given', undo: 'leave out --no-wait' }
  }
}
