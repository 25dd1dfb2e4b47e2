// `npm run bench`: the action against the alternatives, over HTTPS through an injected round-trip latency.
// Options: --latency 100,50 (milliseconds, one table each), --runs 5, --out bench/RESULTS.md.
// Each run gets a fresh emulator behind a latency relay; figures are the median and the range over the runs.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, release, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { generate } from 'selfsigned'
import { LatencyProxy } from '../emulator/latency-proxy.js'
import { actionDefaults, inputVariable, PROJECT_ROOT, runAction } from '../runner/run-action.js'
import { DEMO_ACCOUNT, SwrEmulator } from '../emulator/swr-emulator.js'
import { projectIdOf } from '../emulator/enterprise.js'

const { values: options } = parseArgs({
  options: {
    latency: { type: 'string', default: '100,50' },
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: join(PROJECT_ROOT, 'bench', 'RESULTS.md') },
  },
})
const latencies = options.latency.split(',').map(Number)
const runs = Number(options.runs)
const [KEY] = DEMO_ACCOUNT.accessKeys
const NAMESPACE = 'bench-team'

interface Scenario {
  name: string
  repositories: string[]
  /** Log Docker in to the registry as well. */
  login?: boolean
  seed(emulator: SwrEmulator): void
  /** Dependent round trips of the fewest-request flow (parallel requests share one). */
  lowerBoundRoundTrips: number
  lowerBoundRequests: number
  /** Inputs of the action's own (the official SDK script is not measured where it has no equivalent). */
  actionInputs?: Record<string, string>
}

/** An Enterprise Edition instance, by ID, with the project ID given: the fewest requests such a run makes. */
const INSTANCE_ID = '3f2c1a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b'
const ENTERPRISE_INPUTS = { instance: INSTANCE_ID, project_id: projectIdOf(DEMO_ACCOUNT, 'cn-north-4') }
function seedInstance(emulator: SwrEmulator, pushed: boolean): void {
  const address = 'bench.swr-ee.cn-north-4.myhuaweicloud.com'
  emulator.enterprise.addInstance({ id: INSTANCE_ID, name: 'bench', status: 'Running', access_address: address })
  if (!pushed) return
  emulator.enterprise.namespaces.set(`${INSTANCE_ID}/${NAMESPACE}`, { name: NAMESPACE, public: false })
  emulator.enterprise.push(INSTANCE_ID, NAMESPACE, 'web')
}

const repositoryNames = (count: number) => Array.from({ length: count }, (_, index) => `service-${index}`)

const scenarios: Scenario[] = [
  { name: 'first run', repositories: ['web'], seed: () => undefined, lowerBoundRoundTrips: 4, lowerBoundRequests: 4 },
  {
    name: 'steady state',
    repositories: ['web'],
    seed: (emulator) => void emulator.addRepository(NAMESPACE, 'web'),
    lowerBoundRoundTrips: 1,
    lowerBoundRequests: 1,
  },
  {
    name: 'steady state with login',
    repositories: ['web'],
    login: true,
    seed: (emulator) => void emulator.addRepository(NAMESPACE, 'web'),
    lowerBoundRoundTrips: 2,
    lowerBoundRequests: 2,
  },
  {
    name: 'steady state, one sync target and one share',
    repositories: ['web'],
    actionInputs: { sync_to: 'cn-east-3', share_with: 'prod-account' },
    seed: (emulator) => {
      emulator.addRepository(NAMESPACE, 'web')
      const rule = { remoteRegionId: 'cn-east-3', remoteNamespace: NAMESPACE, syncAuto: true, override: false }
      emulator.syncRules.set(`${NAMESPACE}/web`, [rule])
      emulator.shares.set(`${NAMESPACE}/web`, [{ access_domain: 'prod-account', permit: 'read', deadline: 'forever' }])
    },
    // The repository's read, its rules', its shares': over one connection, one after the other.
    lowerBoundRoundTrips: 3,
    lowerBoundRequests: 3,
  },
  {
    name: 'a new sync target for a repository holding 1,500 tags',
    repositories: ['web'],
    actionInputs: { sync_to: 'cn-east-3' },
    seed: (emulator) => {
      emulator.addRepository(NAMESPACE, 'web', { num_images: 1500 })
      emulator.tags.set(
        `${NAMESPACE}/web`,
        Array.from({ length: 1500 }, (_, index) => `v${index + 1}`),
      )
    },
    // The repository, its rules, the new rule, two tag pages of 1000, two copies of 1000: one after the other.
    lowerBoundRoundTrips: 7,
    lowerBoundRequests: 7,
  },
  {
    name: 'Enterprise Edition, first run',
    repositories: ['web'],
    actionInputs: ENTERPRISE_INPUTS,
    seed: (emulator) => seedInstance(emulator, false),
    // The instance, the repository (not pushed), the namespace (missing), creating it.
    lowerBoundRoundTrips: 4,
    lowerBoundRequests: 4,
  },
  {
    name: 'Enterprise Edition, steady state',
    repositories: ['web'],
    actionInputs: ENTERPRISE_INPUTS,
    seed: (emulator) => seedInstance(emulator, true),
    lowerBoundRoundTrips: 2,
    lowerBoundRequests: 2,
  },
  {
    name: 'Enterprise Edition, steady state with login',
    repositories: ['web'],
    login: true,
    actionInputs: ENTERPRISE_INPUTS,
    seed: (emulator) => seedInstance(emulator, true),
    lowerBoundRoundTrips: 3,
    lowerBoundRequests: 3,
  },
  ...[10, 100, 1000].map((count): Scenario => ({
    name: `${count.toLocaleString('en')} repositories of one organization, steady state`,
    repositories: repositoryNames(count),
    seed: (emulator) => {
      for (const name of repositoryNames(count)) emulator.addRepository(NAMESPACE, name)
    },
    // The organization's list and the first repository's own read, side by side.
    lowerBoundRoundTrips: 1,
    lowerBoundRequests: 2,
    // The official SDK script reads each repository (and creates it, answered 409): 2,001 requests for 1,000 is
    // measured for 10 and 100 only.
    ...(count === 1000 ? { actionInputs: {} } : {}),
  })),
  {
    name: '10 repositories, first run',
    repositories: repositoryNames(10),
    seed: () => undefined,
    lowerBoundRoundTrips: 4,
    lowerBoundRequests: 23,
  },
  {
    name: 'three repositories, first run',
    repositories: ['web', 'api', 'worker'],
    seed: () => undefined,
    lowerBoundRoundTrips: 4,
    lowerBoundRequests: 10,
  },
]

interface Sample {
  requests: number
  connections: number
  handshakes: number
  wallMs: number
}

type Contender = (endpoint: string, scenario: Scenario, caFile: string) => Promise<number>

/** Runs a process to its end; returns its wall time, failing loudly if it failed. */
async function timeProcess(args: string[], env: Record<string, string>): Promise<number> {
  // A home of its own, where a login's Docker config goes.
  const home = mkdtempSync(join(tmpdir(), 'swr-bench-home-'))
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: home, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const wallMs = performance.now() - started
  rmSync(home, { recursive: true, force: true })
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}: ${stderr.slice(0, 2000)}`)
  return wallMs
}

const contenders: Record<string, Contender> = {
  'this action': async (endpoint, scenario, caFile) => {
    const inputs = {
      namespace: NAMESPACE,
      repository: scenario.repositories.join('\n'),
      region: 'cn-north-4',
      endpoint,
      summary: 'false',
      login: scenario.login ? 'true' : 'false',
      ...scenario.actionInputs,
    }
    const env = {
      NODE_EXTRA_CA_CERTS: caFile,
      HUAWEI_CLOUD_ACCESS_KEY_ID: KEY.id,
      HUAWEI_CLOUD_SECRET_ACCESS_KEY: KEY.secret,
    }
    const run = await runAction(inputs, { env })
    if (run.exitCode !== 0) throw new Error(`the action failed: ${run.stdout}${run.stderr}`)
    return run.durationMs
  },
  'official SDK script': (endpoint, scenario, caFile) =>
    timeProcess([join(PROJECT_ROOT, 'bench', 'official-sdk.mjs')], {
      NODE_EXTRA_CA_CERTS: caFile,
      SWR_ENDPOINT: endpoint,
      SWR_NAMESPACE: NAMESPACE,
      SWR_REPOSITORIES: scenario.repositories.join(','),
      SWR_LOGIN: scenario.login ? 'cn-north-4' : '',
      HUAWEICLOUD_SDK_AK: KEY.id,
      HUAWEICLOUD_SDK_SK: KEY.secret,
      HUAWEICLOUD_SDK_PROJECT_ID: '0123456789abcdef0123456789abcdef',
    }),
}

async function measure(
  contender: Contender,
  scenario: Scenario,
  latencyMs: number,
  tls: Tls,
  caFile: string,
): Promise<Sample> {
  const emulator = new SwrEmulator({ tls })
  scenario.seed(emulator)
  const port = Number(new URL(await emulator.start()).port)
  const proxy = new LatencyProxy(port, latencyMs)
  const proxyPort = await proxy.start()
  try {
    const wallMs = await contender(`https://127.0.0.1:${proxyPort}`, scenario, caFile)
    return {
      requests: emulator.requests.length,
      connections: proxy.connections,
      handshakes: emulator.tlsHandshakes,
      wallMs,
    }
  } finally {
    await proxy.stop()
    await emulator.stop()
  }
}

/** The process alone: start to exit against a plain-HTTP emulator with no latency, both things existing. */
async function ownCost(contender: Contender, caFile: string): Promise<number> {
  const emulator = new SwrEmulator()
  scenarios[1].seed(emulator)
  const endpoint = await emulator.start()
  try {
    return await contender(endpoint, scenarios[1], caFile)
  } finally {
    await emulator.stop()
  }
}

/** Bare Node's request: what any program needs to reach SWR, and nothing more. */
const BARE_REQUEST =
  "require('node:crypto'); require('node:https'); require('node:http').get(process.argv[1]).on('response', (r) => r.resume())"

/** Start-up differs by a few milliseconds from run to run: its medians are taken over at least this many runs. */
const START_UP_RUNS = 21

/**
 * Spawn to the first request's arrival, for the action and for bare Node, alternating, START_UP_RUNS times each. Both
 * are spawned alike, their output read through pipes as a runner reads a step's, with nothing else watching them.
 */
async function startUp(): Promise<{ bare: number[]; action: number[] }> {
  const figures = { bare: [] as number[], action: [] as number[] }
  const emulator = new SwrEmulator()
  scenarios[1].seed(emulator)
  const endpoint = await emulator.start()
  const home = mkdtempSync(join(tmpdir(), 'swr-bench-start-'))
  const inputs = { ...actionDefaults(), namespace: NAMESPACE, repository: 'web', region: 'cn-north-4', endpoint }
  const actionEnv = {
    HOME: home,
    GITHUB_OUTPUT: join(home, 'output'),
    HUAWEI_CLOUD_ACCESS_KEY_ID: KEY.id,
    HUAWEI_CLOUD_SECRET_ACCESS_KEY: KEY.secret,
    ...Object.fromEntries(
      Object.entries({ ...inputs, summary: 'false' }).map(([name, value]) => [inputVariable(name), value]),
    ),
  }
  writeFileSync(actionEnv.GITHUB_OUTPUT, '')
  const firstRequest = async (args: string[], env: Record<string, string>) => {
    emulator.resetLog()
    const started = performance.now()
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env } })
    let output = ''
    for (const stream of [child.stdout, child.stderr])
      stream.setEncoding('utf8').on('data', (chunk) => (output += chunk))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    if (code !== 0 || emulator.requests.length === 0)
      throw new Error(`${args.join(' ')} exited with ${code}: ${output}`)
    return emulator.requests[0].receivedAt - started
  }
  try {
    for (let i = 0; i < Math.max(runs, START_UP_RUNS); i++) {
      figures.action.push(await firstRequest([join(PROJECT_ROOT, 'dist', 'index.js')], actionEnv))
      figures.bare.push(await firstRequest(['-e', BARE_REQUEST, `${endpoint}/v2/`], { HOME: home }))
    }
  } finally {
    await emulator.stop()
    rmSync(home, { recursive: true, force: true })
  }
  return figures
}

/** A steady-state run signed with access keys, and with the instance's agency, `runs` times each, alternating. */
async function instanceSignIn(): Promise<Record<string, { requests: number[]; metadata: number[]; wallMs: number[] }>> {
  const emulator = new SwrEmulator({ metadata: { agency: true, tokenRequired: true } })
  scenarios[1].seed(emulator)
  const endpoint = await emulator.start()
  const ways: Record<string, [Record<string, string>, Record<string, string>]> = {
    'access keys': [{}, { HUAWEI_CLOUD_ACCESS_KEY_ID: KEY.id, HUAWEI_CLOUD_SECRET_ACCESS_KEY: KEY.secret }],
    "the instance's agency": [{ instance_credentials: 'true' }, { SWR_ENSURE_METADATA_ENDPOINT: endpoint }],
  }
  const figures = Object.fromEntries(
    Object.keys(ways).map((name) => [
      name,
      { requests: [] as number[], metadata: [] as number[], wallMs: [] as number[] },
    ]),
  )
  try {
    for (let i = 0; i < runs; i++) {
      for (const [name, [extra, env]] of Object.entries(ways)) {
        emulator.resetLog()
        const inputs = {
          namespace: NAMESPACE,
          repository: 'web',
          region: 'cn-north-4',
          endpoint,
          summary: 'false',
          ...extra,
        }
        const run = await runAction(inputs, { env })
        if (run.exitCode !== 0) throw new Error(`the action failed: ${run.stdout}${run.stderr}`)
        const metadata = emulator.requests.filter((request) => request.operation?.startsWith('metadata')).length
        figures[name].requests.push(emulator.requests.length)
        figures[name].metadata.push(metadata)
        figures[name].wallMs.push(run.durationMs)
      }
    }
  } finally {
    await emulator.stop()
  }
  return figures
}

interface Tls {
  key: string
  cert: string
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** The median, with the range when the runs differ, in whole units. */
function spread(values: number[]): string {
  const [low, high, middle] = [Math.min(...values), Math.max(...values), median(values)].map(Math.round)
  return low === high ? String(middle) : `${middle} (${low}–${high})`
}

async function main(): Promise<void> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048 })
  const tls = { key: pems.private, cert: pems.cert }
  const workdir = mkdtempSync(join(tmpdir(), 'swr-bench-'))
  const caFile = join(workdir, 'ca.pem')
  writeFileSync(caFile, pems.cert)

  const lines: string[] = []
  const say = (line = '') => {
    lines.push(line)
    console.log(line)
  }
  const command = `npm run bench -- --latency ${options.latency} --runs ${runs}`
  const cpu = cpus()
  say('# Benchmark results')
  say()
  say(`Command: \`${command}\`, ${new Date().toISOString().slice(0, 10)}.`)
  say(
    `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Linux ${release()}, Node.js ${process.version}.`,
  )
  say(`\`dist/index.js\`: ${(statSync(join(PROJECT_ROOT, 'dist', 'index.js')).size / 1024).toFixed(0)} KiB.`)
  say()
  say('Each figure is the median over the runs, with the range in brackets. Wall time is the whole process, from')
  say('spawn to exit. The endpoint is HTTPS (a certificate made for the run, trusted through NODE_EXTRA_CA_CERTS)')
  say('behind a relay that adds the round-trip latency to every exchange, TCP and TLS set-up included. The lower')
  say('bound is one round trip per dependent request over one connection, after TCP and TLS set-up (one round trip')
  say('each), with no process start.')

  const summary: string[] = []
  for (const latency of latencies) {
    say()
    say(`## Round-trip latency ${latency} ms`)
    say()
    say('| scenario | contender | requests | TCP connections | TLS handshakes | wall time (ms) |')
    say('|---|---|---|---|---|---|')
    for (const scenario of scenarios) {
      const walls: Record<string, number> = {}
      for (const [name, contender] of Object.entries(contenders)) {
        if (scenario.actionInputs && name !== 'this action') continue
        const samples: Sample[] = []
        for (let i = 0; i < runs; i++) samples.push(await measure(contender, scenario, latency, tls, caFile))
        walls[name] = median(samples.map((sample) => sample.wallMs))
        say(
          `| ${scenario.name} | ${name} | ${spread(samples.map((s) => s.requests))} | ${spread(samples.map((s) => s.connections))} | ` +
            `${spread(samples.map((s) => s.handshakes))} | ${spread(samples.map((s) => s.wallMs))} |`,
        )
      }
      const bound = (scenario.lowerBoundRoundTrips + 2) * latency
      say(`| ${scenario.name} | lower bound | ${scenario.lowerBoundRequests} | 1 | 1 | ${bound} |`)
      const sdk = walls['official SDK script']
      const versus = sdk ? `${(walls['this action'] / sdk).toFixed(2)}× the official SDK script's wall time, ` : ''
      summary.push(
        `- ${latency} ms, ${scenario.name}: the action takes ${versus}${(walls['this action'] / bound).toFixed(2)}× the lower bound.`,
      )
    }
  }

  say()
  say('## Ratios')
  say()
  for (const line of summary) say(line)

  say()
  say('## Without the network')
  say()
  say('Start to exit against a plain-HTTP emulator on loopback with no latency, repository existing (one request for')
  say('the action, three for the SDK script): process start and module loading.')
  say()
  say('| process | wall time (ms) |')
  say('|---|---|')
  const bare: number[] = []
  for (let i = 0; i < runs; i++) bare.push(await timeProcess(['-e', ''], {}))
  say(`| bare \`node -e ""\` | ${spread(bare)} |`)
  for (const [name, contender] of Object.entries(contenders)) {
    const samples: number[] = []
    for (let i = 0; i < runs; i++) samples.push(await ownCost(contender, caFile))
    say(`| ${name} | ${spread(samples)} |`)
  }

  say()
  say('## Start-up')
  say()
  say('From spawning the process to the first request arriving at a plain-HTTP emulator on loopback (repository')
  say('existing, inputs given): the action beside bare Node that loads `https` and `crypto` and sends one request,')
  say(`both spawned alike with their output piped, alternating, ${Math.max(runs, START_UP_RUNS)} runs each.`)
  say()
  say('| process | start-up (ms) |')
  say('|---|---|')
  const startUps = await startUp()
  say(`| bare Node with \`https\` and \`crypto\` | ${spread(startUps.bare)} |`)
  say(`| this action | ${spread(startUps.action)} |`)
  const above = median(startUps.action) - median(startUps.bare)
  say()
  say(`The action starts ${above.toFixed(1)} ms after bare Node (medians).`)

  say()
  say("## Signing in with the instance's agency")
  say()
  say('A steady-state run on loopback with no latency (the metadata service is link-local: no round trip to a region),')
  say('access keys beside `instance_credentials: true` against a metadata service that requires a session token.')
  say()
  say('| sign-in | requests | metadata requests | wall time (ms) |')
  say('|---|---|---|---|')
  for (const [name, figures] of Object.entries(await instanceSignIn())) {
    say(`| ${name} | ${spread(figures.requests)} | ${spread(figures.metadata)} | ${spread(figures.wallMs)} |`)
  }

  writeFileSync(options.out, `${lines.join('\n')}\n`)
  rmSync(workdir, { recursive: true, force: true })
  console.log(`\nWritten to ${options.out}`)
}

await main()
