// SWR's sync and sharing operations, loaded on their first use: a run without sync_to or share_with never parses
// them (start-up grows with every byte the bundle loads).
import type { ApiResponse } from '../api-client.js'
import type { DistributionApi } from './distribution-api.js'

type Send = (operation: string, method: string, path: string, body?: unknown) => Promise<ApiResponse>

export function lazyDistributionApi(send: Send): DistributionApi {
  let loaded: Promise<DistributionApi> | undefined
  const api = () => (loaded ??= import('./distribution-api.js').then(({ distributionApi }) => distributionApi(send)))
  return {
    listSyncRules: async (...args) => (await api()).listSyncRules(...args),
    createSyncRule: async (...args) => (await api()).createSyncRule(...args),
    listTags: async (...args) => (await api()).listTags(...args),
    syncImages: async (...args) => (await api()).syncImages(...args),
    listShares: async (...args) => (await api()).listShares(...args),
    createShare: async (...args) => (await api()).createShare(...args),
    updateShare: async (...args) => (await api()).updateShare(...args),
  }
}
