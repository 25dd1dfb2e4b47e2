// The Docker CLI, for configs that keep logins in a credentials store: only the CLI hands a login to the store.
// The password goes on standard input, never on the command line.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { cleanServerText } from './server-text.js'

/** Where the docker command is on PATH, if anywhere (with Windows' executable extensions). */
export function findDocker(env: Record<string, string | undefined>): string | undefined {
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : ['']
  for (const folder of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    for (const extension of extensions) {
      const candidate = join(folder, `docker${extension.toLowerCase()}`)
      if (folder && existsSync(candidate)) return candidate
    }
  }
  return undefined
}

const TIMEOUT_MS = 60_000

/** Runs docker with the arguments; fails with what it said when it exits otherwise than with 0. */
export function runDocker(command: string, args: string[], input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true })
    let said = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (said = (said + chunk).slice(-4000)))
    const timer = setTimeout(() => child.kill(), TIMEOUT_MS)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else reject(new Error(`docker ${args[0]} exited with ${code ?? 'a signal'}: ${cleanServerText(said.trim())}`))
    })
    child.stdin.end(input ?? '')
  })
}
