// Where a repository's images go beyond it, brought in line with sync_to and share_with: one read of its sync rules
// and one of its shares (none for a repository this run created, which has neither), then only the writes needed.
// Nothing that exists and is not listed is removed: it is reported.
import type { Share } from '../clients/swr/distribution-api.js'
import type { SwrApi } from '../clients/swr/swr-api.js'
import type { ShareDeadline, ShareWish, SyncTarget, SyncWish } from '../rules/distribution.js'
import { ensureNamespace } from './organization.js'

export interface SyncOutcome {
  /** "REGION/ORGANIZATION". */
  target: string
  /** created by this run (or, in a dry run, would be); exists; also: a rule not listed, left as is. */
  action: 'created' | 'exists' | 'also'
  /** Tags of images already in the repository that a new rule's run copied (or would copy). */
  copied?: number
  /** Why the target's organization was not made sure of, when it could not be. */
  organizationNote?: string
}

export interface ShareOutcome {
  account: string
  deadline: ShareDeadline
  /** differs: the share's deadline is not the one listed, and update_existing is false. */
  action: 'created' | 'exists' | 'updated' | 'differs' | 'also'
  /** The deadline the share had, when it differed or was updated. */
  was?: ShareDeadline
}

export interface DistributionRequest {
  namespace: string
  sync?: SyncWish
  shares?: ShareWish[]
  updateExisting: boolean
  dryRun: boolean
}

/** SWR in another region, for a sync target's organization; or why the run cannot reach it there. */
export type RegionalSwr = (region: string) => SwrApi | string

/**
 * Other regions as one run reaches them: SWR there, and the target organizations made sure of so far (each once,
 * however many repositories ask), with why one could not be.
 */
export interface OtherRegions {
  swr: RegionalSwr
  ensured: Map<string, Promise<string | undefined>>
}

/** Tags copied when a rule is made for a repository that holds images: SWR's list answers at most this many. */
export const MAX_COPIED_TAGS = 100

export interface RepositoryState {
  /** Created by this run: it has no rules, shares or images yet. */
  created: boolean
  images: number
}

export async function ensureSync(
  api: SwrApi,
  regions: OtherRegions,
  request: DistributionRequest,
  repository: string,
  state: RepositoryState,
): Promise<SyncOutcome[] | undefined> {
  const { sync, namespace, dryRun } = request
  if (!sync) return undefined
  const existing = state.created ? [] : await api.listSyncRules(namespace, repository)
  const name = (target: SyncTarget) => `${target.region}/${target.namespace}`
  const listed = new Set(sync.targets.map(name))
  const outcomes: SyncOutcome[] = []
  // Read once for the repository, however many new rules copy its tags.
  let tags: Promise<string[]> | undefined
  const readTags = () => (tags ??= api.listTags(namespace, repository, MAX_COPIED_TAGS))
  for (const target of sync.targets) {
    if (existing.some((rule) => name(rule) === name(target))) {
      outcomes.push({ target: name(target), action: 'exists' })
      continue
    }
    const copied = state.images > 0 ? state.images : undefined
    if (dryRun) {
      outcomes.push({ target: name(target), action: 'created', copied })
      continue
    }
    const organizationNote = await ensureTargetOrganization(regions, target)
    await api.createSyncRule(namespace, repository, target, sync.override)
    outcomes.push({
      target: name(target),
      action: 'created',
      copied: copied && (await copyImages(api, request, repository, target, await readTags())),
      organizationNote,
    })
  }
  for (const rule of existing) if (!listed.has(name(rule))) outcomes.push({ target: name(rule), action: 'also' })
  return outcomes
}

/** Creates the target's organization in its region when missing; the reason when that cannot be done. */
function ensureTargetOrganization({ swr: regional, ensured }: OtherRegions, target: SyncTarget) {
  const key = `${target.region}/${target.namespace}`
  let pending = ensured.get(key)
  if (!pending) {
    const swr = regional(target.region)
    pending =
      typeof swr === 'string' ? Promise.resolve(swr) : ensureNamespace(swr, target.namespace).then(() => undefined)
    ensured.set(key, pending)
  }
  return pending
}

/** A rule copies only later pushes: the tags already in the repository are copied once, by a manual sync. */
async function copyImages(
  api: SwrApi,
  request: DistributionRequest,
  repository: string,
  target: SyncTarget,
  tags: string[],
) {
  if (tags.length > 0) await api.syncImages(request.namespace, repository, target, !!request.sync?.override, tags)
  return tags.length
}

export async function ensureShares(
  api: SwrApi,
  request: DistributionRequest,
  repository: string,
  state: RepositoryState,
): Promise<ShareOutcome[] | undefined> {
  const { shares, namespace, dryRun, updateExisting } = request
  if (!shares) return undefined
  const existing: Share[] = state.created ? [] : await api.listShares(namespace, repository)
  const outcomes: ShareOutcome[] = []
  for (const share of shares) {
    const found = existing.find((candidate) => candidate.account === share.account)
    if (found && found.deadline === share.deadline) {
      outcomes.push({ ...share, action: 'exists' })
    } else if (found && !updateExisting) {
      outcomes.push({ ...share, action: 'differs', was: found.deadline })
    } else if (found) {
      if (!dryRun) await api.updateShare(namespace, repository, share)
      outcomes.push({ ...share, action: 'updated', was: found.deadline })
    } else {
      if (!dryRun) await api.createShare(namespace, repository, share)
      outcomes.push({ ...share, action: 'created' })
    }
  }
  for (const share of existing) {
    if (!shares.some((wished) => wished.account === share.account)) outcomes.push({ ...share, action: 'also' })
  }
  return outcomes
}
