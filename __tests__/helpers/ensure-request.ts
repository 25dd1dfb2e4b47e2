// What the ensure pipeline's unit tests ask of it, written flat as a workflow gives it, run over an edition; and a
// repository's result as the tests read it (its state and each feature's outcome by name).
import type { SwrApi } from '../../src/clients/swr/swr-api.js'
import type { RetentionWish } from '../../src/clients/swr/retention-policies.js'
import type { ShareWish, SyncWish } from '../../src/rules/distribution.js'
import type { RegionalSwr, ShareOutcome, SyncOutcome } from '../../src/flow/distribution.js'
import type { Edition } from '../../src/flow/edition.js'
import {
  type EnsureRequest,
  type EnsureResult,
  ensureRepositories,
  type RepositoryFailure,
  type RepositoryResult,
} from '../../src/flow/ensure.js'
import { FEATURES } from '../../src/flow/features.js'
import type { RetentionAction } from '../../src/flow/features/retention.js'
import type { SettingChange, SettingsOutcome } from '../../src/flow/features/settings.js'
import { sharedEdition } from '../../src/flow/shared-edition.js'
import { buildSettings } from '../../src/rules/build-settings.js'

export interface CaseRequest {
  namespace: string
  repositories: string[]
  updateExisting: boolean
  dryRun: boolean
  /** Where images of a repository not created yet will live, for a dry run's report. */
  registry: string
  category?: string
  isPublic?: boolean
  description?: string
  retention?: RetentionWish
  sync?: SyncWish
  shares?: ShareWish[]
  prune?: { undeclared: boolean; withImages: boolean }
}

export function ensureRequest(overrides: Partial<CaseRequest> = {}): CaseRequest {
  return {
    namespace: 'team',
    repositories: ['web'],
    updateExisting: false,
    dryRun: false,
    registry: 'swr.cn-north-4.myhuaweicloud.com',
    ...overrides,
  }
}

/** The request as the pipeline takes it: each feature's wish under its name. */
export function pipelineRequest(request: CaseRequest): EnsureRequest {
  const { category, isPublic, description, retention, sync, shares } = request
  const settings = [category, isPublic, description].some((value) => value !== undefined)
  const wishes = { settings: settings ? { category, isPublic, description } : undefined, retention, sync, shares }
  return { ...request, wishes: Object.fromEntries(Object.entries(wishes).filter(([, wish]) => wish !== undefined)) }
}

const NO_OTHER_REGIONS: RegionalSwr = () => 'the run was not given a way to reach other regions'

/** The shared edition over an API (in memory, or a client on scripted answers). */
export function sharedOver(api: SwrApi, request: CaseRequest, regional = NO_OTHER_REGIONS): Edition {
  const place = {
    namespace: request.namespace,
    registry: request.registry,
    region: 'cn-north-4',
    loginDurationSeconds: 21600,
  }
  return sharedEdition(api, place, regional)
}

/** The pipeline run in the shared edition, with every feature. */
export function ensureShared(api: SwrApi, request: CaseRequest, regional?: RegionalSwr): Promise<EnsureResult> {
  return ensureRepositories(sharedOver(api, request, regional), pipelineRequest(request), FEATURES)
}

export interface CaseResult extends RepositoryResult {
  created: boolean
  settingsChanged: SettingChange[]
  settingsDiffer: SettingChange[]
  retention?: RetentionAction
  sync?: SyncOutcome[]
  shares?: ShareOutcome[]
}

/** A repository's result, which must have succeeded, with each feature's outcome under a name of its own. */
export function succeeded(entry: RepositoryResult | RepositoryFailure): CaseResult {
  if ('error' in entry) throw entry.error
  const settings = entry.outcomes.settings as SettingsOutcome | undefined
  const { retention, sync, shares } = entry.outcomes as Partial<Pick<CaseResult, 'retention' | 'sync' | 'shares'>>
  return {
    ...entry,
    created: entry.state === 'created',
    settingsChanged: settings?.changed ?? [],
    settingsDiffer: settings?.differ ?? [],
    ...(retention ? { retention } : {}),
    ...(sync ? { sync } : {}),
    ...(shares ? { shares } : {}),
  }
}

/** What the log, outputs and summary of a shared-edition run are shown with. */
export const sharedContext = {
  namespace: 'team',
  registry: 'swr.cn-north-4.myhuaweicloud.com',
  dryRun: false,
  namespaceWord: 'Organization',
  build: buildSettings('shared'),
  features: FEATURES,
  wishes: {},
}

/** A result written flat (created, settingsChanged, retention, ...), as the pipeline gives it. */
export function pipelineResult(
  flat: Partial<CaseResult> & Pick<RepositoryResult, 'repository' | 'info'>,
): RepositoryResult {
  const { created, settingsChanged, settingsDiffer, retention, sync, shares, repository, info, state } = flat
  const settings = { changed: settingsChanged ?? [], differ: settingsDiffer ?? [] }
  const outcomes = Object.fromEntries(
    Object.entries({ settings, retention, sync, shares }).filter(([, outcome]) => outcome !== undefined),
  )
  return { repository, info, state: state ?? (created ? 'created' : 'exists'), outcomes }
}
