// A local SWR (v2 manage API) for tests and demos: several accounts, AK/SK signature verification and tokens,
// SWR's name rules, status codes and error body shapes, fault injection, and a log of every request.
//
// Error bodies come in the shapes the real service uses, one shape per kind of answer, so a client is
// exercised on all of them: the API gateway's {"error_code","error_msg","request_id"} (sign-in, unknown
// routes); {"errors":[{"errorCode","errorMessage"}]} (creating an organization); a list
// [{"errorCode","errorMessage","detail"}] (creating a repository); {"errorCode","errorMessage"} (reads).
// The 404 of a repository missing from an existing organization carries SVCSTG.SWR.4040003: the API
// reference documents no code for it, so this one is the emulator's own.
import { randomUUID } from 'node:crypto'
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import {
  buildCanonicalRequest,
  expectedSignature,
  parseAuthorization,
  parseSdkDate,
  signaturesEqual,
} from './signature.js'
import {
  type Answer,
  type GithubJob,
  githubIdToken,
  type IamUser,
  type IdentityProvider,
  idTokenToken,
  IdTokenIssuer,
  passwordToken,
  type TokenGrant,
} from './iam.js'
import { parseRetentionBody, type RetentionPolicy } from './retention.js'

export interface AccessKey {
  id: string
  secret: string
  /** Temporary credentials carry a security token that must be sent, and signed, with each request. */
  securityToken?: string
}

export interface Account {
  /** The account (domain) name. */
  name: string
  domainId: string
  accessKeys: AccessKey[]
  /** IAM tokens accepted in X-Auth-Token. */
  tokens: string[]
  /** IAM users who may sign in with a password. */
  users?: IamUser[]
}

export type Operation =
  | 'createNamespace'
  | 'listNamespaces'
  | 'showNamespace'
  | 'createRepository'
  | 'showRepository'
  | 'passwordToken'
  | 'idTokenToken'
  | 'githubIdToken'
  | 'updateRepository'
  | 'listRetentions'
  | 'createRetention'
  | 'updateRetention'
  | 'deleteRetention'

export type Fault =
  | { status: number; body?: string; headers?: Record<string, string> }
  /** Close the connection before reading the request, or after carrying it out but before answering. */
  | { drop: 'before-processing' | 'after-processing' }
  | { delayMs: number }
  /** Never answer. */
  | { hang: true }
  /** Carry the request out, then send the headers and half the body, and close the connection. */
  | { truncate: true }

export interface FaultRule {
  operation?: Operation
  /** Only requests whose path and query contain this. */
  path?: string
  /** How many matching requests the fault applies to, in order. */
  times: number
  fault: Fault
}

export interface LoggedRequest {
  method: string
  /** Path and query exactly as received. */
  target: string
  operation?: Operation
  status: number
  /** The TCP connection it came on, numbered from 1. */
  connection: number
  account?: string
  auth: 'signature' | 'token' | 'none'
  /** Error code of a refused request. */
  code?: string
  /** Lowercase names of the headers the signature covered. */
  signedHeaders?: string[]
}

export interface NamespaceRecord {
  id: number
  name: string
  owner: string
  creatorName: string
}

export type RepositoryRecord = Record<string, unknown> & { name: string; namespace: string; owner: string }

export interface EmulatorOptions {
  accounts?: Account[]
  region?: string
  /** Added before every answer, like the round trip from a runner to a region. */
  latencyMs?: number
  /** The documentation disagrees on 200 or 201 for a created repository; both are served. */
  createRepositoryStatus?: 200 | 201
  namespaceQuota?: number
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string }
  identityProviders?: IdentityProvider[]
  /** Serves GitHub's ID-token request endpoint at /_github/id-token for this job. */
  github?: GithubJob
}

/** How ACTIONS_ID_TOKEN_REQUEST_URL points at the stand-in (GitHub's URL carries a query already). */
export const GITHUB_ID_TOKEN_PATH = '/_github/id-token?api-version=2.0'

interface RouteContext {
  body: unknown
  headers: IncomingHttpHeaders
  query: string
}

/** A sign-in operation: it takes no SWR credentials. */
interface PublicRoute {
  operation: Operation
  public: true
  run: (context: RouteContext) => Answer
}

/** An SWR operation, run for the account its credentials belong to. */
interface SwrRoute {
  operation: Operation
  public?: undefined
  run: (account: Account, context: RouteContext) => Answer
}

type Route = PublicRoute | SwrRoute
const publicRoute = (operation: Operation, run: PublicRoute['run']): PublicRoute => ({ operation, public: true, run })
const swrRoute = (operation: Operation, run: SwrRoute['run']): SwrRoute => ({ operation, run })

export const DEMO_ACCOUNT: Account = {
  name: 'demo',
  domainId: '0d1ea0e7a38b4c1a8a8e3f2c4b5d6e7f',
  accessKeys: [{ id: 'DEMOACCESSKEYID0000001', secret: 'demo-secret-access-key-0001' }],
  tokens: ['demo-iam-token-0001'],
  users: [{ name: 'demo-user', password: 'demo-password-0001' }],
}

/** The demo account's access key as huaweicloud/auth-action leaves it in the environment. */
export const DEMO_KEY_ENV = {
  HUAWEI_CLOUD_ACCESS_KEY_ID: DEMO_ACCOUNT.accessKeys[0].id,
  HUAWEI_CLOUD_SECRET_ACCESS_KEY: DEMO_ACCOUNT.accessKeys[0].secret,
}

export const CATEGORIES = [
  'app_server',
  'linux',
  'framework_app',
  'database',
  'lang',
  'other',
  'windows',
  'arm',
  'arms',
]
// The API reference's patterns: Docker's separator grammar.
const NAMESPACE_PATTERN = /^[a-z][a-z0-9]*(?:(?:[._]|__|[-]*)[a-z0-9]+)*$/
const REPOSITORY_PATTERN = /^[a-z0-9]+(?:(?:[./_]|__|[-]*)[a-z0-9]+)*$/

export const isValidNamespace = (name: unknown): name is string =>
  typeof name === 'string' && name.length <= 64 && NAMESPACE_PATTERN.test(name)
export const isValidRepository = (name: unknown): name is string =>
  typeof name === 'string' && name.length <= 128 && REPOSITORY_PATTERN.test(name)
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000

class Refusal extends Error {
  constructor(readonly answer: Answer) {
    super(`HTTP ${answer.status}`)
  }
}

const swrError = (status: number, code: string, message: string): Answer => ({
  status,
  body: { errorCode: code, errorMessage: message },
})
const gatewayError = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error_code: code, error_msg: message, request_id: randomUUID().replaceAll('-', '') },
})
const repositoryMissing = (key: string): Answer => swrError(404, 'SVCSTG.SWR.4040003', `Repository ${key} not found`)
const organizationMissing = (name: string): Answer => swrError(404, 'SVCSTG.SWR.4040058', `Namespace ${name} not found`)

export class SwrEmulator {
  readonly requests: LoggedRequest[] = []
  readonly namespaces = new Map<string, NamespaceRecord>()
  readonly repositories = new Map<string, RepositoryRecord>()
  /** Retention policies by "namespace/repository". */
  readonly retentions = new Map<string, RetentionPolicy[]>()
  connections = 0
  /** TLS handshakes completed (HTTPS only). */
  tlsHandshakes = 0
  latencyMs: number
  createRepositoryStatus: 200 | 201
  readonly accounts: Account[]
  identityProviders: IdentityProvider[]
  github?: GithubJob
  /** Tokens issued by the IAM operations, and the account each belongs to. */
  readonly issuedTokens = new Map<string, string>()
  /** Signs the GitHub stand-in's ID tokens; its issued list holds every one. */
  readonly idTokens = new IdTokenIssuer()
  private readonly region: string
  private readonly quota: number
  private readonly faults: FaultRule[] = []
  private readonly server: Server
  private readonly scheme: 'http' | 'https'
  private readonly socketIds = new WeakMap<Socket, number>()
  private nextId = 100

  constructor(options: EmulatorOptions = {}) {
    this.accounts = options.accounts ?? [DEMO_ACCOUNT]
    this.region = options.region ?? 'cn-north-4'
    this.latencyMs = options.latencyMs ?? 0
    this.createRepositoryStatus = options.createRepositoryStatus ?? 201
    this.quota = options.namespaceQuota ?? 5
    this.identityProviders = options.identityProviders ?? []
    this.github = options.github
    const handler = (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response)
    this.server = options.tls ? createHttpsServer(options.tls, handler) : createServer(handler)
    this.scheme = options.tls ? 'https' : 'http'
    this.server.on('connection', (socket: Socket) => {
      this.connections++
      if (!options.tls) this.socketIds.set(socket, this.connections)
    })
    // Over TLS, requests arrive on the TLS socket: number those, counting handshakes.
    this.server.on('secureConnection', (socket: Socket) => this.socketIds.set(socket, ++this.tlsHandshakes))
  }

  /** Starts listening on 127.0.0.1 and returns the base URL. */
  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve))
    return this.url
  }

  get url(): string {
    return `${this.scheme}://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  inject(rule: FaultRule): void {
    this.faults.push({ ...rule })
  }

  /** Forgets the request log and connection count, keeping the stored organizations and repositories. */
  resetLog(): void {
    this.requests.length = 0
    this.connections = 0
    this.tlsHandshakes = 0
  }

  addNamespace(name: string, owner: Account = this.accounts[0]): NamespaceRecord {
    const record = { id: this.nextId++, name, owner: owner.name, creatorName: owner.name }
    this.namespaces.set(name, record)
    return record
  }

  addRepository(namespace: string, name: string, settings: Record<string, unknown> = {}): RepositoryRecord {
    const ns = this.namespaces.get(namespace) ?? this.addNamespace(namespace)
    const owner = this.accounts.find((account) => account.name === ns.owner) ?? this.accounts[0]
    const now = new Date().toISOString()
    const registry = `swr.${this.region}.myhuaweicloud.com`
    const record: RepositoryRecord = {
      id: this.nextId++,
      ns_id: ns.id,
      name,
      category: 'other',
      description: '',
      creator_id: owner.domainId,
      creator_name: owner.name,
      size: 0,
      is_public: false,
      num_images: 0,
      num_download: 0,
      url: '',
      path: `${registry}/${namespace}/${name}`,
      internal_path: `swr.${this.region}.myhuaweicloud.internal/${namespace}/${name}`,
      created: now,
      updated: now,
      domain_id: owner.domainId,
      priority: 0,
      ...settings,
      namespace,
      owner: owner.name,
    }
    this.repositories.set(`${namespace}/${name}`, record)
    return record
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '/'
    const route = this.route(request.method ?? 'GET', target)
    const entry: LoggedRequest = {
      method: request.method ?? 'GET',
      target,
      operation: route?.operation,
      status: 0,
      connection: this.socketIds.get(request.socket) ?? 0,
      auth: 'none',
    }
    this.requests.push(entry)

    const fault = this.takeFault(route?.operation, target)
    if (fault && 'drop' in fault && fault.drop === 'before-processing') {
      request.socket.destroy()
      return
    }
    if (fault && 'hang' in fault) return

    const body = await readBody(request)
    let answer: Answer
    try {
      if (fault && 'status' in fault) {
        answer = { status: fault.status, body: fault.body, headers: fault.headers }
      } else {
        const context = { body: parseJson(body), headers: request.headers, query: queryOf(target) }
        if (route?.public) answer = route.run(context)
        else {
          // Every other request is authenticated, even one to an unknown route, as the gateway does.
          const account = this.authenticate(request, target, body, entry)
          if (!route) {
            throw new Refusal(
              gatewayError(404, 'APIG.0101', 'The API does not exist or has not been published in the environment'),
            )
          }
          answer = route.run(account, context)
        }
      }
    } catch (error) {
      if (!(error instanceof Refusal)) throw error
      answer = error.answer
    }

    const delay = this.latencyMs + (fault && 'delayMs' in fault ? fault.delayMs : 0)
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
    if (fault && 'drop' in fault) {
      request.socket.destroy()
      return
    }
    entry.status = answer.status
    const code = errorCode(answer.body)
    if (code) entry.code = code
    const text =
      answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
    response.writeHead(answer.status, {
      'Content-Type': 'application/json;charset=utf8',
      'Content-Length': Buffer.byteLength(text),
      ...answer.headers,
    })
    if (fault && 'truncate' in fault) {
      response.write(text.slice(0, text.length >> 1), () => request.socket.destroy())
      return
    }
    response.end(text)
  }

  private takeFault(operation: Operation | undefined, target: string): Fault | undefined {
    const rule = this.faults.find(
      (candidate) =>
        candidate.times > 0 &&
        (!candidate.operation || candidate.operation === operation) &&
        (!candidate.path || target.includes(candidate.path)),
    )
    if (!rule) return undefined
    rule.times--
    return rule.fault
  }

  private authenticate(request: IncomingMessage, target: string, body: Buffer, entry: LoggedRequest): Account {
    const token = request.headers['x-auth-token']
    if (typeof token === 'string') {
      entry.auth = 'token'
      const issuedTo = this.issuedTokens.get(token)
      const account = this.accounts.find((candidate) => candidate.tokens.includes(token) || candidate.name === issuedTo)
      if (!account) throw new Refusal(swrError(401, 'SVCSTG.SWR.4010000', 'Authenticate failed or token expired'))
      entry.account = account.name
      return account
    }

    const authorization = parseAuthorization(request.headers.authorization)
    if (!authorization) {
      throw new Refusal(
        gatewayError(
          401,
          'APIG.1000',
          'Incorrect IAM authentication information: Authorization header is missing or malformed',
        ),
      )
    }
    entry.auth = 'signature'
    entry.signedHeaders = authorization.signedHeaders
    const refuse = (why: string): never => {
      throw new Refusal(gatewayError(401, 'APIG.0301', `Incorrect IAM authentication information: ${why}`))
    }
    const owner = this.accounts.find((account) =>
      account.accessKeys.some((key) => key.id === authorization.accessKeyId),
    )
    const key = owner?.accessKeys.find((candidate) => candidate.id === authorization.accessKeyId)
    if (!owner || !key) return refuse('ak not exist')

    const sdkDate = request.headers['x-sdk-date']
    const signedAt = typeof sdkDate === 'string' ? parseSdkDate(sdkDate) : undefined
    if (!signedAt || !authorization.signedHeaders.includes('x-sdk-date'))
      return refuse('x-sdk-date missing, malformed or not signed')
    if (Math.abs(Date.now() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS)
      return refuse('x-sdk-date is more than 15 minutes off')
    if (!authorization.signedHeaders.includes('host')) return refuse('host header not signed')
    if (key.securityToken !== undefined) {
      if (request.headers['x-security-token'] !== key.securityToken)
        return refuse('security token missing or invalid for temporary ak')
      if (!authorization.signedHeaders.includes('x-security-token')) return refuse('x-security-token not signed')
    }

    const method = request.method ?? 'GET'
    const canonical = buildCanonicalRequest(
      { method, target, headers: request.headers, body },
      authorization.signedHeaders,
    )
    const expected = expectedSignature(canonical, sdkDate as string, key.secret)
    if (!signaturesEqual(expected, authorization.signature)) {
      // The real gateway shows the canonical request it computed, with "|" for newlines.
      return refuse(`verify aksk signature fail, canonicalRequest: ${canonical.replaceAll('\n', '|')}`)
    }
    entry.account = owner.name
    return owner
  }

  private route(method: string, target: string): Route | undefined {
    const path = target.split('?', 1)[0]
    if (method === 'POST' && path === '/v3/auth/tokens') {
      return publicRoute('passwordToken', ({ body }) => this.grant(passwordToken(this.iamUsers(), body)))
    }
    if (method === 'POST' && path === '/v3.0/OS-AUTH/id-token/tokens') {
      return publicRoute('idTokenToken', ({ body, headers }) =>
        this.grant(idTokenToken(this.idTokens, this.identityProviders, headerText(headers['x-idp-id']), body)),
      )
    }
    if (method === 'GET' && path === GITHUB_ID_TOKEN_PATH.split('?', 1)[0]) {
      return publicRoute('githubIdToken', ({ headers, query }) =>
        githubIdToken(this.idTokens, this.github, headers.authorization, query),
      )
    }

    const segments = path.split('/').slice(1).map(decodeSegment)
    if (segments[0] !== 'v2' || segments[1] !== 'manage' || segments[2] !== 'namespaces') return undefined
    const [namespace, repos, repository, retentions, retentionId, ...rest] = segments.slice(3)
    if (rest.length > 0) return undefined
    if (namespace === undefined || namespace === '') {
      if (method === 'POST')
        return swrRoute('createNamespace', (account, { body }) => this.createNamespace(account, body))
      if (method === 'GET')
        return swrRoute('listNamespaces', (account, { query }) => this.listNamespaces(account, query))
      return undefined
    }
    if (repos === undefined) {
      return method === 'GET'
        ? swrRoute('showNamespace', (account) => this.showNamespace(account, namespace))
        : undefined
    }
    if (repos !== 'repos') return undefined
    if (repository === undefined || repository === '') {
      return method === 'POST'
        ? swrRoute('createRepository', (account, { body }) => this.createRepository(account, namespace, body))
        : undefined
    }
    // SWR writes a repository's "/" as "$" in paths.
    const name = repository.replaceAll('$', '/')
    if (retentions === undefined) {
      if (method === 'GET')
        return swrRoute('showRepository', (account) => this.showRepository(account, namespace, name))
      if (method === 'PATCH') {
        return swrRoute('updateRepository', (account, { body }) =>
          this.updateRepository(account, namespace, name, body),
        )
      }
      return undefined
    }
    if (retentions !== 'retentions') return undefined
    const policies = (account: Account, run: (list: RetentionPolicy[]) => Answer) =>
      this.withRetentions(account, namespace, name, run)
    if (retentionId === undefined || retentionId === '') {
      if (method === 'GET')
        return swrRoute('listRetentions', (account) => policies(account, (list) => ({ status: 200, body: list })))
      if (method === 'POST') {
        return swrRoute('createRetention', (account, { body }) =>
          policies(account, (list) => this.createRetention(list, body)),
        )
      }
      return undefined
    }
    const id = Number(retentionId)
    if (method === 'PATCH') {
      return swrRoute('updateRetention', (account, { body }) =>
        policies(account, (list) => updateRetention(list, id, body)),
      )
    }
    if (method === 'DELETE') {
      return swrRoute('deleteRetention', (account) => policies(account, (list) => deleteRetention(list, id)))
    }
    return undefined
  }

  private iamUsers(): Map<string, IamUser[]> {
    return new Map(this.accounts.map((account) => [account.name, account.users ?? []]))
  }

  private grant({ answer, account, token }: TokenGrant): Answer {
    if (account && token) this.issuedTokens.set(token, account)
    return answer
  }

  private ownNamespace(account: Account, name: string): NamespaceRecord | undefined {
    const record = this.namespaces.get(name)
    return record?.owner === account.name ? record : undefined
  }

  private createNamespace(account: Account, body: unknown): Answer {
    const errors = (status: number, code: string, message: string): Answer => ({
      status,
      body: { errors: [{ errorCode: code, errorMessage: message }] },
    })
    const name = (body as { namespace?: unknown } | undefined)?.namespace
    if (!isValidNamespace(name)) {
      return errors(400, 'SVCSTG.SWR.4001028', 'Invalid namespace name')
    }
    if (this.namespaces.has(name)) return errors(409, 'SVCSTG.SWR.4090060', 'Namespace already exists')
    const owned = [...this.namespaces.values()].filter((record) => record.owner === account.name).length
    if (owned >= this.quota) return errors(400, 'SVCSTG.SWR.4000097', `Namespace quota exceeded: at most ${this.quota}`)
    this.addNamespace(name, account)
    return { status: 201 }
  }

  private listNamespaces(account: Account, query: string): Answer {
    const filter = new URLSearchParams(query).get('filter') ?? ''
    const wanted = filter.startsWith('namespace::') ? filter.slice('namespace::'.length) : undefined
    const visible = [...this.namespaces.values()].filter(
      (record) => record.owner === account.name && (wanted === undefined || record.name === wanted),
    )
    return {
      status: 200,
      body: {
        namespaces: visible.map((record) => ({
          id: record.id,
          name: record.name,
          creator_name: record.creatorName,
          auth: 7,
        })),
      },
    }
  }

  private showNamespace(account: Account, name: string): Answer {
    const record = this.namespaces.get(name)
    if (!record) return organizationMissing(name)
    if (record.owner !== account.name) return swrError(403, 'SVCSTG.SWR.4039001', 'Not the owner of this resource')
    return { status: 200, body: { id: record.id, name: record.name, creator_name: record.creatorName, auth: 7 } }
  }

  private createRepository(account: Account, namespace: string, body: unknown): Answer {
    const errors = (status: number, code: string, message: string): Answer => ({
      status,
      body: [{ errorCode: code, errorMessage: message, detail: '' }],
    })
    if (!this.ownNamespace(account, namespace))
      return errors(404, 'SVCSTG.SWR.4040058', `Namespace ${namespace} not found`)
    const fields = (body ?? {}) as Record<string, unknown>
    const name = fields.repository
    if (!isValidRepository(name)) {
      return errors(400, 'SVCSTG.SWR.4001029', 'Invalid repository name')
    }
    const invalid = settingsProblem(fields)
    if (invalid) return errors(400, 'SVCSTG.SWR.4001008', invalid)
    if (this.repositories.has(`${namespace}/${name}`))
      return errors(409, 'SVCSTG.SWR.4090006', 'Repository already exists')
    this.addRepository(namespace, name, {
      is_public: fields.is_public,
      category: fields.category ?? 'other',
      description: fields.description ?? '',
    })
    return { status: this.createRepositoryStatus }
  }

  private updateRepository(account: Account, namespace: string, name: string, body: unknown): Answer {
    if (!this.ownNamespace(account, namespace)) return organizationMissing(namespace)
    const record = this.repositories.get(`${namespace}/${name}`)
    if (!record) return repositoryMissing(`${namespace}/${name}`)
    const fields = (body ?? {}) as Record<string, unknown>
    const invalid = settingsProblem(fields)
    if (invalid) return swrError(400, 'SVCSTG.SWR.4001008', invalid)
    record.is_public = fields.is_public
    if (fields.category !== undefined) record.category = fields.category
    if (fields.description !== undefined) record.description = fields.description
    record.updated = new Date().toISOString()
    return { status: 201 }
  }

  /** Runs a retention operation on a repository's policies; 404 when the organization or repository is missing. */
  private withRetentions(
    account: Account,
    namespace: string,
    name: string,
    run: (list: RetentionPolicy[]) => Answer,
  ): Answer {
    if (!this.ownNamespace(account, namespace)) return organizationMissing(namespace)
    const key = `${namespace}/${name}`
    if (!this.repositories.has(key)) return repositoryMissing(key)
    const list = this.retentions.get(key) ?? []
    this.retentions.set(key, list)
    return run(list)
  }

  private createRetention(list: RetentionPolicy[], body: unknown): Answer {
    const policy = parseRetentionBody(body)
    if (typeof policy === 'string') return swrError(400, 'SVCSTG.SWR.4001008', `Invalid retention policy: ${policy}`)
    const id = this.nextId++
    list.push({ id, ...policy, scope: '' })
    return { status: 201, body: { id } }
  }

  private showRepository(account: Account, namespace: string, name: string): Answer {
    if (!this.ownNamespace(account, namespace)) return organizationMissing(namespace)
    const record = this.repositories.get(`${namespace}/${name}`)
    if (!record) return repositoryMissing(`${namespace}/${name}`)
    const { namespace: _namespace, owner: _owner, ...info } = record
    return { status: 200, body: info }
  }
}

/** What is wrong with a repository's settings in a create or update body (is_public is required in both). */
function settingsProblem(fields: Record<string, unknown>): string | undefined {
  if (typeof fields.is_public !== 'boolean') return 'is_public is required and must be a boolean'
  if (fields.category !== undefined && !CATEGORIES.includes(fields.category as string)) return 'Invalid category'
  if (fields.description !== undefined && typeof fields.description !== 'string') return 'Invalid description'
  return undefined
}

function updateRetention(list: RetentionPolicy[], id: number, body: unknown): Answer {
  const index = list.findIndex((policy) => policy.id === id)
  if (index < 0) return swrError(404, 'SVCSTG.SWR.4040013', `Retention policy ${id} not found`)
  const policy = parseRetentionBody(body)
  if (typeof policy === 'string') return swrError(400, 'SVCSTG.SWR.4001008', `Invalid retention policy: ${policy}`)
  list[index] = { ...list[index], ...policy }
  return { status: 201 }
}

function deleteRetention(list: RetentionPolicy[], id: number): Answer {
  const index = list.findIndex((policy) => policy.id === id)
  if (index < 0) return swrError(404, 'SVCSTG.SWR.4040013', `Retention policy ${id} not found`)
  list.splice(index, 1)
  return { status: 200 }
}

function queryOf(target: string): string {
  const at = target.indexOf('?')
  return at < 0 ? '' : target.slice(at + 1)
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

function errorCode(body: unknown): string | undefined {
  const first = Array.isArray(body) ? body[0] : ((body as { errors?: unknown[] } | undefined)?.errors?.[0] ?? body)
  if (!first || typeof first !== 'object') return undefined
  const record = first as Record<string, unknown>
  return (record.errorCode ?? record.error_code) as string | undefined
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}
