// Reliability under faults: every SWR operation of a first run answering errors, dropping connections, never
// answering, or answering with cut-off and unexpected bodies. Each run ends in success or in one clear error.
import { runAction, type ActionRun } from '../runner/run-action.js'
import { DEMO_ACCOUNT, DEMO_KEY_ENV, type Fault, type Operation, SwrEmulator } from '../emulator/swr-emulator.js'
import { errorOf, expectCleanEnding, expectNoSecretShown } from './helpers/action-log.js'

const [KEY] = DEMO_ACCOUNT.accessKeys
const ENV = DEMO_KEY_ENV
const MAX_ATTEMPTS = 2

/** A first run against a fresh emulator with one fault injected. */
async function firstRunWith(
  operation: Operation,
  times: number,
  fault: Fault,
  inputs: Record<string, string> = {},
): Promise<{ result: ActionRun; emulator: SwrEmulator }> {
  const emulator = new SwrEmulator()
  const endpoint = await emulator.start()
  emulator.inject({ operation, times, fault })
  try {
    const result = await runAction(
      {
        namespace: 'team',
        repository: 'web',
        region: 'cn-north-4',
        endpoint,
        max_attempts: String(MAX_ATTEMPTS),
        ...inputs,
      },
      { env: ENV, timeoutMs: 30_000 },
    )
    expectCleanEnding(result)
    expectNoSecretShown(result, [KEY.secret])
    return { result, emulator }
  } finally {
    await emulator.stop()
  }
}

const OPERATIONS: [Operation, string][] = [
  ['showRepository', 'Reading repository team/web'],
  ['createNamespace', 'Creating organization team'],
  ['createRepository', 'Creating repository team/web'],
]
const STATUSES: [string, Fault & { status: number }][] = [
  ['500', { status: 500, body: '{"errorCode":"SVCSTG.SWR.5000001","errorMessage":"Internal error"}' }],
  ['502 with an HTML body', { status: 502, body: '<html><body>Bad Gateway</body></html>' }],
  ['503', { status: 503, body: '{"error_code":"APIG.0201","error_msg":"Backend unavailable"}' }],
  ['429', { status: 429, body: '{"error_code":"APIG.0308","error_msg":"The request is throttled"}' }],
  ['429 with Retry-After', { status: 429, headers: { 'Retry-After': '1' } }],
]
const cases = OPERATIONS.flatMap(([operation, words]) =>
  STATUSES.map(([name, fault]) => [operation, name, fault, words] as const),
)

describe('errors worth retrying', () => {
  it.concurrent.each(cases)(
    '%s answering %s once fewer than max_attempts: success',
    async (operation, _name, fault) => {
      const { result, emulator } = await firstRunWith(operation, MAX_ATTEMPTS - 1, fault)
      expect(result.exitCode).toBe(0)
      expect(result.outputs.repository_created).toBe('true')
      expect(emulator.repositories.has('team/web')).toBe(true)
    },
  )

  it.concurrent.each(cases)(
    '%s answering %s max_attempts times: one clear error',
    async (operation, _name, fault, words) => {
      const { result } = await firstRunWith(operation, MAX_ATTEMPTS, fault)
      expect(result.exitCode).toBe(1)
      expect(errorOf(result)).toMatch(new RegExp(`^${words} failed with HTTP ${fault.status}`))
    },
  )
})

describe('connections that fail', () => {
  const drops = OPERATIONS.flatMap(([operation]) =>
    (['before-processing', 'after-processing'] as const).map((when) => [operation, when] as const),
  )

  it.concurrent.each(drops)('%s with the connection reset %s: success', async (operation, when) => {
    const { result, emulator } = await firstRunWith(operation, 1, { drop: when })
    expect(result.exitCode).toBe(0)
    expect(emulator.repositories.has('team/web')).toBe(true)
    expect(result.stdout).toMatch(/ECONNRESET|socket hang up/)
  })

  it.concurrent.each(OPERATIONS)(
    '%s never answering once: the timeout fires, is reported, and the request is retried',
    async (operation) => {
      const { result } = await firstRunWith(operation, 1, { hang: true }, { timeout_seconds: '1' })
      expect(result.exitCode).toBe(0)
      expect(result.stdout).toMatch(/: no complete answer within 1 s; trying again in/)
    },
  )

  it.concurrent('a request never answered at any attempt fails with one clear error', async () => {
    const { result } = await firstRunWith('showRepository', MAX_ATTEMPTS, { hang: true }, { timeout_seconds: '1' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Reading repository team\/web failed: no answer from 127\.0\.0\.1:\d+ after 2 attempts \(no complete answer within 1 s\)/,
    )
  })

  it.concurrent('an answer cut off mid-body is retried', async () => {
    const { result } = await firstRunWith('showRepository', 1, { truncate: true })
    expect(result.exitCode).toBe(0)
  })

  it.concurrent('answers cut off at every attempt fail with one clear error', async () => {
    const { result } = await firstRunWith('showRepository', MAX_ATTEMPTS, { truncate: true })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/^Reading repository team\/web failed: no answer .* after 2 attempts/)
  })
})

describe('unexpected bodies', () => {
  it.concurrent.each(['OK', '{}', '[]', 'null', '"text"', '{"name":'])(
    'a 200 brief info of %j fails with one clear error',
    async (body) => {
      const { result } = await firstRunWith('showRepository', 1, { status: 200, body })
      expect(result.exitCode).toBe(1)
      expect(errorOf(result)).toBe(
        `Reading repository team/web answered HTTP 200 with a body that is not a repository's brief info: ${JSON.stringify(body)}`,
      )
    },
  )

  it.concurrent('a 400 with a body that is not JSON shows an excerpt', async () => {
    const { result } = await firstRunWith('createRepository', 1, {
      status: 400,
      body: '<html>\n<h1>Bad request</h1>\n</html>',
    })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Creating repository team\/web failed with HTTP 400 <html> <h1>Bad request<\/h1> <\/html>\. SWR refused/,
    )
  })

  it.concurrent('a retention list that is not a list fails with one clear error', async () => {
    const emulator = new SwrEmulator()
    const endpoint = await emulator.start()
    emulator.addRepository('team', 'web')
    emulator.inject({ operation: 'listRetentions', times: 1, fault: { status: 200, body: '{"retentions":[]}' } })
    const result = await runAction(
      { namespace: 'team', repository: 'web', region: 'cn-north-4', endpoint, retention_keep_last: '5' },
      { env: ENV },
    )
    await emulator.stop()
    expectCleanEnding(result)
    expect(errorOf(result)).toMatch(
      /^Reading the retention policies of team\/web answered HTTP 200 with a body that is not a list of retention policies/,
    )
  })
})
