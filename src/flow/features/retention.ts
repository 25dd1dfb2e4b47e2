// Image retention: the one policy a repository should have, and what it takes to get there from what it has.
import {
  retentionBody,
  type RetentionPolicy,
  type RetentionPolicyBody,
  type RetentionWish,
} from '../../clients/swr/retention-policies.js'
import { quote } from '../../rules/input-table.js'
import { escapeHtml } from '../../rules/server-text.js'
import { type Feature, type RepositoryStep, sharedApi } from '../feature.js'

export type { RetentionWish } from '../../clients/swr/retention-policies.js'

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

const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/

async function applyRetention(step: RepositoryStep, body: RetentionPolicyBody, plan: RetentionPlan) {
  const api = sharedApi(step)
  const { namespace, repository } = step
  if (plan.action === 'update') await api.updateRetention(namespace, repository, plan.id, body)
  // A policy already gone (another job removed it) needs nothing more. A replaced one is deleted before the new one
  // is created, as terraform replaces it.
  for (const id of plan.remove) await api.deleteRetention(namespace, repository, id)
  if (plan.action === 'create' || plan.action === 'replace') await api.createRetention(namespace, repository, body)
}

const NOT_WITH_INSTANCE = 'retention policies of an instance are not managed by this action yet'

export const retention: Feature<RetentionWish, RetentionAction> = {
  name: 'retention',
  // SWR's own limits (docs/api-notes.md, "Retention"): a bigger number would be refused after the repository was made.
  inputs: {
    retention_keep_last: {
      kind: 'whole',
      min: 1,
      max: 1000,
      accepted: 'of at least 1 and at most 1000 (SWR keeps 1 to 1000 images)',
    },
    retention_keep_days: {
      kind: 'whole',
      min: 1,
      max: 365,
      accepted: 'of at least 1 and at most 365 (SWR keeps images for 1 to 365 days)',
    },
    retention_keep_tags: { kind: 'lines' },
  },
  notWithInstance: {
    retention_keep_last: NOT_WITH_INSTANCE,
    retention_keep_days: NOT_WITH_INSTANCE,
    retention_keep_tags: NOT_WITH_INSTANCE,
  },
  editions: ['shared'],
  operations: ['listRetentions', 'createRetention', 'updateRetention', 'deleteRetention'],

  read(read) {
    const keepLast = read.whole('retention_keep_last')
    const keepDays = read.whole('retention_keep_days')
    const keepTags = read.lines('retention_keep_tags')
    if (read.text('retention_keep_last') && read.text('retention_keep_days')) {
      return read.fail(
        'Give retention_keep_last or retention_keep_days, not both: a repository keeps one retention policy.',
      )
    }
    for (const tag of keepTags) {
      const pattern = /^\/(.+)\/$/.exec(tag)?.[1]
      if (pattern !== undefined) {
        try {
          new RegExp(pattern)
        } catch {
          read.fail(`Input retention_keep_tags has ${quote(tag)}, which is not a valid regular expression.`)
        }
      } else if (!DOCKER_TAG.test(tag)) {
        read.fail(
          `Input retention_keep_tags has ${quote(tag)}, which is not a tag: up to 128 of A-Z a-z 0-9 _ . -, ` +
            'not starting with . or -; write a pattern as /regex/.',
        )
      }
    }
    if (keepLast === undefined && keepDays === undefined) {
      if (keepTags.length > 0)
        return read.fail('Input retention_keep_tags needs retention_keep_last or retention_keep_days.')
      return undefined
    }
    return { keepLast, keepDays, keepTags }
  },

  async ensure(step, wish) {
    const body = retentionBody(wish)
    // A repository created just now has no retention policy yet.
    const plan: RetentionPlan =
      step.state === 'created'
        ? { action: 'create', remove: [] }
        : planRetention(await sharedApi(step).listRetentions(step.namespace, step.repository), body)
    if (!step.dryRun) await applyRetention(step, body, plan)
    return { outcome: plan.action }
  },

  lines: (name, action, dryRun) => [
    { level: 'info', text: `Repository ${name}: retention policy ${retentionState(action, dryRun)}` },
  ],

  output: (action) => (action ? { retention: action } : {}),

  rows: (action, wish, dryRun) => [
    [
      'Retention',
      wish && action ? escapeHtml(`${describeRetention(wish)} (${retentionState(action, dryRun)})`) : 'not managed',
    ],
  ],
}
