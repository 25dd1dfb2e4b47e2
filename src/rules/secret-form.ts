// A secret's form, checked before any request: a value pasted with a line break, in quotes, with a scheme ("Bearer
// ...") or with spaces would be sent as it is and refused by the server (or, with a line break, refused by the HTTP
// client before it is sent, which looked like no answer at all). Each problem names where the value came from,
// never the value.
import { ENVIRONMENT_CONVENTIONS, type SignIn } from './credentials.js'

/** A key, key ID or token is one word of printable characters; a password, any one line. */
export function formProblem(value: string, from: string, what: string, anyCharacter = false): string | undefined {
  if (/[\r\n]/.test(value)) {
    return `${from} has a line break in it: ${what} is one line. Copy it again without the break (a variable or secret set from a file often keeps its last newline).`
  }
  // A password may be any text on one line.
  if (anyCharacter) return undefined
  if (/^["'`]|["'`]$/.test(value)) {
    return `${from} is in quotes: give ${what} without them (YAML needs none around it).`
  }
  const scheme = /^(Bearer|Basic|Token|AWS4-HMAC-SHA256|SDK-HMAC-SHA256)\s/i.exec(value)?.[1]
  if (scheme) return `${from} starts with "${scheme} ": give ${what} alone; the action adds what requests need.`
  if (/\s/.test(value)) return `${from} has a space in it: ${what} has none. Copy it again.`
  return undefined
}

/** Where each value of an access-key sign-in came from: the inputs, or one of the environment conventions. */
function accessKeySources(source: string) {
  const convention = ENVIRONMENT_CONVENTIONS.find(([id]) => source === `environment ${id}`)
  if (!convention)
    return { id: 'Input access_key_id', secret: 'Input secret_access_key', token: 'Input security_token' }
  const [id, secret, token] = convention
  return { id: `The variable ${id}`, secret: `The variable ${secret}`, token: `The variable ${token}` }
}

/** The problems with the form of the sign-in's secrets; none for methods that carry none yet. */
export function signInFormProblems(signIn: SignIn): string[] {
  const problems: (string | undefined)[] = []
  if (signIn.kind === 'access-key') {
    const from = accessKeySources(signIn.source)
    problems.push(formProblem(signIn.accessKeyId, from.id, 'an access key ID'))
    problems.push(formProblem(signIn.secretAccessKey, from.secret, 'a secret access key'))
    if (signIn.securityToken) problems.push(formProblem(signIn.securityToken, from.token, 'a security token'))
  } else if (signIn.kind === 'token') {
    problems.push(formProblem(signIn.token, 'Input auth_token', 'an IAM token'))
  } else if (signIn.kind === 'password') {
    // A password may hold spaces and quotes; a line break it cannot.
    problems.push(formProblem(signIn.password, 'Input iam_password', 'a password', true))
  }
  return problems.filter((problem): problem is string => problem !== undefined)
}
