// Signing in: what SWR requests will carry for the run's sign-in method. Credentials given are used as they are; a
// password or an OpenID Connect ID token is exchanged at IAM for a token, with one request (two with GitHub's token).
import type { IamApi } from '../clients/iam.js'
import type { Credentials, IdTokenEndpoint, SignIn } from '../rules/credentials.js'

export interface SignInServices {
  iam: IamApi
  /** GitHub's ID token for the job, for the audience (undefined: GitHub's default). */
  githubIdToken(endpoint: IdTokenEndpoint, audience?: string): Promise<string>
  /** Hides a secret from the log; called the moment one is received. */
  mask(secret: string): void
}

export async function signedInCredentials(signIn: SignIn, services: SignInServices): Promise<Credentials> {
  if (signIn.kind === 'token' || signIn.kind === 'access-key') return signIn
  const token =
    signIn.kind === 'password' ? await services.iam.passwordToken(signIn) : await oidcToken(signIn, services)
  return { kind: 'token', token, source: signIn.source }
}

async function oidcToken(signIn: Extract<SignIn, { kind: 'oidc' }>, services: SignInServices): Promise<string> {
  const idToken = await services.githubIdToken(signIn.idTokenEndpoint, signIn.audience)
  services.mask(idToken)
  return services.iam.federatedToken(signIn.idpId, idToken, "GitHub's ID token")
}
