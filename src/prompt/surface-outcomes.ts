/**
 * What users get back, as diffs show it: the HTTP statuses code sets or returns, the messages it
 * shows them (errors, problems, reasons), and the objects its handlers answer with, each with the
 * function it stands in.
 */
import { indentOf, type DiffLine } from './diff-lines.js'
import { group, type LineContext, type Rule } from './surface-rules.js'

/** Source code, where a status or a message is something the code does. */
const CODE = /\.([cm]?[jt]sx?|py|go|rs|rb|java|kt|kts|scala|php|cs|ex|exs)$/

/**
 * An HTTP status set or returned: `status(422)`, `statusCode: 422`, `status_code=404`,
 * `HTTPException(404, …)`, `http.StatusForbidden`, `HTTPStatus.CONFLICT`. 200 is no news.
 */
const STATUS =
  /\b(?:status|statusCode|status_code|StatusCode|httpStatus|http_status)["']?\s*[:=]\s*([2-5]\d\d)\b|\.(?:status|sendStatus|WriteHeader|code)\(\s*([2-5]\d\d)\b|\b(?:HTTPException|HttpException|HTTPError|abort)\(\s*(?:status_code\s*=\s*)?([2-5]\d\d)\b|\bhttp\.Status([A-Z]\w+)|\b(?:HTTPStatus|HttpStatus|StatusCodes)\.([A-Z][A-Z_]+)|\bstatus\.HTTP_([2-5]\d\d)/

/** Where a message is shown to users rather than logged: an error, a problem, a reason. */
const SHOWN =
  /\b(?:throw|raise|panic|abort|reject)\b|\w*(?:Error|Exception|Fault|Problem|Failure)\s*\(|\b(?:errors\.New|fmt\.Errorf|Public|UserFacing\w*|problem\w*|fail\w*|deny|forbidden|unauthori[sz]ed|badRequest|notFound|conflict|print_error|error_response)\s*\(|["']?\b(?:message|msg|error|detail|details|reason|hint)["']?\s*[:=]/i
/** A logging call: what it writes goes to operators, not users. */
const LOGGED =
  /\b(?:log|logger|logging|console|slog|zap|klog|structlog|warnings)\.\w+\(|\bprint(?:ln|f)?\(/

const LITERALS = /(["'`])((?:\\.|(?!\1)[^\\])*)\1/g

/** A literal that reads as a sentence: three words or more, capitalised or ending in a stop. */
function isSentence(text: string): boolean {
  const words = text.trim().split(/\s+/)
  return (
    words.length >= 3 &&
    /[a-z]/.test(text) &&
    (/^[A-Z]/.test(text.trim()) || /[.!?]$/.test(text.trim())) &&
    !/^[\w@.-]*\/[\w./-]*$/.test(text)
  )
}

/** The first sentence among a line's string literals. */
function sentenceOf(text: string): string | undefined {
  for (const match of text.matchAll(LITERALS)) if (isSentence(group(match, 2))) return match[2]
  return undefined
}

const OK = /^(200|500|OK|InternalServerError|INTERNAL_SERVER_ERROR)$/

/** A call that answers a request with what it is given: `res.json(`, `successResponse(`. */
const ANSWER_CALL = String.raw`(?:[\w$]+(?:\([^()]*\))?\.)*(?:json|send|jsonify|JSONResponse|JSON|respond\w*|\w*Response)`
/** An object literal given straight to the call that answers, perhaps after a status. */
const ANSWERED = new RegExp(
  String.raw`^(?:return\s+)?(?:await\s+)?(${ANSWER_CALL})\(\s*(?:(?:\d{3}|http\.\w+|[A-Z]\w*(?:\.\w+)*)\s*,\s*)?&?(?:[\w.]+)?\{`
)
/** An object literal held in a variable: `const ack = {`, `resp := &Response{`, `body = {`. */
const HELD =
  /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*\{\s*$|^([a-z_]\w*)\s*:?=\s*&?(?:[\w.]+)?\{\s*$/
/** An answer that is an error's: a 4xx or 5xx status, by number or by name, or an `error` key. */
const ERROR_ANSWER =
  /\b[45]\d\d\b|Status\w*(?:Error|Bad\w*|Unauthorized|Forbidden|NotFound|Conflict|Unprocessable\w*|TooMany\w*|Required|Unavailable|Timeout)\b|\berror\b/i
/** How many lines on the call that answers with a held object may come. */
const ANSWER_REACH = 40

/** The held object's variable is what the call that answers is given, a few lines on. */
function answeredWith(at: LineContext): boolean {
  const name = HELD.exec(at.text)
    ?.slice(1)
    .find((each) => each !== undefined)
  if (!name) return false
  const call = new RegExp(
    String.raw`\b${ANSWER_CALL}\((?:[^()]*,\s*)?${name.replace(/\$/g, '\\$')}(?![\w$])`
  )
  return call.test(at.following(ANSWER_REACH))
}

export const OUTCOME_RULES: readonly Rule[] = [
  // What a handler answers with: an object literal given to the call that answers, or held in a
  // variable that the call is given a few lines on.
  {
    files: CODE,
    pattern: ANSWERED,
    kind: 'response',
    braces: true,
    inFunction: true,
    // An error's answer is its status and message.
    when: (at) => !ERROR_ANSWER.test(at.text)
  },
  {
    files: CODE,
    pattern: HELD,
    kind: 'response',
    braces: true,
    inFunction: true,
    when: answeredWith
  },
  {
    files: CODE,
    pattern: STATUS,
    kind: 'status',
    single: true,
    inFunction: true,
    name: (match) => {
      const status = match.slice(1).find((each) => each !== undefined)
      return status && !OK.test(status) ? status : undefined
    }
  },
  {
    files: CODE,
    pattern: /["'`]/,
    kind: 'message',
    single: true,
    inFunction: true,
    name: (_, at: LineContext) =>
      SHOWN.test(at.text) && !LOGGED.test(at.text) ? sentenceOf(at.text) : undefined
  }
]

/** A line that starts a function or method, in the languages of the rules: its name. */
const FUNCTION_HEAD =
  /^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)|^(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|\(|[A-Za-z_$][\w$]*\s*=>)|^(?:async\s+)?def\s+((?:self\.)?\w+[?!]?)|^func\s+(?:\([^)]*\)\s*)?(\w+)|^(?:pub(?:\([\w:]+\))?\s+)?(?:async\s+)?fn\s+(\w+)|^(?:(?:public|private|protected|static|async|override|final)\s+)+(?:[\w<>[\],?]+\s+)?(\w+)\s*\(/

const functionName = (text: string): string | undefined => {
  const match = FUNCTION_HEAD.exec(text.trim())
  return match?.slice(1).find((each) => each !== undefined)
}

/**
 * The function the line at `view[at]` stands in: the nearest line above with less indentation
 * that starts one, or, past the hunk's top, git's hunk header when it names one. A line at the
 * top level that starts none ends the search.
 */
export function functionAt(
  view: readonly DiffLine[],
  at: number,
  section: string
): string | undefined {
  let indent = indentOf(view[at]?.text ?? '')
  for (let i = at - 1; i >= 0 && indent > 0; i--) {
    const text = view[i]?.text ?? ''
    // A signature's closing line (`): Response {`) stands below the name it closes.
    if (!text.trim() || indentOf(text) >= indent || /^[)\]}]/.test(text.trim())) continue
    indent = indentOf(text)
    const name = functionName(text)
    if (name) return name
    if (indent === 0) return undefined
  }
  return indent > 0 ? functionName(section) : undefined
}
