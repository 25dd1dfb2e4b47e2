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
  /** The policy keeps images by another template, which SWR does not let an update change: deleted, then created. */
  | { action: 'replace'; remove: number[] }
  | { action: 'unchanged'; id: number; remove: number[] }

export type RetentionAction = RetentionPlan['action']

const templateOf = (policy: RetentionPolicyBody): string | undefined => policy.rules?.[0]?.template

/**
 * How to end with exactly one policy equal to the wanted one, with the fewest writes. A policy of the wanted template
 * is updated; one of another template cannot be (see docs/api-notes.md, "Retention"), so it is replaced.
 */
export function planRetention(existing: RetentionPolicy[], wanted: RetentionPolicyBody): RetentionPlan {
  const equal = existing.find((policy) => canonical(policy) === canonical(wanted))
  const keep = equal ?? existing.find((policy) => templateOf(policy) === templateOf(wanted))
  const remove = existing.filter((policy) => policy !== keep).map((policy) => policy.id)
  if (keep) return { action: equal ? 'unchanged' : 'update', id: keep.id, remove }
  return { action: existing.length > 0 ? 'replace' : 'create', remove }
}

/** What happened to the policy, in words: "created", or in a dry run "would be created". */
export function retentionState(action: RetentionAction, dryRun: boolean): string {
  if (action === 'unchanged') return 'unchanged'
  const done = { create: 'created', update: 'updated', replace: 'replaced' }[action]
  return dryRun ? `would be ${done}` : done
}

export function describeRetention(wish: RetentionWish): string {
  const keep = wish.keepLast !== undefined ? `keep the newest ${wish.keepLast}` : `keep the last ${wish.keepDays} days`
  return wish.keepTags.length > 0 ? `${keep}; never delete ${wish.keepTags.join(', ')}` : keep
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value)

/** What is wrong with one listed policy, or nothing. Its id goes into a URL path, so it must be a whole number. */
function policyProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'an entry is not an object'
  if (!Number.isSafeInteger(value.id) || (value.id as number) < 0) return 'an entry has no whole-number id'
  if (value.algorithm !== undefined && typeof value.algorithm !== 'string')
    return `policy ${value.id}'s algorithm is not a string`
  if (!Array.isArray(value.rules ?? [])) return `policy ${value.id}'s rules are not a list`
  for (const rule of (value.rules ?? []) as unknown[]) {
    if (!isRecord(rule) || (rule.template !== undefined && typeof rule.template !== 'string')) {
      return `policy ${value.id} has a rule that is not a rule`
    }
    const params = rule.params ?? {}
    if (!isRecord(params) || Object.values(params).some((param) => !['string', 'number'].includes(typeof param))) {
      return `policy ${value.id} has a rule whose params are not numbers`
    }
    const selectors = rule.tag_selectors ?? []
    const selector = (item: unknown) =>
      isRecord(item) && typeof item.kind === 'string' && typeof item.pattern === 'string'
    if (!Array.isArray(selectors) || !selectors.every(selector)) {
      return `policy ${value.id} has tag selectors that are not kinds and patterns`
    }
  }
  return undefined
}

/** Reads a parsed list of policies; `problem` is absent when the body is not a list at all. */
export function readRetentionPolicies(value: unknown): RetentionPolicy[] | { problem?: string } {
  if (!Array.isArray(value)) return {}
  for (const entry of value) {
    const problem = policyProblem(entry)
    if (problem) return { problem }
  }
  return value as RetentionPolicy[]
}
