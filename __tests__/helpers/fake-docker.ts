// A recording stand-in for the Docker CLI and a credentials store's helper, put first on PATH: `docker login`
// stores the login through the helper, as the real CLI does, and every call is written down with its arguments,
// standard input and environment. Behaviours a test needs (failing, hanging, ignoring SIGTERM) are set per folder.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

export interface FakeCall {
  tool: string
  args: string[]
  input: string
  env: Record<string, string>
}

export interface FakeDocker {
  /** The folder to put first on PATH. */
  bin: string
  /** PATH with the fakes first. */
  path: string
  calls(): FakeCall[]
  /** The store's logins by host. */
  store(): Record<string, { Username: string; Secret: string }>
  setStore(logins: Record<string, { Username: string; Secret: string }>): void
  /**
   * What `docker login` does instead of storing: print this on stderr ("{password}" standing for the password it
   * was given) and exit 1, or ignore SIGTERM and hang.
   */
  behave(behaviour: { fail?: string } | { hang: true }): void
}

const script = (body: string) => `#!${process.execPath}\n'use strict'\n${body}`

export function fakeDocker(store = 'desktop'): FakeDocker {
  const bin = mkdtempSync(join(tmpdir(), 'swr-fake-docker-'))
  const log = join(bin, 'calls.log')
  const storeFile = join(bin, 'store.json')
  const behaviourFile = join(bin, 'behaviour.json')
  writeFileSync(storeFile, '{}')
  const common =
    `const fs = require('fs')\nconst input = fs.readFileSync(0, 'utf8')\n` +
    `const tool = require('path').basename(process.argv[1])\n` +
    `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ tool, args: process.argv.slice(2), input, env: process.env }) + '\\n')\n` +
    `const read = () => JSON.parse(fs.readFileSync(${JSON.stringify(storeFile)}, 'utf8'))\n` +
    `const write = (s) => fs.writeFileSync(${JSON.stringify(storeFile)}, JSON.stringify(s))\n`
  writeFileSync(
    join(bin, `docker-credential-${store}`),
    script(
      common +
        `const [verb] = process.argv.slice(2)\nconst s = read()\n` +
        `if (verb === 'list') { const l = {}; for (const [h, v] of Object.entries(s)) l[h] = v.Username; process.stdout.write(JSON.stringify(l)) }\n` +
        `else if (verb === 'get') { const v = s[input.trim()]; if (!v) { process.stdout.write('credentials not found in native keychain'); process.exit(1) } process.stdout.write(JSON.stringify({ ServerURL: input.trim(), ...v })) }\n` +
        `else if (verb === 'store') { const v = JSON.parse(input); s[v.ServerURL] = { Username: v.Username, Secret: v.Secret }; write(s) }\n` +
        `else if (verb === 'erase') { delete s[input.trim()]; write(s) }\n`,
    ),
  )
  writeFileSync(
    join(bin, 'docker'),
    script(
      common +
        `const b = fs.existsSync(${JSON.stringify(behaviourFile)}) ? JSON.parse(fs.readFileSync(${JSON.stringify(behaviourFile)}, 'utf8')) : {}\n` +
        `const args = process.argv.slice(2)\nconst host = args[args.indexOf('--') + 1]\nconst s = read()\n` +
        `if (args[0] === 'login') {\n` +
        `  if (b.hang) { process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); return }\n` +
        `  if (b.fail) { process.stderr.write(b.fail.replaceAll('{password}', input)); process.exit(1) }\n` +
        `  s[host] = { Username: args[args.indexOf('--username') + 1], Secret: input }; write(s); console.log('Login Succeeded')\n` +
        `} else if (args[0] === 'logout') { delete s[host]; write(s); console.log('Removing login credentials for ' + host) }\n`,
    ),
  )
  for (const file of ['docker', `docker-credential-${store}`]) chmodSync(join(bin, file), 0o755)
  return {
    bin,
    path: `${bin}${delimiter}${process.env.PATH}`,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as FakeCall)
        : [],
    store: () => JSON.parse(readFileSync(storeFile, 'utf8')),
    setStore: (logins) => writeFileSync(storeFile, JSON.stringify(logins)),
    behave: (behaviour) => writeFileSync(behaviourFile, JSON.stringify(behaviour)),
  }
}
