// Many repositories in one organization, end to end: the inventory read once instead of one read per repository,
// its pages, the repositories no step declares and their pruning, against the emulator's ListRepositories v3.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_KEY_ENV } from '../emulator/swr-emulator.js'
import { runAction } from '../runner/run-action.js'
import { commandMessages, errorOf, expectCleanEnding } from './helpers/action-log.js'
import { useEmulator } from './helpers/emulated.js'

const emulated = useEmulator()
const names = (count: number) =>
  Array.from({ length: count }, (_, index) => `service-${String(index).padStart(4, '0')}`)

async function run(inputs: Record<string, string>) {
  const base = { namespace: 'team', region: 'cn-north-4', endpoint: emulated.endpoint }
  const result = await runAction({ ...base, ...inputs }, { env: DEMO_KEY_ENV, timeoutMs: 120_000 })
  expectCleanEnding(result)
  return result
}
const operations = () => emulated.emulator.requests.map((request) => request.operation)
const entries = (outputs: Record<string, string>) => JSON.parse(outputs.repositories) as Record<string, unknown>[]
/** The fields ListRepositories gives of a repository, as its brief info names them. */
const LISTED = [
  'id',
  'name',
  'category',
  'description',
  'is_public',
  'size',
  'num_images',
  'num_download',
  'created',
  'updated',
]

describe('a thousand repositories in one step', () => {
  it('steady state: 2 requests, and the outputs separate reads would give', async () => {
    const all = names(1000)
    for (const [index, name] of all.entries())
      emulated.emulator.addRepository('team', name, { category: index % 2 ? 'linux' : 'lang' })

    const many = await run({ repository: all.join('\n') })
    expect(many.exitCode).toBe(0)
    expect(operations().sort()).toEqual(['listRepositories', 'showRepository'])

    // Against separate reads: the first repository alone, and two others (under the threshold, read each).
    const first = await run({ repository: all[0] })
    const pair = await run({ repository: `${all[1]}\n${all[999]}` })
    for (const name of ['image', 'json', 'id', 'path', 'creator_name', 'category', 'repository_created', 'registry'])
      expect({ name, value: many.outputs[name] }).toEqual({ name, value: first.outputs[name] })
    const [, second] = entries(many.outputs)
    const last = entries(many.outputs)[999]
    for (const [listed, separate] of [
      [second, entries(pair.outputs)[0]],
      [last, entries(pair.outputs)[1]],
    ]) {
      for (const field of [...LISTED, 'image', 'repository_created', 'settings_changed'])
        expect({ field, value: listed[field] }).toEqual({ field, value: separate[field] })
    }
    expect(many.outputs.undeclared).toBe('[]')
    expect(many.outputs.images.split('\n')).toHaveLength(1000)
  })

  it('pages the list by marker: 1,500 repositories are 2 pages', async () => {
    const all = names(1500)
    for (const name of all) emulated.emulator.addRepository('team', name)
    const result = await run({ repository: all.join('\n') })
    expect(result.exitCode).toBe(0)
    expect(operations().filter((operation) => operation === 'listRepositories')).toHaveLength(2)
    expect(emulated.emulator.requests.find((request) => request.target.includes('marker='))?.target).toMatch(
      /^\/v3\/manage\/repos\?namespace=team&limit=1000&marker=\d+$/,
    )
  })

  it('a first run of five repositories creates each once, the organization once', async () => {
    const result = await run({ repository: names(5).join('\n') })
    expect(result.exitCode).toBe(0)
    expect(operations().filter((operation) => operation === 'createNamespace')).toEqual(['createNamespace'])
    expect(operations().filter((operation) => operation === 'createRepository')).toHaveLength(5)
    expect(entries(result.outputs).map((entry) => entry.repository_created)).toEqual([true, true, true, true, true])
  })

  it('four repositories are read each on their own', async () => {
    for (const name of names(4)) emulated.emulator.addRepository('team', name)
    const result = await run({ repository: names(4).join('\n') })
    expect(result.exitCode).toBe(0)
    expect(operations()).toEqual(['showRepository', 'showRepository', 'showRepository', 'showRepository'])
    expect(result.outputs.undeclared).toBe('')
  })
})

describe('repositories no step declares', () => {
  function organization() {
    emulated.emulator.addRepository('team', 'web')
    emulated.emulator.addRepository('team', 'old-empty', { num_images: 0 })
    emulated.emulator.addRepository('team', 'old-full', { num_images: 3 })
  }

  it('are reported, and a dry run of pruning says what would go, deleting nothing', async () => {
    organization()
    const result = await run({ repository: 'web', prune_undeclared: 'true', dry_run: 'true' })
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.outputs.undeclared)).toEqual([
      { name: 'old-empty', images: 0, action: 'deleted' },
      { name: 'old-full', images: 3, action: 'held-images' },
    ])
    expect(result.stdout).toContain(
      'Organization team: not declared in this step: old-empty (0 images; would be deleted), old-full (3 images; left: it holds images, and prune_with_images is false)',
    )
    expect(result.summary).toContain('team: not declared in this step')
    expect(emulated.writes()).toEqual([])
  })

  it('pruning deletes only the empty ones; a repository holding images needs the second switch', async () => {
    organization()
    const first = await run({ repository: 'web', prune_undeclared: 'true' })
    expect(first.exitCode).toBe(0)
    expect(emulated.emulator.repositories.has('team/old-empty')).toBe(false)
    expect(emulated.emulator.repositories.has('team/old-full')).toBe(true)

    const second = await run({ repository: 'web', prune_undeclared: 'true', prune_with_images: 'true' })
    expect(second.exitCode).toBe(0)
    expect(JSON.parse(second.outputs.undeclared)).toEqual([{ name: 'old-full', images: 3, action: 'deleted' }])
    expect(emulated.emulator.repositories.has('team/old-full')).toBe(false)
    expect(emulated.emulator.repositories.has('team/web')).toBe(true)
  })

  it('prunes nothing when a declared repository fails', async () => {
    organization()
    emulated.emulator.inject({ operation: 'showRepository', times: 4, fault: { status: 500, body: '' } })
    const result = await run({ repository: 'web', prune_undeclared: 'true', max_attempts: '1' })
    expect(result.exitCode).toBe(1)
    expect(emulated.writes()).toEqual([])
    expect(emulated.emulator.repositories.has('team/old-empty')).toBe(true)
  })

  it.each([
    [{ prune_with_images: 'true' }, /^Input prune_with_images: true needs prune_undeclared: true/],
    [{ prune_undeclared: 'true', instance: 'prod' }, /^Input prune_undeclared is not supported with instance/],
  ])('refuses %j before any request', async (inputs, message) => {
    const result = await run({ repository: 'web', ...inputs })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(message)
    expect(emulated.emulator.requests).toHaveLength(0)
    expect(commandMessages(result, 'warning')).toEqual([])
  })
})

describe('under throttling', () => {
  it.each(['gateway', 'swr'] as const)(
    "a first run of 200 repositories completes: every request through in the end (the %s's answer)",
    async (answer) => {
      await emulated.replace({ throttle: { perSecond: 150, answer } })
      const all = names(200)
      const result = await run({ repository: all.join('\n') })

      expect(result.exitCode).toBe(0)
      const throttled = emulated.emulator.requests.filter((request) => [429, 403].includes(request.status))
      // The limit was met, and the run slowed to it instead of failing.
      expect(throttled.length).toBeGreaterThan(0)
      expect(entries(result.outputs).map((entry) => entry.repository_created)).toEqual(all.map(() => true))
      expect(emulated.emulator.repositories.size).toBe(200)
    },
  )
})

describe('a repositories file', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'swr-workspace-'))
  const fifty = names(50)
  /** Categories by repository: every third one lang, the others the defaults' linux; some with a retention policy. */
  const file = [
    'defaults:',
    '  category: linux',
    '  description: a service',
    'repositories:',
    ...fifty.flatMap((name, index) => [
      `  ${name}:`,
      ...(index % 3 === 0 ? ['    category: lang'] : []),
      ...(index % 10 === 0 ? ['    retention_keep_last: 5'] : []),
    ]),
  ].join('\n')
  writeFileSync(join(workspace, 'repositories.yml'), file)
  const runFile = (inputs: Record<string, string> = {}) =>
    runAction(
      {
        namespace: 'team',
        region: 'cn-north-4',
        endpoint: emulated.endpoint,
        repositories_file: 'repositories.yml',
        ...inputs,
      },
      { env: { ...DEMO_KEY_ENV, GITHUB_WORKSPACE: workspace }, timeoutMs: 120_000 },
    )

  it('is applied with each repository its own settings; a second run only reads; the drift names each difference', async () => {
    const first = await runFile()
    expect(first.exitCode).toBe(0)
    const records = fifty.map((name) => emulated.emulator.repositories.get(`team/${name}`))
    expect(records.map((record) => record?.category)).toEqual(
      fifty.map((_, index) => (index % 3 === 0 ? 'lang' : 'linux')),
    )
    expect(emulated.emulator.retentions.size).toBe(5)

    const before = emulated.emulator.requests.length
    const second = await runFile()
    expect(second.exitCode).toBe(0)
    const again = emulated.emulator.requests.slice(before).map((request) => request.operation)
    // The organization's list and the first repository's read, and the retention policies of the five that have one.
    expect(again.filter((operation) => operation !== 'listRetentions').sort()).toEqual([
      'listRepositories',
      'showRepository',
    ])
    expect(again.filter((operation) => operation === 'listRetentions')).toHaveLength(5)
    expect(emulated.emulator.requests.slice(before).filter((request) => request.method !== 'GET')).toEqual([])

    // Drift planted in three repositories, and one repository no file declares.
    emulated.emulator.repositories.get('team/service-0001')!.category = 'database'
    emulated.emulator.repositories.get('team/service-0004')!.description = 'changed in the console'
    emulated.emulator.repositories.get('team/service-0009')!.category = 'other'
    // A setting the file does not declare is no wish: changing it is no difference.
    emulated.emulator.repositories.get('team/service-0010')!.is_public = true
    emulated.emulator.addRepository('team', 'stray')
    const third = await runFile()
    expect(third.exitCode).toBe(0)
    const differing = entries(third.outputs)
      .filter((entry) => (entry.settings_differ as unknown[]).length > 0)
      .map((entry) => [entry.name, (entry.settings_differ as { field: string }[]).map(({ field }) => field)])
    expect(differing).toEqual([
      ['service-0001', ['category']],
      ['service-0004', ['description']],
      ['service-0009', ['category']],
    ])
    expect(JSON.parse(third.outputs.undeclared)).toEqual([{ name: 'stray', images: 0, action: 'kept' }])
    expect(third.summary).toContain('team: not declared in this step')
  })

  it('is refused beside the repository input, before any request', async () => {
    const result = await runFile({ repository: 'web' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/^Inputs repository and repositories_file are both given/)
    expect(emulated.emulator.requests).toHaveLength(0)
  })

  it('a problem in it names the file, the line and the key, before any request', async () => {
    writeFileSync(join(workspace, 'bad.yml'), 'repositories:\n  web:\n    category: games\n')
    const result = await runFile({ repositories_file: 'bad.yml' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/^bad\.yml line 3, repository web: category "games" is not one of SWR's categories/)
    expect(emulated.emulator.requests).toHaveLength(0)
  })
})
