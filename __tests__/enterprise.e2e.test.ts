// SWR Enterprise Edition end to end: dist/index.js with the instance input against the emulator's instances, as a
// runner runs it. Repositories appear on their first push (the emulator's `push`), so a run finds them or says the
// first push creates them.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_ACCOUNT, DEMO_KEY_ENV } from '../emulator/swr-emulator.js'
import { projectIdOf } from '../emulator/enterprise.js'
import { runAction } from '../runner/run-action.js'
import { errorOf } from './helpers/action-log.js'
import { useEmulator } from './helpers/emulated.js'

const emulated = useEmulator()
const ID = '3f2c1a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b'
const ADDRESS = 'prod-registry.swr-ee.cn-north-4.myhuaweicloud.com'
const PROJECT = projectIdOf(DEMO_ACCOUNT, 'cn-north-4')

function addInstance(status: 'Running' | 'Unavailable' = 'Running') {
  emulated.emulator.enterprise.addInstance({ id: ID, name: 'prod-registry', status, access_address: ADDRESS })
}

const run = (inputs: Record<string, string>, env: Record<string, string> = DEMO_KEY_ENV) =>
  runAction(
    {
      namespace: 'team',
      repository: 'web',
      region: 'cn-north-4',
      endpoint: emulated.endpoint,
      iam_endpoint: emulated.endpoint,
      instance: ID,
      ...inputs,
    },
    { env },
  )
const operations = () => emulated.emulator.requests.map((request) => `${request.operation} ${request.status}`)

test('a first run looks the project up, creates the namespace, and says the first push creates the repository', async () => {
  addInstance()
  const result = await run({ is_public: 'true' })

  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  expect(operations()).toEqual([
    'listProjects 200',
    'showInstance 200',
    'showInstanceRepository 404',
    'showInstanceNamespace 404',
    'createInstanceNamespace 201',
  ])
  expect(emulated.emulator.requests[1].target).toBe(`/v2/${PROJECT}/instances/${ID}`)
  expect(emulated.emulator.enterprise.namespaces.get(`${ID}/team`)).toEqual({ name: 'team', public: true })
  expect(result.outputs).toMatchObject({
    registry: ADDRESS,
    image: `${ADDRESS}/team/web`,
    namespace_created: 'true',
    repository_created: 'false',
    category: '',
    build_outputs: 'type=image,push=true',
    provenance: '',
    media_types: 'oci',
  })
  expect(JSON.parse(result.outputs.repositories)[0]).toMatchObject({ awaiting_first_push: true })
  expect(result.stdout).toContain('Namespace team: created')
  expect(result.stdout).toContain(
    `Repository team/web: not pushed yet (the first push creates it); image ${ADDRESS}/team/web`,
  )
})

test('steady state with the project ID given: one instance read and one read per repository', async () => {
  addInstance()
  emulated.emulator.enterprise.namespaces.set(`${ID}/team`, { name: 'team', public: false })
  emulated.emulator.enterprise.push(ID, 'team', 'web')
  emulated.emulator.enterprise.push(ID, 'team', 'apps/api')

  const result = await run({ repository: 'web\napps/api' }, { ...DEMO_KEY_ENV, HUAWEI_CLOUD_PROJECT_ID: PROJECT })

  expect(result.exitCode).toBe(0)
  expect(operations()).toEqual(['showInstance 200', 'showInstanceRepository 200', 'showInstanceRepository 200'])
  // A "/" in a repository name travels as %252F.
  expect(emulated.emulator.requests[2].target).toBe(
    `/v2/${PROJECT}/instances/${ID}/namespaces/team/repositories/apps%252Fapi`,
  )
  expect(result.outputs).toMatchObject({ namespace_created: 'false', num_images: '1', image: `${ADDRESS}/team/web` })
  expect(result.stdout).toContain(`Repository team/apps/api: exists; image ${ADDRESS}/team/apps/api`)
})

test('a dry run reads only, and says the namespace would be created', async () => {
  addInstance()
  const result = await run({ project_id: PROJECT, dry_run: 'true' })

  expect(result.exitCode).toBe(0)
  expect(operations()).toEqual(['showInstance 200', 'showInstanceRepository 404', 'showInstanceNamespace 404'])
  expect(result.stdout).toContain('Namespace team: would be created')
  expect(emulated.emulator.enterprise.namespaces.size).toBe(0)
})

test('an existing namespace is read, not created', async () => {
  addInstance()
  emulated.emulator.enterprise.namespaces.set(`${ID}/team`, { name: 'team', public: false })

  const result = await run({ project_id: PROJECT })

  expect(result.exitCode).toBe(0)
  expect(operations()).toEqual(['showInstance 200', 'showInstanceRepository 404', 'showInstanceNamespace 200'])
  expect(result.outputs.namespace_created).toBe('false')
})

test('a namespace created by another job between the read and the create: the 409 is confirmed by a read', async () => {
  addInstance()
  emulated.emulator.enterprise.namespaces.set(`${ID}/team`, { name: 'team', public: false })
  emulated.emulator.inject({
    operation: 'showInstanceNamespace',
    times: 1,
    fault: { status: 404, body: '{"error_code":"SWR.EE.40400002","error_msg":"Namespace not found"}' },
  })

  const result = await run({ project_id: PROJECT })

  expect(result.exitCode).toBe(0)
  expect(operations()).toEqual([
    'showInstance 200',
    'showInstanceRepository 404',
    'showInstanceNamespace 404',
    'createInstanceNamespace 409',
    'showInstanceNamespace 200',
  ])
  expect(result.outputs.namespace_created).toBe('false')
})

test('the instance found by name, with an IAM token', async () => {
  addInstance()
  const result = await run({ instance: 'prod-registry', auth_token: 'demo-iam-token-0001' }, {})

  expect(result.exitCode).toBe(0)
  expect(operations().slice(0, 2)).toEqual(['listProjects 200', 'listInstances 200'])
  expect(emulated.emulator.requests.every((request) => request.auth === 'token')).toBe(true)
  expect(result.outputs.registry).toBe(ADDRESS)
})

test("with an IAM user's password, the project ID comes with the token: no lookup", async () => {
  addInstance()
  const password = { iam_domain: 'demo', iam_user: 'demo-user', iam_password: 'demo-password-0001' }
  const result = await run(password, {})

  expect(result.exitCode).toBe(0)
  expect(operations().slice(0, 2)).toEqual(['passwordToken 201', 'showInstance 200'])
  expect(emulated.emulator.requests[1].target).toBe(`/v2/${PROJECT}/instances/${ID}`)
})

test('login: the temporary credential of the instance, accepted by its registry', async () => {
  addInstance()
  emulated.emulator.enterprise.namespaces.set(`${ID}/team`, { name: 'team', public: false })
  emulated.emulator.enterprise.push(ID, 'team', 'web')

  const result = await run({ project_id: PROJECT, login: 'true' })

  expect(result.exitCode).toBe(0)
  expect(operations()).toEqual(['showInstance 200', 'showInstanceRepository 200', 'createInstanceTempCredential 201'])
  expect(result.stdout).toContain(`Logged in to ${ADDRESS} as`)
  const basic = Buffer.from(`${result.outputs.docker_username}:${result.outputs.docker_password}`).toString('base64')
  const answer = await fetch(`${emulated.endpoint}/v2/`, { headers: { Authorization: `Basic ${basic}` } })
  expect(answer.status).toBe(200)
})

test('a stopped instance is refused after reading it, saying what to change', async () => {
  addInstance('Unavailable')
  const result = await run({ project_id: PROJECT })

  expect(result.exitCode).toBe(1)
  expect(operations()).toEqual(['showInstance 200'])
  expect(result.stdout).toContain(
    '::error::Instance prod-registry is Unavailable, not Running: nothing can be pushed to it now.',
  )
})

test('on a GitHub-hosted runner, an instance without public access gets a warning that says what to change', async () => {
  emulated.emulator.enterprise.addInstance({
    id: ID,
    name: 'prod-registry',
    status: 'Running',
    access_address: ADDRESS,
    publicAccess: 'Disable',
  })
  const result = await run({ project_id: PROJECT }, { ...DEMO_KEY_ENV, RUNNER_ENVIRONMENT: 'github-hosted' })

  expect(result.exitCode).toBe(0)
  expect(operations().slice(0, 2)).toEqual(['showInstance 200', 'showInstanceEndpointPolicy 200'])
  expect(result.stdout).toContain(
    "::warning::Instance prod-registry's public access is Disable: this GitHub-hosted runner reaches the instance only through its public address, so pushes will fail.",
  )
})

test("a project ID that is not the account's is said to be the likelier cause, before the permission", async () => {
  addInstance()
  const other = 'f'.repeat(32)
  const result = await run({ project_id: other })

  expect(result.exitCode).toBe(1)
  expect(operations()).toEqual(['showInstance 403'])
  expect(errorOf(result)).toMatch(
    new RegExp(
      `^Reading instance .* failed with HTTP 403 .* The project ID ${other} \\(input project_id\\) may not be this account's project in cn-north-4: `,
    ),
  )
  expect(errorOf(result)).not.toContain('The IAM user lacks')
})

test('an instance that is not there is named', async () => {
  const result = await run({ project_id: PROJECT })

  expect(result.exitCode).toBe(1)
  expect(operations()).toEqual(['showInstance 404'])
  expect(result.stdout).toContain(`Instance ${ID} was not found in region cn-north-4`)
})

test.each([
  [{ category: 'linux' }, 'Input category is not supported with instance'],
  [{ retention_keep_last: '5' }, 'Input retention_keep_last is not supported with instance'],
  [{ sync_to: 'cn-east-3' }, 'Input sync_to is not supported with instance'],
  [{ login_duration: '900' }, 'Input login_duration "900" is not supported with instance'],
  [{ project_id: 'not-a-project' }, 'input project_id "not-a-project" is not a project ID'],
  [{ namespace: 'Team' }, 'Input namespace "Team" is not a valid SWR namespace name'],
])('%j is refused with 0 requests', async (inputs, message) => {
  addInstance()
  const result = await run(inputs)

  expect(result.exitCode).toBe(1)
  expect(result.stdout).toContain(message)
  expect(emulated.emulator.requests).toEqual([])
})

test('a namespace starting with a digit is accepted in an instance', async () => {
  addInstance()
  const result = await run({ namespace: '2024-team', project_id: PROJECT })

  expect(result.exitCode).toBe(0)
  expect(emulated.emulator.enterprise.namespaces.has(`${ID}/2024-team`)).toBe(true)
})

describe('answers of an instance, as the SDKs define them and trusting none', () => {
  const OTHER_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
  const withRepository = () => {
    addInstance()
    emulated.emulator.enterprise.namespaces.set(`${ID}/team`, { name: 'team', public: false })
    emulated.emulator.enterprise.push(ID, 'team', 'web')
  }

  test("an existing repository's id is the one ShowInstanceRepository answers, and its count its tags", async () => {
    withRepository()
    const record = emulated.emulator.enterprise.repositories.get(`${ID}/team/web`)
    if (!record) throw new Error('no repository')
    Object.assign(record, { id: 4242, artifact_count: 1, tag_count: 3 })

    const result = await run({ project_id: PROJECT })

    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ id: '4242', num_images: '3' })
  })

  test.each([
    ['ghcr.io', 'not under myhuaweicloud.com'],
    ['registry.example.com', 'not under myhuaweicloud.com'],
  ])("an access_address of %s is not believed: no login, nothing of the job's own replaced", async (address, why) => {
    emulated.emulator.enterprise.addInstance({
      id: ID,
      name: 'prod-registry',
      status: 'Running',
      access_address: address,
    })
    emulated.emulator.enterprise.namespaces.set(`${ID}/team`, { name: 'team', public: false })
    emulated.emulator.enterprise.push(ID, 'team', 'web')
    const home = mkdtempSync(join(tmpdir(), 'swr-ee-home-'))
    mkdirSync(join(home, '.docker'))
    const config = JSON.stringify({ auths: { [address]: { auth: 'am9iOm93bg==' } } })
    writeFileSync(join(home, '.docker', 'config.json'), config)

    const result = await runAction(
      {
        namespace: 'team',
        repository: 'web',
        region: 'cn-north-4',
        endpoint: emulated.endpoint,
        instance: ID,
        project_id: PROJECT,
        login: 'true',
      },
      { env: DEMO_KEY_ENV, home },
    )

    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(`::error::Instance prod-registry gives its registry as ${address}, which is ${why}`)
    expect(operations()).toEqual(['showInstance 200'])
    expect(readFileSync(join(home, '.docker', 'config.json'), 'utf8')).toBe(config)
  })

  test('an instance on a domain of its own is taken when the input registry names it', async () => {
    emulated.emulator.enterprise.addInstance({
      id: ID,
      name: 'prod-registry',
      status: 'Running',
      access_address: 'registry.corp.example',
    })
    const named = await run({ project_id: PROJECT, registry: 'registry.corp.example' })
    expect(named.exitCode).toBe(0)
    expect(named.outputs.image).toBe('registry.corp.example/team/web')

    const other = await run({ project_id: PROJECT, registry: 'registry.other.example' })
    expect(other.stdout).toContain(
      '::error::Instance prod-registry gives its registry as registry.corp.example, not registry.other.example as the input registry says',
    )
  })

  test('an answer about another instance is not followed', async () => {
    addInstance()
    const instance = emulated.emulator.enterprise.instances[0]
    emulated.emulator.inject({
      operation: 'showInstance',
      times: 1,
      fault: { status: 200, body: JSON.stringify({ ...instance, id: OTHER_ID }) },
    })

    const result = await run({ project_id: PROJECT })

    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(
      `with a body that is not instance ${ID}: it describes another instance, ${OTHER_ID}`,
    )
    expect(operations()).toEqual(['showInstance 200'])
  })

  test('an instance ID that is not a UUID never goes into a path', async () => {
    const instance = {
      id: '../../other-project/instances/x',
      name: 'prod-registry',
      status: 'Running',
      access_address: ADDRESS,
    }
    emulated.emulator.inject({
      operation: 'listInstances',
      times: 1,
      fault: { status: 200, body: JSON.stringify({ instances: [instance], total: 1 }) },
    })

    const result = await run({ project_id: PROJECT, instance: 'prod-registry' })

    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('its id is not an instance ID (a UUID)')
    expect(operations()).toEqual(['listInstances 200'])
  })

  test('two instances of one name are not chosen between: both IDs are named', async () => {
    addInstance()
    emulated.emulator.enterprise.addInstance({
      id: OTHER_ID,
      name: 'prod-registry',
      status: 'Running',
      access_address: ADDRESS,
    })

    const result = await run({ project_id: PROJECT, instance: 'prod-registry' })

    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(
      `::error::2 instances are named prod-registry: ${ID}, ${OTHER_ID}. Give the input instance the ID of the one to use`,
    )
    expect(operations()).toEqual(['listInstances 200'])
  })
})
