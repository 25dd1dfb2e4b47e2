// What the log says about a run, and the one message a failed step ends with: pure functions of the result.
import type { EnsureResult } from './ensure.js'
import { describeUndeclared } from './inventory.js'
import { imageOf, isFailure, otherRegistryInPath, type OutputContext } from './outputs.js'

export interface ReportContext extends OutputContext {
  dryRun: boolean
}

export interface LogLine {
  level: 'info' | 'warning'
  text: string
  /** The repository the line is about ("NAMESPACE/REPOSITORY"); absent for the namespace's line. */
  repository?: string
}

/** One line for the organization, then per repository what was found, created or changed. */
export function reportLines(result: EnsureResult, context: ReportContext): LogLine[] {
  const would = (done: string, planned: string) => (context.dryRun ? planned : done)
  const info = (text: string): LogLine => ({ level: 'info', text })
  const lines: LogLine[] = []
  // Only what an answer said: nothing when the run failed before any did.
  if (result.namespace !== 'unknown') {
    const state = result.namespace === 'created' ? would('created', 'would be created') : 'exists'
    lines.push(info(`${context.namespaceWord} ${context.namespace}: ${state}`))
  }
  if (result.undeclared && result.undeclared.length > 0) {
    // A line, not a page: the first 20, and the undeclared output holds them all.
    const named = result.undeclared.slice(0, 20).map((entry) => describeUndeclared(entry, context.dryRun))
    const more = result.undeclared.length - named.length
    const described = `${named.join(', ')}${more > 0 ? ` and ${more} more (the undeclared output lists them)` : ''}`
    lines.push(info(`${context.namespaceWord} ${context.namespace}: not declared in this step: ${described}`))
  }
  for (const entry of result.results) {
    if (isFailure(entry)) continue
    const name = `${context.namespace}/${entry.repository}`
    const first = lines.length
    const state = {
      'awaiting first push': 'not pushed yet (the first push creates it)',
      created: would('created', 'would be created'),
      exists: 'exists',
    }[entry.state]
    lines.push(info(`Repository ${name}: ${state}; image ${imageOf(entry, context)}`))
    const other = otherRegistryInPath(entry, context)
    if (other) {
      lines.push({
        level: 'warning',
        text:
          `Repository ${name}: SWR gives its path on the registry ${other}, not ${context.registry}, the registry ` +
          `this run expects: the outputs name ${context.registry}, and a login goes nowhere else. If images of this ` +
          `endpoint go to ${other}, set the input registry to it.`,
      })
    }
    for (const feature of context.features) {
      const outcome = entry.outcomes[feature.name]
      if (outcome !== undefined) lines.push(...feature.lines(name, outcome, context.dryRun))
    }
    for (const line of lines.slice(first)) line.repository = name
  }
  return lines
}

/** One message for the step's failure, naming each repository that failed, after all were tried. */
export function failureMessage(result: EnsureResult, namespace: string): string | undefined {
  const failures = result.results.filter(isFailure)
  if (failures.length === 0) return undefined
  // A failed organization step fails every repository with the same error: say it once.
  const shared = failures.length > 1 && failures.every((failure) => failure.error === failures[0].error)
  if (result.results.length === 1 || shared) return failures[0].error.message
  const lines = failures.map((failure) => `- ${namespace}/${failure.repository}: ${failure.error.message}`)
  return `${failures.length} of ${result.results.length} repositories failed:\n${lines.join('\n')}`
}
