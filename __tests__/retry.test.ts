import { isRetryableStatus, parseRetryAfter, retryDelayMs } from '../src/retry.js'

describe('retries', () => {
  it.each([
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [599, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [200, false],
  ])('HTTP %i retryable: %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable)
  })

  it('doubles the delay each attempt, with jitter between half and all of it, up to 10 s', () => {
    expect(retryDelayMs(1, undefined, 0, 0)).toBe(250)
    expect(retryDelayMs(1, undefined, 1, 0)).toBe(500)
    expect(retryDelayMs(3, undefined, 0, 0)).toBe(1000)
    expect(retryDelayMs(3, undefined, 1, 0)).toBe(2000)
    expect(retryDelayMs(20, undefined, 1, 0)).toBe(10_000)
  })

  it('honours Retry-After in seconds and as a date, capped at a minute', () => {
    const now = Date.UTC(2026, 0, 1)
    expect(retryDelayMs(1, '2', 0.5, now)).toBe(2000)
    expect(retryDelayMs(1, new Date(now + 3000).toUTCString(), 0.5, now)).toBe(3000)
    expect(retryDelayMs(1, '3600', 0.5, now)).toBe(60_000)
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })
})
