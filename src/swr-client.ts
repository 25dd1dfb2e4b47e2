// Sends SWR API requests: signs them, keeps one connection alive across a run, and retries what is worth retrying.
import { HttpClient } from '@actions/http-client'
import type { Credentials } from './credentials.js'
import { isRetryableStatus, retryDelayMs } from './retry.js'
import { authorization, sdkDate } from './signer.js'

export interface SwrResponse {
  /** What the request did, in words, for messages: "Creating organization team". */
  operation: string
  status: number
  body: string
}

export interface Logger {
  info(message: string): void
  debug(message: string): void
}

export interface SwrClientOptions {
  endpoint: URL
  credentials: Credentials
  maxAttempts: number
  log: Logger
  userAgent: string
}

/** A request that has not been answered this long is given up and tried again. */
const REQUEST_TIMEOUT_MS = 30_000

export class SwrClient {
  private readonly http: HttpClient

  constructor(private readonly options: SwrClientOptions) {
    // Redirects and the client's own retries stay off: a redirect would carry credentials elsewhere,
    // and retries are decided here, where throttling and Retry-After are understood.
    this.http = new HttpClient(options.userAgent, [], {
      keepAlive: true,
      allowRedirects: false,
      allowRetries: false,
      socketTimeout: REQUEST_TIMEOUT_MS,
    })
  }

  /** Sends one operation, trying again on throttling, 5xx and network failures; returns the final answer. */
  async send(operation: string, method: string, path: string, body?: unknown): Promise<SwrResponse> {
    const url = new URL(this.options.endpoint.pathname.replace(/\/$/, '') + path, this.options.endpoint)
    const payload = body === undefined ? '' : JSON.stringify(body)
    const { maxAttempts, log } = this.options
    for (let attempt = 1; ; attempt++) {
      let response: SwrResponse | undefined
      let retryAfter: string | undefined
      let failure: string
      try {
        const answer = await this.http.request(method, url.href, payload || null, this.headers(method, url, payload))
        response = { operation, status: answer.message.statusCode ?? 0, body: await answer.readBody() }
        log.debug(`${method} ${url.pathname}${url.search} -> HTTP ${response.status}`)
        if (response.status >= 400) log.debug(`Error body: ${response.body.slice(0, 4000)}`)
        if (!isRetryableStatus(response.status)) return response
        retryAfter = headerValue(answer.message.headers['retry-after'])
        failure = `HTTP ${response.status}`
      } catch (error) {
        failure = describeNetworkError(error)
        log.debug(`${method} ${url.pathname}${url.search} -> ${failure}`)
      }
      if (attempt >= maxAttempts) {
        if (response) return response
        throw new Error(
          `${operation} failed: no answer from ${url.host} after ${attempt} attempt${attempt > 1 ? 's' : ''} (${failure}). ` +
            'Check the region or endpoint, and that the network (or the proxy in https_proxy) lets the runner reach it.',
        )
      }
      const delay = retryDelayMs(attempt, retryAfter, Math.random(), Date.now())
      log.info(
        `${operation}: ${failure}; trying again in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${maxAttempts})`,
      )
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }

  dispose(): void {
    this.http.dispose()
  }

  private headers(method: string, url: URL, payload: string): Record<string, string> {
    const { credentials } = this.options
    // Host is set here so that the value signed is exactly the value sent.
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Host: url.host }
    if (credentials.kind === 'token') return { ...headers, 'X-Auth-Token': credentials.token }
    headers['X-Sdk-Date'] = sdkDate(new Date())
    if (credentials.securityToken) headers['X-Security-Token'] = credentials.securityToken
    const signature = authorization(
      { method, url, headers, body: payload },
      credentials.accessKeyId,
      credentials.secretAccessKey,
    )
    return { ...headers, Authorization: signature }
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code
    if (error.message.startsWith('Request timeout')) return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
    return code ? `${code} (${error.message})` : error.message
  }
  return String(error)
}
