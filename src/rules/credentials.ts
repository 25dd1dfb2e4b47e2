// How a run signs in. One method per run, chosen by a fixed precedence: auth_token, then access keys (inputs,
// then environment), then an IAM user's password, then OpenID Connect. A set of credentials is always taken
// whole from one source, so an access key from one place is never paired with a secret from another.
import { type InputName, quote, SECRET_INPUTS } from './input-table.js'
import { cleanServerText } from './server-text.js'

/** Where the runner lets a job with "permissions: id-token: write" ask for ID tokens. */
export interface IdTokenEndpoint {
  /** ACTIONS_ID_TOKEN_REQUEST_URL */
  url: string
  /** ACTIONS_ID_TOKEN_REQUEST_TOKEN, sent as a bearer token. */
  requestToken: string
}

/** An OpenID Connect ID token's form: three base64url parts joined by "." (the signature may be empty). */
export const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

/** What SWR requests carry. */
export type Credentials =
  | { kind: 'access-key'; accessKeyId: string; secretAccessKey: string; securityToken?: string; source: string }
  | {
      kind: 'token'
      token: string
      source: string
      /** The project the token is scoped to, when IAM said. */ projectId?: string
    }

export interface PasswordSignIn {
  kind: 'password'
  domain: string
  user: string
  password: string
  source: string
}

export interface OidcSignIn {
  kind: 'oidc'
  idpId: string
  /** Where the runner lets this job ask GitHub for ID tokens. */
  idTokenEndpoint: IdTokenEndpoint
  /** Undefined asks GitHub for its default audience, the URL of the repository's owner. */
  audience?: string
  source: string
}

/** An OpenID Connect ID token in a file (a pod's projected service-account token), exchanged as GitHub's is. */
export interface OidcFileSignIn {
  kind: 'oidc-file'
  idpId: string
  path: string
  source: string
}

/** The temporary access key of the agency bound to the ECS or BMS the job runs on, from its metadata service. */
export interface InstanceSignIn {
  kind: 'instance'
  source: string
}

/** Credentials to use as they are, or a way to obtain them first. */
export type SignIn = Credentials | PasswordSignIn | OidcSignIn | OidcFileSignIn | InstanceSignIn

/** The environment conventions in use for access keys, in the order they are looked at. */
export const ENVIRONMENT_CONVENTIONS = [
  ['HUAWEI_CLOUD_ACCESS_KEY_ID', 'HUAWEI_CLOUD_SECRET_ACCESS_KEY', 'HUAWEI_CLOUD_SECURITY_TOKEN'],
  ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN'],
  ['HW_ACCESS_KEY', 'HW_SECRET_KEY', 'HW_SECURITY_TOKEN'],
] as const

export const IDP_VARIABLE = 'HUAWEICLOUD_SDK_IDP_ID'
/** An IAM identity provider's ID, its name: letters, digits, "_" and "-" in IAM's rule, "." allowed for safety. */
const IDP_ID = /^[A-Za-z0-9._-]{1,64}$/
/** Where Huawei's SDKs read an OpenID Connect ID token from. */
export const ID_TOKEN_FILE_VARIABLE = 'HUAWEICLOUD_SDK_ID_TOKEN_FILE'

/** The sign-in inputs; which of them are secrets, the input table says. */
export const SIGN_IN_INPUTS = [
  'auth_token',
  'access_key_id',
  'secret_access_key',
  'security_token',
  'iam_domain',
  'iam_user',
  'iam_password',
  'idp_id',
  'id_token_audience',
  'id_token_file',
] as const satisfies readonly InputName[]

type SignInInput = (typeof SIGN_IN_INPUTS)[number]

export { SECRET_INPUTS }

export type SignInInputs = Record<SignInInput, string>

/**
 * Every secret a step of this action may be given, by input or environment, for masking the moment a step starts:
 * the post step runs tools too, and must keep the same secrets from them.
 */
export function stepSecrets(
  input: (name: string) => string,
  env: Record<string, string | undefined>,
  /** The secret inputs: the run's, and any a feature declares. */
  secrets: readonly string[] = SECRET_INPUTS,
): string[] {
  const variables = [...ENVIRONMENT_CONVENTIONS.flat(), 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']
  return [...secrets.map(input), ...variables.map((name) => env[name] ?? '')].filter(Boolean)
}

/** The inputs that, given, choose each method. */
const METHODS = [
  { method: 'an IAM token', inputs: ['auth_token'] },
  { method: 'access keys', inputs: ['access_key_id', 'secret_access_key', 'security_token'] },
  { method: 'an IAM password', inputs: ['iam_domain', 'iam_user', 'iam_password'] },
  { method: 'OpenID Connect', inputs: ['idp_id', 'id_token_file'] },
] as const

export const OIDC_PERMISSION_MESSAGE =
  'Signing in with OpenID Connect needs an ID token from GitHub, and this job may not request one ' +
  '(ACTIONS_ID_TOKEN_REQUEST_URL is not set). Give the job this permission:\n' +
  'permissions:\n  id-token: write\n  contents: read'

export interface ResolvedSignIn {
  signIn: SignIn
  /** Inputs that were given but set aside by the precedence, worth a warning. */
  setAside?: string
}

type Env = Record<string, string | undefined>

/**
 * Picks the sign-in method; returns an error message when the inputs and environment do not make one. `instance`
 * is the input instance_credentials: an explicit choice, never made for the workflow, and never silently beaten or
 * beating another method.
 */
export function resolveSignIn(inputs: SignInInputs, env: Env, instance = false): ResolvedSignIn | string {
  const given = METHODS.map(({ method, inputs: names }) => ({ method, names: names.filter((name) => inputs[name]) }))
  const chosen = given.filter(({ names }) => names.length > 0)
  if (instance) return instanceSignIn(chosen, env)
  if (chosen.length > 1) {
    const described = chosen.map(({ method, names }) => `${method} (${names.join(', ')})`)
    return `Sign in one way per run: the inputs give both ${described.join(' and ')}. Remove all but one.`
  }

  if (inputs.auth_token) return { signIn: { kind: 'token', token: inputs.auth_token, source: 'input auth_token' } }
  if (chosen[0]?.method === 'access keys') return accessKeysFromInputs(inputs, chosen[0].names)

  const fromEnvironment = accessKeysFromEnvironment(env)
  if (fromEnvironment) {
    if (typeof fromEnvironment === 'string') return fromEnvironment
    const setAside = chosen[0]
      ? `${fromEnvironment.source.replace('environment ', '')} is set, so access keys from the environment ` +
        `take precedence over the inputs ${chosen[0].names.join(', ')} (${chosen[0].method}). ` +
        'Unset those variables in this step to sign in with the inputs.'
      : undefined
    return { signIn: fromEnvironment, setAside }
  }

  if (chosen[0]?.method === 'an IAM password') {
    const missing = (['iam_domain', 'iam_user', 'iam_password'] as const).filter((name) => !inputs[name])
    if (missing.length > 0) {
      return `${required(missing)} to sign in with an IAM password (iam_domain is the account name, iam_user the IAM user's name).`
    }
    return {
      signIn: {
        kind: 'password',
        domain: inputs.iam_domain,
        user: inputs.iam_user,
        password: inputs.iam_password,
        source: `IAM user ${inputs.iam_user} of account ${inputs.iam_domain}`,
      },
    }
  }

  const idpId = inputs.idp_id || env[IDP_VARIABLE]
  const tokenFile = inputs.id_token_file || env[ID_TOKEN_FILE_VARIABLE]
  // Sent as the X-Idp-Id header and shown in the log: checked before either.
  if (idpId && !IDP_ID.test(idpId)) {
    const from = inputs.idp_id ? 'Input idp_id' : `The variable ${IDP_VARIABLE}`
    return (
      `${from} ${quote(idpId)} is not an identity provider's ID: 1 to 64 letters, digits, ".", "_" and "-", as ` +
      'IAM\'s Identity Providers page shows it (e.g. "github-actions").'
    )
  }
  if (inputs.id_token_file && !idpId) {
    return (
      `Input id_token_file needs idp_id too (or ${IDP_VARIABLE}): give the ID of the IAM identity provider that ` +
      'accepts the token in the file.'
    )
  }
  if (idpId && tokenFile) {
    const from = inputs.id_token_file ? 'input id_token_file' : ID_TOKEN_FILE_VARIABLE
    return {
      signIn: {
        kind: 'oidc-file',
        idpId,
        path: tokenFile,
        source: `OpenID Connect through identity provider ${idpId}, with the ID token in ${cleanServerText(tokenFile)} (${from})`,
      },
    }
  }
  if (idpId) {
    const url = env.ACTIONS_ID_TOKEN_REQUEST_URL
    const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
    if (!url || !requestToken) return OIDC_PERMISSION_MESSAGE
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      return 'ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL: OpenID Connect sign-in needs the runner to set it.'
    }
    return {
      signIn: {
        kind: 'oidc',
        idpId,
        idTokenEndpoint: { url, requestToken },
        audience: inputs.id_token_audience || undefined,
        source: `OpenID Connect through identity provider ${idpId}`,
      },
    }
  }

  if (inputs.id_token_audience) {
    return (
      `Input id_token_audience is for OpenID Connect sign-in, which needs idp_id too (or ${IDP_VARIABLE}): give the ` +
      'ID of the IAM identity provider that accepts the token.'
    )
  }
  const variables = ENVIRONMENT_CONVENTIONS.map(([id, secret]) => `${id}/${secret}`).join(', ')
  return (
    'No credentials: give the inputs auth_token; or access_key_id and secret_access_key (with security_token for ' +
    `temporary credentials), or the environment variables ${variables} (huaweicloud/auth-action sets the first ` +
    `pair); or iam_domain, iam_user and iam_password; or idp_id (or ${IDP_VARIABLE}) for OpenID Connect; or ` +
    'instance_credentials: true on an ECS or BMS with an agency.'
  )
}

/** instance_credentials: only when no other method is given, by the inputs or by access keys in the environment. */
function instanceSignIn(chosen: { method: string; names: string[] }[], env: Env): ResolvedSignIn | string {
  const inEnvironment = ENVIRONMENT_CONVENTIONS.find(([id]) => env[id])?.[0]
  const others = [
    ...chosen.map(({ method, names }) => `the inputs give ${method} (${names.join(', ')})`),
    ...(inEnvironment ? [`the environment gives access keys (${inEnvironment})`] : []),
  ]
  if (others.length > 0) {
    return (
      `Sign in one way per run: instance_credentials is true, and ${others.join(' and ')}. Remove all but one ` +
      '(set instance_credentials to false to use the others).'
    )
  }
  return { signIn: { kind: 'instance', source: 'the agency of this ECS or BMS (instance metadata)' } }
}

/** "Input x is required", or "Inputs x and y are required". */
const required = (names: readonly string[]) =>
  names.length > 1 ? `Inputs ${names.join(' and ')} are required` : `Input ${names[0]} is required`

function accessKeysFromInputs(inputs: SignInInputs, given: readonly string[]): ResolvedSignIn | string {
  const missing = (['access_key_id', 'secret_access_key'] as const).filter((name) => !inputs[name])
  if (missing.length > 0) {
    return `${required(missing)} when ${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} given: access keys are taken as a set from the inputs.`
  }
  return {
    signIn: {
      kind: 'access-key',
      accessKeyId: inputs.access_key_id,
      secretAccessKey: inputs.secret_access_key,
      securityToken: inputs.security_token || undefined,
      source: 'inputs',
    },
  }
}

function accessKeysFromEnvironment(env: Env): Credentials | string | undefined {
  for (const [idName, secretName, tokenName] of ENVIRONMENT_CONVENTIONS) {
    const accessKeyId = env[idName]
    if (!accessKeyId) continue
    const secretAccessKey = env[secretName]
    if (!secretAccessKey)
      return `${idName} is set but ${secretName} is not: set both, or give the access keys as inputs.`
    return {
      kind: 'access-key',
      accessKeyId,
      secretAccessKey,
      securityToken: env[tokenName] || undefined,
      source: `environment ${idName}`,
    }
  }
  return undefined
}
