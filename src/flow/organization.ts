// An organization made sure of: created when missing, and when SWR answers that it exists, read to tell this
// account's from another's (organization names are unique across all accounts).
import { organizationOfAnotherAccount } from '../clients/swr/swr-errors.js'
import type { SwrApi } from '../clients/swr/swr-api.js'

export async function namespaceMissing(api: SwrApi, namespace: string): Promise<boolean> {
  const read = await api.showNamespace(namespace)
  if (read.kind === 'not-visible') throw read.refusal
  return read.kind === 'missing'
}

/** True when this run created the organization. */
export async function ensureNamespace(api: SwrApi, namespace: string): Promise<boolean> {
  if ((await api.createNamespace(namespace)) === 'created') return true

  // Organization names are unique across all accounts: "exists" may mean the name is someone else's.
  const read = await api.showNamespace(namespace)
  if (read.kind === 'yours') return false
  throw organizationOfAnotherAccount(namespace, read.refusal)
}
