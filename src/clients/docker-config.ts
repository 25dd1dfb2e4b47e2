// Docker's config file, where docker, buildx and the tools that read Docker's config (crane, skopeo, kaniko,
// buildah with it) find registry logins. On a self-hosted runner several jobs share it: it is changed only under a
// cross-process lock, only in the one entry this action owns, and every other key and entry is kept as it was.
import { createHash, randomBytes } from 'node:crypto'
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import lockfile from 'proper-lockfile'

/** One registry's entry: "auth" is base64 of user:password; Docker knows a few more fields, all text. */
export type AuthEntry = Record<string, string>

export interface DockerConfig {
  auths?: Record<string, AuthEntry>
  credsStore?: string
  credHelpers?: Record<string, string>
  [key: string]: unknown
}

/** The config file Docker reads, as messages name it, and the file that is written (a link's target). */
export interface DockerConfigFile {
  path: string
  target: string
}

/** $DOCKER_CONFIG/config.json, else config.json in .docker of the home folder (per OS, as Docker resolves it). */
export function dockerConfigPath(env: Record<string, string | undefined>): string {
  return join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json')
}

/**
 * Where the config is, checked before any credential is made: DOCKER_CONFIG names a folder, and a config.json that
 * is a symbolic link is written through, as Docker writes it, never replaced by a file.
 */
export function locateDockerConfig(path: string): DockerConfigFile {
  const folder = dirname(path)
  if (existsSync(folder) && !statSync(folder).isDirectory()) {
    throw new Error(
      `Docker's config folder ${folder} (DOCKER_CONFIG, or .docker in the home folder) is a file, not a folder: ` +
        'Docker reads config.json inside it. Point DOCKER_CONFIG at a folder (it is created when missing).',
    )
  }
  let target = path
  if (existsSync(path) || isLink(path)) {
    if (isLink(path)) {
      try {
        target = realpathSync(path)
      } catch {
        throw new Error(
          `The Docker config file ${path} is a symbolic link to a file that does not exist: fix or remove the link.`,
        )
      }
    }
    if (!statSync(target).isFile()) throw new Error(`The Docker config file ${path} is not a file: remove it.`)
  }
  const existing = nearestExisting(dirname(target))
  try {
    accessSync(existing, constants.W_OK)
  } catch {
    throw new Error(
      `The Docker config file ${path} cannot be written: ${existing} is not writable by this user. Set ` +
        'DOCKER_CONFIG to a folder of the job (e.g. under RUNNER_TEMP).',
    )
  }
  return { path, target }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}

function nearestExisting(folder: string): string {
  let current = folder
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current)
  return current
}

/** The config as it is (empty when there is no file yet); an error naming the file when it is not a JSON object. */
export function readDockerConfig(path: string): DockerConfig {
  if (!existsSync(path)) return {}
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error'
    throw new Error(`The Docker config file ${path} cannot be read (${code}): fix its permissions or remove it.`, {
      cause: error,
    })
  }
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

/** Tabs, as Docker writes it; an error naming the file when the config cannot be written back whole. */
export function serializeDockerConfig(config: DockerConfig, path: string): string {
  try {
    return `${JSON.stringify(config, null, '\t')}\n`
  } catch (error) {
    throw new Error(
      `The Docker config file ${path} is nested too deeply to be written back: fix it, or set DOCKER_CONFIG to ` +
        'another folder for this job. It was left as it is.',
      { cause: error },
    )
  }
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

export function withEntry(config: DockerConfig, host: string, entry: AuthEntry): DockerConfig {
  const auths = config.auths && typeof config.auths === 'object' ? config.auths : {}
  return { ...config, auths: { ...auths, [host]: entry } }
}

export const withLogin = (config: DockerConfig, host: string, auth: string): DockerConfig =>
  withEntry(config, host, { auth })

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

/** The host's whole entry, when it holds a login (an auth, or a token Docker uses in its place). */
export function entryIn(config: DockerConfig, host: string): AuthEntry | undefined {
  const entry = config.auths?.[host]
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return undefined
  const texts = Object.entries(entry).filter((pair): pair is [string, string] => typeof pair[1] === 'string')
  return texts.some(([name, value]) => value !== '' && name !== 'email') ? Object.fromEntries(texts) : undefined
}

/** How long a change waits for another process's lock, and when a lock not kept fresh counts as abandoned. */
const LOCK_WAIT = { retries: 40, factor: 1.15, minTimeout: 20, maxTimeout: 800, randomize: true }
const LOCK_STALE_MS = 10_000

/**
 * Changes the config under an exclusive lock shared with every other process of this action (config.json.lock, a
 * folder beside it): read, change, write, with no other job's change in between. The change sees the config as it
 * is at that moment and returns the new config, or undefined to leave the file alone. A lock left by a killed
 * process counts as abandoned once it is 10 s old.
 */
export async function changeDockerConfig(
  file: DockerConfigFile,
  change: (config: DockerConfig) => DockerConfig | undefined,
): Promise<void> {
  const folder = dirname(file.target)
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(file.target, {
      realpath: false,
      stale: LOCK_STALE_MS,
      retries: LOCK_WAIT,
      // The change is short; were the lock ever taken over, the write below still replaces the file whole.
      onCompromised: () => undefined,
    })
  } catch (error) {
    throw new Error(
      `The Docker config file ${file.path} stayed locked by another process (${file.target}.lock) for over 15 s. ` +
        'If no job is using it, remove that folder.',
      { cause: error },
    )
  }
  try {
    const next = change(readDockerConfig(file.target))
    if (next) writeDockerConfig(file, next)
  } finally {
    await release().catch(() => undefined)
  }
}

/**
 * Writes the whole config at once: to a temporary file beside the target, then renamed over it, so that a reader
 * never sees half a file. The file is readable by its owner only (0600); a folder made for it, by its owner only.
 */
function writeDockerConfig(file: DockerConfigFile, config: DockerConfig): void {
  const text = serializeDockerConfig(config, file.path)
  const temporary = join(dirname(file.target), `.config.json.${randomBytes(6).toString('hex')}.tmp`)
  try {
    writeFileSync(temporary, text, { mode: 0o600 })
    renameSync(temporary, file.target)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}
