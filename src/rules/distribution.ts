// Where a repository's images go beyond its own region: the regions they are synced to (sync_to, sync_override) and
// the accounts the repository is shared with (share_with), each line checked before any request.
import { type InputReader, quote } from './input-table.js'
import { NAMESPACE_RULE, nameProblem } from './names.js'

export interface SyncTarget {
  region: string
  namespace: string
}

export interface SyncWish {
  targets: SyncTarget[]
  /** Whether a synced image may replace a different image of the same tag in the target. */
  override: boolean
}

/** A share's end: "forever", or the last day (UTC) as YYYY-MM-DD. */
export type ShareDeadline = 'forever' | `${number}-${number}-${number}`

export interface ShareWish {
  account: string
  deadline: ShareDeadline
}

/** A region ID's form: cn-north-4, ap-southeast-1, eu-west-101. */
export const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,3}$/

/**
 * The regions where SWR offers cross-region sync, as its user guide lists them (docs/api-notes.md, "Image sync and
 * sharing"): Beijing1, Beijing4, Ulanqab1, Shanghai1, Shanghai2, Guangzhou, Guiyang1, Hong Kong, Bangkok, Singapore,
 * Johannesburg.
 */
export const SYNC_REGIONS = [
  'cn-north-1',
  'cn-north-4',
  'cn-north-9',
  'cn-east-3',
  'cn-east-2',
  'cn-south-1',
  'cn-southwest-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'af-south-1',
]

const notSyncRegion = (region: string, what: string) =>
  `${what} ${region} is not one where SWR offers sync between regions: ${SYNC_REGIONS.join(', ')}.`
/** Account names as the console takes them; no spaces, so that "until" is never part of one. */
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** "2027-06-30", if it is a real calendar date. */
function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text)
  if (!match) return false
  const [year, month, day] = match.slice(1).map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** The sync targets of the lines, or the problems with them. */
export function parseSyncTargets(
  lines: string[],
  source: { region: string; namespace: string },
): SyncTarget[] | string[] {
  const problems: string[] = []
  const targets: SyncTarget[] = []
  if (lines.length > 0 && REGION.test(source.region) && !SYNC_REGIONS.includes(source.region)) {
    problems.push(`Input sync_to needs the repository's region to sync from: ${notSyncRegion(source.region, 'region')}`)
  }
  for (const line of lines) {
    const [region, namespace = source.namespace, ...rest] = line.split('/')
    const accepted = 'REGION or REGION/ORGANIZATION, e.g. "cn-east-3" or "cn-east-3/team"'
    if (rest.length > 0 || !REGION.test(region)) {
      problems.push(`Input sync_to has ${quote(line)}, which is not a target: give ${accepted}.`)
      continue
    }
    if (!SYNC_REGIONS.includes(region)) {
      problems.push(`Input sync_to has ${quote(line)}: ${notSyncRegion(region, 'the region')}`)
      continue
    }
    const problem = nameProblem(namespace, NAMESPACE_RULE)
    if (problem) {
      problems.push(`Input sync_to has ${quote(line)}: the organization is not a valid SWR name: ${problem}.`)
      continue
    }
    if (region === source.region && namespace === source.namespace) {
      problems.push(`Input sync_to has ${quote(line)}, the repository's own region and organization.`)
      continue
    }
    if (targets.some((target) => target.region === region && target.namespace === namespace)) {
      problems.push(`Input sync_to lists ${region}/${namespace} more than once.`)
      continue
    }
    targets.push({ region, namespace })
  }
  return problems.length > 0 ? problems : targets
}

/** The shares of the lines (`ACCOUNT` or `ACCOUNT until YYYY-MM-DD`), or the problems with them. */
export function parseShares(lines: string[], today: Date): ShareWish[] | string[] {
  const problems: string[] = []
  const shares: ShareWish[] = []
  const todayText = today.toISOString().slice(0, 10)
  for (const line of lines) {
    const [account, keyword, date, ...rest] = line.split(/\s+/)
    const accepted = 'ACCOUNT (shared forever) or ACCOUNT until YYYY-MM-DD, e.g. "prod-account until 2027-06-30"'
    if (!ACCOUNT.test(account) || rest.length > 0 || (keyword !== undefined && (keyword !== 'until' || !date))) {
      problems.push(`Input share_with has ${quote(line)}, which is not a share: give ${accepted}.`)
      continue
    }
    if (date !== undefined && !isCalendarDate(date)) {
      problems.push(`Input share_with has ${quote(line)}: ${quote(date)} is not a date in the form YYYY-MM-DD.`)
      continue
    }
    if (date !== undefined && date <= todayText) {
      problems.push(`Input share_with has ${quote(line)}: the share would end on or before today (${todayText}, UTC).`)
      continue
    }
    if (shares.some((share) => share.account.toLowerCase() === account.toLowerCase())) {
      problems.push(`Input share_with lists the account ${account} more than once.`)
      continue
    }
    shares.push({ account, deadline: (date ?? 'forever') as ShareDeadline })
  }
  return problems.length > 0 ? problems : shares
}

/** The sync_to and sync_override inputs, once the repository's region and organization are known. */
export function readSync(read: InputReader, source: { region: string; namespace: string }): SyncWish | undefined {
  const override = read.boolean('sync_override') as boolean
  const targets = parseSyncTargets(read.lines('sync_to'), source)
  if (isProblems(targets)) for (const problem of targets) read.fail(problem)
  if (override && read.lines('sync_to').length === 0) read.fail('Input sync_override: true needs sync_to.')
  return !isProblems(targets) && targets.length > 0 ? { targets, override } : undefined
}

/** The share_with input; deadlines are checked against today. */
export function readShares(read: InputReader, today: Date): ShareWish[] | undefined {
  const shares = parseShares(read.lines('share_with'), today)
  if (isProblems(shares)) for (const problem of shares) read.fail(problem)
  return !isProblems(shares) && shares.length > 0 ? shares : undefined
}

const isProblems = (parsed: unknown[]): parsed is string[] => parsed.some((entry) => typeof entry === 'string')

/** Why the images of a repository with more tags than a new rule copies are not copied, and what to do. */
export const tooManyTags = (name: string, count: number | string, most: number): string =>
  `Repository ${name} holds ${count} tags, more than the ${most} this action copies to a new sync target. Copy them ` +
  'with the console, or keep fewer (a retention policy), then run the job again.'
