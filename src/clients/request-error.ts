// The one error type for answers that are not an expected outcome, whatever the service. SWR, IAM and their API
// gateway answer errors in several JSON shapes; this reads them all into one. Each service's hints live with its
// client.
import { type ApiResponse, headerValue } from './api-client.js'
import { cleanServerText, withoutSecrets } from '../rules/server-text.js'

export interface ErrorDetail {
  code?: string
  message?: string
  requestId?: string
}

type Json = Record<string, unknown>

function pick(object: Json, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = object[name]
    if (typeof value === 'string' && value !== '') return value
  }
  return undefined
}

/** A short excerpt of a body, quoted, for messages: secrets removed before it is cut, and made safe after. */
export function excerpt(body: string): string {
  return cleanServerText(JSON.stringify(withoutSecrets(body).slice(0, 200)), 250)
}

/**
 * Reads `{"error_code","error_msg"}` (the gateway, IAM), `{"errorCode","errorMessage"}`, a list of those,
 * `{"errors":[...]}` and `{"error":{...}}`. Anything else yields what little it can: a short excerpt of the text.
 * Every value is server text, cleaned before it is kept.
 */
export function parseErrorBody(body: string): ErrorDetail {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    const text = body.trim().replace(/\s+/g, ' ')
    return text ? { message: cleanServerText(text, 200) } : {}
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const { errors, error } = parsed as Json
    // {"errors":[...]} from SWR; {"error":{"code","message","title"}} from IAM's token API.
    if (Array.isArray(errors)) parsed = errors
    else if (error && typeof error === 'object') parsed = error
  }
  if (Array.isArray(parsed)) parsed = parsed[0]
  if (!parsed || typeof parsed !== 'object') return {}
  const object = parsed as Json
  // The gateway appends the canonical request it computed to a signature error: useful in debug output
  // (where the client logs whole error bodies), too long for the one-line failure message.
  const message = pick(object, 'error_msg', 'errorMessage', 'error_message', 'message', 'detail')
  const code = pick(object, 'error_code', 'errorCode', 'code')
  const requestId = pick(object, 'request_id', 'requestId')
  return {
    code: code === undefined ? undefined : cleanServerText(code, 60),
    message: message === undefined ? undefined : cleanServerText(message.replace(/,?\s*canonicalRequest:[\s\S]*$/, '')),
    requestId: requestId === undefined ? undefined : cleanServerText(requestId, 80),
  }
}

/**
 * A request that a service (SWR, IAM, GitHub) answered with a failure retrying cannot mend, or with a body that makes
 * no sense: the one error type every client throws, with the hint its service gives.
 */
export class RequestError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly detail: ErrorDetail,
    readonly hint: string,
    message = describeFailure(operation, status, detail, hint),
  ) {
    super(message)
    this.name = 'RequestError'
  }
}

/** The same refusal with another hint, when the flow knows the likelier cause. */
export function withHint(error: RequestError, hint: string): RequestError {
  return new RequestError(error.operation, error.status, error.detail, hint)
}

/** A refusal of the caller's access: not signed in (401), not allowed (403), or not visible to it (404). */
export const refusesAccess = (error: unknown): error is RequestError =>
  error instanceof RequestError && [401, 403, 404].includes(error.status)

/** What a user can do about an answer, as its service knows it. */
export type Hint = (status: number, detail: ErrorDetail) => string

/** The error for an answer that is not one of the outcomes its operation expects. */
export function requestError(response: ApiResponse, hint: Hint): RequestError {
  if (response.status >= 300 && response.status < 400) return redirectError(response)
  const parsed = parseErrorBody(response.body)
  const detail = { ...parsed, requestId: parsed.requestId ?? gatewayRequestId(response) }
  return new RequestError(response.operation, response.status, detail, hint(response.status, detail))
}

/**
 * The API gateway's X-Request-Id, which support needs to find a request; cleaned, as all server text. A body's own
 * request id is preferred where there is one (docs/api-notes.md, "Request IDs").
 */
function gatewayRequestId(response: ApiResponse): string | undefined {
  const value = headerValue(response.headers['x-request-id'])
  return value ? cleanServerText(value, 80) : undefined
}

/** " (request id X)", or nothing. */
const requestIdText = (requestId: string | undefined) => (requestId ? ` (request id ${requestId})` : '')

/** Where a redirect points, as an origin only (its path may carry anything), or why it cannot be told. */
function redirectTarget(location: string | string[] | undefined, from: string): string {
  const text = headerValue(location)
  if (!text) return 'nowhere (no Location header)'
  try {
    const target = new URL(text, from)
    return target.origin === 'null' ? 'an address that is not a web origin' : cleanServerText(target.origin, 120)
  } catch {
    return `an address that is not a URL (${excerpt(text)})`
  }
}

/**
 * A 3xx is never followed: it would carry the credentials to wherever it points. Real SWR and IAM endpoints do not
 * redirect, so one means the endpoint or a proxy is not what it should be.
 */
function redirectError(response: ApiResponse): RequestError {
  const target = redirectTarget(response.headers.location, response.url)
  const hint =
    'The action does not follow redirects, which would carry the credentials elsewhere. Check that ' +
    `${new URL(response.url).origin} (from the endpoint or iam_endpoint input) is the API itself, not a web page ` +
    'or a moved address, and the proxy in https_proxy.'
  const requestId = gatewayRequestId(response)
  return new RequestError(
    response.operation,
    response.status,
    { requestId },
    hint,
    `${response.operation} failed: the answer was HTTP ${response.status}${requestIdText(requestId)}, a redirect to ${target}. ${hint}`,
  )
}

/** The error for a successful answer whose body is not what the operation returns. */
export function unexpectedBody(response: ApiResponse, expected: string, problem?: string): RequestError {
  const shown = problem === undefined ? excerpt(response.body) : cleanServerText(problem)
  const requestId = gatewayRequestId(response)
  return new RequestError(
    response.operation,
    response.status,
    { requestId },
    '',
    `${response.operation} answered HTTP ${response.status}${requestIdText(requestId)} with a body that is not ${expected}: ${shown}`,
  )
}

/** "HTTP 409 SVCSTG.SWR.4090060: Namespace already exists (request id ...)", for failure messages. */
export function describeAnswer(status: number, detail: ErrorDetail): string {
  const said = [detail.code, detail.message?.replace(/\.$/, '')].filter(Boolean).join(': ')
  return `HTTP ${status}${said ? ` ${said}` : ''}${requestIdText(detail.requestId)}`
}

function describeFailure(operation: string, status: number, detail: ErrorDetail, hint: string): string {
  return `${operation} failed with ${describeAnswer(status, detail)}.${hint ? ` ${hint}` : ''}`
}
