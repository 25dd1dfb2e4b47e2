// The post step (runs.post, run when the job ends, also when it failed): removes the registry login the main step
// made, when it made one and logout is true, and puts back the login it replaced. The only code besides main.ts
// that touches @actions/core.
import * as core from '@actions/core'
import { stepSecrets } from './credentials.js'
import { LOGIN_STATE, readRecord, recordSecrets } from './login-state.js'
import { logOut } from './logout.js'
import { addSecret } from './server-text.js'

export async function post(): Promise<void> {
  try {
    const record = readRecord(core.getState(LOGIN_STATE))
    if (!record) return
    for (const secret of [...stepSecrets(core.getInput, process.env), ...recordSecrets(record)]) {
      core.setSecret(secret)
      addSecret(secret)
    }
    const done = await logOut(record, process.env)
    ;(done.level === 'warning' ? core.warning : core.info)(done.text)
  } catch (error) {
    // The post step never fails the job: what it could not do is a warning.
    core.warning(error instanceof Error ? error.message : String(error))
  }
}

void post()
