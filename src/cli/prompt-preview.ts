/**
 * `mintlify-agent prompt`: the prompt mode sync would send for a branch of a local checkout,
 * built by the action's own prompt code from git alone (no token, no network), with where its
 * room went. The prompt goes to stdout, the budget to stderr.
 */
import { parseArgs } from 'node:util'
import { GitPullRequest, UnknownCommit } from '../adapters/git/git-pull-request.js'
import { MAX_PROMPT_LENGTH, MAX_SYNC_INSTRUCTIONS } from '../settings/settings.js'
import { budgetLines, promptBudget } from '../prompt/budget.js'
import { pendingChanges } from '../prompt/changes.js'
import type { PromptRules } from '../prompt/prompt.js'

export const PROMPT_USAGE = `Usage: mintlify-agent prompt [--base <branch>] [--since <commit>] [options]

Prints the prompt mode sync would send for this checkout's branch, built by the action's own
prompt code from git alone: no key, no token, no network. The prompt goes to stdout; where its
room went (each file quoted whole, cut, or listed only, and the share by kind) goes to stderr.

Options:
  --base <branch>     the branch the pull request would merge into (default main)
  --head <commit>     the pull request's head (default HEAD)
  --since <commit>    print the follow-up that brings a job from this commit up to the head,
                      instead of the first prompt
  --title <text>      the pull request's title (default the head commit's subject)
  --body <text>       the pull request's description (default none)
  --prompt <text>     the team's instructions, as the action's prompt input
  --exclude <globs>   as sync-exclude: globs listed without their diff (commas or spaces)
  --prefer <globs>    as sync-prefer: globs quoted first
  --json              print {"prompt", "budget"} as one JSON document on stdout
  -h, --help          show this help`

export class PromptUsageError extends Error {}

const globs = (value: string | undefined) => (value ?? '').split(/[\s,]+/).filter(Boolean)

export async function runPromptPreview(argv: string[], cwd = process.cwd()): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      since: { type: 'string' },
      title: { type: 'string' },
      body: { type: 'string' },
      prompt: { type: 'string' },
      exclude: { type: 'string' },
      prefer: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    process.stdout.write(`${PROMPT_USAGE}\n`)
    return 0
  }
  if (positionals.length)
    throw new PromptUsageError(
      `prompt takes no words of its own (got '${positionals.join(' ').slice(0, 40)}'): give the team's instructions with --prompt "<text>".`
    )
  const instructions = values.prompt?.trim()
  if (instructions && instructions.length > MAX_SYNC_INSTRUCTIONS)
    throw new PromptUsageError(
      `--prompt is ${instructions.length} characters long; mode sync takes at most ${MAX_SYNC_INSTRUCTIONS}.`
    )
  let reader: GitPullRequest
  try {
    reader = new GitPullRequest({
      cwd,
      base: values.base ?? 'main',
      head: values.head ?? 'HEAD',
      title: values.title,
      body: values.body
    })
  } catch (error) {
    if (error instanceof UnknownCommit)
      throw new PromptUsageError(
        `--${error.which} ${error.ref} is no commit of this checkout: give a branch, tag or SHA that git knows${error.which === 'base' ? ' (the base branch defaults to main)' : ''}.`
      )
    throw new Error(
      `git could not find the branches to compare in ${cwd} (${firstLine(error)}): run this in a git checkout, and name the base branch with --base (default main).`,
      { cause: error }
    )
  }
  const rules: PromptRules = {
    instructions,
    exclude: globs(values.exclude),
    prefer: globs(values.prefer),
    limit: MAX_PROMPT_LENGTH
  }
  const since = values.since
  if (since !== undefined && !reader.hasCommit(since))
    throw new PromptUsageError(
      `--since ${since} is no commit of this checkout: give a commit git knows (a SHA from 'git log', a branch or a tag).`
    )
  const pr = await reader.read()
  const pending = await pendingChanges(reader.headSha, reader, pr, since, rules)
  if (pending.kind === 'none') {
    process.stderr.write(
      pending.base
        ? `The commits since ${since} only bring in ${pr.baseRef}: a sync would send nothing.\n`
        : `Nothing is new since ${since}: a sync would send nothing.\n`
    )
    if (values.json) process.stdout.write(`${JSON.stringify({ prompt: null })}\n`)
    return 0
  }
  const budget = promptBudget(pending.prompt, pending.files, rules)
  if (values.json) process.stdout.write(`${JSON.stringify({ prompt: pending.prompt, budget })}\n`)
  else process.stdout.write(`${pending.prompt}\n`)
  process.stderr.write(`${budgetLines(budget).join('\n')}\n`)
  return 0
}

const firstLine = (error: unknown) =>
  String((error as { stderr?: string }).stderr || (error as Error).message)
    .trim()
    .split('\n')[0]
