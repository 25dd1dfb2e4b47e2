// The instance metadata service of an ECS with (or without) an agency bound: a session token when the instance
// requires one, and the agency's temporary access key, which the emulated SWR accepts with its security token.
import { randomBytes } from 'node:crypto'
import type { Account } from './accounts.js'
import { type Answer, headerText, type PublicRoute } from './gateway.js'

export interface MetadataOptions {
  /** An agency is bound to the instance (default true): without one, the security key is refused. */
  agency?: boolean
  /** The instance's metadata options require a session token (Huawei's "http_tokens: required"). */
  tokenRequired?: boolean
}

export class MetadataService {
  /** Session tokens handed out. */
  readonly sessionTokens = new Set<string>()

  constructor(
    private readonly account: Account,
    readonly options: MetadataOptions,
  ) {}

  readonly routes: PublicRoute[] = [
    {
      method: 'PUT',
      path: '/meta-data/latest/api/token',
      operation: 'metadataToken',
      public: true,
      run: ({ headers }) => this.sessionToken(headerText(headers['x-metadata-token-ttl-seconds'])),
    },
    {
      method: 'GET',
      path: '/openstack/latest/securitykey',
      operation: 'metadataSecurityKey',
      public: true,
      run: ({ headers }) => this.securityKey(headerText(headers['x-metadata-token'])),
    },
  ]

  private sessionToken(ttl: string | undefined): Answer {
    // An instance that does not require tokens has no token endpoint at all.
    if (!this.options.tokenRequired) return { status: 404, body: 'Not Found' }
    if (!ttl || !/^\d+$/.test(ttl)) return { status: 400, body: 'X-Metadata-Token-Ttl-Seconds is required' }
    const token = randomBytes(24).toString('base64url')
    this.sessionTokens.add(token)
    return { status: 200, body: token, headers: { 'Content-Type': 'text/plain' } }
  }

  private securityKey(token: string | undefined): Answer {
    if (this.options.tokenRequired && (!token || !this.sessionTokens.has(token))) {
      return { status: 401, body: 'Unauthorized: a metadata token is required' }
    }
    if (this.options.agency === false) {
      return { status: 401, body: { message: 'Please configure Cloud Service Agency first.' } }
    }
    const key = {
      id: `TEMP${randomBytes(8).toString('hex').toUpperCase()}`,
      secret: randomBytes(20).toString('base64url'),
      securityToken: randomBytes(96).toString('base64'),
    }
    this.account.accessKeys.push(key)
    const expires = new Date(Date.now() + 3600 * 1000).toISOString()
    return {
      status: 200,
      body: {
        credential: { access: key.id, secret: key.secret, securitytoken: key.securityToken, expires_at: expires },
      },
    }
  }
}
