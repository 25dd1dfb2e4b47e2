// The adapter between the runner and the ensure flow: the only code that touches @actions/core.
import * as core from '@actions/core'
import { ApiClient } from './api-client.js'
import { authenticator } from './authenticate.js'
import { stepSecrets } from './credentials.js'
import { type EnsureResult, ensureRepositories, type RepositoryResult } from './ensure.js'
import { signedInCredentials } from './iam.js'
import { parseInputs, type Inputs } from './inputs.js'
import { elide } from './login-secret.js'
import type { Login } from './login.js'
import { LOGIN_STATE } from './login-state.js'
import { actionOutputs, isFailure, loginOutputs, otherRegistryInPath } from './outputs.js'
import { failureMessage, reportLines } from './report.js'
import { summaryModel } from './summary.js'
import { githubRepository } from './workflow.js'
import { addSecret, cleanServerText } from './server-text.js'
import { shownResult } from './shown-result.js'
import { type SwrApi, swrApi } from './swr-api.js'

const USER_AGENT = 'swr-ensure-repository-action'

/** Hides a secret from the log, and removes it from any server text the action shows or stores from now on. */
function mask(secret: string): void {
  core.setSecret(secret)
  addSecret(secret)
}

async function readInputs(): Promise<Inputs> {
  // Secrets are masked the moment they are read, before anything could print them, even when an input is bad.
  for (const value of stepSecrets(core.getInput, process.env)) mask(value)
  // The repository defaults to the GitHub repository's name; only then is the workflow's context needed.
  const githubDefault = core.getInput('repository').trim() === '' ? await githubRepository() : undefined
  return parseInputs(
    {
      text: (name) => core.getInput(name),
      boolean: (name) => (core.getInput(name) === '' ? undefined : core.getBooleanInput(name)),
    },
    process.env,
    { githubRepository: githubDefault },
  )
}

/** How the run signs in, for the log; for OpenID Connect, with the audience the ID token is requested for. */
async function signInText({ signIn }: Inputs): Promise<string> {
  if (signIn.kind !== 'oidc') return signIn.source
  if (signIn.audience) return `${signIn.source}, audience ${signIn.audience}`
  const github = await githubRepository()
  const audience = github ? `https://github.com/${github.owner}` : "the repository owner's URL"
  return `${signIn.source}, audience ${audience} (GitHub's default)`
}

/**
 * Logs the container tools in to the registry the run expects, once the first repository is ensured. A brief info
 * that names another registry stops the login before any credential is made.
 */
async function logInAsAsked(api: SwrApi, inputs: Inputs, result: EnsureResult): Promise<Login | undefined> {
  const first = result.results.find((entry): entry is RepositoryResult => !isFailure(entry))
  // With no repository ensured there is nothing to push to; the failure message says why.
  if (!first) return undefined
  const host = inputs.registry
  const other = otherRegistryInPath(first, inputs)
  if (other) {
    throw new Error(
      `Not logging in: SWR gives the path of ${inputs.namespace}/${first.repository} on the registry ${other}, not ` +
        `${host}, the registry this run expects. A login goes only to ${host}; if images of this endpoint go to ` +
        `${other}, set the input registry to it.`,
    )
  }
  const hours = `${+(inputs.loginDurationSeconds / 3600).toFixed(2)} h`
  if (inputs.dryRun) {
    core.info(`Dry run: would log in to ${host} for ${hours}`)
    return undefined
  }
  const wish = {
    region: inputs.region,
    host,
    durationSeconds: inputs.loginDurationSeconds,
    timeoutMs: inputs.timeoutMs,
  }
  // Loaded only when a run logs in: the Docker config, its lock and the CLI are no part of other runs' start-up.
  const { logIn } = await import(/* webpackMode: "eager" */ './login.js')
  const login = await logIn(api, wish, process.env, mask)
  const { secret, record, replaced } = login
  for (const [name, value] of Object.entries(loginOutputs(secret))) core.setOutput(name, value)
  if (replaced) {
    core.warning(
      `A login to ${host} was already in ${replaced} (from before this job, or an earlier step): this step replaced ` +
        (inputs.logout ? 'it, and puts it back when the job ends.' : 'it, and does not put it back (logout: false).'),
    )
  }
  const where = record.via === 'config' ? record.configPath : 'the Docker CLI'
  // The user name was checked against a strict form; cleaned all the same, as every value an answer gave.
  const user = cleanServerText(elide(secret.username))
  core.info(`Logged in to ${host} as ${user} until ${secret.expiresAt.toISOString()} (${where})`)
  if (secret.expiryEstimated) {
    core.info(
      'SWR did not say when the login expires (no X-Swr-Expireat): login_expires_at is an estimate, the earlier of ' +
        "login_duration and SWR's default of 6 hours.",
    )
  }
  if (inputs.logout) core.saveState(LOGIN_STATE, JSON.stringify(record))
  return login
}

async function writeSummary(result: EnsureResult, inputs: Inputs, login?: Login): Promise<void> {
  const model = summaryModel(result, inputs, login?.secret)
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
    const inputs = await readInputs()
    if (inputs.signInSetAside) core.warning(inputs.signInSetAside)
    const mode = inputs.dryRun ? ' (dry run: read requests only)' : ''
    core.info(
      `SWR ${inputs.endpoint.origin} (region ${inputs.region}), signing in with ${await signInText(inputs)}${mode}`,
    )
    if (inputs.repositoryOrigin) core.info(`Repository ${inputs.repositories[0]}: ${inputs.repositoryOrigin}`)
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
    let loginFailure: string | undefined
    const login = !inputs.login
      ? undefined
      : await logInAsAsked(api, inputs, result).catch((error: unknown) => {
          loginFailure = error instanceof Error ? error.message : String(error)
          return undefined
        })
    if (inputs.summary && process.env.GITHUB_STEP_SUMMARY) await writeSummary(result, inputs, login)
    const failed = [failureMessage(result, inputs.namespace), loginFailure].filter(Boolean)
    if (failed.length > 0) core.setFailed(failed.join('\n'))
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    finished = true
    client?.dispose()
  }
}
