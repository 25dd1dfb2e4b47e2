// Huawei Cloud's SDK-HMAC-SHA256 request signing (the API gateway's AK/SK scheme).
import { createHash, createHmac } from 'node:crypto'

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256'

export interface SignableRequest {
  method: string
  url: URL
  /** Every header given here is signed; names are case-insensitive. */
  headers: Record<string, string>
  body: string
}

/** The X-Sdk-Date form: 20191115T033655Z. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** Percent-encodes everything but RFC 3986's unreserved characters, as the gateway does. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function canonicalUri(pathname: string): string {
  const path = pathname
    .split('/')
    .map((segment) => encode(decodeURIComponent(segment)))
    .join('/')
  return path.endsWith('/') ? path : `${path}/`
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([name, value]) => [encode(name), encode(value)])
    .sort(([a, x], [b, y]) => (a === b ? compare(x, y) : compare(a, b)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function signedHeaderNames(headers: Record<string, string>): string[] {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort(compare)
}

export function canonicalRequest(request: SignableRequest): string {
  const lowered = new Map(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value.trim()]))
  const names = signedHeaderNames(request.headers)
  return [
    request.method.toUpperCase(),
    canonicalUri(request.url.pathname),
    canonicalQuery(request.url),
    names.map((name) => `${name}:${lowered.get(name)}\n`).join(''),
    names.join(';'),
    sha256Hex(request.body),
  ].join('\n')
}

/** The Authorization header value; the request's headers must already hold X-Sdk-Date. */
export function authorization(request: SignableRequest, accessKeyId: string, secretAccessKey: string): string {
  const date = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'x-sdk-date')?.[1]
  if (!date) throw new Error('X-Sdk-Date must be set before signing')
  const stringToSign = `${SIGNING_ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest(request))}`
  const signature = createHmac('sha256', secretAccessKey).update(stringToSign).digest('hex')
  const signedHeaders = signedHeaderNames(request.headers).join(';')
  return `${SIGNING_ALGORITHM} Access=${accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data).digest('hex')
}
