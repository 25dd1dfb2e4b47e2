// Several repositories per step, settings kept in line, retention, dry run and the job summary, end to end:
// dist/index.js against the emulator.
import { useEmulator } from './helpers/emulated.js'
import { runAction, type ActionRun } from '../runner/run-action.js'
import { DEMO_ACCOUNT, DEMO_KEY_ENV } from '../emulator/swr-emulator.js'
import { commandMessages, errorOf } from './helpers/action-log.js'

const ENV = DEMO_KEY_ENV

const emulated = useEmulator()

function run(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({ namespace: 'team', region: 'cn-north-4', endpoint: emulated.endpoint, ...inputs }, { env: ENV })
}

const { writes } = emulated
const count = (operation: string) =>
  emulated.emulator.requests.filter((request) => request.operation === operation).length

describe('several repositories in one step', () => {
  it('creates the organization once and every repository, listing each in repositories', async () => {
    const result = await run({ repository: 'web\napps/api\n\n  worker  \n', category: 'linux' })

    expect(result.exitCode).toBe(0)
    expect(count('createNamespace')).toBe(1)
    expect(count('createRepository')).toBe(3)
    expect(emulated.emulator.requests).toHaveLength(10)
    expect(emulated.emulator.connections).toBeLessThanOrEqual(4)
    const repositories = JSON.parse(result.outputs.repositories)
    expect(repositories.map((entry: { name: string }) => entry.name)).toEqual(['web', 'apps/api', 'worker'])
    expect(repositories[1]).toMatchObject({
      image: 'swr.cn-north-4.myhuaweicloud.com/team/apps/api',
      repository_created: true,
      category: 'linux',
      settings_changed: [],
    })
    expect(result.outputs).toMatchObject({
      name: 'web',
      image: 'swr.cn-north-4.myhuaweicloud.com/team/web',
      namespace_created: 'true',
    })
  })

  it('tries every repository when one fails, and names each failure', async () => {
    emulated.emulator.inject({
      operation: 'showRepository',
      path: '/repos/api',
      times: 1,
      fault: { status: 403, body: '{"errorCode":"SVCSTG.SWR.4039002","errorMessage":"No permission"}' },
    })
    const result = await run({ repository: 'web\napi\nworker' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^1 of 3 repositories failed:\n- team\/api: Reading repository team\/api failed with HTTP 403 SVCSTG\.SWR\.4039002: No permission\. The IAM user lacks/,
    )
    expect([...emulated.emulator.repositories.keys()].sort()).toEqual(['team/web', 'team/worker'])
    const repositories = JSON.parse(result.outputs.repositories)
    expect(repositories).toHaveLength(3)
    expect(repositories[1]).toEqual({
      name: 'api',
      image: 'swr.cn-north-4.myhuaweicloud.com/team/api',
      error: expect.stringMatching(/HTTP 403/),
    })
    expect(repositories[2]).toMatchObject({ name: 'worker', repository_created: true })
  })

  it('says once that the organization belongs to another account', async () => {
    const other = { ...DEMO_ACCOUNT, name: 'other', accessKeys: [], tokens: [] }
    await emulated.replace({ accounts: [DEMO_ACCOUNT, other] })
    emulated.emulator.addNamespace('team', other)
    const result = await run({ repository: 'web\napi' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/^The organization team already exists in another Huawei Cloud account[^\n]*$/)
    expect(count('createNamespace')).toBe(1)
  })

  it('refuses a repository listed twice, before any request', async () => {
    const result = await run({ repository: 'web\napi\nweb' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe('Input repository lists "web" more than once.')
    expect(emulated.emulator.requests).toHaveLength(0)
  })
})

describe("an existing repository's settings", () => {
  beforeEach(() => {
    emulated.emulator.addRepository('team', 'web', { is_public: false, category: 'other', description: 'old' })
  })

  it('are left alone with a warning when update_existing is false', async () => {
    const result = await run({ repository: 'web', is_public: 'true', category: 'linux', description: 'old' })

    expect(result.exitCode).toBe(0)
    expect(writes()).toHaveLength(0)
    expect(commandMessages(result, 'warning')).toEqual([
      'Repository team/web: is_public false → true, category "other" → "linux" differ from the inputs and were left as they are. Set update_existing: true to update them.',
    ])
    expect(result.outputs).toMatchObject({ is_public: 'false', category: 'other' })
  })

  it('are updated with one PATCH when update_existing is true', async () => {
    const result = await run({ repository: 'web', is_public: 'true', category: 'linux', update_existing: 'true' })

    expect(result.exitCode).toBe(0)
    expect(writes().map((request) => `${request.method} ${request.target} ${request.status}`)).toEqual([
      'PATCH /v2/manage/namespaces/team/repos/web 201',
    ])
    expect(emulated.emulator.repositories.get('team/web')).toMatchObject({
      is_public: true,
      category: 'linux',
      description: 'old',
    })
    expect(result.outputs).toMatchObject({ is_public: 'true', category: 'linux', description: 'old' })
    expect(JSON.parse(result.outputs.repositories)[0].settings_changed).toEqual([
      { field: 'is_public', from: false, to: true },
      { field: 'category', from: 'other', to: 'linux' },
    ])
    expect(commandMessages(result, 'warning')).toEqual([])
  })

  it('count only inputs the workflow gave: a public repository is not made private', async () => {
    emulated.emulator.addRepository('team', 'public-web', { is_public: true })
    const result = await run({ repository: 'public-web', update_existing: 'true' })

    expect(result.exitCode).toBe(0)
    expect(writes()).toHaveLength(0)
    expect(result.outputs.is_public).toBe('true')
  })
})

describe('image retention', () => {
  const retentionWrites = () => writes().filter((request) => request.target.includes('/retentions'))

  it('is created with the repository, left alone on a re-run, and replaced when the inputs change its kind', async () => {
    const inputs = { repository: 'apps/web', retention_keep_last: '10', retention_keep_tags: 'latest\n/^v\\d+$/' }
    const first = await run(inputs)
    expect(first.exitCode).toBe(0)
    expect(retentionWrites().map((request) => `${request.method} ${request.target}`)).toEqual([
      'POST /v2/manage/namespaces/team/repos/apps$web/retentions',
    ])
    expect(emulated.emulator.retentions.get('team/apps/web')).toEqual([
      {
        id: expect.any(Number),
        algorithm: 'or',
        scope: '',
        rules: [
          {
            template: 'tag_rule',
            params: { num: '10' },
            tag_selectors: [
              { kind: 'label', pattern: 'latest' },
              { kind: 'regexp', pattern: '^v\\d+$' },
            ],
          },
        ],
      },
    ])

    emulated.emulator.resetLog()
    const again = await run({ ...inputs, retention_keep_tags: '/^v\\d+$/\nlatest' })
    expect(again.exitCode).toBe(0)
    expect(emulated.emulator.requests.map((request) => `${request.method} ${request.operation}`)).toEqual([
      'GET showRepository',
      'GET listRetentions',
    ])
    expect(JSON.parse(again.outputs.repositories)[0].retention).toBe('unchanged')

    emulated.emulator.resetLog()
    const changed = await run({ repository: 'apps/web', retention_keep_days: '30' })
    expect(changed.exitCode).toBe(0)
    // SWR cannot change a policy's template: the policy is deleted, and the new one created.
    expect(retentionWrites().map((request) => request.method)).toEqual(['DELETE', 'POST'])
    expect(JSON.parse(changed.outputs.repositories)[0].retention).toBe('replace')
    expect(emulated.emulator.retentions.get('team/apps/web')?.[0].rules).toEqual([
      { template: 'date_rule', params: { days: '30' }, tag_selectors: [] },
    ])
  })

  it('leaves exactly one policy when the repository has several', async () => {
    emulated.emulator.addRepository('team', 'web')
    const seeded = { algorithm: 'or' as const, scope: '' }
    emulated.emulator.retentions.set('team/web', [
      { id: 1, ...seeded, rules: [{ template: 'date_rule', params: { days: '7' }, tag_selectors: [] }] },
      { id: 2, ...seeded, rules: [{ template: 'tag_rule', params: { num: '5' }, tag_selectors: [] }] },
    ])
    const result = await run({ repository: 'web', retention_keep_last: '5' })

    expect(result.exitCode).toBe(0)
    expect(retentionWrites().map((request) => `${request.method} ${request.target.split('/').pop()}`)).toEqual([
      'DELETE 1',
    ])
    expect(emulated.emulator.retentions.get('team/web')?.map((policy) => policy.id)).toEqual([2])
  })

  it.each([
    [
      { retention_keep_last: '10', retention_keep_days: '30' },
      /^Give retention_keep_last or retention_keep_days, not both/,
    ],
    [{ retention_keep_tags: 'latest' }, /^Input retention_keep_tags needs retention_keep_last or retention_keep_days/],
    [{ retention_keep_last: '0' }, /^Input retention_keep_last "0" must be a whole number of at least 1/],
    [
      { retention_keep_days: '30', retention_keep_tags: '/(/' },
      /retention_keep_tags has "\/\(\/", which is not a valid regular expression/,
    ],
    [
      { retention_keep_days: '30', retention_keep_tags: 'bad tag' },
      /retention_keep_tags has "bad tag", which is not a tag/,
    ],
  ])('refuses %j before any request', async (inputs, message) => {
    const result = await run({ repository: 'web', ...inputs })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(message)
    expect(emulated.emulator.requests).toHaveLength(0)
  })
})

describe('dry run', () => {
  it('sends only read requests and reports what a real run would create', async () => {
    const result = await run({ repository: 'web\napi', dry_run: 'true', is_public: 'true', retention_keep_last: '3' })

    expect(result.exitCode).toBe(0)
    expect(writes()).toHaveLength(0)
    expect(emulated.emulator.namespaces.size).toBe(0)
    expect(result.outputs).toMatchObject({
      namespace_created: 'true',
      repository_created: 'true',
      name: 'web',
      is_public: 'true',
      category: 'other',
      image: 'swr.cn-north-4.myhuaweicloud.com/team/web',
    })
    expect(JSON.parse(result.outputs.repositories).map((entry: { retention: string }) => entry.retention)).toEqual([
      'create',
      'create',
    ])
    expect(result.stdout).toContain('Organization team: would be created')
  })

  it('reads an existing repository and its retention, and reports the changes it would make', async () => {
    emulated.emulator.addRepository('team', 'web', { category: 'other' })
    emulated.emulator.retentions.set('team/web', [
      {
        id: 1,
        algorithm: 'or',
        scope: '',
        rules: [{ template: 'date_rule', params: { days: '7' }, tag_selectors: [] }],
      },
    ])
    const result = await run({
      repository: 'web\nnew',
      dry_run: 'true',
      category: 'linux',
      update_existing: 'true',
      retention_keep_days: '30',
    })

    expect(result.exitCode).toBe(0)
    expect(writes()).toHaveLength(0)
    expect(emulated.emulator.repositories.get('team/web')?.category).toBe('other')
    const [web, created] = JSON.parse(result.outputs.repositories)
    expect(web).toMatchObject({
      repository_created: false,
      retention: 'update',
      settings_changed: [{ field: 'category', from: 'other', to: 'linux' }],
    })
    expect(created).toMatchObject({ name: 'new', repository_created: true, retention: 'create' })
    expect(result.outputs.namespace_created).toBe('false')
  })
})

describe('the job summary', () => {
  it('has a table per repository with escaped values', async () => {
    emulated.emulator.addRepository('team', 'web', { is_public: true, num_images: 12, size: 5_368_709_120 })
    const result = await run({
      repository: 'web\napps/api',
      retention_keep_days: '30',
      retention_keep_tags: '/^v<\\d+>$/',
    })

    expect(result.exitCode).toBe(0)
    const { summary } = result
    expect(summary).toContain('<h2>SWR repositories</h2>')
    expect(summary).toContain('Organization <code>team</code>: existed.')
    expect(summary).toContain('<h3>team/web</h3>')
    expect(summary).toContain('<h3>team/apps/api</h3>')
    expect(summary).toContain('<th>Image to push</th><td><code>swr.cn-north-4.myhuaweicloud.com/team/web</code></td>')
    expect(summary).toContain('<th>Visibility</th><td>public</td>')
    expect(summary).toContain('<th>Images</th><td>12</td>')
    expect(summary).toContain('<th>Size</th><td>5.0 GiB</td>')
    expect(summary).toContain('<th>Repository</th><td>existed</td>')
    expect(summary).toContain('<th>Repository</th><td>created</td>')
    expect(summary).toContain(
      '<th>Retention</th><td>keep the last 30 days; never delete /^v&#60;\\d+&#62;$/ (created)</td>',
    )
    expect(summary).not.toContain('<\\d+>')
  })

  it('is not written with summary: false', async () => {
    const result = await run({ repository: 'web', summary: 'false' })
    expect(result.exitCode).toBe(0)
    expect(result.summary).toBe('')
  })
})
