// What the log and the job summary say of a repository's sync rules and shares: pure functions of the outcomes.
import type { ShareOutcome, SyncOutcome } from './distribution.js'
import type { ShareDeadline } from '../rules/distribution.js'

export interface DistributionLine {
  level: 'info' | 'warning'
  text: string
}

const until = (deadline: ShareDeadline) => (deadline === 'forever' ? 'forever' : `until ${deadline}`)
const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`

/** One sync target as the log and summary show it: "cn-east-3/team (created; 3 images copied)". */
export function describeSync(outcome: SyncOutcome, dryRun: boolean): string {
  if (outcome.action === 'exists') return `${outcome.target} (exists)`
  if (outcome.action === 'also') return `${outcome.target} (not listed: left as is)`
  if (outcome.action === 'differs') return `${outcome.target} (override ${outcome.was}; differs from sync_override)`
  if (outcome.action === 'replaced') {
    const done = dryRun ? 'would be made anew' : 'made anew'
    return `${outcome.target} (${done} with override ${!outcome.was}, was ${outcome.was})`
  }
  const images = plural(outcome.copied ?? 0, 'image')
  const copied = !outcome.copied ? '' : dryRun ? `; would copy ${images}` : `; ${images} copied`
  return `${outcome.target} (${dryRun ? 'would be created' : 'created'}${copied})`
}

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

/** The log lines of a repository's sync rules and shares, with a warning for what was left differing or unchecked. */
export function distributionLines(
  name: string,
  entry: { sync?: SyncOutcome[]; shares?: ShareOutcome[] },
  dryRun: boolean,
): DistributionLine[] {
  const lines: DistributionLine[] = []
  if (entry.sync) {
    const described = entry.sync.map((outcome) => describeSync(outcome, dryRun)).join(', ')
    lines.push({ level: 'info', text: `Repository ${name}: synced to ${described}` })
    for (const outcome of entry.sync.filter((candidate) => candidate.action === 'differs')) {
      lines.push({
        level: 'warning',
        text:
          `Repository ${name}: the rule syncing to ${outcome.target} has override ${outcome.was}, not ` +
          `${!outcome.was} as sync_override says, and was left as it is. Set update_existing: true to make it anew.`,
      })
    }
    for (const outcome of entry.sync.filter((candidate) => candidate.organizationNote)) {
      lines.push({
        level: 'warning',
        text:
          `Repository ${name}: the rule syncing to ${outcome.target} was created without making sure its organization ` +
          `exists there (${outcome.organizationNote}). Create the organization in that region if it does not exist.`,
      })
    }
  }
  if (entry.shares) {
    const described = entry.shares.map((outcome) => describeShare(outcome, dryRun)).join(', ')
    lines.push({ level: 'info', text: `Repository ${name}: shared with ${described}` })
    for (const outcome of entry.shares.filter((candidate) => candidate.action === 'differs')) {
      lines.push({
        level: 'warning',
        text:
          `Repository ${name}: the share with ${outcome.account} lasts ${until(outcome.was ?? 'forever')}, not ` +
          `${until(outcome.deadline)} as share_with says, and was left as it is. Set update_existing: true to update it.`,
      })
    }
  }
  return lines
}
