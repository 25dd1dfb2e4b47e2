// The SWR operations this action uses. Each one turns SWR's answer into an outcome the ensure flow decides on;
// every other answer is thrown as a RequestError. HTTP statuses stay in this file.
import { type ApiClient, type ApiResponse, type Authenticate, headerValue } from '../api-client.js'
import { parseErrorBody, type RequestError, unexpectedBody } from '../request-error.js'
import { ORGANIZATION_NOT_FOUND_CODES, RETENTION_GONE_CODE, THROTTLING_CODES } from './swr-errors.js'
import { endpointUrl } from '../../rules/endpoint.js'
import { isInfoProblem, readRepositoryInfo, type RepositoryInfo } from './repository-info.js'
import { readRetentionPolicies, type RetentionPolicy, type RetentionPolicyBody } from './retention-policies.js'
import { expiryOf, type LoginSecret, readLoginSecret } from './login-secret.js'
import { outcome, parsedBody, refusalOf } from './answers.js'
import type { DistributionApi } from './distribution-api.js'
import { loadedOnFirstUse } from '../lazy.js'
import { repositoryPath } from './paths.js'
import { INVENTORY_PAGE, INVENTORY_PAGES, readInventoryPage } from './inventory.js'

export interface CreateRepositoryBody {
  repository: string
  is_public: boolean
  category?: string
  description?: string
}

/** SWR requires is_public in every update, even one that changes only another setting. */
export interface UpdateRepositoryBody {
  is_public: boolean
  category?: string
  description?: string
}

// A `refusal` describes SWR's answer, for the flow to throw where, in its context, the outcome is a failure.

export type RepositoryRead =
  | { kind: 'found'; info: RepositoryInfo }
  /** organizationMissing: SWR's answer named the organization; false when it did not say which is missing. */
  | { kind: 'missing'; organizationMissing: boolean; refusal: RequestError }

/** An organization that exists but is not visible to you belongs to another account, or you may not read it. */
export type NamespaceRead =
  { kind: 'yours' } | { kind: 'missing'; refusal: RequestError } | { kind: 'not-visible'; refusal: RequestError }

export type NamespaceCreation = 'created' | 'exists'

export type RepositoryCreation =
  { kind: 'created' } | { kind: 'exists' } | { kind: 'organization-missing'; refusal: RequestError }

export type RetentionDeletion = 'deleted' | 'already-gone'

export interface SwrApi extends DistributionApi {
  showRepository(namespace: string, repository: string): Promise<RepositoryRead>
  showNamespace(namespace: string): Promise<NamespaceRead>
  createNamespace(namespace: string): Promise<NamespaceCreation>
  createRepository(namespace: string, body: CreateRepositoryBody): Promise<RepositoryCreation>
  updateRepository(namespace: string, repository: string, body: UpdateRepositoryBody): Promise<void>
  /** Removes a repository (prune_undeclared only); "already-gone" when another job removed it first. */
  deleteRepository(namespace: string, repository: string): Promise<'deleted' | 'already-gone'>
  /** Every repository of the organization with the fields the list gives; undefined when it holds too many. */
  listRepositories(namespace: string): Promise<RepositoryInfo[] | undefined>
  listRetentions(namespace: string, repository: string): Promise<RetentionPolicy[]>
  createRetention(namespace: string, repository: string, body: RetentionPolicyBody): Promise<void>
  updateRetention(namespace: string, repository: string, id: number, body: RetentionPolicyBody): Promise<void>
  deleteRetention(namespace: string, repository: string, id: number): Promise<RetentionDeletion>
  /** A temporary login to the registry `host`, valid for the duration; SWR names the project after the region. */
  createLoginSecret(region: string, durationSeconds: number, host: string): Promise<LoginSecret>
}

/** SWR's 404 names a missing organization with its own codes; any other 404 does not say which is missing. */
export function namesOrganizationMissing(refusal: RequestError): boolean {
  const { code } = refusal.detail
  return refusal.status === 404 && code !== undefined && ORGANIZATION_NOT_FOUND_CODES.includes(code)
}

function repositoryInfo(response: ApiResponse, namespace: string, repository: string): RepositoryInfo {
  const read = readRepositoryInfo(parsedBody(response), { namespace, repository })
  if (!isInfoProblem(read)) return read
  // A field of the wrong type is named; a body that is not brief info at all is shown as an excerpt.
  throw unexpectedBody(response, "a repository's brief info", read.field ? read.problem : undefined)
}

function loginSecret(response: ApiResponse, host: string, durationSeconds: number): LoginSecret {
  const read = readLoginSecret(parsedBody(response), host)
  if ('problem' in read) throw unexpectedBody(response, 'a registry login', read.problem)
  const expires = headerValue(response.headers['x-swr-expireat'])
  const { expiresAt, estimated } = expiryOf(expires, durationSeconds, Date.now())
  return { ...read, expiresAt, expiryEstimated: estimated }
}

function retentionPolicies(response: ApiResponse): RetentionPolicy[] {
  const read = readRetentionPolicies(parsedBody(response))
  if (Array.isArray(read)) return read
  throw unexpectedBody(response, 'a list of retention policies', read.problem)
}

/** SWR throttles with a 403 and codes of its own (docs/api-notes.md, "Throttling"): tried again like a 429. */
export function isThrottled(status: number, body: string): boolean {
  if (status !== 403) return false
  const { code } = parseErrorBody(body)
  return code !== undefined && THROTTLING_CODES.includes(code)
}

export function swrApi(client: ApiClient, endpoint: URL, authenticate: Authenticate): SwrApi {
  const send = (operation: string, method: string, path: string, body?: unknown) =>
    client.send({ operation, method, url: endpointUrl(endpoint, path), body, authenticate, throttled: isThrottled })
  const nothing = () => undefined
  return {
    // Loaded only by a run with sync_to or share_with.
    ...loadedOnFirstUse(() => import('./distribution-api.js').then(({ distributionApi }) => distributionApi(send)), {
      listSyncRules: true,
      createSyncRule: true,
      deleteSyncRule: true,
      listTags: true,
      createTag: true,
      syncImages: true,
      listShares: true,
      createShare: true,
      updateShare: true,
    }),
    async showRepository(namespace, repository) {
      const response = await send(
        `Reading repository ${namespace}/${repository}`,
        'GET',
        repositoryPath(namespace, repository),
      )
      const found = () => ({ kind: 'found' as const, info: repositoryInfo(response, namespace, repository) })
      return outcome<RepositoryRead>('showRepository', response, found, {
        404: () => {
          const refusal = refusalOf('showRepository', response)
          return { kind: 'missing', organizationMissing: namesOrganizationMissing(refusal), refusal }
        },
      })
    },
    async showNamespace(namespace) {
      const response = await send(`Reading organization ${namespace}`, 'GET', `/v2/manage/namespaces/${namespace}`)
      return outcome<NamespaceRead>('showNamespace', response, () => ({ kind: 'yours' }), {
        403: () => ({ kind: 'not-visible', refusal: refusalOf('showNamespace', response) }),
        404: () => ({ kind: 'missing', refusal: refusalOf('showNamespace', response) }),
      })
    },
    async createNamespace(namespace) {
      const response = await send(`Creating organization ${namespace}`, 'POST', '/v2/manage/namespaces', {
        namespace,
      })
      return outcome<NamespaceCreation>('createNamespace', response, () => 'created', { 409: () => 'exists' })
    },
    async createRepository(namespace, body) {
      const response = await send(
        `Creating repository ${namespace}/${body.repository}`,
        'POST',
        `/v2/manage/namespaces/${namespace}/repos`,
        body,
      )
      return outcome<RepositoryCreation>('createRepository', response, () => ({ kind: 'created' }), {
        409: () => ({ kind: 'exists' }),
        404: () => {
          const refusal = refusalOf('createRepository', response)
          if (namesOrganizationMissing(refusal)) return { kind: 'organization-missing', refusal }
          throw refusal
        },
      })
    },
    async updateRepository(namespace, repository, body) {
      const response = await send(
        `Updating repository ${namespace}/${repository}`,
        'PATCH',
        repositoryPath(namespace, repository),
        body,
      )
      outcome('updateRepository', response, nothing)
    },
    async deleteRepository(namespace, repository) {
      const response = await send(
        `Deleting repository ${namespace}/${repository}`,
        'DELETE',
        repositoryPath(namespace, repository),
      )
      return outcome<'deleted' | 'already-gone'>('deleteRepository', response, () => 'deleted', {
        404: () => 'already-gone',
      })
    },
    async listRepositories(namespace) {
      const found: RepositoryInfo[] = []
      let marker: number | undefined
      for (let page = 1; page <= INVENTORY_PAGES; page++) {
        const query = new URLSearchParams({ namespace, limit: String(INVENTORY_PAGE) })
        if (marker !== undefined) query.set('marker', String(marker))
        const response = await send(
          `Reading the repositories of ${namespace}${page > 1 ? ` (page ${page})` : ''}`,
          'GET',
          `/v3/manage/repos?${query.toString()}`,
        )
        const read = outcome('listRepositories', response, () => readInventoryPage(response, namespace, marker))
        found.push(...read.repositories)
        if (read.next === undefined) return found
        marker = read.next
      }
      return undefined
    },
    async listRetentions(namespace, repository) {
      const response = await send(
        `Reading the retention policies of ${namespace}/${repository}`,
        'GET',
        `${repositoryPath(namespace, repository)}/retentions`,
      )
      return outcome('listRetentions', response, () => retentionPolicies(response))
    },
    async createRetention(namespace, repository, body) {
      const response = await send(
        `Creating the retention policy of ${namespace}/${repository}`,
        'POST',
        `${repositoryPath(namespace, repository)}/retentions`,
        body,
      )
      outcome('createRetention', response, nothing)
    },
    async updateRetention(namespace, repository, id, body) {
      const response = await send(
        `Updating retention policy ${id} of ${namespace}/${repository}`,
        'PATCH',
        `${repositoryPath(namespace, repository)}/retentions/${id}`,
        body,
      )
      outcome('updateRetention', response, nothing)
    },
    async deleteRetention(namespace, repository, id) {
      const response = await send(
        `Deleting retention policy ${id} of ${namespace}/${repository}`,
        'DELETE',
        `${repositoryPath(namespace, repository)}/retentions/${id}`,
      )
      // Already gone (another job removed it) is as good as removed. SWR says so with a 400 and its own code, not a
      // 404 (docs/api-notes.md, "Retention").
      return outcome<RetentionDeletion>('deleteRetention', response, () => 'deleted', {
        404: () => 'already-gone',
        400: () => {
          const refusal = refusalOf('deleteRetention', response)
          if (refusal.detail.code === RETENTION_GONE_CODE) return 'already-gone'
          throw refusal
        },
      })
    },
    async createLoginSecret(region, durationSeconds, host) {
      const query = new URLSearchParams({ projectname: region, duration_seconds: String(durationSeconds) })
      const response = await send(
        `Creating a temporary login to ${host}`,
        'POST',
        `/v2/manage/utils/secret?${query.toString()}`,
      )
      return outcome('createLoginSecret', response, () => loginSecret(response, host, durationSeconds))
    },
  }
}
