// The runner port bound to @actions/core: the only code that touches the toolkit.
//
// Under a GitHub runner (GITHUB_ACTIONS=true) the runner consumes the workflow commands: ::add-mask:: hides a
// secret from the log, outputs and state go to their files. Anywhere else (a terminal, another CI system) nothing
// consumes them and they would print the secrets they carry: there masking is off, secrets are kept out of every
// line instead, and an output or state that would be printed has each secret in it replaced by ***.
import * as core from '@actions/core'
import type { GithubRepository, Runner } from '../flow/runner-port.js'

/** The runner; the workflow's context comes from `githubRepository`, which only the main step needs (and loads). */
export function coreRunner(
  githubRepository: () => Promise<GithubRepository | undefined> = async () => undefined,
  env: Record<string, string | undefined> = process.env,
): Runner {
  const consumed = env.GITHUB_ACTIONS === 'true'
  const secrets = new Set<string>()
  /** Text as it may reach a terminal: each secret, longest first, replaced by ***. */
  const kept = (text: string) =>
    consumed
      ? text
      : [...secrets].sort((a, b) => b.length - a.length).reduce((shown, s) => shown.replaceAll(s, '***'), text)
  /** An output or state goes to its file when the runner gives one; otherwise it is printed, so kept. */
  const printed = (file: string) => !env[file]
  return {
    input: (name) => core.getInput(name),
    booleanInput: (name) => (core.getInput(name) === '' ? undefined : core.getBooleanInput(name)),
    env,
    masking: consumed,
    info: (text) => core.info(kept(text)),
    warning: (text) => core.warning(kept(text)),
    debug: (text) => core.debug(kept(text)),
    startGroup: (name) => core.startGroup(kept(name)),
    endGroup: () => core.endGroup(),
    mask(secret) {
      if (consumed) core.setSecret(secret)
      else if (secret) secrets.add(secret)
    },
    setOutput: (name, value) => core.setOutput(name, printed('GITHUB_OUTPUT') ? kept(value) : value),
    saveState: (name, value) => core.saveState(name, printed('GITHUB_STATE') ? kept(value) : value),
    state: (name) => core.getState(name),
    fail: (message) => core.setFailed(kept(message)),
    githubRepository,
    async writeSummary(model) {
      core.summary.addHeading(model.title, 2)
      if (model.lead) core.summary.addRaw(`<p>${model.lead}</p>`, true)
      for (const table of model.tables) {
        core.summary
          .addHeading(table.heading, 3)
          .addTable(table.rows.map(([name, value]) => [{ data: name, header: true }, value]))
      }
      await core.summary.write()
    },
  }
}
