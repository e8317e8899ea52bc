/** The hidden line that ties a pull request or a status comment to an agent job. */
export function jobMarker(jobId: string): string {
  return `<!-- mintlify-agent-action job=${jobId} -->`
}

const MARKER = /<!--\s*mintlify-agent-action\s+job=([^\s>]+)\s*-->/g

/** The job named by the last marker in a text, if any. */
export function findJobMarker(text: string | null | undefined): string | undefined {
  let found: string | undefined
  for (const match of (text ?? '').matchAll(MARKER)) found = match[1]
  return found
}
