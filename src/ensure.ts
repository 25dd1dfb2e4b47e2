// The ensure flow: the fewest requests that leave the organization and repository in place.
// A run whose repository exists makes one read request and needs only read permission.
import type { CreateRepositoryBody, SwrApi } from './swr-api.js'
import type { ApiResponse } from './api-client.js'
import { hintFor, ORGANIZATION_NOT_FOUND_CODES, parseErrorBody, SwrRequestError } from './api-error.js'

export interface RepositoryRequest {
  namespace: string
  repository: string
  category?: string
  isPublic?: boolean
  description?: string
}

export type RepositoryInfo = Record<string, unknown>

export interface EnsureResult {
  info: RepositoryInfo
  namespaceCreated: boolean
  repositoryCreated: boolean
}

const isSuccess = (response: ApiResponse): boolean => response.status >= 200 && response.status < 300

/** SWR's 404 names a missing organization with its own codes; any other 404 is about the repository. */
export function isOrganizationMissing(response: ApiResponse): boolean {
  const { code } = parseErrorBody(response.body)
  return response.status === 404 && code !== undefined && ORGANIZATION_NOT_FOUND_CODES.includes(code)
}

/** The body a new repository is created with; settings the workflow left out get their documented defaults. */
export function createRepositoryBody(request: RepositoryRequest): CreateRepositoryBody {
  return {
    repository: request.repository,
    is_public: request.isPublic ?? false,
    category: request.category ?? 'other',
    ...(request.description ? { description: request.description } : {}),
  }
}

function failure(response: ApiResponse): SwrRequestError {
  const detail = parseErrorBody(response.body)
  return new SwrRequestError(response.operation, response.status, detail, hintFor(response.status, detail))
}

export function parseRepositoryInfo(response: ApiResponse): RepositoryInfo {
  let parsed: unknown
  try {
    parsed = JSON.parse(response.body)
  } catch {
    parsed = undefined
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !('name' in parsed)) {
    const excerpt = response.body.slice(0, 200)
    throw new Error(
      `${response.operation} answered HTTP ${response.status} with a body that is not a repository's brief info: ${JSON.stringify(excerpt)}`,
    )
  }
  return parsed as RepositoryInfo
}

export async function ensureRepository(api: SwrApi, request: RepositoryRequest): Promise<EnsureResult> {
  const { namespace, repository } = request
  const shown = await api.showRepository(namespace, repository)
  if (isSuccess(shown)) {
    return { info: parseRepositoryInfo(shown), namespaceCreated: false, repositoryCreated: false }
  }
  if (shown.status !== 404) throw failure(shown)

  let namespaceCreated = false
  let namespaceEnsured = false
  if (isOrganizationMissing(shown)) {
    namespaceCreated = await ensureNamespace(api, namespace)
    namespaceEnsured = true
  }

  const body = createRepositoryBody(request)
  let created = await api.createRepository(namespace, body)
  if (!namespaceEnsured && isOrganizationMissing(created)) {
    // The first 404 did not say which was missing; now SWR says it is the organization.
    namespaceCreated = await ensureNamespace(api, namespace)
    created = await api.createRepository(namespace, body)
  }
  // 409: another job created it first, or an earlier attempt of this one did; either way it exists.
  if (!isSuccess(created) && created.status !== 409) throw failure(created)

  const read = await api.showRepository(namespace, repository)
  if (!isSuccess(read)) throw failure(read)
  return { info: parseRepositoryInfo(read), namespaceCreated, repositoryCreated: isSuccess(created) }
}

/** Creates the organization unless it exists; returns whether this run created it. */
async function ensureNamespace(api: SwrApi, namespace: string): Promise<boolean> {
  const created = await api.createNamespace(namespace)
  if (isSuccess(created)) return true
  if (created.status !== 409) throw failure(created)

  // Organization names are unique across all accounts: a 409 may mean the name is someone else's.
  const shown = await api.showNamespace(namespace)
  if (isSuccess(shown)) return false
  if (shown.status === 403 || shown.status === 404) {
    throw new Error(
      `The organization ${namespace} already exists in another Huawei Cloud account (SWR answered HTTP 409 to creating it, ` +
        `then HTTP ${shown.status} to reading it). Organization names are unique across all accounts: ` +
        'choose another namespace, or ask its owner to grant your account access.',
    )
  }
  throw failure(shown)
}
