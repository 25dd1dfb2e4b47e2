// Sharing with other accounts (share_with): one read of the repository's shares (none for a repository this run
// created), then only the writes needed. The steps live in ../distribution.js, loaded by the runs that ask.
import { readShares, type ShareDeadline, type ShareWish } from '../../rules/distribution.js'
import { cleanServerText, escapeHtml } from '../../rules/server-text.js'
import type { ShareOutcome } from '../distribution.js'
import { type Feature, sharedApi } from '../feature.js'

const until = (deadline: ShareDeadline) => (deadline === 'forever' ? 'forever' : `until ${deadline}`)

/** One share as the log and summary show it: "prod-account (forever; created)". */
export function describeShare(outcome: ShareOutcome, dryRun: boolean): string {
  const when = until(outcome.deadline)
  switch (outcome.action) {
    case 'created':
      return `${outcome.account} (${when}; ${dryRun ? 'would be created' : 'created'})`
    case 'updated':
      return `${outcome.account} (${when}; ${dryRun ? 'would be updated' : 'updated'} from ${until(outcome.was ?? 'forever')})`
    case 'differs':
      return `${outcome.account} (${until(outcome.was ?? 'forever')}; differs from share_with)`
    case 'also':
      return `${outcome.account} (${when}; not listed: left as is)`
    default:
      return `${outcome.account} (${when}; exists)`
  }
}

export const shares: Feature<ShareWish[], ShareOutcome[]> = {
  name: 'shares',
  inputs: { share_with: { kind: 'lines' } },
  notWithInstance: { share_with: 'sharing is not managed by this action for an instance yet' },
  editions: ['shared'],
  operations: ['listShares', 'createShare', 'updateShare'],

  read: (read) => readShares(read, new Date()),

  async ensure(step, wish) {
    const { ensureShares } = await import('../distribution.js')
    const request = {
      namespace: step.namespace,
      shares: wish,
      updateExisting: step.updateExisting,
      dryRun: step.dryRun,
    }
    const state = { created: step.state === 'created', images: 0 }
    const outcome = await ensureShares(sharedApi(step), request, step.repository, state, step.progress)
    return { outcome: outcome ?? [] }
  },

  // Shares not listed come from SWR's lists.
  clean: (outcomes) => outcomes.map((outcome) => ({ ...outcome, account: cleanServerText(outcome.account) })),

  lines(name, outcomes, dryRun) {
    const described = outcomes.map((outcome) => describeShare(outcome, dryRun)).join(', ')
    const lines: ReturnType<Feature['lines']> = [
      { level: 'info', text: `Repository ${name}: shared with ${described}` },
    ]
    for (const outcome of outcomes.filter((candidate) => candidate.action === 'differs')) {
      lines.push({
        level: 'warning',
        text:
          `Repository ${name}: the share with ${outcome.account} lasts ${until(outcome.was ?? 'forever')}, not ` +
          `${until(outcome.deadline)} as share_with says, and was left as it is. Set update_existing: true to update it.`,
      })
    }
    return lines
  },

  output: (outcomes) => (outcomes ? { shares: outcomes } : {}),

  rows: (outcomes, _wish, dryRun) =>
    outcomes ? [['Shared with', escapeHtml(outcomes.map((outcome) => describeShare(outcome, dryRun)).join(', '))]] : [],
}
