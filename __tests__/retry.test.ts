import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApiClient } from '../src/clients/api-client.js'
import {
  type AttemptResult,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
  withRetries,
} from '../src/clients/retry.js'

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

describe('the retry loop, with its waits recorded instead of slept', () => {
  type Step = AttemptResult<string>
  const final = (answer: string): Step => ({ kind: 'final', answer })
  const busy = (answer: string, retryAfter?: string): Step => ({
    kind: 'retryable',
    answer,
    failure: 'HTTP 503',
    retryAfter,
  })
  const silent: Step = { kind: 'no-answer', failure: 'ECONNRESET' }

  async function runScript(steps: Step[], maxAttempts: number, random = 0) {
    const waits: number[] = []
    const retries: string[] = []
    let attempts = 0
    const result = await withRetries(async () => steps[attempts++], {
      maxAttempts,
      wait: async (ms) => void waits.push(ms),
      random: () => random,
      now: () => Date.UTC(2026, 0, 1),
      onRetry: (failure, delay, next) => retries.push(`${failure} ${delay} ${next}`),
    })
    return { result, waits, retries, attempts }
  }

  it('with a deadline, begins no wait or try that could not end by then, whatever Retry-After asks', async () => {
    let clock = 0
    const tries: number[] = []
    const answer = { kind: 'retryable', answer: 'busy', failure: 'HTTP 503', retryAfter: '60' } as const
    const result = await withRetries(async (number) => (tries.push(number), answer), {
      maxAttempts: 5,
      wait: async (ms) => void (clock += ms),
      random: () => 0,
      now: () => clock,
      deadline: 5000,
      onRetry: () => undefined,
    })
    expect(result).toEqual({ answer: 'busy' })
    expect(tries).toEqual([1])
    expect(clock).toBe(0)
  })

  it('returns a final answer at once', async () => {
    const { result, waits, attempts } = await runScript([final('ok')], 4)
    expect(result).toEqual({ answer: 'ok' })
    expect(waits).toEqual([])
    expect(attempts).toBe(1)
  })

  it('backs off exponentially between tries, and reports each retry', async () => {
    const { result, waits, retries } = await runScript([busy('a'), silent, busy('c'), final('ok')], 4, 1)
    expect(result).toEqual({ answer: 'ok' })
    expect(waits).toEqual([500, 1000, 2000])
    expect(retries).toEqual(['HTTP 503 500 2', 'ECONNRESET 1000 3', 'HTTP 503 2000 4'])
  })

  it('spreads parallel jobs with jitter between half and all of the backoff', async () => {
    expect((await runScript([silent, final('ok')], 2, 0)).waits).toEqual([250])
    expect((await runScript([silent, final('ok')], 2, 0.5)).waits).toEqual([375])
  })

  it('waits as long as Retry-After says, in seconds or as a date', async () => {
    const date = new Date(Date.UTC(2026, 0, 1) + 7000).toUTCString()
    const { waits } = await runScript([busy('a', '3'), busy('b', date), final('ok')], 3)
    expect(waits).toEqual([3000, 7000])
  })

  it('gives the last answer when every try was worth retrying', async () => {
    const { result, attempts } = await runScript([busy('a'), busy('b')], 2)
    expect(result).toEqual({ answer: 'b' })
    expect(attempts).toBe(2)
  })

  it('says why, and after how many tries, when no answer ever came', async () => {
    const { result, waits } = await runScript([silent, silent, silent], 3)
    expect(result).toEqual({ failure: 'ECONNRESET', attempts: 3 })
    expect(waits).toHaveLength(2)
  })
})

describe('the API client uses the injected wait', () => {
  it('retries a 503 over HTTP without sleeping', async () => {
    let served = 0
    const server = createServer((_request, response) => {
      served++
      response.writeHead(served < 3 ? 503 : 200, { 'Retry-After': '30' }).end('{}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const waits: number[] = []
    const client = new ApiClient({
      maxAttempts: 3,
      timeoutMs: 5000,
      log: { info: () => undefined, debug: () => undefined },
      userAgent: 'test',
      wait: async (ms) => void waits.push(ms),
    })
    try {
      const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
      const started = performance.now()
      const response = await client.send({ operation: 'Reading', method: 'GET', url })
      expect(response.status).toBe(200)
      expect(waits).toEqual([30_000, 30_000])
      expect(performance.now() - started).toBeLessThan(5000)
    } finally {
      client.dispose()
      server.close()
    }
  })
})
