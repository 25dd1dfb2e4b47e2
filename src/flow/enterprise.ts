// The ensure flow in an SWR Enterprise Edition instance: the instance read once (its state and registry address),
// each repository read, and the namespace read, and created when missing, only when a repository is not there yet.
// An instance's repositories cannot be created through the API: the first push makes one, so a repository not pushed
// yet is reported as waiting for it, with its image already right.
import type { EnterpriseApi, Instance } from '../clients/swr/enterprise-api.js'
import type { EnterpriseWish } from '../rules/enterprise.js'
import type { EnsureResult, NamespaceState, RepositoryFailure, RepositoryResult } from './ensure.js'
import { cloudDomain } from '../rules/endpoint.js'

export interface InstanceRequest {
  namespace: string
  repositories: string[]
  isPublic?: boolean
  dryRun: boolean
  region: string
  enterprise: EnterpriseWish
  /** The job runs outside Huawei Cloud's networks (a GitHub-hosted runner): it reaches the instance only publicly. */
  outsideNetwork: boolean
}

export interface InstanceRun {
  instance: Instance
  result: EnsureResult
  /** What the workflow should change for the job to push, in words. */
  warnings: string[]
}

export async function ensureInInstance(api: EnterpriseApi, request: InstanceRequest): Promise<InstanceRun> {
  const lookup = await api.findInstance(request.enterprise.instance)
  if (lookup.kind === 'missing') {
    throw new Error(
      `Instance ${request.enterprise.instance} was not found in region ${request.region}: check the input instance ` +
        '(its ID, or its name as the console shows it) and region.',
    )
  }
  const { instance } = lookup
  const trusted = trustedAddress(instance, request)
  if (trusted) throw new Error(trusted)
  if (instance.state !== 'Running') {
    throw new Error(
      `Instance ${instance.name} is ${instance.state}, not Running: nothing can be pushed to it now. Wait until the ` +
        'console shows it Running, or check its billing if it is frozen.',
    )
  }
  const warnings: string[] = []
  if (request.outsideNetwork) {
    const access = await api.publicAccess(instance.id)
    if (access !== 'Enable') {
      warnings.push(
        `Instance ${instance.name}'s public access is ${access}: this GitHub-hosted runner reaches the instance only ` +
          'through its public address, so pushes will fail. Enable public access for the instance (with the ' +
          "runner's addresses on its allow list, if it has one), or run the job on a self-hosted runner in the " +
          "instance's VPC.",
      )
    }
  }
  const path = (repository: string) => `${instance.accessAddress}/${request.namespace}/${repository}`
  let namespace: Promise<NamespaceState> | undefined
  let known: NamespaceState = 'unknown'
  const ensureNamespace = () => (namespace ??= namespaceStep(api, instance.id, request))
  const results = await Promise.all(
    request.repositories.map(async (repository): Promise<RepositoryResult | RepositoryFailure> => {
      try {
        const info = await api.showRepository(instance.id, request.namespace, repository)
        const entry = { repository, created: false, settingsChanged: [], settingsDiffer: [] }
        if (info) {
          known = 'exists'
          return { ...entry, info: { ...info, path: path(repository) } }
        }
        await ensureNamespace()
        return { ...entry, info: { name: repository, path: path(repository) }, awaitingPush: true }
      } catch (error) {
        return { repository, error: error instanceof Error ? error : new Error(String(error)) }
      }
    }),
  )
  const state = namespace ? await namespace.catch((): NamespaceState => 'unknown') : known
  return { instance, result: { namespace: state === 'unknown' ? known : state, results }, warnings }
}

/**
 * Why the instance's access address is not believed, if it is not: the login and every later push go there, so it
 * must be under Huawei Cloud's domain of the region, or the host the input registry names (a custom domain). See
 * docs/api-notes.md, "Enterprise Edition".
 */
function trustedAddress(instance: Instance, request: InstanceRequest): string | undefined {
  const address = instance.accessAddress
  const { registry } = request.enterprise
  const domain = cloudDomain(request.region)
  if (registry) {
    if (address === registry) return undefined
    return (
      `Instance ${instance.name} gives its registry as ${address}, not ${registry} as the input registry says: ` +
      'nothing is logged in to or pushed to an address the workflow did not name. Check the instance and the input.'
    )
  }
  if (address.endsWith(`.${domain}`)) return undefined
  return (
    `Instance ${instance.name} gives its registry as ${address}, which is not under ${domain}: the action logs in ` +
    'only to a registry of Huawei Cloud. If the instance uses a domain of its own, give it as the input registry.'
  )
}

/** The namespace made sure of: read, and created when missing ("exists" after a race is confirmed by a read). */
async function namespaceStep(
  api: EnterpriseApi,
  instanceId: string,
  request: InstanceRequest,
): Promise<NamespaceState> {
  if (await api.namespaceExists(instanceId, request.namespace)) return 'exists'
  if (request.dryRun) return 'created'
  if ((await api.createNamespace(instanceId, request.namespace, request.isPublic ?? false)) === 'created')
    return 'created'
  if (await api.namespaceExists(instanceId, request.namespace)) return 'exists'
  throw new Error(
    `Creating namespace ${request.namespace} answered that it exists, but reading it finds none: try again, and if ` +
      'it persists, check the namespace in the console.',
  )
}
