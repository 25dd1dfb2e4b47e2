// The SWR operations this action uses, as requests.
import type { ApiClient, ApiResponse, Authenticate } from './api-client.js'

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
}

export function swrApi(client: ApiClient, endpoint: URL, authenticate: Authenticate): SwrApi {
  const base = endpoint.pathname.replace(/\/$/, '')
  const send = (operation: string, method: string, path: string, body?: unknown) =>
    client.send({ operation, method, url: new URL(base + path, endpoint), body, authenticate })
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
  }
}
