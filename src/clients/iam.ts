// IAM's token operations, for the sign-in methods that need a token: an IAM user's password, or an OpenID Connect ID
// token exchanged through an IAM identity provider. Each makes exactly one request; a token is the one outcome, and
// every other answer is thrown as a RequestError with IAM's hint. And the project ID of a region, looked up.
import {
  type ApiClient,
  type ApiResponse,
  type Authenticate,
  headerValue,
  isSuccess,
  isSuccessStatus,
  unreachableHint,
} from './api-client.js'
import { type ErrorDetail, requestError, unexpectedBody } from './request-error.js'
import type { PasswordSignIn } from '../rules/credentials.js'
import { endpointUrl } from '../rules/endpoint.js'
import { cleanServerText } from '../rules/server-text.js'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

/** A token IAM issued, and the ID of the project it is scoped to when IAM's answer gives one. */
export interface IamToken {
  token: string
  projectId?: string
}

export interface IamApi {
  /** A token for the IAM user, scoped to the region's project. */
  passwordToken(signIn: PasswordSignIn): Promise<IamToken>
  /** A token for an OpenID Connect ID token (named for messages: "GitHub's ID token"), through the identity provider. */
  federatedToken(idpId: string, idToken: string, tokenName: string): Promise<IamToken>
}

export function passwordTokenBody(signIn: PasswordSignIn, region: string): unknown {
  const user = { name: signIn.user, password: signIn.password, domain: { name: signIn.domain } }
  return { auth: { identity: { methods: ['password'], password: { user } }, scope: { project: { name: region } } } }
}

export function idTokenBody(idToken: string, region: string): unknown {
  return { auth: { id_token: { id: idToken }, scope: { project: { name: region } } } }
}

export interface IdTokenClaims {
  iss?: string
  aud?: string | string[]
  exp?: number
}

/** Reads the (unverified) claims of a JWT, to explain a refusal; the token itself is never shown. */
export function idTokenClaims(idToken: string): IdTokenClaims {
  try {
    return JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as IdTokenClaims
  } catch {
    return {}
  }
}

/** The token of a successful answer, masked at once; undefined when IAM answered otherwise. */
function subjectToken(response: ApiResponse, mask: (secret: string) => void): IamToken | undefined {
  const token = headerValue(response.headers['x-subject-token'])
  if (token) mask(token)
  if (!isSuccess(response) || !token) return undefined
  // The body's token.project.id saves Enterprise Edition a project lookup; taken only in its documented form.
  let projectId: unknown
  try {
    projectId = (JSON.parse(response.body) as { token?: { project?: { id?: unknown } } } | null)?.token?.project?.id
  } catch {
    projectId = undefined
  }
  return typeof projectId === 'string' && /^[0-9a-f]{32}$/.test(projectId) ? { token, projectId } : { token }
}

/**
 * IAM at the endpoint, issuing tokens scoped to the project named after the region; `mask` hides each token the
 * moment it is received.
 */
export function iamApi(
  client: Pick<ApiClient, 'send'>,
  iamEndpoint: URL,
  region: string,
  mask: (secret: string) => void,
): IamApi {
  return {
    async passwordToken(signIn) {
      const response = await client.send({
        operation: `Signing in as IAM user ${signIn.user}`,
        method: 'POST',
        url: endpointUrl(iamEndpoint, '/v3/auth/tokens'),
        body: passwordTokenBody(signIn, region),
        unreachable: unreachableHint('iam_endpoint'),
      })
      const token = subjectToken(response, mask)
      if (token) return token
      throw requestError(response, (status) => passwordHint(status, signIn, region))
    },
    async federatedToken(idpId, idToken, tokenName) {
      const response = await client.send({
        operation: `Exchanging ${tokenName} through identity provider ${idpId}`,
        method: 'POST',
        url: endpointUrl(iamEndpoint, '/v3.0/OS-AUTH/id-token/tokens'),
        body: idTokenBody(idToken, region),
        unreachable: unreachableHint('iam_endpoint'),
        authenticate: (request) => ({ ...request.headers, 'X-Idp-Id': idpId }),
      })
      const token = subjectToken(response, mask)
      if (token) return token
      const claims = idTokenClaims(idToken)
      throw requestError(response, (status, detail) => oidcHint(status, detail, idpId, claims, Date.now()))
    },
  }
}

export function passwordHint(status: number, signIn: PasswordSignIn, region: string): string {
  switch (status) {
    case 400:
    case 404:
      return `Check region: the token is scoped to the project "${region}" of account ${signIn.domain}.`
    case 401:
      return (
        `IAM refused the password of user "${signIn.user}" in account "${signIn.domain}": check iam_domain (the account ` +
        'name, not the user name), iam_user and iam_password, that the user has programmatic access, and that it is not locked.'
      )
    case 403:
      return "IAM does not let this user obtain a token: check the account's login protection and access policies."
    default:
      return isSuccessStatus(status) ? 'IAM answered without an X-Subject-Token header.' : ''
  }
}

export function oidcHint(
  status: number,
  detail: ErrorDetail,
  idpId: string,
  claims: IdTokenClaims,
  now: number,
): string {
  if (status === 404) {
    return (
      `IAM has no identity provider "${idpId}": check idp_id against IAM's Identity Providers, and that ` +
      'region (or iam_endpoint) is of the account that holds it.'
    )
  }
  if (isSuccessStatus(status)) return 'IAM answered without an X-Subject-Token header.'
  // The claims come from the token's issuer: shown only as clean text.
  const audience = cleanServerText(
    Array.isArray(claims.aud) ? claims.aud.join(', ') : String(claims.aud ?? 'unknown'),
    120,
  )
  const issuer = claims.iss === undefined ? 'an unknown issuer' : cleanServerText(String(claims.iss), 120)
  const exp = typeof claims.exp === 'number' && Math.abs(claims.exp) < 8e12 ? claims.exp : undefined
  const expires = exp === undefined ? 'unknown' : new Date(exp * 1000).toISOString()
  const facts = `The ID token was issued by ${issuer} for the audience "${audience}", valid until ${expires}.`
  const message = (detail.message ?? '').toLowerCase()
  let advice: string
  if (exp !== undefined && exp * 1000 <= now) {
    advice = "It has expired: check the runner's clock."
  } else if (/\baud|audience|client/.test(message)) {
    advice =
      "The audience must equal the identity provider's client ID: set id_token_audience to the client ID, " +
      `or set the client ID to "${audience}".`
  } else if (/\biss|issuer/.test(message)) {
    advice = `The identity provider's issuer (identity provider URL) must be ${GITHUB_ISSUER}.`
  } else if (/expire/.test(message)) {
    advice = "It has expired: check the runner's clock, and that the token is used as soon as it is issued."
  } else if (status === 403) {
    advice =
      "The identity provider's identity conversion rules grant this token no access: check them against its claims."
  } else {
    advice =
      `Check the identity provider's client ID (must be "${audience}"), its issuer (${GITHUB_ISSUER}) ` +
      'and its identity conversion rules.'
  }
  return `IAM rejected the ID token. ${facts} ${advice}`
}

/**
 * The ID of the project named after the region, for Enterprise Edition's paths: IAM's project list filtered by name,
 * read with the run's own credentials (docs/api-notes.md, "Enterprise Edition").
 */
export async function projectIdOf(
  client: Pick<ApiClient, 'send'>,
  iamEndpoint: URL,
  region: string,
  authenticate: Authenticate,
): Promise<string> {
  const response = await client.send({
    operation: `Looking up the project ID of ${region}`,
    method: 'GET',
    url: endpointUrl(iamEndpoint, `/v3/projects?name=${encodeURIComponent(region)}`),
    authenticate,
    unreachable: unreachableHint('iam_endpoint'),
  })
  if (!isSuccess(response)) {
    throw requestError(
      response,
      () => 'Give the project ID in the input project_id, or let the credentials list IAM projects.',
    )
  }
  let projects: unknown
  try {
    projects = (JSON.parse(response.body) as { projects?: unknown } | null)?.projects
  } catch {
    projects = undefined
  }
  const found = Array.isArray(projects)
    ? (projects as { id?: unknown; name?: unknown }[]).find((project) => project?.name === region)
    : undefined
  if (typeof found?.id !== 'string' || !/^[0-9a-f]{32}$/.test(found.id)) {
    throw unexpectedBody(response, `a project list with the project ${region}`)
  }
  return found.id
}
