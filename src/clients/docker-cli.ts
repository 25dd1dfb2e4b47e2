// The Docker CLI and the credential helper behind a credentials store, for configs that keep logins there: only the
// CLI hands a login to the store, and only the helper tells (without a secret) which user a registry's login is.
// Secrets go on standard input, never on the command line; a host always comes after "--".
import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { isRegistryHost } from '../rules/endpoint.js'
import { isStoreName, REGISTRY_PASSWORD, REGISTRY_USERNAME } from '../rules/registry-login.js'
import { runTool } from './tool-process.js'

type Env = Record<string, string | undefined>

/** Where a command is on PATH, if anywhere (with Windows' executable extensions). */
export function findOnPath(command: string, env: Env): string | undefined {
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : ['']
  for (const folder of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    for (const extension of extensions) {
      const candidate = join(folder, `${command}${extension.toLowerCase()}`)
      if (folder && existsSync(candidate)) return candidate
    }
  }
  return undefined
}

/** How long one call of the CLI or a helper may take: the step's per-request bound. */
export interface ToolOptions {
  env: Env
  timeoutMs: number
}

function checkedHost(host: string): string {
  if (!isRegistryHost(host)) throw new Error(`"${host.slice(0, 80)}" is not a registry host`)
  return host
}

export async function dockerLogin(
  docker: string,
  host: string,
  username: string,
  password: string,
  options: ToolOptions,
) {
  await runTool(docker, ['login', '--username', username, '--password-stdin', '--', checkedHost(host)], {
    ...options,
    input: password,
  })
}

export async function dockerLogout(docker: string, host: string, options: ToolOptions) {
  await runTool(docker, ['logout', '--', checkedHost(host)], options)
}

/** A login a credentials store holds: the user name, and the secret (a password or an identity token). */
export interface StoredLogin {
  username: string
  secret: string
}

/**
 * A credentials store, through its helper `docker-credential-NAME` (Docker's credential helper protocol): `list`
 * names each registry's user without a secret; `get` and `store` read and write one login.
 */
export class CredentialHelper {
  constructor(
    readonly store: string,
    private readonly command: string,
    private readonly options: ToolOptions,
  ) {}

  static find(store: string, env: Env, timeoutMs: number): CredentialHelper | undefined {
    const command = isStoreName(store) ? findOnPath(`docker-credential-${store}`, env) : undefined
    return command ? new CredentialHelper(store, command, { env, timeoutMs }) : undefined
  }

  /** The user the store holds a login for at the host, if any. */
  async userAt(host: string): Promise<string | undefined> {
    const text = await runTool(this.command, ['list'], this.options)
    let listed: unknown
    try {
      listed = JSON.parse(text || '{}')
    } catch {
      throw new Error(`docker-credential-${this.store} list answered with something that is not JSON.`)
    }
    const user = (listed as Record<string, unknown> | null)?.[checkedHost(host)]
    return typeof user === 'string' ? user : undefined
  }

  /** The whole login the store holds for the host, checked against the forms a registry login takes. */
  async get(host: string): Promise<StoredLogin> {
    const text = await runTool(this.command, ['get'], { ...this.options, input: checkedHost(host) })
    let value: { Username?: unknown; Secret?: unknown } = {}
    try {
      value = (JSON.parse(text) as typeof value | null) ?? {}
    } catch {
      // Reported below, without the text: it may hold the secret.
    }
    const { Username: username, Secret: secret } = value
    if (typeof username !== 'string' || typeof secret !== 'string' || !usable(username, secret)) {
      throw new Error(`docker-credential-${this.store} get answered with a login this action cannot put back.`)
    }
    return { username, secret }
  }

  async put(host: string, login: StoredLogin): Promise<void> {
    const input = JSON.stringify({ ServerURL: checkedHost(host), Username: login.username, Secret: login.secret })
    await runTool(this.command, ['store'], { ...this.options, input })
  }
}

/** An identity token stands in for a password with the user "<token>"; both must be of a registry login's form. */
function usable(username: string, secret: string): boolean {
  return (username === '<token>' || REGISTRY_USERNAME.test(username)) && REGISTRY_PASSWORD.test(secret)
}
