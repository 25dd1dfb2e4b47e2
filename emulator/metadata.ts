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
  /**
   * What the token path answers where no token is required: 404 (no such endpoint), 405, or 503; the SDKs take
   * each as "no token needed" (docs/api-notes.md, "Instance metadata"). Default 404.
   */
  noTokenStatus?: 404 | 405 | 503
  /** How long a key lasts from now, in ms (default an hour); a test sets a past or far-future expiry with it. */
  keyLifetimeMs?: number
  /** The ID of the keys handed out (default a new one each time), for a test whose faults quote it. */
  keyId?: string
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
    if (!this.options.tokenRequired) {
      const status = this.options.noTokenStatus ?? 404
      return {
        status,
        body: status === 503 ? 'Service Unavailable' : status === 405 ? 'Method Not Allowed' : 'Not Found',
      }
    }
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
      id: this.options.keyId ?? `TEMP${randomBytes(8).toString('hex').toUpperCase()}`,
      secret: randomBytes(20).toString('base64url'),
      securityToken: randomBytes(96).toString('base64'),
    }
    this.account.accessKeys.push(key)
    // Huawei's form: microseconds, in UTC.
    const expires = new Date(Date.now() + (this.options.keyLifetimeMs ?? 3600 * 1000))
      .toISOString()
      .replace('Z', '000Z')
    return {
      status: 200,
      body: {
        credential: { access: key.id, secret: key.secret, securitytoken: key.securityToken, expires_at: expires },
      },
    }
  }
}
