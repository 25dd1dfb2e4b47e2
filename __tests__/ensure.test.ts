// The ensure flow's decisions against an in-memory SWR: each row of the README's "Behaviour on re-runs and races",
// the races, failures, dry run, settings and retention. No process, no socket.
import type { RepositoryFailure, RepositoryResult } from '../src/flow/ensure.js'
import { RequestError } from '../src/clients/request-error.js'
import { ensureShared as ensureRepositories, ensureRequest as request, succeeded } from './helpers/ensure-request.js'
import { InMemorySwr, refusal } from './helpers/in-memory-swr.js'

function failed(entry: RepositoryResult | RepositoryFailure): Error {
  if (!('error' in entry)) throw new Error(`${entry.repository} did not fail`)
  return entry.error
}

describe("the README's re-runs and races table", () => {
  it('repository exists: 1 read, nothing created', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web', { category: 'linux' })
    const result = await ensureRepositories(api, request())

    expect(api.calls).toEqual(['showRepository team/web'])
    expect(result.namespace).toBe('exists')
    expect(succeeded(result.results[0])).toMatchObject({ created: false, info: { name: 'web', category: 'linux' } })
  })

  it('organization exists, repository missing: read, create repository, read', async () => {
    const api = new InMemorySwr()
    api.namespaces.set('team', 'yours')
    const result = await ensureRepositories(api, request({ category: 'lang', isPublic: true }))

    expect(api.calls).toEqual(['showRepository team/web', 'createRepository team/web', 'showRepository team/web'])
    expect(result.namespace).toBe('exists')
    expect(succeeded(result.results[0])).toMatchObject({ created: true, info: { category: 'lang', is_public: true } })
  })

  it('nothing exists: read naming the organization, create organization, create repository, read', async () => {
    const api = new InMemorySwr()
    const result = await ensureRepositories(api, request())

    expect(api.calls).toEqual([
      'showRepository team/web',
      'createNamespace team',
      'createRepository team/web',
      'showRepository team/web',
    ])
    expect(result.namespace).toBe('created')
    expect(succeeded(result.results[0])).toMatchObject({ created: true, info: { category: 'other', is_public: false } })
  })

  it('several repositories: counts per repository, the organization created once', async () => {
    const api = new InMemorySwr()
    const result = await ensureRepositories(api, request({ repositories: ['web', 'api', 'apps/worker'] }))

    expect(api.calls.filter((call) => call.startsWith('createNamespace'))).toEqual(['createNamespace team'])
    expect(api.calls).toHaveLength(10)
    expect(result.results.map((entry) => succeeded(entry).created)).toEqual([true, true, true])
    expect(result.namespace).toBe('created')
  })
})

describe('races with other jobs', () => {
  it('the organization created between the read and the create: "exists", confirmed to be ours', async () => {
    const api = new InMemorySwr()
    api.script('createNamespace', () => {
      api.namespaces.set('team', 'yours')
      return 'exists'
    })
    const result = await ensureRepositories(api, request())

    expect(api.calls).toEqual([
      'showRepository team/web',
      'createNamespace team',
      'showNamespace team',
      'createRepository team/web',
      'showRepository team/web',
    ])
    expect(result.namespace).toBe('exists')
    expect(succeeded(result.results[0]).created).toBe(true)
  })

  it.each([
    ['not visible (403)', 'another account' as const, 403],
    ['missing (404)', undefined, 404],
  ])('the organization of another account, %s after "exists", fails saying so', async (_, owner, status) => {
    const api = new InMemorySwr()
    api.script('createNamespace', 'exists')
    if (owner) api.namespaces.set('team', owner)
    const result = await ensureRepositories(api, request({ repositories: ['web', 'api'] }))

    const error = failed(result.results[0])
    expect(error).toBeInstanceOf(RequestError)
    expect(error.message).toBe(
      `The organization team already exists in another Huawei Cloud account (SWR answered HTTP 409 to creating it, then HTTP ${status} to reading it). ` +
        'Organization names are unique across all accounts: choose another namespace, or ask its owner to grant your account access.',
    )
    // Both repositories share the one organization step, and its one error.
    expect(failed(result.results[1])).toBe(error)
    expect(api.writes()).toEqual(['createNamespace team'])
  })

  it('the repository created between the read and the create: "exists" is success, not created', async () => {
    const api = new InMemorySwr()
    api.namespaces.set('team', 'yours')
    api.script('createRepository', () => {
      api.addRepository('team', 'web', { category: 'lang' })
      return { kind: 'exists' }
    })
    const result = await ensureRepositories(api, request({ category: 'linux' }))

    expect(api.calls).toEqual(['showRepository team/web', 'createRepository team/web', 'showRepository team/web'])
    // It is someone else's repository now: its settings are compared, not assumed.
    expect(succeeded(result.results[0])).toMatchObject({
      created: false,
      info: { category: 'lang' },
      settingsDiffer: [{ field: 'category', from: 'lang', to: 'linux' }],
    })
  })

  it('a create whose answer was lost, retried into "exists": success, reported as not created', async () => {
    const api = new InMemorySwr()
    api.namespaces.set('team', 'yours')
    api.script('createRepository', () => {
      api.create('team', { repository: 'web', is_public: false, category: 'other' })
      return { kind: 'exists' }
    })
    const result = await ensureRepositories(api, request())

    expect(api.repositories.has('team/web')).toBe(true)
    expect(succeeded(result.results[0]).created).toBe(false)
  })

  it('a read that does not say which is missing: the create names the organization, which is then created', async () => {
    const api = new InMemorySwr()
    api.script('showRepository', {
      kind: 'missing',
      organizationMissing: false,
      refusal: refusal('Reading repository team/web', 404),
    })
    const result = await ensureRepositories(api, request())

    expect(api.calls).toEqual([
      'showRepository team/web',
      'createRepository team/web',
      'createNamespace team',
      'createRepository team/web',
      'showRepository team/web',
    ])
    expect(result.namespace).toBe('created')
  })

  it('a create that still finds no organization after creating it fails with its own answer', async () => {
    const api = new InMemorySwr()
    const missing = refusal('Creating repository team/web', 404, 'SVCSTG.SWR.4040058')
    api.script('createRepository', { kind: 'organization-missing', refusal: missing })
    const result = await ensureRepositories(api, request())

    expect(failed(result.results[0])).toBe(missing)
  })

  it('a repository missing again right after it was created fails with that read', async () => {
    const api = new InMemorySwr()
    const gone = refusal('Reading repository team/web', 404)
    api.script(
      'showRepository',
      { kind: 'missing', organizationMissing: true, refusal: gone },
      { kind: 'missing', organizationMissing: false, refusal: gone },
    )
    const result = await ensureRepositories(api, request())
    expect(failed(result.results[0])).toBe(gone)
  })
})

describe('failures', () => {
  it('several repositories where some fail: every one is tried, each failure kept with its repository', async () => {
    const api = new InMemorySwr()
    api.namespaces.set('team', 'yours')
    const forbidden = refusal('Reading repository team/api', 403)
    api.script('showRepository', (): never => {
      throw forbidden
    })
    const result = await ensureRepositories(api, request({ repositories: ['api', 'web', 'worker'] }))

    expect(failed(result.results[0])).toBe(forbidden)
    expect(result.results.slice(1).map((entry) => succeeded(entry).repository)).toEqual(['web', 'worker'])
    expect([...api.repositories.keys()].sort()).toEqual(['team/web', 'team/worker'])
  })

  it('a failed organization step fails the repositories that needed it, and reports nothing created', async () => {
    const api = new InMemorySwr()
    const quota = refusal('Creating organization team', 400, 'SVCSTG.SWR.4000097')
    api.script('createNamespace', (): never => {
      throw quota
    })
    const result = await ensureRepositories(api, request({ repositories: ['web', 'api'] }))

    expect(result.results.map(failed)).toEqual([quota, quota])
    expect(result.namespace).toBe('unknown')
    expect(api.calls.filter((call) => call.startsWith('createNamespace'))).toHaveLength(1)
  })

  it('a first read that fails leaves the organization unknown: nothing is claimed about it', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web')
    api.script('showRepository', (): never => {
      throw refusal('Reading repository team/web', 401)
    })
    const result = await ensureRepositories(api, request())
    expect(result.namespace).toBe('unknown')
  })

  it('an organization of another account is not reported as existing for this run', async () => {
    const api = new InMemorySwr()
    api.namespaces.set('team', 'another account')
    api.script('createNamespace', 'exists')
    const result = await ensureRepositories(api, request())
    expect(result.namespace).toBe('unknown')
  })

  it('something other than an Error thrown is still a failure with a message', async () => {
    const api = new InMemorySwr()
    api.script('showRepository', (): never => {
      throw 'plain text'
    })
    const result = await ensureRepositories(api, request())
    expect(failed(result.results[0]).message).toBe('plain text')
  })
})

describe('dry run', () => {
  it('reads only, and reports the organization and repository a real run would create', async () => {
    const api = new InMemorySwr()
    const result = await ensureRepositories(
      api,
      request({ dryRun: true, isPublic: true, retention: { keepLast: 3, keepTags: [] } }),
    )

    expect(api.writes()).toEqual([])
    expect(result.namespace).toBe('created')
    expect(result.results[0]).toEqual({
      repository: 'web',
      info: {
        name: 'web',
        category: 'other',
        description: '',
        is_public: true,
        path: 'swr.cn-north-4.myhuaweicloud.com/team/web',
      },
      state: 'created',
      outcomes: { settings: { changed: [], differ: [] }, retention: 'create' },
    })
  })

  it('looks at the organization once when the read does not say it is missing, and finds it exists', async () => {
    const api = new InMemorySwr()
    api.namespaces.set('team', 'yours')
    const result = await ensureRepositories(api, request({ dryRun: true, repositories: ['web', 'api'] }))

    expect(api.calls.filter((call) => call.startsWith('showNamespace'))).toEqual(['showNamespace team'])
    expect(result.namespace).toBe('exists')
    expect(api.writes()).toEqual([])
  })

  it('fails on an organization it may not read', async () => {
    const api = new InMemorySwr()
    api.namespaces.set('team', 'another account')
    api.script('showRepository', { kind: 'missing', organizationMissing: false, refusal: refusal('read', 404) })
    const result = await ensureRepositories(api, request({ dryRun: true }))
    expect(failed(result.results[0])).toMatchObject({ operation: 'Reading organization team', status: 403 })
  })

  it('reports the settings and retention changes it would make to an existing repository', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web', { category: 'other' })
    api.retentions.set('team/web', [
      { id: 7, algorithm: 'or', rules: [{ template: 'date_rule', params: { days: '7' }, tag_selectors: [] }] },
    ])
    const result = await ensureRepositories(
      api,
      request({ dryRun: true, category: 'linux', updateExisting: true, retention: { keepDays: 30, keepTags: [] } }),
    )

    expect(api.writes()).toEqual([])
    expect(succeeded(result.results[0])).toMatchObject({
      info: { category: 'other' },
      settingsChanged: [{ field: 'category', from: 'other', to: 'linux' }],
      retention: 'update',
    })
  })
})

describe("an existing repository's settings", () => {
  const setUp = () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web', { is_public: true, category: 'other', description: 'old' })
    return api
  }

  it('that differ are left, and listed, without update_existing', async () => {
    const api = setUp()
    const result = await ensureRepositories(api, request({ category: 'linux', description: 'old' }))

    expect(api.writes()).toEqual([])
    expect(succeeded(result.results[0])).toMatchObject({
      settingsChanged: [],
      settingsDiffer: [{ field: 'category', from: 'other', to: 'linux' }],
    })
  })

  it('that differ are updated in one write with update_existing, keeping is_public as it is', async () => {
    const api = setUp()
    const result = await ensureRepositories(api, request({ category: 'linux', updateExisting: true }))

    expect(api.writes()).toEqual(['updateRepository team/web {"is_public":true,"category":"linux"}'])
    expect(succeeded(result.results[0])).toMatchObject({
      info: { category: 'linux', is_public: true },
      settingsChanged: [{ field: 'category', from: 'other', to: 'linux' }],
      settingsDiffer: [],
    })
  })

  it('that match need no write', async () => {
    const api = setUp()
    await ensureRepositories(api, request({ isPublic: true, category: 'other', updateExisting: true }))
    expect(api.writes()).toEqual([])
  })

  it('left out of the inputs are not wishes: a public repository stays public', async () => {
    const api = setUp()
    const result = await ensureRepositories(api, request({ updateExisting: true }))
    expect(api.writes()).toEqual([])
    expect(succeeded(result.results[0]).info.is_public).toBe(true)
  })
})

describe('retention', () => {
  const keepLast = (num: number) => ({ keepLast: num, keepTags: ['latest'] })
  const policy = (id: number, num: string) => ({
    id,
    algorithm: 'or',
    rules: [{ template: 'tag_rule', params: { num }, tag_selectors: [{ kind: 'label' as const, pattern: 'latest' }] }],
  })

  it('is created with a new repository, without reading policies first', async () => {
    const api = new InMemorySwr()
    const result = await ensureRepositories(api, request({ retention: keepLast(10) }))

    expect(api.calls).not.toContain('listRetentions team/web')
    expect(api.calls.at(-1)).toBe('createRetention team/web')
    expect(succeeded(result.results[0]).retention).toBe('create')
    expect(api.retentions.get('team/web')).toEqual([{ ...policy(expect.any(Number), '10') }])
  })

  it('is created on an existing repository that has none', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web')
    const result = await ensureRepositories(api, request({ retention: keepLast(10) }))
    expect(api.calls).toEqual(['showRepository team/web', 'listRetentions team/web', 'createRetention team/web'])
    expect(succeeded(result.results[0]).retention).toBe('create')
  })

  it('is left unchanged when equal', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web')
    api.retentions.set('team/web', [policy(4, '10')])
    const result = await ensureRepositories(api, request({ retention: keepLast(10) }))
    expect(api.writes()).toEqual([])
    expect(succeeded(result.results[0]).retention).toBe('unchanged')
  })

  it('is updated in place when it differs, and extra policies are removed', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web')
    api.retentions.set('team/web', [policy(4, '5'), policy(5, '20')])
    api.script('deleteRetention', 'already-gone')
    const result = await ensureRepositories(api, request({ retention: keepLast(10) }))

    expect(api.writes()).toEqual(['updateRetention team/web 4', 'deleteRetention team/web 5'])
    expect(succeeded(result.results[0]).retention).toBe('update')
  })

  it('keeps the one equal policy among several and removes the rest', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web')
    api.retentions.set('team/web', [policy(4, '5'), policy(5, '10')])
    const result = await ensureRepositories(api, request({ retention: keepLast(10) }))

    expect(api.writes()).toEqual(['deleteRetention team/web 4'])
    expect(api.retentions.get('team/web')?.map((entry) => entry.id)).toEqual([5])
    expect(succeeded(result.results[0]).retention).toBe('unchanged')
  })
})

describe("the organization's inventory", () => {
  it('steady state for many repositories: the list and the first repository read, nothing else', async () => {
    const api = new InMemorySwr()
    const names = Array.from({ length: 50 }, (_, index) => `service-${index}`)
    for (const name of names) api.addRepository('team', name, { category: 'linux' })
    const result = await ensureRepositories(api, request({ repositories: names }))

    expect(api.calls.sort()).toEqual(['listRepositories team', 'showRepository team/service-0'])
    expect(result.results.map((entry) => succeeded(entry).info.category)).toEqual(names.map(() => 'linux'))
  })

  it('four repositories are read each on their own: side by side, they take one round as the list would', async () => {
    const api = new InMemorySwr()
    const names = ['web', 'api', 'worker', 'jobs']
    for (const name of names) api.addRepository('team', name)
    await ensureRepositories(api, request({ repositories: names }))
    expect(api.calls).toEqual(names.map((name) => `showRepository team/${name}`))
  })

  it('a first run of five repositories makes the organization once and each repository once', async () => {
    const api = new InMemorySwr()
    const names = ['a', 'b', 'c', 'd', 'e']
    await ensureRepositories(api, request({ repositories: names }))
    expect(api.calls.filter((call) => call.startsWith('createNamespace'))).toEqual(['createNamespace team'])
    expect(api.calls.filter((call) => call.startsWith('createRepository'))).toHaveLength(5)
    expect(api.calls.filter((call) => call.startsWith('listRepositories'))).toHaveLength(1)
  })

  it('a list the account may not read falls back to one read per repository', async () => {
    const api = new InMemorySwr()
    const names = ['web', 'api', 'worker', 'jobs', 'cron']
    for (const name of names) api.addRepository('team', name)
    api.script('listRepositories', () => {
      throw refusal('Reading the repositories of team', 403)
    })
    const result = await ensureRepositories(api, request({ repositories: names }))
    expect(result.results.every((entry) => !('error' in entry))).toBe(true)
    expect(api.calls.filter((call) => call.startsWith('showRepository'))).toHaveLength(5)
  })

  it('reports repositories no step declares, and prunes only the empty ones without the second switch', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web')
    api.addRepository('team', 'old-empty', { num_images: 0 })
    api.addRepository('team', 'old-full', { num_images: 4 })
    const kept = await ensureRepositories(
      api,
      request({ repositories: ['web'], prune: { undeclared: false, withImages: false } }),
    )
    expect(kept.undeclared).toBeUndefined()

    const pruned = await ensureRepositories(
      api,
      request({ repositories: ['web'], prune: { undeclared: true, withImages: false } }),
    )
    expect(pruned.undeclared).toEqual([
      { name: 'old-empty', images: 0, action: 'deleted' },
      { name: 'old-full', images: 4, action: 'held-images' },
    ])
    expect(api.repositories.has('team/old-full')).toBe(true)
    expect(api.repositories.has('team/old-empty')).toBe(false)
  })

  it('prunes nothing when a declared repository failed', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'old', { num_images: 0 })
    api.script('showRepository', () => {
      throw refusal('Reading repository team/web', 500)
    })
    const result = await ensureRepositories(
      api,
      request({ repositories: ['web'], prune: { undeclared: true, withImages: false } }),
    )
    expect(result.undeclared).toBeUndefined()
    expect(api.repositories.has('team/old')).toBe(true)
  })
})
