// Image retention: the one policy a repository should have, and what it takes to get there from what it has.
import type { RetentionPolicy, RetentionPolicyBody } from '../clients/swr/retention-policies.js'
import type { RetentionWish } from '../rules/inputs.js'

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
