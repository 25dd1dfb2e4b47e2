// The edition a run works in, behind one port: SWR's shared edition, or an Enterprise Edition instance. The ensure
// pipeline (ensure.ts) runs over it, the same for both; what differs lives in the two adapters (shared-edition.ts,
// instance-edition.ts), and what the log, outputs and summary say of the edition is data here, never a branch.
import type { LoginSecret } from '../clients/swr/login-secret.js'
import type { RepositoryInfo } from '../clients/swr/repository-info.js'
import type { CreateRepositoryBody, RepositoryCreation, SwrApi } from '../clients/swr/swr-api.js'
import type { BuildSettings } from '../rules/build-settings.js'
import type { OtherRegions } from './distribution.js'

export type EditionKind = 'shared' | 'instance'

/** A repository as the run leaves it: created by it (or, in a dry run, would be), there already, or made by a push. */
export type RepositoryState = 'created' | 'exists' | 'awaiting first push'

export type RepositoryRead =
  | { kind: 'found'; info: RepositoryInfo }
  /**
   * organizationMissing: the answer named the namespace as missing; false when it did not say which. refusal: what
   * to throw if the repository is still missing after it was created.
   */
  | { kind: 'missing'; organizationMissing: boolean; refusal?: Error }

export interface Edition {
  kind: EditionKind
  /** What the edition calls the place repositories live in. */
  namespaceWord: 'Organization' | 'Namespace'
  /** The registry images go to: the region's (or the input's), or an instance's access address. */
  registry: string
  /** What the build must make for the edition to take the push. */
  build: BuildSettings
  readRepository(repository: string): Promise<RepositoryRead>
  /** Whether the namespace is missing: a read only. */
  namespaceMissing(): Promise<boolean>
  /** Makes sure the namespace exists; true when this run created it. */
  ensureNamespace(): Promise<boolean>
  /** Where the first push makes a repository (an instance): its info as it will be, and nothing is sent. */
  madeByFirstPush?(repository: string): RepositoryInfo
  createRepository(body: CreateRepositoryBody): Promise<RepositoryCreation>
  /** Every repository of the namespace, in one read a page; undefined where the edition has no such list. */
  readInventory?(): Promise<RepositoryInfo[] | undefined>
  /** Removes a repository of the namespace (prune_undeclared). */
  deleteRepository?(repository: string): Promise<'deleted' | 'already-gone'>
  /** The registry's temporary login. */
  createLoginSecret(): Promise<LoginSecret>
  /** The shared edition's operations and other regions as the run reaches them, for the features only it takes. */
  shared?: { api: SwrApi; regions: OtherRegions }
}

/** What the edition says the workflow should change, in words, found when it was opened. */
export interface OpenedEdition {
  edition: Edition
  warnings: string[]
}
