// The post step's undoing of a login: exactly the login this run made, and only while it is still that login; the
// login it replaced is put back. It makes no request and never fails the job: whatever it finds, it says what it
// did. The record comes from the step's state, so nothing in it is trusted before it is checked.
import { CredentialHelper, dockerLogout, findOnPath } from '../clients/docker-cli.js'
import {
  changeDockerConfig,
  fingerprint,
  locateDockerConfig,
  loginIn,
  withEntry,
  withoutLogin,
} from '../clients/docker-config.js'
import type { LoginRecord } from './login-state.js'
import { existsSync } from 'node:fs'

export interface Logout {
  level: 'info' | 'warning'
  text: string
}

/** A helper or the CLI may take this long in the post step. */
const TOOL_TIMEOUT_MS = 30_000

export async function logOut(record: LoginRecord, env: Record<string, string | undefined>): Promise<Logout> {
  const { host, configPath } = record
  try {
    if (record.via === 'docker-cli') return await logOutOfStore(record, env)
    if (!existsSync(configPath)) {
      return { level: 'info', text: `${configPath} no longer exists: there is no login to ${host} to remove.` }
    }
    let done: Logout | undefined
    await changeDockerConfig(locateDockerConfig(configPath), (config) => {
      const auth = loginIn(config, host)
      if (auth === undefined) {
        done = { level: 'info', text: `The login to ${host} is no longer in ${configPath}: nothing to remove.` }
        return undefined
      }
      if (fingerprint(auth) !== record.fingerprint) {
        done = {
          level: 'info',
          text: `The login to ${host} in ${configPath} changed after this step wrote it (a later step logged in again): left as it is.`,
        }
        return undefined
      }
      if (record.previous) {
        done = { level: 'info', text: `Put back the login to ${host} that ${configPath} held before this step.` }
        return withEntry(config, host, record.previous)
      }
      done = { level: 'info', text: `Removed the login to ${host} from ${configPath}.` }
      return withoutLogin(config, host)
    })
    return done as Logout
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { level: 'warning', text: `The login to ${host} could not be removed: ${reason}` }
  }
}

async function logOutOfStore(
  record: Extract<LoginRecord, { via: 'docker-cli' }>,
  env: Record<string, string | undefined>,
): Promise<Logout> {
  const { host, store } = record
  const helper = CredentialHelper.find(store, env, TOOL_TIMEOUT_MS)
  if (!helper) {
    return {
      level: 'warning',
      text: `The login to ${host} was left in the credentials store "${store}": its helper docker-credential-${store} is no longer on PATH.`,
    }
  }
  // Only this run's login is undone: a later step's login for the same registry stays.
  if ((await helper.userAt(host)) !== record.username) {
    return {
      level: 'info',
      text: `The credentials store "${store}" no longer holds this step's login to ${host} (a later step logged in again, or out): left as it is.`,
    }
  }
  if (record.previous) {
    await helper.put(host, record.previous)
    return {
      level: 'info',
      text: `Put back the login to ${host} that the credentials store "${store}" held before this step.`,
    }
  }
  await dockerLogout(findOnPath('docker', env) ?? 'docker', host, { env, timeoutMs: TOOL_TIMEOUT_MS })
  return { level: 'info', text: `Logged out of ${host} (docker logout).` }
}
