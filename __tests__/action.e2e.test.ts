// The bundled action, run as a GitHub runner runs it, against the SWR emulator over real HTTP.
import { useEmulator } from './helpers/emulated.js'
import { DEMO_ACCOUNT, DEMO_KEY_ENV, type Account } from '../emulator/swr-emulator.js'
import { runAction, type ActionRun } from '../runner/run-action.js'
import { commandMessages, errorOf, expectNoSecretShown as expectNoSecretLogged } from './helpers/action-log.js'

const [DEMO_KEY] = DEMO_ACCOUNT.accessKeys
const KEY_ENV = DEMO_KEY_ENV

const OTHER_ACCOUNT: Account = {
  name: 'other',
  domainId: 'ffffffffffffffffffffffffffffffff',
  accessKeys: [{ id: 'OTHERACCESSKEYID000001', secret: 'other-secret-access-key' }],
  tokens: [],
}
const TEMPORARY_KEY = {
  id: 'TEMPORARYACCESSKEY0001',
  secret: 'temporary-secret-key',
  securityToken: 'temporary-security-token-value',
}
const ACCOUNTS: Account[] = [
  { ...DEMO_ACCOUNT, accessKeys: [...DEMO_ACCOUNT.accessKeys, TEMPORARY_KEY] },
  OTHER_ACCOUNT,
]
const SECRETS = [
  DEMO_KEY.secret,
  TEMPORARY_KEY.secret,
  TEMPORARY_KEY.securityToken,
  DEMO_ACCOUNT.tokens[0],
  'wrong-secret-value',
]

const emulated = useEmulator({ accounts: ACCOUNTS })

function run(inputs: Record<string, string> = {}, env: Record<string, string> = KEY_ENV): Promise<ActionRun> {
  return runAction(
    { namespace: 'team', repository: 'apps/web', region: 'cn-north-4', endpoint: emulated.endpoint, ...inputs },
    { env },
  )
}

function expectNoSecretShown(result: ActionRun): void {
  expectNoSecretLogged(result, SECRETS)
}

const { trail } = emulated

describe('a first run', () => {
  it('creates the organization and repository in four requests over one connection', async () => {
    const result = await run({ category: 'linux', description: 'the web app' })

    expect(result.exitCode).toBe(0)
    expect(trail()).toEqual([
      'GET /v2/manage/namespaces/team/repos/apps$web 404',
      'POST /v2/manage/namespaces 201',
      'POST /v2/manage/namespaces/team/repos 201',
      'GET /v2/manage/namespaces/team/repos/apps$web 200',
    ])
    expect(emulated.emulator.connections).toBe(1)
    for (const request of emulated.emulator.requests) {
      expect(request.auth).toBe('signature')
      expect(request.signedHeaders).toEqual(['content-type', 'host', 'x-sdk-date'])
    }
    expect(emulated.emulator.repositories.get('team/apps/web')).toMatchObject({
      category: 'linux',
      description: 'the web app',
      is_public: false,
    })
    expect(result.outputs).toMatchObject({
      name: 'apps/web',
      category: 'linux',
      description: 'the web app',
      is_public: 'false',
      namespace: 'team',
      registry: 'swr.cn-north-4.myhuaweicloud.com',
      image: 'swr.cn-north-4.myhuaweicloud.com/team/apps/web',
      path: 'swr.cn-north-4.myhuaweicloud.com/team/apps/web',
      namespace_created: 'true',
      repository_created: 'true',
      build_outputs: 'type=image,push=true,oci-mediatypes=false',
      provenance: 'false',
      sbom: 'false',
      media_types: 'docker',
      domain_id: DEMO_ACCOUNT.domainId,
    })
    const info = JSON.parse(result.outputs.json)
    for (const field of ['id', 'ns_id', 'creator_id', 'size', 'num_images', 'created', 'internal_path', 'priority']) {
      expect(result.outputs[field]).toBe(String(info[field]))
    }
    expectNoSecretShown(result)
  })

  it('makes exactly one request on the next run', async () => {
    await run()
    emulated.emulator.resetLog()
    const result = await run()

    expect(result.exitCode).toBe(0)
    expect(trail()).toEqual(['GET /v2/manage/namespaces/team/repos/apps$web 200'])
    expect(result.outputs).toMatchObject({ namespace_created: 'false', repository_created: 'false', name: 'apps/web' })
  })

  it('creates only the repository when the organization exists', async () => {
    emulated.emulator.addNamespace('team')
    const result = await run({ is_public: 'true' })

    expect(result.exitCode).toBe(0)
    expect(trail()).toEqual([
      'GET /v2/manage/namespaces/team/repos/apps$web 404',
      'POST /v2/manage/namespaces/team/repos 201',
      'GET /v2/manage/namespaces/team/repos/apps$web 200',
    ])
    expect(result.outputs).toMatchObject({ namespace_created: 'false', repository_created: 'true', is_public: 'true' })
  })

  it.each([200, 201] as const)('accepts HTTP %i for a created repository', async (status) => {
    emulated.emulator.createRepositoryStatus = status
    const result = await run()
    expect(result.exitCode).toBe(0)
    expect(emulated.emulator.requests[2]).toMatchObject({ operation: 'createRepository', status })
    expect(result.outputs.repository_created).toBe('true')
  })

  it('signs in with an IAM token', async () => {
    const result = await run({ auth_token: DEMO_ACCOUNT.tokens[0] }, {})
    expect(result.exitCode).toBe(0)
    expect(emulated.emulator.requests.every((request) => request.auth === 'token' && request.account === 'demo')).toBe(
      true,
    )
    expectNoSecretShown(result)
  })

  it('signs the security token of temporary credentials', async () => {
    const result = await run(
      {
        access_key_id: TEMPORARY_KEY.id,
        secret_access_key: TEMPORARY_KEY.secret,
        security_token: TEMPORARY_KEY.securityToken,
      },
      {},
    )
    expect(result.exitCode).toBe(0)
    expect(emulated.emulator.requests[0].signedHeaders).toEqual([
      'content-type',
      'host',
      'x-sdk-date',
      'x-security-token',
    ])
    expectNoSecretShown(result)
  })
})

describe('races with other jobs', () => {
  // Another job creates the organization or repository between this run's read and its create.
  const organizationMissing = JSON.stringify({
    errorCode: 'SVCSTG.SWR.4040058',
    errorMessage: 'Namespace team not found',
  })
  const repositoryMissing = JSON.stringify({ errorCode: 'SVCSTG.SWR.4040003', errorMessage: 'Repository not found' })

  it('takes a 409 on the organization as success once it is confirmed to be ours', async () => {
    emulated.emulator.addNamespace('team')
    emulated.emulator.inject({
      operation: 'showRepository',
      times: 1,
      fault: { status: 404, body: organizationMissing },
    })
    const result = await run()

    expect(result.exitCode).toBe(0)
    expect(trail()).toEqual([
      'GET /v2/manage/namespaces/team/repos/apps$web 404',
      'POST /v2/manage/namespaces 409',
      'GET /v2/manage/namespaces/team 200',
      'POST /v2/manage/namespaces/team/repos 201',
      'GET /v2/manage/namespaces/team/repos/apps$web 200',
    ])
    expect(result.outputs).toMatchObject({ namespace_created: 'false', repository_created: 'true' })
  })

  it('takes a 409 on the repository as success', async () => {
    emulated.emulator.addRepository('team', 'apps/web', { category: 'lang' })
    emulated.emulator.inject({ operation: 'showRepository', times: 1, fault: { status: 404, body: repositoryMissing } })
    const result = await run({ category: 'linux' })

    expect(result.exitCode).toBe(0)
    expect(trail()).toEqual([
      'GET /v2/manage/namespaces/team/repos/apps$web 404',
      'POST /v2/manage/namespaces/team/repos 409',
      'GET /v2/manage/namespaces/team/repos/apps$web 200',
    ])
    expect(result.outputs).toMatchObject({ namespace_created: 'false', repository_created: 'false', category: 'lang' })
  })

  it('creates the organization when a vague 404 hid that it was missing', async () => {
    emulated.emulator.inject({ operation: 'showRepository', times: 1, fault: { status: 404, body: '' } })
    const result = await run()

    expect(result.exitCode).toBe(0)
    expect(trail()).toEqual([
      'GET /v2/manage/namespaces/team/repos/apps$web 404',
      'POST /v2/manage/namespaces/team/repos 404',
      'POST /v2/manage/namespaces 201',
      'POST /v2/manage/namespaces/team/repos 201',
      'GET /v2/manage/namespaces/team/repos/apps$web 200',
    ])
    expect(result.outputs).toMatchObject({ namespace_created: 'true', repository_created: 'true' })
  })

  it('fails clearly when the organization belongs to another account', async () => {
    emulated.emulator.addNamespace('team', OTHER_ACCOUNT)
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /organization team already exists in another Huawei Cloud account.*choose another namespace/,
    )
    expect(trail()).toEqual([
      'GET /v2/manage/namespaces/team/repos/apps$web 404',
      'POST /v2/manage/namespaces 409',
      'GET /v2/manage/namespaces/team 403',
    ])
    expect(result.outputs.image).toBeUndefined()
    expect(JSON.parse(result.outputs.repositories)).toEqual([
      {
        name: 'apps/web',
        image: 'swr.cn-north-4.myhuaweicloud.com/team/apps/web',
        error: expect.stringMatching(/^The organization team already exists in another Huawei Cloud account/),
      },
    ])
  })
})

describe('failures worth retrying', () => {
  it.each([500, 502, 503])('retries a create answered with HTTP %i', async (status) => {
    emulated.emulator.inject({ operation: 'createRepository', times: 2, fault: { status, body: '<html>busy</html>' } })
    const result = await run()

    expect(result.exitCode).toBe(0)
    expect(
      emulated.emulator.requests.filter((request) => request.operation === 'createRepository').map((r) => r.status),
    ).toEqual([status, status, 201])
    expect(result.stdout).toMatch(new RegExp(`Creating repository team/apps/web: HTTP ${status}; trying again in`))
  })

  it('waits as long as Retry-After says on throttling', async () => {
    emulated.emulator.inject({
      operation: 'showRepository',
      times: 1,
      fault: { status: 429, headers: { 'Retry-After': '1' } },
    })
    const result = await run()

    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('HTTP 429; trying again in 1.0 s')
    expect(result.durationMs).toBeGreaterThan(1000)
  })

  it('retries a connection dropped before the request was read', async () => {
    emulated.emulator.inject({ operation: 'showRepository', times: 1, fault: { drop: 'before-processing' } })
    const result = await run()

    expect(result.exitCode).toBe(0)
    expect(result.outputs.repository_created).toBe('true')
    expect(emulated.emulator.connections).toBe(2)
  })

  it('retries a create whose answer was lost, and takes the 409 that follows as success', async () => {
    emulated.emulator.inject({ operation: 'createRepository', times: 1, fault: { drop: 'after-processing' } })
    const result = await run()

    expect(result.exitCode).toBe(0)
    expect(
      emulated.emulator.requests.filter((request) => request.operation === 'createRepository').map((r) => r.status),
    ).toEqual([0, 409])
    expect(result.outputs.name).toBe('apps/web')
  })

  it('gives up after max_attempts and says what failed', async () => {
    emulated.emulator.inject({
      operation: 'createNamespace',
      times: 2,
      fault: { status: 503, body: '{"error_code":"APIG.0201","error_msg":"Backend unavailable"}' },
    })
    const result = await run({ max_attempts: '2' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe('Creating organization team failed with HTTP 503 APIG.0201: Backend unavailable.')
    expect(emulated.emulator.requests.filter((request) => request.operation === 'createNamespace')).toHaveLength(2)
  })

  it('reports an endpoint that does not answer', async () => {
    await emulated.emulator.stop()
    const result = await run({ max_attempts: '1' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Reading repository team\/apps\/web failed: no answer from 127\.0\.0\.1:\d+ after 1 attempt \(ECONNREFUSED/,
    )
  })
})

describe('failures that need the user', () => {
  it('says a refused signature is about the secret key, and shows the canonical request in debug output', async () => {
    const result = await run({}, { ...KEY_ENV, HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'wrong-secret-value' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Reading repository team\/apps\/web failed with HTTP 401 APIG\.0301: Incorrect IAM authentication information: verify aksk signature fail \(request id \w+\)\. The request signature was refused: check that secret_access_key belongs to access_key_id/,
    )
    expect(commandMessages(result, 'debug').join('\n')).toMatch(
      /Error body: .*canonicalRequest: GET\|\/v2\/manage\/namespaces\/team\/repos\/apps%24web\/\|/,
    )
    expect(emulated.emulator.requests).toHaveLength(1)
    expectNoSecretShown(result)
  })

  it('says an unknown token means checking the credentials and region', async () => {
    const result = await run({ auth_token: 'expired-token' }, {})
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Reading repository team\/apps\/web failed with HTTP 401 SVCSTG\.SWR\.4010000: Authenticate failed or token expired\. Check that the credentials are valid.*region/,
    )
  })

  it('refuses temporary credentials without their security token', async () => {
    const result = await run({ access_key_id: TEMPORARY_KEY.id, secret_access_key: TEMPORARY_KEY.secret }, {})
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/HTTP 401 APIG\.0301.*security token/)
  })

  it('names the permissions an IAM user lacks on 403', async () => {
    emulated.emulator.inject({
      operation: 'createNamespace',
      times: 1,
      fault: { status: 403, body: '{"errorCode":"SVCSTG.SWR.4039002","errorMessage":"No permission"}' },
    })
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Creating organization team failed with HTTP 403 SVCSTG\.SWR\.4039002: No permission\. The IAM user lacks the permission swr:namespace:createNamespace, needed for runs that create an organization/,
    )
    expect(emulated.emulator.requests).toHaveLength(2)
  })

  it("says when the account's five organizations are used up", async () => {
    for (const name of ['o1', 'o2', 'o3', 'o4', 'o5']) emulated.emulator.addNamespace(name)
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/HTTP 400 SVCSTG\.SWR\.4000097: .*5 organizations, SWR's limit, are used up/)
    expect(emulated.emulator.namespaces.has('team')).toBe(false)
  })

  it('fails clearly when a success carries a body that is not brief info', async () => {
    emulated.emulator.inject({ operation: 'showRepository', times: 1, fault: { status: 200, body: 'OK' } })
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe(
      'Reading repository team/apps/web answered HTTP 200 with a body that is not a repository\'s brief info: "OK"',
    )
    expect(result.stderr).toBe('')
  })
})

describe('bad input', () => {
  const noCredentials = {}
  it.each([
    [
      { namespace: 'My-Team' },
      KEY_ENV,
      /^Input namespace "My-Team" is not a valid SWR organization name: SWR names are lowercase: use "my-team"/,
    ],
    [{ namespace: '' }, KEY_ENV, /^Input namespace "" .*it is empty/],
    [{ repository: 'Owner/Repo' }, KEY_ENV, /^Input repository "Owner\/Repo" .*use "owner\/repo"/],
    [
      { repository: 'web:latest' },
      KEY_ENV,
      /^Input repository "web:latest" is an image reference, not a repository name: the tag ":latest" does not belong in it\. Use repository: "web"/,
    ],
    [{ repository: 'a\tb' }, KEY_ENV, /^Input repository "a\\tb" .*control character \(U\+0009\)/],
    [
      { category: 'games' },
      KEY_ENV,
      /^Input category "games" is not one of SWR's categories\. Accepted: app_server, linux/,
    ],
    [{ is_public: 'yes' }, KEY_ENV, /is_public/],
    [{ max_attempts: 'many' }, KEY_ENV, /^Input max_attempts "many" must be a whole number from 1 to 10/],
    [{ endpoint: 'http://swr-api.example.com' }, KEY_ENV, /^Input endpoint .*plain http is only allowed for loopback/],
    [{ region: 'CN_NORTH' }, KEY_ENV, /region "CN_NORTH" from input region is not a region name/],
    [{ region: '' }, KEY_ENV, /^Input region is required/],
    [{}, noCredentials, /^No credentials: give the inputs auth_token; or access_key_id and secret_access_key/],
    [{}, { HUAWEI_CLOUD_ACCESS_KEY_ID: DEMO_KEY.id }, /HUAWEI_CLOUD_SECRET_ACCESS_KEY is not/],
    [{ access_key_id: DEMO_KEY.id }, KEY_ENV, /^Input secret_access_key is required when access_key_id is given/],
    [
      { auth_token: 'token', access_key_id: 'AK', secret_access_key: 'SK' },
      {},
      /^Sign in one way per run: the inputs give both an IAM token \(auth_token\) and access keys/,
    ],
  ])('refuses %j with no request sent', async (inputs, env, message) => {
    const result = await run(inputs as Record<string, string>, env as Record<string, string>)

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(message)
    expect(emulated.emulator.requests).toHaveLength(0)
    expect(result.outputs).toEqual({})
  })

  it('lists every bad input in one message', async () => {
    const result = await run({ namespace: 'A', repository: '-', category: 'x' })
    const message = errorOf(result)
    expect(message).toMatch(/^Invalid inputs:\n- Input namespace "A".*\n- Input repository "-".*\n- Input category "x"/)
    expect(emulated.emulator.requests).toHaveLength(0)
  })
})
