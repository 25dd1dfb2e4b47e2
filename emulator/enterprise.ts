// The emulator's SWR Enterprise Edition (docs/api-notes.md, "Enterprise Edition"): dedicated instances in a project,
// their namespaces, repositories that appear on a registry push (a test calls `push`), the temporary login accepted
// by the emulated registry, and IAM's project list, from which a project ID is looked up.
import { createHash, randomBytes } from 'node:crypto'
import type { Account } from './accounts.js'
import type { AccountRoute, Answer, RouteRequest } from './gateway.js'
import { headerText } from './gateway.js'
import type { LoginSecretRecord } from './registry.js'

export interface EnterpriseInstance {
  id: string
  name: string
  status: 'Initial' | 'Creating' | 'Running' | 'Unavailable'
  /** The registry host of the instance. */
  access_address: string
  /** The account that owns it. */
  account: string
  region: string
  /** The emulator's: the state ShowInstanceEndpointPolicy answers (Enable unless set). */
  publicAccess?: string
}

export interface EnterpriseNamespace {
  name: string
  public: boolean
}

/** Enterprise namespace names: they may start with a digit, unlike Basic's organizations. */
const NAMESPACE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/

/** The new error body form; Enterprise answers some errors in the old one too. */
const error = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error_code: code, error_msg: message },
})

/** An account's project ID in a region, as IAM lists it: 32 hexadecimal digits. */
export function projectIdOf(account: Account, region: string): string {
  return createHash('sha256').update(`${account.domainId}/${region}`).digest('hex').slice(0, 32)
}

export class EnterpriseService {
  readonly instances: EnterpriseInstance[] = []
  /** By "instanceId/namespace". */
  readonly namespaces = new Map<string, EnterpriseNamespace>()
  /** By "instanceId/namespace/repository". */
  readonly repositories = new Map<
    string,
    { id: number; artifact_count: number; tag_count: number; tags?: Set<string>; description: string }
  >()

  constructor(
    private readonly accounts: Account[],
    /** Where temporary logins go, so that the emulated registry accepts them. */
    private readonly secrets: LoginSecretRecord[],
  ) {}

  addInstance(instance: Omit<EnterpriseInstance, 'account' | 'region'> & { account?: string; region?: string }) {
    const record = { account: this.accounts[0].name, region: 'cn-north-4', ...instance }
    this.instances.push(record)
    return record
  }

  /** What a push of a tag does (the emulated registry's, or a test's): the namespace must exist; the repository appears. */
  push(instanceId: string, namespace: string, repository: string, tag = 'latest'): void {
    if (!this.namespaces.has(`${instanceId}/${namespace}`)) throw new Error(`no namespace ${namespace} to push to`)
    const key = `${instanceId}/${namespace}/${repository}`
    const existing = this.repositories.get(key)
    const tags = new Set([...(existing?.tags ?? []), tag])
    this.repositories.set(key, {
      id: existing?.id ?? this.repositories.size + 1,
      artifact_count: (existing?.artifact_count ?? 0) + 1,
      tag_count: tags.size,
      tags,
      description: '',
    })
  }

  readonly routes: AccountRoute[] = [
    {
      method: 'GET',
      path: '/v3/projects',
      operation: 'listProjects',
      run: ({ query, region }, account) => {
        const name = query.get('name') ?? region
        return { status: 200, body: { projects: [{ id: projectIdOf(account, name), name, enabled: true }] } }
      },
    },
    this.route('GET', '', 'listInstances', (request, account) => {
      const offset = Number(request.query.get('offset') ?? 0)
      const limit = Number(request.query.get('limit') ?? 100)
      const own = this.instances.filter((instance) => instance.account === account.name)
      return { status: 200, body: { instances: own.slice(offset, offset + limit), total: own.length } }
    }),
    this.instanceRoute('GET', '', 'showInstance', (instance) => ({ status: 200, body: instance })),
    this.instanceRoute('POST', '/namespaces', 'createInstanceNamespace', (instance, request) => {
      const { namespace_name: name, metadata } = (request.body ?? {}) as Record<string, unknown>
      const isPublic = (metadata as { public?: unknown } | undefined)?.public
      if (typeof name !== 'string' || name.length > 64 || !NAMESPACE.test(name)) {
        return error(400, 'SWR.EE.40000001', 'Invalid namespace_name')
      }
      if (isPublic !== 'true' && isPublic !== 'false') {
        return error(400, 'SWR.EE.40000001', 'metadata.public must be "true" or "false"')
      }
      const key = `${instance.id}/${name}`
      if (this.namespaces.has(key)) return error(409, 'SWR.EE.40900001', 'Namespace already exists')
      this.namespaces.set(key, { name, public: isPublic === 'true' })
      return { status: 201 }
    }),
    this.instanceRoute('GET', '/namespaces/:namespace', 'showInstanceNamespace', (instance, request) => {
      const found = this.namespaces.get(`${instance.id}/${request.params.namespace}`)
      if (!found) return error(404, 'SWR.EE.40400002', 'Namespace not found')
      return { status: 200, body: { name: found.name, metadata: { public: String(found.public) }, repo_count: 0 } }
    }),
    this.instanceRoute(
      'GET',
      '/namespaces/:namespace/repositories/:repository',
      'showInstanceRepository',
      (instance, request) => {
        const { namespace, repository } = request.params
        // The gateway decodes a segment once: a "/" in a name arrives still encoded once, as %2F.
        if (repository.includes('/')) return error(400, 'SWR.EE.40000002', 'A "/" in a name is sent as %252F')
        const name = repository.replaceAll('%2F', '/')
        const found = this.repositories.get(`${instance.id}/${namespace}/${name}`)
        if (!found) return error(404, 'SWR.EE.40400003', 'Repository not found')
        return {
          status: 200,
          body: {
            id: found.id,
            name: `${namespace}/${name}`,
            namespace_name: namespace,
            description: found.description,
            artifact_count: found.artifact_count,
            tag_count: found.tag_count,
            pull_count: 0,
            created_at: '2026-01-01T00:00:00Z',
            updated_at: '2026-01-01T00:00:00Z',
          },
        }
      },
    ),
    this.instanceRoute('GET', '/endpoint-policy', 'showInstanceEndpointPolicy', (instance) => ({
      status: 200,
      body: { status: instance.publicAccess ?? 'Enable', ip_list: [] },
    })),
    this.instanceRoute('POST', '/temp-credential', 'createInstanceTempCredential', (instance, _request, account) => {
      const username = `${account.name}@${randomBytes(6).toString('hex')}`
      const password = randomBytes(24).toString('base64url')
      const expiresAt = Date.now() + 24 * 3600 * 1000
      this.secrets.push({ account: account.name, username, password, expiresAt, instanceId: instance.id })
      return {
        status: 201,
        body: {
          user_id: username,
          auth_token: password,
          expire_date: new Date(expiresAt).toISOString(),
          created_at: new Date().toISOString(),
          token_id: randomBytes(8).toString('hex'),
        },
      }
    }),
  ]

  /** A route under /v2/{project_id}/instances, for the project of the account in the request's region. */
  private route(
    method: string,
    under: string,
    operation: string,
    run: (request: RouteRequest, account: Account) => Answer,
  ): AccountRoute {
    return {
      method,
      path: `/v2/:project/instances${under}`,
      operation,
      run: (request, account) => {
        const project = projectIdOf(account, request.region)
        if (request.params.project !== project) return error(403, 'SWR.EE.40300001', 'Not your project')
        // Signed requests name their project in X-Project-Id, as the SDKs send it.
        const named = headerText(request.headers['x-project-id'])
        if (named !== undefined && named !== project) return error(403, 'SWR.EE.40300002', 'X-Project-Id mismatch')
        return run(request, account)
      },
    }
  }

  private instanceRoute(
    method: string,
    under: string,
    operation: string,
    run: (instance: EnterpriseInstance, request: RouteRequest, account: Account) => Answer,
  ): AccountRoute {
    return this.route(method, `/:instance${under}`, operation, (request, account) => {
      const instance = this.instances.find(
        (candidate) => candidate.id === request.params.instance && candidate.account === account.name,
      )
      if (!instance) return error(404, 'SWR.EE.40400001', 'Instance not found')
      return run(instance, request, account)
    })
  }
}
