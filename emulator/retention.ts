// The emulator's image retention policies, with its check of policy bodies after SWR's API reference.
import type { Account } from './accounts.js'
import type { AccountRoute, Answer, RouteRequest } from './gateway.js'
import { swrError, type SwrService } from './swr-service.js'

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

const invalid = (why: string) => swrError(400, 'SVCSTG.SWR.4001008', `Invalid retention policy: ${why}`)
const policyMissing = (id: number) => swrError(404, 'SVCSTG.SWR.4040013', `Retention policy ${id} not found`)
/** SWR answers deleting a policy that is gone with a 400 of its own code, in its {"errors":[...]} shape. */
const policyGone = (id: number): Answer => ({
  status: 400,
  body: { errors: [{ errorCode: 'SVCSTG.SWR.4000306', errorMessage: `Retention ${id} does not exist` }] },
})

export class RetentionService {
  /** Retention policies by "namespace/repository". */
  readonly policies = new Map<string, RetentionPolicy[]>()
  private nextId = 1000

  constructor(private readonly swr: SwrService) {}

  readonly routes: AccountRoute[] = [
    this.route('GET', '', 'listRetentions', (list) => ({ status: 200, body: list })),
    this.route('POST', '', 'createRetention', (list, { body }) => this.create(list, body)),
    this.route('PATCH', '/:id', 'updateRetention', (list, { params, body }) => update(list, Number(params.id), body)),
    this.route('DELETE', '/:id', 'deleteRetention', (list, { params }) => remove(list, Number(params.id))),
  ]

  /** A route on a repository's policies; 404 when the organization or repository is missing. */
  private route(
    method: string,
    suffix: string,
    operation: string,
    run: (list: RetentionPolicy[], request: RouteRequest) => Answer,
  ): AccountRoute {
    return {
      method,
      path: `/v2/manage/namespaces/:namespace/repos/:repository/retentions${suffix}`,
      operation,
      run: (request: RouteRequest, account: Account) => {
        const name = request.params.repository.replaceAll('$', '/')
        const found = this.swr.ownRepository(account, request.params.namespace, name)
        if ('status' in found) return found
        const list = this.policies.get(found.key) ?? []
        this.policies.set(found.key, list)
        return run(list, request)
      },
    }
  }

  private create(list: RetentionPolicy[], body: unknown): Answer {
    const policy = parseRetentionBody(body)
    if (typeof policy === 'string') return invalid(policy)
    const id = this.nextId++
    list.push({ id, ...policy, scope: '' })
    return { status: 201, body: { id } }
  }
}

function update(list: RetentionPolicy[], id: number, body: unknown): Answer {
  const index = list.findIndex((policy) => policy.id === id)
  if (index < 0) return policyMissing(id)
  const policy = parseRetentionBody(body)
  if (typeof policy === 'string') return invalid(policy)
  // UpdateRetention cannot change a policy's template: the rule's kind is fixed when it is created.
  if (policy.rules[0].template !== list[index].rules[0]?.template) return invalid('the template cannot be modified')
  list[index] = { ...list[index], ...policy }
  return { status: 201 }
}

function remove(list: RetentionPolicy[], id: number): Answer {
  const index = list.findIndex((policy) => policy.id === id)
  if (index < 0) return policyGone(id)
  list.splice(index, 1)
  return { status: 200 }
}
