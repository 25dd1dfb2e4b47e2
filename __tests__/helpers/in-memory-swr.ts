// An SwrApi held in memory, for testing the ensure flow's decisions without a process or a socket. It behaves as
// SWR does for one account; a test can script the next outcomes of an operation to stage races and odd answers.
import { createHash } from 'node:crypto'
import { RequestError } from '../../src/clients/request-error.js'
import type { LoginSecret } from '../../src/clients/swr/login-secret.js'
import type { RepositoryInfo } from '../../src/clients/swr/repository-info.js'
import type { RetentionPolicy, RetentionPolicyBody } from '../../src/clients/swr/retention-policies.js'
import type {
  CreateRepositoryBody,
  NamespaceCreation,
  NamespaceRead,
  RepositoryCreation,
  RepositoryRead,
  RetentionDeletion,
  SwrApi,
  UpdateRepositoryBody,
} from '../../src/clients/swr/swr-api.js'
import type { Creation, Share, SyncRule, TagDetail } from '../../src/clients/swr/distribution-api.js'
import type { ShareWish, SyncTarget } from '../../src/rules/distribution.js'

interface Outcomes {
  showRepository: RepositoryRead
  showNamespace: NamespaceRead
  createNamespace: NamespaceCreation
  createRepository: RepositoryCreation
  updateRepository: void
  listRetentions: RetentionPolicy[]
  createRetention: void
  updateRetention: void
  deleteRetention: RetentionDeletion
  createLoginSecret: LoginSecret
  listSyncRules: SyncRule[]
  createSyncRule: Creation
  deleteSyncRule: void
  listTags: TagDetail[]
  listRepositories: RepositoryInfo[] | undefined
  deleteRepository: 'deleted' | 'already-gone'
  createTag: Creation
  syncImages: string[]
  listShares: Share[]
  createShare: Creation
  updateShare: void
}

export type Operation = keyof Outcomes

/** A scripted answer: an outcome, or a function that may change the store first, or throw. */
type Scripted<K extends Operation> = Outcomes[K] | (() => Outcomes[K])

export const refusal = (operation: string, status: number, code?: string) =>
  new RequestError(operation, status, { code, message: `HTTP ${status} from the script` }, '')

export class InMemorySwr implements SwrApi {
  /** Organizations by name, and whether they belong to this account or another. */
  readonly namespaces = new Map<string, 'yours' | 'another account'>()
  /** Repositories by "namespace/name". */
  readonly repositories = new Map<string, RepositoryInfo>()
  readonly retentions = new Map<string, RetentionPolicy[]>()
  /** Sync rules, shares and tags by "namespace/name". */
  readonly syncRules = new Map<string, SyncRule[]>()
  readonly shares = new Map<string, Share[]>()
  readonly tags = new Map<string, string[]>()
  /** Tags' digests by "namespace/name:tag", where a test or a retag set one. */
  readonly digests = new Map<string, string>()
  /** Every manual sync: "team/web -> cn-east-3/team: v1,v2". */
  readonly copies: string[] = []
  /** Every call, in order: "createRepository team/web". */
  readonly calls: string[] = []
  private readonly scripts = new Map<Operation, Scripted<Operation>[]>()
  private nextId = 1

  /** The next calls of the operation answer these, in order, before it behaves as SWR again. */
  script<K extends Operation>(operation: K, ...answers: Scripted<K>[]): this {
    this.scripts.set(operation, [...(this.scripts.get(operation) ?? []), ...(answers as Scripted<Operation>[])])
    return this
  }

  addRepository(namespace: string, name: string, settings: Partial<RepositoryInfo> = {}): RepositoryInfo {
    if (!this.namespaces.has(namespace)) this.namespaces.set(namespace, 'yours')
    const info: RepositoryInfo = {
      id: this.nextId++,
      name,
      category: 'other',
      description: '',
      is_public: false,
      path: `swr.cn-north-4.myhuaweicloud.com/${namespace}/${name}`,
      ...settings,
    }
    this.repositories.set(`${namespace}/${name}`, info)
    return info
  }

  writes(): string[] {
    return this.calls.filter((call) => !/^(show|list)/.test(call))
  }

  private answer<K extends Operation>(operation: K, target: string, behave: () => Outcomes[K]): Promise<Outcomes[K]> {
    this.calls.push(`${operation} ${target}`)
    const scripted = this.scripts.get(operation)?.shift() as Scripted<K> | undefined
    // Answer on a later turn, as a network would, so that concurrent repositories interleave.
    return Promise.resolve().then(() =>
      scripted === undefined ? behave() : typeof scripted === 'function' ? (scripted as () => Outcomes[K])() : scripted,
    )
  }

  private yours(namespace: string): boolean {
    return this.namespaces.get(namespace) === 'yours'
  }

  showRepository(namespace: string, repository: string): Promise<RepositoryRead> {
    const key = `${namespace}/${repository}`
    return this.answer('showRepository', key, () => {
      const info = this.yours(namespace) ? this.repositories.get(key) : undefined
      if (info) return { kind: 'found', info: { ...info } }
      const organizationMissing = !this.yours(namespace)
      return { kind: 'missing', organizationMissing, refusal: refusal(`Reading repository ${key}`, 404) }
    })
  }

  showNamespace(namespace: string): Promise<NamespaceRead> {
    return this.answer('showNamespace', namespace, () => {
      const owner = this.namespaces.get(namespace)
      if (owner === 'yours') return { kind: 'yours' }
      const operation = `Reading organization ${namespace}`
      return owner
        ? { kind: 'not-visible', refusal: refusal(operation, 403) }
        : { kind: 'missing', refusal: refusal(operation, 404) }
    })
  }

  createNamespace(namespace: string): Promise<NamespaceCreation> {
    return this.answer('createNamespace', namespace, () => {
      if (this.namespaces.has(namespace)) return 'exists'
      this.namespaces.set(namespace, 'yours')
      return 'created'
    })
  }

  createRepository(namespace: string, body: CreateRepositoryBody): Promise<RepositoryCreation> {
    const key = `${namespace}/${body.repository}`
    return this.answer('createRepository', key, () => this.create(namespace, body))
  }

  /** What SWR does with a create: also for scripts that stage "created, but the answer was lost". */
  create(namespace: string, body: CreateRepositoryBody): RepositoryCreation {
    const key = `${namespace}/${body.repository}`
    if (!this.yours(namespace)) {
      return { kind: 'organization-missing', refusal: refusal(`Creating repository ${key}`, 404) }
    }
    if (this.repositories.has(key)) return { kind: 'exists' }
    const { repository, ...settings } = body
    this.addRepository(namespace, repository, settings)
    return { kind: 'created' }
  }

  updateRepository(namespace: string, repository: string, body: UpdateRepositoryBody): Promise<void> {
    const key = `${namespace}/${repository}`
    return this.answer('updateRepository', `${key} ${JSON.stringify(body)}`, () => {
      const info = this.repositories.get(key)
      if (!info) throw refusal(`Updating repository ${key}`, 404)
      Object.assign(info, body)
    })
  }

  listRetentions(namespace: string, repository: string): Promise<RetentionPolicy[]> {
    const key = `${namespace}/${repository}`
    return this.answer('listRetentions', key, () => structuredClone(this.retentions.get(key) ?? []))
  }

  createRetention(namespace: string, repository: string, body: RetentionPolicyBody): Promise<void> {
    const key = `${namespace}/${repository}`
    return this.answer('createRetention', key, () => {
      this.retentions.set(key, [...(this.retentions.get(key) ?? []), { id: this.nextId++, ...body }])
    })
  }

  updateRetention(namespace: string, repository: string, id: number, body: RetentionPolicyBody): Promise<void> {
    const key = `${namespace}/${repository}`
    return this.answer('updateRetention', `${key} ${id}`, () => {
      const list = this.retentions.get(key) ?? []
      const index = list.findIndex((policy) => policy.id === id)
      if (index < 0) throw refusal(`Updating retention policy ${id} of ${key}`, 404)
      list[index] = { id, ...body }
    })
  }

  deleteRetention(namespace: string, repository: string, id: number): Promise<RetentionDeletion> {
    const key = `${namespace}/${repository}`
    return this.answer('deleteRetention', `${key} ${id}`, () => {
      const list = this.retentions.get(key) ?? []
      const index = list.findIndex((policy) => policy.id === id)
      if (index < 0) return 'already-gone'
      list.splice(index, 1)
      return 'deleted'
    })
  }

  createLoginSecret(region: string, durationSeconds: number, host: string): Promise<LoginSecret> {
    return this.answer('createLoginSecret', `${region} ${durationSeconds} ${host}`, () => {
      const username = `${region}@LOGIN${this.nextId++}`
      const password = `password-${this.nextId++}`
      const auth = Buffer.from(`${username}:${password}`).toString('base64')
      const expiresAt = new Date(Date.now() + durationSeconds * 1000)
      return { host, username, password, auth, expiresAt, expiryEstimated: false }
    })
  }

  listSyncRules(namespace: string, repository: string): Promise<SyncRule[]> {
    const key = `${namespace}/${repository}`
    return this.answer('listSyncRules', key, () => [...(this.syncRules.get(key) ?? [])])
  }

  createSyncRule(namespace: string, repository: string, target: SyncTarget, override: boolean): Promise<Creation> {
    const key = `${namespace}/${repository}`
    return this.answer('createSyncRule', `${key} -> ${target.region}/${target.namespace}`, () => {
      const rules = this.syncRules.get(key) ?? []
      if (rules.some((rule) => rule.region === target.region && rule.namespace === target.namespace)) return 'exists'
      this.syncRules.set(key, [...rules, { ...target, override }])
      return 'created'
    })
  }

  deleteSyncRule(namespace: string, repository: string, target: SyncTarget): Promise<void> {
    const key = `${namespace}/${repository}`
    return this.answer('deleteSyncRule', `${key} -> ${target.region}/${target.namespace}`, () => {
      const rules = this.syncRules.get(key) ?? []
      this.syncRules.set(
        key,
        rules.filter((rule) => rule.region !== target.region || rule.namespace !== target.namespace),
      )
    })
  }

  listRepositories(namespace: string): Promise<RepositoryInfo[] | undefined> {
    return this.answer('listRepositories', namespace, () =>
      [...this.repositories.entries()]
        .filter(([key]) => this.yours(namespace) && key.startsWith(`${namespace}/`))
        .map(([, info]) => ({ ...info })),
    )
  }

  deleteRepository(namespace: string, repository: string): Promise<'deleted' | 'already-gone'> {
    const key = `${namespace}/${repository}`
    return this.answer('deleteRepository', key, () => (this.repositories.delete(key) ? 'deleted' : 'already-gone'))
  }

  /** A tag's digest: the one a test set, else one made from its name. */
  digestOf(key: string, tag: string): string {
    return this.digests.get(`${key}:${tag}`) ?? `sha256:${createHash('sha256').update(`${key}:${tag}`).digest('hex')}`
  }

  listTags(namespace: string, repository: string): Promise<TagDetail[]> {
    const key = `${namespace}/${repository}`
    return this.answer('listTags', key, () =>
      (this.tags.get(key) ?? []).map((tag) => ({ tag, digest: this.digestOf(key, tag), kind: 'image' as const })),
    )
  }

  createTag(namespace: string, repository: string, source: string, destination: string, override: boolean) {
    const key = `${namespace}/${repository}`
    return this.answer('createTag', `${key}:${source} -> ${destination}`, (): Creation => {
      const tags = this.tags.get(key) ?? []
      if (!tags.includes(source)) throw refusal(`Tagging ${key}:${source}`, 404)
      if (tags.includes(destination) && !override) return 'exists'
      this.digests.set(`${key}:${destination}`, this.digestOf(key, source))
      if (!tags.includes(destination)) this.tags.set(key, [...tags, destination])
      return 'created'
    })
  }

  syncImages(namespace: string, repository: string, target: SyncTarget, _override: boolean, tags: string[]) {
    const entry = `${namespace}/${repository} -> ${target.region}/${target.namespace}`
    return this.answer('syncImages', entry, () => {
      this.copies.push(`${entry}: ${tags.join(',')}`)
      return []
    })
  }

  listShares(namespace: string, repository: string): Promise<Share[]> {
    const key = `${namespace}/${repository}`
    return this.answer('listShares', key, () => [...(this.shares.get(key) ?? [])])
  }

  createShare(namespace: string, repository: string, share: ShareWish): Promise<Creation> {
    const key = `${namespace}/${repository}`
    return this.answer('createShare', `${key} -> ${share.account}`, () => {
      const shares = this.shares.get(key) ?? []
      if (shares.some((existing) => existing.account === share.account)) return 'exists'
      this.shares.set(key, [...shares, { ...share, description: '' }])
      return 'created'
    })
  }

  updateShare(namespace: string, repository: string, share: ShareWish, description: string): Promise<void> {
    const key = `${namespace}/${repository}`
    return this.answer('updateShare', `${key} -> ${share.account}`, () => {
      const shares = this.shares.get(key) ?? []
      this.shares.set(
        key,
        shares.map((existing) => (existing.account === share.account ? { ...share, description } : existing)),
      )
    })
  }
}
