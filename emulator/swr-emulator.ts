// A local SWR for tests and demos: the gateway in front of SWR's organizations, repositories and retention
// policies, its registry login and a minimal registry, IAM's token operations and a stand-in for GitHub's ID-token
// endpoint, for several accounts.
import { type Account, DEMO_ACCOUNT } from './accounts.js'
import { type FaultRule, Gateway, type GatewayOptions, type LoggedRequest } from './gateway.js'
import { GithubStandIn, type GithubJob } from './github.js'
import { IamService, type IdentityProvider } from './iam.js'
import { type MetadataOptions, MetadataService } from './metadata.js'
import { type LoginSecretRecord, RegistryService } from './registry.js'
import { ImageRegistry } from './image-registry.js'
import { RetentionService } from './retention.js'
import { DistributionService } from './distribution.js'
import { EnterpriseService } from './enterprise.js'
import { type NamespaceRecord, type RepositoryRecord, SwrService } from './swr-service.js'

export { type AccessKey, type Account, DEMO_ACCOUNT, DEMO_KEY_ENV } from './accounts.js'
export type { Fault, FaultRule, LoggedRequest } from './gateway.js'
export { GITHUB_ID_TOKEN_PATH } from './github.js'
export { CATEGORIES, isValidNamespace, isValidRepository } from './swr-service.js'

/** Every operation the emulator serves, by the name its request log and fault rules use. */
export type Operation =
  | 'createNamespace'
  | 'listNamespaces'
  | 'showNamespace'
  | 'deleteNamespace'
  | 'createRepository'
  | 'listRepositories'
  | 'showRepository'
  | 'updateRepository'
  | 'deleteRepository'
  | 'listRetentions'
  | 'createRetention'
  | 'updateRetention'
  | 'deleteRetention'
  | 'passwordToken'
  | 'idTokenToken'
  | 'githubIdToken'
  | 'createLoginSecret'
  | 'registryCheck'
  | 'registryManifestRead'
  | 'registryManifestPush'
  | 'registryBlobRead'
  | 'registryUploadStart'
  | 'registryUploadChunk'
  | 'registryUploadFinish'
  | 'registryTags'
  | 'metadataToken'
  | 'metadataSecurityKey'
  | 'listSyncRules'
  | 'createSyncRule'
  | 'deleteSyncRule'
  | 'syncImages'
  | 'listTags'
  | 'createTag'
  | 'listShares'
  | 'createShare'
  | 'updateShare'
  | 'listProjects'
  | 'listInstances'
  | 'showInstance'
  | 'showInstanceEndpointPolicy'
  | 'createInstanceNamespace'
  | 'showInstanceNamespace'
  | 'showInstanceRepository'
  | 'createInstanceTempCredential'

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
  /** Give every answer an X-Request-Id header, as Huawei's API gateway does. */
  requestIds?: boolean
  /** Throttle requests per second, as SWR does an account (the gateway's 429, or SWR's own 403). */
  throttle?: GatewayOptions['throttle']
  /** Told of each request once it is answered, for a log. */
  onAnswer?: (request: LoggedRequest) => void
  /** Serves an ECS's instance metadata service for the first account (its agency's temporary access keys). */
  metadata?: MetadataOptions
  /**
   * The registry host of the emulator's region, named in pull paths and CreateSecret's answer: "own address" for
   * the emulator's own host and port, so that a login made for it and a client's push reach this emulated registry.
   */
  registry?: string
}

export class SwrEmulator {
  readonly accounts: Account[]
  private readonly gateway: Gateway
  private readonly swr: SwrService
  /** SWR in regions other than the emulator's own, made on the first request for each. */
  private readonly otherRegions = new Map<string, SwrService>()
  private readonly swrOptions: ConstructorParameters<typeof SwrService>[0]
  private readonly retention: RetentionService
  readonly distribution: DistributionService
  /** SWR Enterprise Edition: dedicated instances, their namespaces and repositories. */
  readonly enterprise: EnterpriseService
  private readonly iam: IamService
  private readonly githubStandIn: GithubStandIn
  private readonly registry: RegistryService
  /** What registry clients push and pull: blobs, manifests, tags. */
  readonly images: ImageRegistry

  constructor(options: EmulatorOptions = {}) {
    this.accounts = options.accounts ?? [DEMO_ACCOUNT]
    const region = options.region ?? 'cn-north-4'
    const registryHost = () =>
      options.registry === 'own address' ? this.url.replace(/^https?:\/\//, '') : (options.registry ?? '')
    const ownRegion = { ...options, region, accounts: this.accounts }
    this.swrOptions = ownRegion
    this.swr = new SwrService({ ...ownRegion, registryHost: options.registry ? registryHost : undefined })
    this.retention = new RetentionService(this.swr)
    this.distribution = new DistributionService((named) => this.inRegion(named))
    this.registry = new RegistryService(region, options.registry ? registryHost : undefined)
    this.enterprise = new EnterpriseService(this.accounts, this.registry.secrets)
    this.images = new ImageRegistry(this.registry, () => this.swr, this.distribution, this.enterprise)
    this.githubStandIn = new GithubStandIn(options.github)
    this.iam = new IamService(this.accounts, options.identityProviders ?? [], this.githubStandIn.idTokens)
    this.gateway = new Gateway({
      accounts: this.accounts,
      tokenAccount: (token) => this.iam.tokenAccount(token),
      routes: [
        // Organizations and repositories live in the region a request's host names.
        ...this.swr.routes.map((route) => ({
          ...route,
          run: (request: Parameters<typeof route.run>[0], account: Parameters<typeof route.run>[1]) =>
            (this.inRegion(request.region).routes.find((own) => own.operation === route.operation) ?? route).run(
              request,
              account,
            ),
        })),
        ...this.distribution.routes,
        ...this.enterprise.routes,
        ...this.retention.routes,
        ...this.registry.routes,
        ...this.images.routes,
        ...this.iam.routes,
        ...this.githubStandIn.routes,
        ...(options.metadata ? new MetadataService(this.accounts[0], options.metadata).routes : []),
      ],
      latencyMs: options.latencyMs,
      tls: options.tls,
      requestIds: options.requestIds,
      throttle: options.throttle,
      region,
      onAnswer: options.onAnswer,
    })
  }

  /** Starts listening on 127.0.0.1 (port 0: any free port) and returns the base URL. */
  start(port = 0): Promise<string> {
    return this.gateway.start(port)
  }

  stop(): Promise<void> {
    return this.gateway.stop()
  }

  get url(): string {
    return this.gateway.url
  }

  inject(rule: FaultRule & { operation?: Operation }): void {
    this.gateway.inject(rule)
  }

  /** Forgets the request log and connection count, keeping the stored organizations and repositories. */
  resetLog(): void {
    this.gateway.resetLog()
  }

  get requests(): LoggedRequest[] {
    return this.gateway.requests
  }

  get connections(): number {
    return this.gateway.connections
  }

  /** TLS handshakes completed (HTTPS only). */
  get tlsHandshakes(): number {
    return this.gateway.tlsHandshakes
  }

  get latencyMs(): number {
    return this.gateway.latencyMs
  }

  set latencyMs(value: number) {
    this.gateway.latencyMs = value
  }

  get namespaces(): Map<string, NamespaceRecord> {
    return this.swr.namespaces
  }

  get repositories(): Map<string, RepositoryRecord> {
    return this.swr.repositories
  }

  /** Retention policies by "namespace/repository". */
  get retentions() {
    return this.retention.policies
  }

  get createRepositoryStatus(): 200 | 201 {
    return this.swr.createRepositoryStatus
  }

  set createRepositoryStatus(status: 200 | 201) {
    this.swr.createRepositoryStatus = status
  }

  /** Tokens issued by the IAM operations, and the account each belongs to. */
  get issuedTokens(): Map<string, string> {
    return this.iam.issuedTokens
  }

  /** Signs the GitHub stand-in's ID tokens; its issued list holds every one. */
  get idTokens() {
    return this.githubStandIn.idTokens
  }

  get github(): GithubJob | undefined {
    return this.githubStandIn.job
  }

  set github(job: GithubJob | undefined) {
    this.githubStandIn.job = job
  }

  /** The registry host CreateSecret answers for (the one in every repository's path). */
  get registryHost(): string {
    return this.registry.host
  }

  /** Every temporary registry login issued, newest last. */
  get loginSecrets(): LoginSecretRecord[] {
    return this.registry.secrets
  }

  /** SWR's organizations and repositories in a region: the emulator's own, or another one a request named. */
  inRegion(region: string): SwrService {
    if (region === this.swrOptions.region) return this.swr
    let service = this.otherRegions.get(region)
    if (!service) {
      service = new SwrService({ ...this.swrOptions, region })
      this.otherRegions.set(region, service)
    }
    return service
  }

  /** Sync rules, shares, tags and manual syncs, by "namespace/repository" (the emulator's own region). */
  get syncRules() {
    return this.distribution.syncRules
  }

  get shares() {
    return this.distribution.shares
  }

  get tags() {
    return this.distribution.tags
  }

  get copies(): string[] {
    return this.distribution.copies
  }

  /** Tags a manual sync answers as failed, with how many more syncs each fails in. */
  get syncFailures(): Map<string, number> {
    return this.distribution.syncFailures
  }

  addNamespace(name: string, owner?: Account): NamespaceRecord {
    return this.swr.addNamespace(name, owner)
  }

  addRepository(namespace: string, name: string, settings: Record<string, unknown> = {}): RepositoryRecord {
    return this.swr.addRepository(namespace, name, settings)
  }
}
