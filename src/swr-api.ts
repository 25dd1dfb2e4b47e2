// The SWR operations this action uses, as requests.
import type { ApiClient, ApiResponse, Authenticate } from './api-client.js'
import { endpointUrl } from './endpoint.js'
import type { RetentionPolicyBody } from './retention.js'

export interface CreateRepositoryBody {
  repository: string
  is_public: boolean
  category?: string
  description?: string
}

/** In URL paths SWR writes a repository's "/" as "$" (sent as a literal "$"). */
export function repositoryPath(namespace: string, repository: string): string {
  return `/v2/manage/namespaces/${namespace}/repos/${repository.replaceAll('/', '$')}`
}

export interface SwrApi {
  showRepository(namespace: string, repository: string): Promise<ApiResponse>
  showNamespace(namespace: string): Promise<ApiResponse>
  createNamespace(namespace: string): Promise<ApiResponse>
  createRepository(namespace: string, body: CreateRepositoryBody): Promise<ApiResponse>
  updateRepository(namespace: string, repository: string, body: Record<string, unknown>): Promise<ApiResponse>
  listRetentions(namespace: string, repository: string): Promise<ApiResponse>
  createRetention(namespace: string, repository: string, body: RetentionPolicyBody): Promise<ApiResponse>
  updateRetention(namespace: string, repository: string, id: number, body: RetentionPolicyBody): Promise<ApiResponse>
  deleteRetention(namespace: string, repository: string, id: number): Promise<ApiResponse>
}

export function swrApi(client: ApiClient, endpoint: URL, authenticate: Authenticate): SwrApi {
  const send = (operation: string, method: string, path: string, body?: unknown) =>
    client.send({ operation, method, url: endpointUrl(endpoint, path), body, authenticate })
  return {
    showRepository: (namespace, repository) =>
      send(`Reading repository ${namespace}/${repository}`, 'GET', repositoryPath(namespace, repository)),
    showNamespace: (namespace) =>
      send(`Reading organization ${namespace}`, 'GET', `/v2/manage/namespaces/${namespace}`),
    createNamespace: (namespace) =>
      send(`Creating organization ${namespace}`, 'POST', '/v2/manage/namespaces', { namespace }),
    createRepository: (namespace, body) =>
      send(
        `Creating repository ${namespace}/${body.repository}`,
        'POST',
        `/v2/manage/namespaces/${namespace}/repos`,
        body,
      ),
    updateRepository: (namespace, repository, body) =>
      send(`Updating repository ${namespace}/${repository}`, 'PATCH', repositoryPath(namespace, repository), body),
    listRetentions: (namespace, repository) =>
      send(
        `Reading the retention policies of ${namespace}/${repository}`,
        'GET',
        `${repositoryPath(namespace, repository)}/retentions`,
      ),
    createRetention: (namespace, repository, body) =>
      send(
        `Creating the retention policy of ${namespace}/${repository}`,
        'POST',
        `${repositoryPath(namespace, repository)}/retentions`,
        body,
      ),
    updateRetention: (namespace, repository, id, body) =>
      send(
        `Updating retention policy ${id} of ${namespace}/${repository}`,
        'PATCH',
        `${repositoryPath(namespace, repository)}/retentions/${id}`,
        body,
      ),
    deleteRetention: (namespace, repository, id) =>
      send(
        `Deleting retention policy ${id} of ${namespace}/${repository}`,
        'DELETE',
        `${repositoryPath(namespace, repository)}/retentions/${id}`,
      ),
  }
}
