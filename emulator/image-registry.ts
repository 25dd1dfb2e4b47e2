// The emulator's image registry: what a registry client (docker, buildx, skopeo) does after the login, after the
// distribution spec: blob uploads (monolithic and chunked), blobs and manifests read back (HEAD and GET), tag lists.
// It takes what SWR takes (docs/api-notes.md, "Pushing images"): the shared edition refuses OCI manifests and image
// indexes with the answer users report, and takes Docker schema 2 manifests and manifest lists; an Enterprise
// Edition instance (a login made by its temporary credential) takes both. A pushed tag appears in SWR's own views.
import { createHash, randomUUID } from 'node:crypto'
import type { Answer, PublicRoute, RouteRequest } from './gateway.js'
import type { DistributionService } from './distribution.js'
import type { EnterpriseService } from './enterprise.js'
import type { LoginSecretRecord, RegistryService } from './registry.js'
import type { SwrService } from './swr-service.js'

export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const

const LISTS: string[] = [MEDIA_TYPES.dockerList, MEDIA_TYPES.ociIndex]
const ACCEPTED_BY_SHARED: string[] = [MEDIA_TYPES.dockerManifest, MEDIA_TYPES.dockerList]
const ACCEPTED_BY_INSTANCE: string[] = Object.values(MEDIA_TYPES)

/** What users report SWR's shared edition answers for an OCI image (modelled on those reports: see the notes). */
export const OCI_REFUSAL_MESSAGE = "Invalid image, fail to parse 'manifest.json'"

interface StoredManifest {
  mediaType: string
  bytes: Buffer
  digest: string
}

interface Upload {
  name: string
  chunks: Buffer[]
  size: number
}

/** Where a repository of the registry lives: SWR's shared edition, or an instance. */
type Home = { edition: 'shared'; namespace: string; repository: string } | { edition: 'instance'; instanceId: string }

const NAME = '(?<name>[a-z0-9]+(?:(?:[._-]|__|/)[a-z0-9]+)+)'
const DIGEST = /^sha256:[a-f0-9]{64}$/

const digestOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

const registryError = (status: number, code: string, message: string): Answer => ({
  status,
  headers: { 'Docker-Distribution-API-Version': 'registry/2.0' },
  body: { errors: [{ code, message }] },
})

export class ImageRegistry {
  /** Blobs by digest, with the repositories ("namespace/repository") each was pushed to. */
  readonly blobs = new Map<string, { bytes: Buffer; repositories: Set<string> }>()
  /** Manifests by "namespace/repository", then by tag and by digest. */
  readonly manifests = new Map<string, Map<string, StoredManifest>>()
  private readonly uploads = new Map<string, Upload>()

  constructor(
    private readonly logins: RegistryService,
    private readonly swr: () => SwrService,
    /** The shared edition's tag lists and what each tag points at (SWR's ListRepositoryTags reads them). */
    private readonly distribution: Pick<DistributionService, 'tags' | 'tagManifests'>,
    private readonly enterprise: EnterpriseService,
  ) {}

  readonly routes: PublicRoute[] = [
    this.route('GET', `/v2/${NAME}/manifests/(?<reference>[^/]+)`, 'registryManifestRead', (r) => this.manifest(r)),
    this.route('HEAD', `/v2/${NAME}/manifests/(?<reference>[^/]+)`, 'registryManifestRead', (r) => this.manifest(r)),
    this.route('PUT', `/v2/${NAME}/manifests/(?<reference>[^/]+)`, 'registryManifestPush', (r, home) =>
      this.putManifest(r, home),
    ),
    this.route('GET', `/v2/${NAME}/blobs/(?<digest>[^/]+)`, 'registryBlobRead', (r) => this.blob(r)),
    this.route('HEAD', `/v2/${NAME}/blobs/(?<digest>[^/]+)`, 'registryBlobRead', (r) => this.blob(r)),
    this.route('POST', `/v2/${NAME}/blobs/uploads/`, 'registryUploadStart', (r) => this.startUpload(r)),
    this.route('PATCH', `/v2/${NAME}/blobs/uploads/(?<upload>[a-f0-9-]{36})`, 'registryUploadChunk', (r) =>
      this.chunk(r),
    ),
    this.route('PUT', `/v2/${NAME}/blobs/uploads/(?<upload>[a-f0-9-]{36})`, 'registryUploadFinish', (r) =>
      this.finish(r),
    ),
    this.route('GET', `/v2/${NAME}/tags/list`, 'registryTags', (r, home) => this.tagList(r, home)),
  ]

  /** A route that needs a login good for the repository it names; the gateway asks for none (registries check their own). */
  private route(
    method: string,
    path: string,
    operation: string,
    run: (request: RouteRequest, home: Home) => Answer,
  ): PublicRoute {
    return {
      method,
      path,
      pattern: new RegExp(`^${path}$`),
      operation,
      public: true,
      run: (request) => {
        const login = this.logins.loginOf(request.headers.authorization)
        if (!login) return this.logins.challenge()
        const home = this.homeOf(request.params.name, login)
        if ('status' in home) return home
        return run(request, home)
      },
    }
  }

  /** Where the named repository lives for this login, or why the login may not use it. */
  private homeOf(name: string, login: LoginSecretRecord): Home | Answer {
    const [namespace, ...rest] = name.split('/')
    const repository = rest.join('/')
    if (login.instanceId) {
      if (!this.enterprise.namespaces.has(`${login.instanceId}/${namespace}`)) {
        return registryError(404, 'NAME_UNKNOWN', `namespace ${namespace} does not exist in the instance`)
      }
      return { edition: 'instance', instanceId: login.instanceId }
    }
    const swr = this.swr()
    const owner = swr.namespaces.get(namespace)?.owner
    if (owner !== login.account) return registryError(403, 'DENIED', `no access to the organization ${namespace}`)
    if (!swr.repositories.has(name)) {
      return registryError(404, 'NAME_UNKNOWN', `repository ${name} does not exist: create it first`)
    }
    return { edition: 'shared', namespace, repository }
  }

  private stored(name: string): Map<string, StoredManifest> {
    let found = this.manifests.get(name)
    if (!found) this.manifests.set(name, (found = new Map()))
    return found
  }

  private manifest(request: RouteRequest): Answer {
    const { name, reference } = request.params
    const found = this.manifests.get(name)?.get(reference)
    if (!found) return registryError(404, 'MANIFEST_UNKNOWN', `manifest ${reference} is not in ${name}`)
    const headers = {
      'Content-Type': found.mediaType,
      'Docker-Content-Digest': found.digest,
      'Content-Length': String(found.bytes.length),
      'Docker-Distribution-API-Version': 'registry/2.0',
    }
    return { status: 200, headers, body: request.method === 'HEAD' ? undefined : found.bytes }
  }

  private putManifest(request: RouteRequest, home: Home): Answer {
    const { name, reference } = request.params
    const bytes = request.raw
    let parsed: Record<string, unknown>
    try {
      parsed = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
    } catch {
      return registryError(400, 'MANIFEST_INVALID', 'the manifest is not JSON')
    }
    const declared = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
    const mediaType = declared || (typeof parsed.mediaType === 'string' ? parsed.mediaType : '')
    const accepted = home.edition === 'instance' ? ACCEPTED_BY_INSTANCE : ACCEPTED_BY_SHARED
    if (!accepted.includes(mediaType)) {
      // The shared edition's refusal of OCI images, as users report it (docs/api-notes.md, "Pushing images").
      if (mediaType.startsWith('application/vnd.oci.')) return registryError(400, 'UNKNOWN', OCI_REFUSAL_MESSAGE)
      return registryError(400, 'MANIFEST_INVALID', `manifests of type ${mediaType || '(none)'} are not taken`)
    }
    const missing = this.missingReferences(name, mediaType, parsed)
    if (missing) return missing
    const digest = digestOf(bytes)
    if (DIGEST.test(reference) && reference !== digest) {
      return registryError(400, 'DIGEST_INVALID', `the manifest's digest is ${digest}, not ${reference}`)
    }
    const manifest = { mediaType, bytes, digest }
    const stored = this.stored(name)
    stored.set(digest, manifest)
    if (!DIGEST.test(reference)) {
      stored.set(reference, manifest)
      this.recordTag(name, home, reference, manifest)
    }
    return {
      status: 201,
      headers: {
        Location: `/v2/${name}/manifests/${digest}`,
        'Docker-Content-Digest': digest,
        'Docker-Distribution-API-Version': 'registry/2.0',
      },
    }
  }

  /** A manifest's config and layers must be blobs of the repository; a list's entries, its manifests. */
  private missingReferences(name: string, mediaType: string, parsed: Record<string, unknown>): Answer | undefined {
    const digests = (entries: unknown) =>
      (Array.isArray(entries) ? entries : []).map((entry) => String((entry as { digest?: unknown })?.digest))
    if (LISTS.includes(mediaType)) {
      const unknown = digests(parsed.manifests).find((digest) => !this.manifests.get(name)?.has(digest))
      return unknown ? registryError(400, 'MANIFEST_UNKNOWN', `the list names ${unknown}, not in ${name}`) : undefined
    }
    const referenced = [...digests([parsed.config]), ...digests(parsed.layers)]
    const unknown = referenced.find((digest) => !this.blobs.get(digest)?.repositories.has(name))
    return unknown ? registryError(400, 'MANIFEST_BLOB_UNKNOWN', `blob ${unknown} is not in ${name}`) : undefined
  }

  /** A tag pushed shows in SWR's own views: the tag list and image count, or the instance's repository. */
  private recordTag(name: string, home: Home, tag: string, manifest: StoredManifest): void {
    if (home.edition === 'instance') {
      const [namespace, ...rest] = name.split('/')
      this.enterprise.push(home.instanceId, namespace, rest.join('/'), tag)
      return
    }
    const { tags: lists, tagManifests } = this.distribution
    const tags = lists.get(name) ?? []
    if (!tags.includes(tag)) lists.set(name, [...tags, tag])
    const isList = manifest.mediaType === MEDIA_TYPES.dockerList || manifest.mediaType === MEDIA_TYPES.ociIndex
    tagManifests.set(`${name}:${tag}`, { digest: manifest.digest, kind: isList ? 1 : 0 })
    const record = this.swr().repositories.get(name)
    if (record) {
      record.num_images = (lists.get(name) ?? []).length
      record.updated = new Date().toISOString()
    }
  }

  private blob(request: RouteRequest): Answer {
    const { name, digest } = request.params
    const found = this.blobs.get(digest)
    if (!found?.repositories.has(name)) return registryError(404, 'BLOB_UNKNOWN', `blob ${digest} is not in ${name}`)
    const headers = {
      'Content-Type': 'application/octet-stream',
      'Docker-Content-Digest': digest,
      'Content-Length': String(found.bytes.length),
    }
    return { status: 200, headers, body: request.method === 'HEAD' ? undefined : found.bytes }
  }

  private startUpload(request: RouteRequest): Answer {
    const { name } = request.params
    const mount = request.query.get('mount')
    if (mount && this.blobs.has(mount)) {
      // A blob the registry holds is linked, not sent again.
      this.blobs.get(mount)?.repositories.add(name)
      return { status: 201, headers: { Location: `/v2/${name}/blobs/${mount}`, 'Docker-Content-Digest': mount } }
    }
    const digest = request.query.get('digest')
    if (digest) return this.store(name, digest, request.raw)
    const id = randomUUID()
    this.uploads.set(id, { name, chunks: [], size: 0 })
    return this.uploadAnswer(202, name, id, 0)
  }

  private uploadAnswer(status: number, name: string, id: string, size: number): Answer {
    return {
      status,
      headers: {
        Location: `/v2/${name}/blobs/uploads/${id}`,
        'Docker-Upload-UUID': id,
        Range: `0-${Math.max(0, size - 1)}`,
        'Docker-Distribution-API-Version': 'registry/2.0',
      },
    }
  }

  private chunk(request: RouteRequest): Answer {
    const { name, upload: id } = request.params
    const upload = this.uploads.get(id)
    if (!upload || upload.name !== name) return registryError(404, 'BLOB_UPLOAD_UNKNOWN', 'no such upload')
    const range = /^(\d+)-(\d+)$/.exec(String(request.headers['content-range'] ?? ''))
    if (range && Number(range[1]) !== upload.size) {
      return { status: 416, headers: { Range: `0-${Math.max(0, upload.size - 1)}` } }
    }
    upload.chunks.push(request.raw)
    upload.size += request.raw.length
    return this.uploadAnswer(202, name, id, upload.size)
  }

  private finish(request: RouteRequest): Answer {
    const { name, upload: id } = request.params
    const upload = this.uploads.get(id)
    if (!upload || upload.name !== name) return registryError(404, 'BLOB_UPLOAD_UNKNOWN', 'no such upload')
    this.uploads.delete(id)
    const digest = request.query.get('digest') ?? ''
    return this.store(name, digest, Buffer.concat([...upload.chunks, request.raw]))
  }

  private store(name: string, digest: string, bytes: Buffer): Answer {
    if (!DIGEST.test(digest) || digestOf(bytes) !== digest) {
      return registryError(400, 'DIGEST_INVALID', `the content's digest is ${digestOf(bytes)}, not ${digest}`)
    }
    const found = this.blobs.get(digest) ?? { bytes, repositories: new Set<string>() }
    found.repositories.add(name)
    this.blobs.set(digest, found)
    return {
      status: 201,
      headers: { Location: `/v2/${name}/blobs/${digest}`, 'Docker-Content-Digest': digest },
    }
  }

  private tagList(request: RouteRequest, home: Home): Answer {
    const { name } = request.params
    const [namespace, ...rest] = name.split('/')
    const tags =
      home.edition === 'instance'
        ? [...(this.enterprise.repositories.get(`${home.instanceId}/${namespace}/${rest.join('/')}`)?.tags ?? [])]
        : (this.distribution.tags.get(name) ?? [])
    return { status: 200, body: { name, tags } }
  }
}
