// An existing repository's settings against the workflow's wishes. Only inputs the workflow gave are wishes:
// an existing public repository is not made private because is_public was left out.

export interface SettingsWish {
  isPublic?: boolean
  category?: string
  description?: string
}

export interface SettingChange {
  field: 'is_public' | 'category' | 'description'
  from: unknown
  to: unknown
}

export function settingsDrift(info: Record<string, unknown>, wish: SettingsWish): SettingChange[] {
  const wanted: [SettingChange['field'], unknown][] = [
    ['is_public', wish.isPublic],
    ['category', wish.category],
    ['description', wish.description],
  ]
  return wanted
    .filter(([field, to]) => to !== undefined && info[field] !== to)
    .map(([field, to]) => ({ field, from: info[field], to }))
}

/** The update body: is_public is required by the API, so the current value goes along when it stays. */
export function updateBody(info: Record<string, unknown>, changes: SettingChange[]): Record<string, unknown> {
  const body: Record<string, unknown> = { is_public: info.is_public === true }
  for (const { field, to } of changes) body[field] = to
  return body
}

export function describeChanges(changes: SettingChange[]): string {
  return changes.map(({ field, from, to }) => `${field} ${JSON.stringify(from)} → ${JSON.stringify(to)}`).join(', ')
}
