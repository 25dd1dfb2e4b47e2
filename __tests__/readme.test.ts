// The README stays true to the tree and the code: every file it names exists, and its Permissions table is the one
// the 403 hints are made from.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PERMISSIONS } from '../src/clients/swr/permissions.js'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../runner/run-action.js'

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')
/** The README and the guides under docs/ it points to (the API notes, which name the SDKs' files, aside). */
const GUIDES = readdirSync(join(PROJECT_ROOT, 'docs')).filter((name) => name.endsWith('.md') && name !== 'api-notes.md')
const guides = GUIDES.map((name) => readFileSync(join(PROJECT_ROOT, 'docs', name), 'utf8'))
const development = readFileSync(join(PROJECT_ROOT, 'CONTRIBUTING.md'), 'utf8')
const documentation = [readme, ...guides, development].join('\n')
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

it('stays short enough for a newcomer to read: 500 lines at most, the rest under docs/', () => {
  expect(readme.split('\n').length).toBeLessThanOrEqual(500)
  for (const name of GUIDES) expect(readme).toContain(`(docs/${name}`)
})

it.each(namedFiles(documentation))('%s exists', (name) => {
  const found = FOLDERS.some((folder) => existsSync(join(PROJECT_ROOT, folder, name)))
  expect(found).toBe(true)
})

/** A section's table rows, their cells trimmed (the header and the rule left out). */
function tableRows(heading: string): string[][] {
  const start = readme.indexOf(`## ${heading}`)
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1))
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*(input|output|action|-)/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
}

describe("the README's inputs table and action.yml", () => {
  const metadata = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { description: string; default?: string }>
  }
  const rows = tableRows('Inputs').flatMap(([names, defaults, since]) =>
    [...names.matchAll(/`([a-z_]+)`/g)].map(([, name]) => ({ name, defaults, since })),
  )

  it('name the same inputs', () => {
    expect(rows.map((row) => row.name).sort()).toEqual(Object.keys(metadata.inputs).sort())
  })

  it.each(rows)('say the same release $name arrived in, and its default', ({ name, defaults, since }) => {
    const { description, default: given } = metadata.inputs[name]
    expect({ name, since }).toEqual({ name, since: description.includes('Since 1.1.0.') ? '1.1.0' : '1.0.0' })
    if (given !== undefined) expect({ name, defaults }).toEqual({ name, defaults: `\`${given}\`` })
  })
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
  for (const file of sourcesUnder(join(PROJECT_ROOT, folder))) expect(development).toContain(`\`${file}\``)
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

describe("the README's workflows", () => {
  const metadata = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>
    outputs: Record<string, unknown>
  }
  interface Step {
    id?: string
    uses?: string
    with?: Record<string, unknown>
  }
  /** Every step of every YAML block: whole jobs, a list of steps, or one step. */
  const steps = [...documentation.matchAll(/```yaml\n([\s\S]*?)```/g)].flatMap(([, block]) => {
    const parsed = parse(block) as unknown
    const found: Step[] = []
    const visit = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(visit)
      else if (value && typeof value === 'object') {
        if ('uses' in value) found.push(value as Step)
        Object.values(value).forEach(visit)
      }
    }
    visit(parsed)
    return found
  })
  const ours = steps.filter((step) => step.uses?.startsWith('OWNER/swr-ensure-repository@'))
  const section = readme.slice(readme.indexOf('## Pushing images SWR takes'), readme.indexOf('## Several repositories'))

  it('name only inputs the action declares', () => {
    expect(ours.length).toBeGreaterThan(5)
    for (const step of ours) {
      for (const name of Object.keys(step.with ?? {}))
        expect({ name, declared: name in metadata.inputs }).toEqual({ name, declared: true })
    }
  })

  it('read only outputs the action declares', () => {
    const read = [...documentation.matchAll(/steps\.swr\.outputs\.(\w+)/g)].map((match) => match[1])
    expect(read).toEqual(expect.arrayContaining(['build_outputs', 'provenance', 'sbom', 'image']))
    for (const name of new Set(read))
      expect({ name, declared: name in metadata.outputs }).toEqual({ name, declared: true })
  })

  it('build the push with the outputs, never with push: true, in the quick start and the push section', () => {
    const builds = steps.filter((step) => step.uses?.startsWith('docker/build-push-action@'))
    expect(builds.length).toBeGreaterThanOrEqual(2)
    for (const build of builds) {
      expect(build.with).toMatchObject({
        outputs: '${{ steps.swr.outputs.build_outputs }}',
        provenance: '${{ steps.swr.outputs.provenance }}',
        sbom: '${{ steps.swr.outputs.sbom }}',
      })
      expect(build.with?.push).toBeUndefined()
    }
    expect(section).toContain("unknown: Invalid image, fail to parse 'manifest.json'")
    expect(section).toContain('actions/attest-build-provenance')
    expect(section).toContain('docker buildx imagetools create')
  })
})
