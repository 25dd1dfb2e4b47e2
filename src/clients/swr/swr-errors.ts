// What SWR's answers mean for a user: its error codes, and the hint for each failure (for a 403, the one permission the
// operation needs, from the table in permissions.ts).
import { type ErrorDetail, RequestError } from '../request-error.js'
import { forbiddenHint, type SwrOperation } from './permissions.js'

export const ORGANIZATION_NOT_FOUND_CODES = ['SVCSTG.SWR.4040058', 'SVCSTG.SWR.4041061']
export const ORGANIZATION_QUOTA_CODE = 'SVCSTG.SWR.4000097'
export const SIGNATURE_REFUSED_CODE = 'APIG.0301'
export const OTHER_ACCOUNT_TOKEN_CODE = 'SVCSTG.SWR.4011064'
/** DeleteRetention's answer for a policy that no longer exists (docs/api-notes.md, "Retention"). */
export const RETENTION_GONE_CODE = 'SVCSTG.SWR.4000306'
/** SWR's own answers to throttling: a 403, not a 429 (docs/api-notes.md, "Throttling"). */
export const THROTTLING_CODES = ['SVCSTG.SWR.4031032', 'SVCSTG.SWR.4031042']
/**
 * The API gateway's own 404: no API at this path, never a missing organization or repository (docs/api-notes.md,
 * "Error bodies").
 */
export const UNKNOWN_API_CODE = 'APIG.0101'

/** Creating the organization answered "exists", and reading it showed it is not this account's. */
export function organizationOfAnotherAccount(namespace: string, readRefusal: RequestError): RequestError {
  const { operation, status, detail } = readRefusal
  const hint =
    'Organization names are unique across all accounts: choose another namespace, or ask its owner to grant your account access.'
  return new RequestError(
    operation,
    status,
    detail,
    hint,
    `The organization ${namespace} already exists in another Huawei Cloud account (SWR answered HTTP 409 to creating it, ` +
      `then HTTP ${status} to reading it). ${hint}`,
  )
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
  if (detail.code === UNKNOWN_API_CODE) {
    return (
      "The address answered that it has no such API: the endpoint input is not SWR's API address. Give the origin " +
      "only (e.g. https://swr-api.cn-north-4.myhuaweicloud.com, with no path), or leave endpoint out to use the region's."
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
