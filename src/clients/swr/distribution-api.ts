// SWR's operations for where a repository's images go beyond it: automatic sync rules to other regions, a manual
// sync of the tags it already holds, and shares with other accounts (docs/api-notes.md, "Image sync and sharing").
// Each list answer is read into checked values here, once.
import { type ApiResponse, headerValue } from '../api-client.js'
import { unexpectedBody } from '../request-error.js'
import { cleanServerText } from '../../rules/server-text.js'
import { NAMESPACE_RULE, nameProblem } from '../../rules/names.js'
import { isRecord, outcome, parsedBody } from './answers.js'
import { repositoryPath } from './paths.js'
import { REGION, type ShareDeadline, type ShareWish, type SyncTarget, tooManyTags } from '../../rules/distribution.js'

export interface SyncRule extends SyncTarget {
  override: boolean
}

export interface Share {
  account: string
  /** "forever", or the last day as YYYY-MM-DD (SWR may answer a longer time; its date is what counts). */
  deadline: ShareDeadline
  /** As the share has it, sent back on an update: SWR clears a description an update leaves out. */
  description: string
}

export type Creation = 'created' | 'exists'

/** A tag as SWR's tag list describes it: what it points at, and whether that is one image or a manifest list. */
export interface TagDetail {
  tag: string
  /** The manifest's digest ("sha256:..."); undefined when the list did not give a digest of that form. */
  digest?: string
  kind: 'image' | 'manifest list'
}

export interface DistributionApi {
  listSyncRules(namespace: string, repository: string): Promise<SyncRule[]>
  createSyncRule(namespace: string, repository: string, target: SyncTarget, override: boolean): Promise<Creation>
  deleteSyncRule(namespace: string, repository: string, target: SyncTarget): Promise<void>
  /** Every tag of the repository with its digest and kind, page by page; more than `most` is refused. */
  listTags(namespace: string, repository: string, most: number): Promise<TagDetail[]>
  /** A tag made server-side from another tag of the repository; "exists" when the destination is there already. */
  createTag(
    namespace: string,
    repository: string,
    source: string,
    destination: string,
    override: boolean,
  ): Promise<Creation>
  /** Copies the tags' images; answers the tags SWR says failed to copy. */
  syncImages(
    namespace: string,
    repository: string,
    target: SyncTarget,
    override: boolean,
    tags: string[],
  ): Promise<string[]>
  listShares(namespace: string, repository: string): Promise<Share[]>
  createShare(namespace: string, repository: string, share: ShareWish): Promise<Creation>
  updateShare(namespace: string, repository: string, share: ShareWish, description: string): Promise<void>
}

/** Tags a page: SWR's largest (docs/api-notes.md, "Image sync and sharing"). */
const TAG_PAGE = 1000

type Send = (operation: string, method: string, path: string, body?: unknown) => Promise<ApiResponse>

/** The entries of a list answer; SWR answers an empty list as [] or, at times, as nothing. */
function listOf(response: ApiResponse, what: string): Record<string, unknown>[] {
  const body = response.body.trim() === '' ? [] : parsedBody(response)
  if (body === null) return []
  if (!Array.isArray(body)) throw unexpectedBody(response, what)
  if (!body.every(isRecord)) throw unexpectedBody(response, what, 'an entry is not an object')
  return body
}

function syncRules(response: ApiResponse): SyncRule[] {
  return listOf(response, 'a list of sync rules').map(({ remoteRegionId, remoteNamespace, override }) => {
    // Checked as an input would be: a rule's ends are shown in the log and compared with sync_to.
    if (
      typeof remoteRegionId !== 'string' ||
      !REGION.test(remoteRegionId) ||
      typeof remoteNamespace !== 'string' ||
      nameProblem(remoteNamespace, NAMESPACE_RULE) !== undefined
    ) {
      throw unexpectedBody(
        response,
        'a list of sync rules',
        'a rule has no remoteRegionId or remoteNamespace, or one that is not a region or organization name',
      )
    }
    return { region: remoteRegionId, namespace: remoteNamespace, override: override === true }
  })
}

/** A share's account as the console takes it; longer or stranger text is not an account. */
const ACCOUNT = /^[\x21-\x7e]{1,64}$/
const DEADLINE_DATE = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/
/** A time with its zone (Z or an offset), which then decides the day in UTC. */
const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/

/**
 * The last day of a share, in UTC, whatever form SWR answers it in: "forever", a date, a UTC time, a time with an
 * offset ("2027-06-30T08:00:00+08:00"), or a time with none ("2027-06-30 00:00:00", taken as UTC, as terraform reads
 * the first ten characters).
 */
export function deadlineOf(deadline: unknown): ShareDeadline | undefined {
  if (deadline === 'forever') return 'forever'
  if (typeof deadline !== 'string' || deadline.length > 40) return undefined
  const date = DEADLINE_DATE.exec(deadline)?.[1]
  if (!date) return undefined
  if (!ZONED.test(deadline)) return date as ShareDeadline
  const time = Date.parse(deadline.replace(' ', 'T'))
  return Number.isNaN(time) ? undefined : (new Date(time).toISOString().slice(0, 10) as ShareDeadline)
}

function shares(response: ApiResponse): Share[] {
  return listOf(response, 'a list of shares').map(({ access_domain: account, deadline, description }) => {
    const day = deadlineOf(deadline)
    if (typeof account !== 'string' || !ACCOUNT.test(account) || !day) {
      throw unexpectedBody(response, 'a list of shares', 'a share has no access_domain, or a deadline that is no date')
    }
    return {
      account: cleanServerText(account),
      deadline: day,
      description: typeof description === 'string' ? description.slice(0, 1000) : '',
    }
  })
}

/** A tag as registries take it: 1 to 128 letters, digits, "_", "." and "-", not starting with "." or "-". */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/

const DIGEST = /^sha256:[0-9a-f]{64}$/

function tags(response: ApiResponse): TagDetail[] {
  return listOf(response, 'a list of tags').map(({ Tag: tag, digest, tag_type: type }) => {
    if (typeof tag !== 'string' || !TAG.test(tag)) {
      throw unexpectedBody(response, 'a list of tags', 'an entry has no Tag, or one that is not a tag')
    }
    // tag_type: 0 an image, 1 a manifest list (ShowReposTagResp in the SDKs); a digest only in its one form.
    return {
      tag,
      digest: typeof digest === 'string' && DIGEST.test(digest) ? digest : undefined,
      kind: type === 1 ? 'manifest list' : 'image',
    }
  })
}

/** The total a list's Content-Range gives ("0-999/1500", with or without a unit); undefined without one. */
export function totalOf(response: ApiResponse): number | undefined {
  const range = headerValue(response.headers['content-range'])
  const total = range === undefined ? undefined : /^(?:[a-z]+ )?\d+-\d+\/(\d{1,9})$/i.exec(range.trim())?.[1]
  return total === undefined ? undefined : Number(total)
}

/** What a manual sync answers: the tags that failed to copy ([] when all were copied). */
function failedTags(response: ApiResponse, sent: string[]): string[] {
  const body = response.body.trim() === '' ? [] : parsedBody(response)
  if (body === null) return []
  if (!Array.isArray(body) || !body.every((tag) => typeof tag === 'string')) {
    throw unexpectedBody(response, 'the list of tags that failed to sync')
  }
  // A tag that was not sent cannot have failed: such an answer is not believed.
  if (!body.every((tag) => sent.includes(tag))) {
    throw unexpectedBody(response, 'the list of tags that failed to sync', 'it names tags that were not sent')
  }
  return [...new Set(body)]
}

/** A share's deadline as SWR takes it: "forever", or the day's start in UTC, as terraform sends it. */
const deadlineBody = (deadline: ShareDeadline) => (deadline === 'forever' ? deadline : `${deadline}T00:00:00Z`)

export function distributionApi(send: Send): DistributionApi {
  // Shares live under "repositories", not "repos".
  const shared = (namespace: string, repository: string) =>
    `/v2/manage/namespaces/${namespace}/repositories/${repository.replaceAll('/', '$')}/access-domains`
  const created = (): Creation => 'created'
  // A share that exists answers 409 (CreateRepoDomains' page); a rule that exists is not documented, and its 409 is
  // taken the same way.
  const exists = { 409: (): Creation => 'exists' }
  const listTags = async (namespace: string, repository: string, most: number): Promise<TagDetail[]> => {
    // Pages of SWR's largest size, until Content-Range's total is read (docs/api-notes.md, "Image sync and
    // sharing"); without one, until a page comes short.
    const found: TagDetail[] = []
    const seen = new Set<string>()
    for (let page = 1; ; page++) {
      const query = new URLSearchParams({ offset: String(found.length), limit: String(TAG_PAGE) })
      const response = await send(
        `Reading the tags of ${namespace}/${repository}${page > 1 ? ` (page ${page})` : ''}`,
        'GET',
        `${repositoryPath(namespace, repository)}/tags?${query.toString()}`,
      )
      const listed = outcome('listTags', response, () => tags(response))
      const total = totalOf(response)
      for (const entry of listed) {
        if (seen.has(entry.tag)) continue
        seen.add(entry.tag)
        found.push(entry)
      }
      if (found.length > most || (total ?? 0) > most) {
        throw new Error(tooManyTags(`${namespace}/${repository}`, total ?? `more than ${most}`, most))
      }
      const done = total === undefined ? listed.length < TAG_PAGE : found.length >= total
      if (done || listed.length === 0) return found
    }
  }
  return {
    async listSyncRules(namespace, repository) {
      const name = `${namespace}/${repository}`
      const response = await send(
        `Reading the sync rules of ${name}`,
        'GET',
        `${repositoryPath(namespace, repository)}/sync_repo`,
      )
      return outcome('listSyncRules', response, () => syncRules(response))
    },
    async createSyncRule(namespace, repository, target, override) {
      const response = await send(
        `Creating the rule syncing ${namespace}/${repository} to ${target.region}/${target.namespace}`,
        'POST',
        `${repositoryPath(namespace, repository)}/sync_repo`,
        // syncAuto true: the rule copies every push from now on, as terraform creates it.
        { remoteRegionId: target.region, remoteNamespace: target.namespace, syncAuto: true, override },
      )
      return outcome('createSyncRule', response, created, exists)
    },
    async deleteSyncRule(namespace, repository, target) {
      const response = await send(
        `Removing the rule syncing ${namespace}/${repository} to ${target.region}/${target.namespace}`,
        'DELETE',
        `${repositoryPath(namespace, repository)}/sync_repo`,
        { remoteRegionId: target.region, remoteNamespace: target.namespace },
      )
      outcome('deleteSyncRule', response, () => undefined)
    },
    listTags,
    async createTag(namespace, repository, source, destination, override) {
      const response = await send(
        `Tagging ${namespace}/${repository}:${source} as ${destination}`,
        'POST',
        `${repositoryPath(namespace, repository)}/tags`,
        // CreateRepoTag (docs/api-notes.md, "Tags"): override lets the destination be moved when it exists.
        { source_tag: source, destination_tag: destination, override },
      )
      return outcome('createTag', response, created, exists)
    },
    async syncImages(namespace, repository, target, override, imageTags) {
      const response = await send(
        `Copying the images of ${namespace}/${repository} to ${target.region}/${target.namespace}`,
        'POST',
        `${repositoryPath(namespace, repository)}/sync_images`,
        { remoteRegionId: target.region, remoteNamespace: target.namespace, override, imageTag: imageTags },
      )
      return outcome('syncImages', response, () => failedTags(response, imageTags))
    },
    async listShares(namespace, repository) {
      const response = await send(
        `Reading the shares of ${namespace}/${repository}`,
        'GET',
        shared(namespace, repository),
      )
      return outcome('listShares', response, () => shares(response))
    },
    async createShare(namespace, repository, share) {
      const response = await send(
        `Sharing ${namespace}/${repository} with ${share.account}`,
        'POST',
        shared(namespace, repository),
        { access_domain: share.account, permit: 'read', deadline: deadlineBody(share.deadline) },
      )
      return outcome('createShare', response, created, exists)
    },
    async updateShare(namespace, repository, share, description) {
      const response = await send(
        `Updating the share of ${namespace}/${repository} with ${share.account}`,
        'PATCH',
        `${shared(namespace, repository)}/${encodeURIComponent(share.account)}`,
        // The description as the share has it: left out, SWR would clear it.
        { permit: 'read', deadline: deadlineBody(share.deadline), description },
      )
      outcome('updateShare', response, () => undefined)
    },
  }
}
