// `npm run outputs`: the step outputs a shell run wrote to $GITHUB_OUTPUT, one `name=value` a line, as a later step
// would read them (the file holds them in the runner's name<<delimiter form).
import { readFileSync } from 'node:fs'
import { parseOutputFile } from '../runner/run-action.js'

const file = process.env.GITHUB_OUTPUT
if (!file) {
  console.error('GITHUB_OUTPUT is not set: export GITHUB_OUTPUT=$(mktemp) before running the action.')
  process.exit(2)
}
for (const [name, value] of Object.entries(parseOutputFile(readFileSync(file, 'utf8')))) {
  console.log(`${name}=${name === 'docker_password' ? '***' : value}`)
}
