// The README stays true to the tree: every file it names exists.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../runner/run-action.js'

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')
/** Where a bare file name in the README may live. */
const FOLDERS = [
  '',
  'src',
  'emulator',
  'runner',
  '__tests__',
  '__tests__/helpers',
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
