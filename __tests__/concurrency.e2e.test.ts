// Fifty jobs starting at once: every run succeeds, exactly the right organization and repositories exist, and no
// run reports as created what another run created.
import { useEmulator } from './helpers/emulated.js'
import { runAction, type ActionRun } from '../runner/run-action.js'
import { DEMO_ACCOUNT, DEMO_KEY_ENV } from '../emulator/swr-emulator.js'
import { expectCleanEnding, expectNoSecretShown } from './helpers/action-log.js'

const [KEY] = DEMO_ACCOUNT.accessKeys
const ENV = DEMO_KEY_ENV
const JOBS = 50

const emulated = useEmulator()

async function startAtOnce(repositoryOf: (job: number) => string): Promise<ActionRun[]> {
  const runs = Array.from({ length: JOBS }, (_, job) =>
    runAction(
      {
        namespace: 'fleet',
        repository: repositoryOf(job),
        region: 'cn-north-4',
        endpoint: emulated.endpoint,
        summary: 'false',
      },
      { env: ENV, timeoutMs: 90_000 },
    ),
  )
  const results = await Promise.all(runs)
  for (const result of results) {
    expectCleanEnding(result)
    expectNoSecretShown(result, [KEY.secret])
  }
  return results
}

const createdCount = (results: ActionRun[], output: string) =>
  results.filter((r) => r.outputs[output] === 'true').length

it(`${JOBS} runs for the same new organization and repository`, async () => {
  const results = await startAtOnce(() => 'web')

  expect(results.map((result) => result.exitCode)).toEqual(Array(JOBS).fill(0))
  expect([...emulated.emulator.namespaces.keys()]).toEqual(['fleet'])
  expect([...emulated.emulator.repositories.keys()]).toEqual(['fleet/web'])
  expect(createdCount(results, 'namespace_created')).toBe(1)
  expect(createdCount(results, 'repository_created')).toBe(1)
  expect(
    emulated.emulator.requests.filter((request) => request.operation === 'createNamespace' && request.status === 201),
  ).toHaveLength(1)
}, 120_000)

it(`${JOBS} runs for ${JOBS} different repositories in one new organization`, async () => {
  const results = await startAtOnce((job) => `service-${job}`)

  expect(results.map((result) => result.exitCode)).toEqual(Array(JOBS).fill(0))
  expect([...emulated.emulator.namespaces.keys()]).toEqual(['fleet'])
  expect(emulated.emulator.repositories.size).toBe(JOBS)
  expect(createdCount(results, 'namespace_created')).toBe(1)
  // Each run created its own repository, and only that one.
  results.forEach((result, job) => {
    expect(result.outputs).toMatchObject({ name: `service-${job}`, repository_created: 'true' })
  })
}, 120_000)
