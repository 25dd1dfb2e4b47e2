// Signing in: what SWR requests will carry for the run's sign-in method. Credentials given are used as they are; a
// password or an OpenID Connect ID token (GitHub's, or one from a file) is exchanged at IAM for a token; an
// instance's agency gives a temporary access key through the instance's metadata service.
import type { IamApi } from '../clients/iam.js'
import type { Credentials, IdTokenEndpoint, SignIn } from '../rules/credentials.js'
import { cleanServerText } from '../rules/server-text.js'

export interface SignInServices {
  iam: IamApi
  /** GitHub's ID token for the job, for the audience (undefined: GitHub's default). */
  githubIdToken(endpoint: IdTokenEndpoint, audience?: string): Promise<string>
  /** The ID token in a file, checked; an error before any request when there is none. */
  idTokenFile(path: string): string
  /** The temporary access key of the instance's agency, its secrets masked. */
  instanceCredentials(): Promise<Credentials>
  /** Hides a secret from the log; called the moment one is received. */
  mask(secret: string): void
}

export async function signedInCredentials(signIn: SignIn, services: SignInServices): Promise<Credentials> {
  switch (signIn.kind) {
    case 'token':
    case 'access-key':
      return signIn
    case 'instance':
      return services.instanceCredentials()
    case 'password':
      return { kind: 'token', ...(await services.iam.passwordToken(signIn)), source: signIn.source }
    case 'oidc': {
      const idToken = await services.githubIdToken(signIn.idTokenEndpoint, signIn.audience)
      services.mask(idToken)
      const issued = await services.iam.federatedToken(signIn.idpId, idToken, "GitHub's ID token")
      return { kind: 'token', ...issued, source: signIn.source }
    }
    case 'oidc-file': {
      const idToken = services.idTokenFile(signIn.path)
      services.mask(idToken)
      const shown = cleanServerText(signIn.path)
      const issued = await services.iam.federatedToken(signIn.idpId, idToken, `the ID token in ${shown}`)
      return { kind: 'token', ...issued, source: signIn.source }
    }
  }
}
