// The live suite itself: skipped cleanly without an account, and, pointed at the emulator as at a real account, it
// passes and leaves no organization or repository behind, also when one of its tests fails.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { DEMO_ACCOUNT, SwrEmulator } from '../emulator/swr-emulator.js'
import { PROJECT_ROOT } from '../runner/run-action.js'

const [KEY] = DEMO_ACCOUNT.accessKeys

function spawnNode(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', ...env } })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.on('close', (code) => resolve({ code, output }))
  })
}

/** The suite as `npm run test:live` runs it, on the bundle the test run has already made. */
const liveSuite = (env: Record<string, string>) =>
  spawnNode(
    ['--experimental-vm-modules', join('node_modules', 'jest', 'bin', 'jest.js'), '--config', 'jest.live.config.js'],
    env,
  )

it('without an account, says it was skipped and exits 0', async () => {
  const tsx = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const { code, output } = await spawnNode([tsx, join('scripts', 'live.ts')], { SWR_LIVE_REGION: 'cn-north-4' })
  expect(code).toBe(0)
  expect(output.trim()).toBe('Live suite skipped: SWR_LIVE_ACCESS_KEY_ID, SWR_LIVE_SECRET_ACCESS_KEY are not set.')
})

describe('pointed at the emulator', () => {
  let emulator: SwrEmulator
  let env: Record<string, string>
  beforeEach(async () => {
    emulator = new SwrEmulator({ requestIds: true })
    const endpoint = await emulator.start()
    env = {
      SWR_LIVE_REGION: 'cn-north-4',
      SWR_LIVE_ACCESS_KEY_ID: KEY.id,
      SWR_LIVE_SECRET_ACCESS_KEY: KEY.secret,
      SWR_LIVE_ENDPOINT: endpoint,
      SWR_LIVE_SHARE_ACCOUNT: 'live-partner',
    }
  })
  afterEach(() => emulator.stop())

  it('passes, and leaves no organization or repository behind', async () => {
    const { code, output } = await liveSuite(env)
    expect(output).toMatch(/Tests:\s+6 passed, 6 total/)
    expect(code).toBe(0)
    expect(emulator.requests.filter((request) => request.method === 'POST').length).toBeGreaterThan(3)
    expect(emulator.namespaces.size).toBe(0)
    expect(emulator.repositories.size).toBe(0)
  })

  it('cleans up also when a test fails', async () => {
    emulator.inject({ operation: 'createRetention', times: 10, fault: { status: 400, body: '{"errorCode":"X"}' } })
    const { code, output } = await liveSuite(env)
    expect(code).toBe(1)
    expect(output).toMatch(/Tests:\s+1 failed, 5 passed, 6 total/)
    expect(emulator.namespaces.size).toBe(0)
    expect(emulator.repositories.size).toBe(0)
  })
})
