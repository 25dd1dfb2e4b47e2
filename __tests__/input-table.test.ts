// The inputs are declared once: the input table with the features' own, and action.yml, name the same inputs with
// the same defaults.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { type InputKind, secretsOf } from '../src/rules/input-table.js'
import { ALL_INPUTS } from '../src/flow/features.js'
import { PROJECT_ROOT } from '../runner/run-action.js'

const metadata = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>
}

it('names exactly the inputs action.yml declares', () => {
  expect(Object.keys(ALL_INPUTS).sort()).toEqual(Object.keys(metadata.inputs).sort())
})

it.each(Object.entries(ALL_INPUTS) as [string, InputKind][])('%s has action.yml’s default', (name, declared) => {
  const tableDefault = 'default' in declared && declared.default !== undefined ? String(declared.default) : undefined
  expect(tableDefault).toBe(metadata.inputs[name].default)
})

it('keeps the secrets secret: the credentials and the password, nothing else', () => {
  expect([...secretsOf(ALL_INPUTS)].sort()).toEqual(
    ['access_key_id', 'auth_token', 'iam_password', 'secret_access_key', 'security_token'].sort(),
  )
})
