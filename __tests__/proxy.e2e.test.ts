// Behind a proxy, as on a runner whose network allows only one: dist/index.js with https_proxy set and the default
// regional endpoint sends every SWR request through one CONNECT tunnel to swr-api.REGION.myhuaweicloud.com. The proxy
// here tunnels any host to the emulator, which serves HTTPS with a certificate for that host that the run trusts
// through NODE_EXTRA_CA_CERTS; a loopback endpoint never goes through the proxy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'
import { DEMO_KEY_ENV, SwrEmulator } from '../emulator/swr-emulator.js'
import { runAction } from '../runner/run-action.js'
import { TunnellingProxy } from './helpers/tunnelling-proxy.js'

const REGIONAL_HOST = 'swr-api.cn-north-4.myhuaweicloud.com'

let workdir: string
let tls: { key: string; cert: string }
let certificateFile: string
let emulator: SwrEmulator
let emulatorPort = 0
let proxy: TunnellingProxy
let proxyUrl: string

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: REGIONAL_HOST }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: REGIONAL_HOST }] }],
  })
  tls = { key: pems.private, cert: pems.cert }
  workdir = mkdtempSync(join(tmpdir(), 'swr-proxy-'))
  certificateFile = join(workdir, 'regional-host.pem')
  writeFileSync(certificateFile, pems.cert)
})
afterAll(() => rmSync(workdir, { recursive: true, force: true }))

beforeEach(async () => {
  emulator = new SwrEmulator({ tls })
  emulatorPort = Number(new URL(await emulator.start()).port)
  proxy = new TunnellingProxy(() => emulatorPort)
  proxyUrl = await proxy.start()
})
afterEach(async () => {
  await proxy.stop()
  await emulator.stop()
})

const INPUTS = { namespace: 'team', repository: 'web', region: 'cn-north-4' }
const proxied = (extra: Record<string, string> = {}) => ({
  env: { ...DEMO_KEY_ENV, https_proxy: proxyUrl, NODE_EXTRA_CA_CERTS: certificateFile, ...extra },
})

test('https_proxy carries a first run to the regional host', async () => {
  const run = await runAction(INPUTS, proxied())

  expect(run.stderr).toBe('')
  expect(run.exitCode).toBe(0)
  // The toolkit's tunnelling agent opens a tunnel, and so a TLS session, for each request.
  expect(proxy.connects).toEqual(Array(4).fill(`${REGIONAL_HOST}:443`))
  expect(emulator.requests.map((request) => `${request.method} ${request.target} ${request.status}`)).toEqual([
    'GET /v2/manage/namespaces/team/repos/web 404',
    'POST /v2/manage/namespaces 201',
    'POST /v2/manage/namespaces/team/repos 201',
    'GET /v2/manage/namespaces/team/repos/web 200',
  ])
  expect(emulator.tlsHandshakes).toBe(4)
  expect(run.outputs.registry).toBe('swr.cn-north-4.myhuaweicloud.com')
})

test("the proxy's user name and password go to the proxy, and are never shown", async () => {
  const withCredentials = new URL(proxyUrl)
  withCredentials.username = 'proxy-user'
  withCredentials.password = 'proxy-password'
  const run = await runAction(INPUTS, proxied({ https_proxy: withCredentials.href }))

  expect(run.exitCode).toBe(0)
  const basic = `Basic ${Buffer.from('proxy-user:proxy-password').toString('base64')}`
  expect(proxy.authorizations).toEqual(Array(4).fill(basic))
  expect(emulator.requests.map((request) => request.auth)).toEqual(Array(4).fill('signature'))
  expect(run.stdout).not.toContain('proxy-password')
})

test('no_proxy naming the regional host sends the run around the proxy', async () => {
  // Around the proxy the regional host is looked up and reached directly, which the demo credentials cannot pass
  // (and a machine without the internet cannot reach): the run fails, and the proxy was never asked.
  const run = await runAction(
    { ...INPUTS, max_attempts: '1', timeout_seconds: '5' },
    proxied({ no_proxy: '.myhuaweicloud.com' }),
  )

  expect(proxy.connects).toEqual([])
  expect(run.exitCode).toBe(1)
  expect(emulator.requests).toEqual([])
})

test('a loopback endpoint is reached directly, with https_proxy set', async () => {
  const run = await runAction(
    { ...INPUTS, endpoint: `https://localhost:${emulatorPort}`, max_attempts: '1' },
    proxied(),
  )

  // The emulator's certificate names the regional host, not localhost: reaching it directly fails the TLS check,
  // which is how this test tells a direct connection from one through the proxy (which would have succeeded).
  expect(proxy.connects).toEqual([])
  expect(run.exitCode).toBe(1)
  expect(run.stdout).toMatch(/no answer from localhost:\d+ after 1 attempt \(ERR_TLS_CERT_ALTNAME_INVALID/)
})
