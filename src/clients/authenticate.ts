// How SWR requests carry credentials: an access key's signature, or an IAM token.
import type { Authenticate } from './api-client.js'
import type { Credentials } from '../rules/credentials.js'
import { authorization, sdkDate } from '../rules/signer.js'

export function authenticator(credentials: Credentials): Authenticate {
  if (credentials.kind === 'token') {
    return (request) => ({ ...request.headers, 'X-Auth-Token': credentials.token })
  }
  const { accessKeyId, secretAccessKey, securityToken } = credentials
  return (request) => {
    const headers = {
      ...request.headers,
      'X-Sdk-Date': sdkDate(new Date()),
      ...(securityToken ? { 'X-Security-Token': securityToken } : {}),
    }
    return { ...headers, Authorization: authorization({ ...request, headers }, accessKeyId, secretAccessKey) }
  }
}
