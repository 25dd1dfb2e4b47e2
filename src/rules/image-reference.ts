// Names pasted in the form they are pushed (an image reference) or listed on one line, recognised before the name
// rules so that the message says which name to use instead. Docker's grammar: [HOST/]PATH[:TAG][@DIGEST], where the
// first component is a host when it looks like one.
import { quote } from './input-table.js'

interface ImageReference {
  host?: string
  path: string
  tag?: string
  digest?: boolean
}

/** A first path component that is a registry host: SWR's, a domain of a known kind, one with a port, localhost. */
const HOST = /^(?:localhost|swr\.[^/]+|[^/]+\.(?:com|eu|cn|io|net|org|cloud|internal|local)|[^/]+:\d+)$/

function parseReference(value: string): ImageReference | undefined {
  const match = /^(?:([^/]+)\/)?(.+?)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(@sha256:[0-9A-Fa-f]*)?$/.exec(value)
  if (!match) return undefined
  const [, first, rest, tag, digest] = match
  const host = first !== undefined && HOST.test(first) ? first : undefined
  const path = host ? rest : first === undefined ? rest : `${first}/${rest}`
  if (!host && tag === undefined && digest === undefined) return undefined
  return { host, path, tag, digest: digest !== undefined }
}

/** What of the reference does not belong in a name, in words. */
function extras({ host, tag, digest }: ImageReference): string {
  const parts = [
    host && `the registry host "${host}"`,
    tag !== undefined && `the tag ":${tag}"`,
    digest && 'the digest "@sha256:..."',
  ].filter(Boolean)
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)} do` : `${parts[0]} does`
}

/**
 * The message for a namespace or repository given as an image reference, with the name to use; undefined when the
 * value is not one. For a repository, a path that starts with the organization is the organization and the name.
 */
export function imageReferenceProblem(
  input: 'namespace' | 'repository',
  value: string,
  namespace: string,
): string | undefined {
  const reference = parseReference(value)
  if (!reference) return undefined
  const what = input === 'namespace' ? 'an organization' : 'a repository'
  let suggestion: string
  if (input === 'namespace') {
    suggestion = `namespace: ${quote(reference.path.split('/')[0])}`
  } else {
    const [owner, ...names] = reference.path.split('/')
    const inOrganization = reference.host !== undefined && names.length > 0
    suggestion =
      owner === namespace && names.length > 0
        ? `repository: ${quote(names.join('/'))}`
        : inOrganization
          ? `namespace: ${quote(owner)} and repository: ${quote(names.join('/'))}`
          : `repository: ${quote(reference.path)}`
  }
  const push = reference.tag !== undefined || reference.digest ? ', and give the tag when you push' : ''
  return (
    `Input ${input} ${quote(value)} is an image reference, not ${what} name: ${extras(reference)} not belong in ` +
    `it. Use ${suggestion}${push} (the image output is the reference to push to).`
  )
}

/** The message for several repositories given on one line, separated by commas or spaces. */
export function oneLineListProblem(value: string): string | undefined {
  const names = value.split(/[ ,]+/).filter(Boolean)
  if (names.length < 2) return undefined
  return (
    `Input repository ${quote(value)} lists several repositories on one line: give them one per line, e.g.\n` +
    `repository: |\n${names.map((name) => `  ${name}`).join('\n')}`
  )
}
