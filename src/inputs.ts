// Every input is read and checked here, before any request: a run with a bad input sends nothing.
import { resolveSignIn, SIGN_IN_INPUTS, type SignIn, type SignInInputs } from './credentials.js'
import { iamUrl, isRegistryHost, parseEndpoint, registryHost, swrApiUrl } from './endpoint.js'
import { NAMESPACE_RULE, nameProblem, REPOSITORY_RULE } from './names.js'
import type { RetentionWish } from './retention.js'

export const CATEGORIES = ['app_server', 'linux', 'framework_app', 'database', 'lang', 'other', 'windows', 'arm']

export const REGION_VARIABLES = ['HUAWEI_CLOUD_REGION', 'HUAWEICLOUD_SDK_REGION', 'HW_REGION_NAME']

export interface Inputs {
  namespace: string
  /** One or more, in the order given. */
  repositories: string[]
  /** Where the repository name came from when the workflow did not give one. */
  repositoryOrigin?: string
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
  dryRun: boolean
  summary: boolean
  /** Log the container tools in to the registry, for this many seconds; then log out when the job ends. */
  login: boolean
  loginDurationSeconds: number
  logout: boolean
}

/** How inputs are read: text is '' when not given; boolean is undefined when not given, and throws when invalid. */
export interface InputSource {
  text(name: string): string
  boolean(name: string): boolean | undefined
}

/** What the workflow's own context offers as defaults. */
export interface WorkflowDefaults {
  /** The GitHub repository the workflow runs for: the default repository name. */
  githubRepository?: { owner: string; name: string }
}

/** An input's value as an error message shows it: quoted, escaped, and cut short when long. */
export function quote(value: string): string {
  const limit = 100
  return value.length > limit
    ? `${JSON.stringify(value.slice(0, limit))}… (${value.length} characters)`
    : JSON.stringify(value)
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
): Inputs {
  const problems: string[] = []
  const fail = (problem: string): undefined => void problems.push(problem)
  // The toolkit's own message neither shows the value nor reads well outside a runner: this one does both.
  const boolean = (name: string): boolean | undefined => {
    try {
      return source.boolean(name)
    } catch {
      return fail(
        `Input ${name} ${quote(source.text(name))} is not a boolean: use true, True, TRUE, false, False or FALSE.`,
      )
    }
  }

  const namespace = source.text('namespace')
  const namespaceProblem = nameProblem(namespace, NAMESPACE_RULE)
  if (namespaceProblem) {
    fail(
      `Input namespace ${quote(namespace)} is not a valid SWR organization name: ${namespaceProblem}. Accepted: ${NAMESPACE_RULE.acceptedForm}.`,
    )
  }
  const given = lines(source.text('repository'))
  const named = given.length > 0 ? undefined : defaultRepository(defaults, fail)
  const repositories = named ? [named.repository] : given
  for (const repository of given) {
    const problem = nameProblem(repository, REPOSITORY_RULE)
    if (problem) {
      fail(
        `Input repository ${quote(repository)} is not a valid SWR repository name: ${problem}. Accepted: ${REPOSITORY_RULE.acceptedForm}.`,
      )
    }
  }
  const twice = repositories.filter((repository, index) => repositories.indexOf(repository) !== index)
  if (twice.length > 0) fail(`Input repository lists ${[...new Set(twice)].map(quote).join(', ')} more than once.`)

  const category = source.text('category') || undefined
  if (category !== undefined && !CATEGORIES.includes(category)) {
    const near = CATEGORIES.find((candidate) => candidate === category.toLowerCase())
    fail(
      `Input category ${quote(category)} is not one of SWR's categories${near ? `: use "${near}"` : ''}. ` +
        `Accepted: ${CATEGORIES.join(', ')}.`,
    )
  }
  const isPublic = boolean('is_public')
  const description = source.text('description') || undefined

  const regionSource = [
    ['input region', source.text('region')],
    ...REGION_VARIABLES.map((name) => [name, env[name] ?? '']),
  ]
  const [regionFrom, region] = regionSource.find(([, value]) => value) ?? ['', '']
  const regionValid = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(region)
  if (!region) {
    fail(
      `Input region is required, e.g. "cn-north-4"; it may also come from the environment variable ${REGION_VARIABLES.join(', ')}.`,
    )
  } else if (!regionValid) {
    fail(
      `The region ${quote(region)} from ${regionFrom} is not a region name: lowercase letters and digits joined by "-", e.g. "cn-north-4" or "eu-west-101".`,
    )
  }

  const endpointFor = (name: string, derive: (region: string) => URL, example: string): URL | undefined => {
    const text = source.text(name)
    if (!text) return regionValid ? derive(region) : undefined
    const parsed = parseEndpoint(text)
    if (typeof parsed !== 'string') return parsed
    fail(`Input ${name} ${quote(text)} is not usable: ${parsed}. Accepted: an https URL such as "${example}".`)
  }
  const endpoint = endpointFor('endpoint', swrApiUrl, 'https://swr-api.cn-north-4.myhuaweicloud.com')
  const iamEndpoint = endpointFor('iam_endpoint', iamUrl, 'https://iam.cn-north-4.myhuaweicloud.com')
  const registryText = source.text('registry')
  if (registryText && !isRegistryHost(registryText)) {
    fail(
      `Input registry ${quote(registryText)} is not a registry host: a lowercase host name or IPv4 address with an ` +
        'optional port, without scheme or path, e.g. "swr.cn-north-4.myhuaweicloud.com".',
    )
  }

  const maxAttemptsText = source.text('max_attempts') || '4'
  const maxAttempts = Number(maxAttemptsText)
  if (!/^\d+$/.test(maxAttemptsText) || maxAttempts < 1 || maxAttempts > 10) {
    fail(`Input max_attempts ${quote(maxAttemptsText)} must be a whole number from 1 to 10.`)
  }

  const timeoutText = source.text('timeout_seconds') || '30'
  const timeoutSeconds = Number(timeoutText)
  if (!/^\d+$/.test(timeoutText) || timeoutSeconds < 1 || timeoutSeconds > 600) {
    fail(`Input timeout_seconds ${quote(timeoutText)} must be a whole number of seconds from 1 to 600.`)
  }

  const updateExisting = boolean('update_existing') ?? false
  const dryRun = boolean('dry_run') ?? false
  const summary = boolean('summary') ?? true
  const retention = parseRetention(source, fail)
  const login = boolean('login') ?? false
  const logout = boolean('logout') ?? true
  const durationText = source.text('login_duration') || '21600'
  const loginDurationSeconds = Number(durationText)
  if (!/^\d+$/.test(durationText) || loginDurationSeconds < 900 || loginDurationSeconds > 86400) {
    fail(
      `Input login_duration ${quote(durationText)} must be a whole number of seconds from 900 (15 minutes) to ` +
        '86400 (24 hours), e.g. 21600 for 6 hours.',
    )
  }

  const signInInputs = Object.fromEntries(SIGN_IN_INPUTS.map((name) => [name, source.text(name)])) as SignInInputs
  const resolved = resolveSignIn(signInInputs, env)
  if (typeof resolved === 'string') fail(resolved)

  if (problems.length > 0 || !endpoint || !iamEndpoint || typeof resolved === 'string') throw new InputError(problems)
  return {
    namespace,
    repositories,
    repositoryOrigin: named?.origin,
    category,
    isPublic,
    description,
    region,
    endpoint,
    registry: registryText || registryHost(region, endpoint),
    iamEndpoint,
    signIn: resolved.signIn,
    signInSetAside: resolved.setAside,
    maxAttempts,
    timeoutMs: timeoutSeconds * 1000,
    updateExisting,
    retention,
    dryRun,
    summary,
    login,
    loginDurationSeconds,
    logout,
  }
}

/**
 * The repository named after the GitHub repository, when the workflow gave none. The workflow did not type it, so
 * it is lowercased here (a name typed into the input is refused with the lowercase hint instead).
 */
function defaultRepository(
  defaults: WorkflowDefaults,
  fail: (problem: string) => undefined,
): { repository: string; origin: string } | undefined {
  const github = defaults.githubRepository
  if (!github) {
    return fail(
      'Input repository is required here: there is no GitHub repository to name it after (GITHUB_REPOSITORY is ' +
        'not set). Give one repository name, or several, one per line.',
    )
  }
  const repository = github.name.toLowerCase()
  const problem = nameProblem(repository, REPOSITORY_RULE)
  if (problem) {
    return fail(
      `Input repository was not given, and the GitHub repository's name ${quote(github.name)}, lowercased, is not a ` +
        `valid SWR repository name: ${problem}. Set the input repository. Accepted: ${REPOSITORY_RULE.acceptedForm}.`,
    )
  }
  const lowered = repository === github.name ? '' : ', lowercased'
  return { repository, origin: `named after the GitHub repository ${github.owner}/${github.name}${lowered}` }
}

/** The non-empty lines of a multi-line input, trimmed. */
function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/

function parseRetention(source: InputSource, fail: (problem: string) => undefined): RetentionWish | undefined {
  // SWR's own limits (docs/api-notes.md, "Retention"): a bigger number would be refused after the repository was made.
  const count = (name: string, most: number, what: string): number | undefined => {
    const text = source.text(name)
    if (!text) return undefined
    if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= most) return Number(text)
    return fail(
      `Input ${name} ${quote(text)} must be a whole number of at least 1 and at most ${most} (SWR keeps ${what}).`,
    )
  }
  const keepLast = count('retention_keep_last', 1000, '1 to 1000 images')
  const keepDays = count('retention_keep_days', 365, 'images for 1 to 365 days')
  const keepTags = lines(source.text('retention_keep_tags'))
  if (source.text('retention_keep_last') && source.text('retention_keep_days')) {
    return fail('Give retention_keep_last or retention_keep_days, not both: a repository keeps one retention policy.')
  }
  for (const tag of keepTags) {
    const pattern = /^\/(.+)\/$/.exec(tag)?.[1]
    if (pattern !== undefined) {
      try {
        new RegExp(pattern)
      } catch {
        fail(`Input retention_keep_tags has ${quote(tag)}, which is not a valid regular expression.`)
      }
    } else if (!DOCKER_TAG.test(tag)) {
      fail(
        `Input retention_keep_tags has ${quote(tag)}, which is not a tag: up to 128 of A-Z a-z 0-9 _ . -, ` +
          'not starting with . or -; write a pattern as /regex/.',
      )
    }
  }
  if (keepLast === undefined && keepDays === undefined) {
    if (keepTags.length > 0) return fail('Input retention_keep_tags needs retention_keep_last or retention_keep_days.')
    return undefined
  }
  return { keepLast, keepDays, keepTags }
}
