// The composition root: the services as the action reaches them, SWR, IAM and GitHub's ID token over one client bounded as the inputs
// ask, and the login. What a run does not use it does not load: the clients of the sign-in exchanges (IAM, GitHub's
// ID token, the metadata service) only for the sign-in that needs them, the Docker code only for a login.
import { ApiClient } from '../clients/api-client.js'
import { authenticator } from '../clients/authenticate.js'
import { readIdTokenFile } from '../clients/id-token-file.js'
import { swrApi } from '../clients/swr/swr-api.js'
import { loadedOnFirstUse } from '../clients/lazy.js'
import { regionalSwrEndpoint } from '../rules/endpoint.js'
import type { MainServices } from '../flow/main-step.js'

const USER_AGENT = 'swr-ensure-repository-action'
/** Where the tests' emulator stands in for the instance metadata service; unset everywhere else. */
const METADATA_ENDPOINT_VARIABLE = 'SWR_ENSURE_METADATA_ENDPOINT'

export const clientServices: MainServices = {
  connect(inputs, { log, mask, env }) {
    const logger = { info: (text: string) => log.info(text), debug: (text: string) => log.debug(text) }
    const { endpoint, iamEndpoint, region } = inputs.place
    const client = new ApiClient({
      ...inputs.transport,
      log: logger,
      userAgent: USER_AGENT,
    })
    return {
      swr: (credentials) => swrApi(client, endpoint, authenticator(credentials)),
      regionalSwr(credentials, other) {
        // A token is scoped to the project of the region it was issued for: other regions refuse it.
        if (credentials.kind === 'token') {
          return `an IAM token is scoped to ${region}; sign in with access keys to create organizations in other regions`
        }
        const there = regionalSwrEndpoint(endpoint, region, other)
        if (!there) return `the endpoint input is not SWR's regional address, so the address of ${other} is not known`
        return swrApi(client, there, authenticator(credentials))
      },
      iam: loadedOnFirstUse(
        () => import('../clients/iam.js').then(({ iamApi }) => iamApi(client, iamEndpoint, region, mask)),
        { passwordToken: true, federatedToken: true },
      ),
      enterprise(credentials) {
        const authenticate = authenticator(credentials)
        // Given, or the one IAM scoped the run's token to.
        const given = inputs.enterprise?.projectId ?? (credentials.kind === 'token' ? credentials.projectId : undefined)
        // Looked up once, and only when not given (input project_id, or HUAWEI_CLOUD_PROJECT_ID).
        let project: Promise<string> | undefined
        const projectId = () =>
          (project ??= given
            ? Promise.resolve(given)
            : import('../clients/iam.js').then(({ projectIdOf }) =>
                projectIdOf(client, iamEndpoint, region, authenticate),
              ))
        return loadedOnFirstUse(
          () =>
            import('../clients/swr/enterprise-api.js').then(({ enterpriseApi }) =>
              enterpriseApi(client, endpoint, authenticate, projectId),
            ),
          {
            findInstance: true,
            namespaceExists: true,
            createNamespace: true,
            showRepository: true,
            publicAccess: true,
            createLoginSecret: true,
          },
        )
      },
      async githubIdToken(endpoint, audience) {
        const { requestIdToken } = await import('../clients/github-id-token.js')
        return requestIdToken(client, endpoint, audience)
      },
      idTokenFile: readIdTokenFile,
      async instanceCredentials() {
        const { instanceCredentials, METADATA_ENDPOINT } = await import('../clients/instance-metadata.js')
        // Link-local and plain HTTP, never through a proxy; 3 s a try, as the SDKs allow (docs/api-notes.md,
        // "Instance metadata"), and 5 s for the whole sign-in, waits included, so that a machine where nothing
        // answers (no ECS) fails within 5 s.
        const metadata = new ApiClient({
          maxAttempts: 2,
          timeoutMs: 3000,
          budgetMs: 5000,
          log: logger,
          userAgent: USER_AGENT,
          direct: true,
        })
        const endpoint = new URL(env[METADATA_ENDPOINT_VARIABLE] || METADATA_ENDPOINT)
        try {
          return await instanceCredentials(metadata, endpoint, mask)
        } finally {
          metadata.dispose()
        }
      },
      dispose: () => client.dispose(),
    }
  },
  async logIn(...args) {
    const { logIn } = await import('../flow/login.js')
    return logIn(...args)
  },
}
