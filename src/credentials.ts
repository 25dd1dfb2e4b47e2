// Which credentials a run signs in with. A set is always taken whole from one source, so an access key
// from one place is never paired with a secret from another.

export type Credentials =
  | { kind: 'access-key'; accessKeyId: string; secretAccessKey: string; securityToken?: string; source: string }
  | { kind: 'token'; token: string; source: string }

/** The environment conventions in use for access keys, in the order they are looked at. */
export const ENVIRONMENT_CONVENTIONS = [
  ['HUAWEI_CLOUD_ACCESS_KEY_ID', 'HUAWEI_CLOUD_SECRET_ACCESS_KEY', 'HUAWEI_CLOUD_SECURITY_TOKEN'],
  ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN'],
  ['HW_ACCESS_KEY', 'HW_SECRET_KEY', 'HW_SECURITY_TOKEN'],
] as const

export interface CredentialInputs {
  access_key_id: string
  secret_access_key: string
  security_token: string
  auth_token: string
}

/** Picks the credentials from the inputs, else the environment; returns an error message when none fit. */
export function resolveCredentials(
  inputs: CredentialInputs,
  env: Record<string, string | undefined>,
): Credentials | string {
  const keyInputs = (['access_key_id', 'secret_access_key', 'security_token'] as const).filter((name) => inputs[name])
  if (inputs.auth_token && keyInputs.length > 0) {
    return `Give either auth_token or access keys (${keyInputs.join(', ')}), not both: a run signs in one way.`
  }
  if (inputs.auth_token) return { kind: 'token', token: inputs.auth_token, source: 'input auth_token' }

  if (keyInputs.length > 0) {
    const missing = (['access_key_id', 'secret_access_key'] as const).filter((name) => !inputs[name])
    if (missing.length > 0) {
      return `Input ${missing.join(' and ')} is required when ${keyInputs.join(' and ')} is given: access keys are taken as a set from the inputs.`
    }
    return {
      kind: 'access-key',
      accessKeyId: inputs.access_key_id,
      secretAccessKey: inputs.secret_access_key,
      securityToken: inputs.security_token || undefined,
      source: 'inputs',
    }
  }

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

  const variables = ENVIRONMENT_CONVENTIONS.map(([id, secret]) => `${id}/${secret}`).join(', ')
  return (
    'No credentials: give the inputs access_key_id and secret_access_key (with security_token for temporary ' +
    `credentials) or auth_token, or set the environment variables ${variables} ` +
    '(huaweicloud/auth-action sets the first pair).'
  )
}
