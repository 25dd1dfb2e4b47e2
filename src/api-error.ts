// The one error type for answers that are not an expected outcome. SWR, IAM and their API gateway answer errors
// in several JSON shapes; this reads them all into one.
import { type ApiResponse, headerValue } from './api-client.js'
import { forbiddenHint, type SwrOperation } from './permissions.js'
import { cleanServerText, withoutSecrets } from './server-text.js'

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

export const ORGANIZATION_NOT_FOUND_CODES = ['SVCSTG.SWR.4040058', 'SVCSTG.SWR.4041061']
export const ORGANIZATION_QUOTA_CODE = 'SVCSTG.SWR.4000097'
export const SIGNATURE_REFUSED_CODE = 'APIG.0301'
export const OTHER_ACCOUNT_TOKEN_CODE = 'SVCSTG.SWR.4011064'
/** DeleteRetention's answer for a policy that no longer exists (docs/api-notes.md, "Retention"). */
export const RETENTION_GONE_CODE = 'SVCSTG.SWR.4000306'
/** SWR's own answers to throttling: a 403, not a 429 (docs/api-notes.md, "Throttling"). */
export const THROTTLING_CODES = ['SVCSTG.SWR.4031032', 'SVCSTG.SWR.4031042']

/** A request that SWR or IAM answered with a failure retrying cannot mend, or with a body that makes no sense. */
export class SwrRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly detail: ErrorDetail,
    readonly hint: string,
    message = describeFailure(operation, status, detail, hint),
  ) {
    super(message)
    this.name = 'SwrRequestError'
  }
}

/** What a user can do about an answer: by default the hint for SWR's operations. */
export type Hint = (status: number, detail: ErrorDetail) => string

/** The error for an answer that is not one of the outcomes its operation expects. */
export function requestError(response: ApiResponse, hint: Hint = hintFor): SwrRequestError {
  if (response.status >= 300 && response.status < 400) return redirectError(response)
  const parsed = parseErrorBody(response.body)
  const detail = { ...parsed, requestId: parsed.requestId ?? gatewayRequestId(response) }
  return new SwrRequestError(response.operation, response.status, detail, hint(response.status, detail))
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
function redirectError(response: ApiResponse): SwrRequestError {
  const target = redirectTarget(response.headers.location, response.url)
  const hint =
    'The action does not follow redirects, which would carry the credentials elsewhere. Check that ' +
    `${new URL(response.url).origin} (from the endpoint or iam_endpoint input) is the API itself, not a web page ` +
    'or a moved address, and the proxy in https_proxy.'
  const requestId = gatewayRequestId(response)
  return new SwrRequestError(
    response.operation,
    response.status,
    { requestId },
    hint,
    `${response.operation} failed: the answer was HTTP ${response.status}${requestIdText(requestId)}, a redirect to ${target}. ${hint}`,
  )
}

/** The error for a successful answer whose body is not what the operation returns. */
export function unexpectedBody(response: ApiResponse, expected: string, problem?: string): SwrRequestError {
  const shown = problem === undefined ? excerpt(response.body) : cleanServerText(problem)
  const requestId = gatewayRequestId(response)
  return new SwrRequestError(
    response.operation,
    response.status,
    { requestId },
    '',
    `${response.operation} answered HTTP ${response.status}${requestIdText(requestId)} with a body that is not ${expected}: ${shown}`,
  )
}

/** Creating the organization answered "exists", and reading it showed it is not this account's. */
export function organizationOfAnotherAccount(namespace: string, readRefusal: SwrRequestError): SwrRequestError {
  const { operation, status, detail } = readRefusal
  const hint =
    'Organization names are unique across all accounts: choose another namespace, or ask its owner to grant your account access.'
  return new SwrRequestError(
    operation,
    status,
    detail,
    hint,
    `The organization ${namespace} already exists in another Huawei Cloud account (SWR answered HTTP 409 to creating it, ` +
      `then HTTP ${status} to reading it). ${hint}`,
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

/**
 * What a user can do about a failure, by status and SWR's code; for a 403 of a known SWR operation, the one permission
 * it needs (a 403 of the API gateway's own is not about SWR's permissions).
 */
export function hintFor(status: number, detail: ErrorDetail, operation?: SwrOperation): string {
  if (detail.code === SIGNATURE_REFUSED_CODE) {
    return (
      'The request signature was refused: check that secret_access_key belongs to access_key_id, ' +
      "that a security_token is given with temporary credentials, and that the machine's clock is right."
    )
  }
  if (detail.code !== undefined && THROTTLING_CODES.includes(detail.code)) {
    return (
      "SWR throttled this account's requests, and the tries with backoff (max_attempts) did not outlast it: wait a " +
      'few minutes and run again, or run fewer jobs against SWR at once.'
    )
  }
  if (detail.code === OTHER_ACCOUNT_TOKEN_CODE) {
    return 'The token belongs to another account or project: get a token scoped to this region.'
  }
  if (detail.code === ORGANIZATION_QUOTA_CODE) {
    return (
      "The account's 5 organizations, SWR's limit, are used up: choose one of the existing organizations " +
      'as namespace, or delete one you no longer need.'
    )
  }
  switch (status) {
    case 400:
      return 'SWR refused the request as invalid: check the namespace, repository, category and description inputs.'
    case 401:
      return (
        'Check that the credentials are valid and not expired, and that region (or endpoint) is the region ' +
        'they were issued for.'
      )
    case 403:
      if (operation && !detail.code?.startsWith('APIG.')) return forbiddenHint(operation)
      return (
        'The IAM user lacks an SWR permission this step needs (see "Permissions" in the README), ' +
        'or the organization belongs to another account.'
      )
    case 404:
      return 'Check namespace and region (or endpoint).'
    default:
      return ''
  }
}
