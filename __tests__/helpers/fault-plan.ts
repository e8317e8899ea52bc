import { MintlifyRequestError } from '../../src/core/agent-api.js'

/** A call the plan faults: it fails before it is carried out, or its answer is lost after. */
export type Fault = 'failed' | 'lost'

/**
 * One numbering of every call the in-memory fakes answer (GitHub, check runs, the docs
 * repository, Mintlify), so that a sweep can fault each call of a run in turn: GitHub's answer is
 * a 502 after octokit's retries, Mintlify's a 502 after the client's.
 */
export class FaultPlan {
  readonly calls: string[] = []
  faults = new Map<number, Fault>()

  /** Before a call: throws when the plan fails it; `lost` when its answer is to be lost after. */
  enter(service: 'github' | 'mintlify', name: string): Fault | undefined {
    const index = this.calls.push(`${service} ${name}`) - 1
    const fault = this.faults.get(index)
    if (fault === 'failed') throw this.error(service, name)
    return fault
  }

  /** After a call whose answer is lost: throws. */
  lose(fault: Fault | undefined, service: 'github' | 'mintlify', name: string): void {
    if (fault === 'lost') throw this.error(service, name)
  }

  error(service: 'github' | 'mintlify', name: string): Error {
    return service === 'mintlify'
      ? new MintlifyRequestError(`${name} answered 502`, {
          status: 502,
          serverMessage: 'Bad gateway'
        })
      : new Error(`GitHub answered 502 Bad Gateway to ${name}`)
  }
}
