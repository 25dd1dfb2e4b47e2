// SWR's shared edition behind the edition port: organizations and repositories created through the API, the
// registry of the region (or the input registry), Docker media types only.
import type { SwrApi } from '../clients/swr/swr-api.js'
import { buildSettings } from '../rules/build-settings.js'
import type { RegionalSwr } from './distribution.js'
import type { Edition } from './edition.js'
import { ensureNamespace, namespaceMissing } from './organization.js'

export interface SharedPlace {
  namespace: string
  registry: string
  region: string
  loginDurationSeconds: number
}

export function sharedEdition(api: SwrApi, place: SharedPlace, regional: RegionalSwr): Edition {
  const { namespace } = place
  return {
    kind: 'shared',
    namespaceWord: 'Organization',
    registry: place.registry,
    build: buildSettings('shared'),
    readRepository: (repository) => api.showRepository(namespace, repository),
    namespaceMissing: () => namespaceMissing(api, namespace),
    ensureNamespace: () => ensureNamespace(api, namespace),
    createRepository: (body) => api.createRepository(namespace, body),
    readInventory: () => api.listRepositories(namespace),
    deleteRepository: (repository) => api.deleteRepository(namespace, repository),
    createLoginSecret: () => api.createLoginSecret(place.region, place.loginDurationSeconds, place.registry),
    shared: { api, regions: { swr: regional, ensured: new Map() } },
  }
}
