// An Enterprise Edition instance in memory, for the unit tests of the pipeline in an instance: its namespaces and
// repositories, and the calls made on it; and the pipeline run there as the main step runs it.
import type { EnterpriseApi, Instance } from '../../src/clients/swr/enterprise-api.js'
import type { EnterpriseWish } from '../../src/rules/enterprise.js'
import { type EnsureResult, ensureRepositories } from '../../src/flow/ensure.js'
import { FEATURES } from '../../src/flow/features.js'
import { openInstance } from '../../src/flow/instance-edition.js'

export const ID = '3f2c1a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b'
export const ADDRESS = 'prod.swr-ee.cn-north-4.myhuaweicloud.com'

/** An instance in memory: its namespaces and repositories, and the calls made on it. */
export function memoryInstance(
  instance: Partial<Instance> = {},
  given: { namespaces?: string[]; repositories?: string[] } = {},
) {
  const calls: string[] = []
  const namespaces = new Set(given.namespaces ?? [])
  const repositories = new Set(given.repositories ?? [])
  const found: Instance = { id: ID, name: 'prod', state: 'Running', accessAddress: ADDRESS, ...instance }
  const api: EnterpriseApi = {
    findInstance: async (idOrName) => (calls.push(`find ${idOrName}`), { kind: 'found', instance: found }),
    namespaceExists: async (_id, name) => (calls.push(`namespace ${name}`), namespaces.has(name)),
    createNamespace: async (_id, name) => {
      calls.push(`create ${name}`)
      if (namespaces.has(name)) return 'exists'
      namespaces.add(name)
      return 'created'
    },
    showRepository: async (_id, namespace, name) => {
      calls.push(`repository ${namespace}/${name}`)
      return repositories.has(name) ? { name, num_images: 1 } : undefined
    },
    publicAccess: async () => (calls.push('public access'), 'Disable'),
    createLoginSecret: async () => {
      throw new Error('not used')
    },
  }
  return { api, calls, namespaces }
}

export interface InstanceCase {
  namespace: string
  repositories: string[]
  isPublic?: boolean
  dryRun: boolean
  region: string
  enterprise: EnterpriseWish
  outsideNetwork: boolean
}

/** The instance opened and the pipeline run in it, with every feature. */
export async function ensureInInstance(
  api: EnterpriseApi,
  request: InstanceCase,
): Promise<{ result: EnsureResult; warnings: string[] }> {
  const { edition, warnings } = await openInstance(api, request)
  const result = await ensureRepositories(edition, { ...request, wishes: {}, updateExisting: false }, FEATURES)
  return { result, warnings }
}
