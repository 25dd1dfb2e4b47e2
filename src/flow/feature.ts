// A repository feature (settings, retention, sync, shares, and the next) is one module that declares everything the
// run needs of it: its inputs and the reader that checks them, the inputs an instance does not take (and why), the
// SWR operations it calls (so, its permissions), its step over the repository, and how its outcome is shown in the
// log, the `repositories` output and the summary. The ensure pipeline (ensure.ts) runs the list in features.ts; the
// tables derived from the list are checked by __tests__/features.test.ts.
import type { RepositoryInfo } from '../clients/swr/repository-info.js'
import type { SwrOperation } from '../clients/swr/permissions.js'
import type { SwrApi } from '../clients/swr/swr-api.js'
import type { FeatureReader } from '../rules/inputs.js'
import type { Edition, EditionKind, RepositoryState } from './edition.js'

/** What a feature's step knows of the run and the repository, and may add to. */
export interface RepositoryStep {
  edition: Edition
  namespace: string
  repository: string
  state: RepositoryState
  info: RepositoryInfo
  updateExisting: boolean
  dryRun: boolean
  /** What this run has done to the repository so far, in words, for a failure's message. */
  progress: string[]
}

export interface FeatureLine {
  level: 'info' | 'warning'
  text: string
}

export interface Feature<Wish = unknown, Outcome = unknown> extends FeatureReader<Wish> {
  /** The editions whose repositories the step runs on (an instance may take an input for something else). */
  editions: readonly EditionKind[]
  /** The operations the step may call: the permissions the README lists for the feature. */
  operations: readonly SwrOperation[]
  /**
   * Brings the repository in line with the wish; the info as it is afterwards when the step changed it. A step may
   * import what it needs on first use (sync and shares do): __tests__/bundle.test.ts checks that stays out of the
   * main bundle.
   */
  ensure(step: RepositoryStep, wish: Wish): Promise<{ outcome: Outcome; info?: RepositoryInfo }>
  /** Server text in the outcome, made safe to show. */
  clean?(outcome: Outcome): Outcome
  /** What the log says; `name` is "NAMESPACE/REPOSITORY". */
  lines(name: string, outcome: Outcome, dryRun: boolean): FeatureLine[]
  /** The fields of the repository's entry in the `repositories` output; the outcome is absent when not asked for. */
  output(outcome: Outcome | undefined): Record<string, unknown>
  /**
   * Step outputs of the feature's own, from each repository's outcome (undefined where it has none), written on
   * every run so that a later step can always read them.
   */
  stepOutputs?(outcomes: (Outcome | undefined)[]): Record<string, string>
  /** The summary's rows, their values escaped; the wish is given when the run asked for the feature. */
  rows(outcome: Outcome | undefined, wish: Wish | undefined, dryRun: boolean): [string, string][]
}

/** The shared edition's operations and other regions, for a feature only it takes (run nowhere else). */
export function shared(step: RepositoryStep): NonNullable<Edition['shared']> {
  if (!step.edition.shared) throw new Error('This feature runs in the shared edition only.')
  return step.edition.shared
}

/** The shared edition's operations. */
export const sharedApi = (step: RepositoryStep): SwrApi => shared(step).api
