// Logging the container tools in to the registry: one CreateSecret request, then the credential where Docker looks
// for it. What could stop the login (a config that is not JSON, a credentials store without a Docker CLI) is found
// before the request, and nothing is written on any error.
import { findDocker, runDocker } from './docker-cli.js'
import {
  credentialStoreFor,
  dockerConfigPath,
  fingerprint,
  readDockerConfig,
  withLogin,
  writeDockerConfig,
} from './docker-config.js'
import type { LoginSecret } from './login-secret.js'
import type { SwrApi } from './swr-api.js'

/** The name of the step state that carries a LoginRecord from the main step to the post step. */
export const LOGIN_STATE = 'login'

export interface LoginWish {
  region: string
  /** The registry to log in to. */
  host: string
  durationSeconds: number
}

/** What the post step needs to undo exactly this login: never the credential itself. */
export interface LoginRecord {
  host: string
  configPath: string
  /** An auths entry in the config file, or the credentials store reached through the Docker CLI. */
  via: 'config' | 'docker-cli'
  /** sha256 of the auth value written, to tell whether the entry is still this login's. */
  fingerprint?: string
}

export interface Login {
  secret: LoginSecret
  record: LoginRecord
}

export async function logIn(
  api: Pick<SwrApi, 'createLoginSecret'>,
  wish: LoginWish,
  env: Record<string, string | undefined>,
  /** Hides a secret; called with the password and auth the moment they arrive, before anything uses them. */
  mask: (secret: string) => void,
): Promise<Login> {
  const { host } = wish
  const configPath = dockerConfigPath(env)
  const store = credentialStoreFor(readDockerConfig(configPath), host)
  const docker = store ? findDocker(env) : undefined
  if (store && !docker) {
    throw new Error(
      `The Docker config file ${configPath} keeps the logins for ${host} in the credentials store "${store}" ` +
        '(credsStore or credHelpers), where Docker looks instead of the file. Only the Docker CLI can put a login ' +
        'there, and it is not on PATH: install Docker, or set DOCKER_CONFIG to a folder of its own for this job.',
    )
  }

  const secret = await api.createLoginSecret(wish.region, wish.durationSeconds, host)
  mask(secret.password)
  mask(secret.auth)
  if (docker) {
    await runDocker(docker, ['login', '--username', secret.username, '--password-stdin', host], secret.password)
    return { secret, record: { host, configPath, via: 'docker-cli' } }
  }
  // Read again just before writing, so that a change another process made meanwhile is kept as well.
  writeDockerConfig(configPath, withLogin(readDockerConfig(configPath), host, secret.auth))
  return { secret, record: { host, configPath, via: 'config', fingerprint: fingerprint(secret.auth) } }
}
