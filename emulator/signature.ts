// The emulator's own check of SDK-HMAC-SHA256 signatures, written apart from the action's signer so that
// a mistake in one is caught by the other (both are held to Huawei's published vectors).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

export interface ReceivedRequest {
  method: string
  /** The request target exactly as received: path and query. */
  target: string
  /** Header names in lowercase, as node gives them. */
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export interface ParsedAuthorization {
  accessKeyId: string
  signedHeaders: string[]
  signature: string
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/

/** Percent-encodes byte by byte, keeping RFC 3986's unreserved characters. */
function percentEncode(text: string): string {
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte)
    out += byte < 0x80 && UNRESERVED.test(char) ? char : '%' + byte.toString(16).toUpperCase().padStart(2, '0')
  }
  return out
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'))
  } catch {
    return text
  }
}

export function parseAuthorization(value: string | undefined): ParsedAuthorization | undefined {
  const match = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    value ?? '',
  )
  if (!match) return undefined
  return { accessKeyId: match[1], signedHeaders: match[2].split(';'), signature: match[3] }
}

export function buildCanonicalRequest(request: ReceivedRequest, signedHeaders: string[]): string {
  const questionMark = request.target.indexOf('?')
  const path = questionMark < 0 ? request.target : request.target.slice(0, questionMark)
  const query = questionMark < 0 ? '' : request.target.slice(questionMark + 1)

  let uri = path
    .split('/')
    .map((segment) => percentEncode(decode(segment)))
    .join('/')
  if (!uri.endsWith('/')) uri += '/'

  const pairs = query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=')
      const name = equals < 0 ? part : part.slice(0, equals)
      const value = equals < 0 ? '' : part.slice(equals + 1)
      return [percentEncode(decode(name)), percentEncode(decode(value))]
    })
    .sort(([nameA, valueA], [nameB, valueB]) => byCodeUnits(nameA, nameB) || byCodeUnits(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)

  const headerLines = signedHeaders.map((name) => {
    const value = request.headers[name]
    return `${name}:${(Array.isArray(value) ? value.join(',') : (value ?? '')).trim()}\n`
  })

  const bodyHash = createHash('sha256').update(request.body).digest('hex')
  return [request.method, uri, pairs.join('&'), headerLines.join(''), signedHeaders.join(';'), bodyHash].join('\n')
}

function byCodeUnits(a: string, b: string): number {
  if (a === b) return 0
  return a < b ? -1 : 1
}

export function expectedSignature(canonicalRequest: string, sdkDate: string, secretAccessKey: string): string {
  const hashed = createHash('sha256').update(canonicalRequest).digest('hex')
  const stringToSign = ['SDK-HMAC-SHA256', sdkDate, hashed].join('\n')
  return createHmac('sha256', secretAccessKey).update(stringToSign).digest('hex')
}

export function signaturesEqual(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/** Parses X-Sdk-Date (20191115T033655Z); undefined when malformed. */
export function parseSdkDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!match) return undefined
  const [, y, mo, d, h, mi, s] = match.map(Number)
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s))
}
