// The login's rules, without a process: reading CreateSecret's answer, the expiry, the log's elided user name, and
// the changes to Docker's config.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  credentialStoreFor,
  dockerConfigPath,
  readDockerConfig,
  withLogin,
  withoutLogin,
} from '../src/clients/docker-config.js'
import { elide, expiryOf, readLoginSecret } from '../src/clients/swr/login-secret.js'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'
const auth = (text: string) => Buffer.from(text).toString('base64')

describe("CreateSecret's answer", () => {
  it('gives the user name and password of the registry asked for', () => {
    const body = { auths: { [HOST]: { auth: auth('cn-north-4@ABC:p4ss.w0rd/+=') } } }
    expect(readLoginSecret(body, HOST)).toEqual({
      host: HOST,
      username: 'cn-north-4@ABC',
      password: 'p4ss.w0rd/+=',
      auth: auth('cn-north-4@ABC:p4ss.w0rd/+='),
    })
  })

  it.each([
    [null, 'it has no "auths" object'],
    [{ auths: [] }, 'it has no "auths" object'],
    [{ auths: {} }, `it has no entry for the registry ${HOST} (0 others)`],
    [{ auths: { [HOST]: { auth: 7 } } }, `its entry for ${HOST} has no "auth" value in base64`],
    [{ auths: { [HOST]: { auth: 'a b' } } }, `its entry for ${HOST} has no "auth" value in base64`],
    [{ auths: { [HOST]: { auth: auth('user') } } }, `its entry for ${HOST} is not the base64 of user:password`],
    [{ auths: { [HOST]: { auth: auth(':password') } } }, `its entry for ${HOST} is not the base64 of user:password`],
    [{ auths: { [HOST]: { auth: auth('user:') } } }, `its entry for ${HOST} is not the base64 of user:password`],
    [{ auths: { [HOST]: { auth: auth('us er:pw') } } }, `its entry for ${HOST} is not the base64 of user:password`],
    [{ auths: { [HOST]: { auth: auth('user:p\nw') } } }, `its entry for ${HOST} is not the base64 of user:password`],
  ])('refuses %j', (body, problem) => {
    expect(readLoginSecret(body, HOST)).toEqual({ problem })
  })

  // A user name is logged and passed to the Docker CLI: nothing in it may become a workflow command or an option.
  it.each([
    '##[warning]X@ABC:pw0',
    'cn-north-4@ABC:::error::pw0',
    '-p@ABC:pw0',
    '--password=x:pw0',
    'cn-north-4@ABC:s3cr3t#[w0rd',
    'cn-north-4@ABC:s3cr3t::w0rd',
    'cn-north-4@ABC:s3cr3t]w0rd',
    'cn-north-4@ABC:s3cr3t%0Aw0rd',
  ])('refuses a user name or password outside the strict form: %j, showing neither', (pair) => {
    const read = readLoginSecret({ auths: { [HOST]: { auth: auth(pair) } } }, HOST)
    expect(read).toEqual({ problem: expect.stringMatching(/holds a user name or password outside the accepted form/) })
    const colon = pair.indexOf(':')
    const shown = JSON.stringify(read)
    expect(shown).not.toContain(pair.slice(0, colon))
    expect(shown).not.toContain(pair.slice(colon + 1))
  })

  it('takes the expiry from X-Swr-Expireat, else estimates the earlier of the duration and SWR’s 6-hour default', () => {
    const now = Date.UTC(2026, 0, 1)
    const at = (header: string | undefined, duration: number) => {
      const { expiresAt, estimated } = expiryOf(header, duration, now)
      return `${expiresAt.toISOString()}${estimated ? ' estimated' : ''}`
    }
    expect(at('2026-01-01T06:00:00.000000Z', 21600)).toBe('2026-01-01T06:00:00.000Z')
    // A server that ignored the duration says so in the header: the header is the truth.
    expect(at('2026-01-01T06:00:00Z', 900)).toBe('2026-01-01T06:00:00.000Z')
    expect(at(undefined, 900)).toBe('2026-01-01T00:15:00.000Z estimated')
    expect(at(undefined, 86400)).toBe('2026-01-01T06:00:00.000Z estimated')
    expect(at('soon', 900)).toBe('2026-01-01T00:15:00.000Z estimated')
    expect(at('2025-01-01T00:00:00Z', 900)).toBe('2026-01-01T00:15:00.000Z estimated')
    expect(at('2027-01-01T00:00:00Z', 900)).toBe('2026-01-01T00:15:00.000Z estimated')
  })

  it('elides the middle of a user name for the log', () => {
    expect(elide('cn-north-4@OWFPUKBXI1234567890AB')).toBe('cn-north-4@OWF…90AB')
    expect(elide('cn-north-4@SHORT')).toBe('cn-north-4@SH…')
    expect(elide('bare')).toBe('ba…')
  })
})

describe("Docker's config", () => {
  it('lives in DOCKER_CONFIG, else in the home folder', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/tmp/d' })).toBe(join('/tmp/d', 'config.json'))
    expect(dockerConfigPath({})).toMatch(/\.docker[\\/]config\.json$/)
  })

  it('gains and loses one entry, keeping everything else', () => {
    const config = { auths: { 'ghcr.io': { auth: 'x' } }, experimental: 'enabled' }
    const logged = withLogin(config, HOST, 'dTpw')
    expect(logged).toEqual({ auths: { 'ghcr.io': { auth: 'x' }, [HOST]: { auth: 'dTpw' } }, experimental: 'enabled' })
    expect(withoutLogin(logged, HOST)).toEqual(config)
    expect(withLogin({}, HOST, 'dTpw')).toEqual({ auths: { [HOST]: { auth: 'dTpw' } } })
  })

  it('names the credentials store that would keep the login', () => {
    expect(credentialStoreFor({}, HOST)).toBeUndefined()
    expect(credentialStoreFor({ credsStore: 'desktop' }, HOST)).toBe('desktop')
    expect(credentialStoreFor({ credHelpers: { [HOST]: 'swr' }, credsStore: 'desktop' }, HOST)).toBe('swr')
    expect(credentialStoreFor({ credHelpers: { 'gcr.io': 'gcloud' } }, HOST)).toBeUndefined()
  })

  it('that is missing or empty reads as empty; one that is not a JSON object is an error naming the file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'swr-config-'))
    const path = join(folder, 'config.json')
    expect(readDockerConfig(path)).toEqual({})
    writeFileSync(path, '\n')
    expect(readDockerConfig(path)).toEqual({})
    writeFileSync(path, '[1]')
    expect(() => readDockerConfig(path)).toThrow(`The Docker config file ${path} does not hold a JSON object.`)
    writeFileSync(path, '{')
    expect(() => readDockerConfig(path)).toThrow(new RegExp(`^The Docker config file ${path} is not valid JSON`))
  })
})
