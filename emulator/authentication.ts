// The gateway's check of the credentials a request carries: an IAM token, or an SDK-HMAC-SHA256 signature made
// with an access key (and, for temporary keys, the security token).
import type { IncomingHttpHeaders } from 'node:http'
import type { Account } from './accounts.js'
import { gatewayError, headerText, type LoggedRequest, Refusal } from './routes.js'
import {
  buildCanonicalRequest,
  expectedSignature,
  parseAuthorization,
  parseSdkDate,
  signaturesEqual,
} from './signature.js'

const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000

export interface SignedRequest {
  method: string
  /** Path and query exactly as received. */
  target: string
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface Accounts {
  accounts: Account[]
  /** The account an IAM token belongs to, for tokens issued while the emulator runs. */
  tokenAccount(token: string): Account | undefined
}

/** The account the request's credentials belong to; notes how it authenticated in the log entry. */
export function authenticate(request: SignedRequest, known: Accounts, entry: LoggedRequest): Account {
  const token = request.headers['x-auth-token']
  if (typeof token === 'string') {
    entry.auth = 'token'
    const account = known.accounts.find((candidate) => candidate.tokens.includes(token)) ?? known.tokenAccount(token)
    if (!account) {
      throw new Refusal({
        status: 401,
        body: { errorCode: 'SVCSTG.SWR.4010000', errorMessage: 'Authenticate failed or token expired' },
      })
    }
    entry.account = account.name
    return account
  }

  const authorization = parseAuthorization(headerText(request.headers.authorization))
  if (!authorization) {
    throw new Refusal(
      gatewayError(
        401,
        'APIG.1000',
        'Incorrect IAM authentication information: Authorization header is missing or malformed',
      ),
    )
  }
  entry.auth = 'signature'
  entry.signedHeaders = authorization.signedHeaders
  const refuse = (why: string): never => {
    throw new Refusal(gatewayError(401, 'APIG.0301', `Incorrect IAM authentication information: ${why}`))
  }
  const owner = known.accounts.find((account) => account.accessKeys.some((key) => key.id === authorization.accessKeyId))
  const key = owner?.accessKeys.find((candidate) => candidate.id === authorization.accessKeyId)
  if (!owner || !key) return refuse('ak not exist')

  const sdkDate = headerText(request.headers['x-sdk-date'])
  const signedAt = sdkDate === undefined ? undefined : parseSdkDate(sdkDate)
  if (!signedAt || !authorization.signedHeaders.includes('x-sdk-date')) {
    return refuse('x-sdk-date missing, malformed or not signed')
  }
  if (Math.abs(Date.now() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS)
    return refuse('x-sdk-date is more than 15 minutes off')
  if (!authorization.signedHeaders.includes('host')) return refuse('host header not signed')
  if (key.securityToken !== undefined) {
    if (request.headers['x-security-token'] !== key.securityToken) {
      return refuse('security token missing or invalid for temporary ak')
    }
    if (!authorization.signedHeaders.includes('x-security-token')) return refuse('x-security-token not signed')
  }

  const canonical = buildCanonicalRequest(request, authorization.signedHeaders)
  const expected = expectedSignature(canonical, sdkDate as string, key.secret)
  if (!signaturesEqual(expected, authorization.signature)) {
    // The real gateway shows the canonical request it computed, with "|" for newlines.
    return refuse(`verify aksk signature fail, canonicalRequest: ${canonical.replaceAll('\n', '|')}`)
  }
  entry.account = owner.name
  return owner
}
