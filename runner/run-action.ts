// Runs the bundled action the way a GitHub runner does: a fresh `node dist/index.js` process, the inputs as
// INPUT_* variables (action.yml's defaults filled in), and outputs read back from the GITHUB_OUTPUT file.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

export interface ActionRun {
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
}

export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const workdir = mkdtempSync(join(tmpdir(), 'swr-action-'))
  const outputFile = join(workdir, 'output')
  const summaryFile = join(workdir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    RUNNER_TEMP: workdir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTIONS: 'true',
    ...options.env,
  }
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...inputs })) env[inputVariable(name)] = value

  const started = performance.now()
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'index.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
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
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  clearInterval(sampler)
  const durationMs = performance.now() - started
  const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'))
  const summary = readFileSync(summaryFile, 'utf8')
  rmSync(workdir, { recursive: true, force: true })
  return { exitCode, stdout, stderr, outputs, summary, durationMs, peakMemoryBytes }
}
