// An existing repository's settings against the workflow's wishes. Only inputs the workflow gave are wishes:
// an existing public repository is not made private because is_public was left out.
import type { RepositoryInfo } from '../clients/swr/repository-info.js'
import type { UpdateRepositoryBody } from '../clients/swr/swr-api.js'

export interface SettingsWish {
  isPublic?: boolean
  category?: string
  description?: string
}

export interface SettingChange {
  field: 'is_public' | 'category' | 'description'
  from?: boolean | string
  to: boolean | string
}

export function settingsDrift(info: RepositoryInfo, wish: SettingsWish): SettingChange[] {
  const wanted: [SettingChange['field'], boolean | string | undefined][] = [
    ['is_public', wish.isPublic],
    ['category', wish.category],
    ['description', wish.description],
  ]
  return wanted
    .filter((entry): entry is [SettingChange['field'], boolean | string] => entry[1] !== undefined)
    .filter(([field, to]) => info[field] !== to)
    .map(([field, to]) => ({ field, from: info[field], to }))
}

/**
 * The update body: is_public is required by the API, so the current value goes along when it stays. When SWR's
 * brief info did not say it, guessing could make a public repository private: that is refused instead.
 */
export function updateBody(info: RepositoryInfo, changes: SettingChange[], name: string): UpdateRepositoryBody {
  const isPublic = changes.find((change) => change.field === 'is_public')?.to ?? info.is_public
  if (typeof isPublic !== 'boolean') {
    throw new Error(
      `Updating repository ${name} needs its is_public setting, which SWR's brief info did not include, and the ` +
        'is_public input was not given: give is_public as well, so that the update cannot change it by mistake.',
    )
  }
  const body: UpdateRepositoryBody = { is_public: isPublic }
  for (const { field, to } of changes) Object.assign(body, { [field]: to })
  return body
}

/** The info as it is after the changes were made. */
export function withSettings(info: RepositoryInfo, changes: SettingChange[]): RepositoryInfo {
  return { ...info, ...Object.fromEntries(changes.map(({ field, to }) => [field, to])) }
}

export function describeChanges(changes: SettingChange[]): string {
  return changes.map(({ field, from, to }) => `${field} ${JSON.stringify(from)} → ${JSON.stringify(to)}`).join(', ')
}
