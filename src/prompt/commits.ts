/**
 * Commit messages as a prompt gives them: a line each with its subject, then the bodies that fit,
 * without their trailers (`Co-authored-by:`, `Signed-off-by:` …), which say nothing of the change.
 */
import type { Commit } from './pull-request.js'
import { plural } from './words.js'

/** Text the action did not write, with its line ends made plain (`\r\n` and lone `\r`). */
export const plainLines = (text: string): string => text.replace(/\r\n?/g, '\n')

/** A title on one line, whatever line breaks it came with. */
export const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ')

export const short = (sha: string): string => sha.slice(0, 7)

/** A line that credits someone (`Co-authored-by:`, `Reviewed-by:` …), wherever it stands. */
const CREDIT = /^[A-Za-z]+(?:-[A-Za-z]+)*-by:\s/i
/** A git trailer: `Token: value`, the token one word or hyphenated words. */
const TRAILER = /^([A-Za-z]+(?:-[A-Za-z]+)+|Cc|Link|Bug|Fixes|Closes|Resolves|Refs):\s+\S/

/** The message without credits, and without the trailers of its last paragraph. */
function withoutTrailers(message: string): string {
  const lines = plainLines(message)
    .split('\n')
    .filter((line) => !CREDIT.test(line.trim()))
  const at = (index: number) => lines[index]?.trim() ?? ''
  let end = lines.length
  for (;;) {
    while (end > 0 && /^(-{3,})?$/.test(at(end - 1))) end--
    let start = end
    while (start > 1 && TRAILER.test(at(start - 1))) start--
    // Trailers are a paragraph of their own, after the subject.
    if (start === end || at(start - 1) !== '') break
    end = start
  }
  return lines.slice(0, end).join('\n').trim()
}

/**
 * The commits, a line each with its subject, and then their whole bodies in order within `room`
 * characters; subjects and bodies that do not fit are left out, and the list says how many.
 */
export function commitList(commits: readonly Commit[], total: number, room: number): string[] {
  const messages = commits.map((c) => {
    const [subject = '', ...rest] = withoutTrailers(c.message).split('\n')
    return { sha: short(c.sha), subject, body: rest.join('\n').trim() }
  })
  const more = total - commits.length
  const subjects = [
    ...(more > 0 ? [`- … ${plural(more, 'earlier commit')} GitHub does not list`] : []),
    ...messages.map((m) => `- ${m.sha} ${m.subject}`)
  ]
  let left = room
  let listed = 0
  const allFit = subjects.join('\n').length + 1 <= room
  for (const subject of subjects) {
    if (!allFit && subject.length + 1 > left - 80) break
    left -= subject.length + 1
    listed++
  }
  const unlisted = subjects.length - listed
  const bodies: string[] = []
  let cut = 0
  for (const m of messages.filter((m) => m.body)) {
    const block = `${m.sha} ${m.subject}\n${m.body.replace(/^/gm, '  ')}`
    if (block.length + 1 <= left) {
      bodies.push(block)
      left -= block.length + 1
    } else cut++
  }
  return [
    ...subjects.slice(0, listed),
    ...(unlisted ? [`- … ${plural(unlisted, 'later commit')} left out for want of room`] : []),
    ...(bodies.length ? ['', 'Their messages:', ...bodies] : []),
    ...(cut ? [`(${plural(cut, 'more commit message')} left out for want of room.)`] : [])
  ]
}
