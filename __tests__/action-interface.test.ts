// action.yml and the code cannot drift apart: the inputs declared are the ones read, each default written there is
// the one the code applies, and the outputs declared are the ones written.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { SECRET_INPUTS } from '../src/rules/credentials.js'
import type { EnsureResult } from '../src/flow/ensure.js'
import { type InputSource, parseInputs } from '../src/rules/inputs.js'
import type { InputReader } from '../src/rules/input-table.js'
import { OPTIONAL_INPUTS, optionalReaders } from '../src/rules/optional-inputs.js'
import { actionOutputs, loginOutputs } from '../src/flow/outputs.js'
import { INFO_FIELDS } from '../src/clients/swr/repository-info.js'
import { PROJECT_ROOT } from '../runner/run-action.js'

interface Metadata {
  inputs: Record<string, { required?: boolean; default?: string }>
  outputs: Record<string, unknown>
}
const metadata = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as Metadata
const declaredInputs = Object.keys(metadata.inputs).sort()

const base = {
  namespace: 'team',
  repository: 'web',
  region: 'cn-north-4',
  access_key_id: 'AK',
  secret_access_key: 'SK',
}

/** An input source over plain values that records every name asked for, as the runner's getInput would be. */
function recordingSource(values: Record<string, string>, asked: Set<string>): InputSource {
  return {
    text: (name) => (asked.add(name), values[name] ?? ''),
    boolean: (name) => {
      asked.add(name)
      const value = values[name] ?? ''
      return value === '' ? undefined : value === 'true'
    },
  }
}

/** The parsed inputs as plain data (URLs as their text), for comparing two parses. */
function parsed(values: Record<string, string>): unknown {
  return JSON.parse(JSON.stringify(parseInputs(recordingSource(values, new Set()), {})))
}

describe('inputs', () => {
  it('the code reads exactly the inputs action.yml declares', () => {
    const asked = new Set<string>()
    for (const values of [base, { ...base, retention_keep_last: '3', dry_run: 'true' }, {}]) {
      try {
        parseInputs(recordingSource(values, asked), {})
      } catch {
        // A refused set of inputs still reads every input, so that all problems are reported at once.
      }
    }
    expect([...asked].sort()).toEqual(declaredInputs)
  })

  it('each reader of optional inputs reads every input it is loaded for', async () => {
    const values: Record<string, string> = {
      ...base,
      sync_to: 'cn-east-3',
      sync_override: 'true',
      share_with: 'partner',
      instance: 'prod-registry',
      project_id: '0'.repeat(32),
    }
    const loaded = await optionalReaders((name) => values[name] ?? '')
    const read: Record<string, Set<string>> = {}
    /** The reader, given an input reader that records what this reader itself asks for. */
    const recorded = <F extends (reader: InputReader, ...rest: never[]) => unknown>(key: string, reader: F): F =>
      ((input: InputReader, ...rest: never[]) => {
        const names = (read[key] = new Set<string>())
        const recording = new Proxy(input, {
          get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver) as unknown
            if (typeof value !== 'function') return value
            return (name: string, ...more: unknown[]) => {
              if (['text', 'lines', 'boolean', 'whole'].includes(String(property))) names.add(name)
              return (value as (...args: unknown[]) => unknown).call(target, name, ...more)
            }
          },
        })
        return reader(recording, ...rest)
      }) as F
    const readers = {
      distribution: loaded.distribution && recorded('distribution', loaded.distribution),
      enterprise: loaded.enterprise && recorded('enterprise', loaded.enterprise),
    }
    // Refused (sync_to and share_with are not taken with instance), after every input was read.
    expect(() => parseInputs(recordingSource(values, new Set()), {}, {}, readers)).toThrow(
      /not supported with instance/,
    )
    for (const [key, names] of Object.entries(OPTIONAL_INPUTS)) {
      expect({ key, read: [...(read[key] ?? [])].sort() }).toEqual({ key, read: expect.arrayContaining([...names]) })
    }
  })

  it.each(Object.entries(metadata.inputs).filter(([, input]) => input.default !== undefined))(
    'the default of %s in action.yml is the one the code applies when the input is empty',
    (name, input) => {
      expect(parsed({ ...base, [name]: '' })).toEqual(parsed({ ...base, [name]: String(input.default) }))
    },
  )

  it.each(Object.entries(metadata.inputs).filter(([, input]) => input.required))(
    'the required input %s is refused when empty',
    (name) => {
      expect(() => parsed({ ...base, [name]: '' })).toThrow(new RegExp(`Input ${name} `))
    },
  )

  it('every secret input is declared', () => {
    for (const name of SECRET_INPUTS) expect(declaredInputs).toContain(name)
  })
})

describe('outputs', () => {
  const context = { namespace: 'team', registry: 'swr.cn-north-4.myhuaweicloud.com' }
  const info = Object.fromEntries(INFO_FIELDS.map((field) => [field, field === 'is_public' ? true : field]))
  const success: EnsureResult = {
    namespace: 'created' as const,
    results: [
      { repository: 'web', info: { ...info, name: 'web' }, created: true, settingsChanged: [], settingsDiffer: [] },
    ],
  }

  it('a successful run with a login writes exactly the outputs action.yml declares', () => {
    const secret = {
      host: 'h',
      username: 'u',
      password: 'p',
      auth: 'dTpw',
      expiresAt: new Date(),
      expiryEstimated: false,
    }
    const written = { ...actionOutputs(success, context), ...loginOutputs(secret) }
    expect(Object.keys(written).sort()).toEqual(Object.keys(metadata.outputs).sort())
  })

  it('a failed run writes only declared outputs', () => {
    const failure: EnsureResult = {
      namespace: 'exists' as const,
      results: [{ repository: 'web', error: new Error('x') }],
    }
    for (const name of Object.keys(actionOutputs(failure, context)))
      expect(Object.keys(metadata.outputs)).toContain(name)
  })
})
