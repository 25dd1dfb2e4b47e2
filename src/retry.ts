// When and how long to wait before trying a request again.

/** Throttling and server-side failures are worth another try; every other answer is final. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599)
}

const BASE_DELAY_MS = 500
const MAX_DELAY_MS = 10_000
/** A Retry-After longer than this is cut short: a workflow step should fail rather than sleep for minutes. */
const MAX_RETRY_AFTER_MS = 60_000

/**
 * Exponential backoff with jitter (half fixed, half random, so parallel jobs spread out), unless the
 * server said how long to wait.
 */
export function retryDelayMs(attempt: number, retryAfter: string | undefined, random: number, now: number): number {
  const told = parseRetryAfter(retryAfter, now)
  if (told !== undefined) return Math.min(told, MAX_RETRY_AFTER_MS)
  const ceiling = Math.min(BASE_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS)
  return Math.round(ceiling / 2 + (ceiling / 2) * random)
}

/** Retry-After is either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
