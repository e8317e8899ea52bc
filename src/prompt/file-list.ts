/**
 * The list of changed files: a line per file while that fits its room, else folder by folder at
 * the deepest level that fits, and, past that, the largest folders and a count of the rest. Every
 * file is counted, and no line is cut.
 */
import { hunksOfFile } from './analysis.js'
import { realChanges } from './diff-lines.js'
import { notQuoted, type FileRules } from './files.js'
import type { ChangedFile } from './pull-request.js'
import { plural } from './words.js'

function counts(files: readonly ChangedFile[]): string {
  const added = files.reduce((sum, f) => sum + f.additions, 0)
  const removed = files.reduce((sum, f) => sum + f.deletions, 0)
  return `+${added} −${removed}`
}

function fileLine(file: ChangedFile, rules: FileRules): string {
  const why = notQuoted(file, rules)
  const renamed = file.previousPath ? `, renamed from \`${file.previousPath}\`` : ''
  const whole = file.whole ? ', its whole change in the pull request' : ''
  const status = file.status === 'added' || file.status === 'removed' ? `, ${file.status}` : ''
  const real = realChanges(hunksOfFile(file))
  const realigned = real.realigned ? `; +${real.added} −${real.removed} ignoring whitespace` : ''
  return `- \`${file.path}\` (+${file.additions} −${file.deletions}${realigned}${status}${renamed}${whole})${why ? ` — not quoted: ${why}` : ''}`
}

function folderOf(path: string, depth: number): string {
  const parts = path.split('/').slice(0, -1)
  return parts.length ? `${parts.slice(0, depth).join('/')}/` : './'
}

function byFolder(files: readonly ChangedFile[], depth: number): [string, ChangedFile[]][] {
  const folders = new Map<string, ChangedFile[]>()
  for (const file of files) {
    const folder = folderOf(file.path, depth)
    const list = folders.get(folder)
    if (list) list.push(file)
    else folders.set(folder, [file])
  }
  return [...folders]
}

const folderLine = ([folder, list]: [string, ChangedFile[]]) =>
  `- \`${folder}\`: ${plural(list.length, 'file')} (${counts(list)})`

const length = (lines: readonly string[]) => lines.join('\n').length

export function fileList(
  files: readonly ChangedFile[],
  rules: FileRules,
  room: number,
  total: number
): string[] {
  const head = `Changed files (${plural(total, 'file')}, ${counts(files)}${total > files.length ? `; GitHub lists the first ${files.length}` : ''}):`
  const lines = files.map((file) => fileLine(file, rules))
  if (length([head, ...lines]) <= room) return [head, ...lines]
  const byFolderHead = `${head.slice(0, -1)}, by folder, since a line per file would not fit:`
  const deepest = Math.max(1, ...files.map((file) => file.path.split('/').length - 1))
  for (let depth = deepest; depth >= 1; depth--) {
    const folders = byFolder(files, depth).map(folderLine)
    if (length([byFolderHead, ...folders]) <= room) return [byFolderHead, ...folders]
  }
  const largest = byFolder(files, 1).sort((a, b) => b[1].length - a[1].length)
  const shown: string[] = []
  let left = room - byFolderHead.length - 80
  for (const folder of largest) {
    const text = folderLine(folder)
    if (text.length + 1 > left) break
    shown.push(text)
    left -= text.length + 1
  }
  const rest = largest.slice(shown.length).flatMap(([, list]) => list)
  return [
    byFolderHead,
    ...shown,
    ...(rest.length
      ? [
          `- … ${plural(largest.length - shown.length, 'more folder')}: ${plural(rest.length, 'file')} (${counts(rest)})`
        ]
      : [])
  ]
}
