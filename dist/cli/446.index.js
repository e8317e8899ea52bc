export const id = 446;
export const ids = [446];
export const modules = {

/***/ 7446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

;// CONCATENATED MODULE: ./src/core/agent-api.ts
/**
 * The Mintlify agent API as the rest of the code sees it: the port that MintlifyClient implements
 * over HTTP and that flow tests implement in memory. Nothing here loads undici.
 */
/** The most entries the list gives in one page (`take`). */
const LIST_PAGE_SIZE = 100;
const FINAL_STATUSES = ['completed', 'failed', 'archived'];
const KNOWN_STATUSES = ['active', ...FINAL_STATUSES];
function agent_api_isFinal(status) {
    return FINAL_STATUSES.includes(status);
}
// Path segments are user input: anything that could add a path, a query or a fragment is refused.
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._~:@-]{0,199}$/;
/** Whether a project or job ID can go into a path as it is. */
function isValidId(value) {
    return ID_PATTERN.test(value);
}
/** A request to Mintlify that did not end in a usable answer. */
class agent_api_MintlifyRequestError extends Error {
    name = 'MintlifyRequestError';
    /** HTTP status, when the server answered at all. */
    status;
    /** Node or undici error code for network faults (ECONNREFUSED, UND_ERR_SOCKET, …). */
    code;
    /** The `error` field of a JSON error body. */
    serverMessage;
    /** The start of a body that was not the JSON the API promises. */
    excerpt;
    retryAfterMs;
    /** The hourly limit a 429 names in `x-ratelimit-limit`, when it names one. */
    hourlyLimit;
    /** Attempts made, the first included. */
    attempts;
    /** A read of the job showed that the message was not taken, whatever the answer was. */
    notTaken;
    constructor(detail, fields) {
        super(detail);
        this.status = fields.status;
        this.code = fields.code;
        this.serverMessage = fields.serverMessage;
        this.excerpt = fields.excerpt;
        this.retryAfterMs = fields.retryAfterMs;
        this.hourlyLimit = fields.hourlyLimit;
        this.attempts = fields.attempts ?? 1;
        this.notTaken = fields.notTaken ?? false;
    }
    /** The same failure, counted over all the attempts made. */
    afterAttempts(attempts, notTaken = this.notTaken) {
        const { status, code, serverMessage, excerpt, retryAfterMs, hourlyLimit } = this;
        return new agent_api_MintlifyRequestError(this.message, {
            status,
            code,
            serverMessage,
            excerpt,
            retryAfterMs,
            hourlyLimit,
            attempts,
            notTaken
        });
    }
}

;// CONCATENATED MODULE: ./src/core/duration.ts
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
/**
 * Parses `90s`, `15m`, `1h`, `1m30s`, `250ms` or a plain number of seconds (`45`, `0.5`)
 * into milliseconds. Returns undefined when the text is not a duration.
 */
function parseDuration(text) {
    const value = text.trim().toLowerCase();
    if (/^\d+(?:\.\d+)?$/.test(value))
        return Math.round(Number(value) * 1000);
    if (!WHOLE.test(value))
        return undefined;
    let total = 0;
    for (const [, amount, unit] of value.matchAll(PART)) {
        total += Number(amount) * UNIT_MS[unit];
    }
    return Math.round(total);
}
/** `95000` → `1m35s`: how durations are written back in logs and summaries. */
function duration_formatDuration(ms) {
    if (ms < 1000)
        return `${Math.max(0, Math.round(ms))}ms`;
    const totalSeconds = Math.round(ms / 1000);
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    const parts = [];
    if (hours)
        parts.push(`${hours}h`);
    if (minutes)
        parts.push(`${minutes}m`);
    if (seconds || parts.length === 0)
        parts.push(`${seconds}s`);
    return parts.join('');
}

;// CONCATENATED MODULE: ./src/core/retry-policy.ts
const DEFAULT_RETRY_POLICY = Object.freeze({
    maxAttempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    random: Math.random
});
/** Status codes worth another try: rate limited, or the server or a gateway in trouble. */
const RETRYABLE_STATUSES = [429, 500, 502, 503, 504];
/** Network error codes worth another try for a read. */
const RETRYABLE_ERROR_CODES = [
    'ECONNRESET',
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETDOWN',
    'ENETUNREACH',
    'EHOSTDOWN',
    'EHOSTUNREACH',
    'EPIPE',
    'ETIMEDOUT',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT'
];
/**
 * Reads a `Retry-After` header: a number of seconds or an HTTP date.
 * Returns milliseconds from `nowMs`, or undefined when the header is absent or unreadable.
 */
function parseRetryAfter(value, nowMs) {
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    if (!text)
        return undefined;
    if (/^\d+(?:\.\d+)?$/.test(text))
        return Math.round(Number(text) * 1000);
    const date = Date.parse(text);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - nowMs);
}
/** The pause before attempt `failedAttempts + 1`, without regard to any Retry-After. */
function backoffDelay(failedAttempts, policy) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempts - 1));
    // Full jitter spreads out runs that failed together, but never drops below half the step.
    return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}
/**
 * Whether to try again after `failedAttempts` failures, and after how long.
 * A server's Retry-After wins over the backoff; nothing is retried past the deadline.
 */
function nextRetryDelay(options) {
    const { failedAttempts, retryAfterMs, remainingMs, policy } = options;
    if (failedAttempts >= policy.maxAttempts)
        return undefined;
    const delay = retryAfterMs ?? backoffDelay(failedAttempts, policy);
    if (delay >= remainingMs)
        return undefined;
    return delay;
}

;// CONCATENATED MODULE: ./src/core/delivery.ts



const NEVER_SENT_CODES = [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'ENETDOWN',
    'EHOSTDOWN',
    'UND_ERR_CONNECT_TIMEOUT'
];
/** Without a Retry-After, a 429 on the send waits this long before the next try. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
function classifySendFailure(error) {
    if (!(error instanceof agent_api_MintlifyRequestError))
        return 'rejected';
    if (error.notTaken)
        return 'not-delivered';
    if (error.status === undefined) {
        return error.code && NEVER_SENT_CODES.includes(error.code) ? 'not-delivered' : 'maybe-delivered';
    }
    if (error.status === 429 || error.status === 503)
        return 'not-delivered';
    if (error.status >= 500 || (error.status >= 200 && error.status < 300))
        return 'maybe-delivered';
    return 'rejected';
}
/**
 * Sends the follow-up so that Mintlify takes it exactly once: resent only when it surely did not
 * arrive, and after an ambiguous failure only once a read of the job shows it was not taken.
 * Resolves with the job as it stands after delivery.
 */
async function deliverMessage(options) {
    const { client, jobId, prompt, signal, logger } = options;
    for (let attempt = 1;; attempt++) {
        let failure;
        try {
            return await client.sendMessage(jobId, prompt);
        }
        catch (error) {
            if (signal?.aborted || classifySendFailure(error) === 'rejected')
                throw error;
            failure = error;
        }
        if (classifySendFailure(failure) === 'maybe-delivered') {
            logger.info(`Sending the message failed (${causeOf(failure)}) after it may have reached Mintlify; reading job ${jobId} to see whether it was taken.`);
            const job = await client.getJob(jobId).catch((readError) => {
                if (signal?.aborted)
                    throw readError;
                // Whether it was taken cannot be told: the send's own failure stands, as maybe taken.
                logger.warning(`Job ${jobId} could not be read (${readError.message}), so whether the message was taken cannot be told; it is not sent again.`);
                throw failure.afterAttempts(attempt);
            });
            if (!agent_api_isFinal(job.status)) {
                logger.info(`Job ${jobId} is ${job.status}: the message was delivered, so it is not sent again.`);
                return job;
            }
            logger.info(`Job ${jobId} is ${job.status}: the message was not taken.`);
            failure = failure.afterAttempts(failure.attempts, true);
        }
        await waitToTryAgain(failure, attempt, options, 'Sending the message');
    }
}
/**
 * Starts a new job, at most once. Tried again only when the request surely did not arrive or was
 * refused for now (429, 503); after an ambiguous failure there is no job ID to read back, so it is
 * never resent: two jobs would be worse than one reported as uncertain.
 */
async function startJob(options) {
    const { client, prompt, signal } = options;
    for (let attempt = 1;; attempt++) {
        let failure;
        try {
            return await client.createJob(prompt);
        }
        catch (error) {
            if (signal?.aborted || classifySendFailure(error) !== 'not-delivered')
                throw error;
            failure = error;
        }
        await waitToTryAgain(failure, attempt, options, 'Starting the job');
    }
}
/**
 * Waits before another attempt, or throws the failure (with the attempts made) when none is left.
 * The hourly limit is waited out for as long as the timeout allows; other faults get a few tries.
 */
async function waitToTryAgain(failure, attempt, options, what) {
    const { clock, deadline, retryPolicy, signal, logger } = options;
    const wait = failure.status === 429
        ? (failure.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS)
        : (failure.retryAfterMs ?? backoffDelay(attempt, retryPolicy));
    if (clock.now() + wait >= deadline ||
        (failure.status !== 429 && attempt >= retryPolicy.maxAttempts)) {
        throw failure.afterAttempts(attempt);
    }
    logger.info(`${what} again in ${duration_formatDuration(wait)} (attempt ${attempt + 1}; the last one failed with ${causeOf(failure)}).`);
    await clock.sleep(wait, signal);
}
function causeOf(failure) {
    return failure.status ? `status ${failure.status}` : (failure.code ?? failure.message);
}
function deliveryFailure(error, effect, wallNow) {
    if (error.status === 429)
        return {
            kind: 'hourly-limit',
            retryAt: wallNow + (error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS)
        };
    const ended = /not active|inactive|archived|has ended|is (?:completed|closed|finished)/i;
    if (effect === 'send' && error.status === 400 && ended.test(error.serverMessage ?? ''))
        return { kind: 'refused' };
    const failure = classifySendFailure(error);
    return {
        kind: failure === 'maybe-delivered'
            ? 'unknown'
            : failure === 'not-delivered'
                ? 'not-taken'
                : 'rejected'
    };
}

;// CONCATENATED MODULE: ./src/core/vocabulary.ts
const ACTION_VOCABULARY = {
    name: (setting) => setting,
    subject: (setting) => `Input '${setting}'`,
    keyAdvice: 'store your Mintlify admin key as a repository secret and pass it as api-key: ${{ secrets.MINTLIFY_API_KEY }}',
    startJobAdvice: 'set mode: create (always a new job) or mode: auto (a new job when no job is named)',
    jobIdAdvice: 'Copy the job ID from the Mintlify dashboard or from the job-id output of the run that started the job.',
    cancelled: 'The workflow was cancelled',
    followJob: (jobId) => `follow it on the Mintlify dashboard (job-id ${jobId})`,
    tryAgainLater: 'run the workflow again later',
    noWait: { given: 'wait is false', undo: 'set wait: true' }
};
const FLAGS = {
    'api-key': 'MINTLIFY_API_KEY',
    'project-id': '--project',
    'job-id': '--job',
    prompt: 'the prompt',
    mode: 'the command',
    wait: '--no-wait',
    timeout: '--timeout',
    'poll-interval': '--poll-interval',
    'request-timeout': '--request-timeout',
    'base-url': '--base-url'
};
/** The command line's words; `statusLine` is the exact command that shows a job later. */
function cliVocabulary(statusLine) {
    return {
        name: (setting) => FLAGS[setting],
        subject: (setting) => FLAGS[setting],
        keyAdvice: 'export MINTLIFY_API_KEY=mint_… with an admin key from the API keys page of the Mintlify dashboard',
        startJobAdvice: "use 'mintlify-agent create'",
        jobIdAdvice: 'Copy the job ID from the Mintlify dashboard, or give --pr <pull request URL> to find it.',
        cancelled: 'Stopped',
        followJob: (jobId) => `check on it later with: ${statusLine(jobId)}`,
        tryAgainLater: 'try again later',
        noWait: { given: '--no-wait was given', undo: 'leave out --no-wait' }
    };
}

;// CONCATENATED MODULE: ./src/core/explain.ts




/** The Mintlify limit shared by every message and new job of a project. */
const HOURLY_LIMIT = 100;
const TIMEOUT_CODES = [
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'ETIMEDOUT'
];
/** One line that says what went wrong and what to do about it. */
function explainFailure(error, context) {
    if (!(error instanceof agent_api_MintlifyRequestError)) {
        return `Unexpected error while talking to Mintlify: ${error instanceof Error ? error.message : String(error)}`;
    }
    const { jobId, projectId, baseUrl } = context;
    const words = context.vocabulary ?? ACTION_VOCABULARY;
    const creating = context.operation === 'create';
    const listing = context.operation === 'list';
    const subject = creating
        ? `for a new job in project ${projectId}`
        : listing
            ? `for the job list of project ${projectId}`
            : `for job ${jobId} in project ${projectId}`;
    const tries = error.attempts > 1 ? ` after ${error.attempts} attempts` : '';
    const said = error.serverMessage ? ` ("${error.serverMessage}")` : '';
    if (creating && classifySendFailure(error) === 'maybe-delivered') {
        const cause = error.status
            ? `answered ${error.status}`
            : `failed (${error.code ?? error.message})`;
        return `Starting a new job in project ${projectId} ${cause} after the request may have reached Mintlify: it was not sent again, to avoid starting two jobs. Look for the job on the Mintlify dashboard before running again.`;
    }
    if (context.operation === 'send' && classifySendFailure(error) === 'maybe-delivered') {
        const cause = error.status
            ? `answered ${error.status}`
            : `failed (${error.code ?? error.message})`;
        return `Sending the message to job ${jobId} ${cause} after it may have reached Mintlify, and the job could not be read to tell: it was not sent again, to avoid sending it twice. Look at job ${jobId} on the Mintlify dashboard before running again.`;
    }
    if (error.status === undefined) {
        if (error.code && TIMEOUT_CODES.includes(error.code)) {
            return `Mintlify did not answer within ${words.name('request-timeout')} (${duration_formatDuration(context.requestTimeoutMs)}) ${subject}${tries}: try again later, or raise ${words.name('request-timeout')} if your network is slow.`;
        }
        return `Could not reach Mintlify at ${baseUrl} (${error.code ?? error.message})${tries}: check ${words.name('base-url')}, the proxy variables (HTTPS_PROXY, NO_PROXY) and the network.`;
    }
    if (error.excerpt !== undefined) {
        return `Mintlify answered ${error.status} ${subject} with a body that is not the API's JSON ("${error.excerpt}"): a proxy or gateway may be answering instead of Mintlify; check ${words.name('base-url')} and the proxy settings.`;
    }
    switch (error.status) {
        case 400:
            if (context.operation === 'send' && /archived/i.test(error.serverMessage ?? ''))
                return `Job ${jobId} is archived and takes no more messages, so nothing was sent: start a new job (${words.startJobAdvice}).`;
            return context.operation === 'send' || creating
                ? `Mintlify refused the ${creating ? 'new job' : 'message'} ${subject} (400)${said}: fix the prompt and run again.`
                : `Mintlify refused the request ${subject} (400)${said}: check ${words.name('project-id')}${listing ? '' : ` and ${words.name('job-id')}`}.`;
        case 401:
            return `Mintlify answered 401 ${subject}${said}: the key in ${words.name('api-key')} was not accepted. Use an admin key (mint_…) from the API keys page of the Mintlify dashboard.`;
        case 403:
            return `Mintlify answered 403 ${subject}${said}: the key in ${words.name('api-key')} may not act on this project. Use an admin key of project ${projectId}.`;
        case 404: {
            const url = wrongUrlHint(context.baseUrl, error, words.name('base-url'));
            if (url)
                return `Mintlify answered 404 ${subject}${said}: ${url}`;
            return listing
                ? `Mintlify answered 404 ${subject}${said}: check ${words.name('project-id')}; the deprecated list of jobs may no longer be there. Name the job instead.`
                : `Mintlify answered 404 ${subject}${said}: check ${creating ? words.name('project-id') : `${words.name('job-id')} and ${words.name('project-id')}`}.`;
        }
        case 429: {
            const limit = error.hourlyLimit ?? HOURLY_LIMIT;
            const per = `${limit} ${limit === 1 ? 'message or new job' : 'messages or new jobs'}`;
            return `Mintlify answered 429 ${subject}${tries}${said}: the project's limit of ${per} per hour is used up. ${retryHint(error.retryAfterMs, context.nowMs ?? Date.now())}`;
        }
    }
    if (error.status >= 500) {
        return `Mintlify answered ${error.status} ${subject}${tries}${said}: the service is having trouble; ${words.tryAgainLater}.`;
    }
    return `Mintlify answered ${error.status} ${subject}${said}: the Mintlify API does not describe that answer; check ${words.name('base-url')} and try again.`;
}
/**
 * A 404 that says the address is wrong, not the job: the base URL has a path (Mintlify's API is at
 * its host's root, and the action adds /v2/…), or the answer is not Mintlify's JSON error.
 */
function wrongUrlHint(baseUrl, error, name) {
    let path;
    try {
        path = new URL(baseUrl).pathname.replace(/\/+$/, '');
    }
    catch {
        return undefined;
    }
    if (path)
        return `${name} (${baseUrl}) has a path (${path}), but the action adds /v2/agent/… itself: give the API's root, as https://api.mintlify.com.`;
    if (error.serverMessage === undefined)
        return `the answer is not Mintlify's (no JSON error), so ${name} (${baseUrl}) may be wrong; otherwise check the job and the project.`;
    return undefined;
}
function retryHint(retryAfterMs, nowMs) {
    if (retryAfterMs === undefined)
        return 'Retry within the hour, once earlier requests have aged out.';
    const at = new Date(nowMs + retryAfterMs).toISOString().replace(/\.\d+Z$/, 'Z');
    return `Retry after ${at} (in ${duration_formatDuration(retryAfterMs)}).`;
}
function failureKind(error, operation) {
    if (!(error instanceof agent_api_MintlifyRequestError))
        return 'server-error';
    if (operation === 'create' && classifySendFailure(error) === 'maybe-delivered')
        return 'uncertain';
    if (error.status === undefined)
        return error.code && TIMEOUT_CODES.includes(error.code) ? 'request-timeout' : 'unreachable';
    if (error.excerpt !== undefined)
        return 'not-json';
    if (error.status === 401 || error.status === 403)
        return 'unauthorized';
    if (error.status === 404)
        return 'not-found';
    if (error.status === 429)
        return 'rate-limited';
    if (error.status === 400 && /archived/i.test(error.serverMessage ?? ''))
        return 'job-archived';
    if (error.status >= 500)
        return 'server-error';
    return 'rejected';
}

;// CONCATENATED MODULE: ./src/core/outcome.ts
/** The outcome of a request before anything happened. */
function freshOutcome(jobId = '', prompt = '') {
    return {
        jobId,
        prompt,
        job: undefined,
        sent: false,
        created: false,
        timedOut: false,
        cancelled: false,
        durationMs: 0,
        failure: undefined
    };
}
/** One sentence on the pull request, for the log and the summary. */
function describePullRequest(job) {
    if (!job)
        return 'none';
    if (job.prLink)
        return job.prLink;
    if (job.status === 'completed')
        return 'none: the agent changed nothing';
    return 'none yet';
}
/**
 * In mode sync, what the prompt did with the changed files, by kind: how many were quoted whole,
 * cut, or only listed, and the characters their diffs took.
 */
function sentRows(files) {
    const kinds = [...new Set(files.map((file) => file.kind))];
    const count = (list, ...fates) => String(list.filter((file) => fates.includes(file.fate)).length);
    return [
        ['Kind', 'Files', 'Quoted whole', 'Cut', 'Listed only', 'Characters quoted'],
        ...kinds.map((kind) => {
            const list = files.filter((file) => file.kind === kind);
            return [
                kind,
                String(list.length),
                count(list, 'whole'),
                count(list, 'cut'),
                count(list, 'listed', 'no room'),
                String(list.reduce((sum, file) => sum + file.quoted, 0))
            ];
        })
    ];
}
/** What the message carried, as the check run's text: the room used and each file's fate. */
function sentText({ length, limit, files }) {
    const rows = sentRows(files);
    const table = rows.map((row) => `| ${row.join(' | ')} |`);
    table.splice(1, 0, `|${' --- |'.repeat(rows[0]?.length ?? 0)}`);
    const fate = (file) => file.fate === 'whole'
        ? 'quoted whole'
        : file.fate === 'cut'
            ? 'quoted, cut'
            : `listed only${file.why ? ` (${file.why})` : file.fate === 'no room' ? ' (no room left)' : ''}`;
    const head = [
        `### What was sent`,
        '',
        `The message took ${length} of the ${limit} characters a message may have.`,
        '',
        ...table,
        ''
    ];
    const lines = [];
    let room = MAX_TEXT - head.join('\n').length - 100;
    for (const file of files) {
        const line = `- \`${file.path}\` (${file.kind}): ${fate(file)}`;
        if (line.length + 1 > room)
            break;
        lines.push(line);
        room -= line.length + 1;
    }
    if (lines.length < files.length)
        lines.push(`- … and ${files.length - lines.length} more files, counted in the table`);
    return [...head, ...lines].join('\n');
}
/** A check run's text holds at most 65,535 characters: a long list of files stops short of it. */
const MAX_TEXT = 65_535;

;// CONCATENATED MODULE: ./src/core/poller.ts


/** The most often a still-running job is mentioned in the log. */
const HEARTBEAT_MS = 30_000;
/** Reads in a row that may fail (after the client's own retries) before the wait is given up. */
const MAX_FAILED_READS = 3;
/** Reads the job until it reaches a final status or the deadline passes. */
async function pollUntilFinal(options) {
    const { readJob, clock, intervalMs, deadline, startedAt, signal, logger, onRead } = options;
    let job = options.lastKnown;
    let lastHeartbeat = clock.now();
    let failedReads = 0;
    const unknownStatuses = new Set();
    // The caller has just read the job (or sent to it, and the answer is the job): the first read
    // comes one interval later.
    for (;;) {
        if (agent_api_isFinal(job.status))
            return { job, timedOut: false };
        const now = clock.now();
        if (now >= deadline)
            return { job, timedOut: true };
        if (now - lastHeartbeat >= HEARTBEAT_MS) {
            logger.info(`Job ${job.id} is still ${job.status} (${duration_formatDuration(now - startedAt)} elapsed).`);
            lastHeartbeat = now;
        }
        await clock.sleep(Math.min(intervalMs, deadline - now), signal);
        try {
            const read = await readJob();
            failedReads = 0;
            if (read.status !== job.status) {
                logger.info(`Job ${read.id} is ${read.status} (${duration_formatDuration(clock.now() - startedAt)} elapsed).`);
                lastHeartbeat = clock.now();
            }
            if (!KNOWN_STATUSES.includes(read.status) && !unknownStatuses.has(read.status)) {
                unknownStatuses.add(read.status);
                logger.warning(`Mintlify reported status '${read.status}', which the API does not list; treating the job as still running.`);
            }
            job = read;
            await onRead?.(job);
        }
        catch (error) {
            const giveUp = signal?.aborted || !isTransient(error) || ++failedReads >= MAX_FAILED_READS;
            if (giveUp || clock.now() >= deadline)
                throw error;
            logger.warning(`Reading job ${job.id} failed (${error.message}); trying again.`);
        }
    }
}
/**
 * Reads the job once it can be read. The client rides out network faults, 429 and 5xx itself; an
 * answer it cannot read (a proxy's page, cut JSON) is asked for again every interval, up to
 * MAX_FAILED_READS reads. Anything else, or the last failure, is thrown.
 */
async function readJob(read, options) {
    const { clock, intervalMs, deadline, signal, logger } = options;
    for (let failed = 1;; failed++) {
        try {
            return await read();
        }
        catch (error) {
            const left = deadline - clock.now();
            const unreadable = error instanceof agent_api_MintlifyRequestError && error.excerpt !== undefined;
            if (signal?.aborted || !unreadable || failed >= MAX_FAILED_READS || left <= 0)
                throw error;
            logger.warning(`Reading the job failed (${error.message}); trying again.`);
            await clock.sleep(Math.min(intervalMs, left), signal);
        }
    }
}
/** A failed read worth another one: the server was in trouble or answered something unreadable. */
function isTransient(error) {
    if (!(error instanceof agent_api_MintlifyRequestError))
        return false;
    if (error.status === undefined || error.excerpt !== undefined)
        return true;
    return error.status === 429 || error.status >= 500;
}
/**
 * Reads the job every interval until it is final, `stop` says the caller's wait is over, or the
 * deadline passes. A read that fails is taken again at the next interval: only the deadline ends
 * the wait. A change of status is logged, and a heartbeat at most every HEARTBEAT_MS.
 */
async function watchJob(options) {
    const { readJob, jobId, clock, intervalMs, deadline, signal, logger } = options;
    const elapsed = () => formatDuration(clock.now() - options.startedAt);
    let heartbeat = clock.now();
    let status = options.lastKnown;
    let job;
    let refused = false;
    for (;;) {
        if (deadline.passed())
            return { ended: 'timed-out', job };
        await clock.sleep(Math.min(intervalMs, deadline.left()), signal);
        const read = await readJob().catch((error) => {
            // A fault of the moment passes; one that will not (a key refused, a job gone) is said once.
            if (!isTransient(error) && !refused) {
                refused = true;
                logger.warning(`Job ${jobId} could not be read (${error.message}); this run keeps reading it until its timeout.`);
            }
            return undefined;
        });
        job = read ?? job;
        if (read && read.status !== status) {
            status = read.status;
            heartbeat = clock.now();
            logger.info(`Job ${jobId} is ${status} (${elapsed()} elapsed).`);
        }
        else if (clock.now() - heartbeat >= HEARTBEAT_MS) {
            heartbeat = clock.now();
            logger.info(`Job ${jobId} is still ${status} (${elapsed()} elapsed).`);
        }
        if (read && isFinal(read.status))
            return { ended: 'final', job };
        if (await options.stop())
            return { ended: 'stopped', job };
    }
}

;// CONCATENATED MODULE: ./src/core/request.ts
/** The hold on sending could not be taken: nothing was sent, and the message says why. */
class SendHoldError extends Error {
    name = 'SendHoldError';
}

;// CONCATENATED MODULE: ./src/core/verdict.ts


/**
 * How a request that raised no error ended: logs it, and returns why the step fails, if it does.
 * The advice never sends a message twice: once Mintlify took it, people are sent to follow the
 * job, not to run again.
 */
function judge(outcome, stage, settings, { logger, vocabulary }) {
    const job = outcome.job;
    const jobId = job?.id ?? outcome.jobId;
    if (outcome.cancelled) {
        const follow = jobId
            ? `The Mintlify agent job goes on: ${vocabulary.followJob(jobId)}.`
            : 'Look for the job on the Mintlify dashboard.';
        const message = stage === 'checking' || stage === 'waiting'
            ? `${vocabulary.cancelled} before the message was sent${stage === 'waiting' && job ? `, while job ${job.id} was still ${job.status} with an earlier request` : ''}: nothing was sent.`
            : stage === 'sending'
                ? `${vocabulary.cancelled} before Mintlify confirmed the message for job ${jobId || '(new)'}: it may have been taken. ${follow}`
                : `${vocabulary.cancelled} while job ${jobId} was ${job?.status ?? 'running'}. ${follow}`;
        return { message, kind: 'cancelled' };
    }
    if (!job)
        return undefined;
    const after = duration_formatDuration(outcome.durationMs);
    if (outcome.timedOut) {
        return {
            message: `Job ${job.id} is still ${job.status} after the ${duration_formatDuration(settings.timeoutMs)} ${vocabulary.name('timeout')}: Mintlify took the message, and the agent goes on working on it. ${vocabulary.followJob(job.id).replace(/^./, (c) => c.toUpperCase())}; running again would send the message a second time.`,
            kind: 'timed-out'
        };
    }
    switch (job.status) {
        case 'completed':
            if (job.prLink)
                logger.notice(`Mintlify agent job ${job.id} completed in ${after}: ${job.prLink}`);
            else
                logger.notice(`Mintlify agent job ${job.id} completed in ${after} without a pull request: the agent changed nothing.`);
            return undefined;
        case 'failed':
        case 'archived': {
            const reason = job.status === 'failed'
                ? `Mintlify agent job ${job.id} failed after ${after}: see the Mintlify dashboard for what went wrong, then send another follow-up.`
                : `Mintlify agent job ${job.id} is archived and takes no more messages: start a new job (${vocabulary.startJobAdvice}).`;
            if (settings.failOnJobFailure)
                return { message: reason, kind: job.status === 'failed' ? 'job-failed' : 'job-archived' };
            logger.warning(`${reason} (fail-on-job-failure is false, so the step passes.)`);
            return undefined;
        }
        default:
            // wait: false ends here with the job still running.
            logger.info(`Job ${job.id} is ${job.status}; pull request: ${describePullRequest(job)}.`);
            return undefined;
    }
}

;// CONCATENATED MODULE: ./src/core/agent-request.ts








/**
 * Sends one follow-up (or starts a new job) and, unless told not to wait, polls the job to its
 * end. Never throws: every failure ends up in the outcome. A follow-up goes only into a job that
 * is not busy: the job is read first (retried like any read), and a read that cannot tell ends
 * the request with nothing sent.
 */
async function askAgent(request, settings, context, progress = {}) {
    const { agent: client, clock, retryPolicy, signal, logger, deadline, vocabulary } = context;
    const startedAt = clock.now();
    const { projectId } = settings;
    const outcome = freshOutcome(request.jobId, request.prompt);
    let stage = request.jobId === undefined ? 'sending' : 'checking';
    const elapsed = () => (outcome.durationMs = clock.now() - startedAt);
    const poll = (lastKnown, onRead) => pollUntilFinal({
        readJob: () => client.getJob(outcome.jobId),
        clock,
        intervalMs: settings.pollIntervalMs,
        deadline,
        startedAt,
        lastKnown,
        signal,
        logger,
        onRead
    });
    const refuse = (failure, kind) => {
        outcome.failure = failure;
        outcome.failureKind = kind;
        elapsed();
        return outcome;
    };
    /** The caller's last word before sending: undefined to go on, or the outcome to end with. */
    const lastWord = async (waited) => {
        const decision = (await progress.beforeSend?.(waited)) ?? { go: true };
        if (decision.go) {
            if (decision.prompt !== undefined)
                outcome.prompt = decision.prompt;
            return undefined;
        }
        if (!decision.withdrawn)
            return refuse(decision.reason, 'not-sent');
        outcome.withdrawn = decision.reason;
        elapsed();
        return outcome;
    };
    try {
        if (request.jobId === undefined) {
            const ended = await lastWord(false);
            if (ended)
                return ended;
            logger.info(`Starting a new Mintlify agent job in project ${projectId}.`);
            outcome.job = await startJob({
                client,
                prompt: outcome.prompt,
                clock,
                deadline,
                retryPolicy,
                signal,
                logger
            });
            outcome.sent = outcome.created = true;
            outcome.jobId = outcome.job.id;
            logger.info(`Mintlify started job ${outcome.jobId}; it is ${outcome.job.status}.`);
        }
        else {
            const jobId = request.jobId;
            let hold = await progress.holdSend?.();
            // Under a hold, no wait outlasts it.
            const sendBy = () => Math.min(deadline, hold?.until ?? Infinity);
            const readNow = () => readJob(() => client.getJob(jobId), {
                clock,
                intervalMs: settings.pollIntervalMs,
                deadline: sendBy(),
                signal,
                logger
            });
            try {
                // One follow-up at a time: a message sent while the agent works on another would interleave.
                let before = await readNow();
                for (;;) {
                    outcome.job = before;
                    if (before.status === 'archived') {
                        return refuse(`Job ${jobId} is archived and takes no more messages, so nothing was sent: start a new job (${vocabulary.startJobAdvice}).`, 'job-archived');
                    }
                    if (agent_api_isFinal(before.status)) {
                        // The first try of the send runs to its request timeout: it must end while held.
                        if (!hold || clock.now() + settings.requestTimeoutMs < hold.until)
                            break;
                        await hold.release();
                        hold = await progress.holdSend?.();
                        before = await readNow();
                        continue;
                    }
                    if (!settings.wait) {
                        return refuse(`Job ${jobId} is ${before.status} with an earlier request, and ${vocabulary.noWait.given}, so the message was not sent rather than waited for: send it again once the job is done (nothing was sent, so nothing goes twice), or ${vocabulary.noWait.undo} to wait for the job.`, 'busy');
                    }
                    await hold?.release();
                    hold = undefined;
                    stage = 'waiting';
                    logger.info(`Job ${jobId} is ${before.status} with an earlier request; waiting for it to finish before sending.`);
                    await progress.onWaiting?.(outcome);
                    const idle = await poll(before, async (job) => {
                        outcome.job = job;
                        elapsed();
                        await progress.onWaiting?.(outcome);
                    });
                    outcome.job = idle.job;
                    if (idle.timedOut) {
                        outcome.timedOut = true;
                        return refuse(`Job ${jobId} was still ${idle.job.status} with an earlier request when the ${duration_formatDuration(settings.timeoutMs)} ${vocabulary.name('timeout')} passed, so the message was not sent: send it again once the job is done.`, 'timed-out');
                    }
                    if (!progress.holdSend)
                        break;
                    // Another sender may have sent while the hold was given back: read the job again under it.
                    hold = await progress.holdSend();
                    before = await readNow();
                }
                const ended = await lastWord(stage === 'waiting');
                if (ended)
                    return ended;
                stage = 'sending';
                logger.info(`Sending a follow-up message to Mintlify agent job ${jobId} in project ${projectId}.`);
                outcome.job = await deliverMessage({
                    client,
                    jobId,
                    prompt: outcome.prompt,
                    clock,
                    deadline: sendBy(),
                    retryPolicy,
                    signal,
                    logger
                });
                outcome.sent = true;
                logger.info(`Mintlify took the message; job ${jobId} is ${outcome.job.status}.`);
            }
            finally {
                await hold?.release();
            }
        }
        stage = 'sent';
        elapsed();
        await progress.onSent?.(outcome);
        if (settings.wait) {
            const result = await poll(outcome.job, async (job) => {
                outcome.job = job;
                elapsed();
                await progress.onRead?.(outcome);
            });
            outcome.job = result.job;
            outcome.timedOut = result.timedOut;
        }
    }
    catch (error) {
        if (signal.aborted) {
            outcome.cancelled = true;
        }
        else if (error instanceof SendHoldError) {
            outcome.failure = error.message;
            outcome.failureKind = 'not-sent';
        }
        else {
            const operation = stage === 'sent' || stage === 'checking' || stage === 'waiting'
                ? 'read'
                : request.jobId === undefined
                    ? 'create'
                    : 'send';
            const explained = explainFailure(error, {
                operation,
                jobId: outcome.jobId || '(new)',
                projectId,
                baseUrl: settings.baseUrl,
                requestTimeoutMs: settings.requestTimeoutMs,
                vocabulary
            });
            outcome.failure =
                stage === 'checking' || stage === 'waiting'
                    ? `${explained} Nothing was sent (the job is read before sending, so that no message goes into a busy job).`
                    : explained;
            outcome.failureKind = failureKind(error, operation);
            outcome.failureStatus = error.status;
        }
    }
    elapsed();
    if (outcome.failure === undefined) {
        const verdict = judge(outcome, stage, settings, context);
        outcome.failure = verdict?.message;
        outcome.failureKind = verdict?.kind;
    }
    return outcome;
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./src/core/dispatcher.ts

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/**
 * Honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY. A plain agent when none is set: undici 6 warns
 * that EnvHttpProxyAgent is experimental, and that warning would land in every log.
 */
function defaultDispatcher() {
    return PROXY_VARIABLES.some((name) => process.env[name]) ? new undici.EnvHttpProxyAgent() : new undici.Agent();
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/core/clock.ts

const systemClock = {
    now: () => performance.now(),
    wallTime: () => Date.now(),
    sleep: async (ms, signal) => {
        await (0,promises_.setTimeout)(ms, undefined, { signal });
    }
};

;// CONCATENATED MODULE: ./src/core/mintlify-client.ts



const EXCERPT_LENGTH = 160;
/** The Mintlify agent API over undici: bearer key, encoded paths, retried reads, one-shot writes. */
class MintlifyClient {
    #options;
    #readDispatcher;
    constructor(options) {
        this.#options = options;
        const { clock, retryPolicy, deadline, logger } = options;
        this.#readDispatcher = new undici.RetryAgent(options.dispatcher, {
            methods: ['GET'],
            statusCodes: [...RETRYABLE_STATUSES],
            errorCodes: [...RETRYABLE_ERROR_CODES],
            retry(err, { state }, callback) {
                const failure = err;
                failure.attempts = state.counter;
                const delay = isRetryableError(err)
                    ? nextRetryDelay({
                        failedAttempts: state.counter,
                        retryAfterMs: parseRetryAfter(failure.headers?.['retry-after'], Date.now()),
                        remainingMs: deadline - clock.now(),
                        policy: retryPolicy
                    })
                    : undefined;
                if (delay === undefined)
                    return callback(err);
                logger.debug(`Read failed (${describeCause(err)}); attempt ${state.counter + 1} in ${delay} ms.`);
                clock.sleep(delay, options.signal).then(() => callback(null), (aborted) => callback(aborted));
                return undefined;
            }
        });
    }
    getJob(jobId, { once = false } = {}) {
        const dispatcher = once ? this.#options.dispatcher : this.#readDispatcher;
        return this.#call('GET', jobId, this.#jobPath(jobId), undefined, dispatcher, isAgentJob);
    }
    async listJobs(skip) {
        const project = encodeURIComponent(this.#options.projectId);
        const path = `/v1/agent/${project}/jobs?skip=${skip}&take=${LIST_PAGE_SIZE}`;
        const page = await this.#call('GET', '(list)', path, undefined, this.#readDispatcher, isJobList);
        return page.allSessions.filter((entry) => typeof entry?.sessionId === 'string');
    }
    createJob(prompt) {
        const path = `/v2/agent/${encodeURIComponent(this.#options.projectId)}/job`;
        return this.#call('POST', '(new)', path, { prompt }, this.#options.dispatcher, isAgentJob);
    }
    sendMessage(jobId, prompt) {
        return this.#call('POST', jobId, `${this.#jobPath(jobId)}/message`, { prompt }, this.#options.dispatcher, isAgentJob);
    }
    #jobPath(jobId) {
        const project = encodeURIComponent(this.#options.projectId);
        return `/v2/agent/${project}/job/${encodeURIComponent(jobId)}`;
    }
    /** Replaces the key wherever a server echoed it back. */
    #redact(text) {
        return text.split(this.#options.apiKey).join('***');
    }
    async #call(method, jobId, path, body, dispatcher, isAnswer) {
        const { baseUrl, apiKey, requestTimeoutMs, signal, logger } = this.#options;
        const url = `${baseUrl}${path}`;
        const started = Date.now();
        logger.debug(`${method} ${url}${body ? ` (${JSON.stringify(body).length} bytes)` : ''}`);
        let status;
        let headers;
        let text;
        try {
            const response = await (0,undici.request)(url, {
                method,
                dispatcher,
                signal,
                headersTimeout: requestTimeoutMs,
                bodyTimeout: requestTimeoutMs,
                headers: {
                    authorization: `Bearer ${apiKey}`,
                    accept: 'application/json',
                    'user-agent': 'mintlify-agent-action',
                    ...(body ? { 'content-type': 'application/json' } : {})
                },
                body: body ? JSON.stringify(body) : undefined
            });
            status = response.statusCode;
            headers = response.headers;
            // Whatever the server says, an echo of the key must not reach a log, an output or a comment.
            text = this.#redact(await response.body.text());
        }
        catch (err) {
            const failure = this.#networkError(err);
            // RetryAgent drops the body of the answers it retries. A last answer that is not the API's
            // JSON (a gateway's page) is asked for once more on its own, so that the message can quote it.
            if (dispatcher === this.#readDispatcher && failure.status !== undefined && !isJson(err)) {
                try {
                    return await this.#call(method, jobId, path, body, this.#options.dispatcher, isAnswer);
                }
                catch (last) {
                    throw last instanceof agent_api_MintlifyRequestError
                        ? last.afterAttempts(failure.attempts + 1)
                        : last;
                }
            }
            throw failure;
        }
        logger.debug(`${method} ${path} answered ${status} in ${Date.now() - started} ms for job ${jobId}`);
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
            throw new agent_api_MintlifyRequestError(`${method} ${path} answered ${status} with a body that is not JSON`, {
                status,
                excerpt: this.#redact(excerptOf(text)),
                retryAfterMs: parseRetryAfter(headers['retry-after'], Date.now())
            });
        }
        if (status < 200 || status >= 300) {
            const serverMessage = typeof parsed?.error === 'string'
                ? parsed.error.slice(0, 500)
                : undefined;
            const limit = Number(headers['x-ratelimit-limit']);
            throw new agent_api_MintlifyRequestError(`${method} ${path} answered ${status}`, {
                status,
                serverMessage,
                retryAfterMs: parseRetryAfter(headers['retry-after'], Date.now()),
                hourlyLimit: Number.isInteger(limit) && limit > 0 ? limit : undefined
            });
        }
        if (!isAnswer(parsed)) {
            throw new agent_api_MintlifyRequestError(`${method} ${path} answered ${status} without what the API promises`, {
                status,
                excerpt: excerptOf(text)
            });
        }
        return parsed;
    }
    #networkError(err) {
        const failure = err;
        // RetryAgent gives up on a retryable status with its own error that carries the status and headers.
        if (failure.code === 'UND_ERR_REQ_RETRY' && failure.statusCode) {
            return new agent_api_MintlifyRequestError(`answered ${failure.statusCode}`, {
                status: failure.statusCode,
                retryAfterMs: parseRetryAfter(failure.headers?.['retry-after'], Date.now()),
                attempts: failure.attempts
            });
        }
        const code = failure.code ?? failure.cause?.code ?? failure.name;
        return new agent_api_MintlifyRequestError(failure.message || String(err), {
            code,
            attempts: failure.attempts
        });
    }
}
function isRetryableError(err) {
    const { code, statusCode } = err;
    if (code === 'UND_ERR_REQ_RETRY')
        return statusCode !== undefined && RETRYABLE_STATUSES.includes(statusCode);
    return code !== undefined && RETRYABLE_ERROR_CODES.includes(code);
}
/** Whether a failed attempt's answer said it was JSON (or said nothing of its type). */
function isJson(err) {
    const type = err.headers?.['content-type'];
    return type === undefined || /json/i.test(String(type));
}
function describeCause(err) {
    const { code, statusCode } = err;
    return statusCode ? `status ${statusCode}` : (code ?? err.message);
}
function excerptOf(text) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}
function isJobList(value) {
    return Array.isArray(value?.allSessions);
}
function isAgentJob(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const job = value;
    return typeof job.id === 'string' && typeof job.status === 'string';
}

;// CONCATENATED MODULE: ./src/core/run-context.ts



/** The run's context: its deadline from now and `timeout`, and its Mintlify client. */
function openRunContext(options) {
    const { settings, dispatcher, logger, signal, vocabulary, clock = systemClock } = options;
    const deadline = clock.now() + settings.timeoutMs;
    const retryPolicy = DEFAULT_RETRY_POLICY;
    return {
        agent: new MintlifyClient({
            baseUrl: settings.baseUrl,
            apiKey: settings.apiKey,
            projectId: settings.projectId,
            dispatcher,
            requestTimeoutMs: settings.requestTimeoutMs,
            retryPolicy,
            clock,
            deadline,
            signal,
            logger
        }),
        clock,
        retryPolicy,
        signal,
        logger,
        deadline,
        vocabulary
    };
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./src/simulator/github-demo.ts
/**
 * The one small world the simulator's GitHub side serves, matching the Mintlify side's demo: the
 * docs repository acme/docs, whose pull request #42 is the demo job's, with a `/agent` command on
 * it, and the code repository acme/api, whose pull request #128 (API keys that expire) gives mode
 * sync a realistic prompt. Only data here; github-book.ts keeps what runs write.
 */
/** The account every token acts as: the workflow's own token (`GITHUB_TOKEN`). */
const TOKEN_LOGIN = 'github-actions[bot]';
const DOCS_REPOSITORY = 'acme/docs';
const CODE_REPOSITORY = 'acme/api';
const DOCS_PULL_NUMBER = 42;
const CODE_PULL_NUMBER = 128;
/** The `/agent` comment on acme/docs#42 that examples/events/issue_comment.json is about. */
const COMMAND_COMMENT_ID = 2_604_150_001;
/** Each account's role on both repositories; anyone else has none. */
const ROLES = {
    monalisa: 'admin',
    octocat: 'write',
    'mintlify[bot]': 'write'
};
/** A hunk with its `@@` line worked out from its lines (' ' context, '-' removed, '+' added). */
function hunk(oldStart, newStart, context, lines) {
    const count = (skip) => lines.filter((line) => !line.startsWith(skip)).length;
    const where = `@@ -${oldStart},${count('+')} +${newStart},${count('-')} @@`;
    return [context ? `${where} ${context}` : where, ...lines].join('\n');
}
const added = (lines) => hunk(0, 1, '', lines.map((line) => `+${line}`));
const SCHEMA = hunk(1, 1, '', [
    " import { z } from 'zod'",
    ' ',
    '+/** The longest an API key may live: a year. */',
    '+export const MAX_KEY_LIFETIME_DAYS = 365',
    '+',
    ' export const createKeyBody = z.object({',
    '   name: z.string().min(1).max(64),',
    "-  scopes: z.array(z.enum(['read', 'write', 'admin'])).min(1)",
    "+  scopes: z.array(z.enum(['read', 'write', 'admin'])).min(1),",
    '+  /** When the key stops working (RFC 3339); leave it out for a key that never expires. */',
    '+  expires_at: z.string().datetime().optional()',
    ' })',
    ' ',
    ' export interface ApiKey {',
    '   id: string',
    '   name: string',
    '   scopes: string[]',
    '   created_at: string',
    '+  /** Null for a key that never expires. */',
    '+  expires_at: string | null',
    '   last_used_at: string | null',
    ' }'
]);
const ROUTES = hunk(18, 18, 'export function keyRoutes(app: App, store: KeyStore): void {', [
    "   app.post('/v1/keys', async (req, res) => {",
    '     const body = createKeyBody.parse(req.body)',
    '+    const expiresAt = body.expires_at ? new Date(body.expires_at) : null',
    '+    if (expiresAt && expiresAt.getTime() > Date.now() + MAX_KEY_LIFETIME_DAYS * DAY_MS) {',
    '+      return res.status(422).json({',
    "+        error: 'expires_at_too_far',",
    '+        message: `expires_at must be at most ${MAX_KEY_LIFETIME_DAYS} days ahead`',
    '+      })',
    '+    }',
    '     const key = await store.create({',
    '       name: body.name,',
    '-      scopes: body.scopes',
    '+      scopes: body.scopes,',
    '+      expiresAt',
    '     })',
    '     res.status(201).json(present(key))',
    '   })'
]);
const VERIFY = hunk(9, 9, 'export async function verifyKey(store: KeyStore, header?: string) {', [
    '   const key = await store.findBySecret(secret)',
    '   if (!key) {',
    "     throw new HttpError(401, 'invalid_key', 'The API key is not valid.')",
    '   }',
    '+  if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) {',
    '+    throw new HttpError(',
    '+      401,',
    "+      'key_expired',",
    '+      `The API key expired at ${key.expiresAt.toISOString()}; create a new one.`',
    '+    )',
    '+  }',
    '   await store.touch(key.id)',
    '   return key',
    ' }'
]);
const TEST = added([
    "import { describe, expect, it } from 'vitest'",
    "import { createTestApp } from './helpers'",
    '',
    "describe('key expiry', () => {",
    "  it('refuses an expires_at more than a year ahead', async () => {",
    '    const app = await createTestApp()',
    "    const res = await app.post('/v1/keys', {",
    "      name: 'ci',",
    "      scopes: ['read'],",
    "      expires_at: '2099-01-01T00:00:00Z'",
    '    })',
    '    expect(res.status).toBe(422)',
    "    expect(res.body.error).toBe('expires_at_too_far')",
    '  })',
    '',
    "  it('answers 401 key_expired once the key has expired', async () => {",
    "    const app = await createTestApp({ now: '2026-03-01T00:00:00Z' })",
    "    const key = await app.createKey({ expires_at: '2026-02-01T00:00:00Z' })",
    "    const res = await app.get('/v1/keys', { key })",
    '    expect(res.status).toBe(401)',
    "    expect(res.body.error).toBe('key_expired')",
    '  })',
    '})'
]);
const CHANGELOG = hunk(1, 1, '', [
    ' # Changelog',
    ' ',
    ' ## Unreleased',
    '+',
    '+### Added',
    '+',
    '+- API keys can expire: `POST /v1/keys` takes `expires_at` (at most 365 days ahead), and a',
    '+  request made with an expired key gets `401` with the error code `key_expired`.',
    ' ',
    ' ## 2.3.0 - 2026-01-12'
]);
const QUICKSTART = hunk(12, 12, '', [
    ' ## Make your first request',
    ' ',
    '-Send your key in the `Authorization` header:',
    '+Send your key in the `Authorization` header, as a bearer token:',
    ' ',
    ' ```bash',
    ' curl https://api.acme.dev/v1/keys -H "Authorization: Bearer $ACME_KEY"'
]);
const PULLS = [
    {
        repository: DOCS_REPOSITORY,
        number: DOCS_PULL_NUMBER,
        title: 'Update the quickstart',
        body: 'The quickstart now says how to send the API key.\n\nOpened by the Mintlify agent.',
        author: 'mintlify[bot]',
        baseRef: 'main',
        headRef: 'mintlify/update-quickstart',
        baseMessage: 'Add the authentication page',
        draft: false,
        labels: ['documentation'],
        createdAt: '2026-02-02T09:30:00Z',
        commits: [
            {
                message: 'Say how to send the API key in the quickstart',
                author: 'mintlify[bot]',
                date: '2026-02-02T09:29:41Z',
                files: [{ filename: 'quickstart.mdx', status: 'modified', patch: QUICKSTART }]
            }
        ]
    },
    {
        repository: CODE_REPOSITORY,
        number: CODE_PULL_NUMBER,
        title: 'Let API keys expire',
        body: [
            'API keys can now carry an expiry date.',
            '',
            '- `POST /v1/keys` takes an optional `expires_at` (RFC 3339), at most 365 days ahead; further answers `422 expires_at_too_far`.',
            '- `GET /v1/keys/{id}` returns `expires_at` (`null` for a key that never expires).',
            '- A request made with an expired key gets `401` with the error code `key_expired`.',
            '',
            'Closes #117.'
        ].join('\n'),
        author: 'octocat',
        baseRef: 'main',
        headRef: 'keys-expire',
        baseMessage: 'Release 2.3.0',
        draft: false,
        labels: ['enhancement'],
        createdAt: '2026-02-03T14:05:00Z',
        commits: [
            {
                message: 'Add expires_at to API keys\n\nPOST /v1/keys takes an optional expires_at, at most 365 days ahead;\nGET /v1/keys/{id} returns it (null when the key never expires).',
                author: 'octocat',
                date: '2026-02-03T13:12:09Z',
                files: [
                    { filename: 'src/keys/schema.ts', status: 'modified', patch: SCHEMA },
                    { filename: 'src/keys/routes.ts', status: 'modified', patch: ROUTES }
                ]
            },
            {
                message: 'Reject expired keys with 401 key_expired',
                author: 'octocat',
                date: '2026-02-03T13:40:55Z',
                files: [{ filename: 'src/auth/verify-key.ts', status: 'modified', patch: VERIFY }]
            },
            {
                message: 'Test key expiry and note it in the changelog',
                author: 'octocat',
                date: '2026-02-03T14:01:30Z',
                files: [
                    { filename: 'test/keys.test.ts', status: 'added', patch: TEST },
                    { filename: 'CHANGELOG.md', status: 'modified', patch: CHANGELOG }
                ]
            }
        ]
    }
];
/** What is written on the threads before any run: the command of the sample event. */
const COMMENTS = [
    {
        id: COMMAND_COMMENT_ID,
        repository: DOCS_REPOSITORY,
        issue: DOCS_PULL_NUMBER,
        author: 'monalisa',
        body: '/agent Also add an example of the 401 answer to an invalid key',
        createdAt: '2026-02-04T10:15:00Z'
    }
];

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/simulator/github-shapes.ts
/**
 * Accounts and repositories as GitHub's REST API shows them, with every field GitHub's OpenAPI
 * description requires, for the simulator's answers; and the IDs, shas and times in them.
 */

const API = 'https://api.github.com';
const WEB = 'https://github.com';
function sha(text) {
    return (0,external_node_crypto_.createHash)('sha1').update(text).digest('hex');
}
/** A stable number from a name, for IDs GitHub would have assigned. */
function idOf(text) {
    return parseInt(sha(text).slice(0, 8), 16);
}
/** GitHub writes times to the second. */
function githubTime(ms) {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/** The API links of an account, after `https://api.github.com/users/{login}`. */
const USER_LINKS = {
    followers_url: '/followers',
    following_url: '/following{/other_user}',
    gists_url: '/gists{/gist_id}',
    starred_url: '/starred{/owner}{/repo}',
    subscriptions_url: '/subscriptions',
    organizations_url: '/orgs',
    repos_url: '/repos',
    events_url: '/events{/privacy}',
    received_events_url: '/received_events'
};
/** The API links of a repository, after `https://api.github.com/repos/{owner}/{repo}`. */
const REPOSITORY_LINKS = {
    forks_url: '/forks',
    keys_url: '/keys{/key_id}',
    collaborators_url: '/collaborators{/collaborator}',
    teams_url: '/teams',
    hooks_url: '/hooks',
    issue_events_url: '/issues/events{/number}',
    events_url: '/events',
    assignees_url: '/assignees{/user}',
    branches_url: '/branches{/branch}',
    tags_url: '/tags',
    blobs_url: '/git/blobs{/sha}',
    git_tags_url: '/git/tags{/sha}',
    git_refs_url: '/git/refs{/sha}',
    trees_url: '/git/trees{/sha}',
    statuses_url: '/statuses/{sha}',
    languages_url: '/languages',
    stargazers_url: '/stargazers',
    contributors_url: '/contributors',
    subscribers_url: '/subscribers',
    subscription_url: '/subscription',
    commits_url: '/commits{/sha}',
    git_commits_url: '/git/commits{/sha}',
    comments_url: '/comments{/number}',
    issue_comment_url: '/issues/comments{/number}',
    contents_url: '/contents/{+path}',
    compare_url: '/compare/{base}...{head}',
    merges_url: '/merges',
    archive_url: '/{archive_format}{/ref}',
    downloads_url: '/downloads',
    issues_url: '/issues{/number}',
    pulls_url: '/pulls{/number}',
    milestones_url: '/milestones{/number}',
    notifications_url: '/notifications{?since,all,participating}',
    labels_url: '/labels{/name}',
    releases_url: '/releases{/id}',
    deployments_url: '/deployments'
};
const linked = (base, links) => Object.fromEntries(Object.entries(links).map(([name, path]) => [name, `${base}${path}`]));
/** An account; a `[bot]` login is a bot's. */
function userOf(login, kind = 'User') {
    const bot = login.endsWith('[bot]');
    const name = login.replace(/\[bot\]$/, '');
    const url = `${API}/users/${encodeURIComponent(login)}`;
    return {
        login,
        id: idOf(`user:${login}`),
        node_id: `${bot ? 'BOT' : 'U'}_${sha(login).slice(0, 12)}`,
        avatar_url: `https://avatars.githubusercontent.com/${bot ? 'in' : 'u'}/${idOf(`user:${login}`)}?v=4`,
        gravatar_id: '',
        url,
        html_url: bot ? `${WEB}/apps/${name}` : `${WEB}/${login}`,
        ...linked(url, USER_LINKS),
        type: bot ? 'Bot' : kind,
        site_admin: false
    };
}
/** How the thread's UI labels an account: here, its role on the repository. */
function associationOf(role) {
    return role === 'admin' ? 'OWNER' : role ? 'MEMBER' : 'NONE';
}
function repositoryOf(fullName) {
    const [owner = '', name = ''] = fullName.split('/');
    const url = `${API}/repos/${fullName}`;
    return {
        id: idOf(`repo:${fullName}`),
        node_id: `R_${sha(fullName).slice(0, 12)}`,
        name,
        full_name: fullName,
        private: false,
        owner: userOf(owner, 'Organization'),
        html_url: `${WEB}/${fullName}`,
        description: null,
        fork: false,
        url,
        ...linked(url, REPOSITORY_LINKS),
        created_at: '2025-06-10T08:00:00Z',
        updated_at: '2026-02-03T14:05:00Z',
        pushed_at: '2026-02-03T14:01:30Z',
        git_url: `git://github.com/${fullName}.git`,
        ssh_url: `git@github.com:${fullName}.git`,
        clone_url: `${WEB}/${fullName}.git`,
        svn_url: `${WEB}/${fullName}`,
        homepage: null,
        size: 0,
        stargazers_count: 0,
        watchers_count: 0,
        language: null,
        has_issues: true,
        has_projects: false,
        has_downloads: true,
        has_wiki: false,
        has_pages: false,
        forks_count: 0,
        mirror_url: null,
        archived: false,
        disabled: false,
        open_issues_count: 1,
        license: null,
        forks: 0,
        open_issues: 1,
        watchers: 0,
        default_branch: 'main',
        visibility: 'public'
    };
}

;// CONCATENATED MODULE: ./src/simulator/github-book.ts
/**
 * What the simulator's GitHub knows and what runs write there: the demo world's pull requests,
 * and the comments, reactions and check runs made since it started, kept for its lifetime. No
 * HTTP in it; github-api.ts answers requests from it.
 */


const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];
class GitHubBook {
    comments = new Map();
    reactions = [];
    checkRuns = [];
    #nextComment = 2_604_160_000;
    #nextReaction = 310_400_000;
    #nextCheckRun = 38_200_000_000;
    constructor() {
        for (const comment of COMMENTS) {
            const at = Date.parse(comment.createdAt);
            this.comments.set(comment.id, { ...comment, createdAt: at, updatedAt: at });
        }
    }
    hasRepository(repository) {
        return PULLS.some((pull) => pull.repository === repository);
    }
    pulls(repository) {
        return PULLS.filter((pull) => pull.repository === repository);
    }
    pull(repository, number) {
        return PULLS.find((pull) => pull.repository === repository && pull.number === number);
    }
    roleOf(login) {
        return ROLES[login];
    }
    /** The conversation of an issue or pull request, oldest first. */
    thread(repository, issue) {
        return [...this.comments.values()]
            .filter((c) => c.repository === repository && c.issue === issue)
            .sort((a, b) => a.id - b.id);
    }
    /** A comment written now by the token's account. */
    addComment(repository, issue, body) {
        const now = Date.now();
        const comment = {
            id: ++this.#nextComment,
            repository,
            issue,
            author: TOKEN_LOGIN,
            body,
            createdAt: now,
            updatedAt: now
        };
        this.comments.set(comment.id, comment);
        return comment;
    }
    comment(repository, id) {
        const comment = this.comments.get(id);
        return comment?.repository === repository ? comment : undefined;
    }
    /** One reaction of a kind per account and subject: the one there is comes back, not created. */
    react(repository, on, content) {
        const same = (r) => r.repository === repository &&
            JSON.stringify(r.on) === JSON.stringify(on) &&
            r.content === content &&
            r.login === TOKEN_LOGIN;
        const there = this.reactions.find(same);
        if (there)
            return { reaction: there, created: false };
        const reaction = {
            id: ++this.#nextReaction,
            repository,
            on,
            content,
            login: TOKEN_LOGIN,
            createdAt: Date.now()
        };
        this.reactions.push(reaction);
        return { reaction, created: true };
    }
    reactionsOn(repository, issue, content) {
        return this.reactions.filter((r) => r.repository === repository &&
            'issue' in r.on &&
            r.on.issue === issue &&
            (content === null || r.content === content));
    }
    removeReaction(repository, issue, id) {
        const at = this.reactions.findIndex((r) => r.repository === repository && 'issue' in r.on && r.on.issue === issue && r.id === id);
        if (at >= 0)
            this.reactions.splice(at, 1);
        return at >= 0;
    }
    addCheckRun(repository, fields) {
        const now = Date.now();
        const run = {
            id: ++this.#nextCheckRun,
            repository,
            status: 'queued',
            conclusion: null,
            output: { title: null, summary: null, text: null },
            startedAt: now,
            completedAt: null,
            ...fields
        };
        if (run.conclusion)
            run.status = 'completed';
        if (run.status === 'completed')
            run.completedAt = now;
        this.checkRuns.push(run);
        return run;
    }
    checkRun(repository, id) {
        return this.checkRuns.find((run) => run.repository === repository && run.id === id);
    }
    shownComment(comment) {
        const { repository: repo, issue, id } = comment;
        return {
            id,
            node_id: `IC_${sha(String(id)).slice(0, 16)}`,
            url: `${API}/repos/${repo}/issues/comments/${id}`,
            html_url: `${WEB}/${repo}/pull/${issue}#issuecomment-${id}`,
            body: comment.body,
            user: userOf(comment.author),
            created_at: githubTime(comment.createdAt),
            updated_at: githubTime(comment.updatedAt),
            issue_url: `${API}/repos/${repo}/issues/${issue}`,
            author_association: associationOf(this.roleOf(comment.author))
        };
    }
    shownReaction(reaction) {
        return {
            id: reaction.id,
            node_id: `REA_${sha(String(reaction.id)).slice(0, 16)}`,
            user: userOf(reaction.login),
            content: reaction.content,
            created_at: githubTime(reaction.createdAt)
        };
    }
    shownCheckRun(run) {
        const url = `${API}/repos/${run.repository}/check-runs/${run.id}`;
        return {
            id: run.id,
            head_sha: run.headSha,
            node_id: `CR_${sha(String(run.id)).slice(0, 16)}`,
            external_id: '',
            url,
            html_url: `${WEB}/${run.repository}/runs/${run.id}`,
            details_url: `${WEB}/${run.repository}/runs/${run.id}`,
            status: run.status,
            conclusion: run.conclusion,
            started_at: githubTime(run.startedAt),
            completed_at: run.completedAt === null ? null : githubTime(run.completedAt),
            output: { ...run.output, annotations_count: 0, annotations_url: `${url}/annotations` },
            name: run.name,
            check_suite: { id: run.id + 1 },
            app: null,
            pull_requests: []
        };
    }
}

;// CONCATENATED MODULE: ./src/simulator/github-http.ts
/**
 * How GitHub's REST API answers, for the simulator's GitHub side: its error bodies, lists a page
 * at a time (at most 100, `per_page` and `page`, a `Link` header when there are more), an ETag on
 * every read and `304 Not Modified` for a read that names it (If-None-Match).
 */

const DOCS = 'https://docs.github.com/rest';
const ok = (body, status = 200) => ({ status, body });
const list = (body) => ({ status: 200, body, paged: true });
const failure = (status, message) => ok({ message, documentation_url: DOCS }, status);
const notFound = () => failure(404, 'Not Found');
const invalid = (resource, field, code = 'missing_field') => ok({ message: 'Validation Failed', errors: [{ resource, field, code }], documentation_url: DOCS }, 422);
/** One page of a list, at most 100 items, as `per_page` and `page` ask (30 and 1 by default). */
function page(items, query) {
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page')) || 30));
    const at = Math.max(1, Number(query.get('page')) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    return { items: items.slice((at - 1) * perPage, at * perPage), perPage, page: at, last };
}
/** Sends an answer: a list a page at a time with a `Link` header, an ETag on every 200 read. */
function send(req, res, answer, url) {
    const headers = {};
    let { body } = answer;
    if (answer.paged && Array.isArray(body)) {
        const shown = page(body, url.searchParams);
        const link = (n, rel) => {
            const target = new URL(url.pathname + url.search, `http://${req.headers.host ?? '127.0.0.1'}`);
            target.searchParams.set('per_page', String(shown.perPage));
            target.searchParams.set('page', String(n));
            return `<${target.href}>; rel="${rel}"`;
        };
        const links = [
            ...(shown.page < shown.last ? [link(shown.page + 1, 'next'), link(shown.last, 'last')] : []),
            ...(shown.page > 1 ? [link(1, 'first'), link(shown.page - 1, 'prev')] : [])
        ];
        if (links.length)
            headers.link = links.join(', ');
        body = shown.items;
    }
    const text = body === undefined ? '' : JSON.stringify(body);
    if (req.method === 'GET' && answer.status === 200) {
        const etag = `W/"${(0,external_node_crypto_.createHash)('sha1')
            .update(text)
            .update(headers.link ?? '')
            .digest('hex')}"`;
        headers.etag = etag;
        const asked = String(req.headers['if-none-match'] ?? '').split(/\s*,\s*/);
        if (asked.includes(etag)) {
            res.writeHead(304, headers);
            return void res.end();
        }
    }
    if (text)
        headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(answer.status, headers);
    res.end(text);
}

;// CONCATENATED MODULE: ./src/simulator/github-pulls.ts


/**
 * A pull request's line of commits with their shas: the base branch's tip, then each commit of
 * the pull request on its parent.
 */
function commitLine(pull) {
    const base = {
        message: pull.baseMessage,
        author: 'monalisa',
        date: pull.createdAt,
        files: [],
        sha: sha(`${pull.repository}@${pull.baseRef}`),
        parent: sha(`${pull.repository}@${pull.baseRef}^`)
    };
    let parent = base.sha;
    const commits = pull.commits.map((commit) => {
        const at = sha(`${parent}\n${commit.message}`);
        const shown = { ...commit, sha: at, parent };
        parent = at;
        return shown;
    });
    return { base, commits };
}
function counted(patch) {
    const lines = patch.split('\n').filter((line) => !line.startsWith('@@'));
    return {
        additions: lines.filter((line) => line.startsWith('+')).length,
        deletions: lines.filter((line) => line.startsWith('-')).length
    };
}
/** Each file of `commits` once, in the order GitHub lists them (by name); the last change wins. */
function filesOf(commits) {
    const byName = new Map();
    for (const file of commits.flatMap((commit) => commit.files))
        byName.set(file.filename, file);
    return [...byName.values()].sort((a, b) => a.filename.localeCompare(b.filename));
}
function fileOf(repository, head, file) {
    const { additions, deletions } = counted(file.patch);
    const path = file.filename.split('/').map(encodeURIComponent).join('/');
    return {
        sha: sha(`${file.filename}\n${file.patch}`),
        filename: file.filename,
        status: file.status,
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `${WEB}/${repository}/blob/${head}/${path}`,
        raw_url: `${WEB}/${repository}/raw/${head}/${path}`,
        contents_url: `${API}/repos/${repository}/contents/${path}?ref=${head}`,
        patch: file.patch
    };
}
function commitOf(repository, commit) {
    const person = {
        name: commit.author,
        email: `${commit.author}@users.noreply.github.com`,
        date: commit.date
    };
    return {
        url: `${API}/repos/${repository}/commits/${commit.sha}`,
        sha: commit.sha,
        node_id: `C_${commit.sha.slice(0, 12)}`,
        html_url: `${WEB}/${repository}/commit/${commit.sha}`,
        comments_url: `${API}/repos/${repository}/commits/${commit.sha}/comments`,
        commit: {
            url: `${API}/repos/${repository}/git/commits/${commit.sha}`,
            author: person,
            committer: person,
            message: commit.message,
            tree: {
                sha: sha(`tree:${commit.sha}`),
                url: `${API}/repos/${repository}/git/trees/${sha(`tree:${commit.sha}`)}`
            },
            comment_count: 0
        },
        author: userOf(commit.author),
        committer: userOf(commit.author),
        parents: [
            {
                sha: commit.parent,
                url: `${API}/repos/${repository}/commits/${commit.parent}`,
                html_url: `${WEB}/${repository}/commit/${commit.parent}`
            }
        ]
    };
}
/** `pulls.get`: the pull request as it stands, its head and base included. */
function pullOf(pull, comments, role) {
    const { repository: repo, number } = pull;
    const { base, commits } = commitLine(pull);
    const head = commits.at(-1)?.sha ?? base.sha;
    const files = filesOf(pull.commits).map((file) => fileOf(repo, head, file));
    const url = `${API}/repos/${repo}/pulls/${number}`;
    const owner = repo.split('/')[0];
    const end = (ref, at) => ({
        label: `${owner}:${ref}`,
        ref,
        sha: at,
        user: userOf(owner, 'Organization'),
        repo: repositoryOf(repo)
    });
    return {
        url,
        id: idOf(`pull:${repo}#${number}`),
        node_id: `PR_${sha(`${repo}#${number}`).slice(0, 12)}`,
        html_url: `${WEB}/${repo}/pull/${number}`,
        diff_url: `${WEB}/${repo}/pull/${number}.diff`,
        patch_url: `${WEB}/${repo}/pull/${number}.patch`,
        issue_url: `${API}/repos/${repo}/issues/${number}`,
        commits_url: `${url}/commits`,
        review_comments_url: `${url}/comments`,
        review_comment_url: `${API}/repos/${repo}/pulls/comments{/number}`,
        comments_url: `${API}/repos/${repo}/issues/${number}/comments`,
        statuses_url: `${API}/repos/${repo}/statuses/${head}`,
        number,
        state: 'open',
        locked: false,
        title: pull.title,
        user: userOf(pull.author),
        body: pull.body,
        labels: pull.labels.map((name) => ({
            id: idOf(`label:${repo}:${name}`),
            node_id: `LA_${sha(`${repo}:${name}`).slice(0, 12)}`,
            url: `${API}/repos/${repo}/labels/${encodeURIComponent(name)}`,
            name,
            description: null,
            color: 'a2eeef',
            default: name === 'documentation' || name === 'enhancement'
        })),
        milestone: null,
        created_at: pull.createdAt,
        updated_at: pull.commits.at(-1)?.date ?? pull.createdAt,
        closed_at: null,
        merged_at: null,
        merge_commit_sha: null,
        assignee: null,
        assignees: [],
        requested_reviewers: [],
        requested_teams: [],
        head: end(pull.headRef, head),
        _links: {
            self: { href: url },
            html: { href: `${WEB}/${repo}/pull/${number}` },
            issue: { href: `${API}/repos/${repo}/issues/${number}` },
            comments: { href: `${API}/repos/${repo}/issues/${number}/comments` },
            review_comments: { href: `${url}/comments` },
            review_comment: { href: `${API}/repos/${repo}/pulls/comments{/number}` },
            commits: { href: `${url}/commits` },
            statuses: { href: `${API}/repos/${repo}/statuses/${head}` }
        },
        base: end(pull.baseRef, base.sha),
        author_association: associationOf(role),
        auto_merge: null,
        draft: pull.draft,
        merged: false,
        mergeable: true,
        rebaseable: true,
        mergeable_state: 'clean',
        merged_by: null,
        comments,
        review_comments: 0,
        maintainer_can_modify: false,
        commits: commits.length,
        additions: files.reduce((sum, file) => sum + file.additions, 0),
        deletions: files.reduce((sum, file) => sum + file.deletions, 0),
        changed_files: files.length
    };
}
/**
 * `compare/{base}...{head}` between two commits (or branches) of a pull request's line, as an
 * answer; undefined when either is not on it.
 */
function comparison(pull, baseName, headName) {
    const { base, commits } = commitLine(pull);
    const line = [base, ...commits];
    const at = (name) => name === pull.baseRef
        ? 0
        : name === pull.headRef
            ? line.length - 1
            : line.findIndex((c) => c.sha === name);
    const from = at(baseName);
    const to = at(headName);
    if (from < 0 || to < 0)
        return undefined;
    const range = to > from ? line.slice(from + 1, to + 1) : [];
    const repo = pull.repository;
    const link = (site) => `${site}/${repo}/compare/${baseName}...${headName}`;
    return ok({
        url: link(`${API}/repos`),
        html_url: link(WEB),
        permalink_url: link(WEB),
        diff_url: `${link(WEB)}.diff`,
        patch_url: `${link(WEB)}.patch`,
        base_commit: commitOf(repo, line[from]),
        merge_base_commit: commitOf(repo, line[Math.min(from, to)]),
        status: from === to ? 'identical' : to > from ? 'ahead' : 'behind',
        ahead_by: Math.max(0, to - from),
        behind_by: Math.max(0, from - to),
        total_commits: range.length,
        commits: range.map((commit) => commitOf(repo, commit)),
        files: filesOf(range).map((file) => fileOf(repo, line[to].sha, file))
    });
}

;// CONCATENATED MODULE: ./src/simulator/github-api.ts





/** Repository roles, least first. */
const ROLE_ORDER = ['none', 'read', 'triage', 'write', 'maintain', 'admin'];
/** GitHub refuses a comment body longer than this. */
const MAX_BODY = 65_536;
/** The demo world's GitHub: its record, and the handler of the requests that are not Mintlify's. */
function simulatedGitHub(book = new GitHubBook()) {
    const pullOrNone = (call, at = 0) => book.pull(call.repo, Number(call.params[at]));
    const text = (value) => (typeof value === 'string' ? value : undefined);
    const commentBody = (body) => {
        const value = text(body.body);
        return value && value.length <= MAX_BODY ? value : undefined;
    };
    const routes = [
        [
            'GET',
            /^\/collaborators\/([^/]+)\/permission$/,
            ({ params }) => {
                const login = decodeURIComponent(params[0]);
                const role = book.roleOf(login) ?? 'none';
                const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
                const at = (least) => ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(least);
                const permissions = {
                    pull: at('read'),
                    triage: at('triage'),
                    push: at('write'),
                    maintain: at('maintain'),
                    admin: at('admin')
                };
                const user = { ...userOf(login), permissions, role_name: role };
                return ok({ permission, role_name: role, user });
            }
        ],
        [
            'GET',
            /^\/pulls\/(\d+)$/,
            (call) => {
                const pull = pullOrNone(call);
                if (!pull)
                    return notFound();
                const comments = book.thread(call.repo, pull.number).length;
                return ok(pullOf(pull, comments, book.roleOf(pull.author)));
            }
        ],
        [
            'GET',
            /^\/pulls\/(\d+)\/files$/,
            (call) => {
                const pull = pullOrNone(call);
                if (!pull)
                    return notFound();
                const head = commitLine(pull).commits.at(-1)?.sha ?? '';
                return list(filesOf(pull.commits).map((file) => fileOf(call.repo, head, file)));
            }
        ],
        [
            'GET',
            /^\/pulls\/(\d+)\/commits$/,
            (call) => {
                const pull = pullOrNone(call);
                if (!pull)
                    return notFound();
                return list(commitLine(pull).commits.map((commit) => commitOf(call.repo, commit)));
            }
        ],
        // No review comments and no reviews in this world.
        ['GET', /^\/pulls\/(\d+)\/comments$/, (call) => (pullOrNone(call) ? list([]) : notFound())],
        ['GET', /^\/pulls\/(\d+)\/reviews$/, (call) => (pullOrNone(call) ? list([]) : notFound())],
        [
            'GET',
            /^\/compare\/([^/]+)$/,
            ({ repo, params }) => {
                const [base = '', head = ''] = decodeURIComponent(params[0]).split('...');
                const found = book.pulls(repo).map((pull) => comparison(pull, base, head));
                return found.find((c) => c !== undefined) ?? notFound();
            }
        ],
        [
            'GET',
            /^\/issues\/(\d+)\/comments$/,
            (call) => pullOrNone(call)
                ? list(book.thread(call.repo, Number(call.params[0])).map((c) => book.shownComment(c)))
                : notFound()
        ],
        [
            'POST',
            /^\/issues\/(\d+)\/comments$/,
            (call) => {
                const pull = pullOrNone(call);
                if (!pull)
                    return notFound();
                const body = commentBody(call.body);
                if (body === undefined)
                    return invalid('IssueComment', 'body');
                return ok(book.shownComment(book.addComment(call.repo, pull.number, body)), 201);
            }
        ],
        [
            'GET',
            /^\/issues\/comments\/(\d+)$/,
            ({ repo, params }) => {
                const comment = book.comment(repo, Number(params[0]));
                return comment ? ok(book.shownComment(comment)) : notFound();
            }
        ],
        [
            'PATCH',
            /^\/issues\/comments\/(\d+)$/,
            ({ repo, params, body }) => {
                const comment = book.comment(repo, Number(params[0]));
                if (!comment)
                    return notFound();
                const edited = commentBody(body);
                if (edited === undefined)
                    return invalid('IssueComment', 'body');
                comment.body = edited;
                comment.updatedAt = Date.now();
                return ok(book.shownComment(comment));
            }
        ],
        [
            'DELETE',
            /^\/issues\/comments\/(\d+)$/,
            ({ repo, params }) => {
                const comment = book.comment(repo, Number(params[0]));
                if (!comment)
                    return notFound();
                book.comments.delete(comment.id);
                return { status: 204 };
            }
        ],
        [
            'POST',
            /^\/issues\/comments\/(\d+)\/reactions$/,
            ({ repo, params, body }) => {
                const comment = book.comment(repo, Number(params[0]));
                if (!comment)
                    return notFound();
                return reaction(book, repo, { comment: comment.id }, body);
            }
        ],
        [
            'POST',
            /^\/issues\/(\d+)\/reactions$/,
            (call) => {
                const pull = pullOrNone(call);
                return pull ? reaction(book, call.repo, { issue: pull.number }, call.body) : notFound();
            }
        ],
        [
            'GET',
            /^\/issues\/(\d+)\/reactions$/,
            (call) => {
                const pull = pullOrNone(call);
                if (!pull)
                    return notFound();
                const found = book.reactionsOn(call.repo, pull.number, call.query.get('content'));
                return list(found.map((r) => book.shownReaction(r)));
            }
        ],
        [
            'DELETE',
            /^\/issues\/(\d+)\/reactions\/(\d+)$/,
            ({ repo, params }) => book.removeReaction(repo, Number(params[0]), Number(params[1]))
                ? { status: 204 }
                : notFound()
        ],
        [
            'POST',
            /^\/check-runs$/,
            ({ repo, body }) => {
                const name = text(body.name);
                const headSha = text(body.head_sha);
                if (!name)
                    return invalid('CheckRun', 'name');
                if (!headSha)
                    return invalid('CheckRun', 'head_sha');
                return ok(book.shownCheckRun(book.addCheckRun(repo, { name, headSha, ...runFields(body) })), 201);
            }
        ],
        [
            'PATCH',
            /^\/check-runs\/(\d+)$/,
            ({ repo, params, body }) => {
                const run = book.checkRun(repo, Number(params[0]));
                if (!run)
                    return notFound();
                const { output, ...fields } = runFields(body);
                Object.assign(run, fields);
                // GitHub keeps what an update leaves out of the output.
                if (output)
                    run.output = { ...run.output, ...output };
                if (run.conclusion)
                    run.status = 'completed';
                if (run.status === 'completed')
                    run.completedAt ??= Date.now();
                return ok(book.shownCheckRun(run));
            }
        ],
        [
            'GET',
            /^\/check-runs\/(\d+)$/,
            ({ repo, params }) => {
                const run = book.checkRun(repo, Number(params[0]));
                return run ? ok(book.shownCheckRun(run)) : notFound();
            }
        ],
        [
            'GET',
            /^\/commits\/([^/]+)\/check-runs$/,
            ({ repo, params, query }) => {
                const name = query.get('check_name');
                const runs = book.checkRuns
                    .filter((r) => r.repository === repo && r.headSha === decodeURIComponent(params[0]))
                    .filter((r) => name === null || r.name === name)
                    .sort((a, b) => b.id - a.id);
                const { items } = page(runs, query);
                return ok({ total_count: runs.length, check_runs: items.map((r) => book.shownCheckRun(r)) });
            }
        ]
    ];
    /** The route that answers a call, with what it needs; undefined for one GitHub does not know. */
    function routeOf(method, path) {
        if (path === '/graphql' && method === 'POST')
            return { repo: '', params: [], handler: graphql };
        const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(path);
        if (!match)
            return undefined;
        const repo = `${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}`.toLowerCase();
        if (!book.hasRepository(repo))
            return undefined;
        for (const [routeMethod, pattern, handler] of routes) {
            const found = pattern.exec(match[3]);
            if (found && routeMethod === method)
                return { repo, params: found.slice(1), handler };
        }
        return undefined;
    }
    async function handle(req, res) {
        const chunks = [];
        for await (const chunk of req)
            chunks.push(chunk);
        const url = new URL(req.url ?? '/', 'http://simulator');
        const method = req.method ?? 'GET';
        const route = routeOf(method, url.pathname);
        if (!route)
            return send(req, res, notFound(), url);
        // The repositories are public: reads need no token, writes and GraphQL need one (any).
        const signedIn = /^(token|bearer) \S+/i.test(req.headers.authorization ?? '');
        if (!signedIn && (method !== 'GET' || route.handler === graphql))
            return send(req, res, failure(401, 'Requires authentication'), url);
        let body = {};
        try {
            const raw = Buffer.concat(chunks).toString('utf8');
            if (raw.trim())
                body = JSON.parse(raw);
        }
        catch {
            return send(req, res, failure(400, 'Problems parsing JSON'), url);
        }
        const { repo, params, handler } = route;
        send(req, res, handler({ repo, params, query: url.searchParams, body }), url);
    }
    return { book, handle };
}
/** A reaction of the token's account: 201 when it is new, 200 with the one there is. */
function reaction(book, repo, on, body) {
    const content = String(body.content ?? '');
    if (!REACTIONS.includes(content))
        return invalid('Reaction', 'content', 'invalid');
    const { reaction: made, created } = book.react(repo, on, content);
    return ok(book.shownReaction(made), created ? 201 : 200);
}
function runFields(body) {
    const output = body.output;
    return {
        ...(typeof body.status === 'string' ? { status: body.status } : {}),
        ...(typeof body.conclusion === 'string' ? { conclusion: body.conclusion } : {}),
        ...(output
            ? {
                output: {
                    title: output.title ?? null,
                    summary: output.summary ?? null,
                    text: output.text ?? null
                }
            }
            : {})
    };
}
/** GraphQL: who the token acts as, the one query the action asks without docs-token. */
function graphql({ body }) {
    if (/viewer\s*\{\s*login\s*\}/.test(String(body.query ?? '')))
        return ok({ data: { viewer: { login: TOKEN_LOGIN } } });
    return ok({ errors: [{ message: 'The simulator answers only query { viewer { login } }.' }] });
}

;// CONCATENATED MODULE: ./src/simulator/jobs.ts
/**
 * The simulator's record of jobs, the v1 list and the hourly limit: what Mintlify would know,
 * with no HTTP in it. Jobs move on lazily, when they are next looked at.
 */
const SIMULATOR_API_KEY = 'mint_simulator_key';
const DEMO_PROJECT_ID = 'demo-project';
const DEMO_JOB_ID = 'demo-job';
const RATE_LIMIT_WINDOW_MS = 3_600_000;
class JobBook {
    /** Messages and new jobs taken, in order. */
    accepted = [];
    #jobs = new Map();
    #listOnly = [];
    #options;
    #pullRequestNumber = 100;
    #jobNumber = 0;
    constructor(options) {
        this.#options = options;
    }
    add(partial) {
        const job = {
            projectId: DEMO_PROJECT_ID,
            status: 'completed',
            source: { repository: 'https://github.com/acme/docs', ref: `mintlify/${partial.id}` },
            model: 'claude-sonnet-4',
            prLink: null,
            createdAt: new Date().toISOString(),
            archivedAt: null,
            outcome: this.#options.outcome,
            durationMs: this.#options.jobDurationMs,
            workingStatus: 'active',
            activeUntil: undefined,
            finalAt: undefined,
            prompts: [],
            ...partial
        };
        this.#jobs.set(key(job.projectId, job.id), job);
        return job;
    }
    /** A new job, working on its first prompt. */
    create(projectId, prompt) {
        const id = `job_${Date.now().toString(36)}_${++this.#jobNumber}`;
        const job = this.add({ id, projectId, prLink: null });
        this.startWork(job, prompt);
        return job;
    }
    /** The job as it stands now, if the project has it. */
    get(projectId, id) {
        const job = this.#jobs.get(key(projectId, id));
        return job && this.#settle(job);
    }
    /** An entry only the v1 list knows: no v2 job answers to its session ID. */
    addListedSession(session) {
        this.#listOnly.push({
            projectId: DEMO_PROJECT_ID,
            subdomain: 'acme',
            branch: null,
            haulted: true,
            haultReason: 'completed',
            createdAt: new Date().toISOString(),
            ...session
        });
    }
    startWork(job, prompt) {
        job.prompts.push(prompt);
        job.status = job.workingStatus;
        job.activeUntil = Date.now() + job.durationMs;
        job.finalAt = undefined;
        if (job.outcome === 'no-changes')
            job.prLink = null;
        this.accepted.push({ projectId: job.projectId, jobId: job.id, prompt, at: Date.now() });
    }
    /** The job as the v2 API shows it. */
    shown(job) {
        const { id, status, source, model, createdAt, archivedAt } = job;
        return {
            id,
            status,
            source,
            model,
            // A job's pull request stays while the agent works on a follow-up; a new job has none yet.
            prLink: job.prLink,
            createdAt,
            archivedAt
        };
    }
    /** One page of the v1 list, newest first. */
    list(projectId, skip, take) {
        const sessions = [
            ...[...this.#jobs.values()]
                .filter((j) => j.projectId === projectId && j.listed !== false)
                .map((job) => this.#listed(job)),
            ...this.#listOnly.filter((s) => s.projectId === projectId).map(({ projectId: _p, ...s }) => s)
        ].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        return sessions.slice(skip, skip + take);
    }
    /**
     * When the project's hourly limit is used up: how many seconds until the oldest request of the
     * window ages out. Undefined while requests are left.
     */
    limitedFor(projectId) {
        const { rateLimitWindowMs, hourlyLimit } = this.#options;
        const since = Date.now() - rateLimitWindowMs;
        const recent = this.accepted.filter((m) => m.projectId === projectId && m.at > since);
        if (recent.length < hourlyLimit)
            return undefined;
        return Math.max(1, Math.ceil((recent[0].at + rateLimitWindowMs - Date.now()) / 1000));
    }
    /** Ends the active period lazily, at the instant it was due. */
    #settle(job) {
        if (job.activeUntil !== undefined && Date.now() >= job.activeUntil && job.outcome !== 'never') {
            job.finalAt = job.activeUntil;
            job.activeUntil = undefined;
            if (job.outcome === 'completed') {
                job.status = 'completed';
                job.prLink ??= `${job.source.repository.replace(/\/$/, '')}/pull/${++this.#pullRequestNumber}`;
            }
            else if (job.outcome === 'no-changes') {
                job.status = 'completed';
            }
            else {
                job.status = job.outcome;
                if (job.outcome === 'archived')
                    job.archivedAt = new Date(job.finalAt).toISOString();
            }
        }
        return job;
    }
    /** The job as the v1 list shows it. */
    #listed(job) {
        const { status } = this.#settle(job);
        const branch = job.listedBranch === undefined ? job.source.ref : job.listedBranch;
        const link = job.listedPullRequestLink === undefined ? job.prLink : job.listedPullRequestLink;
        return {
            sessionId: job.id,
            subdomain: 'acme',
            branch,
            haulted: status !== job.workingStatus,
            haultReason: status === job.workingStatus
                ? 'processing'
                : status === 'failed'
                    ? 'error'
                    : status === 'archived'
                        ? 'interrupted'
                        : 'completed',
            ...(link ? { pullRequestLink: link } : {}),
            ...(job.prompts[0] ? { title: job.prompts[0].slice(0, 60) } : {}),
            createdAt: job.createdAt
        };
    }
}
function key(projectId, id) {
    return `${projectId}\u0000${id}`;
}

;// CONCATENATED MODULE: ./src/simulator/server.ts
/**
 * A loopback stand-in for the Mintlify agent API (v2, and the deprecated v1 job list), written
 * from admin-openapi.json: the demo, the end-to-end tests and the benchmark all run the action
 * against it. Jobs and limits live in jobs.ts; this module speaks HTTP and serves faults. Every
 * other path goes to the GitHub side (github-api.ts), a small GitHub REST API for one demo world.
 */




const ROUTE = /^\/v2\/agent\/([^/?#]+)\/job(?:\/([^/?#]+)(\/message)?)?\/?$/;
const LIST_ROUTE = /^\/v1\/agent\/([^/?#]+)\/jobs$/;
const GATEWAY_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
async function startSimulator(options = {}) {
    let apiKey = options.apiKey ?? SIMULATOR_API_KEY;
    const hourlyLimit = options.hourlyLimit ?? 100;
    const book = new JobBook({
        jobDurationMs: options.jobDurationMs ?? 2000,
        hourlyLimit,
        outcome: options.outcome ?? 'completed',
        rateLimitWindowMs: options.rateLimitWindowMs ?? RATE_LIMIT_WINDOW_MS
    });
    const faults = [];
    const requests = [];
    const sockets = new Set();
    const github = simulatedGitHub();
    function takeFault(method, route) {
        const index = faults.findIndex((f) => (!f.method || f.method === method) && (!f.route || f.route === route));
        if (index < 0)
            return undefined;
        const fault = faults[index];
        if (--fault.remaining <= 0)
            faults.splice(index, 1);
        return fault;
    }
    /** Answers 429 when the project's hourly limit is used up. */
    function rateLimited(projectId, res) {
        const retryAfterS = book.limitedFor(projectId);
        if (retryAfterS === undefined)
            return false;
        const per = `${hourlyLimit} ${hourlyLimit === 1 ? 'message or new job' : 'messages or new jobs'}`;
        server_send(res, 429, { error: `Rate limit exceeded: ${per} per project per hour` }, {
            'retry-after': String(retryAfterS),
            'x-ratelimit-limit': String(hourlyLimit),
            'x-ratelimit-remaining': '0'
        });
        return true;
    }
    /** `GET /v1/agent/{projectId}/jobs?skip=&take=`: newest first, `take` at most 100. */
    function listJobs(projectId, query, res) {
        const number = (name, fallback) => {
            const text = query.get(name);
            return text === null ? fallback : /^\d+$/.test(text) ? Number(text) : NaN;
        };
        const skip = number('skip', 0);
        const take = number('take', 12);
        if (!(skip >= 0) || !(take >= 1 && take <= 100))
            return server_send(res, 400, { error: 'skip must be 0 or more, take from 1 to 100' });
        server_send(res, 200, { allSessions: book.list(projectId, skip, take) });
    }
    /** Serves a fault that answers in place of the API; false for faults that do not. */
    function serveFault(fault, res) {
        if (fault?.kind === 'slow') {
            // The work is done at once and only the answer is late, as when a gateway stalls on the way back.
            const end = res.end.bind(res);
            res.end = ((...args) => {
                setTimeout(() => end(...args), fault.delayMs);
                return res;
            });
            return false;
        }
        if (fault?.kind === 'status') {
            server_send(res, fault.status, fault.body ?? { error: `Simulated ${fault.status}` }, fault.headers);
        }
        else if (fault?.kind === 'html') {
            res.writeHead(fault.status ?? 502, { 'content-type': 'text/html' });
            res.end(GATEWAY_PAGE);
        }
        else if (fault?.kind === 'malformed-json') {
            server_send(res, fault.status ?? 200, '{"id": "truncated", "status": ');
        }
        else {
            return false;
        }
        return true;
    }
    async function handle(req, res) {
        const method = req.method ?? 'GET';
        const path = req.url ?? '/';
        const url = new URL(path, 'http://simulator');
        // Mintlify's paths start /v1/agent/ or /v2/agent/; GitHub's never do.
        if (!/^\/v[12]\/agent\//.test(url.pathname))
            return github.handle(req, res);
        const match = ROUTE.exec(url.pathname);
        const listMatch = LIST_ROUTE.exec(url.pathname);
        const route = listMatch
            ? 'list'
            : !match
                ? undefined
                : match[3]
                    ? 'message'
                    : match[2]
                        ? 'job'
                        : 'create';
        const fault = route ? takeFault(method, route) : undefined;
        if (fault?.kind === 'reset-before-body') {
            requests.push({ method, path, headers: req.headers, body: undefined, at: Date.now() });
            req.socket.destroy();
            return;
        }
        const body = await readBody(req);
        requests.push({ method, path, headers: req.headers, body, at: Date.now() });
        if (serveFault(fault, res))
            return;
        if (req.headers.authorization !== `Bearer ${apiKey}`)
            return server_send(res, 401, { error: 'Invalid or missing API key' });
        if (listMatch) {
            if (method !== 'GET')
                return server_send(res, 405, { error: 'Method not allowed' });
            return listJobs(decodeURIComponent(listMatch[1]), url.searchParams, res);
        }
        if (!match || !route)
            return server_send(res, 404, { error: 'Not found' });
        const projectId = decodeURIComponent(match[1]);
        const jobId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
        if (method === 'GET' && route === 'job') {
            const job = book.get(projectId, jobId);
            return job ? server_send(res, 200, book.shown(job)) : server_send(res, 404, { error: 'Job not found' });
        }
        if (method !== 'POST' || route === 'job')
            return server_send(res, 405, { error: 'Method not allowed' });
        let prompt;
        try {
            prompt = JSON.parse(body).prompt;
        }
        catch {
            return server_send(res, 400, { error: 'Request body must be JSON' });
        }
        if (typeof prompt !== 'string' || prompt.length < 1) {
            return server_send(res, 400, { error: 'prompt is required and must be a non-empty string' });
        }
        if (route === 'message') {
            const job = book.get(projectId, jobId);
            if (!job)
                return server_send(res, 404, { error: 'Job not found' });
            if (job.status === 'archived')
                return server_send(res, 400, { error: 'Job is archived' });
            if (rateLimited(projectId, res))
                return;
            book.startWork(job, prompt);
            if (fault?.kind === 'reset-after-body')
                return void req.socket.destroy();
            return server_send(res, 200, book.shown(job));
        }
        if (rateLimited(projectId, res))
            return;
        const job = book.create(projectId, prompt);
        if (fault?.kind === 'reset-after-body')
            return void req.socket.destroy();
        return server_send(res, 201, book.shown(job));
    }
    if (options.demoJob !== false) {
        book.add({
            id: DEMO_JOB_ID,
            prLink: 'https://github.com/acme/docs/pull/42',
            source: { repository: 'https://github.com/acme/docs', ref: 'mintlify/update-quickstart' }
        });
    }
    const server = (0,external_node_http_.createServer)((req, res) => {
        const started = Date.now();
        res.on('close', () => options.onAnswer?.({
            method: req.method ?? 'GET',
            path: req.url ?? '/',
            status: res.headersSent ? res.statusCode : undefined,
            durationMs: Date.now() - started
        }));
        handle(req, res).catch((error) => {
            if (!res.headersSent)
                server_send(res, 500, { error: String(error) });
        });
    });
    server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
        });
    });
    const { port } = server.address();
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        accepted: book.accepted,
        addJob: (job) => book.add(job),
        job: (id, projectId = DEMO_PROJECT_ID) => book.get(projectId, id),
        addFault: (fault) => faults.push({ ...fault, remaining: fault.times ?? 1 }),
        addListedSession: (session) => book.addListedSession(session),
        setApiKey: (key) => void (apiKey = key),
        github,
        close: () => new Promise((resolve) => {
            for (const socket of sockets)
                socket.destroy();
            server.close(() => resolve());
        })
    };
}
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}
function server_send(res, status, body, headers = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
}

;// CONCATENATED MODULE: ./src/simulator/command.ts
/**
 * `mintlify-agent simulator` (and `npm run simulator`): the Mintlify API simulator on loopback,
 * for trying the action, a workflow or the command line with no key and no network.
 */



const SIMULATOR_USAGE = `Usage: mintlify-agent simulator [options]

A stand-in for the Mintlify agent API on 127.0.0.1, written from its OpenAPI description:
follow-ups, new jobs, job reads and the v1 job list, the bearer key and the hourly limit.
The same address answers GitHub's REST calls too (set GITHUB_API_URL to it; any token) for a
small demo world, acme/docs#42 and acme/api#128; a clone's examples/events/ has events for it.
It prints its address and credentials; Ctrl-C stops it.

Options:
  --port <n>              port to listen on (default 4010; 0 for any free one)
  --job-duration <d>      how long a job works on each message, as 5s, 1m or seconds (default 2s)
  --outcome <outcome>     what jobs end in: completed (with a pull request, the default),
                          no-changes (completed without one), failed, archived, or never-ends
  --hourly-limit <n>      messages and new jobs per project per hour (default 100, as Mintlify)
  --fault <fault>         answer requests with a fault; repeat for more. KIND[:TIMES][@ROUTE]:
                            KIND   500, 502, 503, 504 or 429; reset (the connection drops before
                                   the request is read); reset-after (the message is taken,
                                   then the connection drops); slow (the answer comes late);
                                   html (a gateway's HTML page)
                            TIMES  how many requests get it (default 1)
                            ROUTE  message, create, job or list (default: any Mintlify route)
                          for example --fault 503:2@message --fault reset@job
  --slow <d>              how late a slow answer comes (default 5s)
  -h, --help              show this help

It prints a line for every request it answers: method, path, status and time.

Exit codes: 0 stopped with Ctrl-C or SIGTERM; 2 a wrong command line; 1 it could not start
(the port is taken, say).`;
const OUTCOMES = {
    completed: 'completed',
    'no-changes': 'no-changes',
    failed: 'failed',
    archived: 'archived',
    'never-ends': 'never'
};
const command_ROUTES = ['message', 'create', 'job', 'list'];
const STATUS_FAULTS = ['500', '502', '503', '504', '429'];
/** A wrong command line: its message says what to change. */
class SimulatorUsageError extends Error {
    name = 'SimulatorUsageError';
}
function seconds(text, flag) {
    const ms = parseDuration(text);
    if (ms === undefined || ms < 0)
        throw new SimulatorUsageError(`${flag} takes a duration such as 5s, 1m or 2 (got '${text}').`);
    return ms;
}
function wholeNumber(text, flag, least) {
    if (!/^\d+$/.test(text) || Number(text) < least)
        throw new SimulatorUsageError(`${flag} takes a whole number, ${least} or more (got '${text}').`);
    return Number(text);
}
/** `503:2@message` as the simulator's fault. */
function parseFault(text, slowMs) {
    const match = /^([a-z0-9-]+)(?::(\d+))?(?:@([a-z]+))?$/.exec(text);
    const [, kind = '', times = '1', route] = match ?? [];
    if (!match || Number(times) < 1 || (route && !command_ROUTES.includes(route)))
        throw new SimulatorUsageError(`--fault takes KIND[:TIMES][@ROUTE], such as 503:2@message (got '${text}'); see --help.`);
    const where = { times: Number(times), ...(route ? { route: route } : {}) };
    if (STATUS_FAULTS.includes(kind)) {
        const headers = kind === '429' || kind === '503' ? { 'retry-after': '1' } : undefined;
        return { ...where, kind: 'status', status: Number(kind), ...(headers ? { headers } : {}) };
    }
    switch (kind) {
        case 'reset':
            return { ...where, kind: 'reset-before-body' };
        case 'reset-after':
            return { ...where, kind: 'reset-after-body' };
        case 'slow':
            return { ...where, kind: 'slow', delayMs: slowMs };
        case 'html':
            return { ...where, kind: 'html' };
        default:
            throw new SimulatorUsageError(`--fault does not know '${kind}': use 500, 502, 503, 504, 429, reset, reset-after, slow or html.`);
    }
}
function describeFault(fault) {
    const what = fault.kind === 'status'
        ? String(fault.status)
        : fault.kind === 'slow'
            ? `a ${fault.delayMs / 1000}s late answer`
            : fault.kind === 'reset-before-body'
                ? 'a dropped connection'
                : fault.kind === 'reset-after-body'
                    ? 'a dropped connection after taking the message'
                    : fault.kind === 'html'
                        ? "a gateway's HTML page"
                        : fault.kind;
    return `${what} ×${fault.times ?? 1}${fault.route ? ` on ${fault.route} requests` : ''}`;
}
/**
 * Runs the simulator until SIGINT or SIGTERM; resolves with the exit code. Writes what it is,
 * how to use it and a line per request to `out`. Throws when it cannot start.
 */
async function runSimulator(argv, out = (text) => process.stdout.write(text)) {
    const { values } = (0,external_node_util_.parseArgs)({
        args: argv,
        options: {
            port: { type: 'string', default: '4010' },
            'job-duration': { type: 'string', default: '2s' },
            outcome: { type: 'string', default: 'completed' },
            'hourly-limit': { type: 'string', default: '100' },
            fault: { type: 'string', multiple: true, default: [] },
            slow: { type: 'string', default: '5s' },
            help: { type: 'boolean', short: 'h' }
        }
    });
    if (values.help) {
        out(`${SIMULATOR_USAGE}\n`);
        return 0;
    }
    const outcome = OUTCOMES[values.outcome];
    if (!outcome)
        throw new SimulatorUsageError(`--outcome takes completed, no-changes, failed, archived or never-ends (got '${values.outcome}').`);
    const port = wholeNumber(values.port, '--port', 0);
    const jobDurationMs = seconds(values['job-duration'], '--job-duration');
    const hourlyLimit = wholeNumber(values['hourly-limit'], '--hourly-limit', 1);
    const slowMs = seconds(values.slow, '--slow');
    const faults = values.fault.map((text) => parseFault(text, slowMs));
    let simulator;
    try {
        simulator = await startSimulator({
            port,
            jobDurationMs,
            hourlyLimit,
            outcome,
            // A line per request shows what a client does, as it happens.
            onAnswer: ({ method, path, status, durationMs }) => out(`${method} ${path} → ${status === undefined ? 'connection dropped' : status} (${durationMs} ms)\n`)
        });
    }
    catch (error) {
        const code = error.code;
        throw new Error(code === 'EADDRINUSE'
            ? `Port ${port} is taken: choose another with --port, or --port 0 for any free one.`
            : `The simulator could not start: ${error.message}`, { cause: error });
    }
    for (const fault of faults)
        simulator.addFault(fault);
    // Listening before the banner: whoever reads it may press Ctrl-C at once.
    const stopped = new Promise((resolve) => {
        const stop = () => void simulator.close().then(() => resolve(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
    });
    const per = `${hourlyLimit} ${hourlyLimit === 1 ? 'message or new job' : 'messages or new jobs'}`;
    out([
        `Mintlify simulator on ${simulator.url} (Ctrl-C stops it)`,
        `  base-url:   ${simulator.url}`,
        `  api-key:    ${SIMULATOR_API_KEY}`,
        `  project-id: ${DEMO_PROJECT_ID}`,
        `  job-id:     ${DEMO_JOB_ID}`,
        `GitHub's REST API for acme/docs#42 and acme/api#128 too: GITHUB_API_URL=${simulator.url} (any token).`,
        `Jobs work ${jobDurationMs / 1000}s on each message, then end ${values.outcome}; ${per} per project per hour.`,
        ...(faults.length ? [`Faults: ${faults.map(describeFault).join('; ')}.`] : []),
        '',
        'Try it (another terminal):',
        `  export MINTLIFY_API_KEY=${SIMULATOR_API_KEY} MINTLIFY_BASE_URL=${simulator.url}`,
        `  mintlify-agent follow-up --project ${DEMO_PROJECT_ID} --job ${DEMO_JOB_ID} "Add a FAQ"`,
        ''
    ].join('\n'));
    return stopped;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/adapters/git/git-pull-request.ts
/**
 * A branch of a local git checkout read as the code pull request it would open: its files and
 * commits since the merge base with the base branch, and comparisons between commits, as GitHub's
 * API gives them. Only git runs; nothing goes over the network.
 */

/** A branch or commit to compare that the checkout does not have. */
class UnknownCommit extends Error {
    which;
    ref;
    constructor(which, ref, options) {
        super(`${ref} is no commit of this checkout`, options);
        this.which = which;
        this.ref = ref;
    }
}
class GitPullRequest {
    #cwd;
    #base;
    #head;
    #info;
    /** The branch's files, read once: a large diff takes git a while. */
    #files;
    constructor(info) {
        this.#info = info;
        this.#cwd = info.cwd;
        this.#head = this.#commitOf(info.head, 'head');
        this.#base = this.#commitOf(info.base, 'base');
    }
    /** The commit `ref` names; in a checkout that has no such commit, an UnknownCommit. */
    #commitOf(ref, which) {
        try {
            return this.#git('rev-parse', '--verify', `${ref}^{commit}`).trim();
        }
        catch (error) {
            if (this.hasCommit('HEAD'))
                throw new UnknownCommit(which, ref, { cause: error });
            throw error;
        }
    }
    #git(...args) {
        return (0,external_node_child_process_.execFileSync)('git', args, {
            cwd: this.#cwd,
            encoding: 'utf8',
            maxBuffer: 512 * 2 ** 20,
            stdio: ['ignore', 'pipe', 'pipe']
        });
    }
    get headSha() {
        return this.#head;
    }
    async read() {
        const branch = this.#git('rev-parse', '--abbrev-ref', this.#info.head).trim();
        return {
            number: 0,
            url: '(this branch, not yet a pull request)',
            title: this.#info.title ?? this.#git('log', '-1', '--format=%s', this.#head).trim(),
            body: this.#info.body ?? '',
            author: this.#git('log', '-1', '--format=%an', this.#head).trim(),
            authorIsName: true,
            draft: false,
            labels: [],
            state: 'open',
            merged: false,
            baseRef: this.#info.base,
            headRef: branch === 'HEAD' || !branch ? this.#head.slice(0, 7) : branch,
            headSha: this.#head,
            changedFiles: (await this.files()).length
        };
    }
    async files() {
        this.#files ??= this.#diff(`${this.#base}...${this.#head}`);
        return this.#files;
    }
    async commits() {
        return this.#log(`${this.#base}..${this.#head}`);
    }
    hasCommit(ref) {
        try {
            this.#git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
            return true;
        }
        catch {
            return false;
        }
    }
    async compare(base, head) {
        let from;
        try {
            from = this.#git('rev-parse', '--verify', `${base}^{commit}`).trim();
        }
        catch {
            return undefined;
        }
        const to = this.#git('rev-parse', '--verify', `${head}^{commit}`).trim();
        const isAncestor = (a, b) => {
            try {
                this.#git('merge-base', '--is-ancestor', a, b);
                return true;
            }
            catch {
                return false;
            }
        };
        const status = from === to
            ? 'identical'
            : isAncestor(from, to)
                ? 'ahead'
                : isAncestor(to, from)
                    ? 'behind'
                    : 'diverged';
        const commits = this.#log(`${from}..${to}`);
        return { status, commits, totalCommits: commits.length, files: this.#diff(`${from}...${to}`) };
    }
    async gitattributes(ref) {
        try {
            return this.#git('show', `${ref}:.gitattributes`);
        }
        catch {
            return '';
        }
    }
    #log(range) {
        return this.#git('log', '--reverse', '--format=%H%x1f%P%x1f%B%x1e', range)
            .split('\x1e')
            .map((entry) => entry.replace(/^\n/, ''))
            .filter(Boolean)
            .map((entry) => {
            const [sha = '', parents = '', message = ''] = entry.split('\x1f');
            return { sha, parents: parents.split(' ').filter(Boolean), message: message.trimEnd() };
        });
    }
    /** The files of a diff as GitHub's files list gives them: status, counts and the hunks. */
    #diff(range) {
        const text = this.#git('diff', '-M', '--no-color', '--no-ext-diff', range);
        return text
            .split(/^(?=diff --git )/m)
            .filter((section) => section.startsWith('diff --git '))
            .map((section) => {
            const lines = section.replace(/\n$/, '').split('\n');
            const hunks = lines.findIndex((line) => line.startsWith('@@'));
            const meta = hunks < 0 ? lines : lines.slice(0, hunks);
            const field = (prefix) => meta.find((line) => line.startsWith(prefix))?.slice(prefix.length);
            const header = / b\/(.*)$/.exec(lines[0] ?? '')?.[1] ?? '';
            const path = field('rename to ') ?? field('+++ b/') ?? header;
            const previousPath = field('rename from ');
            const binary = meta.some((line) => line.startsWith('Binary files '));
            // A pure rename or a mode change has no hunks, and is no binary for all that.
            const patch = hunks >= 0 ? lines.slice(hunks).join('\n') : binary ? undefined : '';
            const body = hunks < 0 ? [] : lines.slice(hunks);
            return {
                path,
                status: field('new file mode') !== undefined
                    ? 'added'
                    : field('deleted file mode') !== undefined
                        ? 'removed'
                        : previousPath
                            ? 'renamed'
                            : 'modified',
                additions: body.filter((line) => line.startsWith('+')).length,
                deletions: body.filter((line) => line.startsWith('-')).length,
                ...(previousPath ? { previousPath } : {}),
                ...(patch === undefined ? {} : { patch })
            };
        });
    }
}

;// CONCATENATED MODULE: ./src/thread/thread.ts
/**
 * A pull request or issue thread on GitHub, as the flows see it: the port that the octokit
 * adapter implements for the runner and that tests implement in memory.
 */
/** Repository roles, weakest first, as the collaborator-permission API names them. */
const PERMISSION_LEVELS = ['none', 'read', 'triage', 'write', 'maintain', 'admin'];
/**
 * A read the run cannot go on without failed; its message says what failed and that nothing was
 * sent.
 */
class ThreadReadError extends Error {
    name = 'ThreadReadError';
}

;// CONCATENATED MODULE: ./src/settings/fields.ts
/** Reading one input: the rules every input of its kind follows, and the error when it does not. */


/** A problem with the workflow's inputs; its message tells the user what to change. */
class InputError extends Error {
    name = 'InputError';
}
/** How a setting is named as a sentence's subject, for inputs only the action has. */
const inputSubject = (name) => `Input '${name}'`;
function required(text, subject, hint) {
    const value = text.trim();
    if (!value)
        throw new InputError(`${subject} is required: ${hint}`);
    return value;
}
function identifier(text, subject, hint) {
    const value = required(text, subject, hint);
    if (!isValidId(value)) {
        throw new InputError(`${subject} is not a valid ID (${JSON.stringify(value.slice(0, 60))}): IDs are letters, digits, '.', '_', '~', ':', '@' and '-', without '/', '?', '#' or spaces. ${hint}`);
    }
    return value;
}
function duration(text, subject, fallback) {
    const given = text.trim() || fallback;
    const ms = parseDuration(given);
    if (ms === undefined) {
        throw new InputError(`${subject} is not a duration (${JSON.stringify(given.slice(0, 40))}): write it like 90s, 15m, 1h or a number of seconds.`);
    }
    if (ms <= 0)
        throw new InputError(`${subject} must be longer than zero (got '${given}').`);
    return ms;
}
function fields_boolean(text, subject, fallback) {
    const value = text.trim().toLowerCase();
    if (!value)
        return fallback;
    if (value === 'true')
        return true;
    if (value === 'false')
        return false;
    throw new InputError(`${subject} must be true or false (got '${value.slice(0, 40)}').`);
}
function fields_wholeNumber(text, subject, fallback) {
    const value = text.trim();
    if (!value)
        return fallback;
    if (!/^\d+$/.test(value))
        throw new InputError(`${subject} must be a whole number, 0 or more (got '${value.slice(0, 40)}').`);
    return Number(value);
}
const DEFAULT_BASE_URL = 'https://api.mintlify.com';
/** A host, an optional port and an optional path, with no scheme: `localhost:4010`, `api.x.com/v1`. */
const HOST_FORM = /^[a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]*[a-z\d])?)*(?::\d{1,5})?(?:\/(?!\/)[^\s?#@]*)?$/i;
/**
 * What was meant by a base URL whose http(s) scheme is mistyped (`https:/api.mintlify.com`,
 * `http//localhost:4010`); undefined unless the rest is a well-formed host, so that no advice is
 * itself malformed.
 */
function mendedBaseUrl(given) {
    const [, scheme, rest = ''] = /^(https?)(?::\/{0,3}|\/\/)(?!\/)(.+)$/i.exec(given) ?? [];
    return scheme && HOST_FORM.test(rest) ? `${scheme.toLowerCase()}://${rest}` : undefined;
}
function baseUrl(text, subject) {
    const given = text.trim() || DEFAULT_BASE_URL;
    const shown = JSON.stringify(given.slice(0, 80));
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(given)) {
        const mended = mendedBaseUrl(given);
        if (mended)
            throw new InputError(`${subject} is not a well-formed URL (got ${shown}): did you mean ${mended}?`);
        // `localhost:4010` parses as a URL of scheme `localhost:`: say what was meant instead.
        if (HOST_FORM.test(given))
            throw new InputError(`${subject} must start with https:// or http:// (got ${shown}): write http://${given} for a local server, or https://${given} for one with TLS.`);
        throw new InputError(`${subject} is not a URL (got ${shown}): give the whole address, scheme first, as ${DEFAULT_BASE_URL} (or http://localhost:4010 for a local server such as the simulator).`);
    }
    let url;
    try {
        url = new URL(given);
    }
    catch {
        throw new InputError(`${subject} is not a URL (${shown}): use ${DEFAULT_BASE_URL} or your gateway's address.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new InputError(`${subject} must start with https:// or http:// (got ${shown}).`);
    }
    if (url.search || url.hash || url.username || url.password) {
        throw new InputError(`${subject} must not carry a query, a fragment or credentials: give the origin and optional path prefix only.`);
    }
    return url.href.replace(/\/+$/, '');
}
function fields_list(source, name) {
    return Object.freeze(source
        .get(name)
        .split(/[\s,]+/)
        .filter(Boolean));
}

;// CONCATENATED MODULE: ./src/settings/settings.ts





/** Time between two reads of a job when `poll-interval` is not given and `timeout` is longer. */
const DEFAULT_POLL_INTERVAL_MS = 5_000;
/** The longest prompt the action sends; longer text is almost always a pasted log by mistake. */
const MAX_PROMPT_LENGTH = 20_000;
/** The longest request-timeout for runs that send under a pull request's send lock. */
const MAX_LOCKED_REQUEST_TIMEOUT_MS = 3 * 60_000;
/** In mode sync the `prompt` input leads every message: it must leave room for the pull request. */
const MAX_SYNC_INSTRUCTIONS = 10_000;
/** Where inputs come from: the runner's `INPUT_*` variables in the action, a map in tests. */
function commentSettings(source) {
    const githubToken = source.get('github-token').trim();
    if (githubToken)
        source.mask(githubToken);
    const command = source.get('command').trim() || '/agent';
    if (/\s/.test(command))
        throw new InputError(`Input 'command' must be one word, such as /agent (got '${command}').`);
    const permission = source.get('permission').trim().toLowerCase() || 'write';
    if (!PERMISSION_LEVELS.includes(permission) || permission === 'none') {
        throw new InputError(`Input 'permission' must be one of read, triage, write, maintain or admin (got '${permission.slice(0, 40)}').`);
    }
    const read = (name) => [source.get(name), inputSubject(name)];
    const statusComment = fields_boolean(...read('status-comment'), true);
    const maxRequestsPerThread = fields_wholeNumber(...read('max-requests-per-thread'), 0);
    // The cap, the order and re-run protection are all read from the status comments.
    if (!statusComment && maxRequestsPerThread > 0) {
        throw new InputError(`Input 'max-requests-per-thread' is ${maxRequestsPerThread}, but 'status-comment' is false: the cap is counted from the action's status comments, so without them it cannot be kept. Set status-comment: true, or max-requests-per-thread: 0.`);
    }
    return Object.freeze({
        command,
        allowEdits: fields_boolean(...read('allow-edits'), false),
        permission: permission,
        allowedBots: fields_list(source, 'allowed-bots'),
        trustedMarkerAuthors: fields_list(source, 'trusted-marker-authors'),
        githubToken,
        statusComment,
        reactions: fields_boolean(...read('reactions'), true),
        maxRequestsPerThread,
        checkRun: fields_boolean(...read('check-run'), false),
        queueExpiryMs: duration(...read('queue-expiry'), '2m')
    });
}
/** Reads and validates every input; throws InputError with the first problem found. */
function readSettings(source, options = { commentTriggered: false }) {
    const words = options.vocabulary ?? ACTION_VOCABULARY;
    const read = (name) => [source.get(name), words.subject(name)];
    const apiKey = source.get('api-key').trim();
    if (apiKey)
        source.mask(apiKey);
    // The docs token too, before any problem with another input can stop the run.
    const docsToken = source.get('docs-token').trim();
    if (docsToken)
        source.mask(docsToken);
    if (!apiKey)
        throw new InputError(`${words.subject('api-key')} is required: ${words.keyAdvice}.`);
    if (/\s/.test(apiKey)) {
        throw new InputError(`${words.subject('api-key')} contains white space: copy the key again from the Mintlify dashboard.`);
    }
    const projectId = identifier(...read('project-id'), 'Copy it from the API keys page of the Mintlify dashboard.');
    const fromComment = options.commentTriggered;
    // Starting a job opens a pull request and spends the project's hourly limit: never by default.
    const mode = source.get('mode').trim().toLowerCase() || 'follow-up';
    if (mode !== 'follow-up' && mode !== 'create' && mode !== 'auto' && mode !== 'sync') {
        throw new InputError(`${words.subject('mode')} must be follow-up, create, auto or sync (got '${mode.slice(0, 40)}').`);
    }
    // In follow-up mode without a comment, the job can come from nowhere but the input. An empty
    // one is most often a misspelt `vars.` name: it must not quietly start a job instead.
    if (mode === 'follow-up' &&
        !fromComment &&
        !options.jobLookedUp &&
        !source.get('job-id').trim()) {
        throw new InputError(`${words.subject('job-id')} is empty, and mode is follow-up (the default), which only sends to an existing job: nothing was sent. Give the ID of the agent job to follow up (check the name of the variable or secret that should hold it). To start a new job on purpose, ${words.startJobAdvice}.`);
    }
    const jobId = source.get('job-id').trim()
        ? identifier(...read('job-id'), words.jobIdAdvice)
        : undefined;
    if ((mode === 'create' || mode === 'sync') && jobId) {
        throw new InputError(mode === 'create'
            ? `${words.subject('job-id')} is set, but mode is create, which always starts a new job: remove one of them.`
            : `${words.subject('job-id')} is set, but mode is sync, which keeps the pull request's own docs job in its status comment: remove job-id.`);
    }
    const prompt = source.get('prompt').trim() || undefined;
    if (!prompt && !fromComment && !options.readOnly && mode !== 'sync') {
        throw new InputError(`${words.subject('prompt')} is required and must not be blank: write the follow-up message for the agent.`);
    }
    if (prompt && mode === 'sync' && prompt.length > MAX_SYNC_INSTRUCTIONS) {
        throw new InputError(`${words.subject('prompt')} is ${prompt.length} characters long; in mode sync it leads every message and may be at most ${MAX_SYNC_INSTRUCTIONS}, to leave room for the pull request: shorten it.`);
    }
    if (prompt)
        checkPromptLength(prompt, words.subject('prompt'));
    const timeoutMs = duration(...read('timeout'), '30m');
    // Left empty, the interval is 5s, or the timeout when that is shorter.
    const pollIntervalMs = source.get('poll-interval').trim()
        ? duration(...read('poll-interval'), '5s')
        : Math.min(DEFAULT_POLL_INTERVAL_MS, timeoutMs);
    if (pollIntervalMs > timeoutMs) {
        throw new InputError(`${words.subject('poll-interval')} (${duration_formatDuration(pollIntervalMs)}) must not be longer than ${words.name('timeout')} (${duration_formatDuration(timeoutMs)}): the job would never be read twice.`);
    }
    const dryRun = fields_boolean(source.get('dry-run'), inputSubject('dry-run'), false);
    if (dryRun && mode !== 'sync') {
        throw new InputError(`${inputSubject('dry-run')} is true, but mode is ${mode}: dry-run prints the prompt mode sync would send, and other modes send the prompt input as it is. Remove dry-run, or set mode: sync.`);
    }
    if (docsToken && mode !== 'sync') {
        throw new InputError(`${inputSubject('docs-token')} is set, but mode is ${mode}: only mode sync follows a docs pull request. Remove docs-token, or set mode: sync.`);
    }
    const requestTimeoutMs = duration(...read('request-timeout'), '30s');
    // These runs send under the pull request's send lock, held at most 4 minutes: the request
    // must end within it with time to write down what was sent.
    if ((mode === 'sync' || fromComment) && requestTimeoutMs >= MAX_LOCKED_REQUEST_TIMEOUT_MS) {
        throw new InputError(`${words.subject('request-timeout')} is ${duration_formatDuration(requestTimeoutMs)}, but ${mode === 'sync' ? 'mode sync' : 'a /agent comment run'} sends under the pull request's send lock, which a run holds at most 4 minutes: a request must be able to end within it. Use less than ${duration_formatDuration(MAX_LOCKED_REQUEST_TIMEOUT_MS)} (the default is 30s).`);
    }
    return Object.freeze({
        apiKey,
        projectId,
        mode,
        jobId,
        prompt,
        wait: fields_boolean(...read('wait'), true),
        timeoutMs,
        pollIntervalMs,
        requestTimeoutMs,
        failOnJobFailure: fields_boolean(source.get('fail-on-job-failure'), inputSubject('fail-on-job-failure'), true),
        baseUrl: baseUrl(...read('base-url')),
        comments: commentSettings(source),
        sync: Object.freeze({
            drafts: fields_boolean(source.get('sync-drafts'), inputSubject('sync-drafts'), false),
            exclude: fields_list(source, 'sync-exclude'),
            prefer: fields_list(source, 'sync-prefer'),
            dryRun,
            skipLabel: source.get('sync-skip-label').trim() || 'no-docs',
            paths: fields_list(source, 'sync-paths'),
            checkRunName: source.get('check-run-name').trim() || 'Docs',
            checkRunFailOnJobFailure: fields_boolean(source.get('check-run-fail-on-job-failure'), inputSubject('check-run-fail-on-job-failure'), false),
            docs: docsToken ? docsSettings(source, docsToken) : undefined
        })
    });
}
function docsSettings(source, token) {
    const mergedLabel = source.get('docs-merged-label').trim();
    const flag = (name, fallback) => fields_boolean(source.get(name), inputSubject(name), fallback);
    return Object.freeze({
        token,
        reviewRequest: flag('docs-review-request', false),
        mergedLabel: mergedLabel.toLowerCase() === 'false' ? '' : mergedLabel || 'code-merged',
        readyOnMerge: flag('docs-ready-on-merge', true),
        closeWithCode: flag('docs-close-with-code', true)
    });
}
/** Comments are checked against the same limit as the input. */
function checkPromptLength(prompt, what) {
    if (prompt.length > MAX_PROMPT_LENGTH) {
        throw new InputError(`${what} is ${prompt.length} characters long; the limit is ${MAX_PROMPT_LENGTH}: shorten it.`);
    }
}

;// CONCATENATED MODULE: ./src/prompt/globs.ts
/** Shell-style globs (`sync-exclude`, `sync-prefer`, `.gitattributes`) as tests on paths. */
/** Each glob's test, made once: a prompt asks of every file whether each glob names it. */
const matchers = new Map();
/** A shell-style glob as a test on a path: `*` within a name, `**` across folders. */
function globMatcher(glob) {
    let matcher = matchers.get(glob);
    if (!matcher)
        matchers.set(glob, (matcher = compile(glob)));
    return matcher;
}
function compile(glob) {
    const source = glob
        .trim()
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .split('**/')
        .map((part) => part
        .replace(/\*\*$/, '\u0001')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        .replace('\u0001', '.*'))
        .join('(?:.*/)?');
    const pattern = new RegExp(`^${source}$`);
    // A pattern without a slash names files by name wherever they are, as .gitignore does.
    return glob.includes('/')
        ? (path) => pattern.test(path)
        : (path) => pattern.test(path.slice(path.lastIndexOf('/') + 1));
}
/**
 * Which paths a `.gitattributes` file marks `linguist-generated` (GitHub then folds their diffs);
 * a later line overrides an earlier one, and `-linguist-generated` or `=false` unmarks.
 */
function generatedByAttributes(text) {
    const settings = text.split(/\r?\n/).flatMap((line) => {
        const [pattern, ...attributes] = line.trim().split(/\s+/);
        if (!pattern || pattern.startsWith('#'))
            return [];
        const setting = attributes
            .map((attribute) => /^([-!])?linguist-generated(?:=(\w+))?$/.exec(attribute))
            .find(Boolean);
        if (!setting)
            return [];
        return [
            {
                matches: globMatcher(pattern.replace(/^\//, '')),
                generated: !setting[1] && setting[2] !== 'false'
            }
        ];
    });
    return (path) => settings.reduce((generated, setting) => (setting.matches(path) ? setting.generated : generated), false);
}

;// CONCATENATED MODULE: ./src/prompt/words.ts
/** Counted nouns, as every part of a prompt writes them. */
const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

;// CONCATENATED MODULE: ./src/prompt/commits.ts

/** Text the action did not write, with its line ends made plain (`\r\n` and lone `\r`). */
const plainLines = (text) => text.replace(/\r\n?/g, '\n');
/** A title on one line, whatever line breaks it came with. */
const oneLine = (text) => text.replace(/[\r\n]+/g, ' ');
const commits_short = (sha) => sha.slice(0, 7);
/** A line that credits someone (`Co-authored-by:`, `Reviewed-by:` …), wherever it stands. */
const CREDIT = /^[A-Za-z]+(?:-[A-Za-z]+)*-by:\s/i;
/** A git trailer: `Token: value`, the token one word or hyphenated words. */
const TRAILER = /^([A-Za-z]+(?:-[A-Za-z]+)+|Cc|Link|Bug|Fixes|Closes|Resolves|Refs):\s+\S/;
/** The message without credits, and without the trailers of its last paragraph. */
function withoutTrailers(message) {
    const lines = plainLines(message)
        .split('\n')
        .filter((line) => !CREDIT.test(line.trim()));
    const at = (index) => lines[index]?.trim() ?? '';
    let end = lines.length;
    for (;;) {
        while (end > 0 && /^(-{3,})?$/.test(at(end - 1)))
            end--;
        let start = end;
        while (start > 1 && TRAILER.test(at(start - 1)))
            start--;
        // Trailers are a paragraph of their own, after the subject.
        if (start === end || at(start - 1) !== '')
            break;
        end = start;
    }
    return lines.slice(0, end).join('\n').trim();
}
/**
 * The commits, a line each with its subject, and then their whole bodies in order within `room`
 * characters; subjects and bodies that do not fit are left out, and the list says how many.
 */
function commitList(commits, total, room) {
    const messages = commits.map((c) => {
        const [subject = '', ...rest] = withoutTrailers(c.message).split('\n');
        return { sha: commits_short(c.sha), subject, body: rest.join('\n').trim() };
    });
    const more = total - commits.length;
    const subjects = [
        ...(more > 0 ? [`- … ${plural(more, 'earlier commit')} GitHub does not list`] : []),
        ...messages.map((m) => `- ${m.sha} ${m.subject}`)
    ];
    let left = room;
    let listed = 0;
    const allFit = subjects.join('\n').length + 1 <= room;
    for (const subject of subjects) {
        if (!allFit && subject.length + 1 > left - 80)
            break;
        left -= subject.length + 1;
        listed++;
    }
    const unlisted = subjects.length - listed;
    const bodies = [];
    let cut = 0;
    for (const m of messages.filter((m) => m.body)) {
        const block = `${m.sha} ${m.subject}\n${m.body.replace(/^/gm, '  ')}`;
        if (block.length + 1 <= left) {
            bodies.push(block);
            left -= block.length + 1;
        }
        else
            cut++;
    }
    return [
        ...subjects.slice(0, listed),
        ...(unlisted ? [`- … ${plural(unlisted, 'later commit')} left out for want of room`] : []),
        ...(bodies.length ? ['', 'Their messages:', ...bodies] : []),
        ...(cut ? [`(${plural(cut, 'more commit message')} left out for want of room.)`] : [])
    ];
}

;// CONCATENATED MODULE: ./src/prompt/diff-lines.ts
/**
 * A file's patch as hunks of numbered lines, and which of its changed lines are noise to a docs
 * writer: imports, comments, and changes of whitespace alone (a formatter's realignment).
 */

const HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@ ?(.*)$/;
const HASH_COMMENTS = /\.(py|pyi|rb|sh|bash|zsh|ya?ml|toml|r|pl|ex|exs|tf|hcl|cfg|conf|ini|properties)$|(^|\/)(Dockerfile[^/]*|Makefile|\.env[^/]*|\.gitignore|\.gitattributes|Gemfile|Procfile)$/i;
const SLASH_COMMENTS = /\.([cm]?[jt]sx?|go|rs|java|kt|kts|scala|swift|c|cc|cpp|h|hpp|cs|php|proto|dart|css|scss|less|jsonc|groovy|gradle|zig|vue|svelte|astro)$/i;
function commentStyle(path) {
    if (SLASH_COMMENTS.test(path))
        return 'slash';
    if (HASH_COMMENTS.test(path))
        return 'hash';
    return 'none';
}
/** A line that only brings in names, or states the file's package or mode. */
const IMPORT_LINE = /^(import\b|from\s+[\w.]+\s+import\b|(const|let|var)\s+[\w{}\s,:]+=\s*require\(|require(_relative)?[\s(]|use\s+[\w:{}, *]+;|using\s+[\w.]+;|#include\b|package\s+[\w.]+;?$|extern\s+crate\b|(pub\s+)?mod\s+\w+;|['"]use (client|server|strict)['"];?$|#!)/;
/** The start of a statement that imports over several lines, and the line that ends it. */
const IMPORT_OPENS = /^(import\s*(type\s*)?\{[^}]*$|import\s*\($|from\s+[\w.]+\s+import\s*\($)/;
const IMPORT_CLOSES = /^(\}\s*from\s*['"].*|\)\s*;?)$/;
/** Whether a line is noise by itself: blank, part of an import, or a comment. */
function noiseLine(text, style, state) {
    const line = text.trim();
    if (state.inImport) {
        if (IMPORT_CLOSES.test(line))
            state.inImport = false;
        return true;
    }
    if (state.inComment) {
        if (line.includes('*/'))
            state.inComment = false;
        return true;
    }
    if (!line)
        return true;
    if (IMPORT_OPENS.test(line)) {
        state.inImport = true;
        return true;
    }
    if (IMPORT_LINE.test(line))
        return true;
    if (style === 'hash')
        return line.startsWith('#');
    if (style === 'slash') {
        if (line.startsWith('/*')) {
            state.inComment = !line.includes('*/');
            return true;
        }
        return line.startsWith('//');
    }
    return false;
}
function realign(line) {
    line.realigned = true;
    line.noise = true;
}
const squeeze = (lines) => lines
    .map((line) => line.text)
    .join('')
    .replace(/\s+/g, '');
/** A line but for its spacing and a trailing comma (the one an item appended after it needs). */
const twinKey = (line) => squeeze([line]).replace(/,$/, '');
/**
 * Marks what changed only in whitespace: a run of removed and added lines whose text is the same
 * but for spaces and line breaks (a formatter's reflow), or else, within a run, each removed line
 * that an added one repeats but for its spaces or a trailing comma (a realignment, an item
 * appended after it), and blank lines.
 */
function markRealigned(lines) {
    const changed = (index) => (lines[index]?.sign ?? ' ') !== ' ';
    let start = 0;
    while (start < lines.length) {
        if (!changed(start)) {
            start++;
            continue;
        }
        let end = start;
        while (end < lines.length && changed(end))
            end++;
        const run = lines.slice(start, end);
        const removed = run.filter((line) => line.sign === '-');
        const added = run.filter((line) => line.sign === '+');
        if (squeeze(removed) === squeeze(added))
            for (const line of run)
                realign(line);
        else {
            const unmatched = new Map();
            for (const line of removed) {
                const key = twinKey(line);
                const twins = unmatched.get(key);
                if (twins)
                    twins.push(line);
                else
                    unmatched.set(key, [line]);
            }
            for (const line of added) {
                const key = twinKey(line);
                const twin = unmatched.get(key)?.shift();
                if (twin || !key)
                    realign(line);
                if (twin)
                    realign(twin);
            }
            for (const line of unmatched.get('') ?? [])
                realign(line);
        }
        start = end;
    }
}
/** The hunks of a patch as GitHub's files list and `git diff` give it. */
function hunksOf(path, patch) {
    const style = commentStyle(path);
    const hunks = [];
    let hunk;
    let old = 0;
    let now = 0;
    const state = { inImport: false, inComment: false };
    // A file with CRLF line ends gives its lines with a \r: it is no part of their text.
    for (const text of plainLines(patch).split('\n')) {
        if (text.startsWith('@@')) {
            const header = HEADER.exec(text);
            if (!header)
                continue;
            old = Number(header[1]);
            now = Number(header[2]);
            hunk = { section: header[3]?.trim() ?? '', lines: [] };
            hunks.push(hunk);
            state.inImport = false;
            state.inComment = false;
            continue;
        }
        if (!hunk || text.startsWith('\\'))
            continue;
        const sign = text[0] === '+' || text[0] === '-' ? text[0] : ' ';
        const body = text.slice(1);
        const noise = noiseLine(body, style, state);
        hunk.lines.push({ sign, text: body, old, now, noise, realigned: false });
        if (sign !== '+')
            old++;
        if (sign !== '-')
            now++;
    }
    for (const each of hunks)
        markRealigned(each.lines);
    return hunks;
}
/** Added and removed lines, leaving out those of whitespace-only changes, which it counts. */
function realChanges(hunks) {
    const counts = { added: 0, removed: 0, realigned: 0 };
    for (const hunk of hunks)
        for (const line of hunk.lines) {
            if (line.realigned)
                counts.realigned++;
            else if (line.sign === '+')
                counts.added++;
            else if (line.sign === '-')
                counts.removed++;
        }
    return counts;
}
const indentOf = (text) => text.length - text.trimStart().length;

;// CONCATENATED MODULE: ./src/prompt/surface-rules.ts
/**
 * The rules by which a changed line is read as part of the surface a docs writer documents, by
 * the shape of the line in the languages teams write most: no parser, one pattern per way of
 * declaring a thing. A rule names the thing; the statement it starts (up to its closing bracket)
 * is its detail: types, defaults, rules. The rules themselves are in surface-interface.ts (what
 * users set or call) and surface-declarations.ts (what code declares).
 */
const JS = /\.([cm]?[jt]sx?|vue|svelte|astro)$/;
const PY = /\.pyi?$/;
const GO = /\.go$/;
const RUST = /\.rs$/;
const RUBY = /\.rb$/;
const JVM = /\.(java|kt|kts|scala)$/;
const PROTO = /\.proto$/;
const ANY = /./;
/** A group of a match, empty when it did not take part. */
const group = (match, index) => match[index] ?? '';
/** The first group that matched. */
const named = (match) => match.slice(1).find((each) => each !== undefined);
/** The owner's keyword and name: `class Config(BaseModel):` gives `class`, `Config`. */
function ownerOf(line) {
    const declared = /\b(class|interface|struct|message|enum|service|trait|impl|object)\s+([A-Za-z_$][\w$]*)/.exec(line);
    if (declared)
        return { keyword: group(declared, 1), name: group(declared, 2) };
    const typed = /\btype\s+([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*(=\s*\{|struct|interface)/.exec(line);
    if (!typed)
        return undefined;
    return {
        keyword: group(typed, 2).includes('struct') ? 'struct' : 'interface',
        name: group(typed, 1)
    };
}
/** The line stands in a declaration of one of these kinds (a class, a struct …). */
const insideOf = (...keywords) => (at) => {
    if (at.indent === 0)
        return false;
    const owner = ownerOf(at.enclosing());
    return owner !== undefined && keywords.includes(owner.keyword);
};

;// CONCATENATED MODULE: ./src/prompt/surface-declarations.ts
/**
 * What code declares, as diffs show it: exported functions, classes, methods and types with
 * their parameters, the fields of classes, interfaces, structs and messages, named constants.
 */

/** A UI component: a capitalised function of a JSX, Vue or Svelte file. */
const isComponent = (name, path) => /^[A-Z]/.test(name) && /\.(jsx|tsx|vue|svelte)$/.test(path);
const KEYWORDS = /^(if|for|while|switch|catch|return|function|super|await|new|typeof)$/;
const JAVASCRIPT = [
    {
        files: JS,
        pattern: /^export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/,
        kind: (match, at) => (isComponent(group(match, 1), at.path) ? 'component' : 'function')
    },
    {
        files: JS,
        pattern: /^export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/,
        kind: 'class'
    },
    {
        files: JS,
        pattern: /^export\s+(?:declare\s+)?(?:const\s+)?(?:interface|type|enum)\s+([A-Za-z_$][\w$]*)/,
        kind: 'type',
        single: true
    },
    {
        files: JS,
        pattern: /^export\s+(?:declare\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)(.*)/,
        kind: (match, at) => isComponent(group(match, 1), at.path)
            ? 'component'
            : /=>|\bfunction\b/.test(group(match, 2))
                ? 'function'
                : 'constant'
    },
    // A module's named setting: a top-level upper-case constant, exported or not.
    {
        files: JS,
        pattern: /^const\s+([A-Z][A-Z0-9_]{2,})\s*(?::[^=]+)?=/,
        kind: 'constant',
        braces: true,
        when: (at) => at.indent === 0
    },
    {
        files: JS,
        pattern: /^(?:readonly\s+)?['"]?([A-Za-z_$][\w$-]*)['"]?\??\s*:\s*[^=]+?[;,]?$/,
        // A type's property: an option of a library, or a shape an app passes around.
        kind: 'property',
        single: true,
        // The props of a UI component are no setting of the product, nor is a module's own type.
        when: (at) => insideOf('interface', 'class')(at) &&
            !/Props\b/.test(at.enclosing()) &&
            !/^(type|interface|class)\s/.test(at.enclosing())
    },
    {
        files: JS,
        pattern: /^(?:(?:public|static|async|readonly|abstract|override|get|set)\s+)*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(/,
        kind: 'method',
        name: (match) => (KEYWORDS.test(group(match, 1)) ? undefined : group(match, 1)),
        // A declaration, not a call: its body opens, or its return type follows, or its parameters run on.
        when: (at) => insideOf('interface', 'class')(at) &&
            /\)\s*(?::\s*[^{;=]+)?\s*\{\s*$|\)\s*:\s*[^{;=]+;?\s*$|\(\s*$/.test(at.text)
    }
];
const PYTHON = [
    {
        files: PY,
        pattern: /^(?:async\s+)?def\s+([A-Za-z]\w*|__init__|__call__)\s*\(/,
        kind: (_, at) => (at.indent ? 'method' : 'function')
    },
    { files: PY, pattern: /^class\s+([A-Za-z]\w*)/, kind: 'class' },
    {
        files: PY,
        pattern: /^([A-Za-z]\w*)\s*:\s*[^=]+(?:=\s*.+)?$/,
        kind: 'field',
        when: insideOf('class')
    },
    {
        files: PY,
        pattern: /^([A-Z][A-Z0-9_]{2,})\s*(?::\s*[^=]+)?=\s*.+$/,
        kind: 'constant',
        when: (at) => at.indent === 0
    }
];
const GOLANG = [
    // A method is public only when its receiver's type is exported too.
    {
        files: GO,
        pattern: /^func\s+(?:\(\s*\w*\s*\*?\s*([A-Za-z_]\w*)[^)]*\)\s*)?([A-Z]\w*)\s*(?:\[[^\]]*\])?\(/,
        kind: (match) => (match[1] ? 'method' : 'function'),
        name: (match) => (/^[a-z_]/.test(group(match, 1)) ? undefined : group(match, 2))
    },
    { files: GO, pattern: /^type\s+([A-Z]\w*)\b/, kind: 'type', single: true },
    // A field with a struct tag is read or written outside (JSON, TOML, env); one without is wiring.
    {
        files: GO,
        pattern: /^([A-Z]\w*)\s+[\w.*[\]{}]+.*$/,
        kind: (_, at) => (/`[^`]*:"/.test(at.text) ? 'field' : 'member'),
        single: true,
        when: insideOf('struct', 'interface')
    },
    { files: GO, pattern: /^const\s+([A-Z]\w*)\b.*=/, kind: 'constant', single: true },
    {
        files: GO,
        pattern: /^([A-Z]\w*)\s*(?:[\w.]+\s*)?=\s*.+$/,
        kind: 'constant',
        single: true,
        when: (at) => /^const\s*\($/.test(at.enclosing())
    }
];
const OTHERS = [
    {
        files: RUST,
        pattern: /^pub\s+(?:async\s+)?(?:const\s+)?(?:unsafe\s+)?fn\s+(\w+)/,
        kind: 'function'
    },
    { files: RUST, pattern: /^pub\s+(?:struct|enum|trait|type)\s+(\w+)/, kind: 'type', single: true },
    { files: RUST, pattern: /^pub\s+(\w+)\s*:\s*.+$/, kind: 'field', single: true },
    { files: RUBY, pattern: /^def\s+((?:self\.)?\w+[?!]?)/, kind: 'method', single: true },
    {
        files: JVM,
        pattern: /^public\s+(?:static\s+)?(?:final\s+)?(?:[\w<>[\], ?]+\s+)?(\w+)\s*\(/,
        kind: 'method'
    },
    // A named SQL query (sqlc, yesql, HugSQL): the query with its conditions.
    {
        files: /\.sql$/,
        pattern: /^--\s*:?name:?\s+([\w-]+)/,
        kind: 'query',
        until: /;\s*(--.*)?$/
    },
    { files: PROTO, pattern: /^(?:message|enum|service)\s+(\w+)/, kind: 'type', single: true },
    { files: PROTO, pattern: /^rpc\s+(\w+)\s*\(/, kind: 'rpc' },
    {
        files: PROTO,
        pattern: /^(?:optional\s+|repeated\s+|required\s+)?(?:map<[^>]+>|[\w.]+)\s+(\w+)\s*=\s*\d+|^([A-Z][A-Z0-9_]*)\s*=\s*\d+/,
        kind: 'field'
    }
];
const DECLARATION_RULES = [...JAVASCRIPT, ...PYTHON, ...GOLANG, ...OTHERS];

;// CONCATENATED MODULE: ./src/prompt/surface-interface.ts
/**
 * What users set or call, as diffs show it: environment variables, schema fields, HTTP routes,
 * commands and flags, configuration keys.
 */

const YAML = /\.ya?ml$/;
const ENV_FILE = /(^|\/)\.env(\.[\w-]+)?$|\.env$|(^|\/)env\.(example|sample|template)$/;
const CONFIG_NAME = /(^|\/)[^/]*(config|settings|values|defaults|options|application|\.example|\.sample)[^/]*\.(ya?ml|toml|json|ini|properties)$|(^|\/)config\/[^/]+\.(ya?ml|toml|json|ini)$/i;
const SCHEMA_JSON = /schema[^/]*\.json$/i;
const OPENAPI = /(openapi|swagger)[^/]*\.(ya?ml|json)$/i;
const HTTP_METHODS = 'get|post|put|patch|delete|head|options|all';
/** Receivers whose `.get("/x")` calls a route or reads a value rather than serving a route. */
const CLIENTS = new Set('axios http https client fetch ky got request superagent api res req map params searchParams headers cache store cookies'.split(' '));
/** `app.post("/keys", …)` as `POST /keys`, for servers, not for clients that call a route. */
function routeName(match) {
    if (CLIENTS.has(group(match, 1)))
        return undefined;
    return `${group(match, 2).toUpperCase().replace('ROUTE', 'ANY')} ${group(match, 3)}`;
}
/** A Next.js route file's URL: `app/api/keys/[id]/route.ts` serves `/api/keys/[id]`. */
function appRoute(path) {
    const match = /(?:^|\/)app\/(.*?)\/?route\.[cm]?[jt]sx?$/.exec(path);
    return `/${(match?.[1] ?? '').replace(/\([^/)]*\)\//g, '').replace(/\/$/, '')}`;
}
const upper = (method, path) => `${method.toUpperCase()} ${path}`;
const ENVIRONMENT = [
    {
        files: ANY,
        global: true,
        single: true,
        pattern: /process\.env\.([A-Z_][A-Z0-9_]*)|process\.env\[\s*['"`]([^'"`]+)['"`]\s*\]|import\.meta\.env\.([A-Z_][A-Z0-9_]*)|(?:Deno\.env\.get|os\.getenv|os\.environ\.get|environ\.get|os\.Getenv|os\.LookupEnv|System\.getenv|env::var(?:_os)?|getenv)\(\s*['"`]([^'"`]+)['"`]|os\.environ\[\s*['"]([^'"]+)['"]\s*\]|\bENV(?:\.fetch\(\s*|\[\s*)['"]([^'"]+)['"]|\b(?:env|envconfig|envDefault):"([A-Z_][A-Z0-9_]*)|(?<![.\w])env\.([A-Z][A-Z0-9_]{2,})\b/g,
        kind: 'env',
        name: named
    },
    { files: ENV_FILE, pattern: /^(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=/, kind: 'env', single: true },
    { files: YAML, pattern: /^-?\s*([A-Z][A-Z0-9_]{2,})\s*[:=]/, kind: 'env', single: true },
    // Schema fields (zod, valibot, yup, joi, superstruct …); upper-case ones are environment variables.
    {
        files: JS,
        pattern: /^['"]?([\w$-]+)['"]?\??\s*:\s*(?:z|zod|v|yup|Joi|joi|t|s|S|Type)(?:(?:\.[a-zA-Z]+)+\(|$)/,
        kind: (match) => (/^[A-Z][A-Z0-9_]+$/.test(group(match, 1)) ? 'env' : 'field'),
        chain: true
    }
];
const surface_interface_ROUTES = [
    {
        files: ANY,
        pattern: new RegExp(`\\b([A-Za-z_$][\\w$]*)\\.(${HTTP_METHODS}|route)\\(\\s*['"\`](\\/[^'"\`]*)['"\`]`, 'i'),
        kind: 'route',
        name: routeName
    },
    {
        files: /(^|\/)app\/(.+\/)?route\.[cm]?[jt]sx?$/,
        pattern: /^export\s+(?:async\s+function|const|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/,
        kind: 'route',
        name: (match, at) => `${group(match, 1)} ${appRoute(at.path)}`
    },
    {
        files: PY,
        pattern: /^@(\w+)\.(get|post|put|patch|delete|head|options|route|api_route|websocket)\(\s*['"]([^'"]*)['"]/,
        kind: 'route',
        name: (match) => upper(group(match, 2).replace(/^(route|api_route)$/, 'any'), group(match, 3))
    },
    {
        files: /\.(go|[cm]?[jt]s)$/,
        pattern: /\.(HandleFunc|Handle|GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete|Any|Group|Route)\(\s*"((?:[A-Z]+ )?\/[^"]*)"/,
        kind: 'route',
        name: (match) => /^(Handle|HandleFunc|Group|Route|Any)$/.test(group(match, 1))
            ? group(match, 2)
            : upper(group(match, 1), group(match, 2))
    },
    {
        files: JVM,
        pattern: /@(Get|Post|Put|Patch|Delete|Request)Mapping\(\s*(?:(?:value|path)\s*=\s*)?"([^"]*)"/,
        kind: 'route',
        name: (match) => upper(group(match, 1).replace('Request', 'any'), group(match, 2))
    },
    {
        files: RUBY,
        pattern: /^(get|post|put|patch|delete)\s+['"]([^'"]+)['"]/,
        kind: 'route',
        name: (match) => upper(group(match, 1), group(match, 2))
    },
    {
        files: PROTO,
        pattern: /\b(get|post|put|patch|delete)\s*:\s*"([^"]+)"/,
        kind: 'route',
        name: (match) => upper(group(match, 1), group(match, 2)),
        single: true
    },
    { files: OPENAPI, pattern: /^['"]?(\/[\w/{}.:-]*)['"]?\s*:\s*\{?$/, kind: 'route', single: true },
    // Object-style route definitions (`createRoute({ method: "post", path: "/v1/keys" })`).
    { files: JS, pattern: /^path\s*:\s*['"`](\/[^'"`]*)['"`]/, kind: 'route', single: true }
];
const COMMANDS = [
    {
        files: ANY,
        pattern: /\.(?:option|requiredOption|addOption)\(\s*(?:new Option\(\s*)?['"`](-[^'"`]+)['"`]/,
        kind: 'flag'
    },
    {
        files: ANY,
        pattern: /\.(?:command|addCommand|add_parser|add_command)\(\s*['"`]([\w:.-]+)/,
        kind: 'command'
    },
    {
        files: ANY,
        pattern: /\.(?:add_argument|positional|argument)\(\s*['"`]([\w-]+)['"`]/,
        kind: 'flag'
    },
    { files: JS, pattern: /^(\w+)\s*:\s*Flags\.\w+\(/, kind: 'flag' },
    {
        files: PY,
        pattern: /^@(?:\w+\.)*(?:option|argument)\(\s*['"]([^'"]+)['"]/,
        kind: 'flag'
    },
    {
        files: PY,
        pattern: /^@(?:\w+\.)*command\(\s*(?:['"]([^'"]+)['"]|name\s*=\s*['"]([^'"]+)['"])/,
        kind: 'command',
        name: named
    },
    { files: PY, pattern: /^(\w+)\s*:\s*.*typer\.(?:Option|Argument)\(/, kind: 'flag' },
    {
        files: GO,
        pattern: /\b(?:flag|(?:Persistent)?Flags\(\))\.(?:\w+)\(\s*(?:&[\w.]+\s*,\s*)?"([\w-]+)"/,
        kind: 'flag'
    },
    { files: GO, pattern: /^Use:\s*"([^"]+)"/, kind: 'command', single: true },
    // A CLI's options in a spec (`{ "name": "force", "flags": ["-f", "--force"], "help": … }`).
    {
        files: /\.json$/,
        pattern: /"(?:flags|aliases|option|long)"\s*:\s*\[?\s*"(-[\w-]+)"(?:\s*,\s*"(--[\w-]+)")?/,
        kind: 'flag',
        name: (match) => match[2] ?? match[1],
        single: true
    },
    {
        files: RUST,
        pattern: /^#\[(?:arg|clap|structopt)\((.*)\)\]/,
        kind: 'flag',
        name: (match) => /long\s*=\s*"([^"]+)"/.exec(group(match, 1))?.[1] ?? group(match, 1),
        single: true
    },
    {
        files: /(^|\/)pyproject\.toml$/,
        pattern: /^([\w.-]+)\s*=\s*"[\w.]+:\w+"/,
        kind: 'command',
        single: true
    },
    {
        files: /(^|\/)package\.json$/,
        pattern: /^"([\w@/.-]+)"\s*:\s*"[^"]*\.(c|m)?js"/,
        kind: 'command',
        single: true,
        when: (at) => /"bin"/.test(at.enclosing())
    }
];
const CONFIGURATION = [
    {
        files: SCHEMA_JSON,
        pattern: /^"([\w$.-]+)"\s*:\s*\{/,
        kind: 'field',
        braces: true,
        when: (at) => /"properties"\s*:/.test(at.enclosing())
    },
    {
        files: CONFIG_NAME,
        pattern: /^['"]?([\w.-]+)['"]?\s*[:=]\s*(?!\{\s*$|\[\s*$)\S/,
        kind: 'config',
        single: true
    }
];
const INTERFACE_RULES = [
    ...ENVIRONMENT,
    ...surface_interface_ROUTES,
    ...COMMANDS,
    ...CONFIGURATION
];

;// CONCATENATED MODULE: ./src/prompt/surface-outcomes.ts
/**
 * What users get back, as diffs show it: the HTTP statuses code sets or returns, the messages it
 * shows them (errors, problems, reasons), and the objects its handlers answer with, each with the
 * function it stands in.
 */


/** Source code, where a status or a message is something the code does. */
const CODE = /\.([cm]?[jt]sx?|py|go|rs|rb|java|kt|kts|scala|php|cs|ex|exs)$/;
/**
 * An HTTP status set or returned: `status(422)`, `statusCode: 422`, `status_code=404`,
 * `HTTPException(404, …)`, `http.StatusForbidden`, `HTTPStatus.CONFLICT`. 200 is no news.
 */
const STATUS = /\b(?:status|statusCode|status_code|StatusCode|httpStatus|http_status)["']?\s*[:=]\s*([2-5]\d\d)\b|\.(?:status|sendStatus|WriteHeader|code)\(\s*([2-5]\d\d)\b|\b(?:HTTPException|HttpException|HTTPError|abort)\(\s*(?:status_code\s*=\s*)?([2-5]\d\d)\b|\bhttp\.Status([A-Z]\w+)|\b(?:HTTPStatus|HttpStatus|StatusCodes)\.([A-Z][A-Z_]+)|\bstatus\.HTTP_([2-5]\d\d)/;
/** Where a message is shown to users rather than logged: an error, a problem, a reason. */
const SHOWN = /\b(?:throw|raise|panic|abort|reject)\b|\w*(?:Error|Exception|Fault|Problem|Failure)\s*\(|\b(?:errors\.New|fmt\.Errorf|Public|UserFacing\w*|problem\w*|fail\w*|deny|forbidden|unauthori[sz]ed|badRequest|notFound|conflict|print_error|error_response)\s*\(|["']?\b(?:message|msg|error|detail|details|reason|hint)["']?\s*[:=]/i;
/** A logging call: what it writes goes to operators, not users. */
const LOGGED = /\b(?:log|logger|logging|console|slog|zap|klog|structlog|warnings)\.\w+\(|\bprint(?:ln|f)?\(/;
const LITERALS = /(["'`])((?:\\.|(?!\1)[^\\])*)\1/g;
/** A literal that reads as a sentence: three words or more, capitalised or ending in a stop. */
function isSentence(text) {
    const words = text.trim().split(/\s+/);
    return (words.length >= 3 &&
        /[a-z]/.test(text) &&
        (/^[A-Z]/.test(text.trim()) || /[.!?]$/.test(text.trim())) &&
        !/^[\w@.-]*\/[\w./-]*$/.test(text));
}
/** The first sentence among a line's string literals. */
function sentenceOf(text) {
    for (const match of text.matchAll(LITERALS))
        if (isSentence(group(match, 2)))
            return match[2];
    return undefined;
}
const OK = /^(200|500|OK|InternalServerError|INTERNAL_SERVER_ERROR)$/;
/** A call that answers a request with what it is given: `res.json(`, `successResponse(`. */
const ANSWER_CALL = String.raw `(?:[\w$]+(?:\([^()]*\))?\.)*(?:json|send|jsonify|JSONResponse|JSON|respond\w*|\w*Response)`;
/** An object literal given straight to the call that answers, perhaps after a status. */
const ANSWERED = new RegExp(String.raw `^(?:return\s+)?(?:await\s+)?(${ANSWER_CALL})\(\s*(?:(?:\d{3}|http\.\w+|[A-Z]\w*(?:\.\w+)*)\s*,\s*)?&?(?:[\w.]+)?\{`);
/** An object literal held in a variable: `const ack = {`, `resp := &Response{`, `body = {`. */
const HELD = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*\{\s*$|^([a-z_]\w*)\s*:?=\s*&?(?:[\w.]+)?\{\s*$/;
/** An answer that is an error's: a 4xx or 5xx status, by number or by name, or an `error` key. */
const ERROR_ANSWER = /\b[45]\d\d\b|Status\w*(?:Error|Bad\w*|Unauthorized|Forbidden|NotFound|Conflict|Unprocessable\w*|TooMany\w*|Required|Unavailable|Timeout)\b|\berror\b/i;
/** How many lines on the call that answers with a held object may come. */
const ANSWER_REACH = 40;
/** The held object's variable is what the call that answers is given, a few lines on. */
function answeredWith(at) {
    const name = HELD.exec(at.text)
        ?.slice(1)
        .find((each) => each !== undefined);
    if (!name)
        return false;
    const call = new RegExp(String.raw `\b${ANSWER_CALL}\((?:[^()]*,\s*)?${name.replace(/\$/g, '\\$')}(?![\w$])`);
    return call.test(at.following(ANSWER_REACH));
}
const OUTCOME_RULES = [
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
            const status = match.slice(1).find((each) => each !== undefined);
            return status && !OK.test(status) ? status : undefined;
        }
    },
    {
        files: CODE,
        pattern: /["'`]/,
        kind: 'message',
        single: true,
        inFunction: true,
        name: (_, at) => SHOWN.test(at.text) && !LOGGED.test(at.text) ? sentenceOf(at.text) : undefined
    }
];
/** A line that starts a function or method, in the languages of the rules: its name. */
const FUNCTION_HEAD = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)|^(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|\(|[A-Za-z_$][\w$]*\s*=>)|^(?:async\s+)?def\s+((?:self\.)?\w+[?!]?)|^func\s+(?:\([^)]*\)\s*)?(\w+)|^(?:pub(?:\([\w:]+\))?\s+)?(?:async\s+)?fn\s+(\w+)|^(?:(?:public|private|protected|static|async|override|final)\s+)+(?:[\w<>[\],?]+\s+)?(\w+)\s*\(/;
const functionName = (text) => {
    const match = FUNCTION_HEAD.exec(text.trim());
    return match?.slice(1).find((each) => each !== undefined);
};
/**
 * The function the line at `view[at]` stands in: the nearest line above with less indentation
 * that starts one, or, past the hunk's top, git's hunk header when it names one. A line at the
 * top level that starts none ends the search.
 */
function functionAt(view, at, section) {
    let indent = indentOf(view[at]?.text ?? '');
    for (let i = at - 1; i >= 0 && indent > 0; i--) {
        const text = view[i]?.text ?? '';
        // A signature's closing line (`): Response {`) stands below the name it closes.
        if (!text.trim() || indentOf(text) >= indent || /^[)\]}]/.test(text.trim()))
            continue;
        indent = indentOf(text);
        const name = functionName(text);
        if (name)
            return name;
        if (indent === 0)
            return undefined;
    }
    return indent > 0 ? functionName(section) : undefined;
}

;// CONCATENATED MODULE: ./src/prompt/surface.ts
/**
 * What a file's diff adds, changes, renames or removes of the surface a docs writer documents,
 * read line by line from both sides of each hunk by the rules of surface-rules.ts.
 */





/** The longest statement given: enough for a signature with its defaults. */
const surface_MAX_TEXT = 240;
/** Lines longer than this are data, not declarations. */
const MAX_LINE = 400;
const MAX_STATEMENT_LINES = 15;
const STRINGS = /(["'`])(?:\\.|(?!\1)[^\\])*\1/g;
/** How many brackets a line opens, less those it closes, strings left out. */
function balance(text, braces) {
    let depth = 0;
    for (const char of text.replace(STRINGS, '')) {
        if (char === '(' || char === '[' || (braces && char === '{'))
            depth++;
        else if (char === ')' || char === ']' || (braces && char === '}'))
            depth--;
    }
    return depth;
}
/**
 * The statement that starts at `view[at]`, up to the bracket that closes it, and with `chain`
 * through the calls chained on the lines after (`z\n  .string()\n  .url()`).
 */
function statement(view, at, rule) {
    const parts = [];
    let depth = 0;
    for (const { text } of view.slice(at, at + MAX_STATEMENT_LINES)) {
        const ended = rule.until ? rule.until.test(parts.at(-1) ?? '') : depth <= 0;
        if (parts.length && ended && !(rule.chain && text.trim().startsWith('.')))
            break;
        parts.push(text);
        depth += balance(text, rule.braces ?? false);
    }
    return joined(parts);
}
/**
 * A statement's lines on one line, as a formatter would write it short: no space inside the
 * brackets that broke it, no comma left before a closing one. Each line keeps its own spacing.
 */
function joined(lines) {
    let text = '';
    for (const line of lines.map((each) => each.trim()).filter(Boolean)) {
        // A comment on a line of its own inside a statement is no part of it.
        if (text && /^(\/\/|#(?!\[)|\/\*|\*|--\s)/.test(line))
            continue;
        if (!text)
            text = line;
        else if (/^[)\]}]/.test(line))
            text = `${text.replace(/,$/, '')}${line}`;
        else
            text = /[([{]$/.test(text) ? `${text}${line}` : `${text} ${line}`;
    }
    return text;
}
/** A declaration's head without its body: up to the brace that opens the body, or Python's `:`. */
function headOf(text) {
    let depth = 0;
    let seenParameters = false;
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (char === '(' || char === '[') {
            depth++;
            seenParameters = true;
        }
        else if (char === ')' || char === ']')
            depth--;
        else if (char === '{' &&
            depth === 0 &&
            (seenParameters || /\b(class|interface)\b/.test(text.slice(0, i))))
            return text.slice(0, i);
    }
    return text.replace(/:\s*$/, '');
}
function compact(text) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > surface_MAX_TEXT ? `${flat.slice(0, surface_MAX_TEXT - 1)}…` : flat;
}
/** The nearest line above with less indentation, or, past the hunk's top, git's hunk header. */
function enclosing(view, at, section) {
    const indent = indentOf(view[at]?.text ?? '');
    if (indent === 0)
        return '';
    const above = view
        .slice(0, at)
        .findLast(({ text }) => text.trim() !== '' && indentOf(text) < indent);
    return above ? above.text.trim() : section;
}
const RULES = [...INTERFACE_RULES, ...OUTCOME_RULES, ...DECLARATION_RULES];
/** A statement that declares a function or class is given without its body. */
const DECLARES = /^(export\s+)?(default\s+)?(async\s+)?(function|def|func|class|rpc)\b/;
function found(rules, { view, at, line, hunk, section }, path) {
    const text = line.text.trim();
    const context = {
        path,
        text,
        indent: indentOf(line.text),
        enclosing: () => enclosing(view, at, section),
        within: () => functionAt(view, at, section),
        following: (count) => view
            .slice(at + 1, at + 1 + count)
            .map((each) => each.text.trim())
            .join(' ')
    };
    const results = [];
    for (const rule of rules) {
        rule.pattern.lastIndex = 0;
        for (let match = rule.pattern.exec(text); match; match = rule.global ? rule.pattern.exec(text) : null) {
            if (rule.when && !rule.when(context))
                continue;
            const name = (rule.name ?? named)(match, context);
            if (!name || results.some((result) => result.name === name))
                continue;
            const kind = typeof rule.kind === 'function' ? rule.kind(match, context) : rule.kind;
            const whole = rule.single ? text : statement(view, at, rule);
            const owner = rule.inFunction
                ? context.within()
                : context.indent
                    ? ownerOf(context.enclosing())?.name
                    : undefined;
            results.push({
                kind,
                name,
                text: compact(DECLARES.test(text) || kind === 'method' ? headOf(whole) : whole),
                line: line.sign === '-' ? line.old : line.now,
                hunk,
                ...(owner && owner !== name ? { owner } : {})
            });
        }
    }
    return results;
}
/** Everything one side of the diff (`+` the new file, `-` the old) defines on changed lines. */
function side(path, hunks, sign) {
    const rules = RULES.filter((rule) => rule.files.test(path));
    const results = [];
    hunks.forEach(({ lines, section }, hunk) => {
        const view = lines.filter((line) => line.sign === ' ' || line.sign === sign);
        view.forEach((line, at) => {
            if (line.sign !== sign || line.realigned || line.text.length > MAX_LINE || !line.text.trim())
                return;
            results.push(...found(rules, { view, at, line, hunk, section }, path));
        });
    });
    return results;
}
/** What users get back: a status or a message. */
const isOutcome = (found) => found.kind === 'status' || found.kind === 'message';
const literalsOf = (text) => [...text.matchAll(STRINGS)].map((match) => match[0]);
/** A status or message is the same wherever it moves: its key is what users read, not its owner. */
const keyOf = (found) => found.kind === 'env'
    ? `env ${found.name}`
    : isOutcome(found)
        ? `${found.kind} ${found.name} ${literalsOf(found.text).join(' ')}`
        : `${found.kind} ${found.owner ?? ''} ${found.name}`;
/** Every string literal on one side's changed lines. */
function literalsOnSide(hunks, sign) {
    const literals = new Set();
    for (const { lines } of hunks)
        for (const line of lines)
            if (line.sign === sign)
                for (const literal of literalsOf(line.text))
                    literals.add(literal);
    return literals;
}
/**
 * The statuses and messages one side names that the other does not: the other side's lines may
 * say the same on lines broken otherwise, in another function. A status is news unless the other
 * side sets it too, with its message if it has one; a message unless the other side shows it.
 */
function outcomesOnlyIn(one, other, otherLiterals) {
    const statuses = new Set([...other.values()].filter((each) => each.kind === 'status').map((each) => each.name));
    const said = (each) => literalsOf(each.text).every((literal) => otherLiterals.has(literal));
    return [...one.values()].filter((each) => isOutcome(each) &&
        !other.has(keyOf(each)) &&
        !(each.kind === 'status' ? statuses.has(each.name) && said(each) : said(each)));
}
function firstByKey(list) {
    const byKey = new Map();
    for (const each of list)
        if (!byKey.has(keyOf(each)))
            byKey.set(keyOf(each), each);
    return byKey;
}
const entry = (change, found, was) => ({
    change,
    kind: found.kind,
    name: found.name,
    text: found.text,
    line: found.line,
    ...(was === undefined ? {} : { was }),
    ...(found.owner ? { owner: found.owner } : {})
});
/** A statement without its spacing and the punctuation that opens a body or ends it. */
const bare = (text) => text.replace(/\s/g, '').replace(/(=>)?[{:;,]*$/, '');
/**
 * The surface a file's diff changes. What both sides define alike is left out (a line moved or
 * reformatted); what both define differently changed; in a hunk that removes one thing of a kind
 * and adds one other, the thing was renamed.
 */
function surfaceChanges(path, hunks) {
    const added = firstByKey(side(path, hunks, '+'));
    const removed = firstByKey(side(path, hunks, '-'));
    const anyOutcome = (map) => [...map.values()].some(isOutcome);
    const outcomes = [
        ...(anyOutcome(added)
            ? outcomesOnlyIn(added, removed, literalsOnSide(hunks, '-')).map((now) => entry('added', now))
            : []),
        ...(anyOutcome(removed)
            ? outcomesOnlyIn(removed, added, literalsOnSide(hunks, '+')).map((before) => entry('removed', before))
            : [])
    ];
    const changes = [];
    for (const [key, each] of [...added, ...removed]) {
        if (!isOutcome(each))
            continue;
        added.delete(key);
        removed.delete(key);
    }
    for (const [key, now] of added) {
        const before = removed.get(key);
        if (!before)
            continue;
        added.delete(key);
        removed.delete(key);
        if (bare(before.text) !== bare(now.text))
            changes.push(entry('changed', now, before.text));
    }
    // What is left of a kind in a hunk: one thing removed and one added is a rename.
    const byHunk = (map) => {
        const groups = new Map();
        // What a handler answers with in one place is no rename of what it answered with in another.
        for (const each of [...map.values()].filter((found) => found.kind !== 'response')) {
            const key = `${each.hunk} ${each.kind}`;
            const group = groups.get(key);
            if (group)
                group.push(each);
            else
                groups.set(key, [each]);
        }
        return groups;
    };
    const gone = byHunk(removed);
    for (const [key, [now, ...others]] of byHunk(added)) {
        const [before, ...moreGone] = gone.get(key) ?? [];
        if (!now || !before || others.length || moreGone.length)
            continue;
        changes.push(entry('renamed', now, before.text));
        added.delete(keyOf(now));
        removed.delete(keyOf(before));
    }
    changes.push(...[...added.values()].map((now) => entry('added', now)));
    changes.push(...[...removed.values()].map((before) => entry('removed', before)));
    return [...changes, ...outcomes];
}

;// CONCATENATED MODULE: ./src/prompt/analysis.ts
/**
 * A changed file's diff read once per prompt: its hunks and the surface they change. Each
 * prompt reads every file several times (to rank it, share the room, quote it and write the
 * digest), so what is read is kept with the file.
 */


const hunksRead = new WeakMap();
const surfaceRead = new WeakMap();
function hunksOfFile(file) {
    let hunks = hunksRead.get(file);
    if (!hunks) {
        hunks = file.patch ? hunksOf(file.path, file.patch) : [];
        hunksRead.set(file, hunks);
    }
    return hunks;
}
function surfaceOfFile(file) {
    let surface = surfaceRead.get(file);
    if (!surface) {
        surface = surfaceChanges(file.path, hunksOfFile(file));
        surfaceRead.set(file, surface);
    }
    return surface;
}

;// CONCATENATED MODULE: ./src/prompt/parts.ts
/**
 * A file's diff as parts to quote: its hunks, long ones split where declarations start, each
 * ranked by what it changes: what defines the surface, another declaration, a body, or only
 * imports, whitespace and comments.
 */


/** A hunk longer than this is split where its declarations start. */
const LONG_PART = 40;
/** A declaration, or a heading of prose (a new section is what docs add). */
const DECLARATION = /^(#{1,6}\s|export\s|pub(\([\w:]+\))?\s|public\s|protected\s|internal\s|static\s|(async\s+)?def\s|(async\s+)?function\s|class\s|func\s|interface\s|type\s+\w|struct\s|enum\s|trait\s|impl\b|message\s|service\s|rpc\s|module\s|const\s+[A-Z]|@[\w.]+)/;
const startsDeclaration = (line) => !line.noise && DECLARATION.test(line.text.trim());
/** Where a part may start: a declaration, or else a paragraph after a blank line. */
function starts(lines, from, to) {
    const text = (index) => lines[index]?.text ?? '';
    const declarations = [];
    const paragraphs = [];
    lines.slice(from + 1, to).forEach((line, offset) => {
        const i = from + 1 + offset;
        if (!line.text.trim())
            return;
        if (startsDeclaration(line))
            declarations.push(i);
        else if (!text(i - 1).trim())
            paragraphs.push(i);
    });
    const found = declarations.length ? declarations : paragraphs;
    const outermost = found.reduce((least, i) => Math.min(least, indentOf(text(i))), Infinity);
    return found
        .filter((i) => indentOf(text(i)) === outermost)
        .map((i) => {
        // Decorators and comments just above a declaration belong to it.
        let start = i;
        while (start - 1 > from && /^(@|\/\/|#|\/\*|\*)/.test(text(start - 1).trim()))
            start--;
        return start;
    })
        .filter((start, index, all) => start > from && all.indexOf(start) === index);
}
/** A run of at least this many lines of imports and comments atop a hunk is a part of its own. */
const IMPORT_BLOCK = 3;
function split(lines, from, to) {
    let leading = from;
    while (leading < to && lines[leading]?.noise)
        leading++;
    if (from === 0 && leading - from >= IMPORT_BLOCK && leading < to)
        return [[from, leading], ...split(lines, leading, to)];
    if (to - from <= LONG_PART)
        return [[from, to]];
    const cuts = starts(lines, from, to);
    if (!cuts.length)
        return [[from, to]];
    const bounds = [from, ...cuts, to];
    return bounds.slice(1).flatMap((end, i) => {
        const start = bounds[i] ?? from;
        return end - start < to - from ? split(lines, start, end) : [[start, end]];
    });
}
function priorityOf(lines, defines) {
    const changed = lines.filter((line) => line.sign !== ' ');
    if (changed.every((line) => line.noise))
        return 3;
    if (changed.some(defines))
        return 0;
    return changed.some(startsDeclaration) ? 1 : 2;
}
const IN_BODIES = new Set(['status', 'message', 'response']);
const partsRead = new WeakMap();
/** The file's hunks as parts, each with a change of its own; parts of context only are dropped. */
function partsOf(file) {
    const read = partsRead.get(file);
    if (read)
        return read;
    // Statuses, messages and answers stand in bodies: they rank a part no higher than its body.
    const surface = surfaceOfFile(file).filter((s) => !IN_BODIES.has(s.kind));
    const newLines = new Set(surface.filter((s) => s.change !== 'removed').map((s) => s.line));
    const oldLines = new Set(surface.filter((s) => s.change === 'removed').map((s) => s.line));
    const defines = (line) => line.sign === '+' ? newLines.has(line.now) : line.sign === '-' && oldLines.has(line.old);
    const parts = hunksOfFile(file).flatMap((hunk) => split(hunk.lines, 0, hunk.lines.length)
        .map(([from, to]) => hunk.lines.slice(from, to))
        .filter((lines) => lines.some((line) => line.sign !== ' '))
        .map((lines) => ({ section: hunk.section, lines, priority: priorityOf(lines, defines) })));
    partsRead.set(file, parts);
    return parts;
}
/** The file's diff has parts, and every one changes only imports, whitespace or comments. */
function onlyNoise(file) {
    const parts = partsOf(file);
    return parts.length > 0 && parts.every((part) => part.priority === 3);
}

;// CONCATENATED MODULE: ./src/prompt/kinds.ts
/**
 * What a changed file is to a docs writer, by its path and by what its diff holds, and so how
 * much it needs its diff quoted: the files a team prefers first; docs and the files that define
 * the surface; the rest of the source; the pull request's own docs pages, tests, CI and tooling;
 * last, generated code and translations.
 */


const LAST_RANK = 4;
const RANK_OF = {
    preferred: 0,
    docs: 1,
    'public surface': 1,
    source: 2,
    'docs pages': 3,
    'tests and the rest': 3,
    generated: LAST_RANK,
    translations: LAST_RANK
};
const kinds_DOCS = /(^|\/)(examples?|\.changeset)\/|(^|\/)readme[^/]*$|(^|\/)changelog[^/]*$|\.(mdx?|rst|adoc)$/i;
/** Pages of a docs site: Mintlify's (`.mdx`, `docs.json`, `mint.json`) and a docs folder's. */
const DOCS_PAGE = /\.mdx$|(^|\/)(docs|mint)\.json$|(^|\/)(docs|documentation)\/.*\.(mdx?|rst|adoc|txt|json|ya?ml)$/i;
const SURFACE = /(^|\/)(index|main|mod|lib|cli|api|public|exports)\.[cm]?[jt]s$|\.d\.[cm]?ts$|\.pyi$|(^|\/)__init__\.py$|(^|\/)(bin|cmd)\/|(^|\/)(package\.json|action\.ya?ml|pyproject\.toml|Cargo\.toml|go\.mod)$|schema[^/]*\.(json|ya?ml)$|\.proto$|(^|\/)(options|config|types?|cli)\.[^/]+$|(^|\/)(middleware|routes?|router|urls|errors?|exceptions?|schemas?|serializers?|models?)\.(ts|js|mjs|py|go|rb|rs|java|kt)$|(^|\/)(openapi|swagger)[^/]*\/.*\.(ya?ml|json)$|(openapi|swagger)[^/]*\.(ya?ml|json)$/i;
const LOW = /(^|\/)(tests?|__tests__|testutils?|test_?helpers?|fixtures?|__fixtures__|__snapshots__|testdata|snapshots?|mocks?|__mocks?__|benchmarks?|e2e)\/|(^|\/)mocks?_[^/]+$|[._-](test|spec|mock)\.[cm]?[jt]sx?$|_mock\.go$|[._-](test|spec)\.(py|rb|go|rs|java|kt|php|cs|swift)$|_test\.go$|(^|\/)test_[^/]+\.py$|(^|\/)conftest\.py$|\.snap$/i;
/** CI, issue and pull request templates, editor and tool settings, style sheets. */
const TOOLING = /(^|\/)\.(github|gitlab|circleci|buildkite|husky|devcontainer|vscode|idea)\/|(^|\/)(\.gitlab-ci\.yml|azure-pipelines\.ya?ml|Jenkinsfile|\.travis\.yml|renovate\.json5?|\.pre-commit-config\.yaml|codecov\.ya?ml|CODEOWNERS|tsconfig[^/]*\.json|jsconfig\.json|\.eslintrc[^/]*|eslint\.config\.[^/]+|\.prettierrc[^/]*|\.prettierignore|prettier\.config\.[^/]+|\.editorconfig|\.gitignore|\.gitattributes|\.npmignore|\.dockerignore|\.babelrc|\.nvmrc|\.node-version|\.python-version|\.tool-versions|biome\.jsonc?|turbo\.json|ruff\.toml|\.flake8|mypy\.ini|tox\.ini|\.golangci\.ya?ml|(jest|vitest|vite|webpack|rollup|tsup|esbuild|babel|postcss|tailwind|playwright|cypress|knip|lint-staged|commitlint|stylelint)\.config\.[^/]+)$|\.(css|scss|sass|less|styl)$/i;
/** Files that tools write: protobuf and gRPC stubs, code generators' outputs. */
const GENERATED_PATH = /\.pb\.go$|\.pb\.(gw|validate)\.go$|_pb2(_grpc)?\.pyi?$|\.pb\.(ts|js|cc|h|swift|dart)$|_(grpc_)?pb\.(js|d\.ts|ts)$|[._]connect\.(go|ts)$|(^|\/)zz_generated[^/]*\.go$|\.(g|freezed)\.dart$|[-_.]generated\.[^/]+$|\.gen\.[^/]+$|_gen\.go$|(^|\/)(gen|generated)\.go$|(^|\/)(__generated__|generated|gen)\//i;
/** The header generators write (Go's convention, `@generated`, protoc's). */
const GENERATED_HEADER = /Code generated .{0,80}DO NOT EDIT|@generated\b|Generated by the protocol buffer compiler|(auto-?generated|automatically generated)[^\n]{0,80}(do not (edit|modify)|changes .{0,30} will be lost)|DO NOT EDIT[^\n]{0,40}(generated|auto)/i;
/** Code a tool wrote, by its name, its first lines, or `.gitattributes`' `linguist-generated`. */
function isGenerated(file) {
    if (file.generated || GENERATED_PATH.test(file.path))
        return true;
    // The header is in the diff only when the first hunk starts at the file's top.
    const head = file.patch?.slice(0, 1_500) ?? '';
    return /^@@ -\d+(,\d+)? \+[1-3](,\d+)? @@/.test(head) && GENERATED_HEADER.test(head);
}
const LANGUAGES = 'ar|bg|bn|ca|cs|da|de|el|en|es|et|fa|fi|fr|he|hi|hr|hu|id|it|ja|ko|lt|lv|ms|nb|nl|nn|no|pl|pt|ro|ru|sk|sl|sr|sv|sw|ta|th|tl|tr|uk|ur|vi|zh';
const LOCALE = `(?:${LANGUAGES})(?:[-_](?:[A-Za-z]{4}|[A-Z]{2}|[a-z]{2}))*`;
/** A locale folder's entry, a `name.<locale>.ext` file, a docs site's locale folder, Android's values-<locale>. */
const LOCALE_PATH = new RegExp(`(?:^|/)(?:locales?|i18n|l10n|lang|langs|languages|translations?|messages|intl)/(${LOCALE})(?:[./]|$)|\\.(${LOCALE})\\.(?:json|ya?ml|po|mdx?|properties|strings|arb|xliff|resx)$|(?:^|/)(?:docs|documentation)/(${LOCALE})/|(?:^|/)values-(${LOCALE})/|(?:^|/)(${LOCALE})\\.(?:po|xliff)$`);
/** The locale of a translation beyond the source locale, English; undefined for any other file. */
function translationLocale(path) {
    const match = LOCALE_PATH.exec(path);
    const locale = match?.slice(1).find(Boolean);
    return locale && !/^en\b|^en[-_]/i.test(locale) ? locale : undefined;
}
const isDocsPage = (path) => DOCS_PAGE.test(path) && translationLocale(path) === undefined;
function isPreferred(file, rules) {
    return rules.prefer.some((glob) => globMatcher(glob)(file.path));
}
/** Tests, CI, tooling, translations and docs pages define no surface to document. */
function definesNoSurface(file) {
    return (LOW.test(file.path) ||
        TOOLING.test(file.path) ||
        translationLocale(file.path) !== undefined ||
        isDocsPage(file.path));
}
function kindOf(file, rules) {
    if (isPreferred(file, rules))
        return 'preferred';
    if (file.status === 'removed')
        return 'tests and the rest';
    if (file.status === 'renamed' && file.additions + file.deletions === 0)
        return 'tests and the rest';
    if (LOW.test(file.path) || TOOLING.test(file.path))
        return 'tests and the rest';
    if (isGenerated(file))
        return 'generated';
    if (translationLocale(file.path))
        return 'translations';
    if (isDocsPage(file.path))
        return 'docs pages';
    if (kinds_DOCS.test(file.path))
        return 'docs';
    if (SURFACE.test(file.path) || surfaceOfFile(file).some((entry) => USER_FACING.has(entry.kind)))
        return 'public surface';
    return 'source';
}
/** What users set or call: a file that defines one of these is part of the public surface. */
const USER_FACING = new Set([
    'route',
    'command',
    'flag',
    'env',
    'rpc',
    'field',
    'config'
]);
/** Components, and the statuses, messages and answers bodies hold, weigh nothing by themselves. */
const NO_WEIGHT = new Set(['component', 'status', 'message', 'response']);
const MOST_WEIGHT = 6;
const NEW_FILE_WEIGHT = 3;
/**
 * How much of what users see a file states, from 0 to 6: docs the change writes about itself
 * (a README, a changelog, a spec) state most; code, by how much of the surface it defines.
 */
function weightOf(file, rules) {
    if (kindOf(file, rules) === 'docs')
        return MOST_WEIGHT;
    const entries = surfaceOfFile(file);
    const stated = entries.reduce((sum, entry) => sum + (USER_FACING.has(entry.kind) ? 2 : NO_WEIGHT.has(entry.kind) ? 0 : 1), 0);
    // A new file that defines things is what the change is made of.
    return Math.min(MOST_WEIGHT, stated + (file.status === 'added' && stated ? NEW_FILE_WEIGHT : 0));
}
const rankOf = (file, rules) => RANK_OF[kindOf(file, rules)];

;// CONCATENATED MODULE: ./src/prompt/files.ts
/**
 * Which changed files a prompt quotes, and how much of each: every file is listed, lockfiles,
 * binaries, minified, vendored and excluded files are not quoted, and what room there is for
 * diffs is shared file by file, so that one large file cannot crowd out the others.
 */




const LOCKFILES = new Set([
    'package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'bun.lock',
    'bun.lockb',
    'deno.lock',
    'Cargo.lock',
    'go.sum',
    'poetry.lock',
    'Pipfile.lock',
    'uv.lock',
    'pdm.lock',
    'composer.lock',
    'Gemfile.lock',
    'mix.lock',
    'pubspec.lock',
    'Podfile.lock',
    'flake.lock',
    'packages.lock.json',
    'gradle.lockfile'
]);
const BINARY = /\.(png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|woff2?|ttf|otf|eot|mp3|mp4|mov|avi|wasm|pyc)$/i;
const MINIFIED = /(\.min\.(js|css|mjs)|\.map)$/i;
const VENDORED = /(^|\/)(vendor|node_modules|third_party|dist)\//;
/** Why a file is listed but not quoted; undefined for a file that may be quoted. */
function notQuoted(file, rules) {
    const matches = (globs) => globs.some((glob) => globMatcher(glob)(file.path));
    if (matches(rules.exclude))
        return 'excluded by sync-exclude';
    if (file.patch === undefined)
        return file.additions + file.deletions === 0 || BINARY.test(file.path)
            ? 'binary'
            : 'GitHub gives no diff for a file this large';
    if (isPreferred(file, rules))
        return undefined;
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    if (LOCKFILES.has(name) || name.endsWith('.lock'))
        return 'a lockfile';
    if (BINARY.test(file.path))
        return 'binary';
    if (MINIFIED.test(file.path))
        return 'minified or a source map';
    if (VENDORED.test(file.path))
        return 'vendored or built';
    if (onlyNoise(file))
        return 'it changes only imports, whitespace or comments';
    return undefined;
}
/** The least of a file's diff worth quoting: less than this tells the agent nothing. */
const MIN_QUOTE = 400;
/**
 * The most of the room the floors of the rest of the source, and of tests and the rest, may take
 * while the files a docs writer needs most may want more. Generated code and translations get no
 * floor.
 */
const FLOOR_SHARE = { all: 0.5, 2: 0.25, 3: 0.1 };
/**
 * The most of the room one file takes in the first sharing while a file of the source that
 * defines much (of this weight) waits; what the others leave may add to it.
 */
const MOST_OF_ROOM = 0.15;
const WEIGHTY = 4;
/** Generated code and translations take at most this share of what is quoted. */
const LAST_SHARE = 0.1;
/** A file's share within its rank: one, and up to three for a file that defines much. */
const shareOf = (claim) => 1 + Math.min(claim.weight, 6) / 3;
/**
 * Gives the files of a group shares of `left` by their weight, each up to `most`, what one does
 * not need going to the others.
 */
function fill(group, allowance, left, most = Infinity) {
    const need = (claim) => Math.min(claim.size, claim.docs ? Infinity : most) - (allowance.get(claim.path) ?? 0);
    let weights = group.reduce((sum, claim) => sum + shareOf(claim), 0);
    for (const claim of [...group].sort((a, b) => need(a) / shareOf(a) - need(b) / shareOf(b))) {
        const extra = Math.max(0, Math.min(need(claim), Math.floor((left * shareOf(claim)) / weights)));
        weights -= shareOf(claim);
        allowance.set(claim.path, (allowance.get(claim.path) ?? 0) + extra);
        left -= extra;
    }
    return left;
}
/**
 * Shares `room` characters among the files' diffs. First every file gets a floor (MIN_QUOTE, or
 * its whole diff when smaller), by rank, and within a rank the files that define most of the
 * surface first, as long as floors fit; the floors of the rest of the source and of tests and the
 * rest take at most 25% of the room, the latter's alone 10%. Then what is left goes rank by rank:
 * within a rank every file gets a share by its weight, and what a small file does not need goes to
 * the others of its rank and then to the next rank; while a source file that defines much waits,
 * no file of the public surface takes more than 15% of the room, and what is left at the end goes
 * back to those held back. Generated code and translations come last, with at most a tenth of
 * what is quoted. Returns each quoted file's allowance, by path.
 */
function shareRoom(files, room) {
    const allowance = new Map();
    const order = [...files].sort((a, b) => a.rank - b.rank || b.weight - a.weight || a.size - b.size || a.path.localeCompare(b.path));
    let left = room;
    const floors = { 2: 0, 3: 0 };
    for (const file of order.filter((f) => f.rank < LAST_RANK)) {
        const floor = Math.min(file.size, MIN_QUOTE);
        if (floor > left || room - left + floor > room * FLOOR_SHARE.all)
            continue;
        if (file.rank >= 2) {
            const lower = floors[2] + floor;
            if (lower > room * FLOOR_SHARE[2])
                continue;
            if (file.rank === 3 && floors[3] + floor > room * FLOOR_SHARE[3])
                continue;
            floors[2] = lower;
            if (file.rank === 3)
                floors[3] += floor;
        }
        allowance.set(file.path, floor);
        left -= floor;
    }
    for (const rank of [0, 1, 2, 3]) {
        // Past the files a team prefers and docs, no file takes more than its part while a file of the
        // source that defines much waits.
        const waiting = order.some((file) => file.rank === 2 && rank < 2 && file.weight >= WEIGHTY);
        left = fill(order.filter((file) => file.rank === rank && allowance.has(file.path)), allowance, left, rank > 0 && waiting ? Math.floor(room * MOST_OF_ROOM) : Infinity);
        // Files of this rank that had no floor get one now, if room is left.
        for (const file of order.filter((f) => f.rank === rank && !allowance.has(f.path))) {
            const given = Math.min(file.size, left);
            if (given < Math.min(file.size, MIN_QUOTE))
                break;
            allowance.set(file.path, given);
            left -= given;
        }
    }
    // What no file of any rank wanted goes back to the files that their part held back.
    for (const rank of [1, 2, 3])
        left = fill(order.filter((file) => file.rank === rank && allowance.has(file.path)), allowance, left);
    const quoted = [...allowance.values()].reduce((sum, given) => sum + given, 0);
    const last = order.filter((file) => file.rank === LAST_RANK);
    // With nothing else to quote, generated code and translations may have the room.
    let lastRoom = quoted
        ? Math.min(left, Math.floor((quoted * LAST_SHARE) / (1 - LAST_SHARE)))
        : left;
    for (const file of last) {
        const floor = Math.min(file.size, MIN_QUOTE);
        if (floor > lastRoom)
            continue;
        allowance.set(file.path, floor);
        lastRoom -= floor;
    }
    fill(last.filter((file) => allowance.has(file.path)), allowance, lastRoom);
    return allowance;
}

;// CONCATENATED MODULE: ./src/prompt/budget.ts
/**
 * Where a prompt's room went, file by file: what was quoted (whole or cut), listed only, or left
 * out for want of room, and the share of the quoted room by kind of file. Read back from the
 * prompt itself, so that it shows what the agent gets.
 */


/** What a quote says it left out, on a line of its own (a diff's lines start otherwise). */
const CUT = /\n… \[/;
function promptBudget(prompt, files, rules) {
    const blocks = new Map();
    const fence = prompt.indexOf('````diff\n');
    if (fence >= 0) {
        const body = prompt.slice(fence + 9, prompt.indexOf('\n````', fence + 9));
        for (const block of body.split(/\n(?=diff --git a\/)/)) {
            const path = / b\/(.*)$/.exec(block.split('\n', 1)[0] ?? '')?.[1];
            if (path !== undefined)
                blocks.set(path, block);
        }
    }
    const budget = files.map((file) => {
        const kind = kindOf(file, rules);
        const why = notQuoted(file, rules);
        if (why)
            return { path: file.path, kind, quoted: 0, fate: 'listed', why };
        const block = blocks.get(file.path);
        if (block === undefined)
            return { path: file.path, kind, quoted: 0, fate: 'no room' };
        return {
            path: file.path,
            kind,
            quoted: block.length + 1,
            fate: CUT.test(block) ? 'cut' : 'whole'
        };
    });
    const byKind = {};
    for (const file of budget)
        if (file.quoted)
            byKind[file.kind] = (byKind[file.kind] ?? 0) + file.quoted;
    return { length: prompt.length, files: budget, byKind };
}
/** The budget as lines for a terminal: a line per file, then the shares by kind. */
function budgetLines(budget) {
    const quoted = budget.files.reduce((sum, file) => sum + file.quoted, 0);
    const width = Math.max(4, ...budget.files.map((file) => file.path.length));
    const fate = (file) => file.fate === 'listed'
        ? `listed only: ${file.why}`
        : file.fate === 'no room'
            ? 'listed only: no room left'
            : `${file.fate === 'whole' ? 'quoted whole' : 'quoted, cut'} (${file.quoted} characters)`;
    const share = (n) => `${quoted ? Math.round((100 * n) / quoted) : 0}%`;
    return [
        `Prompt: ${budget.length} characters; diffs quoted: ${quoted} characters.`,
        ...budget.files.map((file) => `  ${file.path.padEnd(width)}  ${file.kind.padEnd(18)}  ${fate(file)}`),
        quoted
            ? `Quoted room by kind: ${Object.entries(budget.byKind)
                .map(([kind, n]) => `${kind} ${share(n)}`)
                .join(', ')}.`
            : 'Quoted room by kind: none, no diff was quoted.'
    ];
}

;// CONCATENATED MODULE: ./src/prompt/digest.ts
/**
 * The digest at the top of a prompt: what the change adds, changes, renames or removes of the
 * surface a docs writer documents, from every changed file, quoted or not, an entry a line with
 * the statement that states its type, default or rule, and where it stands.
 */




const KIND_PRIORITY = {
    route: 0,
    command: 0,
    flag: 0,
    env: 0,
    rpc: 0,
    field: 1,
    config: 1,
    function: 2,
    method: 2,
    class: 2,
    type: 2,
    constant: 3,
    component: 3,
    member: 3,
    property: 1,
    status: 1,
    message: 1,
    query: 2,
    response: 2
};
/** A constant set to a literal: a default, a limit, an error code. */
const LITERAL = /=\s*(?:"[^"]*"|'[^']*'|`[^`]*`|-?[\d_.]+(?:e\d+)?|true|false|True|False)\s*[;,]?(?:\s*(?:\/\/|#).*)?$/;
/** What generated code names that its source may not state: its named values, and what users set or call. */
const FROM_GENERATED = new Set(['constant', 'env', 'route', 'flag', 'command']);
/** Code in an `internal` folder cannot be imported from outside (Go's rule, and a common layout). */
const INTERNAL = /(^|\/)internal\//;
const CODE_KINDS = new Set([
    'property',
    'function',
    'method',
    'class',
    'type',
    'field',
    'constant'
]);
/**
 * What goes first when not every entry fits: what users set or call (routes, commands, flags,
 * environment variables), then fields, settings and constants set to a literal, then code;
 * within a kind, what changed or went before what was added. Internal code comes later.
 */
function digest_priorityOf({ entry, file }) {
    const internal = CODE_KINDS.has(entry.kind) && INTERNAL.test(file.path) ? 2 : 0;
    const kind = entry.kind === 'constant' && LITERAL.test(entry.text)
        ? KIND_PRIORITY.field
        : KIND_PRIORITY[entry.kind];
    return 3 * kind + internal + (entry.change === 'added' ? 1 : 0);
}
/** Inline code that survives backticks in the code. */
const code = (text) => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);
/** Reasons a file is not quoted that also keep it out of the digest: what it holds is no source. */
const NO_SOURCE = new Set([
    'excluded by sync-exclude',
    'a lockfile',
    'binary',
    'minified or a source map',
    'vendored or built'
]);
function readsSurface(file, rules) {
    if (!file.patch)
        return false;
    if (NO_SOURCE.has(notQuoted(file, rules) ?? ''))
        return false;
    return isPreferred(file, rules) || !definesNoSurface(file);
}
/** What an entry is: `field in Config`, `removed flag`; a file's entries of a label share a line. */
const labelOf = (entry) => `${entry.change === 'added' ? '' : `${entry.change} `}${entry.kind}${entry.owner ? ` in ${entry.owner}` : ''}`;
function item(entry) {
    const name = entry.text.includes(entry.name) ? '' : `${entry.name} `;
    const where = entry.change === 'removed' ? ` :${entry.line} (old file)` : ` :${entry.line}`;
    const was = entry.was === undefined ? '' : ` (was ${code(entry.was)})`;
    return `${name}${code(entry.text)}${where}${was}`;
}
/** A file's chosen entries, a line per label, in the order the labels first come. */
function fileLines(chosen) {
    const byLabel = new Map();
    for (const { entry } of chosen) {
        const label = labelOf(entry);
        const items = byLabel.get(label);
        if (items)
            items.push(item(entry));
        else
            byLabel.set(label, [item(entry)]);
    }
    return [...byLabel].map(([label, items]) => `- ${label}: ${items.join('; ')}`);
}
/** A removed file's surface as one line: what it defined. */
function removedFile(entries) {
    const names = [...new Set(entries.map((entry) => entry.name))];
    const shown = names.slice(0, 12).map(code).join(', ');
    return `- the file is removed, and with it ${shown}${names.length > 12 ? ` and ${names.length - 12} more` : ''}`;
}
const ENV_PLACES = 3;
/** The entries the digest may give, and the removed files it names, from every changed file. */
function collect(files, rules) {
    const candidates = [];
    const removedFiles = new Map();
    const envSeen = new Map();
    files.forEach((file, order) => {
        if (!readsSurface(file, rules))
            return;
        const entries = surfaceOfFile(file);
        if (!entries.length)
            return;
        if (file.status === 'removed')
            return void removedFiles.set(file, removedFile(entries));
        const generated = isGenerated(file);
        const lines = new Set();
        for (const entry of entries) {
            if (generated && !FROM_GENERATED.has(entry.kind))
                continue;
            // Two things read on one line (`env.A ?? env.B`) are one entry.
            const where = `${entry.change} ${entry.line} ${entry.text}`;
            if (lines.has(where))
                continue;
            lines.add(where);
            // An environment variable read in many files is given where it is read first, and twice more.
            if (entry.kind === 'env' && entry.change === 'added') {
                const seen = (envSeen.get(entry.name) ?? 0) + 1;
                envSeen.set(entry.name, seen);
                if (seen > ENV_PLACES)
                    continue;
            }
            candidates.push({ file, order, entry, generated });
        }
    });
    // What generated code names that a file written by hand names too is left out; what only it
    // names (an error code's value) ranks as if its source stated it.
    const stated = new Set(candidates.filter((c) => !c.generated).map((c) => c.entry.name));
    return {
        candidates: candidates.filter((c) => !c.generated || !stated.has(c.entry.name)),
        removedFiles
    };
}
const INTRO = `What this change does to what users see, read from every changed file's diff, quoted below or not (\`:N\` is the line; in the old file for what was removed):`;
/** Room kept for the line that counts what was left out. */
const LEFT_OUT_NOTE = 120;
/**
 * The digest of `files` within `room` characters, file by file; the entries that do not fit are
 * counted. Empty when the change touches no surface it can read.
 */
function digest(files, rules, room) {
    const { candidates, removedFiles } = collect(files, rules);
    if (!candidates.length && !removedFiles.size)
        return '';
    const byFile = new Map();
    for (const candidate of candidates) {
        const list = byFile.get(candidate.file);
        if (list)
            list.push(candidate);
        else
            byFile.set(candidate.file, [candidate]);
    }
    const render = (chosen, named) => {
        const lines = [INTRO];
        for (const file of files) {
            if (!named.has(file))
                continue;
            lines.push(`${code(file.path)}:`);
            const removed = removedFiles.get(file);
            if (removed)
                lines.push(removed);
            lines.push(...fileLines((byFile.get(file) ?? []).filter((c) => chosen.has(c))));
        }
        return lines;
    };
    const everything = render(new Set(candidates), new Set([...removedFiles.keys(), ...byFile.keys()]));
    if (everything.join('\n').length <= room)
        return everything.join('\n');
    let left = room - INTRO.length - LEFT_OUT_NOTE;
    const chosen = new Set();
    const named = new Set();
    const heading = (file) => (named.has(file) ? 0 : file.path.length + 5);
    for (const [file, text] of removedFiles) {
        const cost = text.length + 1 + heading(file);
        if (cost > left)
            continue;
        named.add(file);
        left -= cost;
    }
    // Each file's first entry of a kind before any file's second: one file's many cannot crowd out the rest.
    const nth = new Map();
    const counted = new Map();
    for (const candidate of candidates) {
        const key = `${candidate.order} ${candidate.entry.kind}`;
        nth.set(candidate, counted.get(key) ?? 0);
        counted.set(key, (nth.get(candidate) ?? 0) + 1);
    }
    const ranked = [...candidates].sort((a, b) => digest_priorityOf(a) - digest_priorityOf(b) ||
        (nth.get(a) ?? 0) - (nth.get(b) ?? 0) ||
        rankOf(a.file, rules) - rankOf(b.file, rules) ||
        a.order - b.order ||
        a.entry.line - b.entry.line);
    const labelled = new Set();
    for (const candidate of ranked) {
        const label = `${candidate.file.path} ${labelOf(candidate.entry)}`;
        const cost = labelled.has(label)
            ? item(candidate.entry).length + 2
            : `- ${labelOf(candidate.entry)}: ${item(candidate.entry)}`.length +
                1 +
                heading(candidate.file);
        if (cost > left)
            continue;
        chosen.add(candidate);
        named.add(candidate.file);
        labelled.add(label);
        left -= cost;
    }
    const missing = candidates.filter((candidate) => !chosen.has(candidate));
    const missingFiles = [...removedFiles.keys()].filter((file) => !named.has(file));
    const inFiles = new Set(missing.map((candidate) => candidate.file.path));
    const leftOut = [
        ...(missing.length
            ? [
                `${plural(missing.length, 'more entry', 'more entries')} in ${plural(inFiles.size, 'file')}`
            ]
            : []),
        ...(missingFiles.length ? [plural(missingFiles.length, 'removed file')] : [])
    ];
    return [...render(chosen, named), `(Left out for want of room: ${leftOut.join(' and ')}.)`].join('\n');
}

;// CONCATENATED MODULE: ./src/prompt/file-list.ts
/**
 * The list of changed files: a line per file while that fits its room, else folder by folder at
 * the deepest level that fits, and, past that, the largest folders and a count of the rest. Every
 * file is counted, and no line is cut.
 */




function counts(files) {
    const added = files.reduce((sum, f) => sum + f.additions, 0);
    const removed = files.reduce((sum, f) => sum + f.deletions, 0);
    return `+${added} −${removed}`;
}
function fileLine(file, rules) {
    const why = notQuoted(file, rules);
    const renamed = file.previousPath ? `, renamed from \`${file.previousPath}\`` : '';
    const whole = file.whole ? ', its whole change in the pull request' : '';
    const status = file.status === 'added' || file.status === 'removed' ? `, ${file.status}` : '';
    const real = realChanges(hunksOfFile(file));
    const realigned = real.realigned ? `; +${real.added} −${real.removed} ignoring whitespace` : '';
    return `- \`${file.path}\` (+${file.additions} −${file.deletions}${realigned}${status}${renamed}${whole})${why ? ` — not quoted: ${why}` : ''}`;
}
function folderOf(path, depth) {
    const parts = path.split('/').slice(0, -1);
    return parts.length ? `${parts.slice(0, depth).join('/')}/` : './';
}
function byFolder(files, depth) {
    const folders = new Map();
    for (const file of files) {
        const folder = folderOf(file.path, depth);
        const list = folders.get(folder);
        if (list)
            list.push(file);
        else
            folders.set(folder, [file]);
    }
    return [...folders];
}
const folderLine = ([folder, list]) => `- \`${folder}\`: ${plural(list.length, 'file')} (${counts(list)})`;
const file_list_length = (lines) => lines.join('\n').length;
function fileList(files, rules, room, total) {
    const head = `Changed files (${plural(total, 'file')}, ${counts(files)}${total > files.length ? `; GitHub lists the first ${files.length}` : ''}):`;
    const lines = files.map((file) => fileLine(file, rules));
    if (file_list_length([head, ...lines]) <= room)
        return [head, ...lines];
    const byFolderHead = `${head.slice(0, -1)}, by folder, since a line per file would not fit:`;
    const deepest = Math.max(1, ...files.map((file) => file.path.split('/').length - 1));
    for (let depth = deepest; depth >= 1; depth--) {
        const folders = byFolder(files, depth).map(folderLine);
        if (file_list_length([byFolderHead, ...folders]) <= room)
            return [byFolderHead, ...folders];
    }
    const largest = byFolder(files, 1).sort((a, b) => b[1].length - a[1].length);
    const shown = [];
    let left = room - byFolderHead.length - 80;
    for (const folder of largest) {
        const text = folderLine(folder);
        if (text.length + 1 > left)
            break;
        shown.push(text);
        left -= text.length + 1;
    }
    const rest = largest.slice(shown.length).flatMap(([, list]) => list);
    return [
        byFolderHead,
        ...shown,
        ...(rest.length
            ? [
                `- … ${plural(largest.length - shown.length, 'more folder')}: ${plural(rest.length, 'file')} (${counts(rest)})`
            ]
            : [])
    ];
}

;// CONCATENATED MODULE: ./src/prompt/quote.ts


/** Git's text after a hunk header, kept short: it only says where the hunk stands. */
const SECTION_LENGTH = 60;
/** Lines of context kept around a change when room is short (git gives three). */
const CONTEXT = 1;
/** Unchanged lines between two changes kept rather than a new hunk header written. */
const GAP = 2;
/** The least of a part worth quoting when it is cut, and the room its note takes. */
const MIN_CUT = 120;
const CUT_NOTE = 45;
/** Data and specs, whose new sections are read in order rather than by size. */
const DATA = /\.(ya?ml|json|jsonc|json5|toml|ini|proto|graphql|gql|xml)$/i;
function header(lines, section) {
    const first = lines[0] ?? { old: 0, now: 0 };
    const old = lines.filter((line) => line.sign !== '+').length;
    const now = lines.filter((line) => line.sign !== '-').length;
    const where = section.length > SECTION_LENGTH ? `${section.slice(0, SECTION_LENGTH)}…` : section;
    return `@@ -${first.old},${old} +${first.now},${now} @@${where ? ` ${where}` : ''}`;
}
/** A line as quoted; a whitespace-only change shows as its new line, unchanged. */
const shown = (line) => line.realigned ? (line.sign === '-' ? undefined : ` ${line.text}`) : `${line.sign}${line.text}`;
/** The runs of a part's lines quoted: all of them, or, short, a line of context around changes. */
function runsOf(lines, short) {
    const runs = [];
    if (short)
        lines.forEach((line, i) => {
            if (line.sign === ' ' || line.realigned)
                return;
            const from = Math.max(0, i - CONTEXT);
            const to = Math.min(lines.length, i + CONTEXT + 1);
            const last = runs.at(-1);
            if (last && from - last[1] <= GAP)
                last[1] = Math.max(last[1], to);
            else
                runs.push([from, to]);
        });
    return runs.length ? runs : [[0, lines.length]];
}
function rendered(part, short) {
    return runsOf(part.lines, short).flatMap(([from, to], index) => {
        const run = part.lines.slice(from, to);
        return [header(run, index ? '' : part.section), ...run.flatMap((line) => shown(line) ?? [])];
    });
}
/** The length of a part as quoted, with the line break before it, reckoned without writing it. */
function lengthOf(part, short) {
    let length = 0;
    runsOf(part.lines, short).forEach(([from, to], index) => {
        const run = part.lines.slice(from, to);
        length += header(run, index ? '' : part.section).length + 1;
        for (const line of run)
            if (!(line.realigned && line.sign === '-'))
                length += line.text.length + 2;
    });
    return length;
}
function leftOutLine(missing, noise) {
    const lines = missing.reduce((sum, part) => sum + part.lines.length, 0);
    const what = [
        ...(missing.length
            ? [`${plural(missing.length, 'hunk')} (${plural(lines, 'line')}) for want of room`]
            : []),
        ...(noise
            ? [
                `${plural(noise, 'hunk')} that change${noise === 1 ? 's' : ''} only imports, whitespace or comments`
            ]
            : [])
    ];
    return what.length ? `… [left out of this file's diff: ${what.join('; ')}]` : '';
}
/** The part cut at a line within `room` characters. */
function cutPart(part, room) {
    const lines = rendered(part, true);
    let kept = 0;
    let length = -1;
    for (const line of lines) {
        if (length + line.length + 1 > room - CUT_NOTE)
            break;
        length += line.length + 1;
        kept++;
    }
    if (kept <= 1)
        return undefined;
    return `${lines.slice(0, kept).join('\n')}\n… [${plural(lines.length - kept, 'more line')} of this hunk left out]`;
}
const measured = new WeakMap();
function measure(file, withNoise) {
    let byNoise = measured.get(file);
    if (!byNoise)
        measured.set(file, (byNoise = new Map()));
    let quotable = byNoise.get(withNoise);
    if (quotable)
        return quotable;
    const head = `diff --git a/${file.previousPath ?? file.path} b/${file.path}`;
    const parts = partsOf(file);
    const candidates = parts.filter((part) => withNoise || part.priority !== 3);
    const noise = parts.length - candidates.length;
    const note = noise ? leftOutLine([], noise).length + 1 : 0;
    const total = (short) => candidates.reduce((sum, part) => sum + lengthOf(part, short), head.length + note);
    quotable = { head, candidates, noise, full: total(false), short: total(true) };
    byNoise.set(withNoise, quotable);
    return quotable;
}
/**
 * The length of the file's whole quote: with git's context around each change, or (`short`) with
 * a line of it.
 */
const wholeQuoteLength = (file, withNoise, short = false) => short ? measure(file, withNoise).short : measure(file, withNoise).full;
/**
 * The file's diff within `allowance` characters. Noise is quoted only for a file the team
 * prefers (`withNoise`), and last.
 */
function quoteFile(file, allowance, withNoise) {
    const { head, candidates, noise, full, short } = measure(file, withNoise);
    const chosen = new Map();
    if (short <= allowance) {
        for (const part of candidates)
            chosen.set(part, rendered(part, full > allowance).join('\n'));
    }
    else {
        let left = allowance - head.length - leftOutLine(candidates, noise).length - 1;
        let cut = false;
        // What matters most first, and of that what adds most: a new section before an edited line.
        // In data and specs, new sections go in the order the file reads: a schema's type and required
        // fields before its examples.
        const added = (part) => part.lines.filter((line) => line.sign === '+').length;
        const isNew = (part) => part.lines.every((line) => line.sign === '+');
        const inOrder = (part) => DATA.test(file.path) && isNew(part);
        const order = [...candidates].sort((a, b) => a.priority - b.priority ||
            Number(inOrder(b)) - Number(inOrder(a)) ||
            (inOrder(a) && inOrder(b) ? 0 : added(b) - added(a)));
        for (const part of order) {
            const length = lengthOf(part, true);
            if (length <= left) {
                chosen.set(part, rendered(part, true).join('\n'));
                left -= length;
            }
            else if (!cut && left >= MIN_CUT) {
                const quote = cutPart(part, left - 1);
                if (!quote)
                    continue;
                chosen.set(part, quote);
                cut = true;
                left -= quote.length + 1;
            }
        }
    }
    const leftOut = leftOutLine(candidates.filter((part) => !chosen.has(part)), noise);
    return [
        head,
        ...candidates.flatMap((part) => chosen.get(part) ?? []),
        ...(leftOut ? [leftOut] : [])
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/prompt/layout.ts
/**
 * How a prompt's room is shared: the fixed head (instructions, what to do, the pull request) goes
 * whole; the diffs keep 70% of the limit when they need it (at most 80% of what the head leaves);
 * the digest, the commits and the list of files share the rest, each giving what it does not need
 * to the others and then to the diffs.
 */





/** The share of the limit, and at most of what the head leaves, the diffs keep when they need it. */
const DIFF_SHARE = 0.7;
const DIFF_SHARE_OF_ROOM = 0.8;
/**
 * Of the room left to them, the digest, the commits and the list of files first get up to these
 * shares; what one does not need goes to the others, in this order.
 */
const SHARES = { digest: 0.5, commits: 0.25, list: 0.25 };
/** The share of the limit the digest may take from the diffs' when its own holds too little. */
const DIGEST_FROM_DIFFS = 0.05;
/** Room for the headings, separators and the line on files not quoted. */
const RESERVE = 300;
const FENCE = '````';
/** What a prompt over the limit gives its diffs less than it was over by, to fit at the next try. */
const OVERSHOOT = 50;
/** Rounds of giving the room that cut quotes left unused to the files still cut. */
const REFILLS = 3;
function diffs(files, rules, room) {
    const quotable = files.filter((file) => !notQuoted(file, rules));
    const withNoise = (file) => isPreferred(file, rules);
    // When not every diff fits with git's context, each is quoted with a line of it, and more fit.
    const full = quotable.reduce((sum, file) => sum + wholeQuoteLength(file, withNoise(file)) + 1, 0);
    const claims = quotable.map((file) => ({
        file,
        path: file.path,
        size: wholeQuoteLength(file, withNoise(file), full > room) + 1,
        rank: rankOf(file, rules),
        weight: weightOf(file, rules),
        docs: kindOf(file, rules) === 'docs'
    }));
    const allowance = shareRoom(claims, room);
    const quotes = new Map();
    let requote = claims;
    for (let round = 0;; round++) {
        for (const claim of requote) {
            const given = allowance.get(claim.path);
            if (given === undefined)
                continue;
            const quote = quoteFile(claim.file, given - 1, withNoise(claim.file));
            quotes.set(claim.path, quote);
            // A cut quote may use less than its allowance: what it leaves goes to the files still cut.
            allowance.set(claim.path, quote.length + 1);
        }
        const spare = room - [...allowance.values()].reduce((sum, given) => sum + given, 0);
        // Generated code and translations keep the share they had, whatever is spare.
        const short = claims.filter((claim) => claim.rank < LAST_RANK && (allowance.get(claim.path) ?? 0) < claim.size);
        if (round === REFILLS || spare < 100 || !short.length)
            break;
        const more = shareRoom(short.map((claim) => ({ ...claim, size: claim.size - (allowance.get(claim.path) ?? 0) })), spare);
        for (const [path, extra] of more)
            allowance.set(path, (allowance.get(path) ?? 0) + extra);
        requote = short.filter((claim) => more.has(claim.path));
    }
    const blocks = quotable.flatMap((file) => quotes.get(file.path) ?? []);
    const dropped = quotable.filter((file) => !quotes.has(file.path)).map((file) => file.path);
    return { blocks, dropped };
}
function diffSection(blocks, dropped) {
    const diff = blocks.length
        ? `The diffs, each file's within its share of this message (the hunks that declare things first; each file says what of its diff was left out):\n${FENCE}diff\n${blocks.join('\n')}\n${FENCE}`
        : 'No diff is quoted: there was no room left for one in this message. Read the changes on the pull request.';
    const names = dropped
        .slice(0, 20)
        .map((path) => `\`${path}\``)
        .join(', ');
    const left = dropped.length
        ? `Not quoted, for want of room: ${names}${dropped.length > 20 ? ` and ${dropped.length - 20} more` : ''}. Read them on the pull request.`
        : '';
    return [diff, left];
}
/** Rooms for the digest, commits and list within `budget`: shares first, then what is spare. */
function roomsFor(want, budget) {
    const rooms = { digest: 0, commits: 0, list: 0 };
    const parts = ['digest', 'commits', 'list'];
    for (const part of parts)
        rooms[part] = Math.min(want[part], Math.floor(budget * SHARES[part]));
    let spare = budget - rooms.digest - rooms.commits - rooms.list;
    for (const part of parts) {
        const more = Math.min(spare, want[part] - rooms[part]);
        rooms[part] += more;
        spare -= more;
    }
    return rooms;
}
/** The prompt within the limit: the head, the digest, the commits, the files, the diffs. */
function layOut({ head, commits, files, total, rules }) {
    const fixed = head.filter(Boolean).join('\n\n');
    const room = rules.limit - fixed.length - RESERVE;
    const quotable = files.filter((file) => !notQuoted(file, rules));
    const diffNeed = quotable.reduce((sum, file) => sum + wholeQuoteLength(file, isPreferred(file, rules)) + 1, 0);
    const want = {
        digest: digest(files, rules, Infinity).length,
        commits: commits(Infinity).length,
        list: fileList(files, rules, Infinity, total).join('\n').length
    };
    const diffKeeps = Math.min(diffNeed, rules.limit * DIFF_SHARE, room * DIFF_SHARE_OF_ROOM);
    const rooms = roomsFor(want, Math.max(0, room - diffKeeps));
    // The digest names what every file changes: when its share holds too little, it takes more.
    rooms.digest += Math.max(0, Math.min(want.digest - rooms.digest, rules.limit * DIGEST_FROM_DIFFS, diffKeeps));
    const parts = [
        fixed,
        digest(files, rules, rooms.digest),
        commits(rooms.commits),
        fileList(files, rules, rooms.list, total).join('\n')
    ].filter(Boolean);
    const before = parts.join('\n\n');
    // What the diffs' headings and the line on files not quoted take is known once they are written:
    // a prompt over the limit gives its diffs that much less, and a little more, until it fits.
    for (let reserve = RESERVE;;) {
        const diffRoom = rules.limit - before.length - reserve;
        const { blocks, dropped } = diffs(files, rules, Math.max(0, diffRoom));
        const prompt = [before, ...diffSection(blocks, dropped)].filter(Boolean).join('\n\n');
        if (prompt.length <= rules.limit)
            return prompt;
        if (diffRoom <= 0)
            return prompt.slice(0, prompt.lastIndexOf('\n', rules.limit));
        reserve += Math.max(prompt.length - rules.limit + OVERSHOOT, OVERSHOOT);
    }
}

;// CONCATENATED MODULE: ./src/core/job-lookup.ts

/** A pull request's page: `https://github.com/acme/docs/pull/42`, on GitHub or GitHub Enterprise Server. */
function parsePullRequestUrl(text) {
    const match = /^(https?:\/\/[^/\s]+)\/([^/\s]+)\/([^/\s]+)\/pull\/(\d+)(?:[/?#]\S*)?$/.exec(text.trim());
    if (!match)
        return undefined;
    const [, origin, owner = '', repo = '', number] = match;
    return { url: `${origin}/${owner}/${repo}/pull/${number}`, owner, repo, number: Number(number) };
}
/** Pages of Mintlify's job list read at most: 10 × 100, the project's last thousand jobs. */
const MAX_LIST_PAGES = 10;
/** Candidates confirmed with a v2 read at most, newest first. */
const MAX_CONFIRMATIONS = 5;
/**
 * A repository as `host/owner/name` in lower case, from the forms a job's `source.repository`
 * may take: `https://github.com/acme/docs`, with `.git` or a trailing slash, `git@host:owner/name`;
 * GitHub Enterprise hosts included. Undefined for anything else.
 */
function repositoryKey(text) {
    const match = /^(?:[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]+@)?|[^@/\s]+@)?([^/:\s]+)(?::\d+)?[/:]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/*$/i.exec((text ?? '').trim());
    if (!match)
        return undefined;
    const [, host = '', owner = '', name = ''] = match;
    return `${host}/${owner}/${name}`.toLowerCase();
}
/** Whether two names of a repository name the same one, as GitHub compares them. */
function sameRepository(a, b) {
    const key = repositoryKey(a);
    return key !== undefined && key === repositoryKey(b);
}
/**
 * A docs pull request's place, when `link` is a pull request on `server` (the workflow's GitHub,
 * whose API the token is sent to) in the job's own repository; otherwise why not.
 */
function docsLinkOf(link, repository, server) {
    const match = /^https:\/\/([^/?#]+)\/([\w.-]+)\/([\w.-]+)\/pull\/(\d+)\/?$/.exec(link);
    const [, host = '', owner = '', repo = '', number] = match ?? [];
    if (!match || [owner, repo].some((name) => name === '.' || name === '..'))
        return `its link (${link || 'none'}) is not a pull request URL`;
    if (host.toLowerCase() !== new URL(server).host.toLowerCase())
        return `its link (${link}) is not on ${server}, the GitHub this workflow runs on`;
    if (!sameRepository(`https://${host}/${owner}/${repo}`, repository))
        return `its link (${link}) is not in the job's repository (${repository || 'none'})`;
    return { owner, repo, number: Number(number) };
}
/** The repository a pull request's page belongs to: `https://github.com/acme/docs`. */
function job_lookup_repositoryOf(pullRequestUrl) {
    return pullRequestUrl.replace(/\/pull\/\d+.*$/, '');
}
/** Links compare as GitHub treats them: without regard to case, a trailing slash or a fragment. */
function samePullRequest(a, b) {
    const norm = (link) => link.trim().replace(/#.*$/, '').replace(/\/+$/, '').toLowerCase();
    return !!a && norm(a) === norm(b);
}
function matchOf(entry, pr) {
    if (samePullRequest(entry.pullRequestLink, pr.url))
        return 'its pull request link';
    if (pr.headRef && entry.branch === pr.headRef)
        return `its branch ${pr.headRef}`;
    return undefined;
}
/**
 * Finds the job behind a pull request that no marker names, in Mintlify's own records: the
 * deprecated v1 list (the only list there is), matched on the pull request link or the head
 * branch, then each candidate confirmed with a v2 read of the job: its `prLink` must be this
 * pull request, or its `source.ref` the head branch and its `source.repository` the repository
 * that branch lives in. A match in the list alone is never enough.
 *
 * Reads at most MAX_LIST_PAGES pages; a page that fails after the client's retries throws.
 */
async function findJobForPullRequest(client, pr, logger) {
    const log = (line) => logger.info(line);
    const refused = [];
    let pages = 0;
    let listed = 0;
    while (pages < MAX_LIST_PAGES) {
        const page = await client.listJobs(pages * LIST_PAGE_SIZE);
        pages++;
        listed += page.length;
        const candidates = page.flatMap((entry) => {
            const why = matchOf(entry, pr);
            return why ? [{ entry, why }] : [];
        });
        log(`Read page ${pages} of Mintlify's job list: ${page.length} jobs, ${candidates.length} matching ${pr.url}${pr.headRef ? ` or branch ${pr.headRef}` : ''}.`);
        for (const { entry, why } of candidates) {
            if (refused.length >= MAX_CONFIRMATIONS)
                break;
            const id = entry.sessionId;
            log(`Candidate: job ${id}, listed by ${why}; confirming it with Mintlify's v2 API.`);
            const verdict = await job_lookup_confirm(client, id, pr);
            if (verdict.job) {
                log(`Confirmed: job ${id} works on ${pr.url}.`);
                return { job: verdict.job, account: '' };
            }
            log(`Not confirmed: ${verdict.reason}.`);
            refused.push(`job \`${id}\` (listed by ${why}) ${verdict.reason}`);
        }
        if (page.length < LIST_PAGE_SIZE || refused.length >= MAX_CONFIRMATIONS)
            break;
    }
    const read = `Mintlify's job list (${listed} jobs on ${pages} page${pages === 1 ? '' : 's'}${pages === MAX_LIST_PAGES ? `, the most it reads` : ''})`;
    const account = refused.length
        ? `I looked for this pull request in ${read} and found ${refused.join('; ')}.`
        : `I looked for this pull request in ${read} and found no job whose pull request link is ${pr.url}${pr.headRef ? ` or whose branch is \`${pr.headRef}\`` : ''}.`;
    return { job: undefined, account };
}
/** The v2 read that makes a listed candidate this pull request's job, or why it does not. */
async function job_lookup_confirm(client, id, pr) {
    let job;
    try {
        job = await client.getJob(id);
    }
    catch (error) {
        if (error instanceof agent_api_MintlifyRequestError && error.status === 404)
            return { reason: 'is not a job that Mintlify’s v2 API knows' };
        throw error;
    }
    if (samePullRequest(job.prLink, pr.url))
        return { job };
    const repository = job.source?.repository;
    if (pr.headRef && job.source?.ref === pr.headRef) {
        // A branch name alone can be another repository's: the job must work where the branch lives.
        const expected = pr.headRepository ?? job_lookup_repositoryOf(pr.url);
        if (sameRepository(repository, expected))
            return { job };
        const where = repository
            ? `of ${repository}, not of ${expected}`
            : `but names no repository, so it cannot be told from a branch of that name in another repository`;
        return {
            reason: `works on branch \`${pr.headRef}\` ${where}, so it is not this pull request's job`
        };
    }
    const works = [
        job.source?.ref ? `works on branch \`${job.source.ref}\`` : 'names no branch',
        job.prLink ? `with pull request ${job.prLink}` : 'and no pull request'
    ].join(' ');
    return { reason: `${works}, so it is not this pull request's job` };
}
/**
 * The job a start made, when its answer was lost: the jobs the v1 list shows as created within
 * `from`..`to` (wall ms), each confirmed by a v2 read of its creation time. One is that start's
 * job; none means the start never made one; more than one (another start in the same project at
 * the same moment) cannot be told apart. Throws when the list or a listed job cannot be read.
 */
async function findStartedJob(client, window) {
    const within = (at) => {
        const ms = Date.parse(at ?? '');
        return ms >= window.from && ms <= window.to;
    };
    const listed = await client.listJobs(0);
    const candidates = listed.filter((entry) => !entry.createdAt || within(entry.createdAt));
    const confirmed = [];
    for (const entry of candidates.slice(0, MAX_CONFIRMATIONS)) {
        const job = await client.getJob(entry.sessionId).catch((error) => {
            // Gone since it was listed, so not that start's job; any other failure tells nothing.
            if (error instanceof MintlifyRequestError && error.status === 404)
                return undefined;
            throw error;
        });
        if (job && within(job.createdAt))
            confirmed.push(job);
    }
    const [only, ...more] = confirmed;
    if (only && !more.length)
        return { found: only };
    if (!only && candidates.length <= MAX_CONFIRMATIONS)
        return { none: true };
    return {
        unsettled: `${confirmed.length || candidates.length} jobs of this project were started at about that time`
    };
}

;// CONCATENATED MODULE: ./src/prompt/pages.ts
/**
 * The docs pages a code pull request already changes itself, named at the top of its prompts: when
 * the docs job works in the same repository, writing them again would conflict with the pull
 * request's own edits.
 */



const PAGES_NAMED = 30;
function whatToDo(docsRepository, pullRequestUrl) {
    const code = parsePullRequestUrl(pullRequestUrl);
    const codeRepository = code && `${code.owner}/${code.repo}`;
    const building = 'these pages are already being written in this pull request: do not write them again; build on them (link to them, add what they leave out)';
    if (docsRepository === undefined)
        return `If your docs repository is ${codeRepository ? `\`${codeRepository}\`` : "this pull request's repository"}, ${building}.`;
    // A bare owner/name is taken to be on the pull request's host.
    const host = code ? new URL(code.url).origin : 'https://github.com';
    const docs = /^[\w.-]+\/[\w.-]+$/.test(docsRepository.trim())
        ? `${host}/${docsRepository.trim()}`
        : docsRepository;
    if (code && sameRepository(docs, code.url.replace(/\/pull\/\d+$/, '')))
        return `Your docs repository is this pull request's repository (\`${codeRepository}\`): ${building}.`;
    const named = repositoryKey(docs)?.replace(/^[^/]+\//, '') ?? docsRepository;
    return `Your docs repository is another one (\`${named}\`): take these pages as facts about the change.`;
}
/**
 * The note on the docs pages among `files`; empty when the change edits none. The code's
 * repository is the pull request's.
 */
function docsPagesNote(files, { docsRepository }, pullRequestUrl) {
    const pages = files.filter((file) => file.status !== 'removed' && isDocsPage(file.path));
    if (!pages.length)
        return '';
    const named = pages
        .slice(0, PAGES_NAMED)
        .map((file) => `\`${file.path}\`${file.status === 'added' ? ' (new)' : ''}`)
        .join(', ');
    const more = pages.length > PAGES_NAMED ? ` and ${plural(pages.length - PAGES_NAMED, 'more page')}` : '';
    return `This pull request already changes these docs pages: ${named}${more}. ${whatToDo(docsRepository, pullRequestUrl)}`;
}

;// CONCATENATED MODULE: ./src/prompt/prompt.ts
/**
 * The prompts that keep a docs job in step with a code pull request: the whole pull request
 * first, then what each push added. Each stays within the action's prompt limit, names the docs
 * pages the pull request already changes, gives the digest of the surface it changes, lists
 * every changed file, and quotes the diffs each within its share of the room.
 */




const DESCRIPTION_LIMIT = 2_000;
const COMMITS_LISTED = 50;
const GITHUB_COMPARE_FILES = 300;
function facts(pr) {
    const body = plainLines(pr.body).trim();
    const description = body
        ? body.length > DESCRIPTION_LIMIT
            ? `${body.slice(0, DESCRIPTION_LIMIT)}… [cut: ${body.length - DESCRIPTION_LIMIT} more characters]`
            : body
        : '(none)';
    return [
        `Pull request: ${pr.url} (mention it in the docs pull request's description, so that each links to the other)`,
        `Title: ${oneLine(pr.title)}`,
        `Author: ${pr.authorIsName ? pr.author : `@${pr.author}`}`,
        `Branches: ${pr.headRef} into ${pr.baseRef}`,
        'Description:',
        ...description.split('\n').map((line) => `> ${line}`)
    ];
}
const withInstructions = (rules, parts) => rules.instructions ? [rules.instructions, ...parts] : parts;
/** The first message: the whole pull request. `note` says why it is sent whole again, if it is. */
function wholePullRequestPrompt(pr, files, commits, rules, note) {
    const trust = `Where the description or a commit message and the diff disagree, the diff is what ${pr.merged ? 'merged' : 'will merge'}.`;
    const intro = note ??
        (pr.merged
            ? `A code pull request that changes the product was merged into ${pr.baseRef}: write the docs change it needs. Document new or changed behaviour; leave alone what is still accurate.`
            : `A code pull request changes the product: write the docs change it needs, while the code is under review. Later messages will bring what the pull request's new commits change. Document new or changed behaviour; leave alone what is still accurate.`);
    return layOut({
        head: withInstructions(rules, [
            `${intro} ${trust}`,
            facts(pr).join('\n'),
            docsPagesNote(files, rules, pr.url)
        ]),
        commits: (room) => [
            `Commits (${plural(commits.length, 'commit')}):`,
            ...commitList(commits, commits.length, room)
        ].join('\n'),
        files,
        total: pr.changedFiles,
        rules
    });
}
/** A follow-up: the commits pushed since the last message, and what they change. */
function newCommitsPrompt(pr, from, comparison, rules) {
    const shown = comparison.commits.slice(-COMMITS_LISTED);
    const reworked = comparison.files
        .filter((file) => file.deletions > 0 && file.status !== 'added' && !file.whole)
        .map((file) => `\`${file.path}\``);
    const revise = `Earlier messages may now be out of date: correct what the docs say from them where these commits change it, not only add to it.${reworked.length ? ` These commits remove or change lines in ${reworked.slice(0, 20).join(', ')}${reworked.length > 20 ? ` and ${reworked.length - 20} more` : ''}: what earlier messages quoted of those lines may no longer hold.` : ''}`;
    const capped = comparison.files.length >= GITHUB_COMPARE_FILES
        ? ` GitHub's comparison lists at most ${GITHUB_COMPARE_FILES} files: read the rest on the pull request.`
        : '';
    const merged = comparison.baseMerged
        ? ` ${pr.baseRef} was merged into the branch meanwhile: its changes are left out. Only the pull request's own commits are listed, and each file is quoted with the pull request's whole change of it, which holds none of ${pr.baseRef}'s lines.`
        : '';
    const intro = `The code pull request "${oneLine(pr.title)}" changed again: bring the docs change in step with these commits (everything before them was sent already).${merged}${capped} ${revise} Where a commit message and the diff disagree, the diff is what ${pr.merged ? 'merged' : 'will merge'}.`;
    const changed = comparison.files;
    return layOut({
        head: withInstructions(rules, [intro, docsPagesNote(changed, rules, pr.url)]),
        commits: (room) => [
            `New commits on ${pr.url} since the last message (${commits_short(from)}..${commits_short(pr.headSha)}, ${plural(comparison.totalCommits, 'commit')}):`,
            ...commitList(shown, comparison.totalCommits, room)
        ].join('\n'),
        files: changed,
        total: changed.length,
        rules
    });
}

;// CONCATENATED MODULE: ./src/prompt/changes.ts
/**
 * What a code pull request's docs job has not had yet, as the prompt that brings it: the whole
 * pull request first, then the commits since the last one sent. A real run and a dry run ask the
 * same question, so that the dry run prints exactly what would go.
 */



/**
 * The range's own part. A merge brings in the base branch (GitHub's "Update branch") only when a
 * parent other than its first is not one of the pull request's own commits; a merge of the team's
 * own sub-branch is the pull request's work. A base merge brings the base's commits and lines into
 * `sent...head`, so those go, and each file the pull request changes is quoted from its own patch
 * (the pull request's files list), which holds none of the base's lines. While GitHub's head lags
 * behind the range's, the range goes whole rather than lose what GitHub does not show yet.
 */
async function ownPart(reader, comparison, lagging) {
    if (lagging || !comparison.commits.some((commit) => commit.parents.length > 1))
        return comparison;
    const own = await reader.commits();
    const ownCommits = new Set(own.map((commit) => commit.sha));
    const bringsBase = (commit) => commit.parents.slice(1).some((parent) => !ownCommits.has(parent));
    if (!comparison.commits.some(bringsBase))
        return comparison;
    const files = await reader.files();
    // The merge that brought the base in is no work of the pull request's own either.
    const commits = comparison.commits.filter((commit) => ownCommits.has(commit.sha) && !bringsBase(commit));
    const inRange = new Set(comparison.files.map((file) => file.path));
    return {
        ...comparison,
        commits,
        totalCommits: commits.length,
        files: files.filter((file) => inRange.has(file.path)).map((file) => ({ ...file, whole: true })),
        baseMerged: true,
        ownWork: commits.length > 0
    };
}
/** The files, those `.gitattributes` marks generated marked so, to be ranked last. */
async function marked(reader, ref, files) {
    const attributes = (await reader.gitattributes?.(ref)) ?? '';
    if (!attributes.includes('linguist-generated'))
        return files;
    const generated = generatedByAttributes(attributes);
    return files.map((file) => (generated(file.path) ? { ...file, generated: true } : file));
}
/**
 * What to send to bring the job up to `target` from `sentSha`, the head it was last brought up
 * to. Without one (a new job) the whole pull request, with `note` first when a job takes over
 * from another.
 */
async function pendingChanges(target, reader, pr, sentSha, rules, note) {
    // The files list is GitHub's view at the head it answered with, so that head is what goes.
    const whole = async (why) => {
        const files = await marked(reader, pr.headSha, await reader.files());
        return {
            kind: 'whole',
            prompt: wholePullRequestPrompt(pr, files, await reader.commits(), rules, why),
            headSha: pr.headSha,
            files
        };
    };
    if (sentSha === undefined)
        return whole(note);
    const headSha = target;
    if (sentSha === headSha)
        return { kind: 'none', headSha };
    const comparison = await reader.compare(sentSha, headSha);
    if (!comparison) {
        // GitHub compares nothing it cannot see: a commit still on the branch means a missing permission.
        if ((await reader.commits()).some((commit) => commit.sha === sentSha))
            throw new ThreadReadError(`GitHub's API could not compare the commits ${sentSha.slice(0, 7)}..${headSha.slice(0, 7)} of pull request #${pr.number}, so nothing was sent: give the token contents: read.`);
    }
    if (!comparison || comparison.status === 'behind' || comparison.status === 'diverged')
        return whole(`The branch of pull request ${pr.url} was rewritten (a force push): ${sentSha.slice(0, 7)}, the commit the docs were last brought up to, is no longer part of it. Here is the whole pull request again: bring the docs change in step with it as it is now.`);
    const own = await ownPart(reader, comparison, headSha !== pr.headSha);
    if (own.baseMerged ? !own.ownWork : !own.files.length)
        return { kind: 'none', headSha, base: Boolean(own.baseMerged) };
    const files = await marked(reader, headSha, own.files);
    return {
        kind: 'commits',
        prompt: newCommitsPrompt({ ...pr, headSha }, sentSha, { ...own, files }, rules),
        headSha,
        from: sentSha,
        files
    };
}

;// CONCATENATED MODULE: ./src/cli/prompt-preview.ts
/**
 * `mintlify-agent prompt`: the prompt mode sync would send for a branch of a local checkout,
 * built by the action's own prompt code from git alone (no token, no network), with where its
 * room went. The prompt goes to stdout, the budget to stderr.
 */





const PROMPT_USAGE = `Usage: mintlify-agent prompt [--base <branch>] [--since <commit>] [options]

Prints the prompt mode sync would send for this checkout's branch, built by the action's own
prompt code from git alone: no key, no token, no network. The prompt goes to stdout; where its
room went (each file quoted whole, cut, or listed only, and the share by kind) goes to stderr.

Options:
  --base <branch>     the branch the pull request would merge into (default main)
  --head <commit>     the pull request's head (default HEAD)
  --since <commit>    print the follow-up that brings a job from this commit up to the head,
                      instead of the first prompt
  --title <text>      the pull request's title (default the head commit's subject)
  --body <text>       the pull request's description (default none)
  --prompt <text>     the team's instructions, as the action's prompt input
  --exclude <globs>   as sync-exclude: globs listed without their diff (commas or spaces)
  --prefer <globs>    as sync-prefer: globs quoted first
  --json              print {"prompt", "budget"} as one JSON document on stdout
  -h, --help          show this help`;
class PromptUsageError extends Error {
}
const globs = (value) => (value ?? '').split(/[\s,]+/).filter(Boolean);
async function runPromptPreview(argv, cwd = process.cwd()) {
    const { values, positionals } = (0,external_node_util_.parseArgs)({
        args: argv,
        allowPositionals: true,
        options: {
            base: { type: 'string' },
            head: { type: 'string' },
            since: { type: 'string' },
            title: { type: 'string' },
            body: { type: 'string' },
            prompt: { type: 'string' },
            exclude: { type: 'string' },
            prefer: { type: 'string' },
            json: { type: 'boolean' },
            help: { type: 'boolean', short: 'h' }
        }
    });
    if (values.help) {
        process.stdout.write(`${PROMPT_USAGE}\n`);
        return 0;
    }
    if (positionals.length)
        throw new PromptUsageError(`prompt takes no words of its own (got '${positionals.join(' ').slice(0, 40)}'): give the team's instructions with --prompt "<text>".`);
    const instructions = values.prompt?.trim();
    if (instructions && instructions.length > MAX_SYNC_INSTRUCTIONS)
        throw new PromptUsageError(`--prompt is ${instructions.length} characters long; mode sync takes at most ${MAX_SYNC_INSTRUCTIONS}.`);
    let reader;
    try {
        reader = new GitPullRequest({
            cwd,
            base: values.base ?? 'main',
            head: values.head ?? 'HEAD',
            title: values.title,
            body: values.body
        });
    }
    catch (error) {
        if (error instanceof UnknownCommit)
            throw new PromptUsageError(`--${error.which} ${error.ref} is no commit of this checkout: give a branch, tag or SHA that git knows${error.which === 'base' ? ' (the base branch defaults to main)' : ''}.`);
        throw new Error(`git could not find the branches to compare in ${cwd} (${firstLine(error)}): run this in a git checkout, and name the base branch with --base (default main).`, { cause: error });
    }
    const rules = {
        instructions,
        exclude: globs(values.exclude),
        prefer: globs(values.prefer),
        limit: MAX_PROMPT_LENGTH
    };
    const since = values.since;
    if (since !== undefined && !reader.hasCommit(since))
        throw new PromptUsageError(`--since ${since} is no commit of this checkout: give a commit git knows (a SHA from 'git log', a branch or a tag).`);
    const pr = await reader.read();
    const pending = await pendingChanges(reader.headSha, reader, pr, since, rules);
    if (pending.kind === 'none') {
        process.stderr.write(pending.base
            ? `The commits since ${since} only bring in ${pr.baseRef}: a sync would send nothing.\n`
            : `Nothing is new since ${since}: a sync would send nothing.\n`);
        if (values.json)
            process.stdout.write(`${JSON.stringify({ prompt: null })}\n`);
        return 0;
    }
    const budget = promptBudget(pending.prompt, pending.files, rules);
    if (values.json)
        process.stdout.write(`${JSON.stringify({ prompt: pending.prompt, budget })}\n`);
    else
        process.stdout.write(`${pending.prompt}\n`);
    process.stderr.write(`${budgetLines(budget).join('\n')}\n`);
    return 0;
}
const firstLine = (error) => String(error.stderr || error.message)
    .trim()
    .split('\n')[0];

;// CONCATENATED MODULE: ./src/cli/document.ts
function documentOf(command, outcome) {
    const job = outcome.job ?? null;
    return {
        command,
        jobId: job?.id ?? (outcome.jobId || null),
        status: job?.status ?? null,
        prLink: job?.prLink ?? null,
        sent: outcome.sent,
        created: outcome.created,
        timedOut: outcome.timedOut,
        durationMs: Math.round(outcome.durationMs),
        job,
        error: outcome.failure
            ? {
                message: outcome.failure,
                kind: outcome.failureKind ?? 'failed',
                status: outcome.failureStatus ?? null
            }
            : null
    };
}
/** A run that ended before any job was read: a wrong command line, a failed lookup. */
function errorDocument(command, message, kind, status = null) {
    return {
        command,
        jobId: null,
        status: null,
        prLink: null,
        sent: false,
        created: false,
        timedOut: false,
        durationMs: 0,
        job: null,
        error: { message, kind, status }
    };
}
/** The result for people: three lines on stdout. */
function plainResult(document) {
    return [
        `job: ${document.jobId ?? 'none'}`,
        `status: ${document.status ?? 'unknown'}${document.timedOut ? ' (still running)' : ''}`,
        `pull request: ${document.prLink ?? 'none'}`,
        ''
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/adapters/github/errors.ts
/** What GitHub's API answered when a call failed, in words a workflow author can act on. */
/** The `permissions:` line each kind of call needs, named when GitHub refuses one. */
const NEEDS = {
    conversation: 'issues: write',
    reviewThread: 'pull-requests: write',
    readConversation: 'issues: read',
    readPullRequest: 'pull-requests: read',
    readContents: 'contents: read',
    collaborators: 'metadata: read',
    checks: 'checks: write',
    runs: 'actions: read'
};
/** Octokit reports a network fault as status 500 with the fault as its cause. */
function networkCause(error) {
    const cause = error.cause;
    return cause?.code ?? cause?.cause?.code;
}
/** `403 Resource not accessible by integration`, `network error ECONNREFUSED after 4 attempts`, … */
function describeGitHubError(error) {
    const failure = (error ?? {});
    const attempts = (failure.request?.request?.retryCount ?? 0) + 1;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    const network = networkCause(failure);
    if (network)
        return `network error ${network}${tries}`;
    // Octokit appends GitHub's documentation link to the message: the log needs only the words.
    const message = String(failure.message ?? error).replace(/ - https:\/\/docs\.github\.com\S*$/, '');
    return `${failure.status ? `${failure.status} ${message}` : message}${tries}`;
}
/**
 * GitHub's answer when the token lacks a permission: a workflow token without the permission
 * (or a GitHub App token) gets `403 Resource not accessible by integration`.
 */
function lacksPermission(error) {
    const failure = (error ?? {});
    return failure.status === 403 && /not accessible by integration/i.test(String(failure.message));
}
/**
 * One clause for a failed GitHub call: what GitHub answered, and for a missing permission which
 * `permissions:` line the workflow needs.
 */
function explainGitHubError(error, permission) {
    const answer = describeGitHubError(error);
    return lacksPermission(error)
        ? `${answer}: the workflow's token lacks \`${permission}\`; add it to the workflow's \`permissions:\``
        : answer;
}

;// CONCATENATED MODULE: ./src/adapters/github/conditional.ts
/**
 * Makes every GET that was answered before conditional (`If-None-Match` with the last ETag), and
 * answers a `304 Not Modified` from memory: GitHub does not count a 304 against the token's rate
 * limit, so reading what did not change again is free. Each page of a list is its own URL, so
 * paging works as before. ETags belong to the token, so the memory lasts one run.
 */
function rememberAnswers(octokit) {
    const cache = new Map();
    octokit.hook.wrap('request', async (request, options) => {
        if (options.method !== 'GET')
            return request(options);
        const { url, headers } = octokit.request.endpoint.parse(options);
        const key = `${headers.accept ?? ''} ${url}`;
        const cached = cache.get(key);
        // Every hook of the chain is handed the same options object: the header goes into it, since
        // options passed on to the next hook would be dropped.
        if (cached)
            options.headers['if-none-match'] = cached.etag;
        try {
            const response = await request(options);
            const etag = response.headers.etag;
            if (etag)
                cache.set(key, { etag, response });
            return response;
        }
        catch (error) {
            if (cached && error.status === 304)
                return cached.response;
            throw error;
        }
    });
}

;// CONCATENATED MODULE: ./src/adapters/github/octokit.ts


/** How many times a rate-limited call is tried again, each after the wait GitHub asks for. */
const RATE_LIMIT_RETRIES = 2;
/**
 * Each try of a call ends within this, and counts as a 5xx when it does not (octokit tries it
 * again): undici would wait 5 minutes on a silent connection. Four tries and octokit's pauses
 * (1, 4 and 9 s) end within 94 s, so a call begun a minute before the send lock's hold ends is
 * over before its lease does, a minute after.
 */
const TRY_TIMEOUT_MS = 20_000;
/** Gives each try its own timeout; placed before the retry plugin, so that it runs on every try. */
function timeEachTry(octokit) {
    octokit.hook.before('request', (options) => {
        options.request = { ...options.request, signal: AbortSignal.timeout(TRY_TIMEOUT_MS) };
    });
}
/**
 * A GitHub client for `token`, at `GITHUB_API_URL` (GitHub Enterprise Server) or api.github.com,
 * with octokit's own retry (5xx and network faults) and throttling (rate limits, with the waits
 * GitHub asks for) plugins, and conditional reads (see rememberAnswers). Loaded only now, so that runs which never talk to GitHub do not pay
 * for octokit at start-up.
 */
async function openOctokit(token, options) {
    const [{ getOctokit }, { retry }, { throttling }, { default: Bottleneck }] = await Promise.all([
        __webpack_require__.e(/* import() */ 758).then(__webpack_require__.bind(__webpack_require__, 1758)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(735)]).then(__webpack_require__.bind(__webpack_require__, 9735)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(856)]).then(__webpack_require__.bind(__webpack_require__, 6856)),
        __webpack_require__.e(/* import() */ 251).then(__webpack_require__.t.bind(__webpack_require__, 3251, 23))
    ]);
    const { logger, clock, deadline } = options;
    const waitOrGiveUp = (kind, retryAfterS, retryCount) => {
        const wait = retryAfterS * 1000;
        if (retryCount >= RATE_LIMIT_RETRIES || clock.now() + wait >= deadline) {
            logger.warning(`GitHub's ${kind} was reached, and waiting ${duration_formatDuration(wait)} would not fit.`);
            return false;
        }
        logger.warning(`GitHub's ${kind} was reached; trying again in ${duration_formatDuration(wait)}, as GitHub asks.`);
        return true;
    };
    const octokit = getOctokit(token, {
        // Read now, not when @actions/github was first loaded: @github/local-action loads its own
        // stand-in before it reads the .env file, whose GITHUB_API_URL it would otherwise miss.
        baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
        throttle: {
            onRateLimit: (retryAfter, _options, _octokit, count) => waitOrGiveUp('rate limit', retryAfter, count),
            onSecondaryRateLimit: (retryAfter, _options, _octokit, count) => waitOrGiveUp('secondary rate limit', retryAfter, count),
            // A run makes a handful of writes, each run in its own process: octokit's pacing of one
            // write a second (three for new comments) would only delay what people are waiting for,
            // and the clean-up after a cancellation, which the runner gives only a few seconds.
            // GitHub's limits are still honoured: a 403 or 429 that asks to wait is waited out.
            write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
            notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 })
        }
    }, timeEachTry, retry, throttling);
    rememberAnswers(octokit);
    return octokit;
}

;// CONCATENATED MODULE: ./src/cli/jobs.ts






async function jobOfPullRequest(pullRequest, settings, context) {
    const { logger } = context;
    const token = process.env.GH_TOKEN || process.env.GITHUB_TOKEN;
    let headRef;
    let headRepository;
    if (!token) {
        logger.info(`No GH_TOKEN or GITHUB_TOKEN: the pull request's head branch cannot be read from GitHub, so only a job whose pull request link is ${pullRequest.url} can match.`);
    }
    else {
        try {
            const octokit = await openOctokit(token, context);
            const { data } = await octokit.rest.pulls.get({
                owner: pullRequest.owner,
                repo: pullRequest.repo,
                pull_number: pullRequest.number
            });
            headRef = data.head.ref;
            headRepository = data.head.repo?.html_url;
        }
        catch (error) {
            logger.warning(`Could not read the pull request from GitHub (${describeGitHubError(error)}): only a job whose pull request link is ${pullRequest.url} can match.`);
        }
    }
    const command = settings.prompt === undefined ? 'status' : 'follow-up';
    try {
        const lookup = await findJobForPullRequest(context.agent, { url: pullRequest.url, headRef, headRepository }, logger);
        if (lookup.job)
            return lookup.job.id;
        return errorDocument(command, `No Mintlify agent job was confirmed for ${pullRequest.url}. ${lookup.account} Name the job with --job <job-id>.`, 'no-job');
    }
    catch (error) {
        if (context.signal.aborted)
            return errorDocument(command, 'Stopped before the job was found.', 'cancelled');
        return errorDocument(command, explainFailure(error, {
            operation: 'list',
            jobId: '',
            projectId: settings.projectId,
            baseUrl: settings.baseUrl,
            requestTimeoutMs: settings.requestTimeoutMs,
            vocabulary: context.vocabulary
        }), failureKind(error, 'list'), error.status ?? null);
    }
}
/** Reads the job once (retried like any read) and says how it stands. */
async function showStatus(settings, context) {
    const jobId = settings.jobId ?? '';
    let job;
    try {
        job = await context.agent.getJob(jobId);
    }
    catch (error) {
        if (context.signal.aborted)
            return errorDocument('status', 'Stopped before the job was read.', 'cancelled');
        const document = errorDocument('status', explainFailure(error, {
            operation: 'read',
            jobId,
            projectId: settings.projectId,
            baseUrl: settings.baseUrl,
            requestTimeoutMs: settings.requestTimeoutMs,
            vocabulary: context.vocabulary
        }), failureKind(error, 'read'), error.status ?? null);
        return { ...document, jobId };
    }
    const ended = agent_api_isFinal(job.status) && job.status !== 'completed';
    return {
        command: 'status',
        jobId: job.id,
        status: job.status,
        prLink: job.prLink ?? null,
        sent: false,
        created: false,
        timedOut: false,
        durationMs: 0,
        job,
        error: ended
            ? {
                message: job.status === 'failed'
                    ? `Mintlify agent job ${job.id} failed: see the Mintlify dashboard for what went wrong, then send another follow-up.`
                    : `Mintlify agent job ${job.id} is archived and takes no more work: start a new job.`,
                kind: job.status === 'failed' ? 'job-failed' : 'job-archived',
                status: null
            }
            : null
    };
}

;// CONCATENATED MODULE: ./src/cli/commands.ts
/** The command line's commands and their flags, and the help each prints. */
const PROJECT = {
    name: 'project',
    value: 'id',
    says: 'the Mintlify project, from the API keys page of the dashboard'
};
const JOB = { name: 'job', value: 'id', says: 'the agent job' };
const PR = {
    name: 'pr',
    value: 'url',
    says: "the pull request whose job it is, found in Mintlify's job list (see 'mintlify-agent --help')"
};
const BASE_URL = {
    name: 'base-url',
    value: 'url',
    says: 'the Mintlify API (default https://api.mintlify.com, or MINTLIFY_BASE_URL)'
};
const WAITING = [
    {
        name: 'timeout',
        value: 'duration',
        says: 'longest wait for a final status, as 90s, 15m, 1h (default 30m)'
    },
    {
        name: 'poll-interval',
        value: 'duration',
        says: 'time between two status reads (default 5s, or the timeout when shorter)'
    },
    { name: 'no-wait', says: 'send, print what Mintlify answered, and exit' }
];
const COMMON = [
    {
        name: 'request-timeout',
        value: 'duration',
        says: 'longest one request may take (default 30s)'
    },
    { name: 'json', says: 'print the result as one JSON document on stdout' },
    { name: 'verbose', says: 'print request details' },
    { name: 'help', says: 'show this help' }
];
const COMMAND_HELP = {
    'follow-up': {
        synopsis: 'mintlify-agent follow-up --project <id> (--job <id> | --pr <url>) [options] "<prompt>"',
        what: 'Sends the job a follow-up message once it is not busy, and waits for it to finish.',
        flags: [PROJECT, JOB, PR, BASE_URL, ...WAITING, ...COMMON]
    },
    create: {
        synopsis: 'mintlify-agent create --project <id> [options] "<prompt>"',
        what: 'Starts a new agent job (one of the project’s hourly requests) and waits for it to finish.',
        flags: [PROJECT, BASE_URL, ...WAITING, ...COMMON]
    },
    status: {
        synopsis: 'mintlify-agent status --project <id> (--job <id> | --pr <url>) [--json]',
        what: 'Reads the job once and prints how it stands; sends nothing.',
        flags: [
            PROJECT,
            JOB,
            PR,
            BASE_URL,
            {
                name: 'timeout',
                value: 'duration',
                says: 'longest the read may take, its retries included (default 30m)'
            },
            ...COMMON
        ]
    }
};
const commands_COMMANDS = Object.keys(COMMAND_HELP);
/** The commands that parse their own flags (src/simulator/command.ts, prompt-preview.ts). */
const OWN_PARSERS = ['prompt', 'simulator'];
/** Every command `--help` lists, as a sentence names them: `follow-up, create, … or simulator`. */
const COMMAND_LIST = [...commands_COMMANDS, ...OWN_PARSERS].join(', ').replace(/, (?=[^,]*$)/, ' or ');
function isOwnParser(word) {
    return OWN_PARSERS.includes(word);
}
function isCommand(word) {
    return word !== undefined && word in COMMAND_HELP;
}
/** The first word that is neither a flag nor a flag's value: the command, or `help`. */
function firstWord(argv) {
    const valued = new Set(Object.values(COMMAND_HELP).flatMap(({ flags }) => flags.filter((flag) => flag.value).map((flag) => `--${flag.name}`)));
    let skipNext = false;
    for (const word of argv) {
        if (skipNext)
            skipNext = false;
        else if (valued.has(word))
            skipNext = true;
        else if (!word.startsWith('-'))
            return word;
    }
    return undefined;
}
/** The flags of a command, as node:util's parseArgs takes them. */
function parseOptions(command) {
    return Object.fromEntries(COMMAND_HELP[command].flags.map((flag) => [
        flag.name,
        { type: flag.value ? 'string' : 'boolean' }
    ]));
}
/** Every command's flags together: what a command line without a command may carry. */
function anyCommandOptions() {
    return Object.assign({}, ...commands_COMMANDS.map(parseOptions));
}
/** What `mintlify-agent <command> --help` prints. */
function commandUsage(command) {
    const { synopsis, what, flags } = COMMAND_HELP[command];
    const left = (flag) => `--${flag.name}${flag.value ? ` <${flag.value}>` : ''}`;
    const width = Math.max(...flags.map((flag) => left(flag).length)) + 2;
    return [
        `Usage: ${synopsis}`,
        '',
        what,
        '',
        'Options:',
        ...flags.map((flag) => `  ${left(flag).padEnd(width)}${flag.says}`),
        '',
        "The key comes from MINTLIFY_API_KEY; 'mintlify-agent --help' lists the environment and exit codes."
    ].join('\n');
}

// EXTERNAL MODULE: ./src/cli/shell-word.ts
var shell_word = __webpack_require__(2697);
;// CONCATENATED MODULE: ./src/cli/usage.ts
const USAGE = `mintlify-agent: send the Mintlify agent a follow-up, start a job, or read one.

Usage:
  mintlify-agent follow-up --project <id> (--job <id> | --pr <url>) [options] "<prompt>"
  mintlify-agent create --project <id> [options] "<prompt>"
  mintlify-agent status --project <id> (--job <id> | --pr <url>) [--json]
  mintlify-agent simulator [options]   a local stand-in for the Mintlify API (simulator --help)
  mintlify-agent prompt [--base <b>]   mode sync's prompt for this checkout's branch, from git
                                       alone (prompt --help)

Options:
  --project <id>            the Mintlify project, from the API keys page of the dashboard
  --job <id>                the agent job to send to or read
  --pr <url>                the pull request whose job to send to or read (see below)
  --base-url <url>          the Mintlify API (default https://api.mintlify.com)
  --timeout <duration>      longest wait for a final status, as 90s, 15m, 1h (default 30m)
  --poll-interval <d>       time between two status reads (default 5s, or the timeout
                            when that is shorter)
  --request-timeout <d>     longest one request may take (default 30s)
  --no-wait                 send, print what Mintlify answered, and exit
  --json                    print the result as one JSON document on stdout
  --verbose                 print request details
  -v, --version             print the version
  -h, --help                show this help; 'mintlify-agent <command> --help' or
                            'mintlify-agent help <command>' shows one command's

Environment:
  MINTLIFY_API_KEY          the Mintlify admin key (mint_…); required, never printed
  MINTLIFY_BASE_URL         the Mintlify API, when --base-url is not given
  GH_TOKEN, GITHUB_TOKEN    lets --pr read the pull request's head branch from GitHub
  GITHUB_API_URL            GitHub's API, for --pr on GitHub Enterprise Server
                            (https://ghe.example.com/api/v3)
  HTTPS_PROXY, NO_PROXY     proxies for the calls to Mintlify

--pr finds the job behind a pull request the agent opened in Mintlify's job list, by the pull
request's link or its head branch, and confirms it with Mintlify before using it: a job found by
the branch must work in the repository the branch lives in. The head branch is read from GitHub
only with a token; without one, only the link can match.

Exit codes:
  0    done: the job completed (with --no-wait, Mintlify took the request; status: the job
       has not failed and is not archived)
  1    the job failed, was archived or did not finish in time, or a request failed
  2    the command line is wrong
  130  stopped with Ctrl-C; the job goes on (the last line says how to check on it)
  143  stopped by SIGTERM; the job goes on`;

;// CONCATENATED MODULE: ./src/cli/parse.ts








const parse_DEFAULT_BASE_URL = 'https://api.mintlify.com';
/** A wrong command line: exit 2, with a pointer to the command's --help. */
class UsageError extends Error {
    command;
    constructor(message, command = undefined) {
        super(message);
        this.command = command;
    }
}
/** Flags people try that the command line spells otherwise. */
const SPELLED_OTHERWISE = {
    wait: 'it waits by default; give --no-wait not to wait',
    key: 'the key comes from the MINTLIFY_API_KEY environment variable',
    'api-key': 'the key comes from the MINTLIFY_API_KEY environment variable',
    'project-id': 'the project is --project <id>',
    'job-id': 'the job is --job <id>'
};
/**
 * Reads a command line: `<command> [flags] [prompt]`, `help [command]`, `<command> --help`.
 * Prints help and returns `printed` when that is what was asked for.
 */
function parse(argv) {
    const first = firstWord(argv);
    if (first === 'help')
        return printHelp(argv);
    if (first === undefined)
        return withoutCommand(argv);
    if (!isCommand(first))
        throw new UsageError(`Unknown command '${first}': use ${COMMAND_LIST}.`);
    const command = first;
    const parsedArgs = readFlags(argv, command, parseOptions(command));
    const values = parsedArgs.values;
    const words = parsedArgs.positionals.slice(1);
    if (values.help) {
        process.stdout.write(`${commandUsage(command)}\n`);
        return { kind: 'printed' };
    }
    if (values.job && values.pr)
        throw new UsageError('--job and --pr both name the job: give one.', command);
    if (command !== 'create' && !values.job && !values.pr)
        throw new UsageError(`${command} needs --job <job-id> or --pr <pull request URL>: the job to ${command === 'status' ? 'read' : 'send to'}. To start a new job, use 'mintlify-agent create'.`, command);
    const pullRequest = values.pr === undefined ? undefined : parsePullRequestUrl(values.pr);
    if (values.pr !== undefined && !pullRequest)
        throw new UsageError(`--pr takes a pull request's address, such as https://github.com/acme/docs/pull/42 (got ${JSON.stringify(values.pr.slice(0, 80))}).`, command);
    // `--timeout 5 minutes "x"`: the unit is not part of the flag's value, and would open the prompt.
    const unit = /^(ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)$/i;
    const durationFlag = ['timeout', 'poll-interval', 'request-timeout'].find((name) => typeof values[name] === 'string');
    if (durationFlag && words.length > 1 && unit.test(words[0] ?? ''))
        throw new UsageError(`The prompt would start with '${words[0]}', which looks like the unit of a duration: write --${durationFlag} as one word (as 5m or 90s), and give the prompt as one quoted argument.`, command);
    const prompt = words.join(' ').trim() || undefined;
    if (command === 'status' && prompt)
        throw new UsageError(`status takes no prompt (got ${JSON.stringify(prompt.slice(0, 40))}).`, command);
    return { kind: 'command', command, values, prompt, pullRequest };
}
const OWN_USAGE = { prompt: PROMPT_USAGE, simulator: SIMULATOR_USAGE };
/** `help [command]`: the whole usage, or one command's. */
function printHelp(argv) {
    const words = argv.filter((word) => word !== '-h' && word !== '--help');
    const flag = words.find((word) => word.startsWith('-'));
    if (flag)
        throw new UsageError(`help takes a command's name and no flags (got '${flag}'): as 'mintlify-agent help status'.`);
    const [, topic, ...more] = words;
    if (more.length)
        throw new UsageError(`help takes one command's name (got '${words.slice(1).join(' ')}').`);
    if (topic !== undefined && !isCommand(topic) && !isOwnParser(topic))
        throw new UsageError(`There is no command '${topic}': use ${COMMAND_LIST}.`);
    const help = topic === undefined ? USAGE : isOwnParser(topic) ? OWN_USAGE[topic] : commandUsage(topic);
    process.stdout.write(`${help}\n`);
    return { kind: 'printed' };
}
/**
 * Flags and no command: the usage for `--help` (or nothing at all), otherwise an error that
 * names an unknown flag, or says that a command comes first.
 */
function withoutCommand(argv) {
    const { values } = readFlags(argv, undefined, anyCommandOptions());
    if (argv.length && !values.help)
        throw new UsageError(`No command given: it comes first, as in 'mintlify-agent <command> ${argv.map(shell_word/* shellWord */.r).join(' ')}', where <command> is ${COMMAND_LIST}.`);
    process.stdout.write(`${USAGE}\n`);
    return { kind: 'printed' };
}
/** The flags of `options` (and -h, --help) read from `argv`; a wrong one is a UsageError. */
function readFlags(argv, command, options) {
    checkValues(command, options, argv);
    try {
        return (0,external_node_util_.parseArgs)({
            args: argv,
            allowPositionals: true,
            options: { ...options, help: { type: 'boolean', short: 'h' } }
        });
    }
    catch (error) {
        throw new UsageError(parserMessage(error, command), command);
    }
}
/**
 * A flag's value that starts with a dash (`--timeout -5`) reads to a parser as another flag:
 * it is named here for what it is.
 */
function checkValues(command, options, argv) {
    argv.forEach((word, i) => {
        const name = /^--([a-z-]+)$/.exec(word)?.[1];
        const next = argv[i + 1];
        if (name && options[name]?.type === 'string' && next?.startsWith('-'))
            throw new UsageError(`--${name} takes a value${name.endsWith('timeout') || name === 'poll-interval' ? ' such as 90s, 15m or 1h' : ''} (got ${JSON.stringify(next)}).`, command);
    });
}
/**
 * node:util's parse errors (code ERR_PARSE_ARGS_…) in the command line's own words, for every
 * command: `command` is the one whose flags were read, if any. The pointer to its --help is the
 * caller's line after this one.
 */
function parserMessage(error, command) {
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(error.message)?.[1];
    if (unknown) {
        const name = unknown.slice(2);
        const hint = unknown.startsWith('--') && Object.hasOwn(SPELLED_OTHERWISE, name)
            ? SPELLED_OTHERWISE[name]
            : undefined;
        if (hint)
            return `There is no ${unknown} flag: ${hint}.`;
        return command ? `${command} has no ${unknown} flag.` : `There is no ${unknown} flag.`;
    }
    const flag = /Option '(?:-\w, )?(--[\w-]+)/.exec(error.message)?.[1];
    if (flag && / argument missing/.test(error.message))
        return `${flag} needs a value.`;
    if (flag && / argument is ambiguous/.test(error.message))
        return `${flag} needs a value, and the word after it starts with a dash: write ${flag}=<value> for a value that does.`;
    if (flag && /does not take an argument/.test(error.message))
        return `${flag} takes no value.`;
    const word = /Unexpected argument '([^']*)'/.exec(error.message)?.[1];
    if (word !== undefined)
        return `${command ?? 'mintlify-agent'} takes no words of its own (got '${word.slice(0, 40)}').`;
    const said = (error.message.split('\n')[0] ?? '').replace(/'/g, '').replace(/\.$/, '');
    return `${said}.`;
}
function settingsFrom(parsed, vocabulary) {
    const { command, values, prompt } = parsed;
    const inputs = {
        'api-key': process.env.MINTLIFY_API_KEY ?? '',
        'project-id': values.project ?? '',
        'job-id': values.job ?? '',
        prompt: prompt ?? '',
        mode: command === 'create' ? 'create' : 'follow-up',
        wait: values['no-wait'] ? 'false' : 'true',
        timeout: values.timeout ?? '',
        'poll-interval': values['poll-interval'] ?? '',
        'request-timeout': values['request-timeout'] ?? '',
        'base-url': values['base-url'] ?? process.env.MINTLIFY_BASE_URL ?? ''
    };
    try {
        return readSettings({ get: (name) => inputs[name] ?? '', mask: () => undefined }, {
            commentTriggered: false,
            readOnly: command === 'status',
            jobLookedUp: values.pr !== undefined,
            // A base URL from the environment is named as the variable it came from.
            vocabulary: values['base-url'] === undefined && process.env.MINTLIFY_BASE_URL
                ? {
                    ...vocabulary,
                    subject: (setting) => setting === 'base-url' ? 'MINTLIFY_BASE_URL' : vocabulary.subject(setting)
                }
                : vocabulary
        });
    }
    catch (error) {
        if (error instanceof InputError)
            throw new UsageError(error.message, command);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/cli/progress.ts

/** On a terminal, one line rewritten in place with the status and the elapsed time; else nothing. */
class Progress {
    live;
    #text = '';
    #timer;
    #startedAt = Date.now();
    #status = 'sending';
    #jobId = '';
    constructor(live, jobId) {
        this.live = live;
        this.#jobId = jobId ?? '';
        if (live)
            this.#timer = setInterval(() => this.#render(), 1000).unref();
    }
    update(outcome) {
        this.#status = outcome.job?.status ?? this.#status;
        this.#jobId = outcome.job?.id ?? outcome.jobId;
        this.#render();
    }
    /** A plain line, above the live one. */
    print(text) {
        this.#clear();
        process.stderr.write(`${text}\n`);
        this.#render();
    }
    stop() {
        clearInterval(this.#timer);
        this.#clear();
        this.#text = '';
    }
    #render() {
        if (!this.live)
            return;
        const job = this.#jobId ? `job ${this.#jobId}` : 'new job';
        this.#text = `⏳ ${job}: ${this.#status}, ${duration_formatDuration(Date.now() - this.#startedAt)} elapsed`;
        process.stderr.write(`\r\x1b[2K${this.#text}`);
    }
    #clear() {
        if (this.live && this.#text)
            process.stderr.write('\r\x1b[2K');
    }
}
/** Progress and details go to stderr, above the live line, so that stdout holds only the result. */
function terminalLogger(verbose, progress) {
    const line = (text) => progress.print(text);
    return {
        info: line,
        notice: line,
        warning: (text) => line(`warning: ${text}`),
        debug: (text) => verbose && line(`debug: ${text}`)
    };
}

;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * `mintlify-agent`: the action's core from a terminal. Human progress goes to stderr, the result
 * to stdout (one JSON document with --json), so that the output can be piped.
 */












/** Exit codes a shell gives a process stopped by these signals. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 };
/** Runs one command line; resolves with the exit code. Never throws. */
async function main(argv) {
    const first = firstWord(argv);
    if (isOwnParser(first)) {
        const at = argv.indexOf(first);
        return ownParser(first, [...argv.slice(0, at), ...argv.slice(at + 1)]);
    }
    const json = argv.includes('--json');
    const command = isCommand(first) ? first : null;
    try {
        const parsed = parse(argv);
        if (parsed.kind === 'printed')
            return 0;
        return await run(parsed, json);
    }
    catch (error) {
        if (!(error instanceof UsageError))
            return report(errorDocument(command, error.message, 'failed'), json, 1);
        const about = error.command ?? command;
        const help = `Run 'mintlify-agent ${about ? `${about} ` : ''}--help' for usage.`;
        return report(errorDocument(command, error.message, 'usage'), json, 2, help);
    }
}
const RUNNERS = {
    simulator: { run: (argv) => runSimulator(argv), usage: SimulatorUsageError },
    prompt: { run: (argv) => runPromptPreview(argv), usage: PromptUsageError }
};
/**
 * `simulator` and `prompt`, which read their own flags: a wrong command line exits 2, in the
 * same words as the other commands' (node:util's parse errors rewritten), anything else 1.
 */
async function ownParser(command, argv) {
    const { run, usage } = RUNNERS[command];
    try {
        return await run(argv);
    }
    catch (error) {
        const parser = error.code?.startsWith('ERR_PARSE_ARGS') === true;
        const message = parser ? parserMessage(error, command) : error.message;
        const wrongLine = parser || error instanceof usage;
        process.stderr.write(`error: ${message}\n${wrongLine ? `Run 'mintlify-agent ${command} --help' for usage.\n` : ''}`);
        return wrongLine ? 2 : 1;
    }
}
async function run(parsed, json) {
    const { command, values } = parsed;
    let statusLine = (jobId) => `mintlify-agent status --job ${(0,shell_word/* shellWord */.r)(jobId)}`;
    const vocabulary = cliVocabulary((jobId) => statusLine(jobId));
    let settings = settingsFrom(parsed, vocabulary);
    statusLine = (jobId) => [
        'mintlify-agent status',
        `--project ${(0,shell_word/* shellWord */.r)(settings.projectId)}`,
        `--job ${(0,shell_word/* shellWord */.r)(jobId)}`,
        ...(settings.baseUrl === parse_DEFAULT_BASE_URL
            ? []
            : [`--base-url ${(0,shell_word/* shellWord */.r)(settings.baseUrl)}`])
    ].join(' ');
    const progress = new Progress(Boolean(process.stderr.isTTY) && !json, settings.jobId);
    const logger = terminalLogger(Boolean(values.verbose), progress);
    const dispatcher = defaultDispatcher();
    // Ctrl-C or SIGTERM stops waiting; the job goes on, and the last line says how to find it.
    const cancellation = new AbortController();
    let stoppedBy;
    const stop = (signal) => {
        stoppedBy = signal;
        cancellation.abort(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const context = openRunContext({
        settings,
        dispatcher,
        logger,
        signal: cancellation.signal,
        vocabulary
    });
    const exitCode = (document) => !document.error ? 0 : (stoppedBy && SIGNAL_EXIT_CODES[stoppedBy]) || 1;
    try {
        if (parsed.pullRequest) {
            const found = await jobOfPullRequest(parsed.pullRequest, settings, context);
            if (typeof found !== 'string')
                return report(found, json, exitCode(found));
            settings = Object.freeze({ ...settings, jobId: found });
        }
        const document = command === 'status'
            ? await showStatus(settings, context)
            : documentOf(command, await askAgent({
                jobId: command === 'create' ? undefined : settings.jobId,
                prompt: settings.prompt ?? ''
            }, settings, context, {
                onWaiting: async (o) => progress.update(o),
                onSent: async (o) => progress.update(o),
                onRead: async (o) => progress.update(o)
            }));
        progress.stop();
        return report(document, json, exitCode(document));
    }
    finally {
        progress.stop();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await (cancellation.signal.aborted ? dispatcher.destroy() : dispatcher.close());
    }
}
/** Prints the result (stdout) and any error (stderr), with a hint after it; returns the exit code. */
function report(document, json, exitCode, hint) {
    if (document.error)
        process.stderr.write(`error: ${document.error.message}${hint ? `\n${hint}` : ''}\n`);
    if (json)
        process.stdout.write(`${JSON.stringify(document)}\n`);
    else if (document.jobId)
        process.stdout.write(plainResult(document));
    return exitCode;
}
/**
 * The job behind a pull request, found in Mintlify's job list and confirmed with a v2 read; the
 * head branch comes from GitHub when a token is at hand. Without a confirmed job, the document
 * that says why.
 */


/***/ })

};
