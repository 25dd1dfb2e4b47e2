// A repository's brief info, with the types SWR documents for its fields. An answer is read into this shape at the
// boundary, once: every later decision, output and summary line works on checked values.
import { isRegistryHost } from '../../rules/endpoint.js'
import { cleanServerText } from '../../rules/server-text.js'

/** The documented fields and their types, in the order SWR's reference lists them. */
const FIELD_TYPES = {
  id: 'number',
  ns_id: 'number',
  name: 'string',
  category: 'string',
  description: 'string',
  creator_id: 'string',
  creator_name: 'string',
  size: 'number',
  is_public: 'boolean',
  num_images: 'number',
  num_download: 'number',
  url: 'string',
  path: 'string',
  internal_path: 'string',
  created: 'string',
  updated: 'string',
  domain_id: 'string',
  priority: 'number',
} as const

type FieldTypes = typeof FIELD_TYPES
type TypeOf<K extends 'number' | 'string' | 'boolean'> = K extends 'number'
  ? number
  : K extends 'boolean'
    ? boolean
    : string

export type InfoField = keyof FieldTypes

/** Every field but the name may be absent (SWR omits some, or sends null). */
export type RepositoryInfo = { name: string } & { [K in Exclude<InfoField, 'name'>]?: TypeOf<FieldTypes[K]> }

export const INFO_FIELDS = Object.keys(FIELD_TYPES) as InfoField[]

/** What a value is, for a message: never the value itself when it could be large or nested. */
function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  const shown = JSON.stringify(value) ?? String(value)
  return `${typeof value === 'string' ? 'a string' : `a ${typeof value}`} (${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown})`
}

/** Why a body is not brief info: not its shape at all, or one field of the wrong type. */
export interface InfoProblem {
  problem: string
  field?: InfoField
}

export const isInfoProblem = (value: RepositoryInfo | InfoProblem): value is InfoProblem => 'problem' in value

/** Whether a pull path is HOST/namespace/repository for the repository that was asked about. */
export function isPullPath(path: string, namespace: string, repository: string): boolean {
  const suffix = `/${namespace}/${repository}`
  return path.endsWith(suffix) && isRegistryHost(path.slice(0, -suffix.length))
}

/**
 * Reads a parsed body as brief info. A field of the wrong type is not guessed at (a string "true" is not a
 * boolean): the answer is refused, naming the field. Fields SWR does not document are left out. The path, which
 * later steps push to, must be the pull path of the repository asked about.
 */
export function readRepositoryInfo(
  value: unknown,
  asked?: { namespace: string; repository: string },
): RepositoryInfo | InfoProblem {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { problem: 'not an object' }
  const record = value as Record<string, unknown>
  if (!('name' in record)) return { problem: 'no name' }
  const info: Record<string, unknown> = {}
  for (const field of INFO_FIELDS) {
    const fieldValue = record[field]
    if (fieldValue === undefined || (fieldValue === null && field !== 'name')) continue
    if (typeof fieldValue !== FIELD_TYPES[field]) {
      return { problem: `its ${field} is ${describeValue(fieldValue)}, not a ${FIELD_TYPES[field]}`, field }
    }
    info[field] = fieldValue
  }
  const { path } = info
  if (asked && typeof path === 'string' && !isPullPath(path, asked.namespace, asked.repository)) {
    const shown = cleanServerText(path, 100)
    return {
      problem: `its path "${shown}" is not a pull path HOST/${asked.namespace}/${asked.repository}`,
      field: 'path',
    }
  }
  return info as RepositoryInfo
}

/** The info with every text made safe to show; numbers and booleans are safe as they are. */
export function cleanInfo(info: RepositoryInfo): RepositoryInfo {
  return Object.fromEntries(
    Object.entries(info).map(([field, value]) => [field, typeof value === 'string' ? cleanServerText(value) : value]),
  ) as RepositoryInfo
}
