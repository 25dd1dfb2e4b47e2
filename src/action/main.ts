// The main step as the runner starts it: the main step's flow, bound to @actions/core and the real services.
import { mainStep } from '../flow/main-step.js'
import { clientServices } from './services.js'
import { coreRunner } from './core-runner.js'
import { githubRepository } from './workflow.js'

export async function run(): Promise<void> {
  const runner = coreRunner(githubRepository)
  let finished = false
  // Should a request ever be left waiting on nothing, Node would exit as if all went well: fail the step instead.
  process.once('exit', () => {
    if (finished) return
    runner.fail('The action stopped before it finished: a request was left without an answer.')
    process.exitCode = 1
  })
  try {
    await mainStep(runner, clientServices)
  } finally {
    finished = true
  }
}
