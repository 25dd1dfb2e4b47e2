// `npm run post-step`: the post step, as the runner runs it when the job ends: the state the main step saved in
// $GITHUB_STATE handed to `node dist/post/index.js` as STATE_* variables, with this shell's environment.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseOutputFile, PROJECT_ROOT } from '../runner/run-action.js'

const file = process.env.GITHUB_STATE
if (!file) {
  console.error('GITHUB_STATE is not set: export GITHUB_STATE=$(mktemp) before running the action with login: true.')
  process.exit(2)
}
const state = Object.fromEntries(
  Object.entries(parseOutputFile(readFileSync(file, 'utf8'))).map(([name, value]) => [`STATE_${name}`, value]),
)
const post = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'post', 'index.js')], {
  env: { ...process.env, ...state },
  stdio: 'inherit',
})
process.exit(post.status ?? 1)
