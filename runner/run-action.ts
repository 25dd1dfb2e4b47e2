// Runs the bundled action the way a GitHub runner does: a fresh `node dist/index.js` process, the inputs as
// INPUT_* variables (action.yml's defaults filled in), outputs and state read back from the GITHUB_OUTPUT and
// GITHUB_STATE files; then, when asked, the post step `node dist/post/index.js` with the state as STATE_* variables.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

export interface ActionRun {
  /** When the process was spawned (performance.now() of this process). */
  startedAt: number
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** What the run wrote to the job summary file. */
  summary: string
  /** The wall time of the whole process, in milliseconds. */
  durationMs: number
  /** The process's peak resident memory (VmHWM), sampled from /proc where there is one. */
  peakMemoryBytes?: number
  /** What the main step saved for its post step (core.saveState). */
  state: Record<string, string>
  /** The post step's run, when it was asked for. */
  post?: StepRun
}

interface ActionMetadata {
  inputs: Record<string, { default?: string }>
}

export function actionDefaults(): Record<string, string> {
  const metadata = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as ActionMetadata
  const defaults: Record<string, string> = {}
  for (const [name, input] of Object.entries(metadata.inputs)) {
    if (input.default !== undefined) defaults[name] = String(input.default)
  }
  return defaults
}

/** The runner's name for an input's variable. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Reads the key<<delimiter blocks that @actions/core writes. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const end = lines.indexOf(delimiter, i + 1)
      outputs[name] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return outputs
}

export interface RunOptions {
  /** Extra environment variables; the run starts from an environment without credentials. */
  env?: Record<string, string>
  timeoutMs?: number
  /** The runner's home folder, where ~/.docker lives; by default a fresh folder per run, removed after it. */
  home?: string
  /** Run the post step too, right after the main step, with the state the main step saved. */
  post?: boolean
}

export interface StepRun {
  /** When the process was spawned (performance.now() of this process). */
  startedAt: number
  exitCode: number | null
  stdout: string
  stderr: string
  durationMs: number
  peakMemoryBytes?: number
}

/** Spawns one step's script with the environment, reading its output and sampling its peak memory. */
async function spawnStep(script: string, env: Record<string, string>, timeoutMs: number): Promise<StepRun> {
  const started = performance.now()
  const child = spawn(process.execPath, [join(PROJECT_ROOT, script)], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let peakMemoryBytes: number | undefined
  const status = `/proc/${child.pid}/status`
  const sampler = existsSync('/proc/self/status')
    ? setInterval(() => {
        try {
          const kib = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'))?.[1])
          if (kib) peakMemoryBytes = Math.max(peakMemoryBytes ?? 0, kib * 1024)
        } catch {
          // The process has ended.
        }
      }, 20)
    : undefined
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  clearInterval(sampler)
  return { startedAt: started, exitCode, stdout, stderr, durationMs: performance.now() - started, peakMemoryBytes }
}

/** The environment a runner gives a step of this action: its inputs (with action.yml's defaults) and files. */
function stepEnvironment(inputs: Record<string, string>, files: Record<string, string>, options: RunOptions) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    ...files,
    ...options.env,
  }
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...inputs })) env[inputVariable(name)] = value
  return env
}

export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const workdir = mkdtempSync(join(tmpdir(), 'swr-action-'))
  const home = options.home ?? join(workdir, 'home')
  mkdirSync(home, { recursive: true })
  const files = {
    RUNNER_TEMP: workdir,
    HOME: home,
    USERPROFILE: home,
    GITHUB_OUTPUT: join(workdir, 'output'),
    GITHUB_STATE: join(workdir, 'state'),
    GITHUB_STEP_SUMMARY: join(workdir, 'summary'),
  }
  for (const file of [files.GITHUB_OUTPUT, files.GITHUB_STATE, files.GITHUB_STEP_SUMMARY]) writeFileSync(file, '')
  const timeoutMs = options.timeoutMs ?? 60_000

  const main = await spawnStep(join('dist', 'index.js'), stepEnvironment(inputs, files, options), timeoutMs)
  const outputs = parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8'))
  const state = parseOutputFile(readFileSync(files.GITHUB_STATE, 'utf8'))
  const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
  rmSync(workdir, { recursive: true, force: true })
  const run: ActionRun = { ...main, outputs, summary, state }
  if (options.post) run.post = await runPost(inputs, state, { ...options, home })
  return run
}

/** The post step, as the runner runs it when the job ends: the same inputs, and the main step's state. */
export async function runPost(
  inputs: Record<string, string>,
  state: Record<string, string>,
  options: RunOptions & { home: string },
): Promise<StepRun> {
  const files = { HOME: options.home, USERPROFILE: options.home }
  const env = stepEnvironment(inputs, files, options)
  for (const [name, value] of Object.entries(state)) env[`STATE_${name}`] = value
  return spawnStep(join('dist', 'post', 'index.js'), env, options.timeoutMs ?? 60_000)
}

const MASK = '::add-mask::'

/** The values a step asked the runner to mask. */
export function maskedIn(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(MASK))
    .map((line) => line.slice(MASK.length))
}

/** A step's log without the ::add-mask:: lines, which the runner consumes and never shows. */
export function withoutMaskCommands(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith(MASK))
    .join('\n')
}

/** A step's log as the runner shows it: ::add-mask:: lines consumed, and every masked value shown as ***. */
export function shownLog(stdout: string): string {
  let shown = withoutMaskCommands(stdout)
  for (const value of maskedIn(stdout).sort((a, b) => b.length - a.length)) {
    if (value) shown = shown.replaceAll(value, '***')
  }
  return shown
}
