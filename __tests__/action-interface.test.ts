// action.yml and the code cannot drift apart: the inputs declared are the ones read, each default written there is
// the one the code applies, and the outputs declared are the ones written.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { SECRET_INPUTS } from '../src/rules/credentials.js'
import type { EnsureResult } from '../src/flow/ensure.js'
import { type InputSource, parseInputs } from '../src/rules/inputs.js'
import { actionOutputs, loginOutputs } from '../src/flow/outputs.js'
import { INFO_FIELDS } from '../src/clients/swr/repository-info.js'
import { PROJECT_ROOT } from '../runner/run-action.js'
import { FEATURES } from '../src/flow/features.js'
import { sharedContext } from './helpers/ensure-request.js'

/** The inputs read as the main step reads them: with every feature's. */
const parseAll = (...[source, env, defaults]: Parameters<typeof parseInputs>) =>
  parseInputs(source, env, defaults, FEATURES)

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
  return JSON.parse(JSON.stringify(parseAll(recordingSource(values, new Set()), {})))
}

describe('inputs', () => {
  it('the code reads exactly the inputs action.yml declares', () => {
    const asked = new Set<string>()
    const instance = { ...base, instance: 'prod-registry', project_id: '0'.repeat(32) }
    for (const values of [base, { ...base, retention_keep_last: '3', dry_run: 'true' }, instance, {}]) {
      try {
        parseAll(recordingSource(values, asked), {})
      } catch {
        // A refused set of inputs still reads every input, so that all problems are reported at once.
      }
    }
    expect([...asked].sort()).toEqual(declaredInputs)
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
  const context = sharedContext
  const info = Object.fromEntries(INFO_FIELDS.map((field) => [field, field === 'is_public' ? true : field]))
  const success: EnsureResult = {
    namespace: 'created' as const,
    results: [{ repository: 'web', info: { ...info, name: 'web' }, state: 'created', outcomes: {} }],
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
