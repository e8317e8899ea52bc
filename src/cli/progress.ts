import { formatDuration } from '../core/duration.js'
import type { Logger } from '../core/logger.js'
import type { Outcome } from '../core/outcome.js'

/** On a terminal, one line rewritten in place with the status and the elapsed time; else nothing. */
export class Progress {
  #text = ''
  #timer: NodeJS.Timeout | undefined
  #startedAt = Date.now()
  #status = 'sending'
  #jobId = ''

  constructor(
    private readonly live: boolean,
    jobId: string | undefined
  ) {
    this.#jobId = jobId ?? ''
    if (live) this.#timer = setInterval(() => this.#render(), 1000).unref()
  }

  update(outcome: Outcome): void {
    this.#status = outcome.job?.status ?? this.#status
    this.#jobId = outcome.job?.id ?? outcome.jobId
    this.#render()
  }

  /** A plain line, above the live one. */
  print(text: string): void {
    this.#clear()
    process.stderr.write(`${text}\n`)
    this.#render()
  }

  stop(): void {
    clearInterval(this.#timer)
    this.#clear()
    this.#text = ''
  }

  #render(): void {
    if (!this.live) return
    const job = this.#jobId ? `job ${this.#jobId}` : 'new job'
    this.#text = `⏳ ${job}: ${this.#status}, ${formatDuration(Date.now() - this.#startedAt)} elapsed`
    process.stderr.write(`\r\x1b[2K${this.#text}`)
  }

  #clear(): void {
    if (this.live && this.#text) process.stderr.write('\r\x1b[2K')
  }
}

/** Progress and details go to stderr, above the live line, so that stdout holds only the result. */
export function terminalLogger(verbose: boolean, progress: Progress): Logger {
  const line = (text: string): void => progress.print(text)
  return {
    info: line,
    notice: line,
    warning: (text) => line(`warning: ${text}`),
    debug: (text) => verbose && line(`debug: ${text}`)
  }
}
