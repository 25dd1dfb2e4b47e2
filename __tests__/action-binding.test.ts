// The runner binding in this process: action/main.ts and action/post.ts with @actions/core and the real services,
// against the emulator on 127.0.0.1, reading INPUT_* variables and writing the GITHUB_OUTPUT, GITHUB_STATE and summary
// files as a runner has them. (The end-to-end suites run the same code as the bundle, in a process of its own.)
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_KEY_ENV, SwrEmulator } from '../emulator/swr-emulator.js'
import { run } from '../src/action/main.js'
import { post } from '../src/action/post.js'
import { jest } from '@jest/globals'

const emulator = new SwrEmulator()
let endpoint = ''
const saved = { ...process.env }
let written: string[] = []

beforeAll(async () => {
  endpoint = await emulator.start()
})
afterAll(() => emulator.stop())
beforeEach(() => {
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true))
})
afterEach(() => {
  jest.restoreAllMocks()
  process.env = { ...saved }
  process.exitCode = undefined
})

/** The runner's files and variables for one step. */
function runnerFiles(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'swr-binding-'))
  const files = { output: join(dir, 'output'), state: join(dir, 'state'), summary: join(dir, 'summary') }
  for (const path of Object.values(files)) writeFileSync(path, '')
  const docker = join(dir, 'docker')
  process.env = {
    ...saved,
    ...DEMO_KEY_ENV,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'octo/web',
    DOCKER_CONFIG: docker,
  }
  return { files, docker, read: (path: string) => readFileSync(path, 'utf8') }
}

it('the main step reads inputs, ensures, writes outputs, state and summary; the post step logs out', async () => {
  const { files, docker, read } = runnerFiles({
    namespace: 'team',
    repository: 'web',
    region: 'cn-north-4',
    endpoint,
    login: 'true',
    login_duration: '21600',
    logout: 'true',
    summary: 'true',
    max_attempts: '4',
    timeout_seconds: '30',
  })
  await run()

  expect({ exitCode: process.exitCode, log: written.filter((line) => line.startsWith('::error')) }).toEqual({
    exitCode: undefined,
    log: [],
  })
  expect(read(files.output)).toContain('image<<')
  expect(read(files.output)).toMatch(
    /\n127\.0\.0\.1:\d+\/team\/web\n|\nswr\.cn-north-4\.myhuaweicloud\.com\/team\/web\n/,
  )
  expect(read(files.summary)).toContain('<h2>SWR repositories</h2>')
  expect(read(files.state)).toContain('login<<')
  expect(JSON.parse(read(join(docker, 'config.json'))).auths).not.toEqual({})

  process.env.STATE_login = /login<<(\S+)\n([\s\S]*?)\n\1/.exec(read(files.state))?.[2] ?? ''
  await post()
  expect(JSON.parse(read(join(docker, 'config.json'))).auths).toEqual({})
  expect(written.join('')).toContain('Removed the login to')
})

it('a bad input fails the step with the message, naming the input', async () => {
  runnerFiles({ namespace: 'My Team', repository: 'web', region: 'cn-north-4', endpoint })
  await run()
  expect(process.exitCode).toBe(1)
  expect(written.join('')).toMatch(/::error::Input namespace "My Team" is not a valid SWR organization name/)
})
