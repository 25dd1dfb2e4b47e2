// A small image written to disk as an OCI image layout, for a real registry client to copy: one image (one layer
// holding one file), or an image index of two platforms. Every blob is real: a tar, gzipped, its digests computed.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: { architecture: string; os: string }
  annotations?: Record<string, string>
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** A tar archive of one regular file, as POSIX ustar writes it. */
function tarOf(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512)
  const field = (text: string, offset: number, length: number) => header.write(text, offset, length, 'ascii')
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0')
  field(name, 0, 100)
  field(octal(0o644, 8), 100, 8)
  field(octal(0, 8), 108, 8)
  field(octal(0, 8), 116, 8)
  field(octal(content.length, 12), 124, 12)
  field(octal(0, 12), 136, 12)
  field('        ', 148, 8)
  field('0', 156, 1)
  field('ustar', 257, 6)
  field('00', 263, 2)
  const checksum = header.reduce((sum, byte) => sum + byte, 0)
  field(`${octal(checksum, 7)}\0`, 148, 8)
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512)
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)])
}

export class OciLayout {
  readonly dir = mkdtempSync(join(tmpdir(), 'swr-oci-'))
  private readonly references: Descriptor[] = []

  constructor() {
    mkdirSync(join(this.dir, 'blobs', 'sha256'), { recursive: true })
    writeFileSync(join(this.dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  }

  private blob(mediaType: string, bytes: Buffer, extra: Partial<Descriptor> = {}): Descriptor {
    const hex = sha256(bytes)
    writeFileSync(join(this.dir, 'blobs', 'sha256', hex), bytes)
    return { mediaType, digest: `sha256:${hex}`, size: bytes.length, ...extra }
  }

  /** One platform's image: a layer holding a file that names it, its config and its manifest. */
  private image(architecture: string): Descriptor {
    const tar = tarOf('hello.txt', Buffer.from(`hello from ${architecture}\n`))
    const layer = this.blob('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(tar))
    const config = this.blob(
      'application/vnd.oci.image.config.v1+json',
      Buffer.from(
        JSON.stringify({
          architecture,
          os: 'linux',
          config: { Cmd: ['cat', '/hello.txt'] },
          rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(tar)}`] },
        }),
      ),
    )
    const manifest = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config,
      layers: [layer],
    }
    return this.blob(manifest.mediaType, Buffer.from(JSON.stringify(manifest)), {
      platform: { architecture, os: 'linux' },
    })
  }

  /** Adds one image, named by the tag in the layout. */
  addImage(tag: string): this {
    const { platform: _platform, ...descriptor } = this.image('amd64')
    this.references.push({ ...descriptor, annotations: { 'org.opencontainers.image.ref.name': tag } })
    return this.write()
  }

  /** Adds an image index of two platforms, as a multi-platform build makes, named by the tag. */
  addIndex(tag: string): this {
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [this.image('amd64'), this.image('arm64')],
    }
    const descriptor = this.blob(index.mediaType, Buffer.from(JSON.stringify(index)))
    this.references.push({ ...descriptor, annotations: { 'org.opencontainers.image.ref.name': tag } })
    return this.write()
  }

  private write(): this {
    writeFileSync(join(this.dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: this.references }))
    return this
  }
}
