// The readers of the inputs only some runs give (sync_to and share_with; instance and project_id), loaded by the
// runs that give them: the others never parse them at start-up.
import type { InputName, InputSource } from './input-table.js'
import type { readDistribution } from './distribution.js'
import type { readEnterprise } from './enterprise.js'

export interface OptionalReaders {
  distribution?: typeof readDistribution
  enterprise?: typeof readEnterprise
}

/** The inputs each reader reads: given any of them, the run needs the reader. */
export const OPTIONAL_INPUTS = {
  distribution: ['sync_to', 'share_with', 'sync_override'],
  enterprise: ['instance', 'project_id'],
} as const satisfies Record<keyof OptionalReaders, InputName[]>

/** An input given: text, or a boolean set to true (false is every boolean's default). */
export const isGiven = (text: string): boolean => text.trim() !== '' && text.trim().toLowerCase() !== 'false'

export async function optionalReaders(text: (name: InputName) => string): Promise<OptionalReaders> {
  const needs = (reader: keyof OptionalReaders) => OPTIONAL_INPUTS[reader].some((name) => isGiven(text(name)))
  return {
    distribution: needs('distribution') ? (await import('./distribution.js')).readDistribution : undefined,
    enterprise: needs('enterprise') ? (await import('./enterprise.js')).readEnterprise : undefined,
  }
}

/** A programming error, not the workflow's: the caller loads the readers its inputs need (optionalReaders). */
export function assertReadersLoaded(source: InputSource, readers: OptionalReaders): void {
  for (const [reader, names] of Object.entries(OPTIONAL_INPUTS)) {
    if (!readers[reader as keyof OptionalReaders] && names.some((name) => isGiven(source.text(name)))) {
      throw new Error(`The ${reader} inputs were given, but their reader was not loaded.`)
    }
  }
}
