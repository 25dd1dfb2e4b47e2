// When and how long to wait before trying a request again, and the loop that does the trying.

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

/** What one attempt came to: a final answer, an answer worth another try, or no answer at all. */
export type AttemptResult<T> =
  | { kind: 'final'; answer: T }
  | { kind: 'retryable'; answer: T; failure: string; retryAfter?: string }
  | { kind: 'no-answer'; failure: string }

/** The last answer once no more tries are due, or why no answer ever came. */
export type RetryResult<T> = { answer: T } | { failure: string; attempts: number }

export interface RetryOptions {
  maxAttempts: number
  /** Told of each retry before its wait, for the log. */
  onRetry(failure: string, delayMs: number, nextAttempt: number): void
  /** Injectable so that tests of the loop take no real time. */
  wait?: (ms: number) => Promise<void>
  random?: () => number
  now?: () => number
  /**
   * When every try must be over (a time from `now`): no wait or try is begun that could not end by then, whatever
   * a server's Retry-After asks. Undefined: bounded by maxAttempts alone.
   */
  deadline?: number
}

/** The shortest try worth starting before a deadline. */
export const MIN_ATTEMPT_MS = 500

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Runs attempts until one gives a final answer or max attempts are spent. */
export async function withRetries<T>(
  attempt: (number: number) => Promise<AttemptResult<T>>,
  { maxAttempts, onRetry, wait = sleep, random = Math.random, now = Date.now, deadline }: RetryOptions,
): Promise<RetryResult<T>> {
  for (let number = 1; ; number++) {
    const result = await attempt(number)
    if (result.kind === 'final') return { answer: result.answer }
    const retryAfter = result.kind === 'retryable' ? result.retryAfter : undefined
    const delay = retryDelayMs(number, retryAfter, random(), now())
    const tooLate = deadline !== undefined && now() + delay + MIN_ATTEMPT_MS > deadline
    if (number >= maxAttempts || tooLate) {
      return result.kind === 'retryable' ? { answer: result.answer } : { failure: result.failure, attempts: number }
    }
    onRetry(result.failure, delay, number + 1)
    await wait(delay)
  }
}
