// Logging the container tools in to the registry, end to end as a runner runs it: the main step, then the post
// step at the job's end. The credential written to Docker's config is proved by using it against the emulator's
// registry, as a registry client does.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GITHUB_ISSUER } from '../emulator/github.js'
import { type ActionRun, runAction, runPost } from '../runner/run-action.js'
import { type Account, DEMO_ACCOUNT, GITHUB_ID_TOKEN_PATH, SwrEmulator } from '../emulator/swr-emulator.js'
import { errorOf, expectCleanEnding, maskedValues, visibleLog } from './helpers/action-log.js'
import { fakeDocker } from './helpers/fake-docker.js'

const TEMPORARY_KEY = {
  id: 'TEMPORARYACCESSKEY0001',
  secret: 'temporary-secret-key',
  securityToken: 'sts-token-value-0001',
}
const ACCOUNT: Account = { ...DEMO_ACCOUNT, accessKeys: [...DEMO_ACCOUNT.accessKeys, TEMPORARY_KEY] }
const [KEY] = DEMO_ACCOUNT.accessKeys
const KEY_ENV = { HUAWEI_CLOUD_ACCESS_KEY_ID: KEY.id, HUAWEI_CLOUD_SECRET_ACCESS_KEY: KEY.secret }
const REQUEST_TOKEN = 'github-request-token-for-login'
const [USER] = DEMO_ACCOUNT.users ?? []

let emulator: SwrEmulator
let endpoint: string
let home: string

beforeEach(async () => {
  emulator = new SwrEmulator({
    accounts: [ACCOUNT],
    identityProviders: [
      { id: 'github-actions', account: 'demo', issuer: GITHUB_ISSUER, clientId: 'https://github.com/octo-org' },
    ],
    github: { owner: 'octo-org', repository: 'app', requestToken: REQUEST_TOKEN },
  })
  endpoint = await emulator.start()
  home = mkdtempSync(join(tmpdir(), 'swr-login-home-'))
})
afterEach(() => emulator.stop())

const configPath = () => join(home, '.docker', 'config.json')
const readConfig = (path = configPath()) => JSON.parse(readFileSync(path, 'utf8'))
const operations = (name: string) => emulator.requests.filter((request) => request.operation === name)

function run(inputs: Record<string, string> = {}, env: Record<string, string> = KEY_ENV, post = false) {
  const base = { namespace: 'team', repository: 'web', region: 'cn-north-4', endpoint, iam_endpoint: endpoint }
  return runAction({ ...base, login: 'true', ...inputs }, { env, home, post })
}

/** What a registry client does with a login: GET /v2/ with Basic authentication. */
async function registryStatus(auth: string): Promise<number> {
  const answer = await fetch(`${endpoint}/v2/`, { headers: { Authorization: `Basic ${auth}` } })
  return answer.status
}

/** The password and auth appear nowhere a viewer or a later step sees, but in the docker_password output. */
function expectCredentialHidden(result: ActionRun, auth: string): void {
  const password = Buffer.from(auth, 'base64').toString('utf8').split(':').slice(1).join(':')
  const { docker_password: _password, ...otherOutputs } = result.outputs
  for (const secret of [password, auth]) {
    expect(maskedValues(result)).toContain(secret)
    expect(visibleLog(result)).not.toContain(secret)
    expect(result.summary).not.toContain(secret)
    expect(JSON.stringify(otherOutputs)).not.toContain(secret)
    expect(JSON.stringify(result.state)).not.toContain(secret)
  }
  expect(result.outputs.docker_password).toBe(password)
}

describe('every sign-in method gets a login the registry accepts', () => {
  const oidcEnv = () => ({
    ACTIONS_ID_TOKEN_REQUEST_URL: `${endpoint}${GITHUB_ID_TOKEN_PATH}`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
  })
  const methods: [string, () => [Record<string, string>, Record<string, string>]][] = [
    ['access keys', () => [{}, KEY_ENV]],
    [
      'temporary access keys with a security token',
      () => [
        {
          access_key_id: TEMPORARY_KEY.id,
          secret_access_key: TEMPORARY_KEY.secret,
          security_token: TEMPORARY_KEY.securityToken,
        },
        {},
      ],
    ],
    ['an IAM token', () => [{ auth_token: DEMO_ACCOUNT.tokens[0] }, {}]],
    ['an IAM password', () => [{ iam_domain: 'demo', iam_user: USER.name, iam_password: USER.password }, {}]],
    ['OpenID Connect', () => [{ idp_id: 'github-actions' }, oidcEnv()]],
  ]

  it.each(methods)('%s', async (_method, given) => {
    const [inputs, env] = given()
    const result = await run(inputs, env)
    expectCleanEnding(result)
    expect(result.exitCode).toBe(0)

    const auth = readConfig().auths[emulator.registryHost].auth
    expect(await registryStatus(auth)).toBe(200)
    const [issued] = emulator.loginSecrets
    expect(issued.account).toBe('demo')
    expect(Buffer.from(auth, 'base64').toString('utf8')).toBe(`${issued.username}:${issued.password}`)
    expect(result.outputs.docker_username).toBe(issued.username)
    expect(Date.parse(result.outputs.login_expires_at)).toBeCloseTo(issued.expiresAt, -3)
    expect(issued.expiresAt - Date.now()).toBeGreaterThan(21_500 * 1000)
    expect(result.stdout).toMatch(
      new RegExp(
        `^Logged in to ${emulator.registryHost} as cn-north-4@\\w{3}…\\w{4} until \\S+Z \\(${configPath()}\\)$`,
        'm',
      ),
    )
    expect(result.stdout).not.toContain(issued.username)
    expect(result.summary).toContain(`Logged in to <code>${emulator.registryHost}</code>`)
    expectCredentialHidden(result, auth)
  })
})

describe("Docker's config file", () => {
  it('keeps every other key and entry, is written 0600 in a 0700 folder, and the post step removes only ours', async () => {
    const existing = {
      auths: { 'ghcr.io': { auth: 'b3RoZXI6ZW50cnk=' }, 'registry.example': { auth: 'eDp5', identitytoken: 't' } },
      credHelpers: { 'gcr.io': 'gcloud' },
      experimental: 'enabled',
      proxies: { default: { httpProxy: 'http://proxy:3128' } },
    }
    mkdirSync(join(home, '.docker'), { mode: 0o755 })
    writeFileSync(configPath(), JSON.stringify(existing))
    const result = await run()

    expect(result.exitCode).toBe(0)
    const config = readConfig()
    expect(config).toEqual({
      ...existing,
      auths: { ...existing.auths, [emulator.registryHost]: { auth: expect.any(String) } },
    })
    expect(statSync(configPath()).mode & 0o777).toBe(0o600)
    const post = await runPost({ login: 'true' }, result.state, { home })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`Removed the login to ${emulator.registryHost} from ${configPath()}.`)
    expect(readConfig()).toEqual(existing)
  })

  it('is made, with its folder, when there is none', async () => {
    const result = await run()
    expect(result.exitCode).toBe(0)
    expect(statSync(join(home, '.docker')).mode & 0o777).toBe(0o700)
    expect(statSync(configPath()).mode & 0o777).toBe(0o600)
    expect(Object.keys(readConfig().auths)).toEqual([emulator.registryHost])
  })

  it('is the one in DOCKER_CONFIG when that is set', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'swr-docker-config-')), 'nested')
    const result = await run({}, { ...KEY_ENV, DOCKER_CONFIG: folder })
    expect(result.exitCode).toBe(0)
    expect(await registryStatus(readConfig(join(folder, 'config.json')).auths[emulator.registryHost].auth)).toBe(200)
    expect(existsSync(configPath())).toBe(false)
  })

  it('that is not JSON fails the step, naming it, stays byte for byte as it was, and no login is created', async () => {
    mkdirSync(join(home, '.docker'))
    const broken = '{"auths": {"ghcr.io": {"auth": "x"}},\n'
    writeFileSync(configPath(), broken)
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(new RegExp(`^The Docker config file ${configPath()} is not valid JSON`))
    expect(readFileSync(configPath(), 'utf8')).toBe(broken)
    expect(operations('createLoginSecret')).toHaveLength(0)
    // The repository was still ensured, and its outputs written.
    expect(result.outputs.image).toBe(`${emulator.registryHost}/team/web`)
  })
})

describe('a job with two logins, and the post steps', () => {
  it('a second login replaces the first, and each post step undoes only its own, the last first', async () => {
    const first = await run()
    const second = await run()
    expect(emulator.loginSecrets).toHaveLength(2)
    const latest = readConfig().auths[emulator.registryHost].auth
    expect(Buffer.from(latest, 'base64').toString()).toContain(emulator.loginSecrets[1].username)

    // The runner runs post steps in reverse order: the second step's first.
    const inputs = { namespace: 'team', repository: 'web', region: 'cn-north-4', endpoint, login: 'true' }
    const secondPost = await runPost(inputs, second.state, { home })
    expect(secondPost.stdout).toContain(`Put back the login to ${emulator.registryHost}`)
    const firstPost = await runPost(inputs, first.state, { home })
    expect(firstPost.exitCode).toBe(0)
    expect(firstPost.stdout).toContain(`Removed the login to ${emulator.registryHost} from ${configPath()}.`)
    expect(readConfig().auths).toEqual({})
  })

  it('an entry changed after this step wrote it is left alone, and the post step says so', async () => {
    const result = await run()
    const config = readConfig()
    config.auths[emulator.registryHost] = { auth: Buffer.from('someone:else').toString('base64') }
    writeFileSync(configPath(), JSON.stringify(config))
    const post = await runPost({ login: 'true' }, result.state, { home })

    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('changed after this step wrote it (a later step logged in again): left as it is.')
    expect(readConfig()).toEqual(config)
  })

  it.each([
    ['removed', () => rmSync(configPath())],
    ['emptied', () => writeFileSync(configPath(), '')],
  ])('a config file %s before the post step is no failure', async (_how, change) => {
    const result = await run()
    change()
    const post = await runPost({ login: 'true' }, result.state, { home })
    expect(post.exitCode).toBe(0)
    expect(post.stderr).toBe('')
    // The post step never fails the job; a problem would show as a warning.
    expect(post.stdout).not.toContain('::warning::')
  })

  it('logout: false keeps the login after the job', async () => {
    const result = await run({ logout: 'false' }, KEY_ENV, true)
    expect(result.state).toEqual({})
    expect(result.post?.stdout).toBe('')
    expect(await registryStatus(readConfig().auths[emulator.registryHost].auth)).toBe(200)
  })
})

describe('a credentials store', () => {
  beforeEach(() => {
    mkdirSync(join(home, '.docker'))
    writeFileSync(configPath(), JSON.stringify({ credsStore: 'desktop' }))
  })

  it('gets the login through the Docker CLI, the password on standard input, and docker logout after', async () => {
    const docker = fakeDocker()
    const result = await run({}, { ...KEY_ENV, PATH: docker.path }, true)

    expect(result.exitCode).toBe(0)
    const [issued] = emulator.loginSecrets
    const dockerCalls = docker.calls().filter((call) => call.tool === 'docker')
    expect(dockerCalls.map(({ args, input }) => ({ args, input }))).toEqual([
      {
        args: ['login', '--username', issued.username, '--password-stdin', '--', emulator.registryHost],
        input: issued.password,
      },
      { args: ['logout', '--', emulator.registryHost], input: '' },
    ])
    expect(readConfig()).toEqual({ credsStore: 'desktop' })
    expect(result.stdout).toContain('(the Docker CLI)')
  })

  it('without a Docker CLI fails saying so, before any login is created', async () => {
    const result = await run({}, { ...KEY_ENV, PATH: '/nonexistent' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /credentials store "desktop" .*Only the Docker CLI can put a login there, and it is not on PATH/,
    )
    expect(operations('createLoginSecret')).toHaveLength(0)
  })
})

describe('requests', () => {
  it('steady state with login: 2 requests over 1 connection', async () => {
    emulator.addRepository('team', 'web')
    const result = await run()
    expect(result.exitCode).toBe(0)
    expect(emulator.requests.map((request) => `${request.method} ${request.target} ${request.status}`)).toEqual([
      'GET /v2/manage/namespaces/team/repos/web 200',
      'POST /v2/manage/utils/secret?projectname=cn-north-4&duration_seconds=21600 200',
    ])
    expect(emulator.connections).toBe(1)
  })

  it('several repositories: one login', async () => {
    const result = await run({ repository: 'web\napi\nworker' })
    expect(result.exitCode).toBe(0)
    expect(operations('createLoginSecret')).toHaveLength(1)
  })

  it('dry run: no login, and the log says it would log in', async () => {
    const result = await run({ dry_run: 'true' })
    expect(result.exitCode).toBe(0)
    expect(operations('createLoginSecret')).toHaveLength(0)
    expect(result.stdout).toContain(`Dry run: would log in to ${emulator.registryHost} for 6 h`)
    expect(existsSync(configPath())).toBe(false)
  })

  it.each(['60', '899', '86401', 'a day', '1e4'])(
    'login_duration %j is refused before any request',
    async (duration) => {
      const result = await run({ login_duration: duration })
      expect(result.exitCode).toBe(1)
      expect(errorOf(result)).toBe(
        `Input login_duration "${duration}" must be a whole number of seconds from 900 (15 minutes) to 86400 (24 hours), e.g. 21600 for 6 hours.`,
      )
      expect(emulator.requests).toHaveLength(0)
    },
  )

  it('login_duration is the credential’s lifetime', async () => {
    await run({ login_duration: '900' })
    expect(emulator.requests.at(-1)?.target).toContain('duration_seconds=900')
    expect(emulator.loginSecrets[0].expiresAt - Date.now()).toBeLessThanOrEqual(900 * 1000)
  })
})

describe('answers that make no login', () => {
  it('403 names the permission to ask for', async () => {
    emulator.inject({
      operation: 'createLoginSecret',
      times: 1,
      fault: { status: 403, body: '{"errorCode":"SVCSTG.SWR.4039002","errorMessage":"No permission"}' },
    })
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Creating a temporary login to swr\.cn-north-4\.myhuaweicloud\.com failed with HTTP 403 .*swr::createLoginSecret/,
    )
    expect(existsSync(configPath())).toBe(false)
  })

  it.each([
    [
      'no entry for the registry',
      { auths: { 'other.example': { auth: 'dTpw' } } },
      /it has no entry for the registry swr\.cn-north-4\.myhuaweicloud\.com \(1 other\)$/,
    ],
    [
      'a value that is not base64',
      { auths: { 'swr.cn-north-4.myhuaweicloud.com': { auth: 'not base64!' } } },
      /has no "auth" value in base64$/,
    ],
    [
      'base64 of something else',
      { auths: { 'swr.cn-north-4.myhuaweicloud.com': { auth: Buffer.from('no-colon').toString('base64') } } },
      /is not the base64 of user:password$/,
    ],
  ])('%s is a clear error, and nothing is written', async (_case, body, message) => {
    emulator.inject({ operation: 'createLoginSecret', times: 1, fault: { status: 200, body: JSON.stringify(body) } })
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Creating a temporary login to swr\.cn-north-4\.myhuaweicloud\.com answered HTTP 200 with a body that is not a registry login: /,
    )
    expect(errorOf(result)).toMatch(message)
    expect(existsSync(configPath())).toBe(false)
    expect(result.outputs.docker_password).toBeUndefined()
  })
})

describe("the emulator's registry", () => {
  it('refuses a wrong or expired credential with a Basic challenge', async () => {
    await run()
    const auth = readConfig().auths[emulator.registryHost].auth
    expect(await registryStatus(Buffer.from('someone:wrong').toString('base64'))).toBe(401)
    emulator.loginSecrets[0].expiresAt = Date.now() - 1
    const answer = await fetch(`${endpoint}/v2/`, { headers: { Authorization: `Basic ${auth}` } })
    expect(answer.status).toBe(401)
    expect(answer.headers.get('www-authenticate')).toBe(`Basic realm="${emulator.registryHost}"`)
  })
})
