import { formatDuration, parseDuration } from '../src/core/duration.js'

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    ['45', 45_000],
    ['0.05', 50],
    [' 2M ', 120_000]
  ])('reads %p as %p ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['', 'soon', '5 minutes', '-5s', '1d', 's', '10s5'])('refuses %p', (text) => {
    expect(parseDuration(text)).toBeUndefined()
  })
})

describe('formatDuration', () => {
  it.each([
    [400, '400ms'],
    [5_000, '5s'],
    [95_000, '1m35s'],
    [3_600_000, '1h'],
    [3_725_000, '1h2m5s']
  ])('writes %p ms as %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
