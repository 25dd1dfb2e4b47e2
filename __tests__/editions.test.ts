// The one ensure pipeline over both editions: the same cases, each run against an in-memory edition of each kind.
// What differs is only what the edition says of itself: a shared-edition repository is created by a request, an
// instance's by its first push.
import type { Edition } from '../src/flow/edition.js'
import { ensureRepositories, type EnsureRequest } from '../src/flow/ensure.js'
import { FEATURES } from '../src/flow/features.js'
import { openInstance } from '../src/flow/instance-edition.js'
import { ID, memoryInstance } from './helpers/memory-instance.js'
import { ensureRequest, sharedOver } from './helpers/ensure-request.js'
import { InMemorySwr, refusal } from './helpers/in-memory-swr.js'

interface Given {
  /** The namespace exists. */
  namespace?: boolean
  repositories?: string[]
  /** Making sure of the namespace fails with this error. */
  namespaceFails?: Error
}

interface EditionCase {
  name: string
  /** The state of a repository the run brings into being. */
  made: 'created' | 'awaiting first push'
  open(given: Given): Promise<{ edition: Edition; writes(): string[]; reads(): string[] }>
}

const shared: EditionCase = {
  name: 'the shared edition',
  made: 'created',
  async open(given) {
    const api = new InMemorySwr()
    if (given.namespace) api.namespaces.set('team', 'yours')
    for (const repository of given.repositories ?? []) api.addRepository('team', repository)
    if (given.namespaceFails) api.script('createNamespace', () => Promise.reject(given.namespaceFails) as never)
    const reads = () => api.calls.filter((call) => /^(show|list)/.test(call))
    return { edition: sharedOver(api, ensureRequest()), writes: () => api.writes(), reads }
  },
}

const instance: EditionCase = {
  name: 'an Enterprise Edition instance',
  made: 'awaiting first push',
  async open(given) {
    const memory = memoryInstance({}, { namespaces: given.namespace ? ['team'] : [], repositories: given.repositories })
    if (given.namespaceFails) {
      const error = given.namespaceFails
      memory.api.createNamespace = () => Promise.reject(error)
    }
    const place = { namespace: 'team', region: 'cn-north-4', enterprise: { instance: ID }, outsideNetwork: false }
    const { edition } = await openInstance(memory.api, place)
    memory.calls.length = 0
    const writes = () => memory.calls.filter((call) => call.startsWith('create'))
    const reads = () => memory.calls.filter((call) => !call.startsWith('create'))
    return { edition, writes, reads }
  },
}

const request = (changes: Partial<EnsureRequest> = {}): EnsureRequest => ({
  namespace: 'team',
  repositories: ['web'],
  wishes: {},
  updateExisting: false,
  dryRun: false,
  ...changes,
})

describe.each([shared, instance])('the pipeline in $name', (edition) => {
  it('a repository that exists: one read, nothing written, the namespace known to exist', async () => {
    const opened = await edition.open({ namespace: true, repositories: ['web'] })
    const result = await ensureRepositories(opened.edition, request(), FEATURES)
    expect(opened.reads()).toHaveLength(1)
    expect(opened.writes()).toEqual([])
    expect(result).toMatchObject({ namespace: 'exists', results: [{ repository: 'web', state: 'exists' }] })
  })

  it('nothing there: the namespace made once for three repositories, each brought into being', async () => {
    const opened = await edition.open({})
    const result = await ensureRepositories(
      opened.edition,
      request({ repositories: ['web', 'api', 'worker'] }),
      FEATURES,
    )
    expect(opened.writes().filter((call) => /namespace|create team$|createNamespace/i.test(call))).toHaveLength(1)
    expect(result.namespace).toBe('created')
    expect(result.results.map((entry) => ('state' in entry ? entry.state : entry.error.message))).toEqual([
      edition.made,
      edition.made,
      edition.made,
    ])
    for (const entry of result.results) {
      expect(entry).toMatchObject({ info: { path: expect.stringMatching(/\/team\/(web|api|worker)$/) } })
    }
  })

  it('a dry run writes nothing and says the namespace would be created', async () => {
    const opened = await edition.open({})
    const result = await ensureRepositories(opened.edition, request({ dryRun: true }), FEATURES)
    expect(opened.writes()).toEqual([])
    expect(result.namespace).toBe('created')
    expect(result.results[0]).toMatchObject({ state: edition.made })
  })

  it('a namespace that cannot be made fails every repository that needs it, with the one error', async () => {
    const error = refusal('Creating namespace team', 403)
    const opened = await edition.open({ namespaceFails: error })
    const result = await ensureRepositories(opened.edition, request({ repositories: ['web', 'api'] }), FEATURES)
    expect(result.namespace).toBe('unknown')
    expect(result.results).toEqual([
      { repository: 'web', error },
      { repository: 'api', error },
    ])
  })
})
