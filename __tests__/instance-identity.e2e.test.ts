// Signing in with the runner's own identity, end to end: the agency of an ECS (its metadata service, with and
// without a session token, with no agency, or none at all), and an OpenID Connect ID token from a file.
import { execFileSync } from 'node:child_process'
import { type AddressInfo, createServer } from 'node:net'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_KEY_ENV } from '../emulator/swr-emulator.js'
import { runAction } from '../runner/run-action.js'
import { errorOf, expectCleanEnding, expectNoSecretShown, maskedValues, visibleLog } from './helpers/action-log.js'
import { type Emulated, useEmulator } from './helpers/emulated.js'

const BASE = { namespace: 'team', repository: 'web', region: 'cn-north-4' }
const swrRequests = (requests: { operation?: string }[]) =>
  requests.filter((request) => !request.operation?.startsWith('metadata'))

async function run(endpoint: string, inputs: Record<string, string>, env: Record<string, string>, home?: string) {
  const result = await runAction({ ...BASE, endpoint, ...inputs }, { env, home, timeoutMs: 30_000 })
  expectCleanEnding(result)
  return result
}

/** A run that signs in with the instance's agency, the emulator standing in for its metadata service. */
const onInstance = (emulated: Emulated) =>
  run(emulated.endpoint, { instance_credentials: 'true' }, { SWR_ENSURE_METADATA_ENDPOINT: emulated.endpoint })

describe('the agency of an ECS', () => {
  describe('with a metadata service that needs no session token', () => {
    const emulated = useEmulator({ metadata: { agency: true } })
    const env = () => ({ SWR_ENSURE_METADATA_ENDPOINT: emulated.endpoint })

    it('signs SWR requests with the temporary access key and its security token', async () => {
      const result = await run(emulated.endpoint, { instance_credentials: 'true' }, env())
      expect(result.exitCode).toBe(0)
      const [token, key, ...swr] = emulated.emulator.requests
      expect([token, key].map((request) => `${request.method} ${request.target} ${request.status}`)).toEqual([
        'PUT /meta-data/latest/api/token 404',
        'GET /openstack/latest/securitykey 200',
      ])
      expect(swr.map((request) => request.operation)).toEqual([
        'showRepository',
        'createNamespace',
        'createRepository',
        'showRepository',
      ])
      for (const request of swr) expect(request.signedHeaders).toContain('x-security-token')
      expect(result.stdout).toContain('signing in with the agency of this ECS or BMS (instance metadata)')
      const temporary = emulated.emulator.accounts[0].accessKeys.at(-1)
      expectNoSecretShown(result, [temporary?.secret ?? '', temporary?.securityToken ?? ''])
    })

    it('logs Docker in, and the registry accepts the login', async () => {
      const home = mkdtempSync(join(tmpdir(), 'swr-instance-home-'))
      const result = await run(emulated.endpoint, { instance_credentials: 'true', login: 'true' }, env(), home)
      expect(result.exitCode).toBe(0)
      const auth = JSON.parse(readFileSync(join(home, '.docker', 'config.json'), 'utf8')).auths[
        emulated.emulator.registryHost
      ].auth
      const answer = await fetch(`${emulated.endpoint}/v2/`, { headers: { Authorization: `Basic ${auth}` } })
      expect(answer.status).toBe(200)
    })

    it('with access keys given too, stops before any request, naming both', async () => {
      const inputs = { instance_credentials: 'true' }
      const result = await run(emulated.endpoint, inputs, { ...env(), ...DEMO_KEY_ENV })
      expect(result.exitCode).toBe(1)
      expect(errorOf(result)).toBe(
        'Sign in one way per run: instance_credentials is true, and the environment gives access keys (HUAWEI_CLOUD_ACCESS_KEY_ID). Remove all but one (set instance_credentials to false to use the others).',
      )
      const given = await run(
        emulated.endpoint,
        { ...inputs, access_key_id: 'AK', secret_access_key: 'SK-0001' },
        env(),
      )
      expect(errorOf(given)).toMatch(
        /instance_credentials is true, and the inputs give access keys \(access_key_id, secret_access_key\)/,
      )
      expect(emulated.emulator.requests).toHaveLength(0)
    })

    it('a run that does not ask for it sends nothing to the metadata service, whatever the environment', async () => {
      const result = await run(emulated.endpoint, {}, { ...env(), ...DEMO_KEY_ENV, HUAWEICLOUD_SDK_IDP_ID: '' })
      expect(result.exitCode).toBe(0)
      expect(emulated.emulator.requests.filter((request) => request.operation?.startsWith('metadata'))).toEqual([])
    })
  })

  describe('with a metadata service that requires a session token', () => {
    const emulated = useEmulator({ metadata: { agency: true, tokenRequired: true } })

    it('asks for the token first and sends it', async () => {
      const result = await onInstance(emulated)
      expect(result.exitCode).toBe(0)
      expect(emulated.emulator.requests.slice(0, 2).map((request) => `${request.method} ${request.status}`)).toEqual([
        'PUT 200',
        'GET 200',
      ])
    })
  })

  describe('with a metadata service that never answers (an address no machine holds)', () => {
    const emulated = useEmulator({ metadata: { agency: true } })

    it('gives up within its 5 s, 3 s a try as the SDKs allow, naming the cause, with no SWR request', async () => {
      emulated.emulator.inject({ operation: 'metadataToken', times: 5, fault: { hang: true } })
      const result = await onInstance(emulated)
      // From the sign-in's first request, on the test's own clock: 5 s, with a margin for a loaded machine.
      expect(performance.now() - emulated.emulator.requests[0].receivedAt).toBeLessThan(5000 + 2000)
      expect(result.stdout).toMatch(/no complete answer within 3 s; trying again/)
      expect(errorOf(result)).toMatch(/after 2 attempts \(no complete answer within [\d.]+ s\).*not an ECS or BMS/)
      expect(swrRequests(emulated.emulator.requests)).toEqual([])
    })
  })

  describe('with no agency bound', () => {
    const emulated = useEmulator({ metadata: { agency: false } })

    it('says how to bind one, with no SWR request', async () => {
      const result = await onInstance(emulated)
      expect(result.exitCode).toBe(1)
      expect(errorOf(result)).toMatch(
        /HTTP 401.*No agency is bound to this instance: in the ECS console, create an agency/,
      )
      expect(swrRequests(emulated.emulator.requests)).toEqual([])
    })
  })

  describe('with no metadata service at all', () => {
    const emulated = useEmulator()

    it('fails within 5 s, naming the cause, with no SWR request', async () => {
      // An address where connections are closed at once, as where no metadata service listens.
      const connections: number[] = []
      const closing = createServer((socket) => (connections.push(performance.now()), socket.destroy()))
      await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve))
      const { port } = closing.address() as AddressInfo
      try {
        const result = await run(
          emulated.endpoint,
          { instance_credentials: 'true' },
          { SWR_ENSURE_METADATA_ENDPOINT: `http://127.0.0.1:${port}` },
        )
        expect(performance.now() - connections[0]).toBeLessThan(5000 + 2000)
        expect(result.exitCode).toBe(1)
        expect(errorOf(result)).toMatch(
          new RegExp(`no answer from 127\\.0\\.0\\.1:${port} .*this machine is not an ECS or BMS of Huawei Cloud`),
        )
      } finally {
        closing.close()
      }
      expect(emulated.emulator.requests).toEqual([])
    })
  })
})

describe('an OpenID Connect ID token from a file', () => {
  const provider = {
    id: 'cce-pods',
    account: 'demo',
    issuer: 'https://kubernetes.default.svc',
    clientId: 'sts.huaweicloud.com',
  }
  const emulated = useEmulator({ identityProviders: [provider] })
  const tokenFile = (content: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'swr-token-')), 'token')
    writeFileSync(file, content)
    return file
  }
  const token = () =>
    emulated.emulator.idTokens.issue({
      iss: provider.issuer,
      aud: provider.clientId,
      exp: Math.floor(Date.now() / 1000) + 600,
    })

  type Given = (file: string) => [Record<string, string>, Record<string, string>]
  it.each<[string, Given]>([
    ['the input', (file) => [{ idp_id: 'cce-pods', id_token_file: file }, {}]],
    [
      'the SDK variables',
      (file: string) => [{}, { HUAWEICLOUD_SDK_IDP_ID: 'cce-pods', HUAWEICLOUD_SDK_ID_TOKEN_FILE: file }],
    ],
  ] as const)(
    'from %s: exchanged at IAM, and its token signs the SWR requests, the login included',
    async (_from, given) => {
      const idToken = token()
      const [inputs, env] = given(tokenFile(`${idToken}\n`))
      const home = mkdtempSync(join(tmpdir(), 'swr-token-home-'))
      const result = await run(
        emulated.endpoint,
        { ...inputs, iam_endpoint: emulated.endpoint, login: 'true' },
        env,
        home,
      )
      expect(result.exitCode).toBe(0)
      expect(emulated.emulator.requests.map((request) => request.operation).slice(0, 2)).toEqual([
        'idTokenToken',
        'showRepository',
      ])
      expect(
        emulated.emulator.requests
          .slice(1)
          .every((request) => request.auth === 'token' || request.operation === 'registryCheck'),
      ).toBe(true)
      expectNoSecretShown(result, [idToken])
    },
  )

  it.each([
    ['absent', () => join(tmpdir(), 'no-such-token-file'), /does not exist/],
    ['empty', () => tokenFile(''), /is empty/],
    ['not a JWT', () => tokenFile('not a token'), /does not hold an OpenID Connect ID token/],
  ])('%s: a clear error before any request', async (_case, file, message) => {
    const result = await run(
      emulated.endpoint,
      { idp_id: 'cce-pods', id_token_file: file(), iam_endpoint: emulated.endpoint },
      {},
    )
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(message)
    expect(emulated.emulator.requests).toEqual([])
  })

  it('without idp_id names it', async () => {
    const result = await run(emulated.endpoint, { id_token_file: tokenFile(token()) }, {})
    expect(errorOf(result)).toMatch(/^Input id_token_file needs idp_id too/)
    expect(emulated.emulator.requests).toEqual([])
  })
})

describe('the metadata service, as the SDKs read it, trusting no answer', () => {
  const operations = (emulated: Emulated) =>
    emulated.emulator.requests.map((request) => `${request.operation} ${request.status}`)

  describe.each([405, 503] as const)('where the token path answers %i', (status) => {
    const emulated = useEmulator({ metadata: { agency: true, noTokenStatus: status } })

    it('reads the key without a token, asking for one once', async () => {
      const result = await onInstance(emulated)
      expect(result.exitCode).toBe(0)
      expect(operations(emulated).slice(0, 3)).toEqual([
        `metadataToken ${status}`,
        'metadataSecurityKey 200',
        'showRepository 404',
      ])
    })
  })

  describe('with an agency', () => {
    const emulated = useEmulator({ metadata: { agency: true, keyId: 'TEMPKEYID00000000001' } })

    it("a Retry-After of 60 s does not hold the step: the sign-in's 5 s bound it", async () => {
      emulated.emulator.inject({
        operation: 'metadataSecurityKey',
        times: 5,
        fault: { status: 503, body: 'busy', headers: { 'Retry-After': '60' } },
      })
      const result = await onInstance(emulated)
      expect(performance.now() - emulated.emulator.requests[0].receivedAt).toBeLessThan(5000 + 2000)
      expect(result.exitCode).toBe(1)
      expect(errorOf(result)).toMatch(/temporary access key from the instance metadata service failed with HTTP 503/)
      expect(swrRequests(emulated.emulator.requests)).toEqual([])
    })

    it("the agency's temporary access key ID is masked, as the input access_key_id is", async () => {
      emulated.emulator.inject({
        operation: 'showRepository',
        times: 1,
        fault: {
          status: 403,
          body: '{"errorCode":"SVCSTG.SWR.4039002","errorMessage":"Access key TEMPKEYID00000000001 may not read this"}',
        },
      })
      const result = await onInstance(emulated)
      expect(result.exitCode).toBe(1)
      expect(maskedValues(result)).toContain('TEMPKEYID00000000001')
      expectNoSecretShown(result, ['TEMPKEYID00000000001'])
    })

    it('a session token that is not one is refused without being quoted', async () => {
      emulated.emulator.inject({
        operation: 'metadataToken',
        times: 1,
        fault: { status: 200, body: 'SESSION-SECRET-0001 \u0007 with a bell and\nline' },
      })
      const result = await onInstance(emulated)
      expect(result.exitCode).toBe(1)
      expect(errorOf(result)).toMatch(
        /with a body that is not a session token: it is empty, too long, or has characters/,
      )
      expect(visibleLog(result)).not.toContain('SESSION-SECRET-0001')
    })
  })

  describe.each([
    ['that has expired', -60_000, /expired at .*Check the instance's time synchronisation/],
    ['that claims to last two days', 48 * 3600_000, /claims to last until .*more than 24 hours from now/],
  ])('a key %s', (_case, keyLifetimeMs, message) => {
    const emulated = useEmulator({ metadata: { agency: true, keyLifetimeMs } })

    it('is refused with a message about the metadata service, and never sent to SWR', async () => {
      const result = await onInstance(emulated)
      expect(result.exitCode).toBe(1)
      expect(errorOf(result)).toMatch(/^The instance metadata service gave a temporary access key /)
      expect(errorOf(result)).toMatch(message)
      expect(swrRequests(emulated.emulator.requests)).toEqual([])
    })
  })
})

describe('sign-in values from inputs and the environment are shown cleaned', () => {
  const emulated = useEmulator()
  const injected = /^::warning::injected/m

  it.each([
    [
      'the input idp_id',
      { idp_id: 'cce-pods\n::warning::injected' },
      {},
      /^Input idp_id "cce-pods\\n::warning::injected" is not an identity provider's ID/,
    ],
    [
      'HUAWEICLOUD_SDK_IDP_ID',
      {},
      { HUAWEICLOUD_SDK_IDP_ID: 'cce-pods\n::warning::injected', HUAWEICLOUD_SDK_ID_TOKEN_FILE: '/tmp/token' },
      /^The variable HUAWEICLOUD_SDK_IDP_ID "cce-pods\\n::warning::injected" is not an identity provider's ID/,
    ],
    [
      'HUAWEICLOUD_SDK_ID_TOKEN_FILE',
      {},
      { HUAWEICLOUD_SDK_IDP_ID: 'cce-pods', HUAWEICLOUD_SDK_ID_TOKEN_FILE: '/tmp/no-such\n::warning::injected' },
      /^The ID token file \/tmp\/no-such\\n::warning::injected \(id_token_file, or HUAWEICLOUD_SDK_ID_TOKEN_FILE\) does not exist/,
    ],
  ])(
    '%s with a line break and a workflow command is refused before any request',
    async (_from, inputs, env, message) => {
      const result = await run(emulated.endpoint, inputs, env)
      expect(result.exitCode).toBe(1)
      expect(errorOf(result)).toMatch(message)
      expect(result.stdout).not.toMatch(injected)
      expect(emulated.emulator.requests).toEqual([])
    },
  )

  it('an id_token_file that is a FIFO nobody writes to is refused at once, not waited on', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'swr-fifo-')), 'token')
    execFileSync('mkfifo', [fifo])
    // A step that waited on the FIFO would be stopped by the run's 30 s bound, with no exit code.
    const result = await run(emulated.endpoint, { idp_id: 'cce-pods', id_token_file: fifo }, {})
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toContain(
      `The ID token file ${fifo} (id_token_file, or HUAWEICLOUD_SDK_ID_TOKEN_FILE) is not a regular file`,
    )
    expect(emulated.emulator.requests).toEqual([])
  })
})
