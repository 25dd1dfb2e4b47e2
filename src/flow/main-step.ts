// The main step: read and check the inputs, sign in, ensure the repositories, say what happened, write the outputs,
// log Docker in as asked, and fail once with every failure. It runs through the runner port and the services, so
// that it is tested without a process or a socket.
import type { SwrApi } from '../clients/swr/swr-api.js'
import type { EnterpriseApi } from '../clients/swr/enterprise-api.js'
import type { EnterpriseWish } from '../rules/enterprise.js'
import { elide } from '../clients/swr/login-secret.js'
import { stepSecrets } from '../rules/credentials.js'
import { type Inputs, parseInputs } from '../rules/inputs.js'
import type { InputName } from '../rules/input-table.js'
import { optionalReaders } from '../rules/optional-inputs.js'
import { addSecret, cleanServerText } from '../rules/server-text.js'
import { type EnsureResult, ensureRepositories, type RepositoryResult } from './ensure.js'
import type { Login, LoginWish } from './login.js'
import { LOGIN_STATE } from './login-state.js'
import { actionOutputs, isFailure, loginOutputs, otherRegistryInPath } from './outputs.js'
import { failureMessage, reportLines } from './report.js'
import { buildSettings, buildSettingsLine } from '../rules/build-settings.js'
import type { Runner } from './runner-port.js'
import { shownResult } from './shown-result.js'
import { type SignInServices, signedInCredentials } from './sign-in.js'
import { summaryModel } from './summary.js'
import type { Credentials } from '../rules/credentials.js'

/** The outside world as the main step sees it: one connection to the services for the run, and the login. */
export interface MainServices {
  connect(
    inputs: Inputs,
    log: Pick<Runner, 'info' | 'debug'>,
    mask: (secret: string) => void,
    env: Record<string, string | undefined>,
  ): Connection
  logIn(
    api: Pick<SwrApi, 'createLoginSecret'>,
    wish: LoginWish,
    env: Record<string, string | undefined>,
    mask: (secret: string) => void,
  ): Promise<Login>
}

export interface Connection extends Omit<SignInServices, 'mask'> {
  swr(credentials: Credentials): SwrApi
  /** SWR in another region with the same credentials, or why it cannot be reached. */
  regionalSwr(credentials: Credentials, region: string): SwrApi | string
  /** SWR Enterprise Edition's instances, for the project of the region. */
  enterprise(credentials: Credentials): EnterpriseApi
  dispose(): void
}

export async function mainStep(runner: Runner, services: MainServices): Promise<void> {
  /** Hides a secret from the log, and removes it from any server text the action shows or stores from now on. */
  const mask = (secret: string) => {
    runner.mask(secret)
    addSecret(secret)
  }
  let connection: Connection | undefined
  try {
    const inputs = await readInputs(runner, mask)
    for (const warning of [inputs.signInSetAside, ...inputs.warnings]) if (warning) runner.warning(warning)
    const mode = inputs.dryRun ? ' (dry run: read requests only)' : ''
    runner.info(
      `SWR ${inputs.endpoint.origin} (region ${inputs.region}), signing in with ${await signInText(runner, inputs)}${mode}`,
    )
    if (inputs.repositoryOrigin) runner.info(`Repository ${inputs.repositories[0]}: ${inputs.repositoryOrigin}`)
    const connected = services.connect(inputs, runner, mask, runner.env)
    connection = connected
    const credentials = await signedInCredentials(inputs.signIn, { ...connected, mask })
    const ensured = inputs.enterprise
      ? await ensureInEnterprise(runner, connected.enterprise(credentials), inputs, inputs.enterprise)
      : await ensureInShared(connected, credentials, inputs)
    // From here on only what may be shown: every value that came from a server, cleaned.
    const result = shownResult(ensured.result)
    const context = { ...inputs, registry: ensured.registry }
    for (const line of reportLines(result, context))
      (line.level === 'warning' ? runner.warning : runner.info)(line.text)
    runner.info(buildSettingsLine(buildSettings(!!inputs.enterprise)))
    for (const [name, value] of Object.entries(actionOutputs(result, context))) runner.setOutput(name, value)
    let loginFailure: string | undefined
    const login = !inputs.login
      ? undefined
      : await logInAsAsked(runner, services, { api: ensured.login, inputs: context, result, mask }).catch(
          (error: unknown) => {
            loginFailure = error instanceof Error ? error.message : String(error)
            return undefined
          },
        )
    if (inputs.summary && runner.env.GITHUB_STEP_SUMMARY) {
      await runner.writeSummary(summaryModel(result, context, login?.secret, loginFailure))
    }
    const failed = [failureMessage(result, inputs.namespace), loginFailure].filter(Boolean)
    for (const entry of result.results) if (isFailure(entry)) debugCauses(runner, entry.error)
    if (failed.length > 0) runner.fail(failed.join('\n'))
  } catch (error) {
    debugCauses(runner, error)
    runner.fail(error instanceof Error ? error.message : String(error))
  } finally {
    connection?.dispose()
  }
}

/** What lies under a failure (a network error, an error a message was made from), for the debug log only. */
function debugCauses(runner: Runner, error: unknown): void {
  for (let cause = (error as Error | undefined)?.cause, depth = 0; cause && depth < 5; depth++) {
    const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)
    runner.debug(`Caused by ${cleanServerText(text)}`)
    cause = (cause as Error).cause
  }
}

interface Ensured {
  result: EnsureResult
  /** The registry images go to: the region's (or the input's), or an instance's access address. */
  registry: string
  /** Where a login comes from. */
  login: Pick<SwrApi, 'createLoginSecret'>
}

async function ensureInShared(connected: Connection, credentials: Credentials, inputs: Inputs): Promise<Ensured> {
  const api = connected.swr(credentials)
  const regional = (region: string) => connected.regionalSwr(credentials, region)
  return { result: await ensureRepositories(api, inputs, regional), registry: inputs.registry, login: api }
}

async function ensureInEnterprise(
  runner: Runner,
  api: EnterpriseApi,
  inputs: Inputs,
  enterprise: EnterpriseWish,
): Promise<Ensured> {
  // Loaded only by a run in an instance.
  const { ensureInInstance } = await import('./enterprise.js')
  const outsideNetwork = runner.env.RUNNER_ENVIRONMENT === 'github-hosted'
  const { instance, result, warnings } = await ensureInInstance(api, { ...inputs, enterprise, outsideNetwork })
  for (const warning of warnings) runner.warning(warning)
  const registry = instance.accessAddress
  // An instance's login: its temporary credential, for its own address.
  const login = { createLoginSecret: () => api.createLoginSecret(instance.id, registry) }
  return { result, registry, login }
}

async function readInputs(runner: Runner, mask: (secret: string) => void): Promise<Inputs> {
  // Secrets are masked the moment they are read, before anything could print them, even when an input is bad.
  for (const value of stepSecrets((name) => runner.input(name), runner.env)) mask(value)
  // The repository defaults to the GitHub repository's name; only then is the workflow's context needed.
  const githubDefault = runner.input('repository').trim() === '' ? await runner.githubRepository() : undefined
  const readers = await optionalReaders((name) => runner.input(name))
  const source = {
    text: (name: InputName) => runner.input(name),
    boolean: (name: InputName) => runner.booleanInput(name),
  }
  return parseInputs(source, runner.env, { githubRepository: githubDefault }, readers)
}

/** How the run signs in, for the log; for OpenID Connect, with the audience the ID token is requested for. */
async function signInText(runner: Runner, { signIn }: Inputs): Promise<string> {
  if (signIn.kind !== 'oidc') return signIn.source
  if (signIn.audience) return `${signIn.source}, audience ${signIn.audience}`
  const github = await runner.githubRepository()
  const audience = github ? `https://github.com/${github.owner}` : "the repository owner's URL"
  return `${signIn.source}, audience ${audience} (GitHub's default)`
}

interface LoginContext {
  api: Pick<SwrApi, 'createLoginSecret'>
  inputs: Inputs
  result: EnsureResult
  mask: (secret: string) => void
}

/**
 * Logs the container tools in to the registry the run expects, once the first repository is ensured. A brief info
 * that names another registry stops the login before any credential is made.
 */
async function logInAsAsked(
  runner: Runner,
  services: MainServices,
  { api, inputs, result, mask }: LoginContext,
): Promise<Login | undefined> {
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
    runner.info(`Dry run: would log in to ${host} for ${hours}`)
    return undefined
  }
  const wish = {
    region: inputs.region,
    host,
    durationSeconds: inputs.loginDurationSeconds,
    timeoutMs: inputs.timeoutMs,
  }
  const login = await services.logIn(api, wish, runner.env, mask)
  const { secret, record, replaced } = login
  for (const [name, value] of Object.entries(loginOutputs(secret))) runner.setOutput(name, value)
  if (replaced) {
    runner.warning(
      `A login to ${host} was already in ${replaced} (from before this job, or an earlier step): this step replaced ` +
        (inputs.logout ? 'it, and puts it back when the job ends.' : 'it, and does not put it back (logout: false).'),
    )
  }
  const where = record.via === 'config' ? record.configPath : 'the Docker CLI'
  // The user name was checked against a strict form; cleaned all the same, as every value an answer gave.
  const user = cleanServerText(elide(secret.username))
  runner.info(`Logged in to ${host} as ${user} until ${secret.expiresAt.toISOString()} (${where})`)
  if (secret.expiryEstimated) {
    runner.info(
      'SWR did not say when the login expires (no X-Swr-Expireat): login_expires_at is an estimate, the earlier of ' +
        "login_duration and SWR's default of 6 hours.",
    )
  }
  if (inputs.logout) runner.saveState(LOGIN_STATE, JSON.stringify(record))
  return login
}
