// Release steps at the level of tags (docs/api-notes.md, "Tags"): the tags a workflow is about to push or acts on
// (`tags`, bare or as full references, metadata-action's output taken as it is), a release tag that must not exist
// yet (`require_new_tags`), and tags made server-side from another (`promote`). One read of the repository's tag
// list gives every listed tag's digest and kind (none for a repository this run created, which has no tag); then
// only the writes a promotion needs. Nothing is written before every refusal was checked.
import type { TagDetail } from '../../clients/swr/distribution-api.js'
import { quote } from '../../rules/input-table.js'
import { cleanServerText, escapeHtml } from '../../rules/server-text.js'
import { type Feature, type RepositoryStep, sharedApi } from '../feature.js'

/** A tag listed in `tags`: for every repository of the step, or (a full reference) for the one it names. */
interface ListedTag {
  tag: string
  repository?: string
  /** The registry host a full reference names, checked against the edition's when it is opened. */
  host?: string
  given: string
}

interface Promotion {
  source: string
  destinations: string[]
}

export interface TagsWish {
  tags: ListedTag[]
  requireNew: boolean
  promote: Promotion[]
  override: boolean
}

export interface PromotionOutcome {
  source: string
  tag: string
  /** created (or, in a dry run, would be); replaced: it pointed elsewhere and promote_override moved it; unchanged. */
  action: 'created' | 'replaced' | 'unchanged'
  digest?: string
}

export interface TagsOutcome {
  /** Each listed tag that exists (after the promotions), with what it points at. */
  tags: TagDetail[]
  /** In a dry run: the listed tags that exist, which require_new_tags would refuse. */
  existing: string[]
  promoted: PromotionOutcome[]
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
/** Tags read at most from one repository: ten of SWR's largest pages. */
const MOST_TAGS = 10_000
const NOT_WITH_INSTANCE = "an instance's tags are not read or made by this action yet"

/** A line of `tags`: a tag, or a reference [HOST/]NAMESPACE/REPOSITORY:TAG; the problem with it otherwise. */
function listedTag(line: string, place: { namespace: string; repositories: string[] }): ListedTag | string {
  if (TAG.test(line)) return { tag: line, given: line }
  if (line.includes('@')) return `Input tags has ${quote(line)}, a digest reference: give the tag, not the digest.`
  const at = line.lastIndexOf(':')
  const name = line.slice(0, at)
  const tag = line.slice(at + 1)
  if (at < 0 || tag.includes('/') || !TAG.test(tag)) {
    return `Input tags has ${quote(line)}, which is not a tag: up to 128 of A-Z a-z 0-9 _ . -, not starting with . or -; or a reference IMAGE:TAG.`
  }
  const parts = name.split('/')
  const host = parts.length > 2 || /[.:]|^localhost$/.test(parts[0]) ? parts.shift() : undefined
  const [namespace, ...rest] = parts
  const repository = rest.join('/')
  if (namespace !== place.namespace || !place.repositories.includes(repository)) {
    return (
      `Input tags has ${quote(line)}, which names ${quote(`${namespace}/${repository}`)}: not a repository this ` +
      `step ensures (${place.repositories.map((name) => `${place.namespace}/${name}`).join(', ')}).`
    )
  }
  return { tag, repository, host, given: line }
}

/** A line of `promote`: SOURCE -> TAG[, TAG...]; the problem with it otherwise. */
function promotion(line: string): Promotion | string {
  const [source = '', targets, ...rest] = line.split('->').map((part) => part.trim())
  const destinations = (targets ?? '').split(',').map((tag) => tag.trim())
  const accepted = 'SOURCE -> TAG[, TAG...], e.g. "sha-3f2a1c9 -> v1.4.0, stable"'
  if (rest.length > 0 || targets === undefined || ![source, ...destinations].every((tag) => TAG.test(tag))) {
    return `Input promote has ${quote(line)}, which is not a promotion: give ${accepted}.`
  }
  if (destinations.includes(source)) return `Input promote has ${quote(line)}: a tag cannot be promoted to itself.`
  return { source, destinations }
}

/** What the step will make of each promotion's destination, or why it refuses, from the tags the list gave. */
function plan(wish: TagsWish, existing: Map<string, TagDetail>, name: string): PromotionOutcome[] {
  const planned: PromotionOutcome[] = []
  const refused: string[] = []
  for (const { source, destinations } of wish.promote) {
    const from = existing.get(source)
    if (!from) {
      throw new Error(
        `Repository ${name} has no tag ${source} to promote: promote runs after the push, so push ${source} ` +
          'first (or check the tag).',
      )
    }
    for (const tag of destinations) {
      const there = existing.get(tag)
      const same = there && there.digest !== undefined && there.digest === from.digest
      if (there && !same && !wish.override) refused.push(`${tag} (${there.digest ?? 'no digest'})`)
      const action = !there ? 'created' : same ? 'unchanged' : 'replaced'
      planned.push({ source, tag, action, digest: from.digest })
    }
  }
  if (refused.length > 0) {
    throw new Error(
      `Repository ${name}: promote would move ${refused.join(', ')}, which already point at another image. Set ` +
        'promote_override: true to move them; nothing was changed.',
    )
  }
  return planned
}

async function promote(step: RepositoryStep, planned: PromotionOutcome[], name: string): Promise<void> {
  for (const { source, tag, action } of planned) {
    if (action === 'unchanged') continue
    const made = await sharedApi(step).createTag(step.namespace, step.repository, source, tag, action === 'replaced')
    if (made === 'exists') {
      throw new Error(
        `Repository ${name}: tag ${tag} appeared while this step promoted ${source} (another job pushed or promoted ` +
          'it). Run the step again to see where it points.',
      )
    }
    step.progress.push(`promoted ${source} to ${tag}`)
  }
}

const detailText = ({ tag, digest, kind }: TagDetail) => `${tag} (${digest ?? 'no digest'}, ${kind})`
const promotedText = ({ tag, action }: PromotionOutcome, dryRun: boolean) =>
  `${tag} (${action === 'unchanged' ? 'unchanged' : dryRun ? `would be ${action}` : action})`

export const tags: Feature<TagsWish, TagsOutcome> = {
  name: 'tags',
  inputs: {
    tags: { kind: 'lines' },
    require_new_tags: { kind: 'boolean', default: false },
    // Its lines hold commas of their own (SOURCE -> TAG, TAG).
    promote: { kind: 'lines', commas: true },
    promote_override: { kind: 'boolean', default: false },
  },
  notWithInstance: {
    tags: NOT_WITH_INSTANCE,
    require_new_tags: NOT_WITH_INSTANCE,
    promote: NOT_WITH_INSTANCE,
    promote_override: NOT_WITH_INSTANCE,
  },
  editions: ['shared'],
  operations: ['listTags', 'createTag'],

  read(read, place) {
    const requireNew = read.boolean('require_new_tags') as boolean
    const override = read.boolean('promote_override') as boolean
    const listed = read.lines('tags').map((line) => listedTag(line, place))
    const promotions = read.lines('promote').map(promotion)
    for (const problem of [...listed, ...promotions]) if (typeof problem === 'string') read.fail(problem)
    if (requireNew && listed.length === 0) read.fail('Input require_new_tags: true needs tags: the tags to refuse.')
    if (override && promotions.length === 0) read.fail('Input promote_override: true needs promote.')
    if (listed.length === 0 && promotions.length === 0) return undefined
    return {
      tags: listed.filter((entry): entry is ListedTag => typeof entry !== 'string'),
      requireNew,
      promote: promotions.filter((entry): entry is Promotion => typeof entry !== 'string'),
      override,
    }
  },

  async ensure(step, wish) {
    const name = `${step.namespace}/${step.repository}`
    const elsewhere = wish.tags.find(({ host }) => host !== undefined && host !== step.edition.registry)
    if (elsewhere) {
      throw new Error(
        `Input tags has ${quote(elsewhere.given)}, on the registry ${elsewhere.host}, not ${step.edition.registry}, ` +
          'the registry this step ensures.',
      )
    }
    const listed = wish.tags.filter(({ repository }) => !repository || repository === step.repository)
    // A repository this run created has no tag yet: nothing to read.
    const found =
      step.state === 'created' ? [] : await sharedApi(step).listTags(step.namespace, step.repository, MOST_TAGS)
    const existing = new Map(found.map((detail) => [detail.tag, detail]))
    const clashes = wish.requireNew ? [...new Set(listed.map(({ tag }) => tag))].filter((tag) => existing.has(tag)) : []
    if (clashes.length > 0 && !step.dryRun) {
      throw new Error(
        `Repository ${name} already has ${clashes.map((tag) => detailText(existing.get(tag) as TagDetail)).join(', ')}: ` +
          'require_new_tags keeps a release tag from being overwritten. Give the release a new tag (or delete the ' +
          "old one in SWR's console if it is to be redone); nothing was pushed or changed.",
      )
    }
    const promoted = plan(wish, existing, name)
    if (!step.dryRun) await promote(step, promoted, name)
    for (const { source, tag, digest } of promoted)
      existing.set(tag, { tag, digest, kind: existing.get(source)?.kind ?? 'image' })
    const shown = [...new Set(listed.map(({ tag }) => tag))].flatMap((tag) => existing.get(tag) ?? [])
    return { outcome: { tags: shown, existing: clashes, promoted } }
  },

  clean: (outcome) => ({
    ...outcome,
    tags: outcome.tags.map((detail) => ({ ...detail, tag: cleanServerText(detail.tag) })),
  }),

  lines(name, outcome, dryRun) {
    const lines: ReturnType<Feature['lines']> = []
    if (outcome.tags.length > 0) {
      lines.push({ level: 'info', text: `Repository ${name}: tags ${outcome.tags.map(detailText).join(', ')}` })
    }
    if (outcome.existing.length > 0) {
      lines.push({
        level: 'warning',
        text: `Repository ${name} already has ${outcome.existing.join(', ')}: a real run with require_new_tags fails.`,
      })
    }
    if (outcome.promoted.length > 0) {
      const sources = [...new Set(outcome.promoted.map(({ source }) => source))]
      for (const source of sources) {
        const made = outcome.promoted.filter((entry) => entry.source === source)
        const text = `Repository ${name}: promoted ${source} to ${made.map((entry) => promotedText(entry, dryRun)).join(', ')}`
        lines.push({ level: 'info', text: dryRun ? text.replace(': promoted', ': would promote') : text })
      }
    }
    return lines
  },

  output: (outcome) => (outcome ? { tags: outcome.tags, promoted: outcome.promoted } : {}),

  stepOutputs(outcomes) {
    // One repository with one listed tag: its digest, for release notes and signing.
    const [only, ...others] = outcomes
    const digest = others.length === 0 && only?.tags.length === 1 ? (only.tags[0].digest ?? '') : ''
    return { digest }
  },

  rows(outcome, _wish, dryRun) {
    if (!outcome) return []
    const rows: [string, string][] = []
    if (outcome.tags.length > 0) rows.push(['Tags', escapeHtml(outcome.tags.map(detailText).join(', '))])
    if (outcome.promoted.length > 0) {
      const text = outcome.promoted.map((entry) => `${entry.source} → ${promotedText(entry, dryRun)}`).join(', ')
      rows.push(['Promoted', escapeHtml(text)])
    }
    return rows
  },
}
