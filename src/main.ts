// The adapter between the runner and the ensure flow: the only code that touches @actions/core.
import * as core from '@actions/core'
import { ApiClient } from './api-client.js'
import { authenticator } from './authenticate.js'
import { type Credentials, ENVIRONMENT_CONVENTIONS } from './credentials.js'
import { type EnsureResult, ensureRepositories } from './ensure.js'
import { oidcToken, passwordToken } from './iam.js'
import { parseInputs, type Inputs } from './inputs.js'
import { actionOutputs, imageOf, isFailure } from './outputs.js'
import { describeChanges } from './settings.js'
import { summaryModel } from './summary.js'
import { swrApi } from './swr-api.js'

const USER_AGENT = 'swr-ensure-repository-action'
const SECRET_INPUTS = ['access_key_id', 'secret_access_key', 'security_token', 'auth_token', 'iam_password']

function readInputs(): Inputs {
  // Secrets are masked the moment they are read, before anything could print them, even when an input is bad.
  const secrets = [
    ...SECRET_INPUTS.map((name) => core.getInput(name)),
    ...ENVIRONMENT_CONVENTIONS.flat().map((name) => process.env[name]),
  ]
  for (const value of secrets) if (value) core.setSecret(value)
  return parseInputs(
    {
      text: (name) => core.getInput(name),
      boolean: (name) => (core.getInput(name) === '' ? undefined : core.getBooleanInput(name)),
    },
    process.env,
  )
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

function report(result: EnsureResult, inputs: Inputs): void {
  const would = (done: string, planned: string) => (inputs.dryRun ? planned : done)
  const namespaceState = result.namespaceCreated ? would('created', 'would be created') : 'exists'
  core.info(`Organization ${inputs.namespace}: ${namespaceState}`)
  for (const entry of result.results) {
    const name = `${inputs.namespace}/${entry.repository}`
    if (isFailure(entry)) continue
    const state = entry.created ? would('created', 'would be created') : 'exists'
    core.info(`Repository ${name}: ${state}; image ${imageOf(entry, inputs)}`)
    if (entry.settingsChanged.length > 0) {
      core.info(`Repository ${name}: ${would('updated', 'would update')} ${describeChanges(entry.settingsChanged)}`)
    }
    if (entry.settingsDiffer.length > 0) {
      core.warning(
        `Repository ${name}: ${describeChanges(entry.settingsDiffer)} differ from the inputs and were left as they are. ` +
          'Set update_existing: true to update them.',
      )
    }
    if (entry.retention) core.info(`Repository ${name}: retention policy ${entry.retention}`)
  }
}

/** One message for the step's failure, naming each repository that failed, after all were tried. */
function failureMessage(result: EnsureResult, inputs: Inputs): string | undefined {
  const failures = result.results.filter(isFailure)
  if (failures.length === 0) return undefined
  // A failed organization step fails every repository with the same error: say it once.
  const shared = failures.length > 1 && failures.every((failure) => failure.error === failures[0].error)
  if (result.results.length === 1 || shared) return failures[0].error.message
  const lines = failures.map((failure) => `- ${inputs.namespace}/${failure.repository}: ${failure.error.message}`)
  return `${failures.length} of ${result.results.length} repositories failed:\n${lines.join('\n')}`
}

async function writeSummary(result: EnsureResult, inputs: Inputs): Promise<void> {
  const model = summaryModel(result, inputs)
  core.summary.addHeading(model.title, 2).addRaw(`<p>${model.lead}</p>`, true)
  for (const table of model.tables) {
    core.summary
      .addHeading(table.heading, 3)
      .addTable(table.rows.map(([name, value]) => [{ data: name, header: true }, value]))
  }
  await core.summary.write()
}

export async function run(): Promise<void> {
  let client: ApiClient | undefined
  let finished = false
  // Should a request ever be left waiting on nothing, Node would exit as if all went well: fail the step instead.
  process.once('exit', () => {
    if (finished) return
    core.setFailed('The action stopped before it finished: a request was left without an answer.')
    process.exitCode = 1
  })
  try {
    const inputs = readInputs()
    if (inputs.signInSetAside) core.warning(inputs.signInSetAside)
    const mode = inputs.dryRun ? ' (dry run: read requests only)' : ''
    core.info(`SWR ${inputs.endpoint.origin} (region ${inputs.region}), signing in with ${inputs.signIn.source}${mode}`)
    client = new ApiClient({
      maxAttempts: inputs.maxAttempts,
      timeoutMs: inputs.timeoutMs,
      log: { info: core.info, debug: core.debug },
      userAgent: USER_AGENT,
    })
    const credentials = await credentialsFor(inputs, client)
    const api = swrApi(client, inputs.endpoint, authenticator(credentials))
    const result = await ensureRepositories(api, inputs)
    report(result, inputs)
    for (const [name, value] of Object.entries(actionOutputs(result, inputs))) core.setOutput(name, value)
    if (inputs.summary && process.env.GITHUB_STEP_SUMMARY) await writeSummary(result, inputs)
    const failed = failureMessage(result, inputs)
    if (failed) core.setFailed(failed)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    finished = true
    client?.dispose()
  }
}
