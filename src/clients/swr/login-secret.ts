// SWR's temporary registry login (CreateSecret), read from its answer and checked: the body holds Docker's config
// shape, {"auths": {"HOST": {"auth": "<base64 of user:password>"}}}, and a header says when it expires.
import { REGISTRY_PASSWORD, REGISTRY_USERNAME } from '../../rules/registry-login.js'

export interface LoginSecret {
  /** The registry host the credential is for. */
  host: string
  username: string
  password: string
  /** base64 of username:password, as Docker's config file holds it. */
  auth: string
  /** When the credential expires. */
  expiresAt: Date
  /** The expiry is an estimate: SWR did not say. */
  expiryEstimated: boolean
}

/** Printable ASCII without spaces: what a user:password pair is made of at all. */
const PRINTABLE = /^[\x21-\x7e]{1,4096}$/
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/**
 * The credential for `host` in a CreateSecret body, or what is wrong with the body. The value must decode to
 * user:password exactly, each of its strict form: anything else would be written into Docker's config and fail at
 * the push, far from here, or carry a command into the log. A message never shows any part of either.
 */
export function readLoginSecret(
  body: unknown,
  host: string,
): Omit<LoginSecret, 'expiresAt' | 'expiryEstimated'> | { problem: string } {
  const auths = (body as { auths?: unknown } | null)?.auths
  if (!auths || typeof auths !== 'object' || Array.isArray(auths)) return { problem: 'it has no "auths" object' }
  const entry = (auths as Record<string, unknown>)[host]
  if (entry === undefined) {
    const hosts = Object.keys(auths).length
    return { problem: `it has no entry for the registry ${host} (${hosts} other${hosts === 1 ? '' : 's'})` }
  }
  const auth = (entry as { auth?: unknown } | null)?.auth
  if (typeof auth !== 'string' || auth === '' || !BASE64.test(auth)) {
    return { problem: `its entry for ${host} has no "auth" value in base64` }
  }
  const decoded = Buffer.from(auth, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  const username = decoded.slice(0, colon)
  const password = decoded.slice(colon + 1)
  if (colon < 0 || !PRINTABLE.test(username) || !PRINTABLE.test(password)) {
    return { problem: `its entry for ${host} is not the base64 of user:password` }
  }
  if (!REGISTRY_USERNAME.test(username) || !REGISTRY_PASSWORD.test(password)) {
    return {
      problem:
        `its entry for ${host} holds a user name or password outside the accepted form (user name: letters, digits ` +
        'and ". _ @ + -", starting with a letter or digit; password: letters, digits and ". _ ~ + / = -")',
    }
  }
  return { host, username, password, auth }
}

/** How long a login lasts when SWR does not say: its default (docs/api-notes.md, "Registry login"). */
export const DEFAULT_LOGIN_SECONDS = 6 * 3600
/** The longest login SWR issues. */
const LONGEST_LOGIN_SECONDS = 24 * 3600

export interface Expiry {
  expiresAt: Date
  /** SWR did not say when the login expires: the time is the earlier of the duration asked and SWR's default. */
  estimated: boolean
}

/**
 * When the credential expires: the X-Swr-Expireat header when it is a believable date (in the future, within the
 * longest login SWR issues, with a minute's leeway for clocks). Without one, the earlier of the duration asked and
 * SWR's default: a server that ignores duration_seconds issues its default login, and saying it lasts longer would
 * let a long job fail at its push.
 */
export function expiryOf(header: string | undefined, durationSeconds: number, now: number): Expiry {
  const told = header === undefined ? Number.NaN : Date.parse(header.trim())
  if (Number.isFinite(told) && told > now && told <= now + (LONGEST_LOGIN_SECONDS + 60) * 1000) {
    return { expiresAt: new Date(told), estimated: false }
  }
  return { expiresAt: new Date(now + Math.min(durationSeconds, DEFAULT_LOGIN_SECONDS) * 1000), estimated: true }
}

/** A user name with its middle elided, for the log: "cn-north-4@OWF…KBXI". */
export function elide(username: string): string {
  const at = username.indexOf('@')
  const prefix = at >= 0 ? username.slice(0, at + 1) : ''
  const rest = username.slice(prefix.length)
  return rest.length <= 8 ? `${prefix}${rest.slice(0, 2)}…` : `${prefix}${rest.slice(0, 3)}…${rest.slice(-4)}`
}
