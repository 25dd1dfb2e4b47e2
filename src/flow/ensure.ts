// The ensure flow: the fewest requests that leave the organization and its repositories as the workflow wants them.
// A run whose repositories exist, with nothing to change, makes one read request per repository and needs only
// read permission. A dry run sends read requests only and reports what a real run would do.
// It decides on the outcomes SwrApi gives; what SWR said on the wire stays behind that interface.
import type { RepositoryInfo } from '../clients/swr/repository-info.js'
import { retentionBody } from '../clients/swr/retention-policies.js'
import type { RetentionWish } from '../rules/inputs.js'
import { planRetention, type RetentionAction, type RetentionPlan } from './retention.js'
import { type SettingChange, settingsDrift, type SettingsWish, updateBody, withSettings } from './settings.js'
import type { CreateRepositoryBody, SwrApi } from '../clients/swr/swr-api.js'
import { ensureNamespace, namespaceMissing } from './organization.js'
import type { OtherRegions, Progress, RegionalSwr, ShareOutcome, SyncOutcome } from './distribution.js'
import type { ShareWish, SyncWish } from '../rules/distribution.js'

export interface EnsureRequest extends SettingsWish {
  namespace: string
  repositories: string[]
  updateExisting: boolean
  retention?: RetentionWish
  sync?: SyncWish
  shares?: ShareWish[]
  dryRun: boolean
  /** Where images of a repository not created yet will live, for a dry run's report. */
  registry: string
}

export interface RepositoryResult {
  repository: string
  info: RepositoryInfo
  /** Created by this run (or, in a dry run, would be). */
  created: boolean
  /** In an Enterprise Edition instance: not pushed yet, so not there yet (the first push creates it). */
  awaitingPush?: boolean
  /** Settings changed by this run (or, in a dry run, that would be). */
  settingsChanged: SettingChange[]
  /** Settings that differ from the inputs and were left as they are (update_existing is false). */
  settingsDiffer: SettingChange[]
  retention?: RetentionAction
  /** Per sync_to target, and rules not listed; undefined when sync_to is empty. */
  sync?: SyncOutcome[]
  /** Per share_with account, and shares not listed; undefined when share_with is empty. */
  shares?: ShareOutcome[]
}

export interface RepositoryFailure {
  repository: string
  error: Error
}

/**
 * What the run learned of the organization: created by it (in a dry run: would be), known to exist (it was read,
 * a create answered "exists" and reading showed it is ours, or a repository in it was read or created), or not
 * known, when the run failed before any answer said.
 */
export type NamespaceState = 'created' | 'exists' | 'unknown'

export interface EnsureResult {
  namespace: NamespaceState
  /** One entry per repository, in the order given. */
  results: (RepositoryResult | RepositoryFailure)[]
}

/** The body a new repository is created with; settings the workflow left out get their documented defaults. */
export function createRepositoryBody(repository: string, wish: SettingsWish): CreateRepositoryBody {
  return {
    repository,
    is_public: wish.isPublic ?? false,
    category: wish.category ?? 'other',
    ...(wish.description ? { description: wish.description } : {}),
  }
}

interface NamespaceStep {
  /** Makes sure the organization exists, once per run however many repositories ask. */
  ensure(knownMissing: boolean): Promise<boolean>
  /** An answer showed that the organization exists. */
  exists(): void
  state(): Promise<NamespaceState>
}

function namespaceStep(api: SwrApi, namespace: string, dryRun: boolean): NamespaceStep {
  let pending: Promise<boolean> | undefined
  let known = false
  const exists = () => void (known = true)
  const check = (knownMissing: boolean) => (knownMissing ? Promise.resolve(true) : namespaceMissing(api, namespace))
  const step = async (knownMissing: boolean) => {
    const created = await (dryRun ? check(knownMissing) : ensureNamespace(api, namespace))
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

/** What a dry run reports for a repository a real run would create. */
function plannedInfo(request: EnsureRequest, repository: string): RepositoryInfo {
  const body = createRepositoryBody(repository, request)
  const path = `${request.registry}/${request.namespace}/${repository}`
  return {
    name: repository,
    category: body.category,
    description: body.description ?? '',
    is_public: body.is_public,
    path,
  }
}

/** SWR in another region cannot be reached when nothing says how: sync targets' organizations are then not made. */
const NO_OTHER_REGIONS: RegionalSwr = () => 'the run was not given a way to reach other regions'

export async function ensureRepositories(
  api: SwrApi,
  request: EnsureRequest,
  regional: RegionalSwr = NO_OTHER_REGIONS,
): Promise<EnsureResult> {
  const regions: OtherRegions = { swr: regional, ensured: new Map() }
  const namespace = namespaceStep(api, request.namespace, request.dryRun)
  // Each repository succeeds or fails on its own; the client bounds how many requests are in flight.
  const results = await Promise.all(
    request.repositories.map((repository) =>
      ensureOne(api, request, repository, namespace)
        .then((result) => distribute(api, regions, request, result))
        .catch((error: unknown) => ({
          repository,
          error: error instanceof Error ? error : new Error(String(error)),
        })),
    ),
  )
  return { namespace: await namespace.state(), results }
}

/** Sync rules and shares, once the repository exists (or, in a dry run, would). */
async function distribute(
  api: SwrApi,
  regions: OtherRegions,
  request: EnsureRequest,
  result: RepositoryResult,
): Promise<RepositoryResult> {
  if (!request.sync && !request.shares) return result
  // Loaded only by a run that asks for sync rules or shares.
  const { ensureShares, ensureSync } = await import('./distribution.js')
  const state = { created: result.created, images: result.created ? 0 : (result.info.num_images ?? 0) }
  // What is done before a failure is said with it: a re-run then knows what it will find.
  const progress: Progress = result.created && !request.dryRun ? ['created the repository'] : []
  try {
    // One after the other, on the connection the repository's read left open: side by side, the second would open
    // a connection of its own, which costs two round trips (TCP and TLS) to save one.
    const sync = await ensureSync(api, regions, request, result.repository, state, progress)
    const shares = await ensureShares(api, request, result.repository, state, progress)
    return { ...result, ...(sync ? { sync } : {}), ...(shares ? { shares } : {}) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (progress.length === 0) throw error
    throw new Error(`${message} Before that, this run ${progress.join(', ')}.`, { cause: error })
  }
}

function createdResult(repository: string, info: RepositoryInfo, retention?: RetentionAction): RepositoryResult {
  return { repository, info, created: true, settingsChanged: [], settingsDiffer: [], retention }
}

async function ensureOne(
  api: SwrApi,
  request: EnsureRequest,
  repository: string,
  namespace: NamespaceStep,
): Promise<RepositoryResult> {
  const read = await api.showRepository(request.namespace, repository)
  if (read.kind === 'found') {
    namespace.exists()
    return settle(api, request, repository, read.info)
  }

  if (request.dryRun) {
    // The organization's own "missing" says so; any other needs a look, which the step shares.
    await namespace.ensure(read.organizationMissing)
    return createdResult(repository, plannedInfo(request, repository), request.retention ? 'create' : undefined)
  }

  if (read.organizationMissing) await namespace.ensure(true)
  const body = createRepositoryBody(repository, request)
  let created = await api.createRepository(request.namespace, body)
  if (created.kind === 'organization-missing' && !read.organizationMissing) {
    // The read did not say which was missing; now SWR says it is the organization.
    await namespace.ensure(true)
    created = await api.createRepository(request.namespace, body)
  }
  if (created.kind === 'organization-missing') throw created.refusal
  namespace.exists()

  const reread = await api.showRepository(request.namespace, repository)
  if (reread.kind === 'missing') throw reread.refusal
  // "exists": another job created it first, or an earlier attempt of this one did; either way it exists.
  if (created.kind === 'exists') return settle(api, request, repository, reread.info)
  // A repository created just now has the wished settings and no retention policy yet.
  const retention = request.retention
    ? await applyRetention(api, request, repository, { action: 'create', remove: [] })
    : undefined
  return createdResult(repository, reread.info, retention)
}

/** Brings an existing repository's settings and retention in line, as far as the inputs ask. */
async function settle(
  api: SwrApi,
  request: EnsureRequest,
  repository: string,
  found: RepositoryInfo,
): Promise<RepositoryResult> {
  let info = found
  const drift = settingsDrift(info, request)
  let settingsChanged: SettingChange[] = []
  let settingsDiffer: SettingChange[] = drift
  if (drift.length > 0 && request.updateExisting) {
    if (!request.dryRun) {
      const body = updateBody(info, drift, `${request.namespace}/${repository}`)
      await api.updateRepository(request.namespace, repository, body)
      info = withSettings(info, drift)
    }
    settingsChanged = drift
    settingsDiffer = []
  }

  let retention: RetentionAction | undefined
  if (request.retention) {
    const existing = await api.listRetentions(request.namespace, repository)
    const plan = planRetention(existing, retentionBody(request.retention))
    retention = request.dryRun ? plan.action : await applyRetention(api, request, repository, plan)
  }
  return { repository, info, created: false, settingsChanged, settingsDiffer, retention }
}

async function applyRetention(
  api: SwrApi,
  request: EnsureRequest,
  repository: string,
  plan: RetentionPlan,
): Promise<RetentionAction> {
  const { namespace } = request
  const body = retentionBody(request.retention as RetentionWish)
  if (plan.action === 'update') await api.updateRetention(namespace, repository, plan.id, body)
  // A policy already gone (another job removed it) needs nothing more. A replaced one is deleted before the new one
  // is created, as terraform replaces it.
  for (const id of plan.remove) await api.deleteRetention(namespace, repository, id)
  if (plan.action === 'create' || plan.action === 'replace') await api.createRetention(namespace, repository, body)
  return plan.action
}
