// Where a repository's images go beyond it, brought in line with sync_to and share_with: one read of its sync rules
// and one of its shares (none for a repository this run created, which has neither), then only the writes needed.
// Nothing that exists and is not listed is removed: it is reported. What SWR answers for copies and rules:
// docs/api-notes.md, "Image sync and sharing".
import type { Share } from '../clients/swr/distribution-api.js'
import type { SwrApi } from '../clients/swr/swr-api.js'
import {
  type ShareDeadline,
  type ShareWish,
  type SyncTarget,
  type SyncWish,
  tooManyTags,
} from '../rules/distribution.js'
import { ensureNamespace } from './organization.js'

export interface SyncOutcome {
  /** "REGION/ORGANIZATION". */
  target: string
  /**
   * created by this run (or, in a dry run, would be); exists; replaced: its override differed and update_existing
   * made it anew; differs: its override differs and was left; also: a rule not listed, left as is.
   */
  action: 'created' | 'exists' | 'replaced' | 'differs' | 'also'
  /** Tags of images already in the repository that a new rule's run copied (or would copy). */
  copied?: number
  /** The override the rule had, when it differed from sync_override. */
  was?: boolean
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

/**
 * Tags copied at most when a rule is made for a repository that holds images: ten of SWR's largest tag pages, and
 * ten copies. A repository holding more is refused before its rule is made, saying so.
 */
export const MAX_COPIED_TAGS = 10_000
/** Tags one manual sync is asked to copy: one tag page's worth. */
const TAGS_PER_COPY = 1000

export interface RepositoryState {
  /** Created by this run: it has no rules, shares or images yet. */
  created: boolean
  images: number
}

/** What this run has done to a repository so far, in words, for a failure's message: "created the rule ...". */
export type Progress = string[]

export async function ensureSync(
  api: SwrApi,
  regions: OtherRegions,
  request: DistributionRequest,
  repository: string,
  state: RepositoryState,
  progress: Progress = [],
): Promise<SyncOutcome[] | undefined> {
  const { sync, namespace, dryRun, updateExisting } = request
  if (!sync) return undefined
  const existing = state.created ? [] : await api.listSyncRules(namespace, repository)
  const name = (target: SyncTarget) => `${target.region}/${target.namespace}`
  const listed = new Set(sync.targets.map(name))
  const outcomes: SyncOutcome[] = []
  const anyNew = sync.targets.some((target) => !existing.some((rule) => name(rule) === name(target)))
  if (!dryRun && state.images > MAX_COPIED_TAGS && anyNew) {
    throw new Error(tooManyTags(`${namespace}/${repository}`, state.images, MAX_COPIED_TAGS))
  }
  // Read once for the repository, however many new rules copy its tags.
  let tags: Promise<string[]> | undefined
  const readTags = () =>
    (tags ??= api.listTags(namespace, repository, MAX_COPIED_TAGS).then((listed) => listed.map(({ tag }) => tag)))
  for (const target of sync.targets) {
    const rule = existing.find((candidate) => name(candidate) === name(target))
    if (rule && rule.override === sync.override) {
      outcomes.push({ target: name(target), action: 'exists' })
      continue
    }
    if (rule && !updateExisting) {
      outcomes.push({ target: name(target), action: 'differs', was: rule.override })
      continue
    }
    if (rule) {
      // No operation changes a rule: it is made anew, as terraform replaces it. Its images were copied already.
      if (!dryRun) {
        await api.deleteSyncRule(namespace, repository, target)
        progress.push(`removed the rule syncing to ${name(target)} to make it anew`)
        await api.createSyncRule(namespace, repository, target, sync.override)
        progress.push(`made the rule syncing to ${name(target)} anew, with override ${sync.override}`)
      }
      outcomes.push({ target: name(target), action: 'replaced', was: rule.override })
      continue
    }
    const copied = state.images > 0 ? state.images : undefined
    if (dryRun) {
      outcomes.push({ target: name(target), action: 'created', copied })
      continue
    }
    const organizationNote = await ensureTargetOrganization(regions, target)
    if ((await api.createSyncRule(namespace, repository, target, sync.override)) === 'exists') {
      // Another job made it a moment ago: that job copies the images.
      outcomes.push({ target: name(target), action: 'exists', organizationNote })
      continue
    }
    progress.push(`created the rule syncing to ${name(target)}`)
    const count = copied ? await copyOrUndo(api, request, repository, target, await readTags()) : undefined
    if (count) progress.push(`copied ${count} images to ${name(target)}`)
    outcomes.push({ target: name(target), action: 'created', copied: count, organizationNote })
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
      typeof swr === 'string'
        ? Promise.resolve(swr)
        : ensureNamespace(swr, target.namespace).then(
            () => undefined,
            (error: unknown) => {
              const message = error instanceof Error ? error.message : String(error)
              throw new Error(`In region ${target.region}: ${message}`, { cause: error })
            },
          )
    ensured.set(key, pending)
  }
  return pending
}

/**
 * A rule copies only later pushes: the tags already in the repository are copied by manual syncs, and the tags a
 * sync answers as failed are tried once more. When some still fail, the rule this run made is removed again, so that
 * a re-run makes it anew and copies them (a rule that exists is never copied again); the step then fails naming them.
 */
async function copyOrUndo(
  api: SwrApi,
  request: DistributionRequest,
  repository: string,
  target: SyncTarget,
  tags: string[],
): Promise<number> {
  const { namespace } = request
  const override = !!request.sync?.override
  const copy = async (batch: string[]) => {
    const failed: string[] = []
    for (let start = 0; start < batch.length; start += TAGS_PER_COPY) {
      failed.push(
        ...(await api.syncImages(namespace, repository, target, override, batch.slice(start, start + TAGS_PER_COPY))),
      )
    }
    return failed
  }
  let failure: string
  try {
    const failed = await copy(tags).then((first) => (first.length > 0 ? copy(first) : first))
    if (failed.length === 0) return tags.length
    const shown = failed.slice(0, 20).join(', ') + (failed.length > 20 ? ` and ${failed.length - 20} more` : '')
    failure =
      `Copying the images of ${namespace}/${repository} to ${target.region}/${target.namespace}: SWR could not copy ` +
      `${failed.length} of ${tags.length} tags, twice: ${shown}.`
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error)
  }
  const undone = await api.deleteSyncRule(namespace, repository, target).then(
    () => 'The rule this run made was removed again, so that a re-run makes it anew and copies them.',
    (error: unknown) =>
      'The rule this run made could not be removed again ' +
      `(${error instanceof Error ? error.message : String(error)}): a re-run will find it and copy nothing, so ` +
      'copy the images with the console, or delete the rule and run the job again.',
  )
  throw new Error(`${failure} ${undone}`)
}

export async function ensureShares(
  api: SwrApi,
  request: DistributionRequest,
  repository: string,
  state: RepositoryState,
  progress: Progress = [],
): Promise<ShareOutcome[] | undefined> {
  const { shares, namespace, dryRun, updateExisting } = request
  if (!shares) return undefined
  const existing: Share[] = state.created ? [] : await api.listShares(namespace, repository)
  // Account names are matched as the console matches them, whatever their case.
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
  const outcomes: ShareOutcome[] = []
  for (const share of shares) {
    const found = existing.find((candidate) => same(candidate.account, share.account))
    if (found && found.deadline === share.deadline) {
      outcomes.push({ ...share, action: 'exists' })
    } else if (found && !updateExisting) {
      outcomes.push({ ...share, action: 'differs', was: found.deadline })
    } else if (found) {
      if (!dryRun) {
        await api.updateShare(namespace, repository, { ...share, account: found.account }, found.description)
        progress.push(`updated the share with ${share.account}`)
      }
      outcomes.push({ ...share, action: 'updated', was: found.deadline })
    } else {
      const creation = dryRun ? 'created' : await api.createShare(namespace, repository, share)
      if (creation === 'created' && !dryRun) progress.push(`shared it with ${share.account}`)
      outcomes.push({ ...share, action: creation })
    }
  }
  for (const share of existing) {
    if (!shares.some((wished) => same(wished.account, share.account))) {
      outcomes.push({ account: share.account, deadline: share.deadline, action: 'also' })
    }
  }
  return outcomes
}
