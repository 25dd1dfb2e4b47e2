// `npm start`: the action against the built-in SWR emulator, exactly as a runner starts it, twice:
// the first run creates the organization and repository, the second finds them with one request.
import { DEMO_KEY_ENV, SwrEmulator } from '../emulator/swr-emulator.js'
import { runAction } from '../runner/run-action.js'

const emulator = new SwrEmulator()
const endpoint = await emulator.start()
const inputs = { namespace: 'demo-team', repository: 'apps/web', category: 'linux', region: 'cn-north-4', endpoint }
const env = DEMO_KEY_ENV

console.log(`SWR emulator at ${endpoint}; inputs: ${JSON.stringify(inputs)}\n`)
let failed = false
for (const label of ['First run (nothing exists yet)', 'Second run (both exist)']) {
  emulator.resetLog()
  const run = await runAction(inputs, { env })
  console.log(`== ${label}: exit code ${run.exitCode}, ${run.durationMs.toFixed(0)} ms`)
  console.log(run.stdout.trimEnd())
  if (run.stderr) console.log(run.stderr.trimEnd())
  console.log('-- outputs')
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}=${value}`)
  console.log('-- requests the emulator received')
  for (const request of emulator.requests) {
    console.log(
      `${request.method} ${request.target} -> ${request.status} (connection ${request.connection}, ${request.auth})`,
    )
  }
  console.log(`${emulator.requests.length} requests over ${emulator.connections} connection(s)\n`)
  failed ||= run.exitCode !== 0
}
await emulator.stop()
process.exitCode = failed ? 1 : 0
