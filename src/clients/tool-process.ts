// Running a local tool (the Docker CLI, a credential helper) as a child process that learns no more than it needs:
// its environment stripped of every secret of the step, secrets fed on standard input only, its output bounded and
// cleaned of secrets before anything is cut or shown, and a hard end when it outlives its time.
import { spawn } from 'node:child_process'
import { cleanServerText, containsSecret, withoutSecrets } from '../rules/server-text.js'

/** The step's own variables that hold or lead to credentials: inputs, post-step state, sign-in conventions. */
const SECRET_VARIABLES =
  /^(?:INPUT_|STATE_|HUAWEI_CLOUD_|HUAWEICLOUD_SDK_|HW_(?:ACCESS|SECRET|SECURITY)|ACTIONS_ID_TOKEN_REQUEST_|ACTIONS_RUNTIME_TOKEN$|GITHUB_TOKEN$)/i

/** The environment a tool gets: the step's, less its secrets (by name, and any value holding a secret the run knows). */
function toolEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !SECRET_VARIABLES.test(name) && !containsSecret(value)) kept[name] = value
  }
  return kept
}

/** What is kept of a tool's output: its end, where the reason for a failure stands. */
const OUTPUT_KEPT = 64 * 1024
/** After the time is up, SIGTERM; after this grace, SIGKILL. */
const KILL_GRACE_MS = 2_000

/** The end of a stream, bounded; a first line cut by the bound is dropped whole, since a secret may straddle it. */
class Tail {
  private text = ''
  private cut = false
  add(chunk: string): void {
    this.text += chunk
    if (this.text.length > OUTPUT_KEPT) {
      this.text = this.text.slice(-OUTPUT_KEPT)
      this.cut = true
    }
  }
  /** The text with every known secret removed, and a partial first line dropped. */
  clean(): string {
    const text = this.cut ? this.text.slice(this.text.indexOf('\n') + 1 || this.text.length) : this.text
    return withoutSecrets(text)
  }
}

/** The tool's own reason for failing: its last non-empty line, made one safe line. */
function reasonOf(output: string): string {
  const last = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1)
  return last ? cleanServerText(last) : 'it printed nothing'
}

export interface ToolRun {
  /** Fed on standard input: where secrets go, never the command line. */
  input?: string
  timeoutMs: number
  env: Record<string, string | undefined>
}

/** Runs the tool; resolves with what it printed on standard output (secrets removed), or fails with its reason. */
export function runTool(command: string, args: string[], { input = '', timeoutMs, env }: ToolRun): Promise<string> {
  const name = [command.split(/[\\/]/).at(-1), args[0]].filter(Boolean).join(' ')
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: toolEnvironment(env), stdio: 'pipe', windowsHide: true })
    const stdout = new Tail()
    const stderr = new Tail()
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => stdout.add(chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.add(chunk))
    let settled = false
    let expired = false
    const settle = (error?: Error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearTimeout(killer)
      if (error) reject(error)
      else resolve(stdout.clean())
    }
    let killer: NodeJS.Timeout | undefined
    const timer = setTimeout(() => {
      expired = true
      child.kill('SIGTERM')
      killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS)
    }, timeoutMs)
    child.on('error', (error) => settle(new Error(`${name} could not be run: ${cleanServerText(error.message)}`)))
    // After a kill, a grandchild may still hold the pipes open: the tool's own end is the end.
    child.on('exit', () => {
      if (!expired) return
      child.stdout.destroy()
      child.stderr.destroy()
      settle(new Error(`${name} did not finish within ${timeoutMs / 1000} s and was stopped.`))
    })
    child.on('close', (code) => {
      if (code === 0) return settle()
      const said = reasonOf(stderr.clean() || stdout.clean())
      settle(new Error(`${name} failed (exit code ${code ?? 'none: ended by a signal'}): ${said}`))
    })
    child.stdin.on('error', () => undefined)
    child.stdin.end(input)
  })
}
