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
      'Input repository "web, api" is a list joined by commas: give one item per line, without "-", brackets or commas, e.g.\nrepository: |\n  web\n  api',
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

describe('a list pasted as YAML, in brackets or with commas is refused with the list to paste', () => {
  const fix = (input: string, items: string[]) =>
    `give one item per line, without "-", brackets or commas, e.g.\n${input}: |\n${items.map((item) => `  ${item}`).join('\n')}`
  it.each([
    [
      { repository: '- web\n- api' },
      `Input repository "- web\\n- api" is a YAML list: ${fix('repository', ['web', 'api'])}`,
    ],
    [
      { repository: '[web, api]' },
      `Input repository "[web, api]" is a list in brackets: ${fix('repository', ['web', 'api'])}`,
    ],
    [
      { repository: '- "web"\r\n- "api"' },
      `Input repository "- \\"web\\"\\r\\n- \\"api\\"" is a YAML list: ${fix('repository', ['web', 'api'])}`,
    ],
    [
      { sync_to: 'cn-east-3, ap-southeast-1' },
      `Input sync_to "cn-east-3, ap-southeast-1" is a list joined by commas: ${fix('sync_to', ['cn-east-3', 'ap-southeast-1'])}`,
    ],
    [
      { share_with: '- partner\n- prod until 2099-01-01' },
      `Input share_with "- partner\\n- prod until 2099-01-01" is a YAML list: ${fix('share_with', ['partner', 'prod until 2099-01-01'])}`,
    ],
    [
      { retention_keep_last: '5', retention_keep_tags: '[latest, stable]' },
      `Input retention_keep_tags "[latest, stable]" is a list in brackets: ${fix('retention_keep_tags', ['latest', 'stable'])}`,
    ],
  ])('%j', async (inputs, message) => {
    const result = await run(inputs)
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe(message)
    expect(emulated.emulator.requests).toHaveLength(0)
  })
})

describe('a secret in the wrong form is refused before any request, naming where it came from, never showing it', () => {
  const keys = DEMO_KEY_ENV
  it.each([
    [
      'a newline at the end of a variable',
      {},
      { ...keys, HUAWEI_CLOUD_SECRET_ACCESS_KEY: `${keys.HUAWEI_CLOUD_SECRET_ACCESS_KEY}\n` },
      /^The variable HUAWEI_CLOUD_SECRET_ACCESS_KEY has a line break in it: a secret access key is one line\./,
    ],
    [
      'a line break inside a token',
      { auth_token: 'demo-iam\ntoken-0001' },
      {},
      /^Input auth_token has a line break in it/,
    ],
    [
      'a scheme before a token',
      { auth_token: 'Bearer demo-iam-token-0001' },
      {},
      /^Input auth_token starts with "Bearer ": give an IAM token alone/,
    ],
    [
      'quotes around a key',
      { access_key_id: '"AKID"', secret_access_key: 'sk' },
      {},
      /^Input access_key_id is in quotes/,
    ],
    [
      'a space inside a key',
      { access_key_id: 'AK ID', secret_access_key: 'sk' },
      {},
      /^Input access_key_id has a space in it/,
    ],
  ])('%s', async (_case, inputs, env, message) => {
    const result = await run(inputs, env)
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(message)
    expect(errorOf(result)).not.toMatch(/demo-iam|secret-access-key/)
    expect(emulated.emulator.requests).toHaveLength(0)
  })
})

describe('what is not what it looks like is shown by its code points', () => {
  it.each([
    [
      { namespace: 'dem\u043e-team' },
      'Input namespace "dem\\u{43E}-team" is not a valid SWR organization name: it contains U+043E, outside',
    ],
    [
      { repository: 'web\u200b' },
      'Input repository "web\\u{200B}" is not a valid SWR repository name: it contains U+200B, outside',
    ],
  ])('%j', async (inputs, message) => {
    const result = await run(inputs)
    expect(result.exitCode).toBe(1)
    expect(errorOf(result).startsWith(message)).toBe(true)
    expect(emulated.emulator.requests).toHaveLength(0)
  })
})

describe('an endpoint that is not the API address', () => {
  it('with an API path pasted from the reference, is refused before any request', async () => {
    const result = await run({ endpoint: `${emulated.endpoint}/v2/manage` })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Input endpoint ".*\/v2\/manage" is not usable: it ends in an API path \("\/v2\/manage"\)/,
    )
    expect(emulated.emulator.requests).toHaveLength(0)
  })

  it('whose gateway answers "no such API" is said to be the wrong address, and nothing is created', async () => {
    emulated.emulator.inject({
      operation: 'showRepository',
      times: 1,
      fault: {
        status: 404,
        body: '{"error_code":"APIG.0101","error_msg":"The API does not exist or has not been published in the environment"}',
      },
    })
    const result = await run({})
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /HTTP 404 APIG\.0101: .* The address answered that it has no such API: the endpoint input is not SWR's API address/,
    )
    expect(emulated.emulator.requests.map((request) => request.operation)).toEqual(['showRepository'])
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
