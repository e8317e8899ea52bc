import type { Answer, Route } from './fake-github.js'
import { githubTime, userOf } from './fake-github.js'

/** A pull request of the docs repository, as the fake keeps it. */
export interface FakeDocsPull {
  number: number
  state: 'open' | 'closed'
  merged: boolean
  draft: boolean
  labels: string[]
  reviewers: string[]
  comments: Map<number, string>
}

/** A check run on the code repository, with every view it showed. */
export interface FakeCheckRun {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  output: { title?: string; summary?: string; text?: string }
  /** `status/conclusion: title`, once per create or update. */
  history: string[]
}

const found = (body: unknown, status = 200): Answer => ({ status, body })
const shownRun = ({ history: _history, ...run }: FakeCheckRun) => run
/** A pull-request-simple, as the review request answers: no merged field. */
const simplePull = ({ merged: _merged, ...pull }: { merged: boolean } & Record<string, unknown>) =>
  pull
const notFound: Answer = { status: 404, body: { message: 'Not Found' } }

/**
 * The docs repository `fullName` (its pull requests, their comments, labels and reviewers) and
 * the code repository's check runs: the routes the fake GitHub serves for them.
 */
export function docsRepoRoutes(fullName: string, tokenLogin: string) {
  const pulls = new Map<number, FakeDocsPull>()
  const checkRuns: FakeCheckRun[] = []
  /** Completed check runs that were updated: the action never does that. */
  const completedUpdates: number[] = []
  let nextId = 60_000
  const pull = (number: number): FakeDocsPull => {
    let found = pulls.get(number)
    if (!found) {
      found = {
        number,
        state: 'open',
        merged: false,
        draft: true,
        labels: [],
        reviewers: [],
        comments: new Map()
      }
      pulls.set(number, found)
    }
    return found
  }
  const url = `https://github.com/${fullName}`
  const shownPull = (p: FakeDocsPull) => ({
    number: p.number,
    node_id: `PR_docs_${p.number}`,
    html_url: `${url}/pull/${p.number}`,
    state: p.state,
    draft: p.draft,
    merged: p.merged,
    title: 'Document per-key rate limits',
    labels: p.labels.map((name, i) => ({ id: i + 1, name, color: 'ededed', default: false })),
    requested_reviewers: p.reviewers.map(userOf)
  })
  const shownComment = (id: number, body: string, number: number) => ({
    id,
    body,
    user: userOf(tokenLogin),
    html_url: `${url}/pull/${number}#issuecomment-${id}`,
    created_at: githubTime(Date.now()),
    updated_at: githubTime(Date.now())
  })
  const repo = fullName.replace('/', '\\/')
  const at = (rest: string) => new RegExp(`^\\/repos\\/${repo}\\/${rest}$`)
  const stored = (id: number) => checkRuns.find((c) => c.id === id)
  const line = (c: FakeCheckRun) => `${c.conclusion ?? c.status}: ${c.output.title ?? ''}`

  const routes: Route[] = [
    ['GET', at('pulls\\/(\\d+)'), ([n]) => found(shownPull(pull(Number(n))))],
    [
      'PATCH',
      at('pulls\\/(\\d+)'),
      ([n], b) => {
        const p = pull(Number(n))
        if (b.state === 'open' || b.state === 'closed') p.state = b.state
        return found(shownPull(p))
      }
    ],
    [
      'POST',
      at('pulls\\/(\\d+)\\/requested_reviewers'),
      ([n], b) => {
        const p = pull(Number(n))
        p.reviewers.push(...((b.reviewers as string[] | undefined) ?? []))
        return found(simplePull(shownPull(p)), 201)
      }
    ],
    [
      'POST',
      at('issues\\/(\\d+)\\/labels'),
      ([n], b) => {
        const p = pull(Number(n))
        p.labels.push(...((b.labels as string[] | undefined) ?? []))
        return found(shownPull(p).labels)
      }
    ],
    [
      'POST',
      at('issues\\/(\\d+)\\/comments'),
      ([n], b) => {
        const id = ++nextId
        pull(Number(n)).comments.set(id, String(b.body))
        return found(shownComment(id, String(b.body), Number(n)), 201)
      }
    ],
    [
      'GET',
      at('issues\\/(\\d+)\\/comments'),
      ([n]) => ({
        status: 200,
        paged: true,
        body: [...pull(Number(n)).comments].map(([id, body]) => shownComment(id, body, Number(n)))
      })
    ],
    [
      'PATCH',
      at('issues\\/comments\\/(\\d+)'),
      ([id], b) => {
        for (const p of pulls.values())
          if (p.comments.has(Number(id))) {
            p.comments.set(Number(id), String(b.body))
            return found(shownComment(Number(id), String(b.body), p.number))
          }
        return notFound
      }
    ]
  ]

  const checkRoutes: Route[] = [
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/check-runs$/,
      (_m, b) => {
        const run: FakeCheckRun = {
          id: ++nextId,
          name: String(b.name),
          head_sha: String(b.head_sha),
          status: String(b.status ?? 'queued'),
          conclusion: (b.conclusion as string | undefined) ?? null,
          output: (b.output as FakeCheckRun['output'] | undefined) ?? {},
          history: []
        }
        run.history.push(line(run))
        checkRuns.push(run)
        return found(shownRun(run), 201)
      }
    ],
    [
      'PATCH',
      /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/,
      ([id], b) => {
        const run = stored(Number(id))
        if (!run) return notFound
        if (run.status === 'completed') completedUpdates.push(run.id)
        if (b.status) run.status = String(b.status)
        if (b.conclusion) run.conclusion = String(b.conclusion)
        // GitHub keeps what an update leaves out of the output.
        if (b.output) run.output = { ...run.output, ...(b.output as FakeCheckRun['output']) }
        run.history.push(line(run))
        return found(shownRun(run))
      }
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/check-runs$/,
      ([sha], _b, query) => {
        const runs = checkRuns
          .filter(
            (c) =>
              c.head_sha === sha && (!query.get('check_name') || c.name === query.get('check_name'))
          )
          .map(shownRun)
        return found({ total_count: runs.length, check_runs: runs })
      }
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/,
      ([id]) => {
        const run = stored(Number(id))
        if (!run) return notFound
        return found(shownRun(run))
      }
    ]
  ]

  /** A GraphQL mutation that marks a docs pull request ready for review, if `query` is one. */
  function graphql(query: string, variables: Record<string, unknown>): Answer | undefined {
    if (!query.includes('markPullRequestReadyForReview')) return undefined
    const number = Number(/^PR_docs_(\d+)$/.exec(String(variables.id))?.[1])
    const p = pulls.get(number)
    if (!p)
      return found({ errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a node' }] })
    p.draft = false
    return found({ data: { markPullRequestReadyForReview: { pullRequest: { isDraft: false } } } })
  }

  /** What the pull requests' checks show for `sha`: the newest check run named `name` on it. */
  const shownCheck = (sha: string, name = 'Docs') =>
    checkRuns.filter((c) => c.head_sha === sha && c.name === name).at(-1)

  return { routes, checkRoutes, graphql, pulls, pull, checkRuns, shownCheck, completedUpdates }
}
