// The emulator's API gateway: it listens, logs every request, injects faults and latency, checks access-key
// signatures and tokens, and hands each request to the service route that matches it.
//
// Like Huawei's gateway it authenticates every request that is not a sign-in, even one to an unknown route, and
// answers its own errors as {"error_code","error_msg","request_id"}. Services are route tables; the gateway knows
// none of them.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { type Accounts, authenticate } from './authentication.js'
import {
  type Answer,
  gatewayError,
  headerText,
  type LoggedRequest,
  Refusal,
  type Route,
  type RouteRequest,
} from './routes.js'

export {
  type AccountRoute,
  type Answer,
  gatewayError,
  headerText,
  type LoggedRequest,
  type PublicRoute,
  Refusal,
  type Route,
  type RouteRequest,
} from './routes.js'

export type Fault =
  | { status: number; body?: string; headers?: Record<string, string> }
  /** Close the connection before reading the request, or after carrying it out but before answering. */
  | { drop: 'before-processing' | 'after-processing' }
  | { delayMs: number }
  /** Never answer. */
  | { hang: true }
  /** Carry the request out, then send the headers and half the body, and close the connection. */
  | { truncate: true }

export interface FaultRule {
  operation?: string
  /** Only requests whose path and query contain this. */
  path?: string
  /** Only requests whose body contains this (a fault decided once the body is read: a status, not a drop). */
  bodyIncludes?: string
  /** How many matching requests the fault applies to, in order. */
  times: number
  fault: Fault
}

export interface GatewayOptions extends Accounts {
  routes: Route[]
  latencyMs?: number
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string }
  /** Give every answer an X-Request-Id header, as Huawei's gateway does (off by default: messages then carry it). */
  requestIds?: boolean
  /** The region of requests whose host names none. */
  region: string
  /**
   * Throttling as SWR's gateway does it, per account and second: past `perSecond` requests in the last second, the
   * gateway's 429 APIG.0308, or (`swr`) SWR's own 403 SVCSTG.SWR.4031042 (docs/api-notes.md, "Throttling").
   */
  throttle?: { perSecond: number; answer?: 'gateway' | 'swr' }
  /** Told of each request once it is answered, for a log. */
  onAnswer?: (entry: LoggedRequest) => void
}

export class Gateway {
  readonly requests: LoggedRequest[] = []
  connections = 0
  /** TLS handshakes completed (HTTPS only). */
  tlsHandshakes = 0
  latencyMs: number
  private readonly faults: FaultRule[] = []
  private readonly server: Server
  private readonly scheme: 'http' | 'https'
  private readonly socketIds = new WeakMap<Socket, number>()

  constructor(private readonly options: GatewayOptions) {
    this.latencyMs = options.latencyMs ?? 0
    const handler = (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response)
    this.server = options.tls ? createHttpsServer(options.tls, handler) : createServer(handler)
    this.scheme = options.tls ? 'https' : 'http'
    this.server.on('connection', (socket: Socket) => {
      this.connections++
      if (!options.tls) this.socketIds.set(socket, this.connections)
    })
    // Over TLS, requests arrive on the TLS socket: number those, counting handshakes.
    this.server.on('secureConnection', (socket: Socket) => this.socketIds.set(socket, ++this.tlsHandshakes))
  }

  /** Starts listening on 127.0.0.1 and returns the base URL. */
  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    return this.url
  }

  get url(): string {
    return `${this.scheme}://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  inject(rule: FaultRule): void {
    this.faults.push({ ...rule })
  }

  /** Forgets the request log and connection count. */
  resetLog(): void {
    this.requests.length = 0
    this.connections = 0
    this.tlsHandshakes = 0
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '/'
    const method = request.method ?? 'GET'
    const matched = matchRoute(this.options.routes, method, target)
    const entry: LoggedRequest = {
      method,
      target,
      operation: matched?.route.operation,
      status: 0,
      connection: this.socketIds.get(request.socket) ?? 0,
      auth: 'none',
      receivedAt: performance.now(),
    }
    this.requests.push(entry)

    if (this.throttled(matched?.route)) {
      const swr = this.options.throttle?.answer === 'swr'
      const answer = swr
        ? { status: 403, body: { errorCode: 'SVCSTG.SWR.4031042', errorMessage: 'Request throttled' } }
        : gatewayError(429, 'APIG.0308', 'The throttling threshold has been reached: policy user over ratelimit')
      entry.status = answer.status
      const text = JSON.stringify(answer.body)
      response.writeHead(answer.status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
      })
      response.end(text)
      return
    }
    let fault = this.takeFault(matched?.route.operation, target)
    if (fault && 'drop' in fault && fault.drop === 'before-processing') {
      request.socket.destroy()
      return
    }
    if (fault && 'hang' in fault) return

    const body = await readBody(request)
    fault ??= this.takeFault(matched?.route.operation, target, body.toString('utf8'))
    let answer: Answer
    try {
      if (fault && 'status' in fault) answer = { status: fault.status, body: fault.body, headers: fault.headers }
      else answer = this.run(matched, { request, target, body, entry })
    } catch (error) {
      if (!(error instanceof Refusal)) throw error
      answer = error.answer
    }

    const delay = this.latencyMs + (fault && 'delayMs' in fault ? fault.delayMs : 0)
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
    if (fault && 'drop' in fault) {
      request.socket.destroy()
      return
    }
    entry.status = answer.status
    if (this.options.requestIds) entry.requestId = randomUUID().replaceAll('-', '')
    const code = errorCode(answer.body)
    if (code) entry.code = code
    const text =
      answer.body === undefined
        ? ''
        : typeof answer.body === 'string' || Buffer.isBuffer(answer.body)
          ? answer.body
          : JSON.stringify(answer.body)
    response.writeHead(answer.status, {
      'Content-Type': 'application/json;charset=utf8',
      'Content-Length': Buffer.byteLength(text),
      ...(entry.requestId ? { 'X-Request-Id': entry.requestId } : {}),
      ...answer.headers,
    })
    if (fault && 'truncate' in fault) {
      response.write(text.slice(0, text.length >> 1), () => request.socket.destroy())
      return
    }
    response.end(text)
    this.options.onAnswer?.(entry)
  }

  private run(
    matched: MatchedRoute | undefined,
    received: { request: IncomingMessage; target: string; body: Buffer; entry: LoggedRequest },
  ): Answer {
    const { request, target, body, entry } = received
    const method = request.method ?? 'GET'
    const named = /^(?:swr-api|iam)\.([a-z0-9]+(?:-[a-z0-9]+)*)\./.exec(headerText(request.headers.host) ?? '')?.[1]
    const routeRequest = (params: Record<string, string>): RouteRequest => ({
      params,
      region: named ?? this.options.region,
      body: parseJson(body),
      raw: body,
      method,
      path: target.split('?', 1)[0],
      headers: request.headers,
      query: new URLSearchParams(queryOf(target)),
    })
    if (matched?.route.public) return matched.route.run(routeRequest(matched.params))
    const account = authenticate({ method, target, headers: request.headers, body }, this.options, entry)
    if (!matched) {
      throw new Refusal(
        gatewayError(404, 'APIG.0101', 'The API does not exist or has not been published in the environment'),
      )
    }
    return matched.route.run(routeRequest(matched.params), account)
  }

  /** Requests answered within the last second, for throttling. */
  private readonly recent: number[] = []

  /** Whether the request is over the account's rate (the registry's own routes are not throttled here). */
  private throttled(route: Route | undefined): boolean {
    const limit = this.options.throttle?.perSecond
    if (!limit || !route || route.public) return false
    const now = performance.now()
    while (this.recent.length > 0 && this.recent[0] <= now - 1000) this.recent.shift()
    if (this.recent.length >= limit) return true
    this.recent.push(now)
    return false
  }

  /** The fault of the first rule that matches; rules on the body only once it is read. */
  private takeFault(operation: string | undefined, target: string, body?: string): Fault | undefined {
    const rule = this.faults.find(
      (candidate) =>
        candidate.times > 0 &&
        (!candidate.operation || candidate.operation === operation) &&
        (!candidate.path || target.includes(candidate.path)) &&
        (candidate.bodyIncludes === undefined ? body === undefined : body?.includes(candidate.bodyIncludes)),
    )
    if (!rule) return undefined
    rule.times--
    return rule.fault
  }
}

interface MatchedRoute {
  route: Route
  params: Record<string, string>
}

/** The first route whose method and path match, with the path's parameters. */
export function matchRoute(routes: Route[], method: string, target: string): MatchedRoute | undefined {
  const path = target.split('?', 1)[0]
  const segments = path.split('/')
  for (const route of routes) {
    if (route.pattern) {
      const match = route.method === method ? route.pattern.exec(path) : null
      if (match) return { route, params: { ...match.groups } }
      continue
    }
    const pattern = route.path.split('/')
    if (route.method !== method || pattern.length !== segments.length) continue
    const params: Record<string, string> = {}
    const matches = pattern.every((part, index) => {
      const segment = segments[index]
      if (!part.startsWith(':')) return part === segment
      params[part.slice(1)] = decodeSegment(segment)
      return segment !== ''
    })
    if (matches) return { route, params }
  }
  return undefined
}

function queryOf(target: string): string {
  const at = target.indexOf('?')
  return at < 0 ? '' : target.slice(at + 1)
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

function errorCode(body: unknown): string | undefined {
  const first = Array.isArray(body) ? body[0] : ((body as { errors?: unknown[] } | undefined)?.errors?.[0] ?? body)
  if (!first || typeof first !== 'object') return undefined
  const record = first as Record<string, unknown>
  return (record.errorCode ?? record.error_code) as string | undefined
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}
