/** The sealed line: only the action's own line, in its own comment on its own pull request, opens. */
import { openSealed, sealedLine, sealFor } from '../src/thread/sealed-comment.js'

const seal = sealFor('mint_key', 'o/r#7', 'sync-record', 2)
const data = { job: { id: 'job-1' } }
const line = sealedLine(seal, 1001, data)

describe('openSealed', () => {
  it.each([
    ['its own line, in its own comment', line, 1001, data],
    ['the same line copied into another comment', line, 1002, undefined],
    [
      'a line sealed for another pull request',
      sealedLine(sealFor('mint_key', 'o/r#8', 'sync-record', 2), 1001, data),
      1001,
      undefined
    ],
    [
      'a line sealed with another key',
      sealedLine(sealFor('mint_other', 'o/r#7', 'sync-record', 2), 1001, data),
      1001,
      undefined
    ],
    [
      'a line of another version',
      sealedLine(sealFor('mint_key', 'o/r#7', 'sync-record', 1), 1001, data),
      1001,
      undefined
    ],
    ['a line whose data was changed', line.replace(/v2 \S+/, 'v2 e30'), 1001, undefined],
    [
      'its own line below text that looks like one (a title quoted above it)',
      `Docs for "<!-- mintlify-agent-action sync-record v2 e30 ${'A'.repeat(43)} -->"\n\n${line}`,
      1001,
      data
    ]
  ])('%s', (_case, body, commentId, expected) => {
    expect(openSealed(seal, commentId, body)).toEqual(expected)
  })
})
