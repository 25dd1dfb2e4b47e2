// GitHub's OpenID Connect ID token for the job, requested with the action's own client rather than the toolkit's
// getIDToken(): that one follows redirects, sending the job's request token along to wherever they point, and
// reads answers of any size. This request is bounded, retried and never redirected like every other.
import { type ApiClient, isSuccess } from './api-client.js'
import { requestError, unexpectedBody } from './request-error.js'
import { type IdTokenEndpoint, JWT } from '../rules/credentials.js'

function hint(status: number): string {
  if (status === 401 || status === 403) {
    return (
      "GitHub refused the job's request token (ACTIONS_ID_TOKEN_REQUEST_TOKEN), which is valid only while the job " +
      'runs: check that the job has "permissions: id-token: write".'
    )
  }
  return 'Try again; if it persists, check https://www.githubstatus.com.'
}

/** The ID token for the audience (undefined: GitHub's default, the URL of the repository's owner). */
export async function requestIdToken(
  client: Pick<ApiClient, 'send'>,
  endpoint: IdTokenEndpoint,
  audience?: string,
): Promise<string> {
  // Appended as the toolkit does: the runner's URL carries a query of its own.
  const url = new URL(audience ? `${endpoint.url}&audience=${encodeURIComponent(audience)}` : endpoint.url)
  const response = await client.send({
    operation: 'Requesting an ID token from GitHub',
    method: 'GET',
    url,
    authenticate: (request) => ({
      ...request.headers,
      Accept: 'application/json',
      Authorization: `Bearer ${endpoint.requestToken}`,
    }),
  })
  if (!isSuccess(response)) throw requestError(response, hint)
  let value: unknown
  try {
    value = (JSON.parse(response.body) as { value?: unknown } | null)?.value
  } catch {
    value = undefined
  }
  if (typeof value !== 'string' || !JWT.test(value)) throw unexpectedBody(response, 'an ID token ({"value": "<JWT>"})')
  return value
}
