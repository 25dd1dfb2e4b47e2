// Hostile input, as properties: the validator and the emulator's SWR rules agree, names the validator accepts
// travel intact over real HTTP, and categories and numbers are accepted exactly when they are valid.
import fc from 'fast-check'
import { ApiClient } from '../src/clients/api-client.js'
import { authenticator } from '../src/clients/authenticate.js'
import { InputError, parseInputs, type InputSource } from '../src/rules/inputs.js'
import { CATEGORIES } from '../src/flow/features/settings.js'
import { NAMESPACE_RULE, nameProblem, REPOSITORY_RULE } from '../src/rules/names.js'
import { swrApi } from '../src/clients/swr/swr-api.js'
import { DEMO_ACCOUNT, isValidNamespace, isValidRepository, SwrEmulator } from '../emulator/swr-emulator.js'
import { FEATURES } from '../src/flow/features.js'

/** The inputs read as the main step reads them: with every feature's. */
const parseAll = (...[source, env, defaults]: Parameters<typeof parseInputs>) =>
  parseInputs(source, env, defaults, FEATURES)

const [KEY] = DEMO_ACCOUNT.accessKeys
const SEED = 20261125

const nameCharacter = fc.constantFrom(...'abcz0189._-/A$:% \n\té'.split(''), '__', '--')
const nameLike = fc.array(nameCharacter, { maxLength: 140 }).map((parts) => parts.join(''))
const segment = fc.stringMatching(/^[a-z0-9]{1,6}$/)
const separator = fc.constantFrom('.', '_', '__', '-', '--', '---')
const validRepository = fc
  .tuple(segment, fc.array(fc.tuple(fc.constantFrom('.', '_', '__', '-', '/'), segment), { maxLength: 5 }))
  .map(([head, rest]) => head + rest.map(([sep, part]) => sep + part).join(''))
const validNamespace = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/), fc.array(fc.tuple(separator, segment), { maxLength: 4 }))
  .map(([head, rest]) => head + rest.map(([sep, part]) => sep + part).join(''))

describe('names', () => {
  it('the validator accepts an organization name exactly when the emulator does', () => {
    fc.assert(
      fc.property(fc.oneof(nameLike, validNamespace), (name) => {
        expect(nameProblem(name, NAMESPACE_RULE) === undefined).toBe(isValidNamespace(name))
      }),
      { numRuns: 3000, seed: SEED },
    )
  })

  it('the validator accepts a repository name exactly when the emulator does', () => {
    fc.assert(
      fc.property(fc.oneof(nameLike, validRepository), (name) => {
        expect(nameProblem(name, REPOSITORY_RULE) === undefined).toBe(isValidRepository(name))
      }),
      { numRuns: 3000, seed: SEED },
    )
  })

  it('names the validator accepts are created and read back over HTTP, "/" and all', async () => {
    const emulator = new SwrEmulator({ namespaceQuota: 1000 })
    const endpoint = new URL(await emulator.start())
    const client = new ApiClient({
      maxAttempts: 1,
      timeoutMs: 5000,
      log: { info: () => {}, debug: () => {} },
      userAgent: 'test',
    })
    const api = swrApi(
      client,
      endpoint,
      authenticator({ kind: 'access-key', accessKeyId: KEY.id, secretAccessKey: KEY.secret, source: 'test' }),
    )
    try {
      const pairs = fc.sample(fc.tuple(validNamespace, validRepository), { numRuns: 60, seed: SEED })
      for (const [namespace, repository] of pairs) {
        expect(nameProblem(namespace, NAMESPACE_RULE)).toBeUndefined()
        expect(nameProblem(repository, REPOSITORY_RULE)).toBeUndefined()
        expect(['created', 'exists']).toContain(await api.createNamespace(namespace))
        const created = await api.createRepository(namespace, { repository, is_public: false, category: 'other' })
        expect(['created', 'exists']).toContain(created.kind)
        const shown = await api.showRepository(namespace, repository)
        expect(shown).toMatchObject({ kind: 'found', info: { name: repository } })
      }
      expect(emulator.requests.every((request) => request.auth === 'signature' && request.status !== 401)).toBe(true)
    } finally {
      client.dispose()
      await emulator.stop()
    }
  })
})

describe('categories, numbers and booleans', () => {
  const base: Record<string, string> = {
    namespace: 'team',
    repository: 'web',
    region: 'cn-north-4',
    access_key_id: 'AK',
    secret_access_key: 'SK',
  }
  const source = (values: Record<string, string>): InputSource => ({
    text: (name) => values[name] ?? '',
    boolean: (name) => (values[name] ? values[name] === 'true' : undefined),
  })
  const problems = (values: Record<string, string>): string[] => {
    try {
      parseAll(source({ ...base, ...values }), {})
      return []
    } catch (error) {
      if (error instanceof InputError) return error.problems
      throw error
    }
  }
  const anyText = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -5, max: 2000 }).map(String),
    fc.constantFrom(...CATEGORIES),
  )

  it("a category is accepted exactly when it is one of SWR's", () => {
    fc.assert(
      fc.property(anyText, (category) => {
        expect(problems({ category }).length === 0).toBe(category === '' || CATEGORIES.includes(category))
      }),
      { numRuns: 500, seed: SEED },
    )
  })

  it.each([
    ['max_attempts', 1, 10],
    ['timeout_seconds', 1, 600],
    ['retention_keep_last', 1, 1000],
    ['retention_keep_days', 1, 365],
  ])('%s is accepted exactly when it is a whole number from %i to %i', (name, low, high) => {
    fc.assert(
      fc.property(anyText, (value) => {
        const whole = /^\d+$/.test(value) && Number(value) >= low && Number(value) <= high
        expect(problems({ [name]: value }).length === 0).toBe(value === '' || whole)
      }),
      { numRuns: 500, seed: SEED },
    )
  })
})
