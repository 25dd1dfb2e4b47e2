// SWR's operations for where a repository's images go beyond it: automatic sync rules to other regions, a manual
// sync of the tags it already holds, and shares with other accounts (docs/api-notes.md, "Image sync and sharing").
// Each list answer is read into checked values here, once.
import type { ApiResponse } from '../api-client.js'
import { unexpectedBody } from '../request-error.js'
import { isRecord, outcome, parsedBody } from './answers.js'
import { repositoryPath } from './paths.js'
import type { ShareDeadline, ShareWish, SyncTarget } from '../../rules/distribution.js'

export interface SyncRule extends SyncTarget {
  override: boolean
}

export interface Share {
  account: string
  /** "forever", or the last day as YYYY-MM-DD (SWR may answer a longer time; its date is what counts). */
  deadline: ShareDeadline
}

export type Creation = 'created' | 'exists'

export interface DistributionApi {
  listSyncRules(namespace: string, repository: string): Promise<SyncRule[]>
  createSyncRule(namespace: string, repository: string, target: SyncTarget, override: boolean): Promise<Creation>
  /** The tags of the repository, up to `limit`. */
  listTags(namespace: string, repository: string, limit: number): Promise<string[]>
  syncImages(
    namespace: string,
    repository: string,
    target: SyncTarget,
    override: boolean,
    tags: string[],
  ): Promise<void>
  listShares(namespace: string, repository: string): Promise<Share[]>
  createShare(namespace: string, repository: string, share: ShareWish): Promise<Creation>
  updateShare(namespace: string, repository: string, share: ShareWish): Promise<void>
}

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
    if (typeof remoteRegionId !== 'string' || typeof remoteNamespace !== 'string') {
      throw unexpectedBody(response, 'a list of sync rules', 'a rule has no remoteRegionId or remoteNamespace')
    }
    return { region: remoteRegionId, namespace: remoteNamespace, override: override === true }
  })
}

const DEADLINE_DATE = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/

function shares(response: ApiResponse): Share[] {
  return listOf(response, 'a list of shares').map(({ access_domain: account, deadline }) => {
    const date = typeof deadline === 'string' ? DEADLINE_DATE.exec(deadline)?.[1] : undefined
    if (typeof account !== 'string' || (deadline !== 'forever' && !date)) {
      throw unexpectedBody(response, 'a list of shares', 'a share has no access_domain, or a deadline that is no date')
    }
    return { account, deadline: (deadline === 'forever' ? 'forever' : date) as ShareDeadline }
  })
}

function tags(response: ApiResponse): string[] {
  return listOf(response, 'a list of tags').map(({ Tag: tag }) => {
    if (typeof tag !== 'string') throw unexpectedBody(response, 'a list of tags', 'an entry has no Tag')
    return tag
  })
}

/** A share's deadline as SWR takes it: "forever", or the day's start in UTC, as terraform sends it. */
const deadlineBody = (deadline: ShareDeadline) => (deadline === 'forever' ? deadline : `${deadline}T00:00:00Z`)

export function distributionApi(send: Send): DistributionApi {
  // Shares live under "repositories", not "repos".
  const shared = (namespace: string, repository: string) =>
    `/v2/manage/namespaces/${namespace}/repositories/${repository.replaceAll('/', '$')}/access-domains`
  const created = (): Creation => 'created'
  // What SWR answers for a rule or share that exists is not documented; a 409 is taken as "it exists".
  const exists = { 409: (): Creation => 'exists' }
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
    async listTags(namespace, repository, limit) {
      const query = new URLSearchParams({ offset: '0', limit: String(limit) })
      const response = await send(
        `Reading the tags of ${namespace}/${repository}`,
        'GET',
        `${repositoryPath(namespace, repository)}/tags?${query.toString()}`,
      )
      return outcome('listTags', response, () => tags(response))
    },
    async syncImages(namespace, repository, target, override, imageTags) {
      const response = await send(
        `Copying the images of ${namespace}/${repository} to ${target.region}/${target.namespace}`,
        'POST',
        `${repositoryPath(namespace, repository)}/sync_images`,
        { remoteRegionId: target.region, remoteNamespace: target.namespace, override, imageTag: imageTags },
      )
      outcome('syncImages', response, () => undefined)
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
    async updateShare(namespace, repository, share) {
      const response = await send(
        `Updating the share of ${namespace}/${repository} with ${share.account}`,
        'PATCH',
        `${shared(namespace, repository)}/${share.account}`,
        { permit: 'read', deadline: deadlineBody(share.deadline) },
      )
      outcome('updateShare', response, () => undefined)
    },
  }
}
