// The step outputs: the repository's brief info under SWR's own field names, plus what later steps need to push.
import type { EnsureResult } from './ensure.js'

export const INFO_FIELDS = [
  'id',
  'ns_id',
  'name',
  'category',
  'description',
  'creator_id',
  'creator_name',
  'size',
  'is_public',
  'num_images',
  'num_download',
  'url',
  'path',
  'internal_path',
  'created',
  'updated',
  'domain_id',
  'priority',
] as const

export interface OutputContext {
  namespace: string
  repository: string
  /** The registry host derived from the region or endpoint. */
  registry: string
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** SWR's own pull path is the truest registry host; the derived one stands in when the path is absent. */
export function registryOf(result: EnsureResult, context: OutputContext): string {
  const path = result.info.path
  const suffix = `/${context.namespace}/${context.repository}`
  if (typeof path === 'string' && path.endsWith(suffix) && path.length > suffix.length) {
    return path.slice(0, -suffix.length)
  }
  return context.registry
}

export function actionOutputs(result: EnsureResult, context: OutputContext): Record<string, string> {
  const outputs: Record<string, string> = {}
  for (const field of INFO_FIELDS) outputs[field] = asText(result.info[field])
  const registry = registryOf(result, context)
  return {
    ...outputs,
    namespace: context.namespace,
    registry,
    image: `${registry}/${context.namespace}/${context.repository}`,
    namespace_created: String(result.namespaceCreated),
    repository_created: String(result.repositoryCreated),
    json: JSON.stringify(result.info),
  }
}
