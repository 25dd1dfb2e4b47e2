// The emulator's SWR organizations and repositories, with SWR's name rules, quota, status codes and error bodies.
//
// Error bodies come in the shapes the real service uses, one shape per kind of answer, so a client is exercised on
// all of them: {"errors":[{"errorCode","errorMessage"}]} (creating an organization); a list
// [{"errorCode","errorMessage","detail"}] (creating a repository); {"errorCode","errorMessage"} (reads, updates).
// The 404 of a repository missing from an existing organization carries SVCSTG.SWR.4040003: the API reference
// documents no code for it, so this one is the emulator's own.
import type { Account } from './accounts.js'
import type { Answer, AccountRoute, RouteRequest } from './gateway.js'

export interface NamespaceRecord {
  id: number
  name: string
  owner: string
  creatorName: string
}

export type RepositoryRecord = Record<string, unknown> & { name: string; namespace: string; owner: string }

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

export const swrError = (status: number, code: string, message: string): Answer => ({
  status,
  body: { errorCode: code, errorMessage: message },
})
export const repositoryMissing = (key: string): Answer =>
  swrError(404, 'SVCSTG.SWR.4040003', `Repository ${key} not found`)
export const organizationMissing = (name: string): Answer =>
  swrError(404, 'SVCSTG.SWR.4040058', `Namespace ${name} not found`)

export interface SwrServiceOptions {
  region: string
  accounts: Account[]
  namespaceQuota?: number
  /** The documentation disagrees on 200 or 201 for a created repository; both are served. */
  createRepositoryStatus?: 200 | 201
  /** The registry host of the region's pull paths; SWR's own for the region when not given. */
  registryHost?: () => string
}

/** SWR writes a repository's "/" as "$" in paths. */
const repositoryName = (request: RouteRequest) => request.params.repository.replaceAll('$', '/')

export class SwrService {
  readonly namespaces = new Map<string, NamespaceRecord>()
  readonly repositories = new Map<string, RepositoryRecord>()
  createRepositoryStatus: 200 | 201
  private readonly quota: number
  private nextId = 100

  constructor(private readonly options: SwrServiceOptions) {
    this.quota = options.namespaceQuota ?? 5
    this.createRepositoryStatus = options.createRepositoryStatus ?? 201
  }

  readonly routes: AccountRoute[] = [
    {
      method: 'POST',
      path: '/v2/manage/namespaces',
      operation: 'createNamespace',
      run: ({ body }, account) => this.createNamespace(account, body),
    },
    {
      method: 'GET',
      path: '/v2/manage/namespaces',
      operation: 'listNamespaces',
      run: ({ query }, account) => this.listNamespaces(account, query),
    },
    {
      method: 'GET',
      path: '/v2/manage/namespaces/:namespace',
      operation: 'showNamespace',
      run: ({ params }, account) => this.showNamespace(account, params.namespace),
    },
    {
      method: 'DELETE',
      path: '/v2/manage/namespaces/:namespace',
      operation: 'deleteNamespace',
      run: ({ params }, account) => this.deleteNamespace(account, params.namespace),
    },
    {
      method: 'GET',
      path: '/v3/manage/repos',
      operation: 'listRepositories',
      run: ({ query }, account) => this.listRepositories(account, query),
    },
    {
      method: 'POST',
      path: '/v2/manage/namespaces/:namespace/repos',
      operation: 'createRepository',
      run: ({ params, body, region }, account) => this.createRepository(account, params.namespace, body, region),
    },
    {
      method: 'GET',
      path: '/v2/manage/namespaces/:namespace/repos/:repository',
      operation: 'showRepository',
      run: (request, account) => this.showRepository(account, request.params.namespace, repositoryName(request)),
    },
    {
      method: 'PATCH',
      path: '/v2/manage/namespaces/:namespace/repos/:repository',
      operation: 'updateRepository',
      run: (request, account) =>
        this.updateRepository(account, request.params.namespace, repositoryName(request), request.body),
    },
    {
      method: 'DELETE',
      path: '/v2/manage/namespaces/:namespace/repos/:repository',
      operation: 'deleteRepository',
      run: (request, account) => this.deleteRepository(account, request.params.namespace, repositoryName(request)),
    },
  ]

  /** The repository's key when the account owns its organization and the repository exists; else the 404. */
  ownRepository(account: Account, namespace: string, name: string): { key: string } | Answer {
    if (!this.ownNamespace(account, namespace)) return organizationMissing(namespace)
    const key = `${namespace}/${name}`
    return this.repositories.has(key) ? { key } : repositoryMissing(key)
  }

  addNamespace(name: string, owner: Account = this.options.accounts[0]): NamespaceRecord {
    const record = { id: this.nextId++, name, owner: owner.name, creatorName: owner.name }
    this.namespaces.set(name, record)
    return record
  }

  addRepository(
    namespace: string,
    name: string,
    settings: Record<string, unknown> = {},
    region = this.options.region,
  ): RepositoryRecord {
    const ns = this.namespaces.get(namespace) ?? this.addNamespace(namespace)
    const owner = this.options.accounts.find((account) => account.name === ns.owner) ?? this.options.accounts[0]
    const now = new Date().toISOString()
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
      path: `${this.options.registryHost?.() ?? `swr.${region}.myhuaweicloud.com`}/${namespace}/${name}`,
      internal_path: `swr.${region}.myhuaweicloud.internal/${namespace}/${name}`,
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
    if (!isValidNamespace(name)) return errors(400, 'SVCSTG.SWR.4001028', 'Invalid namespace name')
    if (this.namespaces.has(name)) return errors(409, 'SVCSTG.SWR.4090060', 'Namespace already exists')
    const owned = [...this.namespaces.values()].filter((record) => record.owner === account.name).length
    if (owned >= this.quota) return errors(400, 'SVCSTG.SWR.4000097', `Namespace quota exceeded: at most ${this.quota}`)
    this.addNamespace(name, account)
    return { status: 201 }
  }

  private listNamespaces(account: Account, query: URLSearchParams): Answer {
    const filter = query.get('filter') ?? ''
    const wanted = filter.startsWith('namespace::') ? filter.slice('namespace::'.length) : undefined
    const visible = [...this.namespaces.values()].filter(
      (record) => record.owner === account.name && (wanted === undefined || record.name === wanted),
    )
    const namespaces = visible.map((record) => ({
      id: record.id,
      name: record.name,
      creator_name: record.creatorName,
      auth: 7,
    }))
    return { status: 200, body: { namespaces } }
  }

  /**
   * ListRepositories v3 as terraform's huaweicloud_swrv3_repositories reads it (docs/api-notes.md, "Inventory"):
   * `repos` by id, `limit` up to 1000 (100 by default), `marker` the last id of the page before, `nextMarker` while
   * more remain. The account's own organizations only; another's, or one that does not exist, lists nothing.
   */
  private listRepositories(account: Account, query: URLSearchParams): Answer {
    const limit = Number(query.get('limit') ?? 100)
    const marker = Number(query.get('marker') ?? 0)
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(marker) || marker < 0) {
      return swrError(400, 'SVCSTG.SWR.4000001', 'limit must be 1 to 1000 and marker 0 or more')
    }
    const namespace = query.get('namespace') ?? undefined
    const all = [...this.repositories.values()]
      .filter((record) => record.owner === account.name && (namespace === undefined || record.namespace === namespace))
      .sort((a, b) => Number(a.id) - Number(b.id))
      .filter((record) => Number(record.id) > marker)
    const page = all.slice(0, limit)
    const repos = page.map(({ namespace: name, owner: _owner, created, updated, ...info }) => ({
      id: info.id,
      name: info.name,
      namespace_name: name,
      category: info.category,
      description: info.description,
      is_public: info.is_public,
      size: info.size,
      num_images: info.num_images,
      num_download: info.num_download,
      status: true,
      created_at: created,
      updated_at: updated,
    }))
    const more = all.length > page.length
    return { status: 200, body: { repos, ...(more ? { nextMarker: page[page.length - 1].id } : {}) } }
  }

  private showNamespace(account: Account, name: string): Answer {
    const record = this.namespaces.get(name)
    if (!record) return organizationMissing(name)
    if (record.owner !== account.name) return swrError(403, 'SVCSTG.SWR.4039001', 'Not the owner of this resource')
    return { status: 200, body: { id: record.id, name: record.name, creator_name: record.creatorName, auth: 7 } }
  }

  /** SWR deletes only an empty organization. */
  private deleteNamespace(account: Account, name: string): Answer {
    if (!this.ownNamespace(account, name)) return organizationMissing(name)
    if ([...this.repositories.values()].some((record) => record.namespace === name)) {
      return swrError(400, 'SVCSTG.SWR.4001050', `Namespace ${name} still has repositories`)
    }
    this.namespaces.delete(name)
    return { status: 204 }
  }

  private deleteRepository(account: Account, namespace: string, name: string): Answer {
    const found = this.ownRepository(account, namespace, name)
    if ('status' in found) return found
    this.repositories.delete(found.key)
    return { status: 204 }
  }

  private createRepository(account: Account, namespace: string, body: unknown, region: string): Answer {
    const errors = (status: number, code: string, message: string): Answer => ({
      status,
      body: [{ errorCode: code, errorMessage: message, detail: '' }],
    })
    if (!this.ownNamespace(account, namespace)) {
      return errors(404, 'SVCSTG.SWR.4040058', `Namespace ${namespace} not found`)
    }
    const fields = (body ?? {}) as Record<string, unknown>
    const name = fields.repository
    if (!isValidRepository(name)) return errors(400, 'SVCSTG.SWR.4001029', 'Invalid repository name')
    const invalid = settingsProblem(fields)
    if (invalid) return errors(400, 'SVCSTG.SWR.4001008', invalid)
    if (this.repositories.has(`${namespace}/${name}`)) {
      return errors(409, 'SVCSTG.SWR.4090006', 'Repository already exists')
    }
    const settings = {
      is_public: fields.is_public,
      category: fields.category ?? 'other',
      description: fields.description ?? '',
    }
    this.addRepository(namespace, name, settings, region)
    return { status: this.createRepositoryStatus }
  }

  private showRepository(account: Account, namespace: string, name: string): Answer {
    const found = this.ownRepository(account, namespace, name)
    if ('status' in found) return found
    const { namespace: _namespace, owner: _owner, ...info } = this.repositories.get(found.key) as RepositoryRecord
    return { status: 200, body: info }
  }

  private updateRepository(account: Account, namespace: string, name: string, body: unknown): Answer {
    const found = this.ownRepository(account, namespace, name)
    if ('status' in found) return found
    const record = this.repositories.get(found.key) as RepositoryRecord
    const fields = (body ?? {}) as Record<string, unknown>
    const invalid = settingsProblem(fields)
    if (invalid) return swrError(400, 'SVCSTG.SWR.4001008', invalid)
    record.is_public = fields.is_public
    if (fields.category !== undefined) record.category = fields.category
    if (fields.description !== undefined) record.description = fields.description
    record.updated = new Date().toISOString()
    return { status: 201 }
  }
}

/** What is wrong with a repository's settings in a create or update body (is_public is required in both). */
function settingsProblem(fields: Record<string, unknown>): string | undefined {
  if (typeof fields.is_public !== 'boolean') return 'is_public is required and must be a boolean'
  if (fields.category !== undefined && !CATEGORIES.includes(fields.category as string)) return 'Invalid category'
  if (fields.description !== undefined && typeof fields.description !== 'string') return 'Invalid description'
  return undefined
}
