// A forward proxy for end-to-end tests: it answers CONNECT for any host by tunnelling to one port on loopback, so
// that a run using SWR's real regional hosts (through https_proxy) reaches the emulator, and records what it was
// asked.
import { createServer, type Server } from 'node:http'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'
import { type EmulatorOptions, SwrEmulator } from '../../emulator/swr-emulator.js'

/** A forward proxy that answers CONNECT by tunnelling to one port on loopback, and records what it was asked. */
export class TunnellingProxy {
  readonly connects: string[] = []
  readonly authorizations: (string | undefined)[] = []
  private readonly server: Server
  private readonly sockets = new Set<Socket>()

  constructor(targetPort: () => number) {
    this.server = createServer((_request, response) => response.writeHead(405).end())
    this.server.on('connect', (request, client: Socket, head: Buffer) => {
      this.connects.push(request.url ?? '')
      this.authorizations.push(request.headers['proxy-authorization'])
      const upstream = connect(targetPort(), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(client).pipe(upstream)
      })
      for (const socket of [client, upstream]) {
        this.sockets.add(socket)
        socket.on('error', () => socket.destroy())
        socket.on('close', () => this.sockets.delete(socket))
      }
    })
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    const address = this.server.address()
    if (!address || typeof address === 'string') throw new Error('the proxy has no port')
    return `http://127.0.0.1:${address.port}`
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise((resolve) => this.server.close(resolve))
  }
}

/**
 * The emulator behind SWR's real regional hosts: HTTPS with a certificate for them, trusted by the run through
 * NODE_EXTRA_CA_CERTS, reached through the proxy in https_proxy. `env()` is what a run needs for it.
 */
export interface RegionalSetup {
  emulator: SwrEmulator
  proxy: TunnellingProxy
  env(): Record<string, string>
}

export function useRegionalEmulator(regions: string[], options: EmulatorOptions = {}): RegionalSetup {
  const hosts = regions.map((region) => `swr-api.${region}.myhuaweicloud.com`)
  let workdir = ''
  let tls: { key: string; cert: string } | undefined
  let emulator: SwrEmulator | undefined
  let proxy: TunnellingProxy | undefined
  let proxyUrl = ''
  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: hosts[0] }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2 as const, value })) }],
    })
    tls = { key: pems.private, cert: pems.cert }
    workdir = mkdtempSync(join(tmpdir(), 'swr-regional-'))
    writeFileSync(join(workdir, 'regional-hosts.pem'), pems.cert)
  })
  afterAll(() => rmSync(workdir, { recursive: true, force: true }))
  beforeEach(async () => {
    const started = new SwrEmulator({ ...options, tls, region: regions[0] })
    const port = Number(new URL(await started.start()).port)
    emulator = started
    proxy = new TunnellingProxy(() => port)
    proxyUrl = await proxy.start()
  })
  afterEach(async () => {
    await proxy?.stop()
    await emulator?.stop()
  })
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('The regional emulator is started by the test hooks: use it inside a test.')
    return value
  }
  return {
    get emulator() {
      return started(emulator)
    },
    get proxy() {
      return started(proxy)
    },
    env: () => ({ https_proxy: proxyUrl, NODE_EXTRA_CA_CERTS: join(workdir, 'regional-hosts.pem') }),
  }
}
