// The ensure pipeline, one for both editions: the fewest requests that leave the namespace and its repositories as
// the workflow wants them, then each repository feature the run asks for. A run whose repositories exist, with
// nothing to change, makes one read request per repository and needs only read permission. A dry run sends read
// requests only and reports what a real run would do. It decides on the outcomes the edition gives; what SWR said on
// the wire stays behind that port.
import type { RepositoryInfo } from '../clients/swr/repository-info.js'
import type { Edition, RepositoryRead, RepositoryState } from './edition.js'
import {
  type PruneWish,
  pruneUndeclared,
  readInventory,
  type UndeclaredRepository,
  wantsInventory,
} from './inventory.js'
import type { Feature, RepositoryStep } from './feature.js'
import { createRepositoryBody, type SettingsWish } from './features/settings.js'

export interface EnsureRequest {
  namespace: string
  repositories: string[]
  /** Each feature's wish, by the feature's name: a feature runs only when the run asks for it. */
  wishes: Readonly<Record<string, unknown>>
  /** From a repositories file: each repository's own wishes, in place of `wishes`. */
  perRepository?: ReadonlyMap<string, Readonly<Record<string, unknown>>>
  updateExisting: boolean
  dryRun: boolean
  /** What to do with repositories of the organization that no step declares; nothing when absent. */
  prune?: PruneWish
}

export interface RepositoryResult {
  repository: string
  info: RepositoryInfo
  state: RepositoryState
  /** Each feature's outcome, by the feature's name. */
  outcomes: Record<string, unknown>
}

export interface RepositoryFailure {
  repository: string
  error: Error
}

/**
 * What the run learned of the namespace: created by it (in a dry run: would be), known to exist (it was read, a
 * create answered "exists" and reading showed it is ours, or a repository in it was read or created), or not known,
 * when the run failed before any answer said.
 */
export type NamespaceState = 'created' | 'exists' | 'unknown'

export interface EnsureResult {
  namespace: NamespaceState
  /** One entry per repository, in the order given. */
  results: (RepositoryResult | RepositoryFailure)[]
  /** When the organization's inventory was read: its repositories that the step does not declare. */
  undeclared?: UndeclaredRepository[]
}

/** A repository's wishes: its own from the repositories file, else the step's. */
export const wishesOf = (
  request: Pick<EnsureRequest, 'wishes' | 'perRepository'>,
  repository: string,
): Readonly<Record<string, unknown>> => request.perRepository?.get(repository) ?? request.wishes

interface NamespaceStep {
  /** Makes sure the namespace exists, once per run however many repositories ask. */
  ensure(knownMissing: boolean): Promise<boolean>
  /** An answer showed that the namespace exists. */
  exists(): void
  state(): Promise<NamespaceState>
}

function namespaceStep(edition: Edition, dryRun: boolean): NamespaceStep {
  let pending: Promise<boolean> | undefined
  let known = false
  const exists = () => void (known = true)
  const check = (knownMissing: boolean) => (knownMissing ? Promise.resolve(true) : edition.namespaceMissing())
  const step = async (knownMissing: boolean) => {
    const created = await (dryRun ? check(knownMissing) : edition.ensureNamespace())
    if (!created) exists()
    return created
  }
  return {
    ensure: (knownMissing) => (pending ??= step(knownMissing)),
    exists,
    state: async () => {
      const created = pending ? await pending.catch(() => false) : false
      return created ? 'created' : known ? 'exists' : 'unknown'
    },
  }
}

export async function ensureRepositories(
  edition: Edition,
  request: EnsureRequest,
  features: readonly Feature[],
): Promise<EnsureResult> {
  const namespace = namespaceStep(edition, request.dryRun)
  const prune = request.prune ?? { undeclared: false, withImages: false }
  // One list read instead of one read per repository, side by side with the first repository's own read.
  const inventory = wantsInventory(edition, request.repositories.length, prune)
    ? readInventory(edition, prune)
    : undefined
  // Awaited by every repository but the first, and by the pruning: a failure is theirs to report, never unhandled.
  inventory?.catch(() => undefined)
  const first = edition.readRepository(request.repositories[0])
  first.catch(() => undefined)
  const read = async (repository: string, index: number): Promise<RepositoryRead> => {
    if (index === 0) return first
    const listed = (await inventory)?.byName
    if (!listed) return edition.readRepository(repository)
    const info = listed.get(repository)
    if (info) return { kind: 'found', info }
    // Not listed: whether the organization is missing too, the first repository's own read says; the others then
    // wait for the one organization step instead of each being refused for it.
    const firstRead = await first.catch(() => undefined)
    return { kind: 'missing', organizationMissing: firstRead?.kind === 'missing' && firstRead.organizationMissing }
  }
  // Each repository succeeds or fails on its own; the client bounds how many requests are in flight.
  const results = await Promise.all(
    request.repositories.map((repository, index) =>
      ensureOne(edition, request, repository, namespace, read(repository, index))
        .then((found) => withFeatures(edition, request, features, found))
        .catch((error: unknown) => ({
          repository,
          error: error instanceof Error ? error : new Error(String(error)),
        })),
    ),
  )
  const state = await namespace.state()
  // Pruning only once every declared repository is as the step wants it: a failure may mean a wrong declaration.
  if (!inventory || results.some((entry) => 'error' in entry)) return { namespace: state, results }
  const undeclared = await pruneUndeclared(edition, await inventory, request.repositories, prune, request.dryRun)
  return { namespace: state, results, ...(undeclared ? { undeclared } : {}) }
}

/**
 * The features the run asks for, one after the other on the connection the repository's read left open: side by
 * side, a second would open a connection of its own, which costs two round trips (TCP and TLS) to save one.
 */
async function withFeatures(
  edition: Edition,
  request: EnsureRequest,
  features: readonly Feature[],
  found: RepositoryResult,
): Promise<RepositoryResult> {
  if (found.state === 'awaiting first push') return found
  // What is done before a failure is said with it: a re-run then knows what it will find.
  const progress = found.state === 'created' && !request.dryRun ? ['created the repository'] : []
  const step: RepositoryStep = { ...request, ...found, edition, progress }
  const outcomes: Record<string, unknown> = {}
  try {
    for (const feature of features) {
      const wish = wishesOf(request, found.repository)[feature.name]
      if (wish === undefined || !feature.editions.includes(edition.kind)) continue
      const done = await feature.ensure(step, wish)
      outcomes[feature.name] = done.outcome
      if (done.info) step.info = done.info
    }
  } catch (error) {
    if (progress.length === 0) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(`${message} Before that, this run ${progress.join(', ')}.`, { cause: error })
  }
  return { ...found, info: step.info, outcomes }
}

/** The repository read, and created when missing (or, where the first push creates it, its namespace made sure of). */
async function ensureOne(
  edition: Edition,
  request: EnsureRequest,
  repository: string,
  namespace: NamespaceStep,
  /** The repository's read: its own, or its entry in the inventory. */
  reading: Promise<RepositoryRead>,
): Promise<RepositoryResult> {
  const result = (state: RepositoryState, info: RepositoryInfo) => ({ repository, info, state, outcomes: {} })
  const read = await reading
  if (read.kind === 'found') {
    namespace.exists()
    return result('exists', read.info)
  }

  const planned = edition.madeByFirstPush?.(repository)
  if (planned) {
    await namespace.ensure(read.organizationMissing)
    return result('awaiting first push', planned)
  }
  const body = createRepositoryBody(repository, wishesOf(request, repository).settings as SettingsWish | undefined)
  if (request.dryRun) {
    // The namespace's own "missing" says so; any other needs a look, which the step shares.
    await namespace.ensure(read.organizationMissing)
    return result('created', plannedInfo(edition, request.namespace, body))
  }

  if (read.organizationMissing) await namespace.ensure(true)
  let created = await edition.createRepository(body)
  if (created.kind === 'organization-missing' && !read.organizationMissing) {
    // The read did not say which was missing; now SWR says it is the organization.
    await namespace.ensure(true)
    created = await edition.createRepository(body)
  }
  if (created.kind === 'organization-missing') throw created.refusal
  namespace.exists()

  const reread = await edition.readRepository(repository)
  if (reread.kind === 'missing')
    throw reread.refusal ?? new Error(`Repository ${repository} is missing after it was created.`)
  // "exists": another job created it first, or an earlier attempt of this one did; either way it exists.
  return result(created.kind === 'exists' ? 'exists' : 'created', reread.info)
}

/** What a dry run reports for a repository a real run would create. */
function plannedInfo(edition: Edition, namespace: string, body: ReturnType<typeof createRepositoryBody>) {
  return {
    name: body.repository,
    category: body.category,
    description: body.description ?? '',
    is_public: body.is_public,
    path: `${edition.registry}/${namespace}/${body.repository}`,
  }
}
