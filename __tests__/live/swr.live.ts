// The live suite: the action's end-to-end flows against a real SWR account (SWR_LIVE_*), as a runner runs the
// bundle. It works in an organization of its own, named for the run, and deletes everything it created at the end,
// also when a test fails. `npm run test:live` runs it; without the variables it is skipped.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ActionRun, runAction } from '../../runner/run-action.js'
import { errorOf } from '../helpers/action-log.js'
import { deleteCreated, type LiveAccount, liveAccount } from './live-account.js'

const account = liveAccount(process.env) as LiveAccount
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const NAMESPACE = `swr-live-${stamp}`
const REPOSITORIES = ['web', 'apps/api']
const home = mkdtempSync(join(tmpdir(), 'swr-live-home-'))

function run(inputs: Record<string, string>, post = false): Promise<ActionRun> {
  return runAction(
    {
      namespace: NAMESPACE,
      region: account.region,
      ...(account.endpoint ? { endpoint: account.endpoint } : {}),
      ...(account.iamEndpoint ? { iam_endpoint: account.iamEndpoint } : {}),
      access_key_id: account.accessKeyId,
      secret_access_key: account.secretAccessKey,
      ...inputs,
    },
    { home, post, timeoutMs: 180_000 },
  )
}

/** Fails with the run's own error, so a live failure says what SWR answered. */
function expectSuccess(result: ActionRun): void {
  if (result.exitCode !== 0) throw new Error(`The action failed: ${errorOf(result) || result.stderr}`)
}

afterAll(async () => {
  const left = await deleteCreated(account, NAMESPACE, REPOSITORIES)
  rmSync(home, { recursive: true, force: true })
  if (left.length > 0) throw new Error(`The live suite could not delete: ${left.join('; ')}`)
})

it('first run: creates the organization and the repositories', async () => {
  const result = await run({ repository: REPOSITORIES.join('\n'), category: 'linux' })
  expectSuccess(result)
  expect(result.outputs.namespace_created).toBe('true')
  expect(
    JSON.parse(result.outputs.repositories).map((entry: { repository_created: boolean }) => entry.repository_created),
  ).toEqual([true, true])
  expect(result.outputs.image).toBe(`${result.outputs.registry}/${NAMESPACE}/web`)
  expect(result.outputs.category).toBe('linux')
})

it('steady state: finds them, and creates nothing', async () => {
  const result = await run({ repository: 'web' })
  expectSuccess(result)
  expect(result.outputs.repository_created).toBe('false')
  expect(result.outputs.namespace_created).toBe('false')
  expect(result.outputs.path).toBe(`${result.outputs.registry}/${NAMESPACE}/web`)
})

it('settings drift: reported, then updated', async () => {
  const reported = await run({ repository: 'web', description: 'live suite' })
  expectSuccess(reported)
  expect(reported.stdout).toContain('differs from the inputs and was left as it is')
  const updated = await run({ repository: 'web', description: 'live suite', update_existing: 'true' })
  expectSuccess(updated)
  expect(updated.outputs.description).toBe('live suite')
  const read = await run({ repository: 'web' })
  expect(read.outputs.description).toBe('live suite')
})

it('retention: created, left alone, and replaced when its kind changes', async () => {
  const created = await run({ repository: 'web', retention_keep_last: '5', retention_keep_tags: 'latest' })
  expectSuccess(created)
  expect(JSON.parse(created.outputs.repositories)[0].retention).toBe('create')
  const again = await run({ repository: 'web', retention_keep_last: '5', retention_keep_tags: 'latest' })
  expectSuccess(again)
  expect(JSON.parse(again.outputs.repositories)[0].retention).toBe('unchanged')
  const replaced = await run({ repository: 'web', retention_keep_days: '30' })
  expectSuccess(replaced)
  expect(JSON.parse(replaced.outputs.repositories)[0].retention).toBe('replace')
})

it('login: the registry accepts the credential, and the post step removes it', async () => {
  const result = await run({ repository: 'web', login: 'true', login_duration: '900' }, true)
  expectSuccess(result)
  const registry = result.outputs.registry
  const config = JSON.parse(readFileSync(join(home, '.docker', 'config.json'), 'utf8'))
  expect(config.auths?.[registry]).toBeUndefined()
  expect(result.post?.stdout).toContain(`Removed the login to ${registry}`)
  // A registry client's check of a login: GET /v2/ with Basic authentication.
  const base = account.endpoint?.startsWith('http://') ? account.endpoint : `https://${registry}`
  const basic = Buffer.from(`${result.outputs.docker_username}:${result.outputs.docker_password}`).toString('base64')
  const answer = await fetch(`${base}/v2/`, { headers: { Authorization: `Basic ${basic}` } })
  expect(answer.status).toBe(200)
})

// Sharing needs a second account to share with: SWR_LIVE_SHARE_ACCOUNT names it. This is where what SWR answers for
// a share, and the form it echoes a deadline in, are confirmed (docs/api-notes.md, "Image sync and sharing").
const shareAccount = process.env.SWR_LIVE_SHARE_ACCOUNT
;(shareAccount ? it : it.skip)('sharing: created, found, its end reported as differing, then updated', async () => {
  const shares = (result: ActionRun) => JSON.parse(result.outputs.repositories)[0].shares
  const account = shareAccount as string
  const created = await run({ repository: 'web', share_with: account })
  expectSuccess(created)
  expect(shares(created)).toEqual([{ account, deadline: 'forever', action: 'created' }])
  const again = await run({ repository: 'web', share_with: account })
  expectSuccess(again)
  expect(shares(again)).toEqual([{ account, deadline: 'forever', action: 'exists' }])
  const date = `${new Date().getUTCFullYear() + 1}-06-30`
  const differs = await run({ repository: 'web', share_with: `${account} until ${date}` })
  expectSuccess(differs)
  expect(shares(differs)).toEqual([{ account, deadline: date, action: 'differs', was: 'forever' }])
  const updated = await run({ repository: 'web', share_with: `${account} until ${date}`, update_existing: 'true' })
  expectSuccess(updated)
  expect(shares(updated)[0].action).toBe('updated')
  const read = await run({ repository: 'web', share_with: `${account} until ${date}` })
  expect(shares(read)).toEqual([{ account, deadline: date, action: 'exists' }])
})
