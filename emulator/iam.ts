// The emulator's IAM token operations: an IAM user's password, or an OpenID Connect ID token through an identity
// provider. Tokens issued here are accepted by the emulator's other services and bound to the account they were
// issued for.
import { randomBytes } from 'node:crypto'
import type { Account, IamUser } from './accounts.js'
import { type Answer, headerText, type PublicRoute } from './gateway.js'
import type { IdTokenIssuer } from './github.js'
import { projectIdOf } from './enterprise.js'

/** An IAM identity provider set up for GitHub's OpenID Connect ID tokens. */
export interface IdentityProvider {
  id: string
  /** The account (domain) name the provider belongs to. */
  account: string
  /** The idp_url: the issuer the token must come from. */
  issuer: string
  clientId: string
}

const iamError = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error_msg: message, error_code: code },
})

function scopedProject(body: unknown): string | undefined {
  const scope = (body as { auth?: { scope?: { project?: { name?: unknown } } } } | undefined)?.auth?.scope
  return typeof scope?.project?.name === 'string' ? scope.project.name : undefined
}

function issuedToken(token: string, project: string): Answer {
  const expires = new Date(Date.now() + 24 * 3600 * 1000).toISOString()
  return {
    status: 201,
    headers: { 'X-Subject-Token': token },
    body: { token: { expires_at: expires, issued_at: new Date().toISOString(), project: { name: project } } },
  }
}

export interface TokenGrant {
  answer: Answer
  /** The account a new token was issued for. */
  account?: string
  token?: string
}

/** POST /v3/auth/tokens with the password method. */
export function passwordToken(users: Map<string, IamUser[]>, body: unknown): TokenGrant {
  const password = (
    body as { auth?: { identity?: { methods?: unknown; password?: { user?: Record<string, unknown> } } } }
  )?.auth?.identity
  const user = password?.password?.user
  const domain = (user?.domain as { name?: unknown } | undefined)?.name
  const project = scopedProject(body)
  if (!Array.isArray(password?.methods) || !password.methods.includes('password') || !user || !project) {
    return { answer: iamError(400, 'IAM.0011', 'Request body is invalid.') }
  }
  const known =
    typeof domain === 'string' ? users.get(domain)?.find((candidate) => candidate.name === user.name) : undefined
  if (!known || known.password !== user.password) {
    // IAM's token API answers a failed password sign-in in its Keystone shape.
    return {
      answer: {
        status: 401,
        body: { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } },
      },
    }
  }
  const token = `iam-${randomBytes(24).toString('hex')}`
  return { answer: issuedToken(token, project), account: domain as string, token }
}

/** POST /v3.0/OS-AUTH/id-token/tokens: checks the provider, the token's signature, issuer, audience and expiry. */
export function idTokenToken(
  issuer: IdTokenIssuer,
  providers: IdentityProvider[],
  idpId: string | undefined,
  body: unknown,
): TokenGrant {
  const provider = providers.find((candidate) => candidate.id === idpId)
  if (!provider) return { answer: iamError(404, 'IAM.0004', `Could not find identity provider: ${idpId ?? ''}.`) }
  const idToken = (body as { auth?: { id_token?: { id?: unknown } } } | undefined)?.auth?.id_token?.id
  const project = scopedProject(body)
  if (typeof idToken !== 'string' || !project) return { answer: iamError(400, 'IAM.0011', 'Request body is invalid.') }
  const claims = issuer.verify(idToken)
  const refuse = (why: string) => ({
    answer: iamError(401, 'IAM.0007', `Request parameter id_token is invalid: ${why}.`),
  })
  if (!claims) return refuse('signature verification failed')
  if (claims.iss !== provider.issuer) return refuse('iss does not match the identity provider')
  if (claims.aud !== provider.clientId) return refuse('aud does not match the client_id of the identity provider')
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return refuse('the id_token has expired')
  const token = `fed-${randomBytes(24).toString('hex')}`
  return { answer: issuedToken(token, project), account: provider.account, token }
}

export class IamService {
  /** Tokens issued by the IAM operations, and the account each belongs to. */
  readonly issuedTokens = new Map<string, string>()

  constructor(
    private readonly accounts: Account[],
    public identityProviders: IdentityProvider[],
    private readonly idTokens: IdTokenIssuer,
  ) {}

  readonly routes: PublicRoute[] = [
    {
      method: 'POST',
      path: '/v3/auth/tokens',
      operation: 'passwordToken',
      public: true,
      run: ({ body }) => this.grant(passwordToken(this.users(), body)),
    },
    {
      method: 'POST',
      path: '/v3.0/OS-AUTH/id-token/tokens',
      operation: 'idTokenToken',
      public: true,
      run: ({ body, headers }) =>
        this.grant(idTokenToken(this.idTokens, this.identityProviders, headerText(headers['x-idp-id']), body)),
    },
  ]

  /** The account a token issued here belongs to. */
  tokenAccount(token: string): Account | undefined {
    const name = this.issuedTokens.get(token)
    return name === undefined ? undefined : this.accounts.find((account) => account.name === name)
  }

  private users(): Map<string, IamUser[]> {
    return new Map(this.accounts.map((account) => [account.name, account.users ?? []]))
  }

  private grant({ answer, account, token }: TokenGrant): Answer {
    if (!account || !token) return answer
    this.issuedTokens.set(token, account)
    // IAM's answer names the project the token is scoped to, with its ID.
    const owner = this.accounts.find((candidate) => candidate.name === account)
    const body = answer.body as { token: { project: { name: string; id?: string } } }
    if (owner) body.token.project.id = projectIdOf(owner, body.token.project.name)
    return answer
  }
}
