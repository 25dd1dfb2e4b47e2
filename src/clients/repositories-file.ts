// The repositories file, read from the workspace: a regular file of at most 1 MiB, or an error naming it.
import { isAbsolute, resolve } from 'node:path'
import { cleanServerText } from '../rules/server-text.js'
import { readSmallFile, whyUnread } from './small-file.js'

const MAX_FILE_BYTES = 1024 * 1024

/** The file's text; `workspace` is where a relative path starts (GITHUB_WORKSPACE, else the working folder). */
export function readRepositoriesFile(path: string, workspace: string): string {
  const full = isAbsolute(path) ? path : resolve(workspace, path)
  const shown = cleanServerText(path)
  try {
    return readSmallFile(full, MAX_FILE_BYTES)
  } catch (error) {
    const why = whyUnread(error, {
      ENOENT: 'does not exist (a relative path starts at the workspace: check out the repository first)',
      EFBIG: 'is larger than 1 MiB',
    })
    throw new Error(`Input repositories_file ${shown} ${why}.`, { cause: error })
  }
}
