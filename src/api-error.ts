// The one error type for answers that are not an expected outcome. SWR, IAM and their API gateway answer errors
// in several JSON shapes; this reads them all into one.
import type { ApiResponse } from './api-client.js'

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

/**
 * Reads `{"error_code","error_msg"}` (the gateway, IAM), `{"errorCode","errorMessage"}`, a list of those,
 * `{"errors":[...]}` and `{"error":{...}}`. Anything else yields what little it can: a short excerpt of the text.
 */
export function parseErrorBody(body: string): ErrorDetail {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    const text = body.trim().replace(/\s+/g, ' ')
    return text ? { message: text.length > 200 ? `${text.slice(0, 200)}…` : text } : {}
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
  return {
    code: pick(object, 'error_code', 'errorCode', 'code'),
    message: message?.replace(/,?\s*canonicalRequest:[\s\S]*$/, ''),
    requestId: pick(object, 'request_id', 'requestId'),
  }
}

export const ORGANIZATION_NOT_FOUND_CODES = ['SVCSTG.SWR.4040058', 'SVCSTG.SWR.4041061']
export const ORGANIZATION_QUOTA_CODE = 'SVCSTG.SWR.4000097'
export const SIGNATURE_REFUSED_CODE = 'APIG.0301'
export const OTHER_ACCOUNT_TOKEN_CODE = 'SVCSTG.SWR.4011064'

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
  const detail = parseErrorBody(response.body)
  return new SwrRequestError(response.operation, response.status, detail, hint(response.status, detail))
}

/** The error for a successful answer whose body is not what the operation returns. */
export function unexpectedBody(response: ApiResponse, expected: string, problem?: string): SwrRequestError {
  const shown = problem ?? JSON.stringify(response.body.slice(0, 200))
  return new SwrRequestError(
    response.operation,
    response.status,
    {},
    '',
    `${response.operation} answered HTTP ${response.status} with a body that is not ${expected}: ${shown}`,
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
  const request = detail.requestId ? ` (request id ${detail.requestId})` : ''
  return `HTTP ${status}${said ? ` ${said}` : ''}${request}`
}

function describeFailure(operation: string, status: number, detail: ErrorDetail, hint: string): string {
  return `${operation} failed with ${describeAnswer(status, detail)}.${hint ? ` ${hint}` : ''}`
}

/** What a user can do about a failure, by status and SWR's code. */
export function hintFor(status: number, detail: ErrorDetail): string {
  if (detail.code === SIGNATURE_REFUSED_CODE) {
    return (
      'The request signature was refused: check that secret_access_key belongs to access_key_id, ' +
      "that a security_token is given with temporary credentials, and that the machine's clock is right."
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
      return (
        'The IAM user lacks an SWR permission this step needs (see "Permissions" in the README: ' +
        'swr:namespace:createNamespace, swr:namespace:getNamespace, swr:repo:createRepo, swr:repo:getRepo), ' +
        'or the organization belongs to another account.'
      )
    case 404:
      return 'Check namespace and region (or endpoint).'
    default:
      return ''
  }
}
