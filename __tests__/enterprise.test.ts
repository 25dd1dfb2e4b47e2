// SWR Enterprise Edition without a process: the client's paths, headers and readings on scripted answers, and the
// ensure flow in an instance over an in-memory edition.
import type { ApiClient } from '../src/clients/api-client.js'
import { enterpriseApi } from '../src/clients/swr/enterprise-api.js'
import { RequestError } from '../src/clients/request-error.js'
import { ADDRESS, ensureInInstance, ID, type InstanceCase, memoryInstance } from './helpers/memory-instance.js'
import type { RepositoryInfo } from '../src/clients/swr/repository-info.js'
import { scriptedTransport } from './helpers/scripted-transport.js'

const PROJECT = '0123456789abcdef0123456789abcdef'
const ENDPOINT = new URL('https://swr-api.cn-north-4.myhuaweicloud.com')
const INSTANCE = { id: ID, name: 'prod', status: 'Running', access_address: ADDRESS }

function client(...answers: Parameters<typeof scriptedTransport>) {
  const transport = scriptedTransport(...answers)
  const api = enterpriseApi(
    transport as unknown as ApiClient,
    ENDPOINT,
    (request) => request.headers,
    async () => PROJECT,
  )
  return { transport, api }
}
const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) })

describe('the Enterprise Edition client', () => {
  it('reads an instance by ID, with the project in the path and in X-Project-Id', async () => {
    const { transport, api } = client(json(200, INSTANCE))
    expect(await api.findInstance(ID)).toEqual({
      kind: 'found',
      instance: { id: ID, name: 'prod', state: 'Running', accessAddress: ADDRESS },
    })
    expect(transport.sent[0]).toMatchObject({
      method: 'GET',
      url: `${ENDPOINT.origin}/v2/${PROJECT}/instances/${ID}`,
      headers: { 'X-Project-Id': PROJECT },
    })
  })

  it('an instance that is not there is missing, by ID (404) and by name (not listed)', async () => {
    expect(await client({ status: 404, body: '{}' }).api.findInstance(ID)).toEqual({ kind: 'missing' })
    expect(await client(json(200, { instances: [] })).api.findInstance('prod')).toEqual({ kind: 'missing' })
  })

  it('finds an instance by name over every page, and refuses two of one name', async () => {
    const page = Array.from({ length: 100 }, (_, index) => ({ ...INSTANCE, id: ID, name: `other-${index}` }))
    const { transport, api } = client(json(200, { instances: page }), json(200, { instances: [INSTANCE] }))
    expect(await api.findInstance('prod')).toMatchObject({ kind: 'found', instance: { id: ID } })
    expect(transport.sent.map((sent) => new URL(sent.url).search)).toEqual([
      '?limit=100&offset=0',
      '?limit=100&offset=100',
    ])
    const twice = client(json(200, { instances: [INSTANCE, { ...INSTANCE, id: ID.replace('3f', '4f') }] }))
    await expect(twice.api.findInstance('prod')).rejects.toThrow(/^2 instances are named prod: /)
  })

  it.each([
    [{ ...INSTANCE, id: '../x' }, 'its id is not an instance ID'],
    [{ ...INSTANCE, access_address: 'not a host' }, 'its access_address is not a registry host'],
    [{ ...INSTANCE, status: 1 }, 'no id, name or status'],
    [{ ...INSTANCE, id: ID.replace('3f', '4f') }, 'it describes another instance'],
  ])('refuses an instance answer %j', async (answer, problem) => {
    await expect(client(json(200, answer)).api.findInstance(ID)).rejects.toThrow(problem)
  })

  it('namespaces: read (200 or 404) and created with "public" as a string; a 409 is "exists"', async () => {
    const { transport, api } = client({ status: 200, body: '{}' }, { status: 404, body: '{}' }, { status: 201 })
    expect(await api.namespaceExists(ID, 'team')).toBe(true)
    expect(await api.namespaceExists(ID, 'team')).toBe(false)
    expect(await api.createNamespace(ID, 'team', true)).toBe('created')
    expect(transport.sent[2].body).toEqual({ namespace_name: 'team', metadata: { public: 'true' } })
    expect(await client({ status: 409, body: '{}' }).api.createNamespace(ID, 'team', false)).toBe('exists')
  })

  it('a repository: its "/" sent as %252F, its id and tag count read, 404 as not pushed yet', async () => {
    const { transport, api } = client(
      json(200, { id: 7, description: 'd', tag_count: 3, artifact_count: 1, pull_count: 2, created_at: 'c' }),
      { status: 404, body: '{}' },
    )
    expect(await api.showRepository(ID, 'team', 'apps/web')).toEqual<RepositoryInfo>({
      name: 'apps/web',
      id: 7,
      description: 'd',
      num_images: 3,
      num_download: 2,
      created: 'c',
      updated: undefined,
    })
    expect(transport.sent[0].url).toBe(
      `${ENDPOINT.origin}/v2/${PROJECT}/instances/${ID}/namespaces/team/repositories/apps%252Fweb`,
    )
    expect(await api.showRepository(ID, 'team', 'web')).toBeUndefined()
  })

  it("public access and the temporary login, each checked; another answer is the operation's error", async () => {
    const { api } = client(
      json(200, { status: 'Enable', ip_list: [] }),
      json(201, {
        user_id: 'u-1',
        auth_token: 'tok.en-0001',
        expire_date: new Date(Date.now() + 3600_000).toISOString(),
      }),
      json(201, { user_id: 'u-1' }),
      { status: 403, body: '{"error_code":"SWR.EE.403","error_msg":"denied"}' },
    )
    expect(await api.publicAccess(ID)).toBe('Enable')
    expect(await api.createLoginSecret(ID, ADDRESS)).toMatchObject({
      host: ADDRESS,
      username: 'u-1',
      password: 'tok.en-0001',
      auth: Buffer.from('u-1:tok.en-0001').toString('base64'),
      expiryEstimated: false,
    })
    await expect(api.createLoginSecret(ID, ADDRESS)).rejects.toThrow(/no user_id or auth_token/)
    await expect(api.publicAccess(ID)).rejects.toBeInstanceOf(RequestError)
  })
})

const request = (changes: Partial<InstanceCase> = {}): InstanceCase => ({
  namespace: 'team',
  repositories: ['web'],
  dryRun: false,
  region: 'cn-north-4',
  enterprise: { instance: ID },
  outsideNetwork: false,
  ...changes,
})

describe('the ensure flow in an instance', () => {
  it('a repository pushed already: one instance read, one repository read, no namespace step', async () => {
    const { api, calls } = memoryInstance({}, { namespaces: ['team'], repositories: ['web'] })
    const { result } = await ensureInInstance(api, request())
    expect(calls).toEqual([`find ${ID}`, 'repository team/web'])
    expect(result).toMatchObject({ namespace: 'exists', results: [{ repository: 'web', state: 'exists' }] })
  })

  it('a repository not pushed yet: the namespace made once, however many repositories ask', async () => {
    const { api, calls, namespaces } = memoryInstance()
    const { result } = await ensureInInstance(api, request({ repositories: ['web', 'api'] }))
    expect(namespaces.has('team')).toBe(true)
    expect(calls.filter((call) => call.startsWith('create'))).toEqual(['create team'])
    expect(result.namespace).toBe('created')
    expect(result.results).toMatchObject([{ state: 'awaiting first push' }, { state: 'awaiting first push' }])
  })

  it('a dry run reads the namespace and creates nothing', async () => {
    const { api, calls } = memoryInstance()
    const { result } = await ensureInInstance(api, request({ dryRun: true }))
    expect(calls).toEqual([`find ${ID}`, 'repository team/web', 'namespace team'])
    expect(result.namespace).toBe('created')
  })

  it('on a GitHub-hosted runner, public access that is off is a warning saying what to change', async () => {
    const { api } = memoryInstance({}, { namespaces: ['team'], repositories: ['web'] })
    const { warnings } = await ensureInInstance(api, request({ outsideNetwork: true }))
    expect(warnings).toEqual([
      expect.stringMatching(/^Instance prod's public access is Disable: .*Enable public access/),
    ])
  })

  it.each([
    [{ state: 'Creating' }, {}, /^Instance prod is Creating, not Running/],
    [{ accessAddress: 'ghcr.io' }, {}, /gives its registry as ghcr\.io, which is not under myhuaweicloud\.com/],
    [{ accessAddress: 'registry.corp.example' }, { registry: 'other.example' }, /not other\.example as the input/],
  ])('refuses an instance %j before any repository is read', async (instance, wish, message) => {
    const { api, calls } = memoryInstance(instance)
    await expect(ensureInInstance(api, request({ enterprise: { instance: ID, ...wish } }))).rejects.toThrow(message)
    expect(calls).toEqual([`find ${ID}`])
  })

  it('takes an address on a domain of its own when the input registry names it', async () => {
    const { api } = memoryInstance({ accessAddress: 'registry.corp.example' }, { namespaces: ['team'] })
    const run = await ensureInInstance(
      api,
      request({ enterprise: { instance: ID, registry: 'registry.corp.example' } }),
    )
    expect(run.result.results[0]).toMatchObject({ info: { path: 'registry.corp.example/team/web' } })
  })

  it('an instance that is not found is named with the region', async () => {
    const { api } = memoryInstance()
    api.findInstance = async () => ({ kind: 'missing' })
    await expect(ensureInInstance(api, request())).rejects.toThrow(`Instance ${ID} was not found in region cn-north-4`)
  })

  it('a namespace that "exists" on create but cannot be read is an error saying so', async () => {
    const { api } = memoryInstance()
    api.createNamespace = async () => 'exists'
    const { result } = await ensureInInstance(api, request())
    expect(result.results[0]).toMatchObject({
      error: expect.objectContaining({
        message: expect.stringMatching(/answered that it exists, but reading it finds none/),
      }),
    })
  })
})
