// The SWR operations this action uses, as requests.
import type { SwrClient, SwrResponse } from './swr-client.js'

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
  showRepository(namespace: string, repository: string): Promise<SwrResponse>
  showNamespace(namespace: string): Promise<SwrResponse>
  createNamespace(namespace: string): Promise<SwrResponse>
  createRepository(namespace: string, body: CreateRepositoryBody): Promise<SwrResponse>
}

export function swrApi(client: SwrClient): SwrApi {
  return {
    showRepository: (namespace, repository) =>
      client.send(`Reading repository ${namespace}/${repository}`, 'GET', repositoryPath(namespace, repository)),
    showNamespace: (namespace) =>
      client.send(`Reading organization ${namespace}`, 'GET', `/v2/manage/namespaces/${namespace}`),
    createNamespace: (namespace) =>
      client.send(`Creating organization ${namespace}`, 'POST', '/v2/manage/namespaces', { namespace }),
    createRepository: (namespace, body) =>
      client.send(
        `Creating repository ${namespace}/${body.repository}`,
        'POST',
        `/v2/manage/namespaces/${namespace}/repos`,
        body,
      ),
  }
}
