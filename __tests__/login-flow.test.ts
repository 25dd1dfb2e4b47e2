// The login and its undoing, without a process: a Docker config of the test's own (DOCKER_CONFIG), written and read
// as the main and post steps do, with the credential from an in-memory CreateSecret.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LoginSecret } from '../src/clients/swr/login-secret.js'
import { logIn } from '../src/flow/login.js'
import { logOut } from '../src/flow/logout.js'
import { fakeDocker } from './helpers/fake-docker.js'
import { addSecret } from '../src/rules/server-text.js'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'
const log = { info: () => {}, debug: () => {} }
const WISH = { host: HOST, timeoutMs: 5000 }

function secret(username = 'cn-north-4@AAAA', password = 'p4ssw0rd-0001'): LoginSecret {
  const auth = Buffer.from(`${username}:${password}`).toString('base64')
  return { host: HOST, username, password, auth, expiresAt: new Date(Date.now() + 3600_000), expiryEstimated: false }
}

/** A DOCKER_CONFIG folder, with a config.json holding `config` when given. */
function dockerConfig(config?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'swr-login-'))
  if (config !== undefined) writeFileSync(join(dir, 'config.json'), config)
  const env = { DOCKER_CONFIG: dir, PATH: '/nonexistent' }
  const read = () => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { auths: Record<string, unknown> }
  return { dir, env, read }
}

const api = (given = secret()) => {
  const calls: string[] = []
  return { calls, create: async () => (calls.push('createLoginSecret'), given) }
}

describe('the login', () => {
  it('writes the credential for the host in the config, masks it, and records what the post step needs', async () => {
    const { dir, env, read } = dockerConfig('{"auths":{"ghcr.io":{"auth":"b3RoZXI6am9i"}},"credsStore":""}')
    const masked: string[] = []
    const login = await logIn(api().create, WISH, { env, mask: (value: string) => void masked.push(value), log })

    expect(read().auths).toEqual({ 'ghcr.io': { auth: 'b3RoZXI6am9i' }, [HOST]: { auth: secret().auth } })
    expect(masked).toEqual(expect.arrayContaining([secret().password, secret().auth]))
    expect(login.record).toMatchObject({ via: 'config', host: HOST, configPath: join(dir, 'config.json') })
    expect(login.replaced).toBeUndefined()

    expect(await logOut(login.record, env)).toMatchObject({ level: 'info', text: expect.stringContaining('Removed') })
    expect(read().auths).toEqual({ 'ghcr.io': { auth: 'b3RoZXI6am9i' } })
  })

  it('a login to the host from before is replaced, said so, and put back by the post step', async () => {
    const before = { auth: Buffer.from('robot:kept-0001').toString('base64') }
    const { env, read } = dockerConfig(JSON.stringify({ auths: { [HOST]: before } }))
    const login = await logIn(api().create, WISH, { env, mask: () => {}, log })
    expect(login.replaced).toBeDefined()
    expect(read().auths[HOST]).toEqual({ auth: secret().auth })

    await logOut(login.record, env)
    expect(read().auths[HOST]).toEqual(before)
  })

  it('a login changed since (another step logged in again) is left as it is, and said so', async () => {
    const { dir, env, read } = dockerConfig()
    const login = await logIn(api().create, WISH, { env, mask: () => {}, log })
    const later = { auth: Buffer.from('later:login-0002').toString('base64') }
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [HOST]: later } }))

    expect(await logOut(login.record, env)).toMatchObject({
      level: 'info',
      text: expect.stringContaining('changed after this step wrote it (a later step logged in again): left as it is'),
    })
    expect(read().auths[HOST]).toEqual(later)
  })

  it.each([
    ['a config that is not JSON', '{"auths":', /is not valid JSON/],
    ['a credentials store without its helper', '{"credsStore":"desktop"}', /credentials store/],
  ])('%s stops the login before any credential is made, and nothing is written', async (_case, config, message) => {
    const { dir, env } = dockerConfig(config)
    const swr = api()
    await expect(logIn(swr.create, WISH, { env, mask: () => {}, log })).rejects.toThrow(message)
    expect(swr.calls).toEqual([])
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(config)
  })

  it('a DOCKER_CONFIG that is a file is refused before any credential is made', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'swr-login-file-')), 'not-a-folder')
    writeFileSync(file, '')
    const swr = api()
    await expect(logIn(swr.create, WISH, { env: { DOCKER_CONFIG: file }, mask: () => {}, log })).rejects.toThrow(
      /is a file, not a folder/,
    )
    expect(swr.calls).toEqual([])
  })

  it('the post step finds nothing to do when the config is gone', async () => {
    const { dir, env } = dockerConfig()
    const login = await logIn(api().create, WISH, { env, mask: () => {}, log })
    const moved = { ...login.record, configPath: join(dir, 'gone', 'config.json') }
    mkdirSync(join(dir, 'gone'))
    expect(await logOut(moved, env)).toMatchObject({ text: expect.stringContaining('no longer exists') })
  })
})

describe('the post step on a config file', () => {
  it('puts back the login that was there, and leaves one a later step wrote', async () => {
    const before = { auths: { [HOST]: { auth: Buffer.from('old:login').toString('base64') } } }
    const { env, read } = dockerConfig(JSON.stringify(before))
    const login = await logIn(api().create, WISH, { env, mask: () => {}, log })
    expect(await logOut(login.record, env)).toMatchObject({ text: expect.stringMatching(/^Put back the login/) })
    expect(read().auths[HOST]).toEqual(before.auths[HOST])

    const again = await logIn(api().create, WISH, { env, mask: () => {}, log })
    const changed = { ...again.record, fingerprint: '0'.repeat(64) }
    expect(await logOut(changed, env)).toMatchObject({
      text: expect.stringContaining('changed after this step wrote it'),
    })
  })

  it('says so when the login is gone, and warns when the config cannot be read', async () => {
    const { dir, env } = dockerConfig()
    const login = await logIn(api().create, WISH, { env, mask: () => {}, log })
    writeFileSync(join(dir, 'config.json'), '{"auths":{}}')
    expect(await logOut(login.record, env)).toMatchObject({ text: expect.stringContaining('no longer in') })
    writeFileSync(join(dir, 'config.json'), '{"auths":')
    expect(await logOut(login.record, env)).toMatchObject({ level: 'warning' })
  })
})

describe('a credentials store, through the Docker CLI and its helper', () => {
  it('logs in through docker login, and the post step logs out with docker logout', async () => {
    const docker = fakeDocker()
    const { env } = dockerConfig('{"credsStore":"desktop"}')
    const storeEnv = { ...env, PATH: docker.path }
    const login = await logIn(api().create, WISH, { env: storeEnv, mask: () => {}, log })
    expect(login.record).toMatchObject({ via: 'docker-cli', store: 'desktop', username: 'cn-north-4@AAAA' })
    expect(docker.store()[HOST]).toMatchObject({ Username: 'cn-north-4@AAAA' })
    expect(await logOut(login.record, storeEnv)).toMatchObject({ text: `Logged out of ${HOST} (docker logout).` })
    expect(docker.calls().map((call) => [call.tool, call.args[0]])).toContainEqual(['docker', 'logout'])
  })

  it('puts back the login the store held, and leaves a later one', async () => {
    const docker = fakeDocker()
    docker.setStore({ [HOST]: { Username: 'before', Secret: 'before-secret' } })
    const { env } = dockerConfig('{"credsStore":"desktop"}')
    const storeEnv = { ...env, PATH: docker.path }
    const masked: string[] = []
    const login = await logIn(api().create, WISH, { env: storeEnv, mask: (value) => void masked.push(value), log })
    expect(masked).toContain('before-secret')
    expect(login.replaced).toBe('the credentials store "desktop"')
    expect(await logOut(login.record, storeEnv)).toMatchObject({ text: expect.stringMatching(/^Put back the login/) })
    expect(docker.store()[HOST]).toEqual({ Username: 'before', Secret: 'before-secret' })
    if (login.record.via !== 'docker-cli') throw new Error('the login did not go through the Docker CLI')
    expect(await logOut({ ...login.record, username: 'someone-else' }, storeEnv)).toMatchObject({
      text: expect.stringContaining('no longer holds'),
    })
  })

  it('a failing docker login fails the login without showing the password', async () => {
    const docker = fakeDocker()
    docker.behave({ fail: 'denied for {password}' })
    const { env } = dockerConfig('{"credsStore":"desktop"}')
    // Masked as the main step masks: hidden from the log, and removed from any text the action shows.
    const login = logIn(api().create, WISH, { env: { ...env, PATH: docker.path }, mask: addSecret, log })
    await expect(login).rejects.toThrow(/docker login/)
    await expect(login).rejects.not.toThrow(/p4ssw0rd-0001/)
  })

  it('a store whose helper has gone is left, with a warning', async () => {
    const record = { via: 'docker-cli' as const, host: HOST, configPath: '/x', store: 'gone', username: 'u' }
    expect(await logOut(record, { PATH: '/nonexistent' })).toMatchObject({ level: 'warning' })
  })
})
