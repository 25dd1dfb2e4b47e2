// The emulator's check of retention policy bodies, after SWR's API reference.

export interface TagSelector {
  kind: 'label' | 'regexp'
  pattern: string
}

export interface RetentionRule {
  template: 'date_rule' | 'tag_rule'
  params: { days: string } | { num: string }
  tag_selectors: TagSelector[]
}

export interface RetentionPolicy {
  id: number
  algorithm: 'or' | 'and'
  rules: RetentionRule[]
  scope: string
}

/** The policy a body describes, or what is wrong with it. */
export function parseRetentionBody(body: unknown): Omit<RetentionPolicy, 'id' | 'scope'> | string {
  const { algorithm, rules } = (body ?? {}) as { algorithm?: unknown; rules?: unknown }
  if (algorithm !== 'or' && algorithm !== 'and') return 'algorithm must be "or" or "and"'
  if (!Array.isArray(rules) || rules.length === 0) return 'rules must be a non-empty array'
  const parsed: RetentionRule[] = []
  for (const rule of rules as Record<string, unknown>[]) {
    const params = (rule?.params ?? {}) as Record<string, unknown>
    const key = rule?.template === 'date_rule' ? 'days' : rule?.template === 'tag_rule' ? 'num' : undefined
    if (!key) return 'template must be "date_rule" or "tag_rule"'
    // The API takes the numbers as strings.
    if (typeof params[key] !== 'string' || !/^[1-9]\d*$/.test(params[key] as string)) {
      return `params.${key} must be a positive whole number written as a string`
    }
    const selectors = rule.tag_selectors ?? []
    if (!Array.isArray(selectors)) return 'tag_selectors must be an array'
    for (const selector of selectors as Record<string, unknown>[]) {
      if ((selector?.kind !== 'label' && selector?.kind !== 'regexp') || typeof selector.pattern !== 'string') {
        return 'each tag selector needs kind "label" or "regexp" and a pattern'
      }
    }
    parsed.push({
      template: rule.template as RetentionRule['template'],
      params: (key === 'days' ? { days: params.days } : { num: params.num }) as RetentionRule['params'],
      tag_selectors: (selectors as TagSelector[]).map(({ kind, pattern }) => ({ kind, pattern })),
    })
  }
  return { algorithm, rules: parsed }
}
