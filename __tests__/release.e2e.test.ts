// `npm run release:check` refuses a release that is not ready, saying which check failed, before it bundles or
// tests anything.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../runner/run-action.js'

function check(version: string) {
  const tsx = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  return spawnSync(process.execPath, [tsx, join(PROJECT_ROOT, 'scripts', 'release.ts'), 'check', version], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  })
}

it.each([
  ['9.9.9', /^package\.json's version is \d+\.\d+\.\d+, not 9\.9\.9: set it/],
  ['1.0', /^"1\.0" is not a version: give MAJOR\.MINOR\.PATCH/],
])('release:check %s fails, saying which check', (version, message) => {
  const run = check(version)
  expect(run.status).toBe(1)
  expect(run.stderr).toMatch(message)
  expect(run.stdout).not.toMatch(/ncc|Tests:/)
})
