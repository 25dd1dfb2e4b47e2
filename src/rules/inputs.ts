// Every input is read and checked here, before any request: a run with a bad input sends nothing. Each input is
// read by the kind the input table declares; the settings derived from them (endpoints, registry) come after.
import { resolveSignIn, SIGN_IN_INPUTS, type SignIn, type SignInInputs } from './credentials.js'
import { iamUrl, isRegistryHost, parseEndpoint, registryHost, swrApiUrl } from './endpoint.js'
import { imageReferenceProblem, oneLineListProblem } from './image-reference.js'
import type { ShareWish, SyncWish } from './distribution.js'
import type { EnterpriseWish } from './enterprise.js'
import { assertReadersLoaded, type OptionalReaders } from './optional-inputs.js'
import { InputReader, type InputSource, quote } from './input-table.js'
import { ENTERPRISE_NAMESPACE_RULE, NAMESPACE_RULE, type NameRule, nameProblem, REPOSITORY_RULE } from './names.js'

export { type InputSource, quote } from './input-table.js'

export interface RetentionWish {
  /** Keep the newest N images. */
  keepLast?: number
  /** Keep the images pushed in the last N days. */
  keepDays?: number
  /** Tags never deleted: a name, or "/pattern/" for a regular expression. */
  keepTags: string[]
}

export const CATEGORIES = ['app_server', 'linux', 'framework_app', 'database', 'lang', 'other', 'windows', 'arm']

export const REGION_VARIABLES = ['HUAWEI_CLOUD_REGION', 'HUAWEICLOUD_SDK_REGION', 'HW_REGION_NAME']

export interface Inputs {
  namespace: string
  /** One or more, in the order given. */
  repositories: string[]
  /** Where the repository name came from when the workflow did not give one. */
  repositoryOrigin?: string
  /** What the inputs allow but may not mean, worth a warning. */
  warnings: string[]
  /** The settings of a repository this run creates; undefined when the workflow did not give them. */
  category?: string
  isPublic?: boolean
  description?: string
  region: string
  endpoint: URL
  /** The registry host images are pushed to, and the only one the action logs in to. */
  registry: string
  /** The IAM base URL, for the sign-in methods that obtain a token. */
  iamEndpoint: URL
  signIn: SignIn
  /** Sign-in inputs set aside by the precedence, worth a warning. */
  signInSetAside?: string
  maxAttempts: number
  timeoutMs: number
  updateExisting: boolean
  retention?: RetentionWish
  /** The regions the repositories' images are synced to; undefined when sync_to is empty. */
  sync?: SyncWish
  /** The accounts the repositories are shared with; undefined when share_with is empty. */
  shares?: ShareWish[]
  /** An SWR Enterprise Edition instance to work in, instead of the shared edition. */
  enterprise?: EnterpriseWish
  dryRun: boolean
  summary: boolean
  /** Log the container tools in to the registry, for this many seconds; then log out when the job ends. */
  login: boolean
  loginDurationSeconds: number
  logout: boolean
}

/** What the workflow's own context offers as defaults. */
export interface WorkflowDefaults {
  /** The GitHub repository the workflow runs for: the default repository name. */
  githubRepository?: { owner: string; name: string }
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
  readers: OptionalReaders = {},
): Inputs {
  const read = new InputReader(source)
  const enterpriseGiven = read.text('instance') !== ''
  const names = readNames(read, defaults, enterpriseGiven ? ENTERPRISE_NAMESPACE_RULE : NAMESPACE_RULE)
  const settings = readSettings(read)
  const place = readPlace(read, env)
  const maxAttempts = read.whole('max_attempts') as number
  const timeoutSeconds = read.whole('timeout_seconds') as number
  const updateExisting = read.boolean('update_existing') as boolean
  const dryRun = read.boolean('dry_run') as boolean
  const summary = read.boolean('summary') as boolean
  const retention = readRetention(read)
  assertReadersLoaded(source, readers)
  const enterprise = readers.enterprise?.(read, env)
  const from = { region: place?.region ?? '', namespace: names.namespace }
  const distribution = readers.distribution?.(read, from, new Date()) ?? {}
  const login = read.boolean('login') as boolean
  const logout = read.boolean('logout') as boolean
  const loginDurationSeconds = read.whole('login_duration') as number
  const signInInputs = Object.fromEntries(SIGN_IN_INPUTS.map((name) => [name, read.text(name)])) as SignInInputs
  const instance = read.boolean('instance_credentials') as boolean
  const resolved = resolveSignIn(signInInputs, env, instance)
  if (typeof resolved === 'string') read.fail(resolved)

  if (read.problems.length > 0 || !place || typeof resolved === 'string') throw new InputError(read.problems)
  return {
    ...names,
    ...settings,
    ...derivedPlace(place),
    signIn: resolved.signIn,
    signInSetAside: resolved.setAside,
    maxAttempts,
    timeoutMs: timeoutSeconds * 1000,
    updateExisting,
    retention,
    ...distribution,
    enterprise,
    dryRun,
    summary,
    login,
    loginDurationSeconds,
    logout,
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

/** The settings of a repository this run creates: only those the workflow gave. */
function readSettings(read: InputReader) {
  const category = read.text('category') || undefined
  if (category !== undefined && !CATEGORIES.includes(category)) {
    const near = CATEGORIES.find((candidate) => candidate === category.toLowerCase())
    read.fail(
      `Input category ${quote(category)} is not one of SWR's categories${near ? `: use "${near}"` : ''}. ` +
        `Accepted: ${CATEGORIES.join(', ')}.`,
    )
  }
  const isPublic = read.boolean('is_public')
  const description = read.text('description') || undefined
  return { category, isPublic, description }
}

interface Place {
  region: string
  /** The endpoints and registry as given; undefined where they are derived from the region. */
  endpoint?: URL
  iamEndpoint?: URL
  registry?: string
}

/** The region, and the endpoints and registry the workflow gave; undefined when one of them is unusable. */
function readPlace(read: InputReader, env: Record<string, string | undefined>): Place | undefined {
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

/** The endpoints and registry a place derives where the workflow did not give them. */
function derivedPlace(place: Place): Pick<Inputs, 'region' | 'endpoint' | 'iamEndpoint' | 'registry'> {
  const endpoint = place.endpoint ?? swrApiUrl(place.region)
  return {
    region: place.region,
    endpoint,
    iamEndpoint: place.iamEndpoint ?? iamUrl(place.region),
    registry: place.registry ?? registryHost(place.region, endpoint),
  }
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

const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/

/** The retention policy the workflow wants; SWR's limits come from the input table (docs/api-notes.md). */
function readRetention(read: InputReader): RetentionWish | undefined {
  const keepLast = read.whole('retention_keep_last')
  const keepDays = read.whole('retention_keep_days')
  const keepTags = read.lines('retention_keep_tags')
  if (read.text('retention_keep_last') && read.text('retention_keep_days')) {
    return read.fail(
      'Give retention_keep_last or retention_keep_days, not both: a repository keeps one retention policy.',
    )
  }
  for (const tag of keepTags) {
    const pattern = /^\/(.+)\/$/.exec(tag)?.[1]
    if (pattern !== undefined) {
      try {
        new RegExp(pattern)
      } catch {
        read.fail(`Input retention_keep_tags has ${quote(tag)}, which is not a valid regular expression.`)
      }
    } else if (!DOCKER_TAG.test(tag)) {
      read.fail(
        `Input retention_keep_tags has ${quote(tag)}, which is not a tag: up to 128 of A-Z a-z 0-9 _ . -, ` +
          'not starting with . or -; write a pattern as /regex/.',
      )
    }
  }
  if (keepLast === undefined && keepDays === undefined) {
    if (keepTags.length > 0)
      return read.fail('Input retention_keep_tags needs retention_keep_last or retention_keep_days.')
    return undefined
  }
  return { keepLast, keepDays, keepTags }
}
