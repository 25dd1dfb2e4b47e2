// The post step's undoing of a login: exactly the entry this run wrote, and only while it is still that entry. It
// makes no request and never fails the job: whatever it finds, it says what it did.
import { existsSync } from 'node:fs'
import { findDocker, runDocker } from './docker-cli.js'
import { fingerprint, loginIn, readDockerConfig, withoutLogin, writeDockerConfig } from './docker-config.js'
import type { LoginRecord } from './login.js'

export interface Logout {
  level: 'info' | 'warning'
  text: string
}

export async function logOut(record: LoginRecord, env: Record<string, string | undefined>): Promise<Logout> {
  const { host, configPath } = record
  try {
    if (record.via === 'docker-cli') {
      await runDocker(findDocker(env) ?? 'docker', ['logout', host])
      return { level: 'info', text: `Logged out of ${host} (docker logout).` }
    }
    if (!existsSync(configPath)) {
      return { level: 'info', text: `${configPath} no longer exists: there is no login to ${host} to remove.` }
    }
    const config = readDockerConfig(configPath)
    const auth = loginIn(config, host)
    if (auth === undefined) {
      return { level: 'info', text: `The login to ${host} is no longer in ${configPath}: nothing to remove.` }
    }
    if (fingerprint(auth) !== record.fingerprint) {
      return {
        level: 'info',
        text: `The login to ${host} in ${configPath} changed after this step wrote it (a later step logged in again): left as it is.`,
      }
    }
    writeDockerConfig(configPath, withoutLogin(config, host))
    return { level: 'info', text: `Removed the login to ${host} from ${configPath}.` }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { level: 'warning', text: `The login to ${host} could not be removed: ${reason}` }
  }
}

/** The record the main step saved, or undefined when there is none (no login, logout: false) or it is unreadable. */
export function readRecord(state: string): LoginRecord | undefined {
  if (!state) return undefined
  try {
    const record = JSON.parse(state) as Partial<LoginRecord>
    const valid =
      typeof record.host === 'string' &&
      typeof record.configPath === 'string' &&
      (record.via === 'docker-cli' || (record.via === 'config' && typeof record.fingerprint === 'string'))
    return valid ? (record as LoginRecord) : undefined
  } catch {
    return undefined
  }
}
