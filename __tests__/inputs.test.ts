import { InputError, MAX_PROMPT_LENGTH, readSettings } from '../src/settings/settings.js'
import { baseUrl, mendedBaseUrl } from '../src/settings/fields.js'

const valid = {
  'api-key': 'mint_secret',
  'project-id': 'proj_1',
  'job-id': 'job-abc',
  prompt: '  Add error handling examples  '
}

function source(values: Record<string, string>) {
  const masked: string[] = []
  return {
    masked,
    get: (name: string) => values[name] ?? '',
    mask: (secret: string) => void masked.push(secret)
  }
}

describe('readSettings', () => {
  it('applies the defaults of action.yml and trims the prompt', () => {
    const settings = readSettings(source(valid))
    expect(settings).toEqual({
      apiKey: 'mint_secret',
      projectId: 'proj_1',
      mode: 'follow-up',
      jobId: 'job-abc',
      prompt: 'Add error handling examples',
      wait: true,
      timeoutMs: 30 * 60_000,
      pollIntervalMs: 5_000,
      requestTimeoutMs: 30_000,
      failOnJobFailure: true,
      baseUrl: 'https://api.mintlify.com',
      comments: {
        command: '/agent',
        allowEdits: false,
        permission: 'write',
        allowedBots: [],
        trustedMarkerAuthors: [],
        githubToken: '',
        statusComment: true,
        reactions: true,
        maxRequestsPerThread: 0,
        checkRun: false,
        queueExpiryMs: 120_000
      },
      sync: {
        drafts: false,
        exclude: [],
        prefer: [],
        dryRun: false,
        skipLabel: 'no-docs',
        paths: [],
        checkRunName: 'Docs',
        checkRunFailOnJobFailure: false,
        docs: undefined
      }
    })
    expect(Object.isFrozen(settings)).toBe(true)
  })

  it('lets a comment supply job and prompt, and reads the comment settings', () => {
    const inputs = source({
      'api-key': 'mint_secret',
      'project-id': 'p1',
      'github-token': 'ghs_abc',
      command: '/docs',
      permission: 'Maintain',
      'allowed-bots': 'renovate[bot], dependabot[bot]\nmintlify[bot]',
      'allow-edits': 'true'
    })
    const settings = readSettings(inputs, { commentTriggered: true })
    expect(settings).toMatchObject({ jobId: undefined, prompt: undefined })
    expect(settings.comments).toMatchObject({
      command: '/docs',
      permission: 'maintain',
      allowEdits: true,
      allowedBots: ['renovate[bot]', 'dependabot[bot]', 'mintlify[bot]']
    })
    expect(inputs.masked).toEqual(['mint_secret', 'ghs_abc'])
  })

  it('masks docs-token as it reads it, and reads the docs pull request settings with it', () => {
    const inputs = source({
      'api-key': 'mint_secret',
      'project-id': 'p1',
      mode: 'sync',
      'docs-token': ' github_pat_docs ',
      'docs-merged-label': 'false',
      'docs-review-request': 'true'
    })
    const settings = readSettings(inputs)
    expect(inputs.masked).toContain('github_pat_docs')
    expect(settings.sync.docs).toEqual({
      token: 'github_pat_docs',
      reviewRequest: true,
      mergedLabel: '',
      readyOnMerge: true,
      closeWithCode: true
    })
    expect(() =>
      readSettings(
        source({
          'api-key': 'k',
          'project-id': 'p',
          mode: 'sync',
          'docs-token': 't',
          'docs-close-with-code': 'maybe'
        })
      )
    ).toThrow(/docs-close-with-code/)
    const elsewhere = source({
      'api-key': 'k',
      'project-id': 'p',
      'job-id': 'j',
      prompt: 'x',
      'docs-token': 'secret_t'
    })
    expect(() => readSettings(elsewhere)).toThrow(/only mode sync follows a docs pull request/)
    expect(elsewhere.masked).toContain('secret_t')
  })

  it('masks the key before anything else is validated', () => {
    const inputs = source({ 'api-key': 'mint_secret' })
    expect(() => readSettings(inputs)).toThrow(/project-id/)
    expect(inputs.masked).toEqual(['mint_secret'])
  })

  it('reads every setting given', () => {
    const settings = readSettings(
      source({
        ...valid,
        wait: 'FALSE',
        timeout: '1h',
        'poll-interval': '90s',
        'request-timeout': '10',
        'fail-on-job-failure': 'false',
        'base-url': 'http://127.0.0.1:8080/gateway/'
      })
    )
    expect(settings).toMatchObject({
      wait: false,
      timeoutMs: 3_600_000,
      pollIntervalMs: 90_000,
      requestTimeoutMs: 10_000,
      failOnJobFailure: false,
      baseUrl: 'http://127.0.0.1:8080/gateway'
    })
  })

  it.each([
    ['a missing key', { 'api-key': '' }, /'api-key' is required/],
    ['a blank key', { 'api-key': '   ' }, /'api-key' is required/],
    ['a key with a line break', { 'api-key': 'mint_a\nb' }, /'api-key' contains white space/],
    ['a missing project', { 'project-id': '' }, /'project-id' is required/],
    [
      'a missing job in follow-up mode',
      { 'job-id': '', mode: 'follow-up' },
      /'job-id' is empty, and mode is follow-up/
    ],
    [
      'a missing job with the default mode',
      { 'job-id': '', mode: '' },
      /'job-id' is empty, and mode is follow-up \(the default\).*set mode: create .* or mode: auto/
    ],
    ['a job with mode create', { mode: 'create' }, /mode is create, which always starts a new job/],
    [
      'job-id in mode sync',
      { mode: 'sync' },
      /mode is sync, which keeps the pull request's own docs job in its status comment: remove job-id/
    ],
    [
      'dry-run outside mode sync',
      { 'dry-run': 'true' },
      /dry-run prints the prompt mode sync would send/
    ],
    [
      'sync instructions too long for a prompt',
      { mode: 'sync', 'job-id': '', prompt: 'x'.repeat(10_001) },
      /in mode sync it leads every message and may be at most 10000/
    ],
    ['an unknown mode', { mode: 'sometimes' }, /'mode' must be follow-up, create, auto or sync/],
    ['a job with a slash', { 'job-id': 'a/b' }, /'job-id' is not a valid ID/],
    ['a job of ..', { 'job-id': '..' }, /'job-id' is not a valid ID/],
    ['a job with ?', { 'job-id': 'a?x=1' }, /'job-id' is not a valid ID/],
    ['a job with #', { 'job-id': 'a#b' }, /'job-id' is not a valid ID/],
    ['a job with a space', { 'job-id': 'a b' }, /'job-id' is not a valid ID/],
    ['a job with a control character', { 'job-id': 'a\u0007b' }, /'job-id' is not a valid ID/],
    ['a project with a slash', { 'project-id': '../admin' }, /'project-id' is not a valid ID/],
    ['a project with %', { 'project-id': 'p%2F1' }, /'project-id' is not a valid ID/],
    ['a blank prompt', { prompt: ' \n\t ' }, /'prompt' is required and must not be blank/],
    [
      'a prompt over the limit',
      { prompt: 'x'.repeat(MAX_PROMPT_LENGTH + 1) },
      /the limit is 20000/
    ],
    ['a timeout that is no duration', { timeout: 'soon' }, /'timeout' is not a duration/],
    ['a zero timeout', { timeout: '0' }, /'timeout' must be longer than zero/],
    ['a negative timeout', { timeout: '-5m' }, /'timeout' is not a duration/],
    [
      'an interval that is no duration',
      { 'poll-interval': 'often' },
      /'poll-interval' is not a duration/
    ],
    ['a zero interval', { 'poll-interval': '0s' }, /'poll-interval' must be longer than zero/],
    [
      'an interval longer than the timeout',
      { timeout: '10s', 'poll-interval': '1m' },
      /must not be longer than timeout/
    ],
    [
      'a request timeout of zero',
      { 'request-timeout': '0' },
      /'request-timeout' must be longer than zero/
    ],
    ['wait that is not a boolean', { wait: 'yes' }, /'wait' must be true or false/],
    [
      'fail-on-job-failure that is not a boolean',
      { 'fail-on-job-failure': '1' },
      /must be true or false/
    ],
    [
      'a base-url without a scheme',
      { 'base-url': 'localhost:4010' },
      /'base-url' must start with https:\/\/ or http:\/\/ \(got "localhost:4010"\): write http:\/\/localhost:4010/
    ],
    ['a base-url that is no URL', { 'base-url': 'https://' }, /'base-url' is not a URL/],
    [
      'an ftp base-url',
      { 'base-url': 'ftp://api.mintlify.com' },
      /must start with https:\/\/ or http:\/\//
    ],
    [
      'a base-url with a query',
      { 'base-url': 'https://api.mintlify.com/?x=1' },
      /must not carry a query/
    ],
    [
      'a base-url with credentials',
      { 'base-url': 'https://u:p@api.mintlify.com' },
      /must not carry a query, a fragment or credentials/
    ]
  ])('refuses %s with one clear message', (_case, override, message) => {
    let thrown: unknown
    try {
      readSettings(source({ ...valid, ...override }))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(InputError)
    expect((thrown as Error).message).toMatch(message)
    expect((thrown as Error).message).not.toContain('mint_secret')
  })
})

describe('the base URL’s advice', () => {
  // Every address a message proposes, then the sentence's end (`?`, `.`, `,` or a space).
  const proposed = (message: string) =>
    [...message.matchAll(/https?:\/\/[^\s,?]+?(?=[\s,?)]|\.?$)/g)].map((m) => m[0])

  it.each([
    'htp:/nowhere',
    'https:/api.mintlify.com',
    'https:api.mintlify.com',
    'http//localhost:4010',
    'HTTP:/127.0.0.1:4010/v1',
    'localhost:4010',
    'api.mintlify.com/',
    'nowhere at all',
    'https:/',
    'https:/a b',
    'http:/x.com/?q=1',
    'mailto:a@b.c'
  ])('%j: every URL it proposes is one that base-url takes as it is written', (given) => {
    let message = ''
    try {
      baseUrl(given, '--base-url')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).not.toBe('')
    const urls = proposed(message)
    expect(urls.length).toBeGreaterThan(0)
    for (const url of urls) expect(baseUrl(url, '--base-url')).toBe(url.replace(/\/+$/, ''))
  })

  it('mends only an http(s) scheme, and only before a well-formed host', () => {
    expect(mendedBaseUrl('https:/api.mintlify.com')).toBe('https://api.mintlify.com')
    expect(mendedBaseUrl('http:localhost:4010/v1')).toBe('http://localhost:4010/v1')
    for (const given of [
      'htp:/nowhere',
      'https:/',
      'https:/a b',
      'https:/x.com/?q=1',
      'httpbin.org'
    ])
      expect(mendedBaseUrl(given)).toBeUndefined()
  })
})
