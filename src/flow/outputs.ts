// The step outputs: the first repository's brief info under SWR's own field names, what later steps need to
// push, and every repository in `repositories`.
import type { EnsureResult, RepositoryFailure, RepositoryResult } from './ensure.js'
import type { LoginSecret } from '../clients/swr/login-secret.js'
import { INFO_FIELDS, type RepositoryInfo } from '../clients/swr/repository-info.js'
import type { BuildSettings } from '../rules/build-settings.js'
import type { Feature } from './feature.js'

export interface OutputContext {
  namespace: string
  /** The registry the edition's images go to: the only one named in outputs, and the only one logged in to. */
  registry: string
  /** What the edition calls the namespace: an organization, or an instance's namespace. */
  namespaceWord: string
  /** What the build must make for the edition to take the push. */
  build: BuildSettings
  /** The features, each showing its own outcome. */
  features: readonly Feature[]
}

function asText(value: RepositoryInfo[keyof RepositoryInfo]): string {
  return value === undefined ? '' : String(value)
}

export const isFailure = (result: RepositoryResult | RepositoryFailure): result is RepositoryFailure =>
  'error' in result

/** The registry host SWR's own pull path names, when it names one other than the expected registry. */
export function otherRegistryInPath(result: RepositoryResult, context: OutputContext): string | undefined {
  const { path } = result.info
  const suffix = `/${context.namespace}/${result.repository}`
  if (path === undefined || !path.endsWith(suffix) || path.length <= suffix.length) return undefined
  const host = path.slice(0, -suffix.length)
  return host === context.registry ? undefined : host
}

/**
 * The image to push, on the registry the run expects, never one an answer names: later steps log in to the
 * registry output, so a server or proxy naming ghcr.io in a path must not steer their credentials there.
 */
export function imageOf(result: RepositoryResult | RepositoryFailure, context: OutputContext): string {
  return `${context.registry}/${context.namespace}/${result.repository}`
}

/** One entry of the `repositories` output. */
export function repositoryEntry(result: RepositoryResult | RepositoryFailure, context: OutputContext): object {
  if (isFailure(result)) {
    return {
      name: result.repository,
      image: imageOf(result, context),
      error: result.error.message,
    }
  }
  return {
    ...result.info,
    image: imageOf(result, context),
    repository_created: result.state === 'created',
    ...(result.state === 'awaiting first push' ? { awaiting_first_push: true } : {}),
    ...Object.assign({}, ...context.features.map((feature) => feature.output(result.outcomes[feature.name]))),
  }
}

export function actionOutputs(result: EnsureResult, context: OutputContext): Record<string, string> {
  const { build } = context
  const ensured = result.results.filter((entry): entry is RepositoryResult => !isFailure(entry))
  const outputs: Record<string, string> = {
    namespace: context.namespace,
    // What the build must make for this target to take the push: known from the target alone, no request.
    build_outputs: build.outputs,
    provenance: build.provenance,
    sbom: build.sbom,
    media_types: build.mediaTypes,
    // "false" also when the run could not tell whether the organization existed: this run did not create it.
    namespace_created: String(result.namespace === 'created'),
    repositories: JSON.stringify(result.results.map((entry) => repositoryEntry(entry, context))),
    // When the inventory was read: the organization's repositories the step does not declare.
    undeclared: result.undeclared ? JSON.stringify(result.undeclared) : '',
    // One image a line, for docker/metadata-action's images input.
    images: ensured.map((entry) => imageOf(entry, context)).join('\n'),
    ...Object.assign(
      {},
      ...context.features.map((feature) => feature.stepOutputs?.(ensured.map((entry) => entry.outcomes[feature.name]))),
    ),
  }
  const [first] = result.results
  if (!first || isFailure(first)) return outputs
  for (const field of INFO_FIELDS) outputs[field] = asText(first.info[field])
  return {
    ...outputs,
    registry: context.registry,
    image: imageOf(first, context),
    repository_created: String(first.state === 'created'),
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
