// Sends API requests: keeps one connection per host alive across a run, and retries what is worth retrying.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { HttpClient } from '@actions/http-client'
import pLimit, { type LimitFunction } from 'p-limit'
import { type AttemptResult, isRetryableStatus, type RetryOptions, withRetries } from './retry.js'
import type { SignableRequest } from './signer.js'

export interface ApiResponse {
  /** What the request did, in words, for messages: "Creating organization team". */
  operation: string
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
}

export interface ApiClientOptions extends Pick<RetryOptions, 'wait' | 'random' | 'now'> {
  maxAttempts: number
  /** A request not answered this long is given up and tried again. */
  timeoutMs: number
  log: Logger
  userAgent: string
}

/** Requests in flight at once: enough to overlap round trips, few enough not to be throttled. */
const PARALLEL_REQUESTS = 4

export class ApiClient {
  private readonly http: HttpClient
  private readonly limit: LimitFunction = pLimit(PARALLEL_REQUESTS)

  constructor(private readonly options: ApiClientOptions) {
    // Redirects and the client's own retries stay off: a redirect would carry credentials elsewhere,
    // and retries are decided here, where throttling and Retry-After are understood.
    this.http = new HttpClient(options.userAgent, [], {
      keepAlive: true,
      allowRedirects: false,
      allowRetries: false,
      socketTimeout: options.timeoutMs,
    })
  }

  /** Sends one request, trying again on throttling, 5xx and network failures; returns the final answer. */
  send(request: ApiRequest): Promise<ApiResponse> {
    return this.limit(() => this.sendNow(request))
  }

  private async sendNow(request: ApiRequest): Promise<ApiResponse> {
    const { operation, url } = request
    const { maxAttempts, log, wait, random, now } = this.options
    const result = await withRetries(() => this.attempt(request), {
      maxAttempts,
      wait,
      random,
      now,
      onRetry: (failure, delay, next) =>
        log.info(
          `${operation}: ${failure}; trying again in ${(delay / 1000).toFixed(1)} s (attempt ${next} of ${maxAttempts})`,
        ),
    })
    if ('answer' in result) return result.answer
    const { attempts, failure } = result
    throw new Error(
      `${operation} failed: no answer from ${url.host} after ${attempts} attempt${attempts > 1 ? 's' : ''} (${failure}). ` +
        'Check the region or endpoint, and that the network (or the proxy in https_proxy) lets the runner reach it.',
    )
  }

  /** One try: an answer, or why none came. */
  private async attempt({
    operation,
    method,
    url,
    body,
    authenticate,
  }: ApiRequest): Promise<AttemptResult<ApiResponse>> {
    const payload = body === undefined ? '' : JSON.stringify(body)
    const { log } = this.options
    const target = `${method} ${url.pathname}${url.search}`
    try {
      // Host is set here so that a signature covers exactly the value sent.
      const plain = { 'Content-Type': 'application/json', Host: url.host }
      const headers = authenticate ? authenticate({ method, url, headers: plain, body: payload }) : plain
      const answer = await this.http.request(method, url.href, payload || null, headers)
      const { statusCode, headers: responseHeaders } = answer.message
      const response: ApiResponse = {
        operation,
        status: statusCode ?? 0,
        body: await readBody(answer.message),
        headers: responseHeaders,
      }
      log.debug(`${target} -> HTTP ${response.status}`)
      if (response.status >= 400) log.debug(`Error body: ${response.body.slice(0, 4000)}`)
      if (!isRetryableStatus(response.status)) return { kind: 'final', answer: response }
      const retryAfter = headerValue(responseHeaders['retry-after'])
      return { kind: 'retryable', answer: response, failure: `HTTP ${response.status}`, retryAfter }
    } catch (error) {
      const failure = describeNetworkError(error, this.options.timeoutMs)
      log.debug(`${target} -> ${failure}`)
      return { kind: 'no-answer', failure }
    }
  }

  dispose(): void {
    this.http.dispose()
  }
}

/**
 * Reads a whole answer. Unlike the toolkit's readBody(), it fails when the connection closes before the answer
 * is complete, instead of waiting for an end that never comes.
 */
function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    message.on('data', (chunk: Buffer) => chunks.push(chunk))
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    message.on('error', reject)
    message.on('close', () => {
      if (!message.complete) reject(new Error('the connection closed before the whole answer arrived'))
    })
  })
}

export const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300
export const isSuccess = (response: ApiResponse): boolean => isSuccessStatus(response.status)

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code
    if (error.message.startsWith('Request timeout')) return `no answer within ${timeoutMs / 1000} s`
    return code ? `${code} (${error.message})` : error.message
  }
  return String(error)
}
