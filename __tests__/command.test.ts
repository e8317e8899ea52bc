import { parseCommand } from '../src/comments/command.js'
import { findJobMarker, jobMarker } from '../src/thread/markers.js'
import { promptWithDiffContext } from '../src/comments/prompts.js'

describe('parseCommand', () => {
  it.each([
    ['/agent add examples', { kind: 'prompt', prompt: 'add examples', jobId: undefined }],
    ['\n\n  /agent add examples  \n', { kind: 'prompt', prompt: 'add examples', jobId: undefined }],
    [
      '/agent\nfirst line\n\nsecond line',
      { kind: 'prompt', prompt: 'first line\n\nsecond line', jobId: undefined }
    ],
    ['/agent --job job_42 fix it', { kind: 'prompt', prompt: 'fix it', jobId: 'job_42' }],
    ['/agent --job=job_42 fix it', { kind: 'prompt', prompt: 'fix it', jobId: 'job_42' }],
    ['/agent\r\nwindows line', { kind: 'prompt', prompt: 'windows line', jobId: undefined }],
    ['/agent', { kind: 'empty' }],
    ['/agent   \n  ', { kind: 'empty' }],
    ['/agent --job job_42', { kind: 'empty' }],
    ['> /agent add examples', { kind: 'none' }],
    ['/agents add examples', { kind: 'none' }],
    ['please /agent add examples', { kind: 'none' }],
    ['Looks good\n/agent add examples', { kind: 'none' }],
    ['', { kind: 'none' }]
  ])('%p', (body, command) => {
    expect(parseCommand(body, '/agent')).toEqual(command)
  })

  it('takes another command word', () => {
    expect(parseCommand('/docs go', '/docs')).toEqual({
      kind: 'prompt',
      prompt: 'go',
      jobId: undefined
    })
    expect(parseCommand('/agent go', '/docs')).toEqual({ kind: 'none' })
  })
})

describe('job markers', () => {
  it('round-trips, and the last marker in a text wins', () => {
    expect(findJobMarker(`text ${jobMarker('a1')}`)).toBe('a1')
    expect(findJobMarker(`${jobMarker('old')}\n${jobMarker('new')}`)).toBe('new')
    expect(findJobMarker('<!--mintlify-agent-action job=x9-->')).toBe('x9')
    expect(findJobMarker('no marker')).toBeUndefined()
    expect(findJobMarker(null)).toBeUndefined()
  })
})

describe('promptWithDiffContext', () => {
  it('puts the file, the line and the diff line first', () => {
    expect(
      promptWithDiffContext('why?', {
        path: 'docs/a.mdx',
        line: 12,
        hunk: '@@ -1,2 +1,2 @@\n-old\n+new'
      })
    ).toBe('Review comment on `docs/a.mdx` line 12, at this diff line:\n```diff\n+new\n```\n\nwhy?')
  })
})
