// The IAM and GitHub ID-token clients, on scripted answers: what each request carries, the one outcome each gives,
// and the error, with its service's hint, for every other answer.
import { requestIdToken } from '../src/clients/github-id-token.js'
import { iamApi } from '../src/clients/iam.js'
import { RequestError } from '../src/clients/request-error.js'
import { scriptedTransport } from './helpers/scripted-transport.js'

const IAM = new URL('https://iam.cn-north-4.myhuaweicloud.com')
const SIGN_IN = { kind: 'password' as const, domain: 'acme', user: 'ci', password: 'pw-0001', source: 'IAM user ci' }
const claims = (payload: object) =>
  `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`

describe('IAM', () => {
  it('a password token: the body scoped to the region, the token from X-Subject-Token, masked at once', async () => {
    const transport = scriptedTransport({ status: 201, headers: { 'x-subject-token': 'iam-token-0001' } })
    const masked: string[] = []
    const token = await iamApi(transport, IAM, 'cn-north-4', (secret) => masked.push(secret)).passwordToken(SIGN_IN)
    expect(token).toEqual({ token: 'iam-token-0001' })
    expect(masked).toEqual(['iam-token-0001'])
    expect(transport.sent[0]).toMatchObject({
      method: 'POST',
      url: 'https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens',
      body: { auth: { scope: { project: { name: 'cn-north-4' } } } },
    })
  })

  it('a refused password is an error naming the account and user, never the password', async () => {
    const transport = scriptedTransport({
      status: 401,
      body: '{"error":{"code":401,"message":"The username or password is wrong."}}',
    })
    const refused = iamApi(transport, IAM, 'cn-north-4', () => {}).passwordToken(SIGN_IN)
    await expect(refused).rejects.toBeInstanceOf(RequestError)
    await expect(refused).rejects.toThrow(/IAM refused the password of user "ci" in account "acme"/)
    await expect(refused).rejects.not.toThrow(/pw-0001/)
  })

  it('a success without a token is no success', async () => {
    const transport = scriptedTransport({ status: 201 })
    await expect(iamApi(transport, IAM, 'r', () => {}).passwordToken(SIGN_IN)).rejects.toThrow(
      /without an X-Subject-Token/,
    )
  })

  it('an ID token is exchanged with X-Idp-Id; a refusal explains its claims', async () => {
    const ok = scriptedTransport({ status: 201, headers: { 'x-subject-token': 'fed-0001' } })
    expect(await iamApi(ok, IAM, 'cn-north-4', () => {}).federatedToken('gh', 'a.b.c', "GitHub's ID token")).toEqual({
      token: 'fed-0001',
    })
    expect(ok.sent[0].headers['X-Idp-Id']).toBe('gh')
    expect(ok.sent[0].operation).toBe("Exchanging GitHub's ID token through identity provider gh")

    const idToken = claims({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'https://github.com/octo',
      exp: 4102444800,
    })
    const refused = scriptedTransport({
      status: 401,
      body: '{"error_msg":"aud does not match the client_id","error_code":"IAM.0007"}',
    })
    await expect(iamApi(refused, IAM, 'r', () => {}).federatedToken('gh', idToken, 'x')).rejects.toThrow(
      /for the audience "https:\/\/github\.com\/octo".*set id_token_audience to the client ID/,
    )
    const unknown = scriptedTransport({ status: 404, body: '{"error_msg":"not found","error_code":"IAM.0004"}' })
    await expect(iamApi(unknown, IAM, 'r', () => {}).federatedToken('nope', idToken, 'x')).rejects.toThrow(
      /IAM has no identity provider "nope"/,
    )
  })
})

describe("GitHub's ID token", () => {
  const endpoint = { url: 'https://runner.example/idtoken?api-version=2.0', requestToken: 'request-token-1' }

  it('is asked for with the request token, the audience appended to the runner’s query', async () => {
    const transport = scriptedTransport({ status: 200, body: '{"value":"h.p.s"}' })
    expect(await requestIdToken(transport, endpoint, 'sts.example')).toBe('h.p.s')
    expect(transport.sent[0].url).toBe('https://runner.example/idtoken?api-version=2.0&audience=sts.example')
    expect(transport.sent[0].headers.Authorization).toBe('Bearer request-token-1')
  })

  it('a refusal says to grant id-token: write; a body without a JWT is no token', async () => {
    await expect(requestIdToken(scriptedTransport({ status: 403 }), endpoint)).rejects.toThrow(
      /permissions: id-token: write/,
    )
    await expect(
      requestIdToken(scriptedTransport({ status: 200, body: '{"value":"not a jwt"}' }), endpoint),
    ).rejects.toThrow(/with a body that is not an ID token/)
  })
})
