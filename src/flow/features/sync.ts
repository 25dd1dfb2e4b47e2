// Image sync to other regions (sync_to, sync_override): one read of the repository's rules (none for a repository
// this run created), then only the writes needed. The steps live in ../distribution.js, loaded by the runs that ask.
import { readSync, type SyncWish } from '../../rules/distribution.js'
import { cleanServerText, escapeHtml } from '../../rules/server-text.js'
import type { SyncOutcome } from '../distribution.js'
import { type Feature, shared } from '../feature.js'

/** One sync target as the log and summary show it: "cn-east-3/team (created; 3 images copied)". */
export function describeSync(outcome: SyncOutcome, dryRun: boolean): string {
  if (outcome.action === 'exists') return `${outcome.target} (exists)`
  if (outcome.action === 'also') return `${outcome.target} (not listed: left as is)`
  if (outcome.action === 'differs') return `${outcome.target} (override ${outcome.was}; differs from sync_override)`
  if (outcome.action === 'replaced') {
    const done = dryRun ? 'would be made anew' : 'made anew'
    return `${outcome.target} (${done} with override ${!outcome.was}, was ${outcome.was})`
  }
  const images = `${outcome.copied ?? 0} image${outcome.copied === 1 ? '' : 's'}`
  const copied = !outcome.copied ? '' : dryRun ? `; would copy ${images}` : `; ${images} copied`
  return `${outcome.target} (${dryRun ? 'would be created' : 'created'}${copied})`
}

const NOT_WITH_INSTANCE = 'an instance replicates images with its own policies, not managed by this action yet'

export const sync: Feature<SyncWish, SyncOutcome[]> = {
  name: 'sync',
  inputs: { sync_to: { kind: 'lines' }, sync_override: { kind: 'boolean', default: false } },
  notWithInstance: { sync_to: NOT_WITH_INSTANCE, sync_override: NOT_WITH_INSTANCE },
  editions: ['shared'],
  operations: [
    'listSyncRules',
    'createSyncRule',
    'deleteSyncRule',
    'listTags',
    'syncImages',
    'createNamespace',
    'showNamespace',
  ],

  read: (read, place) => readSync(read, place),

  async ensure(step, wish) {
    const { ensureSync } = await import('../distribution.js')
    const images = step.state === 'created' ? 0 : (step.info.num_images ?? 0)
    const request = { namespace: step.namespace, sync: wish, updateExisting: step.updateExisting, dryRun: step.dryRun }
    const state = { created: step.state === 'created', images }
    const { api, regions } = shared(step)
    const outcome = await ensureSync(api, regions, request, step.repository, state, step.progress)
    return { outcome: outcome ?? [] }
  },

  // Rules not listed come from SWR's lists.
  clean: (outcomes) => outcomes.map((outcome) => ({ ...outcome, target: cleanServerText(outcome.target) })),

  lines(name, outcomes, dryRun) {
    const described = outcomes.map((outcome) => describeSync(outcome, dryRun)).join(', ')
    const lines: ReturnType<Feature['lines']> = [{ level: 'info', text: `Repository ${name}: synced to ${described}` }]
    for (const outcome of outcomes.filter((candidate) => candidate.action === 'differs')) {
      lines.push({
        level: 'warning',
        text:
          `Repository ${name}: the rule syncing to ${outcome.target} has override ${outcome.was}, not ` +
          `${!outcome.was} as sync_override says, and was left as it is. Set update_existing: true to make it anew.`,
      })
    }
    for (const outcome of outcomes.filter((candidate) => candidate.organizationNote)) {
      lines.push({
        level: 'warning',
        text:
          `Repository ${name}: the rule syncing to ${outcome.target} was created without making sure its organization ` +
          `exists there (${outcome.organizationNote}). Create the organization in that region if it does not exist.`,
      })
    }
    return lines
  },

  output: (outcomes) => (outcomes ? { sync: outcomes } : {}),

  rows: (outcomes, _wish, dryRun) =>
    outcomes ? [['Synced to', escapeHtml(outcomes.map((outcome) => describeSync(outcome, dryRun)).join(', '))]] : [],
}
