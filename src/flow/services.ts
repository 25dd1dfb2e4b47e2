// The services as the action reaches them: SWR, IAM and GitHub's ID token over one client bounded as the inputs
// ask, and the login, whose Docker code is loaded only by a run that logs in.
import { ApiClient } from '../clients/api-client.js'
import { authenticator } from '../clients/authenticate.js'
import { requestIdToken } from '../clients/github-id-token.js'
import { iamApi } from '../clients/iam.js'
import { swrApi } from '../clients/swr/swr-api.js'
import type { MainServices } from './main-step.js'

const USER_AGENT = 'swr-ensure-repository-action'

export const clientServices: MainServices = {
  connect(inputs, log, mask) {
    const client = new ApiClient({
      maxAttempts: inputs.maxAttempts,
      timeoutMs: inputs.timeoutMs,
      log: { info: (text) => log.info(text), debug: (text) => log.debug(text) },
      userAgent: USER_AGENT,
    })
    return {
      swr: (credentials) => swrApi(client, inputs.endpoint, authenticator(credentials)),
      iam: iamApi(client, inputs.iamEndpoint, inputs.region, mask),
      githubIdToken: (endpoint, audience) => requestIdToken(client, endpoint, audience),
      dispose: () => client.dispose(),
    }
  },
  async logIn(...args) {
    const { logIn } = await import('./login.js')
    return logIn(...args)
  },
}
