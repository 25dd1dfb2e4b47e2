// `npm run release:check -- X.Y.Z`: the checks a release must pass, the same the release workflow runs: the version
// is one, package.json says it, CHANGELOG.md has a section for it, dist/ equals a fresh bundle, and the tests pass.
// `npm run release:notes -- X.Y.Z` prints that changelog section; `npm run release:major -- X.Y.Z` prints the major
// tag the release moves (nothing for a pre-release, or a patch to an older minor).
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../runner/run-action.js'
import { changelogSection, majorTagToMove, parseVersion, tagOf, type Version } from './release-rules.js'

const [command, given = ''] = process.argv.slice(2)

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

const version: Version =
  parseVersion(given) ??
  fail(
    `${JSON.stringify(given)} is not a version: give MAJOR.MINOR.PATCH (or its tag, vMAJOR.MINOR.PATCH), e.g. 1.2.0, ` +
      'or 2.0.0-rc.1 for a pre-release.',
  )
const changelog = readFileSync(join(PROJECT_ROOT, 'CHANGELOG.md'), 'utf8')
const notes = changelogSection(changelog, version.text)

function npm(script: string): void {
  const run = spawnSync('npm', ['run', script], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  if (run.status !== 0) fail(`npm run ${script} failed: the release is not ready.`)
}

if (command === 'notes') {
  console.log(notes ?? fail(`CHANGELOG.md has no section for ${version.text}.`))
} else if (command === 'major') {
  const tags = execFileSync('git', ['tag', '--list', 'v*'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\n')
  console.log(majorTagToMove(version, tags) ?? '')
} else if (command === 'check') {
  const packageVersion = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version
  if (packageVersion !== version.text) {
    fail(
      `package.json's version is ${packageVersion}, not ${version.text}: set it in the release's commit ` +
        `(npm version ${version.text} --no-git-tag-version), or release ${packageVersion}.`,
    )
  }
  if (!notes) {
    fail(
      `CHANGELOG.md has no section for ${version.text}: add "## [${version.text}] - YYYY-MM-DD" with the release's ` +
        'changes (moved from Unreleased).',
    )
  }
  npm('bundle')
  const changed = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
  if (changed.trim()) fail(`dist/ differs from a fresh bundle: commit the output of npm run bundle.\n${changed}`)
  npm('test')
  const prerelease = version.prerelease === undefined ? '' : ' (a pre-release: it moves no major tag)'
  console.log(`Release ${version.text} is ready: tag ${tagOf(version)}${prerelease}.`)
} else {
  fail('usage: tsx scripts/release.ts check|notes|major X.Y.Z')
}
