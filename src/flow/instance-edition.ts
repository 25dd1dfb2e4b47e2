// An SWR Enterprise Edition instance behind the edition port: the instance read once (its state and registry
// address, which must be one the workflow trusts), its namespaces read and created, its repositories read. An
// instance's repositories cannot be created through the API: the first push makes one, so a repository not pushed
// yet is reported as waiting for it, with its image already right. Loaded only by a run in an instance.
import type { EnterpriseApi, Instance } from '../clients/swr/enterprise-api.js'
import type { EnterpriseWish } from '../rules/enterprise.js'
import { refusesAccess, withHint } from '../clients/request-error.js'
import { buildSettings } from '../rules/build-settings.js'
import { cloudDomain } from '../rules/endpoint.js'
import type { Edition, OpenedEdition } from './edition.js'

export interface InstancePlace {
  namespace: string
  isPublic?: boolean
  region: string
  enterprise: EnterpriseWish
  /** The job runs outside Huawei Cloud's networks (a GitHub-hosted runner): it reaches the instance only publicly. */
  outsideNetwork: boolean
}

export async function openInstance(api: EnterpriseApi, place: InstancePlace): Promise<OpenedEdition> {
  const lookup = await api.findInstance(place.enterprise.instance).catch((error: unknown) => {
    throw projectMismatch(error, place) ?? error
  })
  if (lookup.kind === 'missing') {
    throw new Error(
      `Instance ${place.enterprise.instance} was not found in region ${place.region}: check the input instance ` +
        '(its ID, or its name as the console shows it) and region.',
    )
  }
  const { instance } = lookup
  const untrusted = untrustedAddress(instance, place)
  if (untrusted) throw new Error(untrusted)
  if (instance.state !== 'Running') {
    throw new Error(
      `Instance ${instance.name} is ${instance.state}, not Running: nothing can be pushed to it now. Wait until the ` +
        'console shows it Running, or check its billing if it is frozen.',
    )
  }
  const warnings: string[] = []
  if (place.outsideNetwork) {
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
  const { id, accessAddress: registry } = instance
  const { namespace } = place
  const path = (repository: string) => `${registry}/${namespace}/${repository}`
  const namespaceMissing = async () => !(await api.namespaceExists(id, namespace))
  const edition: Edition = {
    kind: 'instance',
    namespaceWord: 'Namespace',
    registry,
    build: buildSettings('instance'),
    async readRepository(repository) {
      const info = await api.showRepository(id, namespace, repository)
      if (info) return { kind: 'found', info: { ...info, path: path(repository) } }
      // Not pushed yet: nothing to refuse, the first push creates it.
      return { kind: 'missing', organizationMissing: false }
    },
    namespaceMissing,
    /** Read, and created when missing ("exists" after a race is confirmed by a read). */
    async ensureNamespace() {
      if (!(await namespaceMissing())) return false
      if ((await api.createNamespace(id, namespace, place.isPublic ?? false)) === 'created') return true
      if (!(await namespaceMissing())) return false
      throw new Error(
        `Creating namespace ${namespace} answered that it exists, but reading it finds none: try again, and if ` +
          'it persists, check the namespace in the console.',
      )
    },
    madeByFirstPush: (repository) => ({ name: repository, path: path(repository) }),
    createRepository: () => Promise.reject(new Error("An instance's repositories are made by their first push.")),
    // An instance's login: its temporary credential, for its own address.
    createLoginSecret: () => api.createLoginSecret(id, registry),
  }
  return { edition, warnings }
}

/**
 * A refusal of the first request when the workflow gave the project ID: every path carries it, so a project of
 * another account or region is refused the same way a missing permission is. Said first, as the likelier cause.
 */
function projectMismatch(error: unknown, place: InstancePlace): Error | undefined {
  const { projectId, projectFrom } = place.enterprise
  if (!projectId || !refusesAccess(error)) return undefined
  return withHint(
    error,
    `The project ID ${projectId} (${projectFrom ?? 'given'}) may not be this account's project in ${place.region}: ` +
      "IAM's console lists each region's project ID under My Credentials, API Credentials. Leave project_id out to " +
      "have it looked up; if it is right, check that the IAM user has SWR Enterprise Edition's read permissions " +
      '(see "Permissions" in the README).',
  )
}

/**
 * Why the instance's access address is not believed, if it is not: the login and every later push go there, so it
 * must be under Huawei Cloud's domain of the region, or the host the input registry names (a custom domain). See
 * docs/api-notes.md, "Enterprise Edition".
 */
function untrustedAddress(instance: Instance, place: InstancePlace): string | undefined {
  const address = instance.accessAddress
  const { registry } = place.enterprise
  const domain = cloudDomain(place.region)
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
