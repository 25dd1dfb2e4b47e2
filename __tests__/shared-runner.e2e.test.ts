// The login on a shared self-hosted runner, tried as an attacker or a busy runner would: answers that carry
// workflow commands or name another registry, many jobs changing one Docker config at once, a login that was there
// before the job, the Docker CLI path (its environment, its output, a CLI that will not stop), forged post-step
// state, and configs that cannot take a login. Each case runs the bundle as a runner does.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_ACCOUNT, DEMO_KEY_ENV, SwrEmulator } from '../emulator/swr-emulator.js'
import { type ActionRun, runAction, runPost } from '../runner/run-action.js'
import { commandMessages, errorOf, expectCleanEnding, expectOnlyOwnCommands, visibleLog } from './helpers/action-log.js'
import { fakeDocker } from './helpers/fake-docker.js'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'
const [KEY] = DEMO_ACCOUNT.accessKeys
const ROBOT_AUTH = Buffer.from('robot$ci:robot-password-kept-on-the-runner').toString('base64')
const OTHERS = {
  auths: {
    'ghcr.io': { auth: Buffer.from('octocat:ghp_kept').toString('base64') },
    'registry.example': { auth: 'eDp5' },
  },
  credHelpers: { 'gcr.io': 'gcloud' },
  experimental: 'enabled',
}

let emulator: SwrEmulator
let endpoint: string
let home: string

beforeEach(async () => {
  emulator = new SwrEmulator()
  endpoint = await emulator.start()
  home = mkdtempSync(join(tmpdir(), 'swr-shared-home-'))
})
afterEach(() => emulator.stop())

const configPath = () => join(home, '.docker', 'config.json')
const readConfig = () => JSON.parse(readFileSync(configPath(), 'utf8'))
const writeConfig = (config: unknown) => {
  mkdirSync(join(home, '.docker'), { recursive: true })
  writeFileSync(configPath(), JSON.stringify(config))
}
const operations = (name: string) => emulator.requests.filter((request) => request.operation === name)
const INPUTS = { namespace: 'team', repository: 'web', region: 'cn-north-4', login: 'true' }

function run(inputs: Record<string, string> = {}, env: Record<string, string> = {}, post = false): Promise<ActionRun> {
  return runAction({ ...INPUTS, endpoint, ...inputs }, { env: { ...DEMO_KEY_ENV, ...env }, home, post })
}

/** A CreateSecret answer for the expected registry with this user:password. */
function loginAnswer(pair: string, host = HOST) {
  const auth = Buffer.from(pair).toString('base64')
  return { status: 200, body: JSON.stringify({ auths: { [host]: { auth } } }) }
}

describe('an answer that carries a workflow command', () => {
  it.each([
    ['a user name that is a command', '##[warning]X@ABC:0123456789abcdef'],
    ['a user name that stops commands', '##[stop-commands]tok@ABC:0123456789abcdef'],
    ['a password with a command', 'cn-north-4@ABC:s3cret##[error]pw'],
    ['a password with "::"', 'cn-north-4@ABC:s3cret::error::pw'],
    ['a user name with a newline', 'cn-north-4@A\n::error::x:0123456789abcdef'],
    ['a user name with a control character', 'cn-north-4@A\u001b[31m:0123456789abcdef'],
  ])('%s: a clear error, no command in the log, no part of it shown, nothing written', async (_case, pair) => {
    emulator.inject({ operation: 'createLoginSecret', times: 1, fault: loginAnswer(pair) })
    const result = await run()
    expectCleanEnding(result)
    expect(result.exitCode).toBe(1)
    expectOnlyOwnCommands(result, [KEY.id, KEY.secret])
    expect(errorOf(result)).toMatch(
      /^Creating a temporary login to swr\.cn-north-4\.myhuaweicloud\.com answered HTTP 200 with a body that is not a registry login/,
    )
    const [user, password] = [pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)]
    for (const part of [user, password]) expect(visibleLog(result)).not.toContain(part)
    expect(result.outputs.docker_username).toBeUndefined()
    expect(existsSync(configPath())).toBe(false)
  })
})

describe('an answer that names another registry', () => {
  it('a brief info path on ghcr.io: no credential is made, the config and the outputs stay on SWR', async () => {
    writeConfig(OTHERS)
    emulator.addRepository('team', 'web', { path: 'ghcr.io/team/web' })
    emulator.inject({
      operation: 'createLoginSecret',
      times: 1,
      fault: loginAnswer('evil@X:0123456789abcdef', 'ghcr.io'),
    })
    const result = await run()
    expectCleanEnding(result)
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Not logging in: SWR gives the path of team\/web on the registry ghcr\.io, not swr\.cn-north-4\.myhuaweicloud\.com/,
    )
    expect(operations('createLoginSecret')).toHaveLength(0)
    expect(readConfig()).toEqual(OTHERS)
    expect(result.outputs.registry).toBe(HOST)
    expect(result.outputs.image).toBe(`${HOST}/team/web`)
  })

  it('a CreateSecret answer for ghcr.io only: an error, and the config untouched', async () => {
    writeConfig(OTHERS)
    emulator.inject({
      operation: 'createLoginSecret',
      times: 1,
      fault: loginAnswer('evil@X:0123456789abcdef', 'ghcr.io'),
    })
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/it has no entry for the registry swr\.cn-north-4\.myhuaweicloud\.com \(1 other\)$/)
    expect(readConfig()).toEqual(OTHERS)
  })

  it('the input registry names the one registry to log in to', async () => {
    const result = await run({ registry: 'registry.internal:5000' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/on the registry swr\.cn-north-4\.myhuaweicloud\.com, not registry\.internal:5000/)
    const refused = await run({ registry: 'https://ghcr.io/x' })
    expect(errorOf(refused)).toMatch(/^Input registry "https:\/\/ghcr\.io\/x" is not a registry host/)
  })
})

describe('many jobs sharing one Docker config', () => {
  const JOBS = 20
  it(`${JOBS} logins to ${JOBS} registries at once keep every entry, and ${JOBS} post steps at once remove exactly their own`, async () => {
    writeConfig(OTHERS)
    const regions = Array.from({ length: JOBS }, (_, job) => `cn-test-${job + 1}`)
    const emulators = regions.map((region) => new SwrEmulator({ region }))
    try {
      const endpoints = await Promise.all(emulators.map((one) => one.start()))
      const inputs = regions.map((region, job) => ({ ...INPUTS, region, endpoint: endpoints[job], summary: 'false' }))
      const runs = await Promise.all(
        inputs.map((given) => runAction(given, { env: DEMO_KEY_ENV, home, timeoutMs: 90_000 })),
      )
      for (const result of runs) expect(result.exitCode).toBe(0)
      const config = readConfig()
      expect(Object.keys(config.auths).sort()).toEqual(
        [...Object.keys(OTHERS.auths), ...regions.map((region) => `swr.${region}.myhuaweicloud.com`)].sort(),
      )
      expect(config).toMatchObject({ ...OTHERS, auths: OTHERS.auths })

      const posts = await Promise.all(
        runs.map((result, job) => runPost(inputs[job], result.state, { env: DEMO_KEY_ENV, home, timeoutMs: 90_000 })),
      )
      for (const post of posts)
        expect(post.stdout).toMatch(/^Removed the login to swr\.cn-test-\d+\.myhuaweicloud\.com/m)
      expect(readConfig()).toEqual(OTHERS)
    } finally {
      await Promise.all(emulators.map((one) => one.stop()))
    }
  })

  it('a lock left by a killed process is taken over once it is stale', async () => {
    writeConfig(OTHERS)
    const lock = `${configPath()}.lock`
    mkdirSync(lock)
    const past = new Date(Date.now() - 60_000)
    utimesSync(lock, past, past)
    const result = await run()
    expect(result.exitCode).toBe(0)
    expect(readConfig().auths[HOST]).toBeDefined()
    expect(existsSync(lock)).toBe(false)
  })
})

describe('a login that was there before the job', () => {
  it('is reported, never shown, and put back by the post step', async () => {
    writeConfig({ ...OTHERS, auths: { ...OTHERS.auths, [HOST]: { auth: ROBOT_AUTH } } })
    const result = await run({}, {}, true)
    expect(result.exitCode).toBe(0)
    expect(commandMessages(result, 'warning')).toEqual([
      `A login to ${HOST} was already in ${configPath()} (from before this job, or an earlier step): this step replaced it, and puts it back when the job ends.`,
    ])
    for (const text of [visibleLog(result), JSON.stringify(result.outputs), result.summary]) {
      expect(text).not.toContain(ROBOT_AUTH)
      expect(text).not.toContain('robot-password-kept-on-the-runner')
    }
    expect(result.post?.stdout).toContain(`Put back the login to ${HOST} that ${configPath()} held before this step.`)
    expect(readConfig()).toEqual({ ...OTHERS, auths: { ...OTHERS.auths, [HOST]: { auth: ROBOT_AUTH } } })
  })

  it('is not put back over a login a later step made', async () => {
    writeConfig({ auths: { [HOST]: { auth: ROBOT_AUTH } } })
    const result = await run()
    const later = { auths: { [HOST]: { auth: Buffer.from('later:step').toString('base64') } } }
    writeConfig(later)
    const post = await runPost(INPUTS, result.state, { home })
    expect(post.stdout).toContain('changed after this step wrote it (a later step logged in again): left as it is.')
    expect(readConfig()).toEqual(later)
  })
})

describe('the Docker CLI and a credentials store', () => {
  beforeEach(() => writeConfig({ credsStore: 'desktop' }))

  it('runs with no secret of the step in its environment', async () => {
    const docker = fakeDocker()
    const secretInputs = { access_key_id: KEY.id, secret_access_key: KEY.secret }
    const env = {
      PATH: docker.path,
      HUAWEICLOUD_SDK_AK: 'SDKAK-not-for-docker',
      HUAWEICLOUD_SDK_SK: 'sdk-secret-not-for-docker',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token-not-for-docker',
      SOME_TOOL_SETTING: `contains ${KEY.secret} inside`,
    }
    const result = await run(secretInputs, env, true)
    expect(result.exitCode).toBe(0)
    const calls = docker.calls()
    expect(calls.map((call) => `${call.tool} ${call.args[0]}`)).toEqual([
      'docker-credential-desktop list',
      'docker login',
      'docker-credential-desktop list',
      'docker logout',
    ])
    for (const call of calls) {
      const environment = JSON.stringify(call.env)
      for (const secret of [KEY.secret, KEY.id, 'sdk-secret-not-for-docker', 'request-token-not-for-docker']) {
        expect(environment).not.toContain(secret)
      }
      expect(Object.keys(call.env).filter((name) => /^(INPUT|STATE)_/.test(name))).toEqual([])
      expect(call.env.PATH).toBe(docker.path)
    }
  })

  it("quotes Docker's own reason, with no part of the password, however long its output", async () => {
    const docker = fakeDocker()
    // The password sits where a cut of the last 4,000 characters would split it.
    const reason = 'Error saving credentials: error storing credentials - err: exit status 1, out: `keychain locked`'
    const after = `\n${'y'.repeat(3968 - reason.length - 2)}\n${reason}`
    docker.behave({ fail: `${'x'.repeat(5000)}{password}${after}` })
    const result = await run({}, { PATH: docker.path })
    expectCleanEnding(result)
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe(`docker login failed (exit code 1): ${reason}`)
    const [issued] = emulator.loginSecrets
    const log = visibleLog(result)
    for (let at = 0; at + 12 <= issued.password.length; at += 4)
      expect(log).not.toContain(issued.password.slice(at, at + 12))
  })

  it('a docker that ignores SIGTERM is killed, and the step ends soon after its time', async () => {
    const docker = fakeDocker()
    docker.behave({ hang: true })
    const started = Date.now()
    const result = await runAction(
      { ...INPUTS, endpoint, timeout_seconds: '2' },
      { env: { ...DEMO_KEY_ENV, PATH: docker.path }, home, timeoutMs: 30_000 },
    )
    expectCleanEnding(result)
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe('docker login did not finish within 2 s and was stopped.')
    expect(Date.now() - started).toBeLessThan(15_000)
  })

  it('the post step logs out only while the store still holds this run’s user', async () => {
    const docker = fakeDocker()
    const result = await run({}, { PATH: docker.path })
    expect(result.exitCode).toBe(0)
    const later = { [HOST]: { Username: 'later-step', Secret: 'later-secret-0001' } }
    docker.setStore(later)
    const post = await runPost(INPUTS, result.state, { env: { PATH: docker.path }, home })
    expect(post.stdout).toContain(`no longer holds this step's login to ${HOST}`)
    expect(docker.calls().filter((call) => call.args[0] === 'logout')).toEqual([])
    expect(docker.store()).toEqual(later)
  })

  it('a login the store held before is reported and put back', async () => {
    const docker = fakeDocker()
    const robot = { [HOST]: { Username: 'robot-account', Secret: 'robot-secret-in-the-keychain' } }
    docker.setStore(robot)
    const result = await run({}, { PATH: docker.path }, true)
    expect(result.exitCode).toBe(0)
    expect(commandMessages(result, 'warning')[0]).toMatch(
      /^A login to swr\.cn-north-4\.myhuaweicloud\.com was already in the credentials store "desktop"/,
    )
    expect(visibleLog(result)).not.toContain('robot-secret-in-the-keychain')
    expect(JSON.stringify(result.state)).toContain('robot-account')
    expect(result.post?.stdout).toContain(
      `Put back the login to ${HOST} that the credentials store "desktop" held before this step.`,
    )
    expect(docker.store()).toEqual(robot)
  })

  it.each([
    ['an option for a host', { host: '--help' }],
    ['another registry', { host: 'ghcr.io' }],
    ['a relative config path', { configPath: 'config.json' }],
    ['a user name that is an option', { username: '--all' }],
  ])('a forged state with %s runs nothing and logs nobody out', async (_case, forged) => {
    const docker = fakeDocker()
    docker.setStore({ 'ghcr.io': { Username: 'octocat', Secret: 'ghp-secret-0001' } })
    const state = {
      login: JSON.stringify({
        via: 'docker-cli',
        host: HOST,
        configPath: configPath(),
        store: 'desktop',
        username: 'cn-north-4@ABC',
        ...forged,
      }),
    }
    const post = await runPost(INPUTS, state, { env: { PATH: docker.path }, home })
    expect(post.exitCode).toBe(0)
    expect(docker.calls().filter((call) => call.tool === 'docker')).toEqual([])
    expect(docker.store()).toEqual({ 'ghcr.io': { Username: 'octocat', Secret: 'ghp-secret-0001' } })
  })

  it('a missing credential helper is found before any credential is made', async () => {
    const docker = fakeDocker('other-store')
    const result = await run({}, { PATH: docker.path })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/and its helper docker-credential-desktop is not on PATH/)
    expect(operations('createLoginSecret')).toHaveLength(0)
  })
})

describe('a config that cannot take a login is found before any credential is made', () => {
  it('DOCKER_CONFIG naming a file', async () => {
    const file = join(home, 'not-a-folder')
    writeFileSync(file, '{}')
    const result = await run({}, { DOCKER_CONFIG: file })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(new RegExp(`^Docker's config folder ${file} .* is a file, not a folder`))
    expect(operations('createLoginSecret')).toHaveLength(0)
    expect(readFileSync(file, 'utf8')).toBe('{}')
  })

  it('a config nested deeper than it can be written back', async () => {
    mkdirSync(join(home, '.docker'))
    const deep = `{"auths":{},"deep":${'['.repeat(20_000)}${']'.repeat(20_000)}}`
    writeFileSync(configPath(), deep)
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/is nested too deeply to be written back/)
    expect(operations('createLoginSecret')).toHaveLength(0)
    expect(readFileSync(configPath(), 'utf8')).toBe(deep)
  })

  it('a config.json that is a symbolic link is written through, and stays a link', async () => {
    const shared = join(mkdtempSync(join(tmpdir(), 'swr-linked-')), 'docker-config.json')
    writeFileSync(shared, JSON.stringify(OTHERS))
    mkdirSync(join(home, '.docker'))
    symlinkSync(shared, configPath())
    const result = await run({}, {}, true)
    expect(result.exitCode).toBe(0)
    expect(lstatSync(configPath()).isSymbolicLink()).toBe(true)
    expect(result.post?.stdout).toContain('Removed the login')
    expect(JSON.parse(readFileSync(shared, 'utf8'))).toEqual(OTHERS)
    expect(lstatSync(configPath()).isSymbolicLink()).toBe(true)
  })
})
