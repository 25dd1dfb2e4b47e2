// An OpenID Connect ID token kept in a file (a pod's projected service-account token; HUAWEICLOUD_SDK_ID_TOKEN_FILE),
// read bounded and checked before any request.
import { JWT } from '../rules/credentials.js'
import { readSmallFile, whyUnread } from './small-file.js'
import { cleanServerText } from '../rules/server-text.js'

/** A projected token is about 1 KiB; a file much larger is not one. */
const MAX_TOKEN_BYTES = 64 * 1024

/** The token in the file, or an error naming the file and what is wrong with it (never its content). */
export function readIdTokenFile(path: string): string {
  // The path comes from an input or the environment: shown as one clean line, never as given.
  const shown = cleanServerText(path)
  let text: string
  try {
    text = readSmallFile(path, MAX_TOKEN_BYTES).trim()
  } catch (error) {
    const why = whyUnread(error, {
      EFBIG: `is larger than ${MAX_TOKEN_BYTES / 1024} KiB, far more than an ID token`,
      ENOTFILE: 'is not a regular file (a directory, FIFO, socket or device)',
    })
    throw new Error(
      `The ID token file ${shown} (id_token_file, or HUAWEICLOUD_SDK_ID_TOKEN_FILE) ${why}: give the path of the ` +
        "workload's OpenID Connect token, e.g. a projected service-account token.",
      { cause: error },
    )
  }
  if (text === '')
    throw new Error(`The ID token file ${shown} is empty: it should hold one OpenID Connect ID token (a JWT).`)
  if (!JWT.test(text)) {
    throw new Error(
      `The ID token file ${shown} does not hold an OpenID Connect ID token: a JWT is three base64url parts joined by ".".`,
    )
  }
  return text
}
