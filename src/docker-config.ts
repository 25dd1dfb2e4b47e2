// Docker's config file, where docker, buildx and the tools that read Docker's config (crane, skopeo, kaniko,
// buildah with it) find registry logins. Only the one entry this action owns is ever changed; every other key and
// entry is kept as it was.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

export interface DockerConfig {
  auths?: Record<string, { auth?: string } & Record<string, unknown>>
  credsStore?: string
  credHelpers?: Record<string, string>
  [key: string]: unknown
}

/** $DOCKER_CONFIG/config.json, else config.json in .docker of the home folder (per OS, as Docker resolves it). */
export function dockerConfigPath(env: Record<string, string | undefined>): string {
  return join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json')
}

/** The config as it is (empty when there is no file yet); an error naming the file when it is not a JSON object. */
export function readDockerConfig(path: string): DockerConfig {
  if (!existsSync(path)) return {}
  const text = readFileSync(path, 'utf8')
  let config: unknown
  try {
    config = text.trim() === '' ? {} : JSON.parse(text)
  } catch (error) {
    // Only the position: the parser's message may quote the file, and the file holds other logins.
    const where = /\(line \d+ column \d+\)/.exec(String(error))?.[0]
    throw new Error(
      `The Docker config file ${path} is not valid JSON${where ? ` ${where}` : ''}. It was left as it is: fix or ` +
        'remove it, or set DOCKER_CONFIG to another folder for this job.',
      { cause: error },
    )
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    throw new Error(
      `The Docker config file ${path} does not hold a JSON object. It was left as it is: fix or remove it.`,
    )
  }
  return config as DockerConfig
}

/**
 * The credentials store that keeps logins for the host, when the config names one: Docker ignores an auths entry
 * then, so the login must go through the Docker CLI, which hands it to the store.
 */
export function credentialStoreFor(config: DockerConfig, host: string): string | undefined {
  const helper = config.credHelpers && typeof config.credHelpers === 'object' ? config.credHelpers[host] : undefined
  const store = typeof helper === 'string' && helper ? helper : config.credsStore
  return typeof store === 'string' && store ? store : undefined
}

export function withLogin(config: DockerConfig, host: string, auth: string): DockerConfig {
  const auths = config.auths && typeof config.auths === 'object' ? config.auths : {}
  return { ...config, auths: { ...auths, [host]: { auth } } }
}

export function withoutLogin(config: DockerConfig, host: string): DockerConfig {
  const { [host]: _removed, ...auths } = config.auths ?? {}
  return { ...config, auths }
}

/** What the post step compares, so that the state never holds the credential itself. */
export const fingerprint = (auth: string): string => createHash('sha256').update(auth).digest('hex')

/** The auth Docker would use for the host from this config, or undefined. */
export function loginIn(config: DockerConfig, host: string): string | undefined {
  const auth = config.auths?.[host]?.auth
  return typeof auth === 'string' ? auth : undefined
}

/**
 * Writes the whole config at once: to a temporary file beside it, then renamed over it, so that a reader never
 * sees half a file. The file is readable by its owner only (0600); a folder made for it, by its owner only (0700).
 */
export function writeDockerConfig(path: string, config: DockerConfig): void {
  const folder = dirname(path)
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const temporary = join(folder, `.config.json.${randomBytes(6).toString('hex')}.tmp`)
  try {
    // Tabs, as Docker writes it.
    writeFileSync(temporary, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 })
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}
