// Where the real SWR differs from the easy reading of its pages (docs/api-notes.md): a retention policy's template
// cannot be updated, a policy already gone answers 400, the retention limits, a login whose expiry SWR does not say,
// throttling answered with 403, and the gateway's request IDs. End to end, as a runner runs the action.
import { useEmulator } from './helpers/emulated.js'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_KEY_ENV } from '../emulator/swr-emulator.js'
import { runAction } from '../runner/run-action.js'
import { errorOf, expectCleanEnding } from './helpers/action-log.js'

const emulated = useEmulator({ requestIds: true })

async function run(inputs: Record<string, string>, home?: string) {
  const result = await runAction(
    { namespace: 'team', repository: 'web', region: 'cn-north-4', endpoint: emulated.endpoint, ...inputs },
    { env: DEMO_KEY_ENV, home },
  )
  expectCleanEnding(result)
  return result
}
const { writes } = emulated
const seeded = { algorithm: 'or' as const, scope: '' }
const keepLast = (num: string) => [{ template: 'tag_rule' as const, params: { num }, tag_selectors: [] }]

describe('retention', () => {
  beforeEach(() => {
    emulated.emulator.addRepository('team', 'web')
    emulated.emulator.retentions.set('team/web', [{ id: 7, ...seeded, rules: keepLast('10') }])
  })

  it('a change of template replaces the policy: one delete, one create, reported as replaced', async () => {
    const result = await run({ retention_keep_days: '30' })
    expect(result.exitCode).toBe(0)
    expect(writes().map((request) => `${request.method} ${request.operation}`)).toEqual([
      'DELETE deleteRetention',
      'POST createRetention',
    ])
    expect(emulated.emulator.retentions.get('team/web')?.map((policy) => policy.rules)).toEqual([
      [{ template: 'date_rule', params: { days: '30' }, tag_selectors: [] }],
    ])
    expect(result.stdout).toContain('Repository team/web: retention policy replaced')
  })

  it('a dry run says it would replace the policy, and writes nothing', async () => {
    const result = await run({ retention_keep_days: '30', dry_run: 'true' })
    expect(result.exitCode).toBe(0)
    expect(writes()).toEqual([])
    expect(result.stdout).toContain('Repository team/web: retention policy would be replaced')
  })

  it('a change within the template is still one update', async () => {
    const result = await run({ retention_keep_last: '20' })
    expect(result.exitCode).toBe(0)
    expect(writes().map((request) => request.method)).toEqual(['PATCH'])
  })

  it("a policy another job already deleted (SWR's 400 SVCSTG.SWR.4000306) counts as gone", async () => {
    emulated.emulator.retentions.set('team/web', [{ id: 7, ...seeded, rules: keepLast('5') }])
    // The list the action reads still names policy 8, which another job has just deleted.
    const listed = [
      { id: 7, ...seeded, rules: keepLast('5') },
      { id: 8, ...seeded, rules: keepLast('6') },
    ]
    emulated.emulator.inject({
      operation: 'listRetentions',
      times: 1,
      fault: { status: 200, body: JSON.stringify(listed) },
    })
    const result = await run({ retention_keep_last: '5' })
    expect(result.exitCode).toBe(0)
    expect(emulated.emulator.requests.find((request) => request.operation === 'deleteRetention')).toMatchObject({
      status: 400,
      code: 'SVCSTG.SWR.4000306',
    })
  })

  it.each([
    ['retention_keep_days', '366', 'at most 365 (SWR keeps images for 1 to 365 days)'],
    ['retention_keep_last', '1001', 'at most 1000 (SWR keeps 1 to 1000 images)'],
  ])('%s %s is refused before any request, with the range', async (name, value, range) => {
    const result = await run({ [name]: value })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe(`Input ${name} "${value}" must be a whole number of at least 1 and ${range}.`)
    expect(emulated.emulator.requests).toHaveLength(0)
  })

  it.each([
    ['retention_keep_days', '365'],
    ['retention_keep_last', '1000'],
  ])('%s %s, the limit, is sent', async (name, value) => {
    const result = await run({ [name]: value })
    expect(result.exitCode).toBe(0)
  })
})

describe('a login whose expiry SWR does not say', () => {
  it('is estimated as the earlier of login_duration and 6 hours, and the log says so', async () => {
    const home = mkdtempSync(join(tmpdir(), 'swr-expiry-home-'))
    const auth = Buffer.from('cn-north-4@ABCDEF:0123456789abcdef').toString('base64')
    emulated.emulator.inject({
      operation: 'createLoginSecret',
      times: 1,
      fault: { status: 200, body: JSON.stringify({ auths: { 'swr.cn-north-4.myhuaweicloud.com': { auth } } }) },
    })
    const before = Date.now()
    const result = await run({ login: 'true', login_duration: '86400' }, home)
    expect(result.exitCode).toBe(0)
    const expires = Date.parse(result.outputs.login_expires_at)
    expect(expires - before).toBeGreaterThanOrEqual(6 * 3600 * 1000 - 1000)
    expect(expires - before).toBeLessThanOrEqual(6 * 3600 * 1000 + 5000)
    expect(result.stdout).toContain(
      'SWR did not say when the login expires (no X-Swr-Expireat): login_expires_at is an estimate',
    )
    expect(existsSync(join(home, '.docker', 'config.json'))).toBe(true)
    expect(readFileSync(join(home, '.docker', 'config.json'), 'utf8')).toContain(auth)
  })

  it('takes X-Swr-Expireat when SWR sends it, and says nothing of an estimate', async () => {
    const result = await run({ login: 'true', login_duration: '900' }, mkdtempSync(join(tmpdir(), 'swr-expiry-home-')))
    expect(result.exitCode).toBe(0)
    expect(Date.parse(result.outputs.login_expires_at)).toBeCloseTo(emulated.emulator.loginSecrets[0].expiresAt, -3)
    expect(result.stdout).not.toContain('estimate')
  })
})

describe('throttling', () => {
  const throttled = (code: string) => ({
    status: 403,
    body: JSON.stringify({ errorCode: code, errorMessage: 'The request is throttled' }),
  })

  it.each(['SVCSTG.SWR.4031032', 'SVCSTG.SWR.4031042'])('a 403 %s is tried again like a 429', async (code) => {
    emulated.emulator.addRepository('team', 'web')
    emulated.emulator.inject({ operation: 'showRepository', times: 2, fault: throttled(code) })
    const result = await run({})
    expect(result.exitCode).toBe(0)
    expect(emulated.emulator.requests.map((request) => request.status)).toEqual([403, 403, 200])
    expect(result.stdout).toContain('HTTP 403 (throttled); trying again')
  })

  it('says SWR throttled the account when the tries run out', async () => {
    emulated.emulator.inject({ operation: 'showRepository', times: 5, fault: throttled('SVCSTG.SWR.4031032') })
    const result = await run({ max_attempts: '2' })
    expect(result.exitCode).toBe(1)
    expect(emulated.emulator.requests).toHaveLength(2)
    expect(errorOf(result)).toMatch(
      /^Reading repository team\/web failed with HTTP 403 SVCSTG\.SWR\.4031032: .*SWR throttled this account's requests/,
    )
    expect(errorOf(result)).not.toContain('lacks the permission')
  })
})

describe('request IDs', () => {
  it("every SWR error carries the gateway's X-Request-Id", async () => {
    emulated.emulator.inject({
      operation: 'createNamespace',
      times: 1,
      fault: { status: 400, body: JSON.stringify({ errorCode: 'SVCSTG.SWR.4001028', errorMessage: 'Invalid' }) },
    })
    const result = await run({})
    expect(result.exitCode).toBe(1)
    const refused = emulated.emulator.requests.find((request) => request.operation === 'createNamespace')
    expect(refused?.requestId).toMatch(/^[0-9a-f]{32}$/)
    expect(errorOf(result)).toContain(`HTTP 400 SVCSTG.SWR.4001028: Invalid (request id ${refused?.requestId})`)
  })

  it('a body that makes no sense names the request too', async () => {
    emulated.emulator.inject({ operation: 'showRepository', times: 1, fault: { status: 200, body: '[]' } })
    const result = await run({})
    const [read] = emulated.emulator.requests
    expect(errorOf(result)).toMatch(
      new RegExp(`^Reading repository team/web answered HTTP 200 \\(request id ${read.requestId}\\)`),
    )
  })
})
