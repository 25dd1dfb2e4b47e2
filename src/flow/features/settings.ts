// The repository's settings (category, description, visibility): those of a repository the run creates, and an
// existing one's against the workflow's wishes. Only inputs the workflow gave are wishes: an existing public
// repository is not made private because is_public was left out. An instance takes is_public (for a namespace it
// creates) and no other setting.
import type { RepositoryInfo } from '../../clients/swr/repository-info.js'
import type { CreateRepositoryBody, UpdateRepositoryBody } from '../../clients/swr/swr-api.js'
import { quote } from '../../rules/input-table.js'
import { cleanServerText, escapeHtml } from '../../rules/server-text.js'
import { type Feature, sharedApi } from '../feature.js'

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

export interface SettingsOutcome {
  /** Changed by this run (or, in a dry run, that would be). */
  changed: SettingChange[]
  /** Differing from the inputs and left as they are (update_existing is false). */
  differ: SettingChange[]
}

export const CATEGORIES = ['app_server', 'linux', 'framework_app', 'database', 'lang', 'other', 'windows', 'arm']

/** The body a new repository is created with; settings the workflow left out get their documented defaults. */
export function createRepositoryBody(repository: string, wish: SettingsWish = {}): CreateRepositoryBody {
  return {
    repository,
    is_public: wish.isPublic ?? false,
    category: wish.category ?? 'other',
    ...(wish.description ? { description: wish.description } : {}),
  }
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

const cleanChange = ({ field, from, to }: SettingChange): SettingChange => ({
  field,
  from: typeof from === 'string' ? cleanServerText(from) : from,
  to: typeof to === 'string' ? cleanServerText(to) : to,
})

export const settings: Feature<SettingsWish, SettingsOutcome> = {
  name: 'settings',
  inputs: { category: { kind: 'text' }, is_public: { kind: 'boolean' }, description: { kind: 'text' } },
  notWithInstance: {
    category: 'repositories in an instance are made by their first push, with no category',
    description: 'repositories in an instance are made by their first push; set a description once it exists',
  },
  editions: ['shared'],
  operations: ['updateRepository'],

  read(read) {
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
    if (category === undefined && isPublic === undefined && description === undefined) return undefined
    return { category, isPublic, description }
  },

  async ensure(step, wish) {
    // A repository created just now has the wished settings.
    if (step.state !== 'exists') return { outcome: { changed: [], differ: [] } }
    const drift = settingsDrift(step.info, wish)
    if (drift.length === 0 || !step.updateExisting) return { outcome: { changed: [], differ: drift } }
    if (step.dryRun) return { outcome: { changed: drift, differ: [] } }
    const body = updateBody(step.info, drift, `${step.namespace}/${step.repository}`)
    await sharedApi(step).updateRepository(step.namespace, step.repository, body)
    return { outcome: { changed: drift, differ: [] }, info: withSettings(step.info, drift) }
  },

  clean: ({ changed, differ }) => ({ changed: changed.map(cleanChange), differ: differ.map(cleanChange) }),

  lines(name, { changed, differ }, dryRun) {
    const lines: ReturnType<Feature['lines']> = []
    if (changed.length > 0) {
      lines.push({
        level: 'info',
        text: `Repository ${name}: ${dryRun ? 'would update' : 'updated'} ${describeChanges(changed)}`,
      })
    }
    if (differ.length > 0) {
      const one = differ.length === 1
      lines.push({
        level: 'warning',
        text:
          `Repository ${name}: ${describeChanges(differ)} ${one ? 'differs' : 'differ'} from the inputs ` +
          `and ${one ? 'was left as it is' : 'were left as they are'}. Set update_existing: true to update ` +
          `${one ? 'it' : 'them'}.`,
      })
    }
    return lines
  },

  output: (outcome) => ({ settings_changed: outcome?.changed ?? [], settings_differ: outcome?.differ ?? [] }),

  rows(outcome, _wish, dryRun) {
    const shown =
      outcome && outcome.changed.length > 0
        ? `${dryRun ? 'would change' : 'changed'}: ${describeChanges(outcome.changed)}`
        : outcome && outcome.differ.length > 0
          ? `differ, left as they are: ${describeChanges(outcome.differ)}`
          : 'unchanged'
    return [['Settings', escapeHtml(shown)]]
  },
}
