// The post step (runs.post, run when the job ends, also when it failed): undoes the registry login the main step
// made, when it made one and logout is true, and puts back the login it replaced. It never fails the job: what it
// could not do is a warning.
import { stepSecrets } from '../rules/credentials.js'
import { addSecret } from '../rules/server-text.js'
import { LOGIN_STATE, type LoginRecord, readRecord, recordSecrets } from './login-state.js'
import type { Logout } from './logout.js'
import type { Runner } from './runner-port.js'

export interface PostServices {
  logOut(record: LoginRecord, env: Record<string, string | undefined>): Promise<Logout>
}

export async function postStep(runner: Runner, services: PostServices): Promise<void> {
  try {
    const record = readRecord(runner.state(LOGIN_STATE))
    if (!record) return
    // The step's secrets are kept from every tool it runs, as in the main step.
    for (const secret of [...stepSecrets((name) => runner.input(name), runner.env), ...recordSecrets(record)]) {
      runner.mask(secret)
      addSecret(secret)
    }
    const done = await services.logOut(record, runner.env)
    ;(done.level === 'warning' ? runner.warning : runner.info)(done.text)
  } catch (error) {
    runner.warning(error instanceof Error ? error.message : String(error))
  }
}
