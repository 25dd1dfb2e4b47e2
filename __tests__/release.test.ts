// The release's rules: version and tag forms, the major tag a release moves, the changelog section it publishes.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../runner/run-action.js'
import {
  changelogSection,
  compareVersions,
  majorTagToMove,
  parseVersion,
  tagOf,
  type Version,
} from '../scripts/release-rules.js'

const version = (text: string): Version => parseVersion(text) as Version

describe('versions and tags', () => {
  it.each([
    ['1.2.3', { major: 1, minor: 2, patch: 3, prerelease: undefined, text: '1.2.3' }],
    ['v1.2.3', { major: 1, minor: 2, patch: 3, prerelease: undefined, text: '1.2.3' }],
    ['2.0.0-rc.1', { major: 2, minor: 0, patch: 0, prerelease: 'rc.1', text: '2.0.0-rc.1' }],
  ])('reads %s', (text, expected) => {
    expect(parseVersion(text)).toEqual(expected)
  })

  it.each(['1.2', '1.2.3.4', '01.2.3', '1.2.3-', '1.2.3+build', 'v', 'latest', '1.2.3 ', 'vv1.2.3'])(
    'refuses %j',
    (text) => {
      expect(parseVersion(text)).toBeUndefined()
    },
  )

  it('tags a release vX.Y.Z', () => {
    expect(tagOf(version('1.4.0'))).toBe('v1.4.0')
    expect(tagOf(version('v2.0.0-rc.2'))).toBe('v2.0.0-rc.2')
  })

  it('orders versions as Semantic Versioning does', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
    ]
    const shuffled = [...ordered].reverse()
    expect(
      shuffled
        .map(version)
        .sort(compareVersions)
        .map((v) => v.text),
    ).toEqual(ordered)
  })
})

describe('the major tag a release moves', () => {
  const tags = ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v2.0.0-rc.1', 'v1', 'not-a-version']

  it('moves to the newest release of its major', () => {
    expect(majorTagToMove(version('1.3.0'), tags)).toBe('v1')
    expect(majorTagToMove(version('1.2.0'), tags)).toBe('v1')
    expect(majorTagToMove(version('2.0.0'), tags)).toBe('v2')
  })

  it('stays where it is for a patch to an older minor', () => {
    expect(majorTagToMove(version('1.1.1'), tags)).toBeUndefined()
  })

  it('never moves for a pre-release', () => {
    expect(majorTagToMove(version('2.0.0-rc.2'), tags)).toBeUndefined()
  })
})

describe('the changelog section', () => {
  const changelog = [
    '# Changelog',
    '',
    '## [Unreleased]',
    '',
    '## [1.1.0] - 2026-12-01',
    '',
    '### Added',
    '',
    '- Something new.',
    '',
    '## [1.0.0] - 2026-11-26',
    '',
    'The first release.',
    '',
    '[Unreleased]: https://github.com/o/r/compare/v1.1.0...HEAD',
    '[1.1.0]: https://github.com/o/r/compare/v1.0.0...v1.1.0',
  ].join('\n')

  it('is the text between its heading and the next', () => {
    expect(changelogSection(changelog, '1.1.0')).toBe('### Added\n\n- Something new.')
  })

  it('ends before the link references', () => {
    expect(changelogSection(changelog, '1.0.0')).toBe('The first release.')
  })

  it('is missing for a version without a section, an empty section, or a near miss', () => {
    expect(changelogSection(changelog, '1.2.0')).toBeUndefined()
    expect(changelogSection(changelog, 'Unreleased')).toBeUndefined()
    expect(changelogSection(changelog, '1.1')).toBeUndefined()
    expect(changelogSection(changelog.replace('1.0.0]', '1x0x0]'), '1.0.0')).toBeUndefined()
  })

  it("exists in the project's changelog for package.json's version", () => {
    const project = readFileSync(join(PROJECT_ROOT, 'CHANGELOG.md'), 'utf8')
    const { version: current } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'))
    expect(changelogSection(project, current)).toMatch(/\S/)
    expect(project).toMatch(/^## \[Unreleased\]$/m)
  })
})
