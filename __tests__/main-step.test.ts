// The main step's orchestration, with an in-memory runner and in-memory services: no process, no socket.
import type { LoginSecret } from '../src/clients/swr/login-secret.js'
import type { SwrApi } from '../src/clients/swr/swr-api.js'
import type { Login, LoginWish } from '../src/flow/login.js'
import { mainStep, type MainServices } from '../src/flow/main-step.js'
import type { Credentials } from '../src/rules/credentials.js'
import { InMemorySwr, refusal } from './helpers/in-memory-swr.js'
import { memoryRunner } from './helpers/memory-runner.js'

const KEYS = {
  HUAWEI_CLOUD_ACCESS_KEY_ID: 'AKINMEMORY0000000001',
  HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'in-memory-secret-0001',
}
const BASE = { namespace: 'team', repository: 'web', region: 'cn-north-4' }

interface Recorded {
  services: MainServices
  calls: string[]
  credentials: Credentials[]
}

function services(swr: SwrApi = new InMemorySwr(), logIn?: MainServices['logIn']): Recorded {
  const calls: string[] = []
  const credentials: Credentials[] = []
  const recorded: Recorded = {
    calls,
    credentials,
    services: {
      connect(inputs, { mask }) {
        calls.push(`connect ${inputs.place.endpoint.origin}`)
        return {
          swr: (given) => (credentials.push(given), swr),
          regionalSwr: (_given, region) => `${region} is not reached in this test`,
          enterprise: () => {
            throw new Error('no Enterprise Edition in this test')
          },
          iam: {
            async passwordToken(signIn) {
              calls.push(`iam password ${signIn.user}`)
              const token = `iam-token-for-${signIn.user}`
              mask(token)
              return { token }
            },
            async federatedToken(idpId, idToken, tokenName) {
              calls.push(`iam federated ${idpId} ${idToken} (${tokenName})`)
              return { token: 'federated-token-0001' }
            },
          },
          async githubIdToken(endpoint, audience) {
            calls.push(`github ${endpoint.url} ${audience ?? 'default'}`)
            return 'eyJhbGciOi.eyJpc3Mi.c2lnbmF0dXJl'
          },
          idTokenFile: (path) => (calls.push(`token file ${path}`), 'eyJmaWxl.eyJ0b2tlbiI.c2ln'),
          async instanceCredentials() {
            calls.push('instance metadata')
            return {
              kind: 'access-key',
              accessKeyId: 'AKTEMP',
              secretAccessKey: 'temp-secret',
              securityToken: 'st',
              source: 'agency',
            }
          },
          dispose: () => void calls.push('dispose'),
        }
      },
      logIn:
        logIn ??
        (async (createSecret: () => Promise<LoginSecret>, wish: LoginWish): Promise<Login> => {
          calls.push(`logIn ${wish.host}`)
          const secret: LoginSecret = await createSecret()
          const record = {
            via: 'config' as const,
            host: wish.host,
            configPath: '/h/.docker/config.json',
            fingerprint: 'f'.repeat(64),
          }
          return { secret, record }
        }),
    },
  }
  return recorded
}

it('a first run: ensures, says what it did, writes the outputs, and closes the connection', async () => {
  const runner = memoryRunner({ ...BASE, category: 'linux' }, KEYS)
  const swr = new InMemorySwr()
  const { services: given, calls } = services(swr)
  await mainStep(runner, given)

  expect(runner.failure).toBeUndefined()
  expect(swr.writes()).toEqual(['createNamespace team', 'createRepository team/web'])
  expect(runner.lines.filter((line) => line.level === 'info').map((line) => line.text)).toEqual([
    'SWR https://swr-api.cn-north-4.myhuaweicloud.com (region cn-north-4), signing in with environment HUAWEI_CLOUD_ACCESS_KEY_ID',
    'Organization team: created',
    'Repository team/web: created; image swr.cn-north-4.myhuaweicloud.com/team/web',
    "Build settings: Docker media types, no attestations (build_outputs=type=image,push=true,oci-mediatypes=false, provenance=false, sbom=false): SWR's shared edition refuses OCI images, and attestations make the build an OCI index.",
  ])
  expect(runner.outputs).toMatchObject({
    image: 'swr.cn-north-4.myhuaweicloud.com/team/web',
    repository_created: 'true',
  })
  expect(calls).toEqual(['connect https://swr-api.cn-north-4.myhuaweicloud.com', 'dispose'])
})

it('a bad input fails before any connection, naming the input; the secrets are masked all the same', async () => {
  const runner = memoryRunner(
    { ...BASE, namespace: 'My-Team', access_key_id: 'AKGIVEN0001', secret_access_key: 'given-secret-0001' },
    KEYS,
  )
  const { services: given, calls } = services()
  await mainStep(runner, given)

  expect(runner.failure).toMatch(/^Input namespace "My-Team" is not a valid SWR organization name/)
  expect(calls).toEqual([])
  expect(runner.masked).toEqual(expect.arrayContaining(['given-secret-0001', KEYS.HUAWEI_CLOUD_SECRET_ACCESS_KEY]))
})

it('an IAM password: the token IAM issues, masked, is what SWR requests carry', async () => {
  const runner = memoryRunner({ ...BASE, iam_domain: 'acme', iam_user: 'ci', iam_password: 'pw-0001' })
  const recorded = services()
  await mainStep(runner, recorded.services)

  expect(runner.failure).toBeUndefined()
  expect(recorded.calls).toContain('iam password ci')
  expect(recorded.credentials).toEqual([
    { kind: 'token', token: 'iam-token-for-ci', source: 'IAM user ci of account acme' },
  ])
  expect(runner.masked).toEqual(expect.arrayContaining(['pw-0001', 'iam-token-for-ci']))
})

it("OpenID Connect: GitHub's ID token is masked, then exchanged through the identity provider", async () => {
  const env = {
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://runner.example/token?x=1',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt-1',
    GITHUB_REPOSITORY: 'octo/app',
  }
  const runner = memoryRunner({ ...BASE, idp_id: 'github-actions' }, env)
  const recorded = services()
  await mainStep(runner, recorded.services)

  expect(runner.failure).toBeUndefined()
  expect(recorded.calls.slice(1, 3)).toEqual([
    'github https://runner.example/token?x=1 default',
    "iam federated github-actions eyJhbGciOi.eyJpc3Mi.c2lnbmF0dXJl (GitHub's ID token)",
  ])
  expect(runner.masked).toContain('eyJhbGciOi.eyJpc3Mi.c2lnbmF0dXJl')
  expect(runner.lines[0].text).toContain("audience https://github.com/octo (GitHub's default)")
})

describe('the login', () => {
  it('writes the login outputs and saves the record for the post step', async () => {
    const runner = memoryRunner({ ...BASE, login: 'true' }, KEYS)
    const swr = new InMemorySwr()
    swr.addRepository('team', 'web')
    const recorded = services(swr)
    await mainStep(runner, recorded.services)

    expect(runner.failure).toBeUndefined()
    expect(recorded.calls).toContain('logIn swr.cn-north-4.myhuaweicloud.com')
    expect(swr.calls).toContain('createLoginSecret cn-north-4 21600 swr.cn-north-4.myhuaweicloud.com')
    expect(Object.keys(runner.outputs)).toEqual(
      expect.arrayContaining(['docker_username', 'docker_password', 'login_expires_at']),
    )
    expect(JSON.parse(runner.saved.login)).toMatchObject({ via: 'config', host: 'swr.cn-north-4.myhuaweicloud.com' })
  })

  it('saves nothing with logout: false, and logs in for nothing in a dry run', async () => {
    const kept = memoryRunner({ ...BASE, login: 'true', logout: 'false' }, KEYS)
    await mainStep(kept, services().services)
    expect(kept.saved).toEqual({})

    const dry = memoryRunner({ ...BASE, login: 'true', dry_run: 'true' }, KEYS)
    const recorded = services()
    await mainStep(dry, recorded.services)
    expect(recorded.calls.some((call) => call.startsWith('logIn'))).toBe(false)
    expect(dry.lines.map((line) => line.text)).toContain(
      'Dry run: would log in to swr.cn-north-4.myhuaweicloud.com for 6 h',
    )
  })

  it('is not attempted when a path names another registry', async () => {
    const swr = new InMemorySwr()
    swr.addRepository('team', 'web', { path: 'ghcr.io/team/web' })
    const runner = memoryRunner({ ...BASE, login: 'true' }, KEYS)
    const recorded = services(swr)
    await mainStep(runner, recorded.services)
    expect(recorded.calls.some((call) => call.startsWith('logIn'))).toBe(false)
    expect(runner.failure).toMatch(/^Not logging in: SWR gives the path of team\/web on the registry ghcr\.io/)
  })

  it('a failed login and a failed repository end the step in one message naming both', async () => {
    const swr = new InMemorySwr()
    swr.addRepository('team', 'web')
    swr.script('showRepository', swr.showRepository.bind(swr, 'team', 'web') as never, () => {
      throw refusal('Reading repository team/api', 500)
    })
    const runner = memoryRunner({ ...BASE, repository: 'web\napi', login: 'true' }, KEYS)
    const failing = services(swr, async () => {
      throw new Error('the login failed')
    })
    await mainStep(runner, failing.services)
    expect(runner.failure).toContain('team/api')
    expect(runner.failure).toMatch(/\nthe login failed$/)
  })
})

it('writes the summary only when the runner has one and summary is true', async () => {
  const withFile = memoryRunner(BASE, { ...KEYS, GITHUB_STEP_SUMMARY: '/tmp/summary' })
  await mainStep(withFile, services().services)
  expect(withFile.summaries.map((model) => model.title)).toEqual(['SWR repositories'])

  const off = memoryRunner({ ...BASE, summary: 'false' }, { ...KEYS, GITHUB_STEP_SUMMARY: '/tmp/summary' })
  await mainStep(off, services().services)
  const none = memoryRunner(BASE, KEYS)
  await mainStep(none, services().services)
  expect([...off.summaries, ...none.summaries]).toEqual([])
})

it("several repositories: each repository's lines in a log group of its own; one repository: no group", async () => {
  const several = memoryRunner({ ...BASE, repository: 'web\napi' }, KEYS)
  await mainStep(several, services().services)
  expect(several.failure).toBeUndefined()
  expect(several.groups).toEqual(['Repository team/web', 'Repository team/api'])

  const one = memoryRunner(BASE, KEYS)
  await mainStep(one, services().services)
  expect(one.groups).toEqual([])
})
