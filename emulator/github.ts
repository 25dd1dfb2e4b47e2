// A stand-in for GitHub's ID-token endpoint (what core.getIDToken() asks), and the signer of its tokens.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Answer, PublicRoute } from './gateway.js'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

/** How ACTIONS_ID_TOKEN_REQUEST_URL points at the stand-in (GitHub's URL carries a query already). */
export const GITHUB_ID_TOKEN_PATH = '/_github/id-token?api-version=2.0'

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
  query: URLSearchParams,
): Answer {
  if (!job || authorization !== `Bearer ${job.requestToken}`) {
    return { status: 401, body: { message: 'Bad credentials' } }
  }
  const now = Math.floor(Date.now() / 1000)
  const audience = query.get('audience') || `https://github.com/${job.owner}`
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

export class GithubStandIn {
  readonly idTokens = new IdTokenIssuer()

  constructor(public job: GithubJob | undefined) {}

  readonly routes: PublicRoute[] = [
    {
      method: 'GET',
      path: GITHUB_ID_TOKEN_PATH.split('?', 1)[0],
      operation: 'githubIdToken',
      public: true,
      run: ({ headers, query }) => githubIdToken(this.idTokens, this.job, headers.authorization, query),
    },
  ]
}
