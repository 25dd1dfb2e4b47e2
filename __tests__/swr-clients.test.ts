// SWR's shared-edition clients without a process: the paths, methods and bodies each operation sends, and how each
// answer is read, on scripted answers (the end-to-end suites check the same against the emulator over HTTP).
import type { ApiClient } from '../src/clients/api-client.js'
import { RequestError } from '../src/clients/request-error.js'
import { swrApi } from '../src/clients/swr/swr-api.js'
import { type ScriptedAnswer, scriptedTransport } from './helpers/scripted-transport.js'

const ENDPOINT = new URL('https://swr-api.cn-north-4.myhuaweicloud.com')
const TARGET = { region: 'cn-east-3', namespace: 'team' }
const SHARE = { account: 'partner', deadline: '2027-06-30' as const }

function client(...answers: ScriptedAnswer[]) {
  const transport = scriptedTransport(...answers)
  const api = swrApi(transport as unknown as ApiClient, ENDPOINT, (request) => request.headers)
  const sent = () =>
    transport.sent.map(({ method, url, body }) => ({ method, path: url.slice(ENDPOINT.origin.length), body }))
  return { api, sent }
}
const json = (status: number, body: unknown, headers?: Record<string, string>) => ({
  status,
  body: JSON.stringify(body),
  headers,
})

describe('sync rules', () => {
  it('are listed, created with syncAuto, and deleted naming the target; a 409 on create is "exists"', async () => {
    const { api, sent } = client(
      json(200, [{ remoteRegionId: 'cn-east-3', remoteNamespace: 'team', override: true }]),
      { status: 201 },
      { status: 409, body: '{}' },
      { status: 200, body: '' },
    )
    expect(await api.listSyncRules('team', 'apps/web')).toEqual([{ ...TARGET, override: true }])
    expect(await api.createSyncRule('team', 'apps/web', TARGET, false)).toBe('created')
    expect(await api.createSyncRule('team', 'apps/web', TARGET, false)).toBe('exists')
    await api.deleteSyncRule('team', 'apps/web', TARGET)
    expect(sent()).toEqual([
      { method: 'GET', path: '/v2/manage/namespaces/team/repos/apps$web/sync_repo', body: undefined },
      {
        method: 'POST',
        path: '/v2/manage/namespaces/team/repos/apps$web/sync_repo',
        body: { remoteRegionId: 'cn-east-3', remoteNamespace: 'team', syncAuto: true, override: false },
      },
      expect.objectContaining({ method: 'POST' }),
      {
        method: 'DELETE',
        path: '/v2/manage/namespaces/team/repos/apps$web/sync_repo',
        body: { remoteRegionId: 'cn-east-3', remoteNamespace: 'team' },
      },
    ])
  })

  it.each([
    [[{ remoteRegionId: '../x', remoteNamespace: 'team' }], 'a rule has no remoteRegionId'],
    [{ rules: [] }, 'a list of sync rules'],
    [[1], 'an entry is not an object'],
  ])('refuses a rule list %j', async (body, problem) => {
    await expect(client(json(200, body)).api.listSyncRules('team', 'web')).rejects.toThrow(problem)
  })

  it('an empty answer or null is no rule', async () => {
    const { api } = client({ status: 200, body: '' }, { status: 200, body: 'null' })
    expect(await api.listSyncRules('team', 'web')).toEqual([])
    expect(await api.listSyncRules('team', 'web')).toEqual([])
  })
})

describe('tags', () => {
  const page = (from: number, count: number) =>
    Array.from({ length: count }, (_, index) => ({ Tag: `v${from + index}` }))

  it("are read 1000 a page until Content-Range's total", async () => {
    const { api, sent } = client(
      json(200, page(0, 1000), { 'content-range': '0-999/1500' }),
      json(200, page(1000, 500), { 'content-range': '1000-1499/1500' }),
    )
    expect(await api.listTags('team', 'web', 10_000)).toHaveLength(1500)
    expect(sent().map((request) => request.path)).toEqual([
      '/v2/manage/namespaces/team/repos/web/tags?offset=0&limit=1000',
      '/v2/manage/namespaces/team/repos/web/tags?offset=1000&limit=1000',
    ])
  })

  it('without Content-Range, until a page comes short; more than the most is refused saying what to do', async () => {
    expect((await client(json(200, page(0, 3))).api.listTags('team', 'web', 10)).map(({ tag }) => tag)).toEqual([
      'v0',
      'v1',
      'v2',
    ])
    const many = client(json(200, page(0, 5), { 'content-range': '0-4/20' }))
    await expect(many.api.listTags('team', 'web', 10)).rejects.toThrow(/holds 20 tags, more than the 10/)
    await expect(client(json(200, [{ Tag: '-bad' }])).api.listTags('team', 'web', 10)).rejects.toThrow(
      'an entry has no Tag',
    )
  })

  it('a manual sync answers the tags that failed, and only tags that were sent', async () => {
    const { api, sent } = client(json(200, ['v2']), { status: 200, body: '' }, json(200, ['other']))
    expect(await api.syncImages('team', 'web', TARGET, false, ['v1', 'v2'])).toEqual(['v2'])
    expect(sent()[0]).toEqual({
      method: 'POST',
      path: '/v2/manage/namespaces/team/repos/web/sync_images',
      body: { remoteRegionId: 'cn-east-3', remoteNamespace: 'team', override: false, imageTag: ['v1', 'v2'] },
    })
    expect(await api.syncImages('team', 'web', TARGET, false, ['v1'])).toEqual([])
    await expect(api.syncImages('team', 'web', TARGET, false, ['v1'])).rejects.toThrow('names tags that were not sent')
  })
})

describe('shares', () => {
  it('are listed with their deadlines as days, created for reading, and updated keeping the description', async () => {
    const { api, sent } = client(
      json(200, [
        { access_domain: 'partner', deadline: '2027-06-30T08:00:00+08:00', description: 'kept' },
        { access_domain: 'prod', deadline: 'forever' },
      ]),
      { status: 201 },
      { status: 409, body: '{}' },
      { status: 200, body: '' },
    )
    expect(await api.listShares('team', 'apps/web')).toEqual([
      { account: 'partner', deadline: '2027-06-30', description: 'kept' },
      { account: 'prod', deadline: 'forever', description: '' },
    ])
    expect(await api.createShare('team', 'apps/web', SHARE)).toBe('created')
    expect(await api.createShare('team', 'apps/web', SHARE)).toBe('exists')
    await api.updateShare('team', 'apps/web', { account: 'a b', deadline: 'forever' }, 'kept')
    expect(sent().slice(1)).toEqual([
      {
        method: 'POST',
        path: '/v2/manage/namespaces/team/repositories/apps$web/access-domains',
        body: { access_domain: 'partner', permit: 'read', deadline: '2027-06-30T00:00:00Z' },
      },
      expect.objectContaining({ method: 'POST' }),
      {
        method: 'PATCH',
        path: '/v2/manage/namespaces/team/repositories/apps$web/access-domains/a%20b',
        body: { permit: 'read', deadline: 'forever', description: 'kept' },
      },
    ])
  })

  it('refuses a share without an account or a deadline that is a day', async () => {
    const { api } = client(json(200, [{ access_domain: 'partner', deadline: 'soon' }]))
    await expect(api.listShares('team', 'web')).rejects.toThrow('a deadline that is no date')
  })
})

describe('repositories and retention', () => {
  it('an update, and the retention operations, with their paths and bodies', async () => {
    const body = { algorithm: 'or', rules: [] }
    const { api, sent } = client(
      { status: 201 },
      json(200, [{ id: 7, algorithm: 'or', rules: [] }]),
      { status: 201 },
      { status: 201 },
      { status: 200 },
      { status: 404, body: '{}' },
    )
    await api.updateRepository('team', 'web', { is_public: true })
    expect(await api.listRetentions('team', 'web')).toMatchObject([{ id: 7 }])
    await api.createRetention('team', 'web', body)
    await api.updateRetention('team', 'web', 7, body)
    expect(await api.deleteRetention('team', 'web', 7)).toBe('deleted')
    expect(await api.deleteRetention('team', 'web', 7)).toBe('already-gone')
    expect(sent().map(({ method, path }) => `${method} ${path}`)).toEqual([
      'PATCH /v2/manage/namespaces/team/repos/web',
      'GET /v2/manage/namespaces/team/repos/web/retentions',
      'POST /v2/manage/namespaces/team/repos/web/retentions',
      'PATCH /v2/manage/namespaces/team/repos/web/retentions/7',
      'DELETE /v2/manage/namespaces/team/repos/web/retentions/7',
      'DELETE /v2/manage/namespaces/team/repos/web/retentions/7',
    ])
  })

  it('a 400 on delete is "already gone" only with SWR\'s own code for it', async () => {
    const { api } = client({ status: 400, body: '{"errorCode":"SVCSTG.SWR.4000001","errorMessage":"bad"}' })
    await expect(api.deleteRetention('team', 'web', 7)).rejects.toBeInstanceOf(RequestError)
  })

  it('the organization: read as yours, missing or not visible; created, or "exists" on 409', async () => {
    const { api } = client(
      { status: 200, body: '{}' },
      { status: 404, body: '{}' },
      { status: 403, body: '{}' },
      { status: 201 },
      { status: 409, body: '{}' },
    )
    expect((await api.showNamespace('team')).kind).toBe('yours')
    expect((await api.showNamespace('team')).kind).toBe('missing')
    expect((await api.showNamespace('team')).kind).toBe('not-visible')
    expect(await api.createNamespace('team')).toBe('created')
    expect(await api.createNamespace('team')).toBe('exists')
  })

  it('a create whose 404 does not name the organization is thrown as it is', async () => {
    const { api } = client({ status: 404, body: '{"errorCode":"SVCSTG.SWR.4040001","errorMessage":"other"}' })
    await expect(
      api.createRepository('team', { repository: 'web', is_public: false, category: 'other' }),
    ).rejects.toBeInstanceOf(RequestError)
  })
})
