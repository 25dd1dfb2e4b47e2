// Defaults from the workflow's context, and messages that state only what the run knows and say what to do.
import { useEmulator } from './helpers/emulated.js'
import { PERMISSIONS, type SwrOperation } from '../src/clients/swr/permissions.js'
import { type ActionRun, runAction } from '../runner/run-action.js'
import { DEMO_KEY_ENV, type Operation } from '../emulator/swr-emulator.js'
import { errorOf, expectCleanEnding } from './helpers/action-log.js'

const emulated = useEmulator()

async function run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  const result = await runAction(
    { namespace: 'team', region: 'cn-north-4', endpoint: emulated.endpoint, ...inputs },
    { env: { ...DEMO_KEY_ENV, ...env } },
  )
  expectCleanEnding(result)
  return result
}

describe('the repository, when not given, is the GitHub repository’s name', () => {
  it('lowercased, saying where the name came from', async () => {
    const result = await run({ repository: '' }, { GITHUB_REPOSITORY: 'Octo-Org/My-App' })

    expect(result.exitCode).toBe(0)
    expect(emulated.emulator.repositories.has('team/my-app')).toBe(true)
    expect(result.outputs.image).toBe('swr.cn-north-4.myhuaweicloud.com/team/my-app')
    expect(result.stdout).toContain('Repository my-app: named after the GitHub repository Octo-Org/My-App, lowercased')
  })

  it('as it is when it is lowercase already', async () => {
    const result = await run({ repository: '' }, { GITHUB_REPOSITORY: 'octo-org/web' })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('Repository web: named after the GitHub repository octo-org/web\n')
  })

  it('refused, saying to set repository, when even lowercased it breaks the rules', async () => {
    const result = await run({ repository: '' }, { GITHUB_REPOSITORY: 'octo-org/My..App' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Input repository was not given, and the GitHub repository's name "My\.\.App", lowercased, is not a valid SWR repository name: the separators "\.\." stand next to each other\. Set the input repository\./,
    )
    expect(emulated.emulator.requests).toHaveLength(0)
  })

  it('required outside a workflow, where there is no GitHub repository', async () => {
    const result = await run({ repository: '' })
    expect(errorOf(result)).toMatch(/^Input repository is required here: there is no GitHub repository/)
    expect(emulated.emulator.requests).toHaveLength(0)
  })

  it('a name the workflow typed is still refused with the lowercase hint, not changed', async () => {
    const result = await run({ repository: 'My-App' }, { GITHUB_REPOSITORY: 'Octo-Org/My-App' })
    expect(errorOf(result)).toMatch(
      /^Input repository "My-App" is not a valid SWR repository name: SWR names are lowercase: use "my-app"/,
    )
  })
})

describe('only what the run knows', () => {
  it('a first read that fails claims nothing about the organization', async () => {
    const result = await run({ repository: 'web' }, { HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'a-wrong-secret-key' })

    expect(result.exitCode).toBe(1)
    expect(result.stdout).not.toMatch(/Organization team/)
    expect(result.summary).not.toMatch(/Organization/)
    expect(result.outputs.namespace_created).toBe('false')
  })

  it('a run whose repository was read says the organization exists', async () => {
    emulated.emulator.addRepository('team', 'web')
    const result = await run({ repository: 'web' })
    expect(result.stdout).toContain('Organization team: exists')
    expect(result.summary).toContain('Organization <code>team</code>: existed.')
  })
})

describe('boolean inputs', () => {
  it.each(['is_public', 'update_existing', 'dry_run', 'summary', 'login', 'logout'])(
    '%s: yes is refused by name, quoting the value and listing the accepted forms',
    async (name) => {
      const result = await run({ repository: 'web', [name]: 'yes' })
      expect(errorOf(result)).toBe(`Input ${name} "yes" is not a boolean: use true, True, TRUE, false, False or FALSE.`)
      expect(result.stdout).not.toContain('%0A')
      expect(emulated.emulator.requests).toHaveLength(0)
    },
  )
})

describe('category', () => {
  it.each([
    ['Linux', 'linux'],
    ['APP_SERVER', 'app_server'],
  ])('%s is refused with the exact value to use', async (category, use) => {
    const result = await run({ repository: 'web', category })
    expect(errorOf(result)).toBe(
      `Input category "${category}" is not one of SWR's categories: use "${use}". Accepted: app_server, linux, framework_app, database, lang, other, windows, arm.`,
    )
  })
})

const INSTANCE_ID = '3f2c1a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b'

/** An Enterprise Edition instance in the emulator, and the inputs that work in it. */
function enterpriseInputs(): Record<string, string> {
  emulated.emulator.enterprise.addInstance({
    id: INSTANCE_ID,
    name: 'prod-registry',
    status: 'Running',
    access_address: 'prod-registry.swr-ee.cn-north-4.myhuaweicloud.com',
  })
  return { instance: INSTANCE_ID, iam_endpoint: emulated.endpoint }
}

describe('a 403 names the permission the failed operation needs', () => {
  const forbidden = { status: 403, body: '{"errorCode":"SVCSTG.SWR.4039002","errorMessage":"No permission"}' }
  const permissionOf = (operation: SwrOperation) =>
    PERMISSIONS.find((permission) => permission.operations.includes(operation))?.action ?? ''

  /** The inputs and emulator state that make the run reach the operation. */
  const reach: Record<SwrOperation, () => Record<string, string>> = {
    showRepository: () => ({}),
    createNamespace: () => ({}),
    createRepository: () => (emulated.emulator.addNamespace('team'), {}),
    showNamespace: () => {
      emulated.emulator.addNamespace('team')
      // A 404 that does not say which is missing makes a dry run read the organization.
      emulated.emulator.inject({ operation: 'showRepository', times: 1, fault: { status: 404, body: '' } })
      return { dry_run: 'true' }
    },
    updateRepository: () => (
      emulated.emulator.addRepository('team', 'web'),
      { category: 'linux', update_existing: 'true' }
    ),
    listRetentions: () => (emulated.emulator.addRepository('team', 'web'), { retention_keep_last: '5' }),
    createRetention: () => ({ retention_keep_last: '5' }),
    updateRetention: () => {
      emulated.emulator.addRepository('team', 'web')
      const rules = [{ template: 'tag_rule' as const, params: { num: '9' }, tag_selectors: [] }]
      emulated.emulator.retentions.set('team/web', [{ id: 1, algorithm: 'or', rules, scope: '' }])
      return { retention_keep_last: '5' }
    },
    deleteRetention: () => {
      emulated.emulator.addRepository('team', 'web')
      const rule = (num: string) => [{ template: 'tag_rule' as const, params: { num }, tag_selectors: [] }]
      emulated.emulator.retentions.set('team/web', [
        { id: 1, algorithm: 'or', rules: rule('5'), scope: '' },
        { id: 2, algorithm: 'or', rules: rule('6'), scope: '' },
      ])
      return { retention_keep_last: '5' }
    },
    createLoginSecret: () => (emulated.emulator.addRepository('team', 'web'), { login: 'true' }),
    listSyncRules: () => (emulated.emulator.addRepository('team', 'web'), { sync_to: 'cn-east-3' }),
    createSyncRule: () => ({ sync_to: 'cn-east-3' }),
    // A rule whose override differs is made anew with update_existing: removed first.
    deleteSyncRule: () => {
      emulated.emulator.addRepository('team', 'web')
      const rule = { remoteRegionId: 'cn-east-3', remoteNamespace: 'team', syncAuto: true, override: false }
      emulated.emulator.syncRules.set('team/web', [rule])
      return { sync_to: 'cn-east-3', sync_override: 'true', update_existing: 'true' }
    },
    listTags: () => {
      emulated.emulator.addRepository('team', 'web', { num_images: 2 })
      emulated.emulator.tags.set('team/web', ['v1', 'v2'])
      return { sync_to: 'cn-east-3' }
    },
    syncImages: () => {
      emulated.emulator.addRepository('team', 'web', { num_images: 2 })
      emulated.emulator.tags.set('team/web', ['v1', 'v2'])
      return { sync_to: 'cn-east-3' }
    },
    listRepositories: () => ({ repository: 'web\napi\nworker', prune_undeclared: 'true' }),
    deleteRepository: () => {
      emulated.emulator.addRepository('team', 'web')
      emulated.emulator.addRepository('team', 'old')
      return { prune_undeclared: 'true' }
    },
    createTag: () => {
      emulated.emulator.addRepository('team', 'web', { num_images: 1 })
      emulated.emulator.tags.set('team/web', ['sha-1'])
      return { promote: 'sha-1 -> v1' }
    },
    listShares: () => (emulated.emulator.addRepository('team', 'web'), { share_with: 'prod-account' }),
    createShare: () => ({ share_with: 'prod-account' }),
    showInstance: () => enterpriseInputs(),
    // Read on a GitHub-hosted runner only (the run's RUNNER_ENVIRONMENT, given as this pseudo-input).
    showInstanceEndpointPolicy: () => ({ ...enterpriseInputs(), RUNNER_ENVIRONMENT: 'github-hosted' }),
    listInstances: () => ({ ...enterpriseInputs(), instance: 'prod-registry' }),
    showInstanceRepository: () => enterpriseInputs(),
    showInstanceNamespace: () => enterpriseInputs(),
    createInstanceNamespace: () => enterpriseInputs(),
    createInstanceTempCredential: () => {
      const inputs = enterpriseInputs()
      emulated.emulator.enterprise.namespaces.set(`${INSTANCE_ID}/team`, { name: 'team', public: false })
      emulated.emulator.enterprise.push(INSTANCE_ID, 'team', 'web')
      return { ...inputs, login: 'true' }
    },
    updateShare: () => {
      emulated.emulator.addRepository('team', 'web')
      emulated.emulator.shares.set('team/web', [{ access_domain: 'prod-account', permit: 'read', deadline: 'forever' }])
      return { share_with: 'prod-account until 2099-01-01', update_existing: 'true' }
    },
  }

  it.each(Object.keys(reach) as SwrOperation[])('%s', async (operation) => {
    const inputs = reach[operation]()
    emulated.emulator.inject({ operation: operation as Operation, times: 1, fault: forbidden })
    const { RUNNER_ENVIRONMENT, ...given } = inputs
    const result = await run({ repository: 'web', ...given }, RUNNER_ENVIRONMENT ? { RUNNER_ENVIRONMENT } : {})

    expect(result.exitCode).toBe(1)
    expect(
      emulated.emulator.requests.some((request) => request.operation === operation && request.status === 403),
    ).toBe(true)
    expect(errorOf(result)).toContain(`The IAM user lacks the permission ${permissionOf(operation)}, needed for `)
  })
})
