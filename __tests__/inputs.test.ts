import { resolveCredentials } from '../src/credentials.js'
import { InputError, parseInputs, type InputSource } from '../src/inputs.js'

function source(values: Record<string, string>): InputSource {
  return {
    text: (name) => values[name] ?? '',
    boolean: (name) => {
      const value = values[name]
      if (value === undefined || value === '') return undefined
      if (value === 'true' || value === 'false') return value === 'true'
      throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}`)
    },
  }
}

const valid = {
  namespace: 'team',
  repository: 'web',
  region: 'cn-north-4',
  access_key_id: 'AK',
  secret_access_key: 'SK',
}

function problemsOf(values: Record<string, string>, env: Record<string, string> = {}): string[] {
  try {
    parseInputs(source(values), env)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  return []
}

describe('parseInputs', () => {
  it('reads valid inputs and derives the endpoint and registry', () => {
    const inputs = parseInputs(source(valid), {})
    expect(inputs.endpoint.href).toBe('https://swr-api.cn-north-4.myhuaweicloud.com/')
    expect(inputs.registry).toBe('swr.cn-north-4.myhuaweicloud.com')
    expect(inputs.maxAttempts).toBe(4)
    expect(inputs.category).toBeUndefined()
    expect(inputs.isPublic).toBeUndefined()
    expect(inputs.credentials).toEqual({
      kind: 'access-key',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      source: 'inputs',
    })
  })

  it('keeps settings the workflow gave', () => {
    const inputs = parseInputs(source({ ...valid, category: 'linux', is_public: 'true', description: 'd' }), {})
    expect([inputs.category, inputs.isPublic, inputs.description]).toEqual(['linux', true, 'd'])
  })

  it('takes the region from the environment in the documented order', () => {
    const { region: _region, ...rest } = valid
    expect(
      parseInputs(source(rest), { HW_REGION_NAME: 'la-north-2', HUAWEICLOUD_SDK_REGION: 'ap-southeast-1' }).region,
    ).toBe('ap-southeast-1')
    expect(parseInputs(source(valid), { HUAWEI_CLOUD_REGION: 'eu-west-101' }).region).toBe('cn-north-4')
  })

  it('reports every bad input at once, naming each', () => {
    const problems = problemsOf({
      namespace: 'My_Team',
      repository: 'web//app',
      category: 'games',
      is_public: 'yes',
      region: 'CN North',
      max_attempts: '0',
    })
    expect(problems).toHaveLength(7)
    expect(problems[0]).toMatch(/^Input namespace "My_Team" .*use "my_team"/)
    expect(problems[1]).toMatch(/^Input repository "web\/\/app" .*Accepted: 1 to 128 characters/)
    expect(problems[2]).toMatch(/^Input category "games" .*app_server, linux/)
    expect(problems[3]).toMatch(/is_public/)
    expect(problems[4]).toMatch(/region "CN North" from input region/)
    expect(problems[5]).toMatch(/^Input max_attempts "0" must be a whole number from 1 to 10/)
    expect(problems[6]).toMatch(/^Input secret_access_key is required|No credentials/)
  })

  it('requires a region', () => {
    const { region: _region, ...rest } = valid
    expect(problemsOf(rest)).toEqual([expect.stringMatching(/Input region is required.*HUAWEI_CLOUD_REGION/)])
  })

  it('refuses plain http to a remote endpoint', () => {
    expect(problemsOf({ ...valid, endpoint: 'http://swr.example.com' })).toEqual([
      expect.stringMatching(/^Input endpoint .*loopback/),
    ])
  })
})

describe('resolveCredentials', () => {
  const none = { access_key_id: '', secret_access_key: '', security_token: '', auth_token: '' }

  it('prefers inputs over the environment', () => {
    const credentials = resolveCredentials(
      { ...none, access_key_id: 'AK', secret_access_key: 'SK', security_token: 'ST' },
      { HUAWEI_CLOUD_ACCESS_KEY_ID: 'ENV', HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'ENVSK' },
    )
    expect(credentials).toMatchObject({
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      securityToken: 'ST',
      source: 'inputs',
    })
  })

  it('takes the first environment convention that holds an access key, as a whole set', () => {
    const credentials = resolveCredentials(none, {
      HUAWEI_CLOUD_SECURITY_TOKEN: 'stray',
      HUAWEICLOUD_SDK_AK: 'AK2',
      HUAWEICLOUD_SDK_SK: 'SK2',
      HW_ACCESS_KEY: 'AK3',
      HW_SECRET_KEY: 'SK3',
      HW_SECURITY_TOKEN: 'ST3',
    })
    expect(credentials).toEqual({
      kind: 'access-key',
      accessKeyId: 'AK2',
      secretAccessKey: 'SK2',
      securityToken: undefined,
      source: 'environment HUAWEICLOUD_SDK_AK',
    })
  })

  it('never pairs an access key with a secret from another place', () => {
    expect(resolveCredentials(none, { HUAWEI_CLOUD_ACCESS_KEY_ID: 'AK', HW_SECRET_KEY: 'SK' })).toMatch(
      /HUAWEI_CLOUD_ACCESS_KEY_ID is set but HUAWEI_CLOUD_SECRET_ACCESS_KEY is not/,
    )
    expect(resolveCredentials({ ...none, access_key_id: 'AK' }, { HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'SK' })).toMatch(
      /Input secret_access_key is required when access_key_id is given/,
    )
    expect(
      resolveCredentials(
        { ...none, security_token: 'ST' },
        { HUAWEI_CLOUD_ACCESS_KEY_ID: 'AK', HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'SK' },
      ),
    ).toMatch(/access_key_id and secret_access_key is required when security_token is given/)
  })

  it('uses an IAM token, and refuses a token beside access keys', () => {
    expect(resolveCredentials({ ...none, auth_token: 'T' }, {})).toEqual({
      kind: 'token',
      token: 'T',
      source: 'input auth_token',
    })
    expect(resolveCredentials({ ...none, auth_token: 'T', access_key_id: 'AK' }, {})).toMatch(
      /either auth_token or access keys \(access_key_id\)/,
    )
  })

  it('names every input and variable that would supply credentials when there are none', () => {
    const message = resolveCredentials(none, {}) as string
    for (const name of [
      'access_key_id',
      'secret_access_key',
      'auth_token',
      'HUAWEI_CLOUD_ACCESS_KEY_ID',
      'HUAWEICLOUD_SDK_AK',
      'HW_ACCESS_KEY',
    ]) {
      expect(message).toContain(name)
    }
  })
})
