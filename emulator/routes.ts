// What the emulator's gateway and the services it routes to share: a route, the request it gets, the answer it
// gives, the log entry of a request, and the refusal any of them may throw to answer at once.
import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { Account } from './accounts.js'

export interface Answer {
  status: number
  /** JSON, text, or bytes sent as they are (a registry's blobs). */
  body?: unknown
  headers?: Record<string, string>
}

export interface RouteRequest {
  /** The path's ":name" segments, percent-decoded. */
  params: Record<string, string>
  /** The region the request is for: the one its host names (swr-api.REGION...), else the emulator's. */
  region: string
  body: unknown
  /** The body's bytes, as received. */
  raw: Buffer
  method: string
  /** The path, without the query. */
  path: string
  headers: IncomingHttpHeaders
  query: URLSearchParams
}

interface RouteBase {
  method: string
  /** Segments to match exactly, or ":name" for any one non-empty segment. */
  path: string
  /**
   * Matched against the path instead of `path`, its named groups the params: for paths whose names hold "/" (a
   * registry's repositories). `path` then only describes it.
   */
  pattern?: RegExp
  operation: string
}

/** A sign-in operation, or another that checks its own credentials: the gateway asks for none. */
export interface PublicRoute extends RouteBase {
  public: true
  run(request: RouteRequest): Answer
}

/** An operation run for the account whose signature or token the request carries. */
export interface AccountRoute extends RouteBase {
  public?: false
  run(request: RouteRequest, account: Account): Answer
}

export type Route = PublicRoute | AccountRoute

export interface LoggedRequest {
  method: string
  /** Path and query exactly as received. */
  target: string
  operation?: string
  status: number
  /** The TCP connection it came on, numbered from 1. */
  connection: number
  account?: string
  auth: 'signature' | 'token' | 'none'
  /** Error code of a refused request. */
  code?: string
  /** Lowercase names of the headers the signature covered. */
  signedHeaders?: string[]
  /** The X-Request-Id the gateway answered with, as Huawei's gateway gives every answer one. */
  requestId?: string
  /** When the request arrived (performance.now() of this process), for the benchmark's start-up figure. */
  receivedAt: number
}

/** Thrown to answer at once, from anywhere in handling a request. */
export class Refusal extends Error {
  constructor(readonly answer: Answer) {
    super(`HTTP ${answer.status}`)
  }
}

export const gatewayError = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error_code: code, error_msg: message, request_id: randomUUID().replaceAll('-', '') },
})

/** A header's value, the first when it was sent more than once. */
export function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
