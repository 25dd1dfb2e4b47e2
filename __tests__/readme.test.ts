// The README stays true to the tree and the code: every file it names exists, and its Permissions table is the one
// the 403 hints are made from.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PERMISSIONS } from '../src/clients/swr/permissions.js'
import { PROJECT_ROOT } from '../runner/run-action.js'

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')
/** Where a bare file name in the README may live. */
const FOLDERS = [
  '',
  'src',
  'src/action',
  'src/flow',
  'src/clients',
  'src/clients/swr',
  'src/rules',
  'emulator',
  'runner',
  '__tests__',
  '__tests__/helpers',
  '__tests__/live',
  'scripts',
  'bench',
  '.github/workflows',
]

/** Names in backticks or link targets that look like files of this project (not URLs, not ~ or $ paths). */
function namedFiles(text: string): string[] {
  const quoted = [...text.matchAll(/`([^`\s]+)`/g), ...text.matchAll(/\]\(([^)#\s]+)\)/g)].map((match) => match[1])
  return [
    ...new Set(
      quoted.filter(
        (name) =>
          /^[\w./*-]+\.(ts|js|mjs|md|yml|yaml|json)$/.test(name) &&
          !/^(https?:|~|\$)/.test(name) &&
          !name.includes('*') &&
          !name.startsWith('.docker') &&
          name !== 'config.json',
      ),
    ),
  ]
}

it.each(namedFiles(readme))('%s exists', (name) => {
  const found = FOLDERS.some((folder) => existsSync(join(PROJECT_ROOT, folder, name)))
  expect(found).toBe(true)
})

it('the Permissions table is the one the 403 hints name', () => {
  const section = readme.slice(
    readme.indexOf('## Permissions'),
    readme.indexOf('\n## ', readme.indexOf('## Permissions') + 1),
  )
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*(action|-)/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replaceAll('`', '')),
    )
  expect(rows).toEqual(PERMISSIONS.map(({ action, neededFor }) => [action, neededFor]))
})

/** The .ts files under a folder, as paths relative to it. */
function sourcesUnder(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) return sourcesUnder(folder, path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

it.each(['src', 'emulator'])('the layout names every file in %s/', (folder) => {
  for (const file of sourcesUnder(join(PROJECT_ROOT, folder))) expect(readme).toContain(`\`${file}\``)
})

it('the API notes name only files that exist, and the code points to the notes', () => {
  const notes = readFileSync(join(PROJECT_ROOT, 'docs', 'api-notes.md'), 'utf8')
  const named = [...notes.matchAll(/`(src\/[\w/.-]+\.ts)`/g)].map((match) => match[1])
  expect(named.length).toBeGreaterThan(5)
  for (const file of named)
    expect({ file, exists: existsSync(join(PROJECT_ROOT, file)) }).toEqual({ file, exists: true })
  for (const file of named) {
    expect({ file, points: readFileSync(join(PROJECT_ROOT, file), 'utf8').includes('docs/api-notes.md') }).toEqual({
      file,
      points: true,
    })
  }
})
