// The contract between the main step and the post step: the state key, what the record of a login holds, and the
// check of a record read back. The state comes from the runner's environment, so nothing in it is trusted before
// it is checked.
import { basename, isAbsolute } from 'node:path'
import type { StoredLogin } from '../clients/docker-cli.js'
import type { AuthEntry } from '../clients/docker-config.js'
import { isRegistryHost } from '../rules/endpoint.js'
import { isStoreName, REGISTRY_PASSWORD, REGISTRY_USERNAME } from '../rules/registry-login.js'

/** The name of the step state that carries a LoginRecord from the main step to the post step. */
export const LOGIN_STATE = 'login'

/**
 * What the post step needs to undo exactly this login, and to put back the one it replaced. It holds no credential
 * of this run: a fingerprint (config file) or the user name (credentials store) tells whether the login is still
 * this run's.
 */
export type LoginRecord =
  | { via: 'config'; host: string; configPath: string; fingerprint: string; previous?: AuthEntry }
  | { via: 'docker-cli'; host: string; configPath: string; store: string; username: string; previous?: StoredLogin }

/** The secrets of a login found in place, to be masked the moment they are read. */
export function previousSecrets(previous: AuthEntry | StoredLogin | undefined): string[] {
  if (!previous) return []
  if ('secret' in previous && typeof previous.secret === 'string') return [previous.secret]
  const entry = previous as AuthEntry
  return ['auth', 'password', 'identitytoken', 'registrytoken'].map((name) => entry[name]).filter(Boolean)
}

/** Whether a path can be a Docker config file this action wrote. */
const isConfigPath = (path: string): boolean => isAbsolute(path) && basename(path) === 'config.json'

const isText = (value: unknown): value is string => typeof value === 'string'

function isEntry(value: unknown): value is AuthEntry {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(isText)
}

/**
 * The record the main step saved, or undefined when there is none (no login, or logout: false). A state that is not
 * one this action writes (a host not of a registry host's form, a path not of a Docker config, a user name or store
 * not of theirs) is an error: a forged state can neither pass an option to docker nor point at another file.
 */
export function readRecord(state: string): LoginRecord | undefined {
  if (!state) return undefined
  const problem = recordProblem(state)
  if (problem)
    throw new Error(
      `The login state the main step saved is not one this action writes (${problem}): nothing was changed.`,
    )
  return JSON.parse(state) as LoginRecord
}

function recordProblem(state: string): string | undefined {
  let record: Record<string, unknown>
  try {
    record = JSON.parse(state) as Record<string, unknown>
  } catch {
    return 'not JSON'
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) return 'not an object'
  const { host, configPath, via, previous } = record
  if (!isText(host) || !isRegistryHost(host)) return 'its host is not a registry host'
  if (!isText(configPath) || !isConfigPath(configPath)) return 'its path is not a Docker config file'
  if (via === 'config') {
    if (!isText(record.fingerprint) || !/^[0-9a-f]{64}$/.test(record.fingerprint)) return 'no fingerprint'
    return previous === undefined || isEntry(previous) ? undefined : 'its previous login is not an entry'
  }
  if (via !== 'docker-cli') return 'no way it logged in'
  const { store, username } = record
  if (!isText(store) || !isStoreName(store)) return 'its credentials store is not a store name'
  if (!isText(username) || !REGISTRY_USERNAME.test(username)) return 'its user name is not a registry user name'
  const previousValid =
    previous === undefined ||
    (isEntry(previous) &&
      isText(previous.username) &&
      isText(previous.secret) &&
      REGISTRY_PASSWORD.test(previous.secret))
  return previousValid ? undefined : 'its previous login is not a login'
}

/** The secrets a record carries (the login it will put back), to be masked before anything is printed. */
export const recordSecrets = (record: LoginRecord): string[] => previousSecrets(record.previous)
