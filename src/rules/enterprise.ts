// SWR Enterprise Edition: the instance input, the project its paths carry, and the inputs this version supports only
// for the shared edition, refused before any request (docs/api-notes.md, "Enterprise Edition").
import { type FeatureReader, type InputName, type InputReader, isGiven, quote } from './input-table.js'

export interface EnterpriseWish {
  /** The instance's ID (a UUID) or name. */
  instance: string
  /** The project ID the paths carry; looked up at IAM when not given. */
  projectId?: string
  /** Where the project ID came from ("input project_id", or a variable's name), for a message about it. */
  projectFrom?: string
  /** The input registry: the instance's registry host when it is not under Huawei Cloud's domain (a custom one). */
  registry?: string
}

/** Where huaweicloud/auth-action and the SDKs leave the project ID. */
export const PROJECT_ID_VARIABLES = ['HUAWEI_CLOUD_PROJECT_ID', 'HUAWEICLOUD_SDK_PROJECT_ID']

const INSTANCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const PROJECT_ID = /^[0-9a-f]{32}$/

/**
 * The inputs outside the repository features that an instance does not take, with why; the features declare theirs
 * (notWithInstance), and both are refused the same way.
 */
const NOT_WITH_INSTANCE: Partial<Record<InputName, string>> = {
  update_existing:
    "repositories in an instance are made by their first push, and this action changes none of an instance's settings",
  prune_undeclared: "an instance's repositories are not listed or deleted by this action",
  prune_with_images: "an instance's repositories are not listed or deleted by this action",
}

export function readEnterprise(
  read: InputReader,
  env: Record<string, string | undefined>,
  features: readonly FeatureReader[],
): EnterpriseWish | undefined {
  const instance = read.text('instance').trim()
  if (!instance) {
    if (read.text('project_id')) read.fail('Input project_id is for the instance input (SWR Enterprise Edition).')
    return undefined
  }
  if (!INSTANCE.test(instance)) {
    read.fail(`Input instance ${quote(instance)} is not an instance ID or name: give the ID (a UUID) or the name.`)
  }
  const refused = [NOT_WITH_INSTANCE, ...features.map((feature) => feature.notWithInstance ?? {})]
  for (const [name, why] of refused.flatMap((table) => Object.entries(table))) {
    if (isGiven(read.text(name as InputName))) read.fail(`Input ${name} is not supported with instance: ${why}.`)
  }
  const duration = read.text('login_duration')
  if (duration && duration !== '21600') {
    read.fail(
      `Input login_duration ${quote(duration)} is not supported with instance: an instance's temporary login lasts ` +
        '24 hours, set by SWR. Leave login_duration out.',
    )
  }
  const [projectFrom, projectId] =
    [
      ['input project_id', read.text('project_id')],
      ...PROJECT_ID_VARIABLES.map((name) => [name, env[name] ?? '']),
    ].find(([, value]) => value) ?? []
  if (projectId && !PROJECT_ID.test(projectId)) {
    read.fail(`${projectFrom} ${quote(projectId)} is not a project ID: 32 hexadecimal digits, as IAM lists it.`)
  }
  return {
    instance,
    projectId: projectId || undefined,
    projectFrom: projectId ? projectFrom : undefined,
    registry: read.text('registry') || undefined,
  }
}
