// The emulator's automatic sync rules, manual syncs, tag lists and shares, after SWR's API reference and terraform
// (docs/api-notes.md, "Image sync and sharing"). A share that exists answers 409, as documented; for a rule that
// exists, which the reference does not document, the emulator answers 409 too.
import { createHash } from 'node:crypto'
import type { Account } from './accounts.js'
import type { AccountRoute, Answer, RouteRequest } from './gateway.js'
import { swrError, type SwrService } from './swr-service.js'

export interface SyncRuleRecord {
  remoteRegionId: string
  remoteNamespace: string
  syncAuto: boolean
  override: boolean
}

export interface ShareRecord {
  access_domain: string
  permit: string
  /** As it was sent: "forever" or a UTC time (a test may set another form SWR answers in). */
  deadline: string
  /** Set in the console; an update that leaves it out clears it, as SWR's default for it is empty. */
  description?: string
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,3}$/
const DEADLINE = /^(?:forever|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)$/

/** SWR writes a repository's "/" as "$" in paths. */
const repositoryName = (request: RouteRequest) => request.params.repository.replaceAll('$', '/')

export class DistributionService {
  /** By "namespace/repository". */
  readonly syncRules = new Map<string, SyncRuleRecord[]>()
  readonly shares = new Map<string, ShareRecord[]>()
  readonly tags = new Map<string, string[]>()
  /** What each tag points at, by "namespace/repository:tag", where a push or a retag said; else made from its name. */
  readonly tagManifests = new Map<string, { digest: string; kind: 0 | 1 }>()
  /** Every manual sync: "team/web -> cn-east-3/team: v1,v2" (the tags copied). */
  readonly copies: string[] = []
  /** Tags a manual sync answers as failed, with how many more syncs each fails in (Infinity: every one). */
  readonly syncFailures = new Map<string, number>()

  constructor(private readonly swrFor: (region: string) => SwrService) {}

  readonly routes: AccountRoute[] = [
    this.route('GET', 'repos/:repository/sync_repo', 'listSyncRules', (key) => ({
      status: 200,
      body: (this.syncRules.get(key) ?? []).map((rule, index) => ({
        id: index + 1,
        namespace: key.split('/')[0],
        repoName: key.slice(key.indexOf('/') + 1),
        ...rule,
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
      })),
    })),
    this.route('POST', 'repos/:repository/sync_repo', 'createSyncRule', (key, body) => {
      const { remoteRegionId, remoteNamespace, syncAuto = false, override = false } = body
      if (typeof remoteRegionId !== 'string' || !REGION.test(remoteRegionId) || typeof remoteNamespace !== 'string') {
        return swrError(400, 'SVCSTG.SWR.4000001', 'remoteRegionId and remoteNamespace are required')
      }
      if (typeof syncAuto !== 'boolean' || typeof override !== 'boolean') {
        return swrError(400, 'SVCSTG.SWR.4000001', 'syncAuto and override must be booleans')
      }
      const rules = this.syncRules.get(key) ?? []
      if (rules.some((rule) => rule.remoteRegionId === remoteRegionId && rule.remoteNamespace === remoteNamespace)) {
        return swrError(409, 'SVCSTG.SWR.4090001', 'The sync rule already exists')
      }
      this.syncRules.set(key, [...rules, { remoteRegionId, remoteNamespace, syncAuto, override }])
      return { status: 200 }
    }),
    this.route('DELETE', 'repos/:repository/sync_repo', 'deleteSyncRule', (key, body) => {
      const { remoteRegionId, remoteNamespace } = body
      const rules = this.syncRules.get(key) ?? []
      const kept = rules.filter(
        (rule) => rule.remoteRegionId !== remoteRegionId || rule.remoteNamespace !== remoteNamespace,
      )
      // terraform's delete reads this code as "already gone".
      if (kept.length === rules.length) return swrError(400, 'SVCSTG.SWR.4001158', 'The sync rule does not exist')
      this.syncRules.set(key, kept)
      return { status: 200 }
    }),
    this.route('POST', 'repos/:repository/sync_images', 'syncImages', (key, body) => {
      const { remoteRegionId, remoteNamespace, imageTag } = body
      const tags = Array.isArray(imageTag) ? imageTag : []
      if (typeof remoteRegionId !== 'string' || typeof remoteNamespace !== 'string' || tags.length === 0) {
        return swrError(400, 'SVCSTG.SWR.4000001', 'remoteRegionId, remoteNamespace and imageTag are required')
      }
      const held = this.tags.get(key) ?? []
      const unknown = tags.find((tag) => typeof tag !== 'string' || !held.includes(tag))
      if (unknown !== undefined) return swrError(404, 'SVCSTG.SWR.4040004', `Tag ${String(unknown)} not found`)
      // The answer lists the tags that failed to copy (CreateManualImageSyncRepo's page, swr_02_0014).
      const failed = (tags as string[]).filter((tag) => {
        const left = this.syncFailures.get(tag) ?? 0
        if (left > 0) this.syncFailures.set(tag, left - 1)
        return left > 0
      })
      const copied = (tags as string[]).filter((tag) => !failed.includes(tag))
      if (copied.length > 0) this.copies.push(`${key} -> ${remoteRegionId}/${remoteNamespace}: ${copied.join(',')}`)
      return { status: 200, body: failed }
    }),
    this.route('GET', 'repos/:repository/tags', 'listTags', (key, _body, query) => {
      // 100 by default, 1000 at most, and the total in Content-Range as "offset-count/total" (swr_02_0035).
      const offset = Number(query.get('offset') ?? 0)
      const limit = Number(query.get('limit') ?? 100)
      if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
        return swrError(400, 'SVCSTG.SWR.4000001', 'limit must be 1 to 1000 and offset 0 or more')
      }
      const all = this.tags.get(key) ?? []
      const tags = all.slice(offset, offset + limit)
      return {
        status: 200,
        headers: { 'Content-Range': `${offset}-${tags.length}/${all.length}` },
        body: tags.map((tag, index) => {
          const { digest, kind } = this.manifestOf(key, tag)
          // ShowReposTagResp's fields (the SDKs): tag_type 0 for an image, 1 for a manifest list.
          return { id: offset + index + 1, Tag: tag, path: `${key}:${tag}`, digest, tag_type: kind }
        }),
      }
    }),
    // CreateRepoTag (docs/api-notes.md, "Tags"): a tag made from another; 409 when the destination exists and
    // override is not true, 404 when the source is not there.
    this.route('POST', 'repos/:repository/tags', 'createTag', (key, body) => {
      const { source_tag: source, destination_tag: destination, override = false } = body
      if (typeof source !== 'string' || typeof destination !== 'string' || typeof override !== 'boolean') {
        return swrError(400, 'SVCSTG.SWR.4000001', 'source_tag and destination_tag are required')
      }
      const held = this.tags.get(key) ?? []
      if (!held.includes(source)) return swrError(404, 'SVCSTG.SWR.4040004', `Tag ${source} not found`)
      if (held.includes(destination) && !override) {
        return swrError(409, 'SVCSTG.SWR.4090001', `Tag ${destination} already exists`)
      }
      this.tagManifests.set(`${key}:${destination}`, this.manifestOf(key, source))
      if (!held.includes(destination)) this.tags.set(key, [...held, destination])
      return { status: 201, body: {} }
    }),
    this.route('GET', 'repositories/:repository/access-domains', 'listShares', (key) => ({
      status: 200,
      body: (this.shares.get(key) ?? []).map((share) => ({ description: '', ...share, status: true })),
    })),
    this.route('POST', 'repositories/:repository/access-domains', 'createShare', (key, body) => {
      const { access_domain: account, permit, deadline } = body
      if (typeof account !== 'string' || account === '' || permit !== 'read') {
        return swrError(400, 'SVCSTG.SWR.4000001', 'access_domain is required and permit must be "read"')
      }
      if (typeof deadline !== 'string' || !DEADLINE.test(deadline)) {
        return swrError(400, 'SVCSTG.SWR.4000001', 'deadline must be "forever" or a UTC time')
      }
      const shares = this.shares.get(key) ?? []
      if (shares.some((share) => share.access_domain === account)) {
        return swrError(409, 'SVCSTG.SWR.4090002', 'The repository is already shared with this account')
      }
      this.shares.set(key, [...shares, { access_domain: account, permit, deadline }])
      return { status: 201 }
    }),
    this.route(
      'PATCH',
      'repositories/:repository/access-domains/:account',
      'updateShare',
      (key, body, _query, params) => {
        const share = (this.shares.get(key) ?? []).find((candidate) => candidate.access_domain === params.account)
        if (!share) return swrError(404, 'SVCSTG.SWR.4040005', `No share with ${params.account}`)
        const { permit, deadline, description } = body
        if (permit !== 'read' || typeof deadline !== 'string' || !DEADLINE.test(deadline)) {
          return swrError(400, 'SVCSTG.SWR.4000001', 'permit must be "read" and deadline "forever" or a UTC time')
        }
        share.deadline = deadline
        share.description = typeof description === 'string' ? description : ''
        return { status: 200 }
      },
    ),
  ]

  /** A route on one of the account's repositories, in the region the request is for. */
  /** What a tag points at: what a push or retag recorded, else a digest made from its name (an image). */
  manifestOf(key: string, tag: string): { digest: string; kind: 0 | 1 } {
    const made = `sha256:${createHash('sha256').update(`${key}:${tag}`).digest('hex')}`
    return this.tagManifests.get(`${key}:${tag}`) ?? { digest: made, kind: 0 }
  }

  private route(
    method: string,
    under: string,
    operation: string,
    run: (key: string, body: Record<string, unknown>, query: URLSearchParams, params: Record<string, string>) => Answer,
  ): AccountRoute {
    return {
      method,
      path: `/v2/manage/namespaces/:namespace/${under}`,
      operation,
      run: (request: RouteRequest, account: Account) => {
        const found = this.swrFor(request.region).ownRepository(
          account,
          request.params.namespace,
          repositoryName(request),
        )
        if ('status' in found) return found
        const body = (request.body ?? {}) as Record<string, unknown>
        return run(found.key, typeof body === 'object' ? body : {}, request.query, request.params)
      },
    }
  }
}
