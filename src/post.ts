// The post step (runs.post, run when the job ends, also when it failed): removes the registry login the main step
// made, when it made one and logout is true. The only code besides main.ts that touches @actions/core.
import * as core from '@actions/core'
import { LOGIN_STATE } from './login.js'
import { logOut, readRecord } from './logout.js'

export async function post(): Promise<void> {
  const record = readRecord(core.getState(LOGIN_STATE))
  if (!record) return
  const done = await logOut(record, process.env)
  ;(done.level === 'warning' ? core.warning : core.info)(done.text)
}

void post()
