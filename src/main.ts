// The adapter between the runner and the ensure flow: the only code that touches @actions/core.
import * as core from '@actions/core'
import { ApiClient } from './api-client.js'
import { authenticator } from './authenticate.js'
import { ENVIRONMENT_CONVENTIONS, SECRET_INPUTS } from './credentials.js'
import { type EnsureResult, ensureRepositories } from './ensure.js'
import { signedInCredentials } from './iam.js'
import { parseInputs, type Inputs } from './inputs.js'
import { actionOutputs } from './outputs.js'
import { failureMessage, reportLines } from './report.js'
import { summaryModel } from './summary.js'
import { addSecret } from './server-text.js'
import { shownResult } from './shown-result.js'
import { swrApi } from './swr-api.js'

const USER_AGENT = 'swr-ensure-repository-action'

/** Hides a secret from the log, and removes it from any server text the action shows or stores from now on. */
function mask(secret: string): void {
  core.setSecret(secret)
  addSecret(secret)
}

function readInputs(): Inputs {
  // Secrets are masked the moment they are read, before anything could print them, even when an input is bad.
  const secrets = [
    ...SECRET_INPUTS.map((name) => core.getInput(name)),
    ...[...ENVIRONMENT_CONVENTIONS.flat(), 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].map((name) => process.env[name]),
  ]
  for (const value of secrets) if (value) mask(value)
  return parseInputs(
    {
      text: (name) => core.getInput(name),
      boolean: (name) => (core.getInput(name) === '' ? undefined : core.getBooleanInput(name)),
    },
    process.env,
  )
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
    const credentials = await signedInCredentials(inputs.signIn, {
      client,
      iamEndpoint: inputs.iamEndpoint,
      region: inputs.region,
      mask,
    })
    const api = swrApi(client, inputs.endpoint, authenticator(credentials))
    // From here on only what may be shown: every value that came from a server, cleaned.
    const result = shownResult(await ensureRepositories(api, inputs))
    for (const line of reportLines(result, inputs)) (line.level === 'warning' ? core.warning : core.info)(line.text)
    for (const [name, value] of Object.entries(actionOutputs(result, inputs))) core.setOutput(name, value)
    if (inputs.summary && process.env.GITHUB_STEP_SUMMARY) await writeSummary(result, inputs)
    const failed = failureMessage(result, inputs.namespace)
    if (failed) core.setFailed(failed)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    finished = true
    client?.dispose()
  }
}
