// The post step as the runner starts it: the post step's flow, bound to @actions/core and the Docker clients.
import { logOut } from '../flow/logout.js'
import { postStep } from '../flow/post-step.js'
import { coreRunner } from './core-runner.js'

export async function post(): Promise<void> {
  await postStep(coreRunner(), { logOut })
}
