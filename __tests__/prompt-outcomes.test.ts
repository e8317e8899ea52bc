/**
 * What users get back, in the digest: the HTTP statuses a change sets, the messages it shows and
 * the objects its handlers answer with, each with the function it stands in, across languages;
 * what is only logged, what every handler answers, and what merely moves are left out. Synthetic
 * diffs throughout.
 */
import { digest } from '../src/prompt/digest.js'
import type { ChangedFile } from '../src/prompt/pull-request.js'
import { addedFile, modifiedFile } from './helpers/prompt-fixtures.js'

const rules = { exclude: [], prefer: [] }
const digestOf = (...files: ChangedFile[]) => digest(files, rules, Infinity)

describe('the digest names the statuses a change sets, with the function they stand in', () => {
  it.each([
    [
      'a problem answered from a TypeScript handler, logged with its status',
      modifiedFile('web/api/orders/lib/operations.ts', [
        40,
        [
          ' export async function patchOrder({ id }: Params): Promise<Response> {',
          '   const order = await load(id)',
          '+  if (order.closedAt) {',
          '+    log.warn({ statusCode: 422 }, "Attempted to edit a closed order");',
          '+    return problemUnprocessable("Order is closed");',
          '+  }'
        ]
      ]),
      '- status in patchOrder: `log.warn({ statusCode: 422 }, "Attempted to edit a closed order");` :43'
    ],
    [
      'an Express status',
      addedFile('server/teams.ts', [
        'export function join(req: Request, res: Response) {',
        '  if (full) return res.status(409).json({ error: "The team is full." })',
        '}'
      ]),
      '- status in join: `if (full) return res.status(409).json({ error: "The team is full." })` :2'
    ],
    [
      'a FastAPI exception',
      addedFile('api/memories.py', [
        'def get_memory(memory_id: str):',
        '    if not found:',
        '        raise HTTPException(status_code=404, detail="Memory not found.")'
      ]),
      '- status in get_memory: `raise HTTPException(status_code=404, detail="Memory not found.")` :3'
    ],
    [
      "a Go handler's named status",
      addedFile('svc/quota.go', [
        'func Handle(w http.ResponseWriter, r *http.Request) {',
        '\tw.WriteHeader(http.StatusPaymentRequired)',
        '}'
      ]),
      '- status in Handle: `w.WriteHeader(http.StatusPaymentRequired)` :2'
    ],
    [
      "a Ruby class method's status",
      addedFile('app/models/team.rb', [
        'def self.create!(name)',
        '  raise ApiError.new(status: 409, message: "The name is taken.") if taken?(name)',
        'end'
      ]),
      '- status in self.create!: `raise ApiError.new(status: 409, message: "The name is taken.") if taken?(name)` :2'
    ]
  ])('%s', (_, file, entry) => {
    expect(digestOf(file)).toContain(entry)
  })

  it('a signature over several lines still names the function', () => {
    const file = addedFile('web/api/errors.ts', [
      'function mapError(',
      '  error: unknown,',
      '  requestId: string',
      '): Response {',
      '  if (error instanceof Conflict) {',
      '    return problem({ status: 409, detail: "The name is taken." })',
      '  }',
      '}'
    ])
    expect(digestOf(file)).toContain(
      '- status in mapError: `return problem({ status: 409, detail: "The name is taken." })` :6'
    )
  })

  it('not 200 or 500, which every handler answers', () => {
    const file = addedFile('server/health.ts', [
      'export function health(res: Response) {',
      '  res.status(200).send("ok")',
      '  log.error({ statusCode: 500 }, "Health check failed")',
      '}'
    ])
    expect(digestOf(file)).not.toContain('status')
  })
})

describe('the digest names the messages users read', () => {
  it.each([
    [
      'a Go fault with a public message',
      addedFile('pkg/quota/quota.go', [
        'func CheckQuota(used int64, allowed uint32) error {',
        '\treturn fault.New("quota reached",',
        '\t\tfault.Public("Your plan allows no more projects. Upgrade your plan, then retry."),',
        '\t)',
        '}'
      ]),
      '- message in CheckQuota: `fault.Public("Your plan allows no more projects. Upgrade your plan, then retry."),` :3'
    ],
    [
      'a thrown error',
      addedFile('lib/survey.ts', [
        'export const reset = async (id: string) => {',
        '  if (archived) throw new OperationNotAllowedError("Cannot reset an archived survey.")',
        '}'
      ]),
      '- message in reset: `if (archived) throw new OperationNotAllowedError("Cannot reset an archived survey.")` :2'
    ],
    [
      'a reason given in a response',
      addedFile('api/invites.ts', [
        'export function invite() {',
        '  return bad({',
        '    reason: "This invite has expired. Ask for a new one.",',
        '  })',
        '}'
      ]),
      '- message in invite: `reason: "This invite has expired. Ask for a new one.",` :3'
    ],
    [
      'a Python error',
      addedFile('sdk/client.py', [
        'class Client:',
        '    def add(self, text: str):',
        '        if not text:',
        '            raise ValueError("Text must not be empty.")'
      ]),
      '- message in add: `raise ValueError("Text must not be empty.")` :4'
    ]
  ])('%s', (_, file, entry) => {
    expect(digestOf(file)).toContain(entry)
  })

  it('not what is only logged, nor a short code-like string', () => {
    const file = addedFile('svc/worker.ts', [
      'export function run() {',
      '  logger.info("Starting the purge job now.")',
      '  console.error("The purge job failed badly.")',
      '  throw new Error("invalid state")',
      '}'
    ])
    expect(digestOf(file)).not.toContain('message')
  })

  it('not a status or message that only moves to another function', () => {
    const file = modifiedFile('web/api/orders.ts', [
      10,
      [
        ' export async function deleteOrder(id: string) {',
        '   try {',
        '-    if (missing) {',
        '-      log.warn({ statusCode: 403 }, "Order not found");',
        '-      return forbidden("You are not allowed to see this order.");',
        '-    }',
        '+    return mapOrderError(error);',
        '   } catch {}',
        ' }',
        '+function mapOrderError(error: unknown) {',
        '+  if (missing) {',
        '+    log.warn(',
        '+      { statusCode: 403 },',
        '+      "Order not found"',
        '+    );',
        '+    return forbidden("You are not allowed to see this order.");',
        '+  }',
        '+}'
      ]
    ])
    expect(digestOf(file)).toBe('')
    const reworded = modifiedFile('web/api/orders.ts', [
      10,
      [
        '-    return forbidden("You are not allowed to see this order.");',
        '+    return forbidden("You may not see this order. Ask its owner for access.");'
      ]
    ])
    expect(digestOf(reworded)).toContain('You may not see this order.')
    expect(digestOf(reworded)).toContain('- removed message')
  })
})

describe('the digest names what a handler answers with', () => {
  it.each([
    [
      'an object held in a variable that the answer is given',
      addedFile('web/api/orders/lib/operations.ts', [
        'async function runOrderMutation(id: string): Promise<Response> {',
        '  const order = await close(id)',
        '  const ack = {',
        '    id: order.id,',
        '    closedAt: order.closedAt,',
        '  };',
        '  return successResponse(ack, { requestId, cache: "no-store" });',
        '}'
      ]),
      '- response in runOrderMutation: `const ack = {id: order.id, closedAt: order.closedAt};` :3'
    ],
    [
      'a held object whose name has a dollar sign',
      addedFile('server/keys.ts', [
        'export function list(res: Response) {',
        '  const $page = {',
        '    items: keys,',
        '  }',
        '  res.json($page)',
        '}'
      ]),
      '- response in list: `const $page = {items: keys}` :2'
    ],
    [
      'an object given to the answer',
      addedFile('server/teams.ts', [
        'export function show(req: Request, res: Response) {',
        '  return res.status(201).json({ id: team.id, seats: team.seats })',
        '}'
      ]),
      '- response in show: `return res.status(201).json({ id: team.id, seats: team.seats })` :2'
    ],
    [
      "a Go handler's answer",
      addedFile('svc/routes/create_domain/handler.go', [
        'func (h *Handler) Handle(ctx context.Context, s *zen.Session) error {',
        '\treturn s.JSON(http.StatusCreated, Response{',
        '\t\tData: ResponseData{DomainID: id, Status: "pending"},',
        '\t})',
        '}'
      ]),
      '- response in Handle: `return s.JSON(http.StatusCreated, Response{Data: ResponseData{DomainID: id, Status: "pending"}})` :2'
    ]
  ])('%s', (_, file, entry) => {
    expect(digestOf(file)).toContain(entry)
  })

  it("not an error's answer, nor the options given after what is answered", () => {
    const file = addedFile('web/api/orders.ts', [
      'export function get(id: string) {',
      '  if (!found) return NextResponse.json({ error: "Order not found." }, { status: 404 })',
      '  return successResponse(order, { requestId })',
      '}'
    ])
    expect(digestOf(file)).not.toContain('response')
  })
})
