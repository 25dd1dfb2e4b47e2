import { OIDC_PERMISSION_MESSAGE, resolveSignIn, type SignInInputs } from '../src/rules/credentials.js'
import { InputError, parseInputs, type InputSource } from '../src/rules/inputs.js'
import { FEATURES } from '../src/flow/features.js'

/** The inputs read as the main step reads them: with every feature's. */
const parseAll = (...[source, env, defaults]: Parameters<typeof parseInputs>) =>
  parseInputs(source, env, defaults, FEATURES)

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
    parseAll(source(values), env)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  return []
}

describe('parseInputs', () => {
  it('reads valid inputs and derives the endpoint and registry', () => {
    const inputs = parseAll(source(valid), {})
    expect(inputs.place.endpoint.href).toBe('https://swr-api.cn-north-4.myhuaweicloud.com/')
    // The registry is the edition's, decided when it is opened.
    expect(inputs.place.registry).toBeUndefined()
    expect(inputs.transport.maxAttempts).toBe(4)
    expect(inputs.features.settings).toBeUndefined()
    expect(inputs.signIn.method).toEqual({
      kind: 'access-key',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      source: 'inputs',
    })
  })

  it('keeps settings the workflow gave', () => {
    const inputs = parseAll(source({ ...valid, category: 'linux', is_public: 'true', description: 'd' }), {})
    expect(inputs.features.settings).toEqual({ category: 'linux', isPublic: true, description: 'd' })
  })

  it('takes the region from the environment in the documented order', () => {
    const { region: _region, ...rest } = valid
    expect(
      parseAll(source(rest), { HW_REGION_NAME: 'la-north-2', HUAWEICLOUD_SDK_REGION: 'ap-southeast-1' }).place.region,
    ).toBe('ap-southeast-1')
    expect(parseAll(source(valid), { HUAWEI_CLOUD_REGION: 'eu-west-101' }).place.region).toBe('cn-north-4')
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
    expect(problems[2]).toMatch(/region "CN North" from input region/)
    expect(problems[3]).toMatch(/^Input max_attempts "0" must be a whole number from 1 to 10/)
    expect(problems[4]).toMatch(/^Input category "games" .*app_server, linux/)
    expect(problems[5]).toMatch(/is_public/)
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

describe('resolveSignIn', () => {
  const none: SignInInputs = {
    auth_token: '',
    access_key_id: '',
    secret_access_key: '',
    security_token: '',
    iam_domain: '',
    iam_user: '',
    iam_password: '',
    idp_id: '',
    id_token_audience: '',
    id_token_file: '',
  }
  const password = { iam_domain: 'acme', iam_user: 'ci', iam_password: 'pw' }
  const envKeys = { HUAWEI_CLOUD_ACCESS_KEY_ID: 'ENV', HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'ENVSK' }
  const githubOidc = {
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://gh/idtoken?api-version=2.0',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
  }
  const signInOf = (inputs: Partial<SignInInputs>, env: Record<string, string> = {}) => {
    const resolved = resolveSignIn({ ...none, ...inputs }, env)
    return typeof resolved === 'string' ? resolved : resolved.signIn
  }

  it('prefers access keys from the inputs over the environment', () => {
    expect(signInOf({ access_key_id: 'AK', secret_access_key: 'SK', security_token: 'ST' }, envKeys)).toMatchObject({
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      securityToken: 'ST',
      source: 'inputs',
    })
  })

  it('takes the first environment convention that holds an access key, as a whole set', () => {
    const signIn = signInOf(
      {},
      {
        HUAWEI_CLOUD_SECURITY_TOKEN: 'stray',
        HUAWEICLOUD_SDK_AK: 'AK2',
        HUAWEICLOUD_SDK_SK: 'SK2',
        HW_ACCESS_KEY: 'AK3',
        HW_SECRET_KEY: 'SK3',
        HW_SECURITY_TOKEN: 'ST3',
      },
    )
    expect(signIn).toEqual({
      kind: 'access-key',
      accessKeyId: 'AK2',
      secretAccessKey: 'SK2',
      securityToken: undefined,
      source: 'environment HUAWEICLOUD_SDK_AK',
    })
  })

  it('never pairs an access key with a secret from another place', () => {
    expect(signInOf({}, { HUAWEI_CLOUD_ACCESS_KEY_ID: 'AK', HW_SECRET_KEY: 'SK' })).toMatch(
      /HUAWEI_CLOUD_ACCESS_KEY_ID is set but HUAWEI_CLOUD_SECRET_ACCESS_KEY is not/,
    )
    expect(signInOf({ access_key_id: 'AK' }, { HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'SK' })).toMatch(
      /Input secret_access_key is required when access_key_id is given/,
    )
    expect(signInOf({ security_token: 'ST' }, envKeys)).toMatch(
      /^Inputs access_key_id and secret_access_key are required when security_token is given/,
    )
  })

  it('follows the precedence: token, access keys, password, OpenID Connect', () => {
    expect(signInOf({ auth_token: 'T' }, { ...envKeys, HUAWEICLOUD_SDK_IDP_ID: 'idp' })).toMatchObject({
      kind: 'token',
    })
    expect(signInOf(password, { ...envKeys, ...githubOidc })).toMatchObject({ kind: 'access-key', accessKeyId: 'ENV' })
    expect(signInOf(password, { HUAWEICLOUD_SDK_IDP_ID: 'idp', ...githubOidc })).toEqual({
      kind: 'password',
      domain: 'acme',
      user: 'ci',
      password: 'pw',
      source: 'IAM user ci of account acme',
    })
    expect(signInOf({ id_token_audience: 'aud' }, { HUAWEICLOUD_SDK_IDP_ID: 'idp', ...githubOidc })).toEqual({
      kind: 'oidc',
      idpId: 'idp',
      audience: 'aud',
      idTokenEndpoint: {
        url: githubOidc.ACTIONS_ID_TOKEN_REQUEST_URL,
        requestToken: githubOidc.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
      },
      source: 'OpenID Connect through identity provider idp',
    })
    expect(signInOf({ idp_id: 'mine' }, { HUAWEICLOUD_SDK_IDP_ID: 'env', ...githubOidc })).toMatchObject({
      idpId: 'mine',
      audience: undefined,
    })
  })

  it('warns when environment access keys set aside sign-in inputs', () => {
    const resolved = resolveSignIn({ ...none, ...password }, envKeys)
    expect(typeof resolved !== 'string' && resolved.setAside).toMatch(
      /^HUAWEI_CLOUD_ACCESS_KEY_ID is set, so access keys from the environment take precedence over the inputs iam_domain, iam_user, iam_password/,
    )
  })

  it('refuses two methods given as inputs, naming both', () => {
    expect(signInOf({ auth_token: 'T', access_key_id: 'AK' })).toBe(
      'Sign in one way per run: the inputs give both an IAM token (auth_token) and access keys (access_key_id). Remove all but one.',
    )
    expect(signInOf({ iam_password: 'pw', idp_id: 'idp' })).toMatch(
      /an IAM password \(iam_password\) and OpenID Connect \(idp_id\)/,
    )
  })

  it('needs the whole IAM password set', () => {
    expect(signInOf({ iam_user: 'ci', iam_password: 'pw' })).toMatch(
      /^Input iam_domain is required to sign in with an IAM password/,
    )
  })

  it('shows the missing permission block when the job may not request an ID token', () => {
    expect(signInOf({ idp_id: 'idp' })).toBe(OIDC_PERMISSION_MESSAGE)
    expect(OIDC_PERMISSION_MESSAGE).toContain('permissions:\n  id-token: write')
  })

  it('names every input and variable that would supply credentials when there are none', () => {
    const message = signInOf({}) as string
    for (const name of [
      'access_key_id',
      'secret_access_key',
      'auth_token',
      'iam_domain',
      'iam_password',
      'idp_id',
      'HUAWEI_CLOUD_ACCESS_KEY_ID',
      'HUAWEICLOUD_SDK_AK',
      'HW_ACCESS_KEY',
      'HUAWEICLOUD_SDK_IDP_ID',
    ]) {
      expect(message).toContain(name)
    }
  })
})

describe('defaults from the workflow, and messages that say what to do', () => {
  const withoutRepository = { ...valid, repository: '' }

  it('names the repository after the GitHub repository, lowercased, and says so', () => {
    const inputs = parseAll(source(withoutRepository), {}, { githubRepository: { owner: 'Octo', name: 'My-App' } })
    expect(inputs.names.repositories).toEqual(['my-app'])
    expect(inputs.names.repositoryOrigin).toBe('named after the GitHub repository Octo/My-App, lowercased')
  })

  it('prefers the repository the workflow gave', () => {
    const inputs = parseAll(source(valid), {}, { githubRepository: { owner: 'octo', name: 'app' } })
    expect(inputs.names.repositories).toEqual(['web'])
    expect(inputs.names.repositoryOrigin).toBeUndefined()
  })

  it('refuses a GitHub name that lowercasing cannot make valid, saying to set repository', () => {
    expect(() =>
      parseAll(source(withoutRepository), {}, { githubRepository: { owner: 'o', name: '.github' } }),
    ).toThrow(
      /^Input repository was not given, and the GitHub repository's name "\.github", lowercased, is not a valid SWR repository name: it starts with "\."\. Set the input repository\./,
    )
  })

  it.each(['yes', 'on', '1', 'tRue'])('refuses the boolean %j with the accepted forms', (value) => {
    expect(problemsOf({ ...valid, dry_run: value })).toEqual([
      `Input dry_run "${value}" is not a boolean: use true, True, TRUE, false, False or FALSE.`,
    ])
  })

  it('names the category to use when only the case differs', () => {
    expect(problemsOf({ ...valid, category: 'Windows' })[0]).toMatch(
      /^Input category "Windows" is not one of SWR's categories: use "windows"\./,
    )
    expect(problemsOf({ ...valid, category: 'games' })[0]).not.toMatch(/use "/)
  })
})
