// Every input is read and checked here, before any request: a run with a bad input sends nothing. Each input is
// read by the kind the input table declares; the settings derived from them (endpoints, registry) come after.
import { resolveSignIn, SIGN_IN_INPUTS, type SignIn, type SignInInputs } from './credentials.js'
import { iamUrl, isRegistryHost, parseEndpoint, swrApiUrl } from './endpoint.js'
import { imageReferenceProblem, oneLineListProblem } from './image-reference.js'
import { type EnterpriseWish, readEnterprise } from './enterprise.js'
import { fileNames, fileProblem, type FileRepository, fileSource } from './file-repositories.js'
import {
  type FeatureReader,
  INPUT_TABLE,
  InputReader,
  type InputSource,
  type InputTable,
  quote,
} from './input-table.js'
import { signInFormProblems } from './secret-form.js'
import { ENTERPRISE_NAMESPACE_RULE, NAMESPACE_RULE, type NameRule, nameProblem, REPOSITORY_RULE } from './names.js'

export { type FeatureReader, type InputSource, quote } from './input-table.js'

export const REGION_VARIABLES = ['HUAWEI_CLOUD_REGION', 'HUAWEICLOUD_SDK_REGION', 'HW_REGION_NAME']

/** Where the run works: the region, and the endpoints and registry the workflow gave. */
export interface Place {
  region: string
  endpoint: URL
  /** The IAM base URL, for the sign-in methods that obtain a token. */
  iamEndpoint: URL
  /** The input registry; undefined when the edition's own is meant (decided when the edition is opened). */
  registry?: string
}

export interface Names {
  namespace: string
  /** One or more, in the order given. */
  repositories: string[]
  /** Where the repository name came from when the workflow did not give one. */
  repositoryOrigin?: string
}

/** The inputs, grouped by what they are about. */
export interface Inputs {
  names: Names
  place: Place
  /** Each repository feature's wish, by the feature's name; absent when the workflow did not ask for it. */
  features: Record<string, unknown>
  /** From the repositories file: each repository's own wishes, in place of `features`. */
  perRepository?: Map<string, Record<string, unknown>>
  /** An SWR Enterprise Edition instance to work in, instead of the shared edition. */
  enterprise?: EnterpriseWish
  /** How the run signs in, and the sign-in inputs the precedence set aside (worth a warning). */
  signIn: { method: SignIn; setAside?: string }
  /** Log the container tools in to the registry, for this many seconds; then log out when the job ends. */
  login: { enabled: boolean; durationSeconds: number; logout: boolean }
  transport: { maxAttempts: number; timeoutMs: number }
  run: {
    dryRun: boolean
    summary: boolean
    updateExisting: boolean
    /** What to do with repositories of the organization the step does not declare. */
    prune: { undeclared: boolean; withImages: boolean }
    /** What the inputs allow but may not mean, worth a warning. */
    warnings: string[]
  }
}

/** What the workflow's own context offers as defaults. */
export interface WorkflowDefaults {
  /** The GitHub repository the workflow runs for: the default repository name. */
  githubRepository?: { owner: string; name: string }
  /** The repositories file, read and parsed: the repositories, each with its own settings. */
  file?: { path: string; repositories: FileRepository[] }
}

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `Invalid inputs:\n- ${problems.join('\n- ')}`)
    this.name = 'InputError'
  }
}

export function parseInputs(
  source: InputSource,
  env: Record<string, string | undefined>,
  defaults: WorkflowDefaults = {},
  features: readonly FeatureReader[] = [],
): Inputs {
  const table = Object.assign({}, INPUT_TABLE, ...features.map((feature) => feature.inputs)) as InputTable
  const read = new InputReader(source, table)
  const enterpriseGiven = read.text('instance') !== ''
  const namespaceRule = enterpriseGiven ? ENTERPRISE_NAMESPACE_RULE : NAMESPACE_RULE
  // A programming error, not the workflow's: the caller reads the file the input names (main-step.ts).
  if (read.text('repositories_file').trim() !== '' && !defaults.file)
    throw new Error('The repositories file was not read.')
  const { warnings, ...names } = defaults.file
    ? fileNames(read, defaults.file, features)
    : readNames(read, defaults, namespaceRule)
  const place = readPlace(read, env)
  const transport = {
    maxAttempts: read.whole('max_attempts') as number,
    timeoutMs: (read.whole('timeout_seconds') as number) * 1000,
  }
  const run = {
    dryRun: read.boolean('dry_run') as boolean,
    summary: read.boolean('summary') as boolean,
    updateExisting: read.boolean('update_existing') as boolean,
    prune: {
      undeclared: read.boolean('prune_undeclared') as boolean,
      withImages: read.boolean('prune_with_images') as boolean,
    },
    warnings,
  }
  if (run.prune.withImages && !run.prune.undeclared) {
    read.fail('Input prune_with_images: true needs prune_undeclared: true, the switch that prunes at all.')
  }
  const from = { region: place?.region ?? '', namespace: names.namespace, repositories: names.repositories }
  const wishesOf = (reader: InputReader) =>
    Object.fromEntries(
      features.flatMap((feature) => {
        const wish = feature.read(reader, from)
        return wish === undefined ? [] : [[feature.name, wish] as const]
      }),
    )
  const wishes = wishesOf(read)
  // Each repository of the file reads its own settings, its problems named by the file, line and key.
  const perRepository =
    defaults.file &&
    new Map(
      defaults.file.repositories.map((repository) => {
        const reader = new InputReader(fileSource(repository), table)
        const own = wishesOf(reader)
        for (const problem of reader.problems) read.fail(fileProblem(defaults.file?.path ?? '', repository, problem))
        return [repository.name, own] as const
      }),
    )
  if (defaults.file && enterpriseGiven) read.fail('Input repositories_file is not supported with instance yet.')
  const enterprise = readEnterprise(read, env, features)
  const login = {
    enabled: read.boolean('login') as boolean,
    durationSeconds: read.whole('login_duration') as number,
    logout: read.boolean('logout') as boolean,
  }
  const signInInputs = Object.fromEntries(SIGN_IN_INPUTS.map((name) => [name, read.text(name)])) as SignInInputs
  const instance = read.boolean('instance_credentials') as boolean
  const resolved = resolveSignIn(signInInputs, env, instance)
  if (typeof resolved === 'string') read.fail(resolved)
  else for (const problem of signInFormProblems(resolved.signIn)) read.fail(problem)

  if (read.problems.length > 0 || !place || typeof resolved === 'string') throw new InputError(read.problems)
  return {
    names,
    place: {
      ...place,
      endpoint: place.endpoint ?? swrApiUrl(place.region),
      iamEndpoint: place.iamEndpoint ?? iamUrl(place.region),
    },
    features: wishes,
    ...(perRepository ? { perRepository } : {}),
    enterprise,
    signIn: { method: resolved.signIn, setAside: resolved.setAside },
    login,
    transport,
    run,
  }
}

function readNames(read: InputReader, defaults: WorkflowDefaults, namespaceRule: NameRule) {
  const namespace = read.text('namespace')
  const namespaceProblem = nameProblem(namespace, namespaceRule)
  const namespaceReference = imageReferenceProblem('namespace', namespace, namespace)
  if (namespaceReference) {
    read.fail(namespaceReference)
  } else if (namespaceProblem) {
    read.fail(
      `Input namespace ${quote(namespace)} is not a valid SWR ${namespaceRule.what} name: ${namespaceProblem}. Accepted: ${namespaceRule.acceptedForm}.`,
    )
  }
  const given = read.lines('repository')
  const named = given.length > 0 ? undefined : defaultRepository(defaults, read)
  const repositories = named ? [named.repository] : given
  const warnings: string[] = []
  for (const repository of given) {
    const misplaced = oneLineListProblem(repository) ?? imageReferenceProblem('repository', repository, namespace)
    const problem = nameProblem(repository, REPOSITORY_RULE)
    if (misplaced) {
      read.fail(misplaced)
    } else if (problem) {
      read.fail(
        `Input repository ${quote(repository)} is not a valid SWR repository name: ${problem}. Accepted: ${REPOSITORY_RULE.acceptedForm}.`,
      )
    }
  }
  const twice = repositories.filter((repository, index) => repositories.indexOf(repository) !== index)
  if (twice.length > 0) read.fail(`Input repository lists ${[...new Set(twice)].map(quote).join(', ')} more than once.`)
  // SWR allows it, so it may be meant; most often the organization was written twice.
  for (const repository of given.filter((name) => name.startsWith(`${namespace}/`))) {
    warnings.push(
      `Repository ${repository} starts with the organization's name: its image is ${namespace}/${repository} in the ` +
        `registry. If you meant the repository ${repository.slice(namespace.length + 1)}, give that.`,
    )
  }
  return { namespace, repositories, repositoryOrigin: named?.origin, warnings }
}

interface GivenPlace {
  region: string
  /** The endpoints and registry as given; undefined where they are derived from the region. */
  endpoint?: URL
  iamEndpoint?: URL
  registry?: string
}

/** The region, and the endpoints and registry the workflow gave; undefined when one of them is unusable. */
function readPlace(read: InputReader, env: Record<string, string | undefined>): GivenPlace | undefined {
  const regionSource = [
    ['input region', read.text('region')],
    ...REGION_VARIABLES.map((name) => [name, env[name] ?? '']),
  ]
  const [regionFrom, region] = regionSource.find(([, value]) => value) ?? ['', '']
  const regionValid = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(region)
  if (!region) {
    read.fail(
      `Input region is required, e.g. "cn-north-4"; it may also come from the environment variable ${REGION_VARIABLES.join(', ')}.`,
    )
  } else if (!regionValid) {
    read.fail(
      `The region ${quote(region)} from ${regionFrom} is not a region name: lowercase letters and digits joined by "-", e.g. "cn-north-4" or "eu-west-101".`,
    )
  }
  const url = (name: 'endpoint' | 'iam_endpoint', example: string): URL | undefined | false => {
    const text = read.text(name)
    if (!text) return undefined
    const parsed = parseEndpoint(text)
    if (typeof parsed !== 'string') return parsed
    read.fail(`Input ${name} ${quote(text)} is not usable: ${parsed}. Accepted: an https URL such as "${example}".`)
    return false
  }
  const endpoint = url('endpoint', 'https://swr-api.cn-north-4.myhuaweicloud.com')
  const iamEndpoint = url('iam_endpoint', 'https://iam.cn-north-4.myhuaweicloud.com')
  const registry = read.text('registry') || undefined
  if (registry && !isRegistryHost(registry)) {
    read.fail(
      `Input registry ${quote(registry)} is not a registry host: a lowercase host name or IPv4 address with an ` +
        'optional port, without scheme or path, e.g. "swr.cn-north-4.myhuaweicloud.com".',
    )
  }
  if (!regionValid || endpoint === false || iamEndpoint === false) return undefined
  return { region, endpoint, iamEndpoint, registry }
}

/**
 * The repository named after the GitHub repository, when the workflow gave none. The workflow did not type it, so
 * it is lowercased here (a name typed into the input is refused with the lowercase hint instead).
 */
function defaultRepository(
  defaults: WorkflowDefaults,
  read: InputReader,
): { repository: string; origin: string } | undefined {
  const github = defaults.githubRepository
  if (!github) {
    return read.fail(
      'Input repository is required here: there is no GitHub repository to name it after (GITHUB_REPOSITORY is ' +
        'not set). Give one repository name, or several, one per line.',
    )
  }
  const repository = github.name.toLowerCase()
  const problem = nameProblem(repository, REPOSITORY_RULE)
  if (problem) {
    return read.fail(
      `Input repository was not given, and the GitHub repository's name ${quote(github.name)}, lowercased, is not a ` +
        `valid SWR repository name: ${problem}. Set the input repository. Accepted: ${REPOSITORY_RULE.acceptedForm}.`,
    )
  }
  const lowered = repository === github.name ? '' : ', lowercased'
  return { repository, origin: `named after the GitHub repository ${github.owner}/${github.name}${lowered}` }
}
