// Hostile input, end to end: booleans as the runner reads them, and no input can inject a workflow command or an
// output, whatever it holds.
import { useEmulator } from './helpers/emulated.js'
import fc from 'fast-check'
import { INFO_FIELDS } from '../src/clients/swr/repository-info.js'
import { runAction, type ActionRun } from '../runner/run-action.js'
import { DEMO_ACCOUNT, DEMO_KEY_ENV, SwrEmulator } from '../emulator/swr-emulator.js'
import {
  commandMessages,
  expectCleanEnding,
  expectNoSecretShown,
  expectOnlyOwnCommands,
  expectSafeText,
  maskedValues,
} from './helpers/action-log.js'

const [KEY] = DEMO_ACCOUNT.accessKeys
const ENV = DEMO_KEY_ENV
const SEED = 20261125

describe('booleans', () => {
  it.each([
    ['true', 0],
    ['True', 0],
    ['FALSE', 0],
    ['yes', 1],
    ['1', 1],
    ['on', 1],
    ['tru e', 1],
  ])('is_public %j: exit code %i, and a refusal names the input', async (value, exitCode) => {
    const emulator = new SwrEmulator()
    const endpoint = await emulator.start()
    const result = await runAction(
      { namespace: 'team', repository: 'web', region: 'cn-north-4', endpoint, is_public: value },
      { env: ENV },
    )
    await emulator.stop()
    expectCleanEnding(result)
    expect(result.exitCode).toBe(exitCode)
    if (exitCode === 1) {
      expect(commandMessages(result, 'error')[0]).toMatch(/is_public/)
      expect(emulator.requests).toHaveLength(0)
    }
  })
})

describe('no input can inject a workflow command or an output', () => {
  const EXPECTED_OUTPUTS = [
    ...INFO_FIELDS,
    ...['namespace', 'registry', 'image', 'namespace_created', 'repository_created', 'json', 'repositories'],
    ...['build_outputs', 'provenance', 'sbom', 'media_types', 'images', 'digest', 'undeclared'],
  ].sort()
  const hostile = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '\n',
          '\r\n',
          '\r',
          '%',
          '%0A',
          '$',
          '::',
          '::set-output name=image::evil',
          '::add-mask::',
          '::stop-commands::x',
          '::error::',
          '\u001b[31m',
          '<<EOF',
          'ghadelimiter_',
        ),
        fc.string({ maxLength: 8 }),
      ),
      { minLength: 1, maxLength: 12 },
    )
    .map((parts) => parts.join(''))

  /** Every workflow command the run printed is one the action means to print; it masked exactly the keys. */
  function expectOwnCommandsOnly(result: ActionRun): void {
    expectOnlyOwnCommands(result, [KEY.id, KEY.secret])
    expect(maskedValues(result).sort()).toEqual([KEY.id, KEY.secret].sort())
  }

  const emulated = useEmulator({}, 'the file')

  const values = [
    ...fc.sample(hostile, { numRuns: 10, seed: SEED }),
    'line one\n::set-output name=image::evil\nline three',
    '%0A::add-mask::x%25',
    `long ${'x'.repeat(100_000)}`,
  ]

  it.each(values.map((value, index) => [index, value]))(
    'a hostile description (%i) reaches SWR as given, and comes back as one safe line',
    async (index, value) => {
      const repository = `hostile-${index}`
      const result = await runAction(
        {
          namespace: 'team',
          repository,
          region: 'cn-north-4',
          endpoint: emulated.endpoint,
          description: value as string,
        },
        { env: ENV },
      )

      expectCleanEnding(result)
      expectOwnCommandsOnly(result)
      expectNoSecretShown(result, [KEY.secret])
      expect(result.exitCode).toBe(0)
      expect(Object.keys(result.outputs).sort()).toEqual(EXPECTED_OUTPUTS)
      // The runner trims inputs; what is left reaches SWR unchanged. What SWR answers is server text: an output
      // carries it as one safe line, unchanged when it was one already.
      const given = (value as string).trim()
      expect(emulated.emulator.repositories.get(`team/${repository}`)?.description).toBe(given)
      expectSafeText(result.outputs.description)
      if (/^[\x20-\x7e]{0,300}$/.test(given) && !given.startsWith('::') && !given.includes('##[')) {
        expect(result.outputs.description).toBe(given)
      }
      expect(result.outputs.image).toBe(`swr.cn-north-4.myhuaweicloud.com/team/${repository}`)
    },
  )

  it.each(values.map((value, index) => [index, value]))(
    'a hostile namespace (%i) is refused in one escaped, bounded error',
    async (_index, value) => {
      const before = emulated.emulator.requests.length
      const result = await runAction(
        { namespace: `${value}`, repository: 'web', region: 'cn-north-4', endpoint: emulated.endpoint },
        { env: ENV },
      )

      expectCleanEnding(result)
      expectOwnCommandsOnly(result)
      if (result.exitCode === 1) {
        expect(emulated.emulator.requests.length).toBe(before)
        expect(commandMessages(result, 'error')[0].length).toBeLessThan(1000)
        expect(Object.keys(result.outputs)).toEqual([])
      }
    },
  )
})
