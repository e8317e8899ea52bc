import type { getOctokit } from '@actions/github'

/** The GitHub client the adapters talk through (see openOctokit). */
export type Octokit = ReturnType<typeof getOctokit>
