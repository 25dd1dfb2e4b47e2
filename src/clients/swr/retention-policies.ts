// SWR's image retention policies as its API has them: the body a policy is created or updated with (built from the
// workflow's wish), and a listed policy read and checked at the boundary.
import { isRecord } from './answers.js'

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

/** The retention policy a workflow wants. */
export interface RetentionWish {
  /** Keep the newest N images. */
  keepLast?: number
  /** Keep the images pushed in the last N days. */
  keepDays?: number
  /** Tags never deleted: a name, or "/pattern/" for a regular expression. */
  keepTags: string[]
}

/** The body SWR takes for the wish (its numbers are strings). */
export function retentionBody(wish: RetentionWish): RetentionPolicyBody {
  const rule: Omit<RetentionRule, 'tag_selectors'> =
    wish.keepLast !== undefined
      ? { template: 'tag_rule', params: { num: String(wish.keepLast) } }
      : { template: 'date_rule', params: { days: String(wish.keepDays) } }
  return { algorithm: 'or', rules: [{ ...rule, tag_selectors: wish.keepTags.map(tagSelector) }] }
}

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
