// Run from a shell, as the README invites: no runner consumes the workflow commands, so anything the action prints
// reaches the terminal as it is. No secret, and no part of one, may be printed; under a runner, masking is as before.
import { runAction, type ActionRun } from '../runner/run-action.js'
import { DEMO_ACCOUNT, SwrEmulator, type Account } from '../emulator/swr-emulator.js'
import { maskedValues } from './helpers/action-log.js'

const USER = { name: 'ci-bot', password: 'correct-horse-battery-staple' }
const ACCOUNT: Account = { ...DEMO_ACCOUNT, users: [USER] }
const [KEY] = DEMO_ACCOUNT.accessKeys
/** What a shell gives: no GITHUB_ACTIONS, and no files for outputs or state. */
const SHELL = { GITHUB_ACTIONS: '', GITHUB_OUTPUT: '', GITHUB_STATE: '', GITHUB_STEP_SUMMARY: '' }

let emulator: SwrEmulator
let endpoint: string
beforeEach(async () => {
  emulator = new SwrEmulator({ accounts: [ACCOUNT] })
  endpoint = await emulator.start()
})
afterEach(() => emulator.stop())

const base = () => ({ namespace: 'team', repository: 'web', region: 'cn-north-4', endpoint, iam_endpoint: endpoint })

/** Every secret the run knew or was given, and the parts of one a log might show (the base64 login, halves). */
function secretsOf(given: string[]): string[] {
  const issued = [...emulator.issuedTokens.keys(), ...emulator.loginSecrets.map((login) => login.password)]
  const logins = emulator.loginSecrets.map((login) =>
    Buffer.from(`${login.username}:${login.password}`).toString('base64'),
  )
  const all = [...given, ...issued, ...logins]
  return [...all, ...all.filter((secret) => secret.length >= 16).map((secret) => secret.slice(0, secret.length / 2))]
}

function expectNothingSecret(result: ActionRun, secrets: string[]): void {
  const printed = `${result.stdout}\n${result.stderr}`
  for (const secret of secrets)
    expect({ secret, printed: printed.includes(secret) }).toEqual({ secret, printed: false })
}

describe('from a shell', () => {
  it('with access keys and a login: says masking is off, prints no secret, shows the password output as ***', async () => {
    const result = await runAction(
      { ...base(), access_key_id: KEY.id, secret_access_key: KEY.secret, login: 'true' },
      { env: SHELL },
    )
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('Not under a GitHub runner (GITHUB_ACTIONS is not "true"): nothing masks secrets')
    expect(result.stdout).not.toContain('::add-mask::')
    expect(result.stdout).toContain('::set-output name=docker_password::***')
    expect(emulator.loginSecrets).toHaveLength(1)
    expectNothingSecret(result, secretsOf([KEY.secret]))
  })

  it('with an IAM password: neither the password nor the token IAM gives is printed', async () => {
    const result = await runAction(
      { ...base(), iam_domain: 'demo', iam_user: USER.name, iam_password: USER.password, login: 'true' },
      { env: SHELL },
    )
    expect(result.exitCode).toBe(0)
    expect(emulator.issuedTokens.size).toBe(1)
    expectNothingSecret(result, secretsOf([USER.password]))
  })

  it('a failure prints no secret either', async () => {
    const result = await runAction(
      { ...base(), iam_domain: 'demo', iam_user: USER.name, iam_password: 'wrong-password-value-0001' },
      { env: SHELL },
    )
    expect(result.exitCode).toBe(1)
    expectNothingSecret(result, secretsOf(['wrong-password-value-0001']))
  })
})

it('under a runner, every secret is masked as before, and the line about masking is not said', async () => {
  const result = await runAction({ ...base(), access_key_id: KEY.id, secret_access_key: KEY.secret, login: 'true' })
  expect(result.exitCode).toBe(0)
  expect(result.stdout).not.toContain('Not under a GitHub runner')
  const [login] = emulator.loginSecrets
  expect(maskedValues(result)).toEqual(expect.arrayContaining([KEY.secret, login.password]))
  expect(result.outputs.docker_password).toBe(login.password)
})
