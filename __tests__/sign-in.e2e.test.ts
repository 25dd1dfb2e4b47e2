// Signing in with an IAM password and with GitHub's OpenID Connect ID token, end to end: dist/index.js against
// the emulator's IAM, its stand-in for GitHub's ID-token endpoint, and its SWR.
import { GITHUB_ISSUER } from '../emulator/github.js'
import { runAction, type ActionRun } from '../runner/run-action.js'
import {
  DEMO_ACCOUNT,
  DEMO_KEY_ENV,
  GITHUB_ID_TOKEN_PATH,
  SwrEmulator,
  type Account,
} from '../emulator/swr-emulator.js'
import { commandMessages, errorOf, expectNoSecretShown, maskedValues } from './helpers/action-log.js'

const USER = { name: 'ci-bot', password: 'correct-horse-battery-staple' }
const ACCOUNT: Account = { ...DEMO_ACCOUNT, users: [USER] }
const [DEMO_KEY] = DEMO_ACCOUNT.accessKeys
const REQUEST_TOKEN = 'github-id-token-request-token'
const PASSWORD_INPUTS = { iam_domain: 'demo', iam_user: USER.name, iam_password: USER.password }

let emulator: SwrEmulator
let endpoint: string
let oidcEnv: Record<string, string>

beforeEach(async () => {
  emulator = new SwrEmulator({
    accounts: [ACCOUNT],
    identityProviders: [
      { id: 'github-actions', account: 'demo', issuer: GITHUB_ISSUER, clientId: 'https://github.com/octo-org' },
      { id: 'huawei-audience', account: 'demo', issuer: GITHUB_ISSUER, clientId: 'sts.huaweicloud.com' },
    ],
    github: { owner: 'octo-org', repository: 'app', requestToken: REQUEST_TOKEN },
  })
  endpoint = await emulator.start()
  oidcEnv = {
    ACTIONS_ID_TOKEN_REQUEST_URL: `${endpoint}${GITHUB_ID_TOKEN_PATH}`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
  }
})
afterEach(() => emulator.stop())

function run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  const base = { namespace: 'team', repository: 'web', region: 'cn-north-4', endpoint, iam_endpoint: endpoint }
  return runAction({ ...base, ...inputs }, { env })
}

const operations = () => emulator.requests.map((request) => `${request.operation} ${request.status}`)
const swrRequests = () =>
  emulator.requests.filter(
    (request) => !['passwordToken', 'idTokenToken', 'githubIdToken'].includes(request.operation ?? ''),
  )

/** Every secret this emulator knows or issued: none may be shown, and each one used must have been masked. */
function secrets(): string[] {
  return [USER.password, REQUEST_TOKEN, DEMO_KEY.secret, ...emulator.issuedTokens.keys(), ...emulator.idTokens.issued]
}

function expectMasked(result: ActionRun, values: string[]): void {
  const masked = maskedValues(result)
  for (const value of values) expect(masked).toContain(value)
}

describe('IAM password', () => {
  it('gets one token scoped to the region, then uses it for every SWR request', async () => {
    const result = await run(PASSWORD_INPUTS)

    expect(result.exitCode).toBe(0)
    expect(operations()).toEqual([
      'passwordToken 201',
      'showRepository 404',
      'createNamespace 201',
      'createRepository 201',
      'showRepository 200',
    ])
    const [token] = emulator.issuedTokens.keys()
    expect(emulator.issuedTokens.size).toBe(1)
    for (const request of swrRequests()) expect(request).toMatchObject({ auth: 'token', account: 'demo' })
    expect(result.stdout).toContain('signing in with IAM user ci-bot of account demo')
    expect(result.outputs.repository_created).toBe('true')
    expectMasked(result, [USER.password, token])
    expectNoSecretShown(result, secrets())
  })

  it('says to check the account, user and password when IAM refuses them, and sends nothing to SWR', async () => {
    const result = await run({ ...PASSWORD_INPUTS, iam_password: 'wrong-password-value' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe(
      'Signing in as IAM user ci-bot failed with HTTP 401 The username or password is wrong. IAM refused the password of user "ci-bot" in account "demo": ' +
        'check iam_domain (the account name, not the user name), iam_user and iam_password, that the user has programmatic access, and that it is not locked.',
    )
    expect(operations()).toEqual(['passwordToken 401'])
    expectNoSecretShown(result, [...secrets(), 'wrong-password-value'])
  })

  it('needs all three password inputs', async () => {
    const result = await run({ iam_user: USER.name, iam_password: USER.password })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/^Input iam_domain is required to sign in with an IAM password/)
    expect(emulator.requests).toHaveLength(0)
  })
})

describe('OpenID Connect', () => {
  it("requests GitHub's default audience, exchanges the ID token once, and uses the IAM token", async () => {
    const result = await run({ idp_id: 'github-actions' }, oidcEnv)

    expect(result.exitCode).toBe(0)
    expect(operations()).toEqual([
      'githubIdToken 200',
      'idTokenToken 201',
      'showRepository 404',
      'createNamespace 201',
      'createRepository 201',
      'showRepository 200',
    ])
    expect(emulator.requests[0].target).toBe(GITHUB_ID_TOKEN_PATH)
    for (const request of swrRequests()) expect(request).toMatchObject({ auth: 'token', account: 'demo' })
    expectMasked(result, [...emulator.idTokens.issued, ...emulator.issuedTokens.keys()])
    expectNoSecretShown(result, secrets())
  })

  it('requests the audience given, and takes the identity provider from HUAWEICLOUD_SDK_IDP_ID', async () => {
    const result = await run(
      { id_token_audience: 'sts.huaweicloud.com' },
      { ...oidcEnv, HUAWEICLOUD_SDK_IDP_ID: 'huawei-audience' },
    )

    expect(result.exitCode).toBe(0)
    expect(emulator.requests[0].target).toBe(`${GITHUB_ID_TOKEN_PATH}&audience=sts.huaweicloud.com`)
    expect(operations().slice(0, 2)).toEqual(['githubIdToken 200', 'idTokenToken 201'])
    expectNoSecretShown(result, secrets())
  })

  it('shows the permission block when the job may not request an ID token, before any request', async () => {
    const result = await run({ idp_id: 'github-actions' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /ACTIONS_ID_TOKEN_REQUEST_URL is not set\). Give the job this permission:\npermissions:\n {2}id-token: write\n/,
    )
    expect(emulator.requests).toHaveLength(0)
  })

  it('names an identity provider IAM does not know', async () => {
    const result = await run({ idp_id: 'no-such-provider' }, oidcEnv)

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Exchanging GitHub's ID token through identity provider no-such-provider failed with HTTP 404 IAM\.0004: .*IAM has no identity provider "no-such-provider": check idp_id/,
    )
    expect(swrRequests()).toHaveLength(0)
    expectNoSecretShown(result, secrets())
  })

  it("explains an audience that is not the identity provider's client ID", async () => {
    const result = await run({ idp_id: 'huawei-audience' }, oidcEnv)

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /HTTP 401 IAM\.0007: Request parameter id_token is invalid: aud does not match .*for the audience "https:\/\/github\.com\/octo-org".*set id_token_audience to the client ID/,
    )
    expectNoSecretShown(result, secrets())
  })

  it('says when the ID token has expired', async () => {
    emulator.github = { owner: 'octo-org', repository: 'app', requestToken: REQUEST_TOKEN, ttlSeconds: -60 }
    const result = await run({ idp_id: 'github-actions' }, oidcEnv)

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/IAM rejected the ID token\. .* It has expired: check the runner's clock\./)
    expectNoSecretShown(result, secrets())
  })

  it('says when the token comes from another issuer than the identity provider expects', async () => {
    emulator.github = {
      owner: 'octo-org',
      repository: 'app',
      requestToken: REQUEST_TOKEN,
      issuer: 'https://issuer.example',
    }
    const result = await run({ idp_id: 'github-actions' }, oidcEnv)

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /issued by https:\/\/issuer\.example .*The identity provider's issuer \(identity provider URL\) must be https:\/\/token\.actions\.githubusercontent\.com\./,
    )
  })

  it('reports a refused ID-token request from GitHub', async () => {
    const result = await run({ idp_id: 'github-actions' }, { ...oidcEnv, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'stale' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Requesting an ID token from GitHub failed with HTTP 401 Bad credentials\. GitHub refused the job's request token \(ACTIONS_ID_TOKEN_REQUEST_TOKEN\).*permissions: id-token: write/,
    )
    expect(operations()).toEqual(['githubIdToken 401'])
    expectNoSecretShown(result, [...secrets(), 'stale'])
  })
})

describe('choosing one method', () => {
  it('refuses two methods given as inputs, naming both, before any request', async () => {
    const result = await run({ ...PASSWORD_INPUTS, idp_id: 'github-actions' }, oidcEnv)

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe(
      'Sign in one way per run: the inputs give both an IAM password (iam_domain, iam_user, iam_password) and OpenID Connect (idp_id). Remove all but one.',
    )
    expect(emulator.requests).toHaveLength(0)
    expectNoSecretShown(result, secrets())
  })

  it('puts access keys from the environment before the password inputs, and warns', async () => {
    const keys = DEMO_KEY_ENV
    const result = await run(PASSWORD_INPUTS, { ...keys, ...oidcEnv, HUAWEICLOUD_SDK_IDP_ID: 'github-actions' })

    expect(result.exitCode).toBe(0)
    expect(emulator.requests.every((request) => request.auth === 'signature')).toBe(true)
    expect(commandMessages(result, 'warning')).toEqual([
      expect.stringMatching(
        /^HUAWEI_CLOUD_ACCESS_KEY_ID is set, so access keys from the environment take precedence over the inputs iam_domain, iam_user, iam_password/,
      ),
    ])
    expectNoSecretShown(result, secrets())
  })

  it('puts the password before OpenID Connect from the environment', async () => {
    const result = await run(PASSWORD_INPUTS, { ...oidcEnv, HUAWEICLOUD_SDK_IDP_ID: 'github-actions' })

    expect(result.exitCode).toBe(0)
    expect(operations()[0]).toBe('passwordToken 201')
    expect(emulator.requests.some((request) => request.operation === 'githubIdToken')).toBe(false)
  })

  it('puts auth_token before everything', async () => {
    const keys = DEMO_KEY_ENV
    const result = await run(
      { auth_token: DEMO_ACCOUNT.tokens[0] },
      { ...keys, ...oidcEnv, HUAWEICLOUD_SDK_IDP_ID: 'github-actions' },
    )

    expect(result.exitCode).toBe(0)
    expect(emulator.requests.every((request) => request.auth === 'token')).toBe(true)
    expect(emulator.issuedTokens.size).toBe(0)
  })
})
