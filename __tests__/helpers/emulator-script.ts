// `npm run emulator` as a newcomer starts it, and a shell as a newcomer types the README's commands in.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../runner/run-action.js'

/** Starts `npm run emulator` with the arguments; resolves with its banner and a stop. */
export function startEmulatorScript(args: string[]): Promise<{ banner: string[]; stop: () => void }> {
  const tsx = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const child = spawn(process.execPath, [tsx, join('scripts', 'emulator.ts'), ...args], { cwd: PROJECT_ROOT })
  return new Promise((resolve, reject) => {
    let text = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk
      if (text.includes('npx node dist/index.js\n') && text.split('npx node dist/index.js\n').length > 3) {
        resolve({ banner: text.split('\n'), stop: () => child.kill() })
      }
    })
    child.on('close', (code) => reject(new Error(`the emulator exited with ${code}: ${text}`)))
  })
}

export function shell(command: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.on('close', (code) => resolve({ code, output }))
  })
}
