// Every input is read and checked here, before any request: a run with a bad input sends nothing.
import { resolveSignIn, SIGN_IN_INPUTS, type SignIn, type SignInInputs } from './credentials.js'
import { iamUrl, parseEndpoint, registryHost, swrApiUrl } from './endpoint.js'
import { NAMESPACE_RULE, nameProblem, REPOSITORY_RULE } from './names.js'

export const CATEGORIES = ['app_server', 'linux', 'framework_app', 'database', 'lang', 'other', 'windows', 'arm']

export const REGION_VARIABLES = ['HUAWEI_CLOUD_REGION', 'HUAWEICLOUD_SDK_REGION', 'HW_REGION_NAME']

export interface Inputs {
  namespace: string
  repository: string
  /** The settings of a repository this run creates; undefined when the workflow did not give them. */
  category?: string
  isPublic?: boolean
  description?: string
  region: string
  endpoint: URL
  registry: string
  /** The IAM base URL, for the sign-in methods that obtain a token. */
  iamEndpoint: URL
  signIn: SignIn
  /** Sign-in inputs set aside by the precedence, worth a warning. */
  signInSetAside?: string
  maxAttempts: number
}

/** How inputs are read: text is '' when not given; boolean is undefined when not given. */
export interface InputSource {
  text(name: string): string
  boolean(name: string): boolean | undefined
}

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `Invalid inputs:\n- ${problems.join('\n- ')}`)
    this.name = 'InputError'
  }
}

export function parseInputs(source: InputSource, env: Record<string, string | undefined>): Inputs {
  const problems: string[] = []
  const fail = (problem: string): undefined => void problems.push(problem)
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read()
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error))
    }
  }

  const namespace = source.text('namespace')
  const namespaceProblem = nameProblem(namespace, NAMESPACE_RULE)
  if (namespaceProblem) {
    fail(
      `Input namespace ${JSON.stringify(namespace)} is not a valid SWR organization name: ${namespaceProblem}. Accepted: ${NAMESPACE_RULE.acceptedForm}.`,
    )
  }
  const repository = source.text('repository')
  const repositoryProblem = nameProblem(repository, REPOSITORY_RULE)
  if (repositoryProblem) {
    fail(
      `Input repository ${JSON.stringify(repository)} is not a valid SWR repository name: ${repositoryProblem}. Accepted: ${REPOSITORY_RULE.acceptedForm}.`,
    )
  }

  const category = source.text('category') || undefined
  if (category !== undefined && !CATEGORIES.includes(category)) {
    fail(`Input category ${JSON.stringify(category)} is not one of SWR's categories: ${CATEGORIES.join(', ')}.`)
  }
  const isPublic = attempt(() => source.boolean('is_public'))
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
      `The region ${JSON.stringify(region)} from ${regionFrom} is not a region name: lowercase letters and digits joined by "-", e.g. "cn-north-4" or "eu-west-101".`,
    )
  }

  const endpointFor = (name: string, derive: (region: string) => URL, example: string): URL | undefined => {
    const text = source.text(name)
    if (!text) return regionValid ? derive(region) : undefined
    const parsed = parseEndpoint(text)
    if (typeof parsed !== 'string') return parsed
    fail(`Input ${name} ${JSON.stringify(text)} is not usable: ${parsed}. Accepted: an https URL such as "${example}".`)
  }
  const endpoint = endpointFor('endpoint', swrApiUrl, 'https://swr-api.cn-north-4.myhuaweicloud.com')
  const iamEndpoint = endpointFor('iam_endpoint', iamUrl, 'https://iam.cn-north-4.myhuaweicloud.com')

  const maxAttemptsText = source.text('max_attempts') || '4'
  const maxAttempts = Number(maxAttemptsText)
  if (!/^\d+$/.test(maxAttemptsText) || maxAttempts < 1 || maxAttempts > 10) {
    fail(`Input max_attempts ${JSON.stringify(maxAttemptsText)} must be a whole number from 1 to 10.`)
  }

  const signInInputs = Object.fromEntries(SIGN_IN_INPUTS.map((name) => [name, source.text(name)])) as SignInInputs
  const resolved = resolveSignIn(signInInputs, env)
  if (typeof resolved === 'string') fail(resolved)

  if (problems.length > 0 || !endpoint || !iamEndpoint || typeof resolved === 'string') throw new InputError(problems)
  return {
    namespace,
    repository,
    category,
    isPublic,
    description,
    region,
    endpoint,
    registry: registryHost(region, endpoint),
    iamEndpoint,
    signIn: resolved.signIn,
    signInSetAside: resolved.setAside,
    maxAttempts,
  }
}
