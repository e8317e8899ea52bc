/**
 * Check runs on a pull request's head commits, under one name: `/agent` keeps one while the agent
 * works on a command, mode sync one per head. Both write them through this port.
 */

export interface CheckRunView {
  status: 'queued' | 'in_progress' | 'completed'
  conclusion?: 'success' | 'neutral' | 'failure'
  title: string
  summary: string
  /** Shown below the summary (what a message carried). */
  text?: string
}

export interface CheckRuns {
  create(headSha: string, view: CheckRunView): Promise<number>
  /** Returns false when the check run is gone. */
  update(id: number, view: CheckRunView): Promise<boolean>
  /** The text a check run shows, so that a run that completes another's keeps it. */
  text(id: number): Promise<string | undefined>
  /**
   * The check runs of this name on a head, newest first: how a run finds one whose creation's
   * answer was lost.
   */
  onHead(headSha: string): Promise<{ id: number; status: CheckRunView['status']; title: string }[]>
}
