import type { Logger } from '../../src/core/logger.js'

/** A logger that keeps every line, by level, for tests to read. */
export interface RecordingLogger extends Logger {
  lines: { info: string[]; warning: string[]; notice: string[]; debug: string[] }
  /** Every line, in order, with its level: `warning: …`. */
  all: string[]
}

export function recordingLogger(): RecordingLogger {
  const lines = { info: [], warning: [], notice: [], debug: [] } as RecordingLogger['lines']
  const all: string[] = []
  const at =
    (level: keyof RecordingLogger['lines']) =>
    (line: string): void => {
      lines[level].push(line)
      all.push(`${level}: ${line}`)
    }
  return {
    lines,
    all,
    info: at('info'),
    warning: at('warning'),
    notice: at('notice'),
    debug: at('debug')
  }
}
