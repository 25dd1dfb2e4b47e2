// `npm run test:live`: the live suite against the SWR account that SWR_LIVE_REGION, SWR_LIVE_ACCESS_KEY_ID and
// SWR_LIVE_SECRET_ACCESS_KEY name (SWR_LIVE_ENDPOINT and SWR_LIVE_IAM_ENDPOINT optional). Without them it says it
// was skipped and exits 0, so that forks and local runs without an account pass.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { LIVE_VARIABLES, liveAccount } from '../__tests__/live/live-account.js'
import { PROJECT_ROOT } from '../runner/run-action.js'

const account = liveAccount(process.env)
if (!account) {
  const missing = LIVE_VARIABLES.filter((name) => !process.env[name])
  console.log(`Live suite skipped: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set.`)
  process.exit(0)
}
console.log(`Live suite against ${account.endpoint ?? `SWR in ${account.region}`}`)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
// The suite runs the bundle, as a runner does: made fresh from the source first.
const bundle = spawnSync(npm, ['run', '--silent', 'bundle'], {
  cwd: PROJECT_ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
})
if (bundle.status !== 0) process.exit(bundle.status ?? 1)
const jest = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    join(PROJECT_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--config',
    'jest.live.config.js',
  ],
  { cwd: PROJECT_ROOT, stdio: 'inherit' },
)
process.exit(jest.status ?? 1)
