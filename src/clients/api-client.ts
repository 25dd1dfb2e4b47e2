// Sends API requests: keeps one connection per host alive across a run, bounds every attempt in time and size, and
// retries what is worth retrying.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import pLimit, { type LimitFunction } from 'p-limit'
import { ConnectionAgents } from './agents.js'
import {
  type AttemptResult,
  isRetryableStatus,
  MIN_ATTEMPT_MS,
  parseRetryAfter,
  type RetryOptions,
  withRetries,
} from './retry.js'
import { ThrottleGate } from './throttle.js'
import { cleanServerText } from '../rules/server-text.js'
import type { SignableRequest } from '../rules/signer.js'

export interface ApiResponse {
  /** What the request did, in words, for messages: "Creating organization team". */
  operation: string
  /** The URL requested, to resolve a redirect's Location against. */
  url: string
  status: number
  body: string
  headers: IncomingHttpHeaders
}

export interface Logger {
  info(message: string): void
  debug(message: string): void
}

/** Gives the headers to send, credentials included; called again for each attempt, so signatures stay fresh. */
export type Authenticate = (request: SignableRequest) => Record<string, string>

export interface ApiRequest {
  operation: string
  method: string
  url: URL
  body?: unknown
  authenticate?: Authenticate
  /** A refusal that is the service's way of throttling, worth another try like a 429. */
  throttled?: (status: number, body: string) => boolean
  /** What to check when no answer comes; by default, the region or endpoint and the network. */
  unreachable?: string
  /** Headers of the operation's own, signed with the rest (Enterprise Edition's X-Project-Id). */
  headers?: Record<string, string>
  /** Statuses this operation takes as its answer, never tried again (the metadata service's 503 at its token path). */
  finalStatuses?: readonly number[]
}

export interface ApiClientOptions extends Pick<RetryOptions, 'wait' | 'random' | 'now'> {
  maxAttempts: number
  /** How long one attempt may take, from connecting to the last byte of the answer; then it is tried again. */
  timeoutMs: number
  log: Logger
  userAgent: string
  /** Connect straight to the host, never through https_proxy/HTTP_PROXY: for link-local services on the machine. */
  direct?: boolean
  /**
   * How long all the client's requests together may take, from its creation, tries and waits included: a service
   * that must answer at once (the metadata service) cannot hold a run for longer, whatever its Retry-After says.
   */
  budgetMs?: number
}

/** Every request's pause after a throttled answer that does not say how long to wait. */
const THROTTLE_PAUSE_MS = 1000

/** Requests in flight at once: enough to overlap round trips, few enough not to be throttled. */
const PARALLEL_REQUESTS = 4

/** No SWR, IAM or GitHub answer this action reads comes near this; a bigger one is not what it asked for. */
export const MAX_ANSWER_BYTES = 1024 * 1024

/** An answer bigger than MAX_ANSWER_BYTES: reading stops there, and trying again would only read it again. */
export class AnswerTooLargeError extends Error {
  constructor(operation: string, host: string) {
    super(
      `${operation} failed: the answer from ${host} is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB, far more than ` +
        'any SWR or IAM answer, so reading stopped there. Check the endpoint, and the proxy in https_proxy.',
    )
    this.name = 'AnswerTooLargeError'
  }
}

class DeadlineError extends Error {}

export class ApiClient {
  private readonly agents: ConnectionAgents
  private readonly limit: LimitFunction = pLimit(PARALLEL_REQUESTS)
  /** Throttling seen by one request slows every other. */
  private readonly gate: ThrottleGate

  /** When the budget is spent, if the client has one. */
  private readonly deadline: number | undefined

  constructor(private readonly options: ApiClientOptions) {
    this.agents = new ConnectionAgents(options.userAgent)
    const now = options.now ?? Date.now
    this.gate = new ThrottleGate(now, options.wait)
    this.deadline = options.budgetMs === undefined ? undefined : now() + options.budgetMs
  }

  private async agentFor(url: URL) {
    // A fresh connection of its own, with no proxy: not even Node's own, which HTTP_PROXY may turn on.
    if (this.options.direct) return false
    return this.agents.for(url)
  }

  /** Sends one request, trying again on throttling, 5xx and network failures; returns the final answer. */
  send(request: ApiRequest): Promise<ApiResponse> {
    return this.limit(() => this.sendNow(request))
  }

  private async sendNow(request: ApiRequest): Promise<ApiResponse> {
    const { operation, url } = request
    const { maxAttempts, log, wait, random, now = Date.now, budgetMs = 0 } = this.options
    if (this.deadline !== undefined && now() + MIN_ATTEMPT_MS > this.deadline) {
      throw new Error(
        `${operation} failed: the ${budgetMs / 1000} s given to ${url.host} were spent before this request. ` +
          (request.unreachable ?? unreachableHint('endpoint')),
      )
    }
    const result = await withRetries(() => this.attempt(request), {
      maxAttempts,
      wait,
      random,
      now,
      deadline: this.deadline,
      onRetry: (failure, delay, next) =>
        log.info(
          `${operation}: ${failure}; trying again in ${(delay / 1000).toFixed(1)} s (attempt ${next} of ${maxAttempts})`,
        ),
    })
    if ('answer' in result) return result.answer
    const { attempts, failure } = result
    throw new Error(
      `${operation} failed: no answer from ${url.host} after ${attempts} attempt${attempts > 1 ? 's' : ''} (${failure}). ` +
        (request.unreachable ?? unreachableHint('endpoint')),
    )
  }

  /** One try: an answer, or why none came. Redirects are answers like any other: never followed. */
  private async attempt(request: ApiRequest): Promise<AttemptResult<ApiResponse>> {
    const { operation, method, url } = request
    const { log } = this.options
    const target = `${method} ${url.pathname}${url.search}`
    const timeoutMs = this.attemptTimeoutMs()
    await this.gate.turn()
    try {
      const { status, headers, body } = await this.exchange(request, timeoutMs)
      const response: ApiResponse = { operation, url: url.href, status, body, headers }
      log.debug(`${target} -> HTTP ${status}`)
      // Secrets removed before the cut, so that no part of one is ever left.
      if (status >= 300) log.debug(`Error body: ${cleanServerText(body, 4000)}`)
      const throttled = request.throttled?.(status, body) ?? false
      const final = request.finalStatuses?.includes(status) ?? false
      const retryAfter = headerValue(headers['retry-after'])
      if (throttled || status === 429)
        this.gate.throttled(parseRetryAfter(retryAfter, (this.options.now ?? Date.now)()) ?? THROTTLE_PAUSE_MS)
      else this.gate.passed()
      if (final || (!isRetryableStatus(status) && !throttled)) return { kind: 'final', answer: response }
      const failure = `HTTP ${status}${throttled ? ' (throttled)' : ''}`
      return { kind: 'retryable', answer: response, failure, retryAfter }
    } catch (error) {
      if (error instanceof AnswerTooLargeError) throw error
      const failure =
        error instanceof DeadlineError
          ? `no complete answer within ${Number((timeoutMs / 1000).toFixed(1))} s`
          : cleanServerText(describeNetworkError(error))
      log.debug(`${target} -> ${failure}`)
      return { kind: 'no-answer', failure }
    }
  }

  /** One try's time: the client's own, or less when the budget has less left. */
  private attemptTimeoutMs(): number {
    const { timeoutMs, now = Date.now } = this.options
    if (this.deadline === undefined) return timeoutMs
    return Math.max(1, Math.min(timeoutMs, this.deadline - now()))
  }

  /** Sends the request and reads the whole answer, within the time and size bounds. */
  private async exchange(
    { operation, method, url, body, authenticate, headers: own }: ApiRequest,
    timeoutMs: number,
  ): Promise<RawAnswer> {
    const agent = await this.agentFor(url)
    const payload = body === undefined ? '' : JSON.stringify(body)
    // Host is set here so that a signature covers exactly the value sent.
    const plain = { 'Content-Type': 'application/json', Host: url.host, ...own }
    const headers = {
      ...(authenticate ? authenticate({ method, url, headers: plain, body: payload }) : plain),
      'User-Agent': this.options.userAgent,
      ...(payload ? { 'Content-Length': String(Buffer.byteLength(payload)) } : {}),
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    return new Promise<RawAnswer>((resolve, reject) => {
      const outgoing = send(url, { method, headers, agent })
      // One deadline for the whole attempt: a trickling answer is given up like a silent one.
      // Once it has passed, whatever the destroyed request reports after is the deadline's doing.
      let expired = false
      const fail = (error: unknown) => {
        clearTimeout(deadline)
        outgoing.destroy()
        reject(expired ? new DeadlineError() : error)
      }
      const deadline = setTimeout(() => {
        expired = true
        fail(new DeadlineError())
      }, timeoutMs)
      outgoing.on('error', fail)
      outgoing.on('response', (message) => {
        readBounded(message, () => new AnswerTooLargeError(operation, url.host)).then((text) => {
          clearTimeout(deadline)
          resolve({ status: message.statusCode ?? 0, headers: message.headers, body: text })
        }, fail)
      })
      outgoing.end(payload || undefined)
    })
  }

  dispose(): void {
    this.agents.dispose()
  }
}

interface RawAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * Reads a whole answer of at most MAX_ANSWER_BYTES. It fails when the connection closes before the answer is
 * complete, instead of waiting for an end that never comes, and stops reading the moment the limit is passed.
 */
function readBounded(message: IncomingMessage, tooLarge: () => Error): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(message.headers['content-length']) > MAX_ANSWER_BYTES) {
      reject(tooLarge())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    message.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_ANSWER_BYTES) {
        message.destroy()
        reject(tooLarge())
        return
      }
      chunks.push(chunk)
    })
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    message.on('error', reject)
    message.on('close', () => {
      if (!message.complete) reject(new Error('the connection closed before the whole answer arrived'))
    })
  })
}

/** The hint for a service that gave no answer, whose address the input names. */
export const unreachableHint = (input: string): string =>
  `Check the region or ${input}, and that the network (or the proxy in https_proxy) lets the runner reach it.`

export const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300
export const isSuccess = (response: ApiResponse): boolean => isSuccessStatus(response.status)

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code
    return code ? `${code} (${error.message})` : error.message
  }
  return String(error)
}
