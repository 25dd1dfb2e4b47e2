// Syncing to other regions and sharing with other accounts, end to end: dist/index.js with SWR's default regional
// endpoints, reached through a proxy that tunnels every regional host to the emulator, which keeps each region's
// organizations apart.
import { DEMO_ACCOUNT, DEMO_KEY_ENV, type Operation } from '../emulator/swr-emulator.js'
import { runAction } from '../runner/run-action.js'
import { errorOf, expectOnlyOwnCommands } from './helpers/action-log.js'
import { useRegionalEmulator } from './helpers/tunnelling-proxy.js'

const regional = useRegionalEmulator(['cn-north-4', 'cn-east-3', 'ap-southeast-1'])
const BASE = { namespace: 'team', repository: 'web', region: 'cn-north-4' }
const SYNC = { sync_to: 'cn-east-3\nap-southeast-1/team-asia' }
const SHARE = { share_with: 'prod-account\npartner until 2099-06-30' }

const run = (inputs: Record<string, string>, env: Record<string, string> = DEMO_KEY_ENV) =>
  runAction({ ...BASE, ...inputs }, { env: { ...env, ...regional.env() } })
const trail = () => regional.emulator.requests.map((request) => `${request.method} ${request.target} ${request.status}`)
const repositoriesOutput = (outputs: Record<string, string>) =>
  JSON.parse(outputs.repositories) as { sync?: unknown[]; shares?: unknown[] }[]

test('a first run creates the repository, its sync rules with their target organizations, and its shares', async () => {
  const result = await run({ ...SYNC, ...SHARE })

  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  expect(trail().slice(0, 4)).toEqual([
    'GET /v2/manage/namespaces/team/repos/web 404',
    'POST /v2/manage/namespaces 201',
    'POST /v2/manage/namespaces/team/repos 201',
    'GET /v2/manage/namespaces/team/repos/web 200',
  ])
  // Then the target organizations (one per region) with their rules, and the shares.
  expect(trail().slice(4).sort()).toEqual([
    'POST /v2/manage/namespaces 201',
    'POST /v2/manage/namespaces 201',
    'POST /v2/manage/namespaces/team/repos/web/sync_repo 200',
    'POST /v2/manage/namespaces/team/repos/web/sync_repo 200',
    'POST /v2/manage/namespaces/team/repositories/web/access-domains 201',
    'POST /v2/manage/namespaces/team/repositories/web/access-domains 201',
  ])
  const { emulator } = regional
  expect(emulator.inRegion('cn-east-3').namespaces.has('team')).toBe(true)
  expect(emulator.inRegion('ap-southeast-1').namespaces.has('team-asia')).toBe(true)
  expect(emulator.inRegion('ap-southeast-1').namespaces.has('team')).toBe(false)
  expect(emulator.syncRules.get('team/web')).toEqual([
    { remoteRegionId: 'cn-east-3', remoteNamespace: 'team', syncAuto: true, override: false },
    { remoteRegionId: 'ap-southeast-1', remoteNamespace: 'team-asia', syncAuto: true, override: false },
  ])
  expect(emulator.shares.get('team/web')).toEqual([
    { access_domain: 'prod-account', permit: 'read', deadline: 'forever' },
    { access_domain: 'partner', permit: 'read', deadline: '2099-06-30T00:00:00Z' },
  ])
  expect(result.stdout).toContain(
    'Repository team/web: synced to cn-east-3/team (created), ap-southeast-1/team-asia (created)',
  )
  expect(result.stdout).toContain(
    'Repository team/web: shared with prod-account (forever; created), partner (until 2099-06-30; created)',
  )
  const [entry] = repositoriesOutput(result.outputs)
  expect(entry.sync).toEqual([
    { target: 'cn-east-3/team', action: 'created' },
    { target: 'ap-southeast-1/team-asia', action: 'created' },
  ])
  expect(entry.shares).toEqual([
    { account: 'prod-account', deadline: 'forever', action: 'created' },
    { account: 'partner', deadline: '2099-06-30', action: 'created' },
  ])
})

test('a second identical run makes only the reads: the repository, its rules, its shares', async () => {
  await run({ ...SYNC, ...SHARE })
  regional.emulator.resetLog()

  const result = await run({ ...SYNC, ...SHARE })

  expect(result.exitCode).toBe(0)
  expect(trail()[0]).toBe('GET /v2/manage/namespaces/team/repos/web 200')
  expect(trail().slice(1).sort()).toEqual([
    'GET /v2/manage/namespaces/team/repos/web/sync_repo 200',
    'GET /v2/manage/namespaces/team/repositories/web/access-domains 200',
  ])
  expect(result.stdout).toContain('synced to cn-east-3/team (exists), ap-southeast-1/team-asia (exists)')
  expect(result.stdout).toContain('shared with prod-account (forever; exists), partner (until 2099-06-30; exists)')
})

test('a changed deadline is reported as differing, and updated with update_existing', async () => {
  regional.emulator.addRepository('team', 'web')
  regional.emulator.shares.set('team/web', [{ access_domain: 'partner', permit: 'read', deadline: 'forever' }])

  const reported = await run({ share_with: 'partner until 2099-06-30' })
  expect(reported.exitCode).toBe(0)
  expect(trail().filter((line) => !line.startsWith('GET'))).toEqual([])
  expect(reported.stdout).toContain(
    '::warning::Repository team/web: the share with partner lasts forever, not until 2099-06-30 as share_with says, and was left as it is. Set update_existing: true to update it.',
  )

  regional.emulator.resetLog()
  const updated = await run({ share_with: 'partner until 2099-06-30', update_existing: 'true' })
  expect(updated.exitCode).toBe(0)
  expect(trail()).toContain('PATCH /v2/manage/namespaces/team/repositories/web/access-domains/partner 200')
  expect(regional.emulator.shares.get('team/web')?.[0].deadline).toBe('2099-06-30T00:00:00Z')
  expect(updated.stdout).toContain('shared with partner (until 2099-06-30; updated from forever)')
})

test('a dry run writes nothing and says what would change', async () => {
  regional.emulator.addRepository('team', 'web', { num_images: 2 })

  const result = await run({ ...SYNC, ...SHARE, dry_run: 'true' })

  expect(result.exitCode).toBe(0)
  expect(trail().every((line) => line.startsWith('GET '))).toBe(true)
  expect(trail()).toHaveLength(3)
  expect(result.stdout).toContain(
    'synced to cn-east-3/team (would be created; would copy 2 images), ap-southeast-1/team-asia (would be created; would copy 2 images)',
  )
  expect(result.stdout).toContain('shared with prod-account (forever; would be created)')
})

test('a rule made for a repository that holds images copies them once; rules and shares not listed are left and reported', async () => {
  regional.emulator.addRepository('team', 'web', { num_images: 2 })
  regional.emulator.tags.set('team/web', ['v1', 'v2'])
  regional.emulator.syncRules.set('team/web', [
    { remoteRegionId: 'la-south-2', remoteNamespace: 'team', syncAuto: true, override: false },
  ])
  regional.emulator.shares.set('team/web', [{ access_domain: 'old-account', permit: 'read', deadline: 'forever' }])

  const result = await run({ sync_to: 'cn-east-3', sync_override: 'true', share_with: 'prod-account' })

  expect(result.exitCode).toBe(0)
  expect(regional.emulator.copies).toEqual(['team/web -> cn-east-3/team: v1,v2'])
  expect(regional.emulator.syncRules.get('team/web')).toHaveLength(2)
  expect(regional.emulator.syncRules.get('team/web')?.[1].override).toBe(true)
  expect(result.stdout).toContain(
    'synced to cn-east-3/team (created; 2 images copied), la-south-2/team (not listed: left as is)',
  )
  expect(result.stdout).toContain(
    'shared with prod-account (forever; created), old-account (forever; not listed: left as is)',
  )
  expect(regional.emulator.shares.get('team/web')).toHaveLength(2)
})

test('several repositories in one step each get their rules and shares', async () => {
  const result = await run({ repository: 'web\napi', sync_to: 'cn-east-3', share_with: 'prod-account' })

  expect(result.exitCode).toBe(0)
  for (const name of ['team/web', 'team/api']) {
    expect(regional.emulator.syncRules.get(name)).toEqual([
      { remoteRegionId: 'cn-east-3', remoteNamespace: 'team', syncAuto: true, override: false },
    ])
    expect(regional.emulator.shares.get(name)).toEqual([
      { access_domain: 'prod-account', permit: 'read', deadline: 'forever' },
    ])
  }
  // The target organization is made sure of once, whichever repository's rule comes first.
  expect(trail().filter((line) => line.startsWith('POST /v2/manage/namespaces '))).toEqual([
    'POST /v2/manage/namespaces 201',
    'POST /v2/manage/namespaces 201',
  ])
  expect(trail().filter((line) => line.startsWith('GET /v2/manage/namespaces/team '))).toEqual([])
})

test.each([
  [{ sync_to: 'cn-east-3/Team' }, 'Input sync_to has "cn-east-3/Team": the organization is not a valid SWR name'],
  [{ sync_to: 'east' }, 'Input sync_to has "east", which is not a target: give REGION or REGION/ORGANIZATION'],
  [{ sync_to: 'cn-north-4' }, `Input sync_to has "cn-north-4", the repository's own region and organization.`],
  [
    { sync_to: 'eu-west-101' },
    'Input sync_to has "eu-west-101": the region eu-west-101 is not one where SWR offers sync between regions: cn-north-1, cn-north-4, cn-north-9, cn-east-3, cn-east-2, cn-south-1, cn-southwest-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, af-south-1.',
  ],
  [
    { sync_to: 'cn-east-3', region: 'la-south-2' },
    "Input sync_to needs the repository's region to sync from: region la-south-2 is not one where SWR offers sync",
  ],
  [{ share_with: 'partner until 2020-01-01' }, 'the share would end on or before today'],
  [{ share_with: 'partner until 2099-02-30' }, '"2099-02-30" is not a date in the form YYYY-MM-DD'],
  [{ share_with: 'partner sometime' }, 'Input share_with has "partner sometime", which is not a share'],
  [{ sync_override: 'true' }, 'Input sync_override: true needs sync_to.'],
])('%j is refused before any request', async (inputs, message) => {
  const result = await run(inputs)

  expect(result.exitCode).toBe(1)
  expect(result.stdout).toContain(message)
  expect(regional.emulator.requests).toEqual([])
})

test("with an IAM token the target region's organization is not made, and the log says why", async () => {
  const result = await run({ sync_to: 'cn-east-3', auth_token: 'demo-iam-token-0001' }, {})

  expect(result.exitCode).toBe(0)
  expect(regional.emulator.inRegion('cn-east-3').namespaces.has('team')).toBe(false)
  expect(result.stdout).toContain(
    '::warning::Repository team/web: the rule syncing to cn-east-3/team was created without making sure its organization exists there (an IAM token is scoped to cn-north-4; sign in with access keys to create organizations in other regions).',
  )
})

describe('as the SDKs read SWR, and trusting no answer', () => {
  const tagsOf = (count: number) => Array.from({ length: count }, (_, index) => `v${index + 1}`)
  const copiedTags = () => regional.emulator.copies.flatMap((copy) => copy.slice(copy.indexOf(': ') + 2).split(','))
  const nonReads = () => trail().filter((line) => !line.startsWith('GET'))

  test('a repository with 1,500 tags gets all of them copied by a new rule: two pages, two copies', async () => {
    regional.emulator.addRepository('team', 'web', { num_images: 1500 })
    regional.emulator.tags.set('team/web', tagsOf(1500))

    const result = await run({ sync_to: 'cn-east-3' })

    expect(result.exitCode).toBe(0)
    expect(trail().filter((line) => line.includes('/tags'))).toEqual([
      'GET /v2/manage/namespaces/team/repos/web/tags?offset=0&limit=1000 200',
      'GET /v2/manage/namespaces/team/repos/web/tags?offset=1000&limit=1000 200',
    ])
    expect(trail().filter((line) => line.includes('/sync_images'))).toHaveLength(2)
    expect(new Set(copiedTags())).toEqual(new Set(tagsOf(1500)))
    expect(result.stdout).toContain('synced to cn-east-3/team (created; 1500 images copied)')
  })

  test('tags a sync answers as failed are tried once more; copied then, the run succeeds', async () => {
    regional.emulator.addRepository('team', 'web', { num_images: 3 })
    regional.emulator.tags.set('team/web', ['v1', 'v2', 'v3'])
    regional.emulator.syncFailures.set('v2', 1)

    const result = await run({ sync_to: 'cn-east-3' })

    expect(result.exitCode).toBe(0)
    expect(regional.emulator.copies).toEqual(['team/web -> cn-east-3/team: v1,v3', 'team/web -> cn-east-3/team: v2'])
    expect(result.stdout).toContain('synced to cn-east-3/team (created; 3 images copied)')
  })

  test('a sync whose answer lists 2 failed tags, twice, names them, undoes the new rule and fails the step', async () => {
    regional.emulator.addRepository('team', 'web', { num_images: 3 })
    regional.emulator.tags.set('team/web', ['v1', 'v2', 'v3'])
    regional.emulator.syncFailures.set('v2', Infinity)
    regional.emulator.syncFailures.set('v3', Infinity)

    const result = await run({ sync_to: 'cn-east-3' })

    expect(result.exitCode).toBe(1)
    const message =
      'Copying the images of team/web to cn-east-3/team: SWR could not copy 2 of 3 tags, twice: v2, v3. The rule ' +
      'this run made was removed again, so that a re-run makes it anew and copies them.'
    expect(errorOf(result)).toContain(message)
    expect(result.summary).toContain('v2, v3')
    expect((JSON.parse(result.outputs.repositories) as { error?: string }[])[0].error).toContain(message)
    expect(regional.emulator.syncRules.get('team/web')).toEqual([])

    // Once SWR copies them, a re-run makes the rule again and copies every tag.
    regional.emulator.syncFailures.clear()
    const again = await run({ sync_to: 'cn-east-3' })
    expect(again.exitCode).toBe(0)
    expect(regional.emulator.syncRules.get('team/web')).toHaveLength(1)
    expect(copiedTags().filter((tag) => tag !== 'v1')).toEqual(['v2', 'v3'])
  })

  test('a 409 on creating a rule or a share is reported as existing, not created, and copies nothing', async () => {
    regional.emulator.addRepository('team', 'web', { num_images: 1 })
    regional.emulator.tags.set('team/web', ['v1'])
    const conflict = { status: 409, body: '{"errorCode":"SVCSTG.SWR.4090001","errorMessage":"exists"}' }
    regional.emulator.inject({ operation: 'createSyncRule', times: 1, fault: conflict })
    regional.emulator.inject({ operation: 'createShare', times: 1, fault: conflict })

    const result = await run({ sync_to: 'cn-east-3', share_with: 'prod-account' })

    expect(result.exitCode).toBe(0)
    const [entry] = repositoriesOutput(result.outputs)
    expect(entry.sync).toEqual([{ target: 'cn-east-3/team', action: 'exists' }])
    expect(entry.shares).toEqual([{ account: 'prod-account', deadline: 'forever', action: 'exists' }])
    expect(regional.emulator.copies).toEqual([])
  })

  test('a run that fails midway says what it had already done', async () => {
    regional.emulator.inject({
      operation: 'createSyncRule',
      path: '/sync_repo',
      times: 10,
      fault: { status: 400, body: '{"errorCode":"SVCSTG.SWR.4000001","errorMessage":"bad"}' },
    })

    const result = await run({ share_with: 'prod-account', sync_to: 'cn-east-3' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /HTTP 400 SVCSTG\.SWR\.4000001: bad.* Before that, this run created the repository\.$/,
    )
  })

  test('a rule whose override differs from sync_override is reported, and made anew with update_existing', async () => {
    regional.emulator.addRepository('team', 'web')
    const rule = { remoteRegionId: 'cn-east-3', remoteNamespace: 'team', syncAuto: true, override: false }
    regional.emulator.syncRules.set('team/web', [rule])

    const reported = await run({ sync_to: 'cn-east-3', sync_override: 'true' })
    expect(reported.exitCode).toBe(0)
    expect(nonReads()).toEqual([])
    expect(reported.stdout).toContain(
      '::warning::Repository team/web: the rule syncing to cn-east-3/team has override false, not true as sync_override says, and was left as it is. Set update_existing: true to make it anew.',
    )

    regional.emulator.resetLog()
    const replaced = await run({ sync_to: 'cn-east-3', sync_override: 'true', update_existing: 'true' })
    expect(replaced.exitCode).toBe(0)
    expect(nonReads()).toEqual([
      'DELETE /v2/manage/namespaces/team/repos/web/sync_repo 200',
      'POST /v2/manage/namespaces/team/repos/web/sync_repo 200',
    ])
    expect(regional.emulator.syncRules.get('team/web')?.[0].override).toBe(true)
    expect(replaced.stdout).toContain('synced to cn-east-3/team (made anew with override true, was false)')
  })

  test('share deadlines answered with an offset are compared by their day in UTC', async () => {
    regional.emulator.addRepository('team', 'web')
    regional.emulator.shares.set('team/web', [
      { access_domain: 'partner', permit: 'read', deadline: '2099-06-29T16:00:00-08:00' },
      { access_domain: 'other', permit: 'read', deadline: '2099-07-01T07:00:00+08:00' },
    ])

    const result = await run({ share_with: 'partner until 2099-06-30\nother until 2099-06-30' })

    expect(result.exitCode).toBe(0)
    expect(nonReads()).toEqual([])
    expect(result.stdout).toContain('shared with partner (until 2099-06-30; exists), other (until 2099-06-30; exists)')
  })

  test('an account named in another case is the same share, not a second one', async () => {
    regional.emulator.addRepository('team', 'web')
    regional.emulator.shares.set('team/web', [{ access_domain: 'Partner', permit: 'read', deadline: 'forever' }])

    const result = await run({ share_with: 'partner' })

    expect(result.exitCode).toBe(0)
    expect(nonReads()).toEqual([])
    expect(regional.emulator.shares.get('team/web')).toHaveLength(1)
    const refused = await run({ share_with: 'partner\nPARTNER' })
    expect(errorOf(refused)).toBe('Input share_with lists the account PARTNER more than once.')
  })

  test('updating a share keeps the description it has', async () => {
    regional.emulator.addRepository('team', 'web')
    regional.emulator.shares.set('team/web', [
      { access_domain: 'partner', permit: 'read', deadline: 'forever', description: 'staging cluster pulls' },
    ])

    const result = await run({ share_with: 'partner until 2099-06-30', update_existing: 'true' })

    expect(result.exitCode).toBe(0)
    expect(regional.emulator.shares.get('team/web')?.[0]).toMatchObject({
      deadline: '2099-06-30T00:00:00Z',
      description: 'staging cluster pulls',
    })
  })

  test('a target organization taken by another account is reported naming the region it is in', async () => {
    regional.emulator.addRepository('team', 'web')
    const other = { ...DEMO_ACCOUNT, name: 'other', accessKeys: [], tokens: [] }
    regional.emulator.inRegion('cn-east-3').addNamespace('team', other)

    const result = await run({ sync_to: 'cn-east-3' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/^In region cn-east-3: .*organization team/)
  })

  test.each<[Operation, string, string]>([
    [
      'listSyncRules',
      '[{"remoteRegionId":"cn-east-3","remoteNamespace":"team\\n::warning::injected"}]',
      'a list of sync rules',
    ],
    ['listShares', '[{"access_domain":"evil\\n::error::injected","deadline":"forever"}]', 'a list of shares'],
    ['listTags', '[{"Tag":"v1\\n::warning::injected"}]', 'a list of tags'],
    ['syncImages', '["v1", {"tag": 1}]', 'the list of tags that failed to sync'],
  ])('%s answering %s is refused, and nothing of it becomes a workflow command', async (operation, body, what) => {
    regional.emulator.addRepository('team', 'web', { num_images: 1 })
    regional.emulator.tags.set('team/web', ['v1'])
    regional.emulator.syncRules.set('team/web', [
      { remoteRegionId: 'cn-east-3', remoteNamespace: 'team', syncAuto: true, override: false },
    ])
    regional.emulator.inject({ operation, times: 1, fault: { status: 200, body } })

    const result = await run({ sync_to: 'cn-east-3\nap-southeast-1', share_with: 'prod-account' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toContain(`with a body that is not ${what}`)
    expect(result.stdout).not.toMatch(/^::(warning|error)::injected/m)
    expectOnlyOwnCommands(result, Object.values(DEMO_KEY_ENV))
  })
})
