// SWR Enterprise Edition's operations for a dedicated instance (docs/api-notes.md, "Enterprise Edition"): its paths
// carry the project and the instance, and signed requests name the project in X-Project-Id. Each answer becomes an
// outcome, checked here; every other answer is thrown as a RequestError with the operation's hint.
import type { ApiClient, ApiResponse, Authenticate } from '../api-client.js'
import { headerValue } from '../api-client.js'
import { unexpectedBody } from '../request-error.js'
import { isRecord, outcome, parsedBody } from './answers.js'
import { expiryOf, type LoginSecret } from './login-secret.js'
import { endpointUrl, isRegistryHost } from '../../rules/endpoint.js'
import { REGISTRY_PASSWORD, REGISTRY_USERNAME } from '../../rules/registry-login.js'
import { cleanServerText } from '../../rules/server-text.js'
import type { RepositoryInfo } from './repository-info.js'

export interface Instance {
  id: string
  name: string
  /** Initial, Creating, Running or Unavailable: only a Running instance takes pushes. */
  state: string
  /** The registry host images are pushed to. */
  accessAddress: string
}

export type InstanceLookup = { kind: 'found'; instance: Instance } | { kind: 'missing' }

export interface EnterpriseApi {
  /** The instance by ID, or by name from the instance list. */
  findInstance(idOrName: string): Promise<InstanceLookup>
  namespaceExists(instanceId: string, namespace: string): Promise<boolean>
  createNamespace(instanceId: string, namespace: string, isPublic: boolean): Promise<'created' | 'exists'>
  /** A repository's info; undefined when it has not been pushed yet. */
  showRepository(instanceId: string, namespace: string, repository: string): Promise<RepositoryInfo | undefined>
  /** The state of the instance's public access: Enable, Enabling, EnableFailed, Disable, Disabling, DisableFailed. */
  publicAccess(instanceId: string): Promise<string>
  /** The temporary login to the instance's registry (24 hours), in the form a Basic login is. */
  createLoginSecret(instanceId: string, host: string): Promise<LoginSecret>
}

/** An instance ID is a UUID; anything else given for `instance` is its name. */
export const isInstanceId = (value: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)

function instanceOf(response: ApiResponse, entry: unknown): Instance {
  const fields = isRecord(entry) ? entry : {}
  const { id, name, status, access_address: address } = fields
  if (typeof id !== 'string' || typeof name !== 'string' || typeof status !== 'string') {
    throw unexpectedBody(response, 'an instance', 'no id, name or status')
  }
  // The ID goes into every later path: only a UUID, never "../" or another path's part.
  if (!isInstanceId(id)) throw unexpectedBody(response, 'an instance', 'its id is not an instance ID (a UUID)')
  if (typeof address !== 'string' || !isRegistryHost(address)) {
    throw unexpectedBody(response, 'an instance', 'its access_address is not a registry host')
  }
  return { id, name: cleanServerText(name, 64), state: cleanServerText(status, 40), accessAddress: address }
}

/** A "/" in a repository name travels as %2F, escaped once more for the path: %252F. */
const repositorySegment = (repository: string) => encodeURIComponent(repository.replaceAll('/', '%2F'))

const PAGE = 100
/** Instances read at most, to find one by name: 10 pages. */
const MAX_INSTANCES = 1000

export function enterpriseApi(
  client: ApiClient,
  endpoint: URL,
  authenticate: Authenticate,
  projectId: () => Promise<string>,
): EnterpriseApi {
  const send = async (operation: string, method: string, path: string, body?: unknown) => {
    const project = await projectId()
    return client.send({
      operation,
      method,
      url: endpointUrl(endpoint, `/v2/${project}/instances${path}`),
      body,
      authenticate,
      headers: { 'X-Project-Id': project },
    })
  }
  const showInstance = async (id: string): Promise<InstanceLookup> => {
    const response = await send(`Reading instance ${id}`, 'GET', `/${id}`)
    return outcome<InstanceLookup>(
      'showInstance',
      response,
      () => {
        const instance = instanceOf(response, parsedBody(response))
        // An answer about another instance is not this one's: its address must not be logged in to.
        if (instance.id !== id) {
          throw unexpectedBody(response, `instance ${id}`, `it describes another instance, ${instance.id}`)
        }
        return { kind: 'found', instance }
      },
      { 404: () => ({ kind: 'missing' }) },
    )
  }
  const instanceNamed = async (name: string): Promise<InstanceLookup> => {
    // Every page is read: two instances of one name must not be chosen between silently.
    const found: Instance[] = []
    for (let offset = 0; offset < MAX_INSTANCES; offset += PAGE) {
      const response = await send('Listing the instances', 'GET', `?limit=${PAGE}&offset=${offset}`)
      const listed = outcome('listInstances', response, () => parsedBody(response))
      const instances = isRecord(listed) ? listed.instances : undefined
      if (!Array.isArray(instances)) throw unexpectedBody(response, 'a list of instances')
      for (const entry of instances) {
        if (isRecord(entry) && entry.name === name) found.push(instanceOf(response, entry))
      }
      if (instances.length < PAGE) break
    }
    if (found.length > 1) {
      throw new Error(
        `${found.length} instances are named ${name}: ${found.map((instance) => instance.id).join(', ')}. Give the ` +
          "input instance the ID of the one to use (the console shows it on the instance's page).",
      )
    }
    return found[0] ? { kind: 'found', instance: found[0] } : { kind: 'missing' }
  }
  return {
    findInstance: (idOrName) => (isInstanceId(idOrName) ? showInstance(idOrName) : instanceNamed(idOrName)),
    async namespaceExists(instanceId, namespace) {
      const response = await send(`Reading namespace ${namespace}`, 'GET', `/${instanceId}/namespaces/${namespace}`)
      return outcome('showInstanceNamespace', response, () => true, { 404: () => false })
    },
    async createNamespace(instanceId, namespace, isPublic) {
      const response = await send(`Creating namespace ${namespace}`, 'POST', `/${instanceId}/namespaces`, {
        namespace_name: namespace,
        // A string, not a boolean (docs/api-notes.md, "Enterprise Edition").
        metadata: { public: String(isPublic) },
      })
      return outcome<'created' | 'exists'>('createInstanceNamespace', response, () => 'created', {
        409: () => 'exists',
      })
    },
    async showRepository(instanceId, namespace, repository) {
      const response = await send(
        `Reading repository ${namespace}/${repository}`,
        'GET',
        `/${instanceId}/namespaces/${namespace}/repositories/${repositorySegment(repository)}`,
      )
      return outcome<RepositoryInfo | undefined>(
        'showInstanceRepository',
        response,
        () => repositoryInfo(response, repository),
        { 404: () => undefined },
      )
    },
    async publicAccess(instanceId) {
      const response = await send('Reading the public access of the instance', 'GET', `/${instanceId}/endpoint-policy`)
      return outcome('showInstanceEndpointPolicy', response, () => {
        const body = parsedBody(response)
        const state = isRecord(body) ? body.status : undefined
        if (typeof state !== 'string') throw unexpectedBody(response, "an instance's public access", 'no status')
        return cleanServerText(state)
      })
    },
    async createLoginSecret(instanceId, host) {
      const response = await send(`Creating a temporary login to ${host}`, 'POST', `/${instanceId}/temp-credential`)
      return outcome('createInstanceTempCredential', response, () => loginSecret(response, host))
    },
  }
}

function repositoryInfo(response: ApiResponse, repository: string): RepositoryInfo {
  const body = parsedBody(response)
  if (!isRecord(body)) throw unexpectedBody(response, "a repository's details")
  const text = (value: unknown) => (typeof value === 'string' ? cleanServerText(value) : undefined)
  const count = (value: unknown) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined
  return {
    name: repository,
    // ShowInstanceRepository's id, as Basic's brief info has one (docs/api-notes.md, "Enterprise Edition").
    id: count(body.id),
    description: text(body.description),
    // Its tags, as Basic's num_images counts them: an artifact can carry several tags, or none.
    num_images: count(body.tag_count),
    num_download: count(body.pull_count),
    created: text(body.created_at),
    updated: text(body.updated_at),
  }
}

function loginSecret(response: ApiResponse, host: string): LoginSecret {
  const body = parsedBody(response)
  const { user_id: username, auth_token: password, expire_date: expires } = isRecord(body) ? body : {}
  if (typeof username !== 'string' || typeof password !== 'string') {
    throw unexpectedBody(response, 'a temporary credential', 'no user_id or auth_token')
  }
  if (!REGISTRY_USERNAME.test(username) || !REGISTRY_PASSWORD.test(password)) {
    throw unexpectedBody(response, 'a temporary credential', 'its user_id or auth_token is outside the accepted form')
  }
  // The credential lasts 24 hours (docs/api-notes.md); without a date the estimate is the shorter default.
  const told = typeof expires === 'string' ? expires : headerValue(response.headers['x-swr-expireat'])
  const { expiresAt, estimated } = expiryOf(told, 24 * 3600, Date.now())
  const auth = Buffer.from(`${username}:${password}`).toString('base64')
  return { host, username, password, auth, expiresAt, expiryEstimated: estimated }
}
