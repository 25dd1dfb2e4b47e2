// The job summary: a table per repository, readable at a glance. Every value is escaped: names come from inputs
// and messages from servers.
import { type EnsureResult, wishesOf } from './ensure.js'
import { undeclaredState } from './inventory.js'
import { imageOf, isFailure, type OutputContext } from './outputs.js'
import { escapeHtml } from '../rules/server-text.js'

export { escapeHtml } from '../rules/server-text.js'

export interface SummaryContext extends OutputContext {
  dryRun: boolean
  /** Each feature's wish, by the feature's name; each repository's own, from a repositories file. */
  wishes: Readonly<Record<string, unknown>>
  perRepository?: ReadonlyMap<string, Readonly<Record<string, unknown>>>
}

export interface SummaryTable {
  heading: string
  rows: [string, string][]
}

export interface SummaryModel {
  title: string
  lead: string
  tables: SummaryTable[]
}

function formatSize(bytes: unknown): string {
  const size = Number(bytes)
  if (!Number.isFinite(size)) return ''
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = size
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`
}

const code = (text: string) => `<code>${escapeHtml(text)}</code>`

/** Repositories the summary gives a table each, at most (about 600 bytes a table, far below the 1 MiB it may be). */
const SUMMARY_TABLES = 250

/** The summary's content, every value already escaped. */
export function summaryModel(
  result: EnsureResult,
  context: SummaryContext,
  login?: { host: string; expiresAt: Date },
  /** Why the login failed, when it did: every failure shows in the summary, the login's too. */
  loginFailure?: string,
): SummaryModel {
  const would = (done: string, planned: string) => (context.dryRun ? planned : done)
  // A failed organization fails every repository that needed it with the same error: said once, above them.
  const failures = result.results.filter(isFailure)
  const shared = failures.find((failure) => failures.filter((other) => other.error === failure.error).length > 1)?.error
  const lead = [
    context.dryRun ? '<strong>Dry run</strong>: nothing was changed; this is what a real run would do.' : '',
    namespaceSentence(result.namespace, context, would),
    shared ? `${context.namespaceWord} ${code(context.namespace)} failed: ${escapeHtml(shared.message)}` : '',
    login ? `Logged in to ${code(login.host)} until ${escapeHtml(login.expiresAt.toISOString())}.` : '',
    loginFailure ? `<strong>The login failed</strong>: ${escapeHtml(loginFailure)}` : '',
    buildSentence(context),
  ]
    .filter(Boolean)
    .join(' ')
  const repositoryState = {
    'awaiting first push': 'created by the first push',
    created: would('created', 'would be created'),
    exists: 'existed',
  }
  // A job summary is refused past 1 MiB: a table for each of the first 250 repositories, the rest said in one line.
  const shown = result.results.slice(0, SUMMARY_TABLES)
  const tables = shown.map((entry): SummaryTable => {
    const heading = escapeHtml(`${context.namespace}/${entry.repository}`)
    if (isFailure(entry)) {
      return {
        heading,
        rows: [
          ['Failed', entry.error === shared ? 'the organization failed (above)' : escapeHtml(entry.error.message)],
        ],
      }
    }
    const { info } = entry
    return {
      heading,
      rows: [
        ['Image to push', code(imageOf(entry, context))],
        ['Visibility', info.is_public === undefined ? 'not given by SWR' : info.is_public ? 'public' : 'private'],
        ['Category', escapeHtml(String(info.category ?? ''))],
        ['Images', escapeHtml(String(info.num_images ?? 0))],
        ['Size', escapeHtml(formatSize(info.size ?? 0))],
        ['Repository', repositoryState[entry.state]],
        ...context.features.flatMap((feature) =>
          feature.rows(entry.outcomes[feature.name], wishesOf(context, entry.repository)[feature.name], context.dryRun),
        ),
      ],
    }
  })
  const more = result.results.length - shown.length
  if (more > 0) {
    tables.push({
      heading: escapeHtml(`${more} more repositories`),
      rows: [['Each', 'in the repositories output, with the same fields']],
    })
  }
  // The drift of the organization against the step: declared in line, declared but differing, not declared.
  if (result.undeclared && result.undeclared.length > 0) {
    const listed = result.undeclared.slice(0, SUMMARY_TABLES)
    const unlisted = result.undeclared.length - listed.length
    const rows = listed.map((entry): [string, string] => [
      escapeHtml(entry.name),
      escapeHtml(undeclaredState(entry, context.dryRun)),
    ])
    if (unlisted > 0) rows.push([`${unlisted} more`, 'in the undeclared output'])
    tables.push({ heading: escapeHtml(`${context.namespace}: not declared in this step`), rows })
  }
  return { title: 'SWR repositories', lead, tables }
}

/** Which form the target takes, and the outputs that make the build produce it. */
function buildSentence(context: OutputContext): string {
  const settings = context.build
  const outputs =
    settings.mediaTypes === 'docker'
      ? `${code(`outputs: ${settings.outputs}`)}, ${code('provenance: false')}, ${code('sbom: false')}`
      : code(`outputs: ${settings.outputs}`)
  const form = settings.mediaTypes === 'docker' ? 'Docker media types and no attestations' : "BuildKit's defaults"
  return `Build with ${form} (${outputs}, from this step's outputs): ${escapeHtml(settings.why)}.`
}

/** Only what an answer said of the organization: nothing when the run failed before any did. */
function namespaceSentence(
  state: EnsureResult['namespace'],
  context: OutputContext,
  would: (done: string, planned: string) => string,
): string {
  if (state === 'unknown') return ''
  return `${context.namespaceWord} ${code(context.namespace)}: ${state === 'created' ? would('created', 'would be created') : 'existed'}.`
}
