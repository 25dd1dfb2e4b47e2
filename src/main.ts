// The adapter between the runner and the ensure flow: the only code that touches @actions/core.
import * as core from '@actions/core'
import { ensureRepository } from './ensure.js'
import { parseInputs, type Inputs } from './inputs.js'
import { actionOutputs } from './outputs.js'
import { swrApi } from './swr-api.js'
import { ApiClient } from './api-client.js'
import { authenticator } from './authenticate.js'

const USER_AGENT = 'swr-ensure-repository-action'

function readInputs(): Inputs {
  // Secrets are masked the moment they are read, before anything could print them.
  for (const name of ['secret_access_key', 'security_token', 'auth_token', 'access_key_id']) {
    const value = core.getInput(name)
    if (value) core.setSecret(value)
  }
  return parseInputs(
    {
      text: (name) => core.getInput(name),
      boolean: (name) => (core.getInput(name) === '' ? undefined : core.getBooleanInput(name)),
    },
    process.env,
  )
}

function maskCredentials(inputs: Inputs): void {
  const { credentials } = inputs
  if (credentials.kind === 'token') core.setSecret(credentials.token)
  else {
    core.setSecret(credentials.accessKeyId)
    core.setSecret(credentials.secretAccessKey)
    if (credentials.securityToken) core.setSecret(credentials.securityToken)
  }
}

export async function run(): Promise<void> {
  let client: ApiClient | undefined
  try {
    const inputs = readInputs()
    maskCredentials(inputs)
    core.info(`SWR ${inputs.endpoint.origin} (region ${inputs.region}), signing in with ${inputs.credentials.source}`)
    client = new ApiClient({
      maxAttempts: inputs.maxAttempts,
      log: { info: core.info, debug: core.debug },
      userAgent: USER_AGENT,
    })
    const api = swrApi(client, inputs.endpoint, authenticator(inputs.credentials))
    const result = await ensureRepository(api, inputs)
    const outputs = actionOutputs(result, inputs)
    const namespaceState = result.namespaceCreated ? 'created' : 'exists'
    const repositoryState = result.repositoryCreated ? 'created' : 'exists'
    core.info(
      `Organization ${inputs.namespace}: ${namespaceState}; repository ${inputs.repository}: ${repositoryState}`,
    )
    core.info(`Image: ${outputs.image}`)
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    client?.dispose()
  }
}
