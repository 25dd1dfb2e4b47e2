import {
  cloudDomain,
  endpointUrl,
  parseEndpoint,
  regionalSwrEndpoint,
  registryHost,
  swrApiUrl,
} from '../src/rules/endpoint.js'

describe('endpoints', () => {
  it.each([
    ['cn-north-4', 'https://swr-api.cn-north-4.myhuaweicloud.com/', 'swr.cn-north-4.myhuaweicloud.com'],
    ['ap-southeast-1', 'https://swr-api.ap-southeast-1.myhuaweicloud.com/', 'swr.ap-southeast-1.myhuaweicloud.com'],
    ['eu-west-0', 'https://swr-api.eu-west-0.myhuaweicloud.com/', 'swr.eu-west-0.myhuaweicloud.com'],
    ['eu-west-101', 'https://swr-api.eu-west-101.myhuaweicloud.eu/', 'swr.eu-west-101.myhuaweicloud.eu'],
    [
      'my-kualalumpur-1',
      'https://swr-api.my-kualalumpur-1.myhuaweicloud.com/',
      'swr.my-kualalumpur-1.myhuaweicloud.com',
    ],
  ])('derives the hosts of %s', (region, api, registry) => {
    expect(swrApiUrl(region).href).toBe(api)
    expect(registryHost(region, swrApiUrl(region))).toBe(registry)
  })

  it('puts only eu-west-1xx under myhuaweicloud.eu', () => {
    expect(cloudDomain('eu-west-199')).toBe('myhuaweicloud.eu')
    expect(cloudDomain('eu-west-1')).toBe('myhuaweicloud.com')
    expect(cloudDomain('eu-west-1000')).toBe('myhuaweicloud.com')
  })

  it('takes the registry of a given SWR-like endpoint from its host', () => {
    expect(registryHost('cn-north-4', new URL('https://swr-api.example.internal'))).toBe('swr.example.internal')
    expect(registryHost('cn-north-4', new URL('http://127.0.0.1:9000'))).toBe('swr.cn-north-4.myhuaweicloud.com')
  })

  it.each(['https://swr-api.example.com', 'https://swr-api.example.com/', 'https://example.com/prefix/'])(
    'accepts %s',
    (value) => {
      const url = parseEndpoint(value)
      expect(url).toBeInstanceOf(URL)
      expect((url as URL).pathname.endsWith('/') && (url as URL).pathname !== '/').toBe(false)
    },
  )

  it.each(['http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:2', 'http://127.1.2.3'])(
    'allows plain http on loopback: %s',
    (value) => {
      expect(parseEndpoint(value)).toBeInstanceOf(URL)
    },
  )

  it.each([
    ['swr-api.example.com', /not a URL/],
    ['http://swr-api.example.com', /only allowed for loopback/],
    ['http://127.0.0.1.example.com', /only allowed for loopback/],
    ['ftp://example.com', /scheme "ftp:"/],
    ['https://user:pw@example.com', /user name or password/],
    ['https://example.com/?a=1', /query or fragment/],
  ])('refuses %s', (value, problem) => {
    expect(parseEndpoint(value)).toMatch(problem)
  })

  it('joins a path to an endpoint with or without a path prefix', () => {
    expect(endpointUrl(new URL('https://swr-api.example.com/'), '/v2/manage/namespaces').href).toBe(
      'https://swr-api.example.com/v2/manage/namespaces',
    )
    expect(endpointUrl(parseEndpoint('https://gw.example.com/swr/') as URL, '/v2/x').href).toBe(
      'https://gw.example.com/swr/v2/x',
    )
  })
})

describe("SWR's address in another region", () => {
  it("follows SWR's own regional address, to the target region's domain", () => {
    expect(regionalSwrEndpoint(swrApiUrl('cn-north-4'), 'cn-north-4', 'ap-southeast-3')?.href).toBe(
      'https://swr-api.ap-southeast-3.myhuaweicloud.com/',
    )
    expect(regionalSwrEndpoint(swrApiUrl('cn-north-4'), 'cn-north-4', 'eu-west-101')?.href).toBe(
      'https://swr-api.eu-west-101.myhuaweicloud.eu/',
    )
  })

  it("is not known for any other endpoint: an emulator, a gateway, a path prefix, another region's address", () => {
    for (const endpoint of [
      'http://127.0.0.1:8080',
      'https://swr.example.com',
      'https://swr-api.cn-north-4.myhuaweicloud.com/prefix',
      'https://swr-api.cn-east-3.myhuaweicloud.com',
    ]) {
      expect(regionalSwrEndpoint(new URL(endpoint), 'cn-north-4', 'cn-east-3')).toBeUndefined()
    }
  })
})
