// What of a result may be shown in the log, the outputs and the summary: every value that came from a server made
// safe (secrets removed, control characters escaped, length bounded). Decisions were made on the values as read;
// everything shown is made from this, so the log, outputs and summary agree.
import type { EnsureResult } from './ensure.js'
import type { Feature } from './feature.js'
import { cleanInfo } from '../clients/swr/repository-info.js'

export function shownResult(result: EnsureResult, features: readonly Feature[]): EnsureResult {
  return {
    ...result,
    results: result.results.map((entry) => {
      if ('error' in entry) return entry
      const outcomes = Object.fromEntries(
        Object.entries(entry.outcomes).map(([name, outcome]) => {
          const feature = features.find((candidate) => candidate.name === name)
          return [name, feature?.clean ? feature.clean(outcome) : outcome]
        }),
      )
      return { ...entry, info: cleanInfo(entry.info), outcomes }
    }),
  }
}
