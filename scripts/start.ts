// `npm start`: the action against the built-in SWR emulator, exactly as a runner starts it, twice: the first run
// creates the organization and repository and logs Docker in, the second finds them with one request and logs in
// again with one more, each in a job of its own: the registry is asked to accept the login, and each job's post
// step removes its login when the job ends. `npm start -- --debug` shows the debug lines too.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_KEY_ENV, SwrEmulator } from '../emulator/swr-emulator.js'
import { runAction, runPost, shownLog } from '../runner/run-action.js'

// The action's debug lines (each request and error body) only when asked: `npm start -- --debug`, or RUNNER_DEBUG=1
// as on a runner with debug logging.
const debug = process.argv.includes('--debug') || process.env.RUNNER_DEBUG === '1'
/** A step's log as the runner shows it, without the debug lines unless asked for. */
const story = (stdout: string) =>
  shownLog(stdout)
    .split('\n')
    .filter((line) => debug || !line.startsWith('::debug::'))
    .join('\n')
    .trimEnd()

const emulator = new SwrEmulator()
const endpoint = await emulator.start()
const home = mkdtempSync(join(tmpdir(), 'swr-start-home-'))
const configPath = join(home, '.docker', 'config.json')
const inputs = {
  namespace: 'demo-team',
  repository: 'apps/web',
  category: 'linux',
  region: 'cn-north-4',
  endpoint,
  login: 'true',
}
const env = DEMO_KEY_ENV

/** The config file as written, with every auth value shown as ***. */
function shownConfig(): string {
  try {
    const text = readFileSync(configPath, 'utf8')
    return text.replace(/("auth":\s*")[^"]*"/g, '$1***"')
  } catch {
    return '(no file)'
  }
}

console.log(`SWR emulator at ${endpoint}; inputs: ${JSON.stringify(inputs)}\n`)
let failed = false
let state: Record<string, string> = {}

/** The post step, as the runner runs it when the job ends, and the config it leaves. */
async function postStep(state: Record<string, string>): Promise<void> {
  const post = await runPost(inputs, state, { env, home })
  console.log(`== The post step, at the end of the job: exit code ${post.exitCode}, ${post.durationMs.toFixed(0)} ms`)
  console.log(story(post.stdout))
  console.log(`-- Docker's config file after it`)
  console.log(`${shownConfig()}\n`)
  failed ||= post.exitCode !== 0
}

for (const label of ['First job (nothing exists yet)', 'Second job (both exist)']) {
  emulator.resetLog()
  const run = await runAction(inputs, { env, home })
  console.log(`== ${label}: exit code ${run.exitCode}, ${run.durationMs.toFixed(0)} ms`)
  console.log(story(run.stdout))
  if (run.stderr) console.log(run.stderr.trimEnd())
  console.log('-- outputs')
  for (const [name, value] of Object.entries(run.outputs)) {
    console.log(`${name}=${name === 'docker_password' ? '***' : value}`)
  }
  console.log('-- requests the emulator received')
  for (const request of emulator.requests) {
    console.log(
      `${request.method} ${request.target} -> ${request.status} (connection ${request.connection}, ${request.auth})`,
    )
  }
  console.log(`${emulator.requests.length} requests over ${emulator.connections} connection(s)\n`)
  failed ||= run.exitCode !== 0
  if (label.startsWith('First')) await postStep(run.state)
  else state = run.state
}

console.log(`== Docker's config file, ${configPath}`)
console.log(shownConfig())
const auth = JSON.parse(readFileSync(configPath, 'utf8')).auths?.[emulator.registryHost]?.auth as string
const answer = await fetch(`${endpoint}/v2/`, { headers: { Authorization: `Basic ${auth}` } })
console.log(`-- the registry, asked as a registry client asks (GET /v2/ with that login): HTTP ${answer.status}\n`)
failed ||= answer.status !== 200

await postStep(state)

await emulator.stop()
rmSync(home, { recursive: true, force: true })
process.exitCode = failed ? 1 : 0
