// The push after the step, with a real registry client: the action logs in (login: true) to the emulator, started
// with its own address as the registry, and skopeo, reading only the Docker config the action wrote, copies a small
// image built on disk. SWR's shared edition takes Docker schema 2 and refuses OCI, as users report; an Enterprise
// Edition instance takes both. Skipped, saying so, where skopeo is not installed (`.ci/run` installs it).
import { execFile, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import { DEMO_KEY_ENV } from '../emulator/swr-emulator.js'
import { OCI_REFUSAL_MESSAGE } from '../emulator/image-registry.js'
import { PROJECT_ROOT, runAction } from '../runner/run-action.js'
import { useEmulator } from './helpers/emulated.js'
import { shell, startEmulatorScript } from './helpers/emulator-script.js'
import { OciLayout } from '../emulator/sample-image.js'

const SKOPEO = spawnSync('skopeo', ['--version'], { encoding: 'utf8' })
const available = SKOPEO.status === 0
if (!available) process.stdout.write('Push suite skipped: skopeo is not installed (apt-get install -y skopeo).\n')
const suite = available ? describe : describe.skip

const run = promisify(execFile)
const emulated = useEmulator({ registry: 'own address' })
const INSTANCE_ID = '3f2c1a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b'

/** The registry host: the emulator's own address. */
const registry = () => emulated.endpoint.replace('http://', '')

/** Runs the step with login: true in a fresh home; the Docker config it wrote. */
async function logIn(inputs: Record<string, string> = {}): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'swr-push-home-'))
  const result = await runAction(
    {
      namespace: 'team',
      repository: 'web',
      region: 'cn-north-4',
      endpoint: emulated.endpoint,
      registry: registry(),
      login: 'true',
      ...inputs,
    },
    { env: DEMO_KEY_ENV, home },
  )
  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  return join(home, '.docker', 'config.json')
}

/** skopeo copy from the layout to the emulated registry, with only the login the action wrote. */
async function push(config: string, source: string, target: string, ...flags: string[]) {
  try {
    const { stderr } = await run(
      'skopeo',
      ['copy', '--quiet', ...flags, '--dest-authfile', config, '--dest-tls-verify=false', source, target],
      // No other credential: no containers auth file, no registry configuration of the user's.
      { env: { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), 'swr-skopeo-')) }, timeout: 60_000 },
    )
    return { ok: true, stderr }
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: string }).stderr ?? error) }
  }
}

suite("SWR's shared edition", () => {
  test('takes a Docker schema 2 image pushed with the login the action wrote, and lists its tag', async () => {
    const config = await logIn()
    const layout = new OciLayout().addImage('v1')

    const pushed = await push(config, `oci:${layout.dir}:v1`, `docker://${registry()}/team/web:v1`, '--format', 'v2s2')

    expect(pushed).toEqual({ ok: true, stderr: '' })
    // The layer and the config, each uploaded in a session (POST, PATCH, PUT), then the manifest by tag.
    expect(emulated.trail().filter((line) => line.startsWith('PATCH '))).toHaveLength(2)
    expect(emulated.emulator.images.blobs.size).toBe(2)
    expect(emulated.emulator.tags.get('team/web')).toEqual(['v1'])
    expect(emulated.emulator.repositories.get('team/web')?.num_images).toBe(1)
    const manifest = emulated.emulator.images.manifests.get('team/web')?.get('v1')
    expect(manifest?.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
    // SWR's own tag list shows it, with the digest pushed, as a next run reads it.
    const again = await runAction(
      {
        namespace: 'team',
        repository: 'web',
        region: 'cn-north-4',
        endpoint: emulated.endpoint,
        registry: registry(),
        tags: `${registry()}/team/web:v1`,
      },
      { env: DEMO_KEY_ENV },
    )
    expect(again.outputs.num_images).toBe('1')
    expect(again.outputs.digest).toBe(manifest?.digest)
  })

  test('refuses an OCI image index with the answer users report', async () => {
    const config = await logIn()
    const layout = new OciLayout().addIndex('multi')

    const pushed = await push(config, `oci:${layout.dir}:multi`, `docker://${registry()}/team/web:multi`, '--all')

    expect(pushed.ok).toBe(false)
    expect(pushed.stderr).toContain(OCI_REFUSAL_MESSAGE)
    expect(emulated.emulator.tags.get('team/web') ?? []).toEqual([])
  })

  test('takes a Docker manifest list of two platforms', async () => {
    const config = await logIn()
    const layout = new OciLayout().addIndex('multi')

    const pushed = await push(
      config,
      `oci:${layout.dir}:multi`,
      `docker://${registry()}/team/web:multi`,
      '--all',
      '--format',
      'v2s2',
    )

    expect(pushed).toEqual({ ok: true, stderr: '' })
    const manifest = emulated.emulator.images.manifests.get('team/web')?.get('multi')
    expect(manifest?.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json')
  })

  test('refuses a push without the login, asking for one', async () => {
    const layout = new OciLayout().addImage('v1')
    emulated.emulator.addRepository('team', 'web')
    const empty = join(mkdtempSync(join(tmpdir(), 'swr-no-login-')), 'config.json')

    const pushed = await push(empty, `oci:${layout.dir}:v1`, `docker://${registry()}/team/web:v1`, '--format', 'v2s2')

    expect(pushed.ok).toBe(false)
    expect(pushed.stderr).toMatch(/authentication required|unauthorized/i)
  })
})

describe('the emulated registry, spoken to as the distribution spec says', () => {
  test('a monolithic upload, the blob read back, a manifest by digest, the tag list; a wrong digest refused', async () => {
    const config = await logIn()
    const { auths } = JSON.parse(readFileSync(config, 'utf8')) as { auths: Record<string, { auth: string }> }
    const headers = { Authorization: `Basic ${auths[registry()].auth}` }
    const base = `${emulated.endpoint}/v2/team/web`
    const layer = Buffer.from('a layer')
    const digest = `sha256:${createHash('sha256').update(layer).digest('hex')}`

    const wrong = await fetch(`${base}/blobs/uploads/?digest=sha256:${'0'.repeat(64)}`, {
      method: 'POST',
      headers,
      body: layer,
    })
    expect(wrong.status).toBe(400)
    const uploaded = await fetch(`${base}/blobs/uploads/?digest=${digest}`, { method: 'POST', headers, body: layer })
    expect(uploaded.status).toBe(201)
    const head = await fetch(`${base}/blobs/${digest}`, { method: 'HEAD', headers })
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(layer.length)])
    expect(Buffer.from(await (await fetch(`${base}/blobs/${digest}`, { headers })).arrayBuffer())).toEqual(layer)

    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest, size: layer.length },
      layers: [],
    })
    const type = { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json' }
    const put = await fetch(`${base}/manifests/v2`, { method: 'PUT', headers: { ...headers, ...type }, body: manifest })
    expect(put.status).toBe(201)
    const byDigest = await fetch(`${base}/manifests/${put.headers.get('docker-content-digest')}`, { headers })
    expect(await byDigest.text()).toBe(manifest)
    expect(await (await fetch(`${base}/tags/list`, { headers })).json()).toEqual({ name: 'team/web', tags: ['v2'] })
    const anonymous = await fetch(`${base}/tags/list`)
    expect([anonymous.status, anonymous.headers.get('www-authenticate')]).toEqual([401, `Basic realm="${registry()}"`])
  })
})

suite('the documented push, from a shell, against `npm run emulator -- --registry`', () => {
  test('runs as printed: the step logs in, skopeo pushes the sample image, and the OCI index is refused', async () => {
    const port = await freePort()
    const emulator = await startEmulatorScript(['--port', String(port), '--registry', `127.0.0.1:${port}`, '--quiet'])
    try {
      const exportLine = emulator.banner.find((line) => line.startsWith('export ')) ?? ''
      expect(exportLine).toContain(`INPUT_REGISTRY=127.0.0.1:${port}`)
      const readme = readFileSync(join(PROJECT_ROOT, 'docs', 'running-locally.md'), 'utf8')
      const recipe = /To push to the emulator with a real registry client[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1]
      expect(recipe).toBeDefined()
      const [taken, refused] = (recipe ?? '')
        .replaceAll('127.0.0.1:8080', `127.0.0.1:${port}`)
        .replace(/\\\n\s*/g, '')
        .split('\n')
        .filter((line) => line.startsWith('skopeo '))
      const login = 'INPUT_LOGIN=true INPUT_AUTH_TOKEN=demo-iam-token-0001 npx node dist/index.js >/dev/null'
      const prelude = `${exportLine}; export DOCKER_CONFIG=$(mktemp -d) GITHUB_STATE=$(mktemp) GITHUB_OUTPUT=$(mktemp); ${login}; IMAGE=$(npm run --silent sample-image)`
      const first = await shell(`${prelude}; ${taken}`)
      expect(first.code).toBe(0)
      expect(first.output).toContain('Writing manifest to image destination')
      const second = await shell(`${prelude}; ${refused}`)
      expect(second.code).not.toBe(0)
      expect(second.output).toContain(OCI_REFUSAL_MESSAGE)
    } finally {
      emulator.stop()
    }
  })
})

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}

suite('an Enterprise Edition instance', () => {
  const enterpriseInputs = () => {
    emulated.emulator.enterprise.addInstance({
      id: INSTANCE_ID,
      name: 'prod-registry',
      status: 'Running',
      access_address: registry(),
    })
    return { instance: INSTANCE_ID, iam_endpoint: emulated.endpoint }
  }

  test.each([
    ['an OCI image index', 'multi', (layout: OciLayout) => layout.addIndex('multi'), ['--all']],
    ['a Docker schema 2 image', 'v1', (layout: OciLayout) => layout.addImage('v1'), ['--format', 'v2s2']],
  ])('takes %s, and the repository then reads as existing', async (_kind, tag, build, flags) => {
    const inputs = enterpriseInputs()
    const config = await logIn(inputs)
    const layout = build(new OciLayout())

    const pushed = await push(config, `oci:${layout.dir}:${tag}`, `docker://${registry()}/team/web:${tag}`, ...flags)

    expect(pushed).toEqual({ ok: true, stderr: '' })
    const repository = emulated.emulator.enterprise.repositories.get(`${INSTANCE_ID}/team/web`)
    expect([...(repository?.tags ?? [])]).toEqual([tag])
    const again = await runAction(
      {
        namespace: 'team',
        repository: 'web',
        region: 'cn-north-4',
        endpoint: emulated.endpoint,
        registry: registry(),
        ...inputs,
      },
      { env: DEMO_KEY_ENV },
    )
    expect(again.stdout).toContain(`Repository team/web: exists; image ${registry()}/team/web`)
  })
})
