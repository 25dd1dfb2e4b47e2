// Where requests go: SWR's hosts follow the region, except where a deployment or an emulator says otherwise.

/** The European regions numbered eu-west-1xx live under their own domain. */
export function cloudDomain(region: string): string {
  return /^eu-west-1\d\d$/.test(region) ? 'myhuaweicloud.eu' : 'myhuaweicloud.com'
}

export function swrApiUrl(region: string): URL {
  return new URL(`https://swr-api.${region}.${cloudDomain(region)}`)
}

export function iamUrl(region: string): URL {
  return new URL(`https://iam.${region}.${cloudDomain(region)}`)
}

/** A registry host (name or IPv4 address, with an optional port), as Docker takes it. */
const REGISTRY_HOST =
  /^(?=.{1,253}(?::|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/

export const isRegistryHost = (host: string): boolean => REGISTRY_HOST.test(host)

/**
 * The docker registry host that images are pushed to, and the only one the action logs in to: a host named by an
 * answer (a brief info's path, CreateSecret's auths) is checked against it, never taken on trust.
 */
export function registryHost(region: string, endpoint: URL): string {
  // A given endpoint named like SWR's own (swr-api.X) has its registry at swr.X; otherwise the region decides.
  const host = endpoint.hostname
  if (host.startsWith('swr-api.')) return `swr.${host.slice('swr-api.'.length)}`
  return `swr.${region}.${cloudDomain(region)}`
}

/**
 * SWR's address in another region, for an endpoint that is SWR's own regional address (swr-api.REGION.DOMAIN);
 * undefined for any other endpoint, whose other regions' addresses cannot be told.
 */
export function regionalSwrEndpoint(endpoint: URL, region: string, target: string): URL | undefined {
  const host = `swr-api.${region}.${cloudDomain(region)}`
  if (endpoint.hostname !== host || endpoint.pathname.replace(/\/$/, '') !== '') return undefined
  const url = new URL(endpoint.href)
  url.hostname = `swr-api.${target}.${cloudDomain(target)}`
  return url
}

/** A path under an endpoint, which may carry a path prefix of its own. */
export function endpointUrl(endpoint: URL, path: string): URL {
  // Joined by hand: new URL('//v2/...', base) would read the doubled slash as a host.
  return new URL(endpoint.pathname.replace(/\/$/, '') + path, endpoint)
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/

/**
 * Parses an endpoint given as an input. Credentials travel in every request, so plain http is
 * refused except on loopback addresses, where only an emulator can be listening.
 */
export function parseEndpoint(value: string): URL | string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'it is not a URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `its scheme "${url.protocol}" is not https`
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    return 'plain http is only allowed for loopback addresses (127.0.0.1, localhost, [::1]); use https'
  }
  if (url.username || url.password) return 'it carries a user name or password'
  if (url.search || url.hash) return 'it has a query or fragment'
  url.pathname = url.pathname.replace(/\/+$/, '')
  // A gateway may put the API under a prefix; a version segment is the start of an API path itself, pasted from the
  // API reference, which the action would then double ("/v2/manage/v2/manage/...") and read a gateway's "API does not
  // exist" as a missing repository (docs/api-notes.md, "Error bodies").
  const apiPath = /\/v\d+(?:\/.*)?$/.exec(url.pathname)?.[0]
  if (apiPath)
    return `it ends in an API path ("${apiPath}"): give the address without it; the action adds each API's path`
  return url
}
