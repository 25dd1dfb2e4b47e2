// Whatever a server, gateway or proxy answers, the action ends in success or in one clear error within its time
// bound, with bounded memory, no injected workflow command, and no secret in any output, the summary or the log.
// Each case is a bare local HTTP server answering one way; the action runs as a runner runs it.
import type { ServerResponse } from 'node:http'
import { MAX_ANSWER_BYTES } from '../src/clients/api-client.js'
import { INFO_FIELDS } from '../src/clients/swr/repository-info.js'
import { type ActionRun, runAction } from '../runner/run-action.js'
import {
  errorOf,
  expectCleanEnding,
  expectOnlyOwnCommands,
  expectSafeText,
  viewerLog,
  visibleLog,
} from './helpers/action-log.js'
import { flood, keepWriting, type Handler, type RawServer, rawServer } from './helpers/raw-server.js'

const KEY = { id: 'AKUNTRUSTED00000000001', secret: 'Zq81-untrusted-secret-xV7pL2' }
const KEY_ENV = { HUAWEI_CLOUD_ACCESS_KEY_ID: KEY.id, HUAWEI_CLOUD_SECRET_ACCESS_KEY: KEY.secret }
const TIMEOUT_S = 1
const MAX_ATTEMPTS = 2
/** max_attempts × (timeout_seconds + the longest first backoff), plus a process's start and end. */
const TIME_BOUND_MS = MAX_ATTEMPTS * (TIMEOUT_S * 1000 + 500) + 2000

const servers: RawServer[] = []
afterAll(() => Promise.all(servers.map((server) => server.stop())))

async function serve(handler: Handler): Promise<RawServer> {
  const server = await rawServer(handler)
  servers.push(server)
  return server
}

async function run(
  server: RawServer,
  inputs: Record<string, string> = {},
  env: Record<string, string> = KEY_ENV,
): Promise<ActionRun> {
  const result = await runAction(
    {
      namespace: 'team',
      repository: 'web',
      region: 'cn-north-4',
      endpoint: server.url,
      max_attempts: String(MAX_ATTEMPTS),
      timeout_seconds: String(TIMEOUT_S),
      ...inputs,
    },
    { env, timeoutMs: 30_000 },
  )
  expectCleanEnding(result)
  return result
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body))

function briefInfo(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 7,
    ns_id: 3,
    name: 'web',
    category: 'other',
    description: '',
    creator_id: 'c',
    creator_name: 'someone',
    size: 0,
    is_public: false,
    num_images: 0,
    num_download: 0,
    url: '',
    path: 'swr.cn-north-4.myhuaweicloud.com/team/web',
    internal_path: 'swr.cn-north-4.myhuaweicloud.internal/team/web',
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    domain_id: 'd',
    priority: 0,
    ...overrides,
  }
}

/** Every output, the summary and the log, as a viewer and a later step would take them, hold only safe text. */
function expectEverythingSafe(result: ActionRun, maskable: string[] = [KEY.id, KEY.secret]): void {
  expectOnlyOwnCommands(result, maskable)
  for (const [name, value] of Object.entries(result.outputs)) {
    if (name === 'json' || name === 'repositories') {
      expect(value).not.toContain('##[')
      const entries = name === 'json' ? [JSON.parse(value)] : (JSON.parse(value) as Record<string, unknown>[])
      for (const entry of entries) {
        for (const [field, item] of Object.entries(entry)) {
          if (typeof item === 'string' && field !== 'error') expectSafeText(item)
          if (field === 'error') expect(String(item)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/) // eslint-disable-line no-control-regex
        }
      }
    } else {
      expectSafeText(value)
    }
  }
  expect(result.summary).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/) // eslint-disable-line no-control-regex
  expect(result.summary).not.toMatch(/^\s*::/m)
  expect(result.summary).not.toContain('##[')
}

describe('time: timeout_seconds bounds a whole attempt', () => {
  it.concurrent('an answer that trickles one byte at a time is given up, retried, and reported', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' })
      keepWriting(response, ' ', 100)
    })
    const result = await run(server)

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Reading repository team\/web failed: no answer from 127\.0\.0\.1:\d+ after 2 attempts \(no complete answer within 1 s\)/,
    )
    expect(result.stdout).toMatch(/Reading repository team\/web: no complete answer within 1 s; trying again in/)
    expect(server.requests).toHaveLength(MAX_ATTEMPTS)
    expect(result.durationMs).toBeLessThan(TIME_BOUND_MS)
  })

  it.concurrent('headers and then silence end the same way', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.flushHeaders()
    })
    const result = await run(server)

    expect(errorOf(result)).toMatch(/after 2 attempts \(no complete answer within 1 s\)/)
    expect(result.durationMs).toBeLessThan(TIME_BOUND_MS)
  })
})

describe('size: answers are read up to 1 MiB', () => {
  const LIMIT_MESSAGE = /^Reading repository team\/web failed: the answer from 127\.0\.0\.1:\d+ is larger than 1 MiB/

  it.concurrent('an endless body is cut at the limit, not retried, in bounded memory', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' })
      flood(response, Buffer.alloc(64 * 1024, 'x'))
    })
    const result = await run(server)

    expect(errorOf(result)).toMatch(LIMIT_MESSAGE)
    expect(server.requests).toHaveLength(1)
    expect(result.peakMemoryBytes ?? 0).toBeLessThan(200 * 1024 * 1024)
  })

  it.concurrent('a body declared at 50 MB is refused before it is read', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024) })
      flood(response, Buffer.alloc(64 * 1024, 'x'))
    })
    const result = await run(server)

    expect(errorOf(result)).toMatch(LIMIT_MESSAGE)
    expect(result.peakMemoryBytes ?? 0).toBeLessThan(200 * 1024 * 1024)
  })

  it.concurrent('a brief info just under the limit is read whole', async () => {
    const padding = 'p'.repeat(MAX_ANSWER_BYTES - 2000)
    const server = await serve((_request, response) => json(response, 200, briefInfo({ description: padding })))
    const result = await run(server)

    expect(result.exitCode).toBe(0)
    expect(result.outputs.description).toMatch(/^p{300}… \(cut: \d+ characters in all\)$/)
  })

  it.concurrent('a 1 MB error message gives one short error, output and summary', async () => {
    const server = await serve((_request, response) =>
      json(response, 400, { error_code: 'SVCSTG.SWR.4001008', error_msg: `Invalid ${'m'.repeat(1_000_000)}` }),
    )
    const result = await run(server)

    expect(result.exitCode).toBe(1)
    expect(errorOf(result).length).toBeLessThan(1000)
    expect(errorOf(result)).toMatch(
      /^Reading repository team\/web failed with HTTP 400 SVCSTG\.SWR\.4001008: Invalid m+… \(cut: 1000008 characters in all\)\. SWR refused/,
    )
    expect(result.outputs.repositories.length).toBeLessThan(2000)
    expect(result.summary.length).toBeLessThan(4000)
    expectEverythingSafe(result)
  })
})

describe('types: the brief info is checked against the documented types', () => {
  it.concurrent('is_public as the string "true" is never used to decide a write', async () => {
    const server = await serve((request, response) =>
      request.method === 'GET' ? json(response, 200, briefInfo({ is_public: 'true' })) : json(response, 201, {}),
    )
    const result = await run(server, { category: 'linux', update_existing: 'true' })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe(
      `Reading repository team/web answered HTTP 200 with a body that is not a repository's brief info: its is_public is a string ("true"), not a boolean`,
    )
    expect(server.requests.map((request) => request.method)).toEqual(['GET'])
    expect(result.outputs.is_public).toBeUndefined()
  })

  it.concurrent.each([
    ['size', '12', 'a string ("12"), not a number'],
    ['num_images', { n: 1 }, 'an object, not a number'],
    ['created', 20260101, 'a number (20260101), not a string'],
    ['category', ['linux'], 'an array, not a string'],
    ['name', null, 'null, not a string'],
  ])('%s of the wrong type fails the step, naming the field', async (field, value, described) => {
    const server = await serve((_request, response) => json(response, 200, briefInfo({ [field]: value })))
    const result = await run(server)
    expect(errorOf(result)).toBe(
      `Reading repository team/web answered HTTP 200 with a body that is not a repository's brief info: its ${field} is ${described}`,
    )
  })

  it.concurrent('an update that would have to guess is_public is refused, with no write sent', async () => {
    const info = briefInfo()
    delete info.is_public
    const server = await serve((request, response) =>
      request.method === 'GET' ? json(response, 200, info) : json(response, 201, {}),
    )
    const result = await run(server, { category: 'linux', update_existing: 'true' })

    expect(errorOf(result)).toMatch(
      /^Updating repository team\/web needs its is_public setting, which SWR's brief info did not include/,
    )
    expect(server.requests.map((request) => request.method)).toEqual(['GET'])
    expect(result.summary).toContain('<th>Failed</th>')
  })

  it.concurrent('a brief info without is_public is shown the same way everywhere', async () => {
    const info = briefInfo()
    delete info.is_public
    const server = await serve((_request, response) => json(response, 200, info))
    const result = await run(server)

    expect(result.exitCode).toBe(0)
    expect(result.outputs.is_public).toBe('')
    expect(JSON.parse(result.outputs.json).is_public).toBeUndefined()
    expect(result.summary).toContain('<th>Visibility</th><td>not given by SWR</td>')
  })
})

describe('server text: one clean line wherever it is shown', () => {
  const HOSTILE =
    '\n::warning::injected\r\n::add-mask::leak ##[error]also \u001b[31mred\u001b[0m \u0085next\u2028line ' +
    '\u202Eesrever %0A::notice::n'

  it.concurrent('every string of the brief info, in the log, every output and the summary', async () => {
    const strings = INFO_FIELDS.filter((field) => typeof briefInfo()[field] === 'string' && field !== 'path')
    const server = await serve((_request, response) =>
      json(response, 200, briefInfo(Object.fromEntries(strings.map((field) => [field, `${HOSTILE}${field}`])))),
    )
    const result = await run(server, { category: 'linux' })

    expect(result.exitCode).toBe(0)
    expectEverythingSafe(result)
    expect(result.outputs.creator_name).toBe(
      '\\n::warning::injected\\r\\n::add-mask::leak ##\\u005Berror]also \\u001B[31mred\\u001B[0m \\u0085next\\u2028line ' +
        '\\u202Eesrever %0A::notice::ncreator_name',
    )
    // The one warning is the action's own, about the category that differs; the value in it is clean.
    expect(result.stdout.match(/^::warning::/gm)).toHaveLength(1)
    expect(result.outputs.image).toBe('swr.cn-north-4.myhuaweicloud.com/team/web')
  })

  it.concurrent('a leading "::" in a value cannot start a command in a later step', async () => {
    const server = await serve((_request, response) => json(response, 200, briefInfo({ description: '::error::x' })))
    const result = await run(server)
    expect(result.outputs.description).toBe('\\u003A:error::x')
  })

  it.concurrent.each([
    'swr.cn-north-4.myhuaweicloud.com/team/web\n::warning::x',
    'evil.example/other/repository',
    'swr.cn-north-4.myhuaweicloud.com/team/web/../../x',
    'https://swr.cn-north-4.myhuaweicloud.com/team/web',
    '/team/web',
  ])('a path that is not the pull path of the repository (%j) fails, naming it', async (path) => {
    const server = await serve((_request, response) => json(response, 200, briefInfo({ path })))
    const result = await run(server)

    expect(errorOf(result)).toMatch(/brief info: its path ".*" is not a pull path HOST\/team\/web$/)
    expect(result.outputs.registry).toBeUndefined()
    expectEverythingSafe(result)
  })

  it.concurrent('error codes, messages and request ids', async () => {
    const server = await serve((_request, response) =>
      json(response, 403, { error_code: `::error::${HOSTILE}`, error_msg: HOSTILE, request_id: HOSTILE }),
    )
    const result = await run(server)

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u202e]/) // eslint-disable-line no-control-regex
    expect(errorOf(result)).toMatch(/^Reading repository team\/web failed with HTTP 403 /)
    expectEverythingSafe(result)
  })

  it.concurrent('a body that is not JSON', async () => {
    const server = await serve((_request, response) =>
      response.writeHead(400, { 'Content-Type': 'text/html' }).end(`<html>${HOSTILE}</html>`),
    )
    const result = await run(server)
    expect(errorOf(result)).toMatch(/^Reading repository team\/web failed with HTTP 400 <html> ::warning::injected /)
    expectEverythingSafe(result)
  })
})

describe('secrets: removed from server text before it is stored, and before any cut', () => {
  const REQUEST_TOKEN = 'ghs-request-token-Yp3Lm8Qw2'
  const PASSWORD = 'iam-Pa55word-Rv9Kd2'
  const AUTH_TOKEN = 'iam-given-token-Tb7Hn4Cx1'
  const SECURITY_TOKEN = 'Gz5Jw8Nm3-sts-value-Pq7'
  const ID_TOKEN = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"iss":"x"}').toString('base64url')}.c2lnbmF0dXJlLVFyNnZXMg`
  const issued: string[] = []

  /** Plays IAM and GitHub's ID-token endpoint, and answers every SWR request by echoing all it has received. */
  const echoingServer = () =>
    serve((request, response, all) => {
      if (request.target.startsWith('/v3/auth/tokens') || request.target.startsWith('/v3.0/OS-AUTH/')) {
        const token = `Wq2Xr7-iam-${issued.length}-Kd8Fs3`
        issued.push(token)
        return json(response, 201, { token: {} }, { 'X-Subject-Token': token })
      }
      if (request.target.startsWith('/_github/')) return json(response, 200, { value: ID_TOKEN })
      const echo = JSON.stringify(all)
      json(response, 400, { error_code: echo.slice(0, 500), error_msg: echo, request_id: echo.slice(-500) })
    })

  function expectNoFragment(result: ActionRun, secrets: string[]): void {
    const places = { log: visibleLog(result), outputs: JSON.stringify(result.outputs), summary: result.summary }
    for (const secret of secrets) {
      for (let length = 6; length <= secret.length; length++) {
        for (const [, text] of Object.entries(places)) {
          expect(text).not.toContain(secret.slice(0, length))
          expect(text).not.toContain(secret.slice(-length))
        }
      }
    }
  }

  const methods: [string, Record<string, string>, Record<string, string>, () => string[]][] = [
    // The secret key is never sent, only its signature; the key's ID is, and is as secret as the action treats it.
    ['access keys as inputs', { access_key_id: KEY.id, secret_access_key: KEY.secret }, {}, () => [KEY.id, KEY.secret]],
    ['access keys from the environment', {}, KEY_ENV, () => [KEY.id, KEY.secret]],
    [
      'temporary access keys with a security token',
      { access_key_id: KEY.id, secret_access_key: KEY.secret, security_token: SECURITY_TOKEN },
      {},
      () => [KEY.id, KEY.secret, SECURITY_TOKEN],
    ],
    ['an IAM token', { auth_token: AUTH_TOKEN }, {}, () => [AUTH_TOKEN]],
    [
      'an IAM password, and the token IAM issues for it',
      { iam_domain: 'acme', iam_user: 'ci', iam_password: PASSWORD },
      {},
      () => [PASSWORD, ...issued],
    ],
    [
      "OpenID Connect: the request token, GitHub's ID token and IAM's token",
      { idp_id: 'github-actions' },
      { ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN },
      () => [REQUEST_TOKEN, ID_TOKEN, ...issued],
    ],
  ]

  it.each(methods)('an error echoing %s shows none of them', async (_method, inputs, env, secrets) => {
    const server = await echoingServer()
    const oidc: Record<string, string> = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
      ? { ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/_github/id-token?api-version=2.0` }
      : {}
    const result = await run(server, { ...inputs, iam_endpoint: server.url }, { ...env, ...oidc })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(/failed with HTTP 400 /)
    expectNoFragment(result, secrets())
    expectOnlyOwnCommands(result, [
      KEY.id,
      KEY.secret,
      SECURITY_TOKEN,
      AUTH_TOKEN,
      PASSWORD,
      REQUEST_TOKEN,
      ID_TOKEN,
      ...issued,
    ])
  })

  it('a secret straddling any cut leaves no part of itself', async () => {
    // The cuts: 300 characters of an error message, 200 of a body excerpt, 4000 of the debug log's body.
    const bodies = [
      ...[290, 295, 299, 300].map((at) =>
        JSON.stringify({ error_code: 'X', error_msg: `${'a'.repeat(at - 10)}${KEY.secret}` }),
      ),
      ...[185, 195, 199].map((at) => `${'b'.repeat(at - 10)}${KEY.secret} not json`),
      `${'c'.repeat(3990)}${KEY.secret}`,
    ]
    let next = 0
    const server = await serve((_request, response) => response.writeHead(400).end(bodies[next++ % bodies.length]))
    for (let index = 0; index < bodies.length; index++) {
      const result = await run(server, { max_attempts: '1' }, { ...KEY_ENV, ACTIONS_STEP_DEBUG: 'true' })
      expect(result.exitCode).toBe(1)
      expectNoFragment(result, [KEY.secret])
      expect(viewerLog(result)).toContain('***')
    }
  })
})

describe('redirects are never followed', () => {
  it.concurrent.each([300, 301, 302, 303, 307, 308])(
    'HTTP %i: the error names it and where it points',
    async (status) => {
      const elsewhere = await serve((_request, response) => json(response, 200, briefInfo()))
      const server = await serve((_request, response) =>
        response.writeHead(status, { Location: `${elsewhere.url}/v2/manage/namespaces/team/repos/web?x=1` }).end(),
      )
      const result = await run(server)

      expect(errorOf(result)).toBe(
        `Reading repository team/web failed: the answer was HTTP ${status}, a redirect to ${elsewhere.url}. ` +
          'The action does not follow redirects, which would carry the credentials elsewhere. ' +
          `Check that ${server.url} (from the endpoint or iam_endpoint input) is the API itself, not a web page or a moved address, and the proxy in https_proxy.`,
      )
      expect(elsewhere.requests).toHaveLength(0)
      expect(server.requests).toHaveLength(1)
    },
  )

  it.concurrent("GitHub's ID-token endpoint redirecting elsewhere gets no request token sent there", async () => {
    const elsewhere = await serve((_request, response) => json(response, 200, { value: 'a.b.c' }))
    const server = await serve((_request, response) =>
      response.writeHead(302, { Location: `${elsewhere.url}/token` }).end(),
    )
    const result = await run(
      server,
      { idp_id: 'github-actions', iam_endpoint: server.url },
      {
        ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/_github/id-token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token-Hk4Vb9',
      },
    )

    expect(errorOf(result)).toMatch(
      /^Requesting an ID token from GitHub failed: the answer was HTTP 302, a redirect to http:\/\/127\.0\.0\.1:\d+\./,
    )
    expect(elsewhere.requests).toHaveLength(0)
  })

  it.concurrent('a Location that is not a URL is shown as text, cleaned', async () => {
    const server = await serve((_request, response) => response.writeHead(301, { Location: 'http://[bad' }).end())
    const result = await run(server)
    expect(errorOf(result)).toMatch(/a redirect to an address that is not a URL \("http:\/\/\[bad"\)\./)
  })
})

describe('malformed JSON, of any depth, is a clear error naming the operation', () => {
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`

  it.concurrent.each([
    [
      'a deeply nested field',
      `{"name":"web","description":${deep(200_000)}}`,
      /its description is an array, not a string$/,
    ],
    ['a deeply nested body', deep(400_000), /with a body that is not a repository's brief info: "\[{200}"$/],
    [
      'a body cut off mid-JSON',
      '{"name":"web","size":1',
      /with a body that is not a repository's brief info: "\{\\"name\\":\\"web\\",\\"size\\":1"$/,
    ],
  ])('%s', async (_name, body, message) => {
    const server = await serve((_request, response) => response.writeHead(200).end(body))
    const result = await run(server)

    expect(errorOf(result)).toMatch(/^Reading repository team\/web answered HTTP 200 /)
    expect(errorOf(result)).toMatch(message)
  })

  it.concurrent('a deeply nested error body', async () => {
    const server = await serve((_request, response) => response.writeHead(400).end(`{"errors":${deep(300_000)}}`))
    const result = await run(server)
    expect(errorOf(result)).toMatch(/^Reading repository team\/web failed with HTTP 400\. SWR refused the request/)
  })
})
