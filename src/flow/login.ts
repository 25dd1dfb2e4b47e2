// Logging the container tools in to the registry: one CreateSecret request, then the credential where Docker looks
// for it. Everything that could stop the login (a config that is not JSON or cannot be written back, a
// DOCKER_CONFIG that is a file, a credentials store without its CLI or helper) is found before the request, so no
// credential is made in vain, and nothing is written on any error. A login that was there before is kept for the
// post step to put back.
import { CredentialHelper, dockerLogin, findOnPath, type StoredLogin } from '../clients/docker-cli.js'
import {
  type AuthEntry,
  changeDockerConfig,
  credentialStoreFor,
  dockerConfigPath,
  type DockerConfigFile,
  entryIn,
  fingerprint,
  locateDockerConfig,
  readDockerConfig,
  serializeDockerConfig,
  withLogin,
} from '../clients/docker-config.js'
import type { LoginSecret } from '../clients/swr/login-secret.js'
import { type LoginRecord, previousSecrets } from './login-state.js'
import type { RunContext } from './runner-port.js'

export interface LoginWish {
  /** The registry to log in to: the one the run expects, never one an answer names. */
  host: string
  /** Each call of the Docker CLI or a credential helper may take this long. */
  timeoutMs: number
}

export interface Login {
  secret: LoginSecret
  record: LoginRecord
  /** A login to the host that was there before this step, now replaced: worth a warning. */
  replaced?: string
}

type Env = Record<string, string | undefined>

interface Destination {
  file: DockerConfigFile
  store?: { docker: string; helper: CredentialHelper; previous?: StoredLogin }
}

/** Where the login will go, with every check that could fail made now. */
async function destination(wish: LoginWish, env: Env, mask: (secret: string) => void): Promise<Destination> {
  const { host } = wish
  const file = locateDockerConfig(dockerConfigPath(env))
  const config = readDockerConfig(file.target)
  serializeDockerConfig(withLogin(config, host, 'x'.repeat(64)), file.path)
  const store = credentialStoreFor(config, host)
  if (!store) return { file }

  const docker = findOnPath('docker', env)
  const helper = CredentialHelper.find(store, env, wish.timeoutMs)
  if (!docker || !helper) {
    const missing = !docker ? 'it is not on PATH' : `its helper docker-credential-${store} is not on PATH`
    throw new Error(
      `The Docker config file ${file.path} keeps the logins for ${host} in the credentials store "${store}" ` +
        '(credsStore or credHelpers), where Docker looks instead of the file. Only the Docker CLI can put a login ' +
        `there, and ${missing}: install it, or set DOCKER_CONFIG to a folder of its own for this job.`,
    )
  }
  let previous: StoredLogin | undefined
  if (await helper.userAt(host)) {
    previous = await helper.get(host).catch((error: unknown) => {
      throw new Error(
        `The credentials store "${store}" holds a login for ${host}, which this step would replace and could not ` +
          `put back after the job: ${error instanceof Error ? error.message : String(error)} Set DOCKER_CONFIG to a ` +
          'folder of its own for this job, or remove that login first.',
      )
    })
    for (const secret of previousSecrets(previous)) mask(secret)
  }
  return { file, store: { docker, helper, previous } }
}

export async function logIn(
  /** The edition's temporary login to the host. */
  createSecret: () => Promise<LoginSecret>,
  wish: LoginWish,
  { env, mask }: RunContext,
): Promise<Login> {
  const { host } = wish
  const { file, store } = await destination(wish, env, mask)

  const secret = await createSecret()
  mask(secret.password)
  mask(secret.auth)
  if (store) {
    const { docker, helper, previous } = store
    await dockerLogin(docker, host, secret.username, secret.password, { env, timeoutMs: wish.timeoutMs })
    const record: LoginRecord = {
      via: 'docker-cli',
      host,
      configPath: file.path,
      store: helper.store,
      username: secret.username,
      previous,
    }
    return { secret, record, replaced: previous ? `the credentials store "${helper.store}"` : undefined }
  }

  // The entry that was there is read under the same lock as the write, so that no other job's change is lost.
  let previous: AuthEntry | undefined
  await changeDockerConfig(file, (config) => {
    previous = entryIn(config, host)
    for (const value of previousSecrets(previous)) mask(value)
    return withLogin(config, host, secret.auth)
  })
  const record: LoginRecord = {
    via: 'config',
    host,
    configPath: file.path,
    fingerprint: fingerprint(secret.auth),
    previous,
  }
  return { secret, record, replaced: previous ? file.path : undefined }
}
