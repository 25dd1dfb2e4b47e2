// The runner port bound to @actions/core: the only code that touches the toolkit.
import * as core from '@actions/core'
import type { GithubRepository, Runner } from '../flow/runner-port.js'

/** The runner; the workflow's context comes from `githubRepository`, which only the main step needs (and loads). */
export function coreRunner(
  githubRepository: () => Promise<GithubRepository | undefined> = async () => undefined,
): Runner {
  return {
    input: (name) => core.getInput(name),
    booleanInput: (name) => (core.getInput(name) === '' ? undefined : core.getBooleanInput(name)),
    env: process.env,
    info: (text) => core.info(text),
    warning: (text) => core.warning(text),
    debug: (text) => core.debug(text),
    startGroup: (name) => core.startGroup(name),
    endGroup: () => core.endGroup(),
    mask: (secret) => core.setSecret(secret),
    setOutput: (name, value) => core.setOutput(name, value),
    saveState: (name, value) => core.saveState(name, value),
    state: (name) => core.getState(name),
    fail: (message) => core.setFailed(message),
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
