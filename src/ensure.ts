// The ensure flow: the fewest requests that leave the organization and its repositories as the workflow wants them.
// A run whose repositories exist, with nothing to change, makes one read request per repository and needs only
// read permission. A dry run sends read requests only and reports what a real run would do.
import { type ApiResponse, isSuccess } from './api-client.js'
import { hintFor, ORGANIZATION_NOT_FOUND_CODES, parseErrorBody, SwrRequestError } from './api-error.js'
import {
  planRetention,
  retentionBody,
  type RetentionPlan,
  type RetentionPolicy,
  type RetentionWish,
} from './retention.js'
import { type SettingChange, settingsDrift, type SettingsWish, updateBody } from './settings.js'
import type { CreateRepositoryBody, SwrApi } from './swr-api.js'

export interface EnsureRequest extends SettingsWish {
  namespace: string
  repositories: string[]
  updateExisting: boolean
  retention?: RetentionWish
  dryRun: boolean
  /** Where images of a repository not created yet will live, for a dry run's report. */
  registry: string
}

export type RepositoryInfo = Record<string, unknown>

export interface RepositoryResult {
  repository: string
  info: RepositoryInfo
  /** Created by this run (or, in a dry run, would be). */
  created: boolean
  /** Settings changed by this run (or, in a dry run, that would be). */
  settingsChanged: SettingChange[]
  /** Settings that differ from the inputs and were left as they are (update_existing is false). */
  settingsDiffer: SettingChange[]
  retention?: RetentionPlan['action']
}

export interface RepositoryFailure {
  repository: string
  error: Error
}

export interface EnsureResult {
  namespaceCreated: boolean
  /** One entry per repository, in the order given. */
  results: (RepositoryResult | RepositoryFailure)[]
}

/** SWR's 404 names a missing organization with its own codes; any other 404 is about the repository. */
export function isOrganizationMissing(response: ApiResponse): boolean {
  const { code } = parseErrorBody(response.body)
  return response.status === 404 && code !== undefined && ORGANIZATION_NOT_FOUND_CODES.includes(code)
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

function failure(response: ApiResponse): SwrRequestError {
  const detail = parseErrorBody(response.body)
  return new SwrRequestError(response.operation, response.status, detail, hintFor(response.status, detail))
}

function parseJson(response: ApiResponse, expected: string, valid: (value: unknown) => boolean): unknown {
  let parsed: unknown
  try {
    parsed = JSON.parse(response.body)
  } catch {
    parsed = undefined
  }
  if (!valid(parsed)) {
    const excerpt = JSON.stringify(response.body.slice(0, 200))
    throw new Error(
      `${response.operation} answered HTTP ${response.status} with a body that is not ${expected}: ${excerpt}`,
    )
  }
  return parsed
}

export function parseRepositoryInfo(response: ApiResponse): RepositoryInfo {
  const isInfo = (value: unknown) => !!value && typeof value === 'object' && !Array.isArray(value) && 'name' in value
  return parseJson(response, "a repository's brief info", isInfo) as RepositoryInfo
}

interface NamespaceStep {
  /** Makes sure the organization exists, once per run however many repositories ask. */
  ensure(knownMissing: boolean): Promise<boolean>
  /** Whether this run created the organization (in a dry run: would); false when nothing needed it. */
  created(): Promise<boolean>
}

function namespaceStep(api: SwrApi, namespace: string, dryRun: boolean): NamespaceStep {
  let pending: Promise<boolean> | undefined
  const check = (knownMissing: boolean) => (knownMissing ? Promise.resolve(true) : namespaceMissing(api, namespace))
  return {
    ensure: (knownMissing) => (pending ??= dryRun ? check(knownMissing) : ensureNamespace(api, namespace)),
    created: async () => (pending ? pending.catch(() => false) : false),
  }
}

async function namespaceMissing(api: SwrApi, namespace: string): Promise<boolean> {
  const shown = await api.showNamespace(namespace)
  if (isSuccess(shown)) return false
  if (shown.status === 404) return true
  throw failure(shown)
}

async function ensureNamespace(api: SwrApi, namespace: string): Promise<boolean> {
  const created = await api.createNamespace(namespace)
  if (isSuccess(created)) return true
  if (created.status !== 409) throw failure(created)

  // Organization names are unique across all accounts: a 409 may mean the name is someone else's.
  const shown = await api.showNamespace(namespace)
  if (isSuccess(shown)) return false
  if (shown.status === 403 || shown.status === 404) {
    throw new Error(
      `The organization ${namespace} already exists in another Huawei Cloud account (SWR answered HTTP 409 to creating it, ` +
        `then HTTP ${shown.status} to reading it). Organization names are unique across all accounts: ` +
        'choose another namespace, or ask its owner to grant your account access.',
    )
  }
  throw failure(shown)
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

export async function ensureRepositories(api: SwrApi, request: EnsureRequest): Promise<EnsureResult> {
  const namespace = namespaceStep(api, request.namespace, request.dryRun)
  // Each repository succeeds or fails on its own; the client bounds how many requests are in flight.
  const results = await Promise.all(
    request.repositories.map((repository) =>
      ensureOne(api, request, repository, namespace).catch((error: unknown) => ({
        repository,
        error: error instanceof Error ? error : new Error(String(error)),
      })),
    ),
  )
  return { namespaceCreated: await namespace.created(), results }
}

async function ensureOne(
  api: SwrApi,
  request: EnsureRequest,
  repository: string,
  namespace: NamespaceStep,
): Promise<RepositoryResult> {
  const { dryRun } = request
  const shown = await api.showRepository(request.namespace, repository)
  if (isSuccess(shown)) return settle(api, request, repository, parseRepositoryInfo(shown))
  if (shown.status !== 404) throw failure(shown)

  if (dryRun) {
    // The organization's own 404 says it is missing; any other 404 needs a look, which the step shares.
    await namespace.ensure(isOrganizationMissing(shown))
    const retention = request.retention ? 'create' : undefined
    return {
      repository,
      info: plannedInfo(request, repository),
      created: true,
      settingsChanged: [],
      settingsDiffer: [],
      retention,
    }
  }

  const namespaceMissing = isOrganizationMissing(shown)
  if (namespaceMissing) await namespace.ensure(true)
  const body = createRepositoryBody(repository, request)
  let created = await api.createRepository(request.namespace, body)
  if (!namespaceMissing && isOrganizationMissing(created)) {
    // The first 404 did not say which was missing; now SWR says it is the organization.
    await namespace.ensure(true)
    created = await api.createRepository(request.namespace, body)
  }
  // 409: another job created it first, or an earlier attempt of this one did; either way it exists.
  if (!isSuccess(created) && created.status !== 409) throw failure(created)

  const read = await api.showRepository(request.namespace, repository)
  if (!isSuccess(read)) throw failure(read)
  if (!isSuccess(created)) return settle(api, request, repository, parseRepositoryInfo(read))
  // A repository created just now has the wished settings and no retention policy yet.
  const retention = request.retention
    ? await applyRetention(api, request, repository, { action: 'create', remove: [] })
    : undefined
  return {
    repository,
    info: parseRepositoryInfo(read),
    created: true,
    settingsChanged: [],
    settingsDiffer: [],
    retention,
  }
}

/** Brings an existing repository's settings and retention in line, as far as the inputs ask. */
async function settle(
  api: SwrApi,
  request: EnsureRequest,
  repository: string,
  info: RepositoryInfo,
): Promise<RepositoryResult> {
  const drift = settingsDrift(info, request)
  let settingsChanged: SettingChange[] = []
  let settingsDiffer: SettingChange[] = drift
  if (drift.length > 0 && request.updateExisting) {
    if (!request.dryRun) {
      const updated = await api.updateRepository(request.namespace, repository, updateBody(info, drift))
      if (!isSuccess(updated)) throw failure(updated)
      for (const { field, to } of drift) info[field] = to
    }
    settingsChanged = drift
    settingsDiffer = []
  }

  let retention: RetentionPlan['action'] | undefined
  if (request.retention) {
    const listed = await api.listRetentions(request.namespace, repository)
    if (!isSuccess(listed)) throw failure(listed)
    const existing = parseJson(listed, 'a list of retention policies', Array.isArray) as RetentionPolicy[]
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
): Promise<RetentionPlan['action']> {
  const { namespace } = request
  const body = retentionBody(request.retention as RetentionWish)
  const written =
    plan.action === 'create'
      ? await api.createRetention(namespace, repository, body)
      : plan.action === 'update'
        ? await api.updateRetention(namespace, repository, plan.id, body)
        : undefined
  if (written && !isSuccess(written)) throw failure(written)
  for (const id of plan.remove) {
    const removed = await api.deleteRetention(namespace, repository, id)
    if (!isSuccess(removed) && removed.status !== 404) throw failure(removed)
  }
  return plan.action
}
