// The emulator's IAM token operations and a stand-in for GitHub's ID-token endpoint. Tokens issued here are
// accepted by the emulator's SWR operations and bound to the account they were issued for.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'

export interface IamUser {
  name: string
  password: string
}

/** An IAM identity provider set up for GitHub's OpenID Connect ID tokens. */
export interface IdentityProvider {
  id: string
  /** The account (domain) name the provider belongs to. */
  account: string
  /** The idp_url: the issuer the token must come from. */
  issuer: string
  clientId: string
}

/** What GitHub's ID-token endpoint knows about the job. */
export interface GithubJob {
  owner: string
  repository: string
  /** The bearer token of ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  requestToken: string
  /** The issuer the stand-in writes into tokens (GitHub's own unless a test says otherwise). */
  issuer?: string
  /** Lifetime of issued ID tokens; a negative one issues tokens that have already expired. */
  ttlSeconds?: number
}

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

export interface Answer {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

const iamError = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error_msg: message, error_code: code },
})

/** Signs and checks the stand-in's ID tokens (HS256 with a key made for the emulator's lifetime). */
export class IdTokenIssuer {
  /** Every token issued, so tests can check that none is ever shown. */
  readonly issued: string[] = []
  private readonly key = randomBytes(32)

  issue(claims: Record<string, unknown>): string {
    const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url')
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`
    const token = `${unsigned}.${this.sign(unsigned)}`
    this.issued.push(token)
    return token
  }

  /** The claims of a token this issuer signed, or undefined. */
  verify(token: string): Record<string, unknown> | undefined {
    const [header, payload, signature] = token.split('.')
    if (!header || !payload || !signature) return undefined
    const expected = Buffer.from(this.sign(`${header}.${payload}`))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
    } catch {
      return undefined
    }
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url')
  }
}

/** GET {ACTIONS_ID_TOKEN_REQUEST_URL}&audience=...: GitHub's answer is {"value": "<JWT>"}. */
export function githubIdToken(
  issuer: IdTokenIssuer,
  job: GithubJob | undefined,
  authorization: string | undefined,
  query: string,
): Answer {
  if (!job || authorization !== `Bearer ${job.requestToken}`) {
    return { status: 401, body: { message: 'Bad credentials' } }
  }
  const now = Math.floor(Date.now() / 1000)
  const audience = new URLSearchParams(query).get('audience') || `https://github.com/${job.owner}`
  const value = issuer.issue({
    jti: randomUUID(),
    iss: job.issuer ?? GITHUB_ISSUER,
    aud: audience,
    sub: `repo:${job.owner}/${job.repository}:ref:refs/heads/main`,
    repository: `${job.owner}/${job.repository}`,
    repository_owner: job.owner,
    ref: 'refs/heads/main',
    iat: now,
    nbf: now,
    exp: now + (job.ttlSeconds ?? 300),
  })
  return { status: 200, body: { count: 1, value } }
}

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
