// dist/ is what runners run: the stand-ins bundled in place of undici and @actions/exec (tsconfig.json's "paths",
// the bundler's aliases) still apply, so no run pays for loading code it never calls.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../runner/run-action.js'

const DIST = join(PROJECT_ROOT, 'dist')
const bundles = [
  ...readdirSync(DIST).filter((name) => name.endsWith('.js')),
  ...readdirSync(join(DIST, 'post'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => join('post', name)),
].map((name) => ({ name, code: readFileSync(join(DIST, name), 'utf8') }))

it('the undici stand-in is bundled, and undici itself nowhere', () => {
  expect(bundles.some(({ code }) => code.includes('undici is not bundled with this action'))).toBe(true)
  // Every undici error code starts so; the stand-in has none.
  for (const { name, code } of bundles)
    expect({ name, undici: code.includes('UND_ERR_') }).toEqual({ name, undici: false })
})

it('@actions/exec is not bundled: the toolkit code that would run it is not reached', () => {
  for (const { name, code } of bundles) {
    expect({ name, exec: /\bToolRunner\b|argStringToArray/.test(code) }).toEqual({ name, exec: false })
  }
})

it('a feature loaded on demand is not in the main bundle: a run that does not ask for it never parses its steps', () => {
  const main = readFileSync(join(DIST, 'index.js'), 'utf8')
  // The steps of sync and shares (flow/distribution.ts), and the instance's edition.
  // ...and the YAML parser of the repositories file.
  const steps = [
    'async function ensureSync(',
    'async function ensureShares(',
    'async function openInstance(',
    'class LineCounter',
  ]
  for (const step of steps) {
    expect({ step, main: main.includes(step), chunk: bundles.some(({ code }) => code.includes(step)) }).toEqual({
      step,
      main: false,
      chunk: true,
    })
  }
})
