// SWR Enterprise Edition's client, loaded on its first use: a run without the instance input never parses it.
import type { EnterpriseApi } from './enterprise-api.js'

type Arguments = Parameters<typeof import('./enterprise-api.js').enterpriseApi>

export function lazyEnterpriseApi(...args: Arguments): EnterpriseApi {
  let loaded: Promise<EnterpriseApi> | undefined
  const api = () => (loaded ??= import('./enterprise-api.js').then(({ enterpriseApi }) => enterpriseApi(...args)))
  return {
    findInstance: async (...given) => (await api()).findInstance(...given),
    namespaceExists: async (...given) => (await api()).namespaceExists(...given),
    createNamespace: async (...given) => (await api()).createNamespace(...given),
    showRepository: async (...given) => (await api()).showRepository(...given),
    publicAccess: async (...given) => (await api()).publicAccess(...given),
    createLoginSecret: async (...given) => (await api()).createLoginSecret(...given),
  }
}
