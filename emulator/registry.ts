// The registry login: SWR's CreateSecret issuing temporary credentials bound to the caller's account, and the
// registry's own check of them (GET /v2/ with HTTP Basic authentication) until they expire, as a registry client
// checks a login. What a client pushes and pulls with them is the image registry's (image-registry.ts).
import { randomBytes } from 'node:crypto'
import type { Account } from './accounts.js'
import type { AccountRoute, Answer, PublicRoute } from './gateway.js'
import { swrError } from './swr-service.js'

export interface LoginSecretRecord {
  account: string
  username: string
  password: string
  /** Milliseconds since the epoch. */
  expiresAt: number
  /** An Enterprise Edition instance's temporary credential: good for that instance's registry only. */
  instanceId?: string
}

const MIN_DURATION_S = 15 * 60
const MAX_DURATION_S = 24 * 3600

export class RegistryService {
  /** Every credential issued, newest last. */
  readonly secrets: LoginSecretRecord[] = []

  constructor(
    private readonly region: string,
    /** The registry host CreateSecret names for the emulator's region, as SWR's brief info does in its path. */
    private readonly ownHost: () => string = () => `swr.${region}.myhuaweicloud.com`,
  ) {}

  get host(): string {
    return this.ownHost()
  }

  readonly routes: (AccountRoute | PublicRoute)[] = [
    {
      method: 'POST',
      path: '/v2/manage/utils/secret',
      operation: 'createLoginSecret',
      run: ({ query, region }, account) => this.createSecret(account, query, region),
    },
    {
      method: 'GET',
      path: '/v2/',
      operation: 'registryCheck',
      // The registry checks its own credentials: the API gateway's signatures and tokens mean nothing to it.
      public: true,
      run: ({ headers }) => this.check(headers.authorization),
    },
  ]

  private createSecret(account: Account, query: URLSearchParams, region: string): Answer {
    const project = query.get('projectname') ?? region
    if (project !== region) return swrError(400, 'SVCSTG.SWR.4000001', `Invalid projectname: ${project}`)
    const host = region === this.region ? this.host : `swr.${region}.myhuaweicloud.com`
    const duration = Number(query.get('duration_seconds') ?? MAX_DURATION_S)
    if (!Number.isInteger(duration) || duration < MIN_DURATION_S || duration > MAX_DURATION_S) {
      return swrError(400, 'SVCSTG.SWR.4000001', 'duration_seconds must be from 900 to 86400')
    }
    const username = `${region}@${randomBytes(10).toString('hex').toUpperCase()}`
    const password = randomBytes(32).toString('hex')
    const expiresAt = Date.now() + duration * 1000
    this.secrets.push({ account: account.name, username, password, expiresAt })
    // SWR writes the expiry with microseconds.
    const expireAt = new Date(expiresAt).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
    return {
      status: 200,
      headers: {
        'X-Swr-Dockerlogin': `docker login -u ${username} -p ${password} ${host}`,
        'X-Swr-Expireat': expireAt,
      },
      body: { auths: { [host]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } } },
    }
  }

  /** The registry's challenge: a client then sends the login it has for the host. */
  challenge(): Answer {
    return {
      status: 401,
      headers: { 'WWW-Authenticate': `Basic realm="${this.host}"`, 'Docker-Distribution-API-Version': 'registry/2.0' },
      body: { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] },
    }
  }

  /** The login a registry client's Basic credentials are, while it lasts. */
  loginOf(authorization: string | undefined): LoginSecretRecord | undefined {
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization ?? '')
    if (!basic) return undefined
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8')
    const at = decoded.indexOf(':')
    const secret = this.secrets.find(
      (candidate) => candidate.username === decoded.slice(0, at) && candidate.password === decoded.slice(at + 1),
    )
    return secret && secret.expiresAt > Date.now() ? secret : undefined
  }

  /** GET /v2/: 200 for a login that holds, else the challenge. */
  private check(authorization: string | undefined): Answer {
    if (!this.loginOf(authorization)) return this.challenge()
    return { status: 200, headers: { 'Docker-Distribution-API-Version': 'registry/2.0' }, body: {} }
  }
}
