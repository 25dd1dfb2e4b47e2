import { authorization, canonicalRequest, sdkDate, sha256Hex } from '../src/rules/signer.js'
import { buildCanonicalRequest, expectedSignature, parseAuthorization } from '../emulator/signature.js'

// Huawei's API signing guide.
const guide = {
  method: 'GET',
  url: new URL(
    'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  ),
  headers: {
    'Content-Type': 'application/json',
    Host: 'service.region.example.com',
    'X-Sdk-Date': '20191115T033655Z',
  },
  body: '',
  accessKeyId: 'QTWAOYTTINDUT2QVKYUC',
  secretAccessKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
  canonicalHash: 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
  authorization:
    'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, ' +
    'Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
}

// Huawei's Go SDK signer test: only X-Sdk-Date is signed.
const goSdk = {
  method: 'GET',
  url: new URL('https://example.com/path?limit=1'),
  headers: { 'X-Sdk-Date': '20060102T150405Z' },
  body: '',
  secretAccessKey: 'SecretKey',
  signature: '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
}

describe('the action signer', () => {
  it('gives the canonical request and Authorization of the published vector', () => {
    expect(sha256Hex(canonicalRequest(guide))).toBe(guide.canonicalHash)
    expect(authorization(guide, guide.accessKeyId, guide.secretAccessKey)).toBe(guide.authorization)
  })

  it("gives the Go SDK test's signature", () => {
    expect(authorization(goSdk, 'AccessKey', goSdk.secretAccessKey)).toContain(`Signature=${goSdk.signature}`)
  })

  it('encodes "$" and query reserved characters, and ends the URI with "/"', () => {
    const request = {
      method: 'get',
      url: new URL('https://h/v2/manage/namespaces/g/repos/team$web?filter=namespace::g'),
      headers: { 'X-Sdk-Date': '20260101T000000Z' },
      body: '',
    }
    const lines = canonicalRequest(request).split('\n')
    expect(lines[0]).toBe('GET')
    expect(lines[1]).toBe('/v2/manage/namespaces/g/repos/team%24web/')
    expect(lines[2]).toBe('filter=namespace%3A%3Ag')
  })

  it('sorts query parameters by name, then value', () => {
    const request = { method: 'GET', url: new URL('https://h/p?b=2&a-b=1&a=2&a=1'), headers: {}, body: '' }
    expect(canonicalRequest(request).split('\n')[2]).toBe('a=1&a=2&a-b=1&b=2')
  })

  it('hashes the exact body and changes the signature with it', () => {
    const base = { method: 'POST', url: new URL('https://h/v2/manage/namespaces'), headers: goSdk.headers }
    const one = authorization({ ...base, body: '{"namespace":"a"}' }, 'AK', 'SK')
    const two = authorization({ ...base, body: '{"namespace":"b"}' }, 'AK', 'SK')
    expect(one).not.toBe(two)
    expect(canonicalRequest({ ...base, body: '' }).endsWith(sha256Hex(''))).toBe(true)
  })

  it('formats X-Sdk-Date in UTC without separators', () => {
    expect(sdkDate(new Date(Date.UTC(2019, 10, 15, 3, 36, 55, 123)))).toBe('20191115T033655Z')
  })

  it('refuses to sign without X-Sdk-Date', () => {
    expect(() => authorization({ ...goSdk, headers: {} }, 'AK', 'SK')).toThrow(/X-Sdk-Date/)
  })
})

describe("the emulator's verifier", () => {
  const lowercase = (headers: Record<string, string>) =>
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))

  it('computes the published vector from the request as received', () => {
    const parsed = parseAuthorization(guide.authorization)
    expect(parsed?.signedHeaders).toEqual(['content-type', 'host', 'x-sdk-date'])
    const received = {
      method: 'GET',
      target: guide.url.pathname + guide.url.search,
      headers: lowercase(guide.headers),
      body: Buffer.alloc(0),
    }
    const canonical = buildCanonicalRequest(received, parsed!.signedHeaders)
    expect(sha256Hex(canonical)).toBe(guide.canonicalHash)
    expect(expectedSignature(canonical, guide.headers['X-Sdk-Date'], guide.secretAccessKey)).toBe(parsed!.signature)
  })

  it("computes the Go SDK test's signature", () => {
    const received = {
      method: 'GET',
      target: '/path?limit=1',
      headers: lowercase(goSdk.headers),
      body: Buffer.alloc(0),
    }
    const canonical = buildCanonicalRequest(received, ['x-sdk-date'])
    expect(expectedSignature(canonical, goSdk.headers['X-Sdk-Date'], goSdk.secretAccessKey)).toBe(goSdk.signature)
  })

  it('agrees with the action signer on a repository path with "$" and a body', () => {
    const request = {
      method: 'POST',
      url: new URL('http://127.0.0.1:8080/v2/manage/namespaces/g/repos/a$b?x=%20y'),
      headers: { 'Content-Type': 'application/json', Host: '127.0.0.1:8080', 'X-Sdk-Date': '20260101T000000Z' },
      body: '{"repository":"a/b","is_public":false}',
    }
    const header = authorization(request, 'AK', 'SK')
    const parsed = parseAuthorization(header)!
    const received = {
      method: 'POST',
      target: '/v2/manage/namespaces/g/repos/a$b?x=%20y',
      headers: lowercase(request.headers),
      body: Buffer.from(request.body),
    }
    expect(expectedSignature(buildCanonicalRequest(received, parsed.signedHeaders), '20260101T000000Z', 'SK')).toBe(
      parsed.signature,
    )
  })
})
