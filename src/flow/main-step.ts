// The main step: read and check the inputs, sign in, open the edition, ensure the repositories and their features,
// say what happened, write the outputs, log Docker in as asked, and fail once with every failure. It runs through
// the runner port and the services, so that it is tested without a process or a socket.
import type { EnterpriseApi } from '../clients/swr/enterprise-api.js'
import type { SwrApi } from '../clients/swr/swr-api.js'
import { elide, type LoginSecret } from '../clients/swr/login-secret.js'
import { type Credentials, stepSecrets } from '../rules/credentials.js'
import { registryHost } from '../rules/endpoint.js'
import type { FileRepository } from '../rules/file-repositories.js'
import { InputError, type Inputs, parseInputs } from '../rules/inputs.js'
import { secretsOf } from '../rules/input-table.js'
import { buildSettingsLine } from '../rules/build-settings.js'
import { addSecret, cleanServerText } from '../rules/server-text.js'
import type { OpenedEdition } from './edition.js'
import { type EnsureResult, ensureRepositories, type RepositoryResult } from './ensure.js'
import { ALL_INPUTS, FEATURES } from './features.js'
import type { Login, LoginWish } from './login.js'
import { LOGIN_STATE } from './login-state.js'
import { actionOutputs, isFailure, loginOutputs, type OutputContext, otherRegistryInPath } from './outputs.js'
import { failureMessage, type LogLine, reportLines } from './report.js'
import type { RunContext, Runner } from './runner-port.js'
import { sharedEdition } from './shared-edition.js'
import { shownResult } from './shown-result.js'
import { type SignInServices, signedInCredentials } from './sign-in.js'
import { summaryModel } from './summary.js'

/** The outside world as the main step sees it: one connection to the services for the run, and the login. */
export interface MainServices {
  connect(inputs: Inputs, run: RunContext): Connection
  logIn(createSecret: () => Promise<LoginSecret>, wish: LoginWish, run: RunContext): Promise<Login>
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
  const run: RunContext = {
    env: runner.env,
    mask(secret) {
      runner.mask(secret)
      addSecret(secret)
    },
    log: runner,
  }
  let connection: Connection | undefined
  if (!runner.masking) {
    runner.info(
      'Not under a GitHub runner (GITHUB_ACTIONS is not "true"): nothing masks secrets in this log, so the action ' +
        'keeps them out of it, and an output that holds one is shown as ***.',
    )
  }
  try {
    const inputs = await readInputs(runner, run)
    for (const warning of [inputs.signIn.setAside, ...inputs.run.warnings]) if (warning) runner.warning(warning)
    const mode = inputs.run.dryRun ? ' (dry run: read requests only)' : ''
    const { endpoint, region } = inputs.place
    runner.info(`SWR ${endpoint.origin} (region ${region}), signing in with ${await signInText(runner, inputs)}${mode}`)
    const { names } = inputs
    if (names.repositoryOrigin) runner.info(`Repository ${names.repositories[0]}: ${names.repositoryOrigin}`)
    const connected = services.connect(inputs, run)
    connection = connected
    const credentials = await signedInCredentials(inputs.signIn.method, { ...connected, mask: run.mask })
    const { edition, warnings } = await openEdition(connected, credentials, inputs, runner.env)
    for (const warning of warnings) runner.warning(warning)
    const request = {
      namespace: names.namespace,
      repositories: names.repositories,
      wishes: inputs.features,
      ...(inputs.perRepository ? { perRepository: inputs.perRepository } : {}),
      updateExisting: inputs.run.updateExisting,
      dryRun: inputs.run.dryRun,
      prune: inputs.run.prune,
    }
    // From here on only what may be shown: every value that came from a server, cleaned.
    const result = shownResult(await ensureRepositories(edition, request, FEATURES), FEATURES)
    const context = { ...request, ...edition, features: FEATURES }
    showReport(runner, reportLines(result, context), result.results.length > 1)
    runner.info(buildSettingsLine(edition.build))
    for (const [name, value] of Object.entries(actionOutputs(result, context))) runner.setOutput(name, value)
    let loginFailure: string | undefined
    const login = !inputs.login.enabled
      ? undefined
      : await logInAsAsked(runner, services, {
          createSecret: edition.createLoginSecret,
          inputs,
          result,
          context,
          run,
        }).catch((error: unknown) => {
          loginFailure = error instanceof Error ? error.message : String(error)
          return undefined
        })
    if (inputs.run.summary && runner.env.GITHUB_STEP_SUMMARY) {
      await runner.writeSummary(summaryModel(result, context, login?.secret, loginFailure))
    }
    const failed = [failureMessage(result, names.namespace), loginFailure].filter(Boolean)
    for (const entry of result.results) if (isFailure(entry)) debugCauses(runner, entry.error)
    if (failed.length > 0) runner.fail(failed.join('\n'))
  } catch (error) {
    debugCauses(runner, error)
    runner.fail(error instanceof Error ? error.message : String(error))
  } finally {
    connection?.dispose()
  }
}

/** The report in the log; with several repositories, each repository's lines in a group of its own. */
function showReport(runner: Runner, lines: LogLine[], grouped: boolean): void {
  let open: string | undefined
  for (const line of lines) {
    if (grouped && line.repository !== open) {
      if (open) runner.endGroup()
      open = line.repository
      if (open) runner.startGroup(`Repository ${open}`)
    }
    ;(line.level === 'warning' ? runner.warning : runner.info)(line.text)
  }
  if (open) runner.endGroup()
}

/** What lies under a failure (a network error, an error a message was made from), for the debug log only. */
function debugCauses(runner: Runner, error: unknown): void {
  for (let cause = (error as Error | undefined)?.cause, depth = 0; cause && depth < 5; depth++) {
    const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)
    runner.debug(`Caused by ${cleanServerText(text)}`)
    cause = (cause as Error).cause
  }
}

/** The edition the run works in; the registry is decided here, where it is known. */
async function openEdition(
  connected: Connection,
  credentials: Credentials,
  inputs: Inputs,
  env: Record<string, string | undefined>,
): Promise<OpenedEdition> {
  const { place, names, enterprise } = inputs
  if (enterprise) {
    // Loaded only by a run in an instance.
    const { openInstance } = await import('./instance-edition.js')
    const isPublic = (inputs.features.settings as { isPublic?: boolean } | undefined)?.isPublic
    const outsideNetwork = env.RUNNER_ENVIRONMENT === 'github-hosted'
    const where = { namespace: names.namespace, isPublic, region: place.region, enterprise, outsideNetwork }
    return openInstance(connected.enterprise(credentials), where)
  }
  const shared = {
    namespace: names.namespace,
    registry: place.registry ?? registryHost(place.region, place.endpoint),
    region: place.region,
    loginDurationSeconds: inputs.login.durationSeconds,
  }
  const regional = (region: string) => connected.regionalSwr(credentials, region)
  return { edition: sharedEdition(connected.swr(credentials), shared, regional), warnings: [] }
}

async function readInputs(runner: Runner, run: RunContext): Promise<Inputs> {
  // Secrets are masked the moment they are read, before anything could print them, even when an input is bad.
  for (const value of stepSecrets((name) => runner.input(name), run.env, secretsOf(ALL_INPUTS))) run.mask(value)
  // The repository defaults to the GitHub repository's name; only then is the workflow's context needed.
  const githubDefault =
    runner.input('repository').trim() === '' && runner.input('repositories_file').trim() === ''
      ? await runner.githubRepository()
      : undefined
  const source = {
    text: (name: string) => runner.input(name),
    boolean: (name: string) => runner.booleanInput(name),
  }
  const file = await readFile(runner.input('repositories_file').trim(), run.env)
  return parseInputs(source, run.env, { githubRepository: githubDefault, file }, FEATURES)
}

/** The repositories file, read and parsed, when one is given (its YAML parser loaded only then). */
async function readFile(path: string, env: Record<string, string | undefined>) {
  if (!path) return undefined
  const [{ readRepositoriesFile }, { parseRepositoriesFile }] = await Promise.all([
    import('../clients/repositories-file.js'),
    import('../rules/repositories-file.js'),
  ])
  const text = readRepositoriesFile(path, env.GITHUB_WORKSPACE || process.cwd())
  const keys = FEATURES.flatMap((feature) => Object.keys(feature.inputs))
  const parsed = parseRepositoriesFile(text, path, keys)
  if (parsed.some((entry) => typeof entry === 'string')) throw new InputError(parsed as string[])
  return { path, repositories: parsed as FileRepository[] }
}

/** How the run signs in, for the log; for OpenID Connect, with the audience the ID token is requested for. */
async function signInText(runner: Runner, { signIn: { method } }: Inputs): Promise<string> {
  if (method.kind !== 'oidc') return method.source
  if (method.audience) return `${method.source}, audience ${method.audience}`
  const github = await runner.githubRepository()
  const audience = github ? `https://github.com/${github.owner}` : "the repository owner's URL"
  return `${method.source}, audience ${audience} (GitHub's default)`
}

interface LoginContext {
  createSecret: () => Promise<LoginSecret>
  inputs: Inputs
  result: EnsureResult
  context: OutputContext
  run: RunContext
}

/**
 * Logs the container tools in to the registry the run expects, once the first repository is ensured. A brief info
 * that names another registry stops the login before any credential is made.
 */
async function logInAsAsked(
  runner: Runner,
  services: MainServices,
  { createSecret, inputs, result, context, run }: LoginContext,
): Promise<Login | undefined> {
  const first = result.results.find((entry): entry is RepositoryResult => !isFailure(entry))
  // With no repository ensured there is nothing to push to; the failure message says why.
  if (!first) return undefined
  const host = context.registry
  const { namespace } = context
  const other = otherRegistryInPath(first, context)
  if (other) {
    throw new Error(
      `Not logging in: SWR gives the path of ${namespace}/${first.repository} on the registry ${other}, not ` +
        `${host}, the registry this run expects. A login goes only to ${host}; if images of this endpoint go to ` +
        `${other}, set the input registry to it.`,
    )
  }
  const hours = `${+(inputs.login.durationSeconds / 3600).toFixed(2)} h`
  if (inputs.run.dryRun) {
    runner.info(`Dry run: would log in to ${host} for ${hours}`)
    return undefined
  }
  const login = await services.logIn(createSecret, { host, timeoutMs: inputs.transport.timeoutMs }, run)
  const { secret, record, replaced } = login
  for (const [name, value] of Object.entries(loginOutputs(secret))) runner.setOutput(name, value)
  const { logout } = inputs.login
  if (replaced) {
    runner.warning(
      `A login to ${host} was already in ${replaced} (from before this job, or an earlier step): this step replaced ` +
        (logout ? 'it, and puts it back when the job ends.' : 'it, and does not put it back (logout: false).'),
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
  if (logout) runner.saveState(LOGIN_STATE, JSON.stringify(record))
  return login
}
