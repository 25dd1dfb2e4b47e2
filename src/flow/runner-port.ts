// The port both steps run through: what a step reads from the runner and says to it. src/action/ binds
// @actions/core to it; the unit tests bind an in-memory runner, so that the steps run with no process.
import type { SummaryModel } from './summary.js'

export interface GithubRepository {
  owner: string
  name: string
}

export interface Runner {
  /** An input's text; '' when not given. */
  input(name: string): string
  /** A boolean input; undefined when not given; throws when it is not a boolean. */
  booleanInput(name: string): boolean | undefined
  readonly env: Record<string, string | undefined>
  info(text: string): void
  warning(text: string): void
  debug(text: string): void
  /** Starts a collapsible group of log lines; endGroup ends it. */
  startGroup(name: string): void
  endGroup(): void
  /** Hides a secret from the log. */
  mask(secret: string): void
  /**
   * Whether the log masks secrets (a GitHub runner consumes ::add-mask::); where it does not, the runner keeps every
   * secret it was told of out of what it prints.
   */
  readonly masking: boolean
  setOutput(name: string, value: string): void
  saveState(name: string, value: string): void
  state(name: string): string
  writeSummary(model: SummaryModel): Promise<void>
  /** Ends the step as failed, with the message. */
  fail(message: string): void
  /** The GitHub repository the workflow runs for, when the context knows it. */
  githubRepository(): Promise<GithubRepository | undefined>
}

/** What every part of a run shares: the environment, and the masking of each secret the moment it is known. */
export interface RunContext {
  readonly env: Record<string, string | undefined>
  /** Hides a secret from the log, and removes it from any server text the action shows or stores from then on. */
  mask(secret: string): void
  log: Pick<Runner, 'info' | 'debug'>
}
