// The adapter between the runner and the ensure flow: the only code that touches @actions/core.
import * as core from '@actions/core'
import { ApiClient } from './api-client.js'
import { authenticator } from './authenticate.js'
import type { Credentials } from './credentials.js'
import { ensureRepository } from './ensure.js'
import { oidcToken, passwordToken } from './iam.js'
import { parseInputs, type Inputs } from './inputs.js'
import { actionOutputs } from './outputs.js'
import { swrApi } from './swr-api.js'

const USER_AGENT = 'swr-ensure-repository-action'
const SECRET_INPUTS = ['access_key_id', 'secret_access_key', 'security_token', 'auth_token', 'iam_password']

function readInputs(): Inputs {
  // Secrets are masked the moment they are read, before anything could print them.
  for (const name of SECRET_INPUTS) {
    const value = core.getInput(name)
    if (value) core.setSecret(value)
  }
  const inputs = parseInputs(
    {
      text: (name) => core.getInput(name),
      boolean: (name) => (core.getInput(name) === '' ? undefined : core.getBooleanInput(name)),
    },
    process.env,
  )
  const { signIn } = inputs
  if (signIn.kind === 'token') core.setSecret(signIn.token)
  if (signIn.kind === 'access-key') {
    core.setSecret(signIn.accessKeyId)
    core.setSecret(signIn.secretAccessKey)
    if (signIn.securityToken) core.setSecret(signIn.securityToken)
  }
  return inputs
}

/** Turns the chosen sign-in into what SWR requests carry, asking IAM for a token where the method needs one. */
async function credentialsFor(inputs: Inputs, client: ApiClient): Promise<Credentials> {
  const { signIn } = inputs
  if (signIn.kind === 'token' || signIn.kind === 'access-key') return signIn
  const context = {
    client,
    iamEndpoint: inputs.iamEndpoint,
    region: inputs.region,
    requestIdToken: (audience?: string) => core.getIDToken(audience),
    mask: core.setSecret,
  }
  const token = signIn.kind === 'password' ? await passwordToken(context, signIn) : await oidcToken(context, signIn)
  return { kind: 'token', token, source: signIn.source }
}

export async function run(): Promise<void> {
  let client: ApiClient | undefined
  try {
    const inputs = readInputs()
    if (inputs.signInSetAside) core.warning(inputs.signInSetAside)
    core.info(`SWR ${inputs.endpoint.origin} (region ${inputs.region}), signing in with ${inputs.signIn.source}`)
    client = new ApiClient({
      maxAttempts: inputs.maxAttempts,
      log: { info: core.info, debug: core.debug },
      userAgent: USER_AGENT,
    })
    const credentials = await credentialsFor(inputs, client)
    const api = swrApi(client, inputs.endpoint, authenticator(credentials))
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
