// What the ensure flow's unit tests ask of it, and the result of a repository that must have succeeded.
import type { EnsureRequest, RepositoryFailure, RepositoryResult } from '../../src/flow/ensure.js'

export function ensureRequest(overrides: Partial<EnsureRequest> = {}): EnsureRequest {
  return {
    namespace: 'team',
    repositories: ['web'],
    updateExisting: false,
    dryRun: false,
    registry: 'swr.cn-north-4.myhuaweicloud.com',
    ...overrides,
  }
}

export function succeeded(entry: RepositoryResult | RepositoryFailure): RepositoryResult {
  if ('error' in entry) throw entry.error
  return entry
}
