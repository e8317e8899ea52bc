/**
 * Where a prompt's room went, file by file: what was quoted (whole or cut), listed only, or left
 * out for want of room, and the share of the quoted room by kind of file. Read back from the
 * prompt itself, so that it shows what the agent gets.
 */
import { notQuoted } from './files.js'
import { kindOf, type FileKind, type FileRules } from './kinds.js'
import type { FileInPrompt } from '../core/outcome.js'
import type { ChangedFile } from './pull-request.js'

export interface FileBudget extends FileInPrompt {
  kind: FileKind
}

export interface PromptBudget {
  length: number
  files: FileBudget[]
  /** Quoted characters by kind of file. */
  byKind: Partial<Record<FileKind, number>>
}

/** What a quote says it left out, on a line of its own (a diff's lines start otherwise). */
const CUT = /\n… \[/

export function promptBudget(
  prompt: string,
  files: readonly ChangedFile[],
  rules: FileRules
): PromptBudget {
  const blocks = new Map<string, string>()
  const fence = prompt.indexOf('````diff\n')
  if (fence >= 0) {
    const body = prompt.slice(fence + 9, prompt.indexOf('\n````', fence + 9))
    for (const block of body.split(/\n(?=diff --git a\/)/)) {
      const path = / b\/(.*)$/.exec(block.split('\n', 1)[0] ?? '')?.[1]
      if (path !== undefined) blocks.set(path, block)
    }
  }
  const budget = files.map((file): FileBudget => {
    const kind = kindOf(file, rules)
    const why = notQuoted(file, rules)
    if (why) return { path: file.path, kind, quoted: 0, fate: 'listed', why }
    const block = blocks.get(file.path)
    if (block === undefined) return { path: file.path, kind, quoted: 0, fate: 'no room' }
    return {
      path: file.path,
      kind,
      quoted: block.length + 1,
      fate: CUT.test(block) ? 'cut' : 'whole'
    }
  })
  const byKind: Partial<Record<FileKind, number>> = {}
  for (const file of budget)
    if (file.quoted) byKind[file.kind] = (byKind[file.kind] ?? 0) + file.quoted
  return { length: prompt.length, files: budget, byKind }
}

/** The budget as lines for a terminal: a line per file, then the shares by kind. */
export function budgetLines(budget: PromptBudget): string[] {
  const quoted = budget.files.reduce((sum, file) => sum + file.quoted, 0)
  const width = Math.max(4, ...budget.files.map((file) => file.path.length))
  const fate = (file: FileBudget) =>
    file.fate === 'listed'
      ? `listed only: ${file.why}`
      : file.fate === 'no room'
        ? 'listed only: no room left'
        : `${file.fate === 'whole' ? 'quoted whole' : 'quoted, cut'} (${file.quoted} characters)`
  const share = (n: number) => `${quoted ? Math.round((100 * n) / quoted) : 0}%`
  return [
    `Prompt: ${budget.length} characters; diffs quoted: ${quoted} characters.`,
    ...budget.files.map(
      (file) => `  ${file.path.padEnd(width)}  ${file.kind.padEnd(18)}  ${fate(file)}`
    ),
    quoted
      ? `Quoted room by kind: ${Object.entries(budget.byKind)
          .map(([kind, n]) => `${kind} ${share(n)}`)
          .join(', ')}.`
      : 'Quoted room by kind: none, no diff was quoted.'
  ]
}
