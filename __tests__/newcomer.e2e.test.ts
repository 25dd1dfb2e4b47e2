// The first hour: the mistakes a newcomer makes get a message that names the input, the accepted form and the value
// to use, before any request; the emulator's banner works as printed, for the region it serves; the job summary of a
// failed organization says it once.
import { DEMO_KEY_ENV } from '../emulator/swr-emulator.js'
import { runAction } from '../runner/run-action.js'
import { commandMessages, errorOf, expectCleanEnding } from './helpers/action-log.js'
import { useEmulator } from './helpers/emulated.js'
import { shell, startEmulatorScript } from './helpers/emulator-script.js'

const emulated = useEmulator()

async function run(inputs: Record<string, string>, env: Record<string, string> = DEMO_KEY_ENV) {
  const result = await runAction(
    { namespace: 'demo-team', repository: 'web', region: 'cn-north-4', endpoint: emulated.endpoint, ...inputs },
    { env },
  )
  expectCleanEnding(result)
  return result
}

describe('a name given the way it is pushed, or as a list, is refused with the name to use', () => {
  it.each([
    [
      { repository: 'swr.cn-north-4.myhuaweicloud.com/demo-team/web' },
      'Input repository "swr.cn-north-4.myhuaweicloud.com/demo-team/web" is an image reference, not a repository name: the registry host "swr.cn-north-4.myhuaweicloud.com" does not belong in it. Use repository: "web" (the image output is the reference to push to).',
    ],
    [
      { repository: 'swr.cn-north-4.myhuaweicloud.com/other-team/web' },
      'Input repository "swr.cn-north-4.myhuaweicloud.com/other-team/web" is an image reference, not a repository name: the registry host "swr.cn-north-4.myhuaweicloud.com" does not belong in it. Use namespace: "other-team" and repository: "web" (the image output is the reference to push to).',
    ],
    [
      { namespace: 'swr.cn-north-4.myhuaweicloud.com/demo-team' },
      'Input namespace "swr.cn-north-4.myhuaweicloud.com/demo-team" is an image reference, not an organization name: the registry host "swr.cn-north-4.myhuaweicloud.com" does not belong in it. Use namespace: "demo-team" (the image output is the reference to push to).',
    ],
    [
      { repository: 'web:latest' },
      'Input repository "web:latest" is an image reference, not a repository name: the tag ":latest" does not belong in it. Use repository: "web", and give the tag when you push (the image output is the reference to push to).',
    ],
    [
      { repository: 'web@sha256:0123abcd' },
      'Input repository "web@sha256:0123abcd" is an image reference, not a repository name: the digest "@sha256:..." does not belong in it. Use repository: "web", and give the tag when you push (the image output is the reference to push to).',
    ],
    [
      { repository: 'web, api' },
      'Input repository "web, api" lists several repositories on one line: give them one per line, e.g.\nrepository: |\n  web\n  api',
    ],
    [
      { repository: 'web api' },
      'Input repository "web api" lists several repositories on one line: give them one per line, e.g.\nrepository: |\n  web\n  api',
    ],
  ])('%j', async (inputs, message) => {
    const result = await run(inputs)
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe(message)
    expect(emulated.emulator.requests).toHaveLength(0)
  })

  it('a repository that starts with the organization is allowed, with a warning that shows its image path', async () => {
    const result = await run({ repository: 'demo-team/web' })
    expect(result.exitCode).toBe(0)
    expect(commandMessages(result, 'warning')).toEqual([
      "Repository demo-team/web starts with the organization's name: its image is demo-team/demo-team/web in the registry. If you meant the repository web, give that.",
    ])
    expect(result.outputs.image).toBe('swr.cn-north-4.myhuaweicloud.com/demo-team/demo-team/web')
  })
})

describe('a sign-in input without its partner names the partner', () => {
  it.each([
    [
      { id_token_audience: 'sts.example' },
      /^Input id_token_audience is for OpenID Connect sign-in, which needs idp_id too/,
    ],
    [{ iam_user: 'ci' }, /^Inputs iam_domain and iam_password are required to sign in with an IAM password/],
    [{ access_key_id: 'AKONLY' }, /^Input secret_access_key is required when access_key_id is given/],
  ])('%j', async (inputs, message) => {
    const result = await run(inputs, {})
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(message)
    expect(emulated.emulator.requests).toHaveLength(0)
  })

  it('an IAM endpoint that does not answer names iam_endpoint', async () => {
    const result = await run(
      {
        iam_endpoint: 'http://127.0.0.1:9',
        iam_domain: 'demo',
        iam_user: 'u',
        iam_password: 'pw-0001',
        max_attempts: '1',
      },
      {},
    )
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/no answer from 127\.0\.0\.1:9 .*Check the region or iam_endpoint,/)
    expect(emulated.emulator.requests).toHaveLength(0)
  })
})

it('the summary of a failed organization says it once, above the repositories, with no empty element', async () => {
  emulated.emulator.inject({
    operation: 'createNamespace',
    times: 1,
    fault: { status: 400, body: '{"errorCode":"SVCSTG.SWR.4000097","errorMessage":"quota"}' },
  })
  const result = await run({ repository: 'web\napi' })
  expect(result.exitCode).toBe(1)
  expect(result.summary.match(/SVCSTG\.SWR\.4000097/g)).toHaveLength(1)
  expect(result.summary).toContain('the organization failed (above)')
  expect(result.summary).not.toMatch(/<p>\s*<\/p>|<td>\s*<\/td>/)
})

it('the emulator serves the region it is started for, and each line of its banner works as printed', async () => {
  const emulator = await startEmulatorScript(['--port', '0', '--region', 'cn-east-3'])
  try {
    const exportLine = emulator.banner.find((line) => line.startsWith('export '))
    const runs = emulator.banner.filter((line) => line.endsWith('npx node dist/index.js'))
    expect(exportLine).toContain('INPUT_REGION=cn-east-3')
    expect(runs).toHaveLength(3)
    for (const line of runs) {
      const { code, output } = await shell(`${exportLine}; ${line}`)
      expect({ line, code }).toEqual({ line, code: 0 })
      expect(output).toContain('image swr.cn-east-3.myhuaweicloud.com/demo-team/web')
    }
  } finally {
    emulator.stop()
  }
})
