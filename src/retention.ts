// Image retention: the one policy a repository should have, and what it takes to get there from what it has.

export interface RetentionWish {
  /** Keep the newest N images. */
  keepLast?: number
  /** Keep the images pushed in the last N days. */
  keepDays?: number
  /** Tags never deleted: a name, or "/pattern/" for a regular expression. */
  keepTags: string[]
}

export interface TagSelector {
  kind: 'label' | 'regexp'
  pattern: string
}

export interface RetentionRule {
  template: string
  params: Record<string, string>
  tag_selectors: TagSelector[]
}

export interface RetentionPolicyBody {
  algorithm: string
  rules: RetentionRule[]
}

export interface RetentionPolicy extends RetentionPolicyBody {
  id: number
}

export function tagSelector(tag: string): TagSelector {
  const regexp = /^\/(.+)\/$/.exec(tag)
  return regexp ? { kind: 'regexp', pattern: regexp[1] } : { kind: 'label', pattern: tag }
}

/** The body SWR takes for the wish (its numbers are strings). */
export function retentionBody(wish: RetentionWish): RetentionPolicyBody {
  const rule: Omit<RetentionRule, 'tag_selectors'> =
    wish.keepLast !== undefined
      ? { template: 'tag_rule', params: { num: String(wish.keepLast) } }
      : { template: 'date_rule', params: { days: String(wish.keepDays) } }
  return { algorithm: 'or', rules: [{ ...rule, tag_selectors: wish.keepTags.map(tagSelector) }] }
}

/** A comparable form: only the fields that matter, selectors in a fixed order. */
function canonical(policy: RetentionPolicyBody): string {
  return JSON.stringify({
    algorithm: policy.algorithm,
    rules: (policy.rules ?? []).map((rule) => ({
      template: rule.template,
      params: Object.fromEntries(
        Object.entries(rule.params ?? {})
          .map(([key, value]) => [key, String(value)])
          .sort(),
      ),
      tag_selectors: (rule.tag_selectors ?? []).map(({ kind, pattern }) => `${kind}:${pattern}`).sort(),
    })),
  })
}

export type RetentionPlan =
  | { action: 'create'; remove: number[] }
  | { action: 'update'; id: number; remove: number[] }
  | { action: 'unchanged'; id: number; remove: number[] }

/** How to end with exactly one policy equal to the wanted one, with the fewest writes. */
export function planRetention(existing: RetentionPolicy[], wanted: RetentionPolicyBody): RetentionPlan {
  const equal = existing.find((policy) => canonical(policy) === canonical(wanted))
  const keep = equal ?? existing[0]
  const remove = existing.filter((policy) => policy !== keep).map((policy) => policy.id)
  if (!keep) return { action: 'create', remove }
  return { action: equal ? 'unchanged' : 'update', id: keep.id, remove }
}

export function describeRetention(wish: RetentionWish): string {
  const keep = wish.keepLast !== undefined ? `keep the newest ${wish.keepLast}` : `keep the last ${wish.keepDays} days`
  return wish.keepTags.length > 0 ? `${keep}; never delete ${wish.keepTags.join(', ')}` : keep
}
