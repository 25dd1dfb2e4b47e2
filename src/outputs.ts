// The step outputs: the first repository's brief info under SWR's own field names, what later steps need to
// push, and every repository in `repositories`.
import type { EnsureResult, RepositoryFailure, RepositoryResult } from './ensure.js'
import type { LoginSecret } from './login-secret.js'
import { INFO_FIELDS, type RepositoryInfo } from './repository-info.js'

export interface OutputContext {
  namespace: string
  /** The registry host derived from the region or endpoint. */
  registry: string
}

function asText(value: RepositoryInfo[keyof RepositoryInfo]): string {
  return value === undefined ? '' : String(value)
}

export const isFailure = (result: RepositoryResult | RepositoryFailure): result is RepositoryFailure =>
  'error' in result

/** SWR's own pull path is the truest registry host; the derived one stands in when the path is absent. */
export function registryOf(result: RepositoryResult, context: OutputContext): string {
  const { path } = result.info
  const suffix = `/${context.namespace}/${result.repository}`
  if (path !== undefined && path.endsWith(suffix) && path.length > suffix.length) {
    return path.slice(0, -suffix.length)
  }
  return context.registry
}

export function imageOf(result: RepositoryResult, context: OutputContext): string {
  return `${registryOf(result, context)}/${context.namespace}/${result.repository}`
}

/** One entry of the `repositories` output. */
export function repositoryEntry(result: RepositoryResult | RepositoryFailure, context: OutputContext): object {
  if (isFailure(result)) {
    return {
      name: result.repository,
      image: `${context.registry}/${context.namespace}/${result.repository}`,
      error: result.error.message,
    }
  }
  return {
    ...result.info,
    image: imageOf(result, context),
    repository_created: result.created,
    settings_changed: result.settingsChanged,
    ...(result.retention ? { retention: result.retention } : {}),
  }
}

export function actionOutputs(result: EnsureResult, context: OutputContext): Record<string, string> {
  const outputs: Record<string, string> = {
    namespace: context.namespace,
    // "false" also when the run could not tell whether the organization existed: this run did not create it.
    namespace_created: String(result.namespace === 'created'),
    repositories: JSON.stringify(result.results.map((entry) => repositoryEntry(entry, context))),
  }
  const [first] = result.results
  if (!first || isFailure(first)) return outputs
  for (const field of INFO_FIELDS) outputs[field] = asText(first.info[field])
  return {
    ...outputs,
    registry: registryOf(first, context),
    image: imageOf(first, context),
    repository_created: String(first.created),
    json: JSON.stringify(first.info),
  }
}

/** The outputs of a registry login, for tools that log in themselves (docker/login-action, podman, helm, oras). */
export function loginOutputs(secret: LoginSecret): Record<string, string> {
  return {
    docker_username: secret.username,
    docker_password: secret.password,
    login_expires_at: secret.expiresAt.toISOString(),
  }
}
