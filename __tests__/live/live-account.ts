// The account a live run uses, from SWR_LIVE_* variables, and the client operations the suite needs beyond the
// action's own: deleting what it created (DeleteRepo, DeleteNamespace), so that nothing is left behind.
import { ApiClient } from '../../src/clients/api-client.js'
import { authenticator } from '../../src/clients/authenticate.js'
import { endpointUrl, swrApiUrl } from '../../src/rules/endpoint.js'
import { repositoryPath } from '../../src/clients/swr/paths.js'

export interface LiveAccount {
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** The SWR endpoint: the region's own, unless SWR_LIVE_ENDPOINT says otherwise (an emulator, another cloud). */
  endpoint?: string
  iamEndpoint?: string
}

export const LIVE_VARIABLES = ['SWR_LIVE_REGION', 'SWR_LIVE_ACCESS_KEY_ID', 'SWR_LIVE_SECRET_ACCESS_KEY'] as const

export function liveAccount(env: Record<string, string | undefined>): LiveAccount | undefined {
  const [region, accessKeyId, secretAccessKey] = LIVE_VARIABLES.map((name) => env[name])
  if (!region || !accessKeyId || !secretAccessKey) return undefined
  return {
    region,
    accessKeyId,
    secretAccessKey,
    endpoint: env.SWR_LIVE_ENDPOINT || undefined,
    iamEndpoint: env.SWR_LIVE_IAM_ENDPOINT || undefined,
  }
}

/** Deletes repositories, then the organization; what is already gone is fine. Returns what could not be deleted. */
export async function deleteCreated(
  account: LiveAccount,
  namespace: string,
  repositories: string[],
): Promise<string[]> {
  const client = new ApiClient({
    maxAttempts: 3,
    timeoutMs: 30_000,
    log: { info: () => {}, debug: () => {} },
    userAgent: 'swr-live-suite',
  })
  const endpoint = account.endpoint ? new URL(account.endpoint) : swrApiUrl(account.region)
  const authenticate = authenticator({ kind: 'access-key', ...account, source: 'live suite' })
  const left: string[] = []
  const remove = async (what: string, path: string) => {
    const answer = await client.send({
      operation: `Deleting ${what}`,
      method: 'DELETE',
      url: endpointUrl(endpoint, path),
      authenticate,
    })
    if (answer.status >= 300 && answer.status !== 404)
      left.push(`${what} (HTTP ${answer.status}: ${answer.body.slice(0, 200)})`)
  }
  try {
    for (const repository of repositories) {
      await remove(`repository ${namespace}/${repository}`, repositoryPath(namespace, repository))
    }
    await remove(`organization ${namespace}`, `/v2/manage/namespaces/${namespace}`)
  } finally {
    client.dispose()
  }
  return left
}
