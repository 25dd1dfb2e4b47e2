// The repositories file, read from the workspace: a regular file of at most 1 MiB, or an error naming it.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { cleanServerText } from '../rules/server-text.js'

const MAX_FILE_BYTES = 1024 * 1024

/** The file's text; `workspace` is where a relative path starts (GITHUB_WORKSPACE, else the working folder). */
export function readRepositoriesFile(path: string, workspace: string): string {
  const full = isAbsolute(path) ? path : resolve(workspace, path)
  const shown = cleanServerText(path)
  try {
    const descriptor = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK)
    try {
      if (!fstatSync(descriptor).isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' })
      const buffer = Buffer.alloc(MAX_FILE_BYTES + 1)
      const size = readSync(descriptor, buffer, 0, buffer.length, 0)
      if (size > MAX_FILE_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' })
      return buffer.subarray(0, size).toString('utf8')
    } finally {
      closeSync(descriptor)
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'does not exist (a relative path starts at the workspace: check out the repository first)'
        : code === 'EFBIG'
          ? 'is larger than 1 MiB'
          : code === 'ENOTFILE'
            ? 'is not a regular file'
            : `cannot be read (${code ?? 'an error'})`
    throw new Error(`Input repositories_file ${shown} ${why}.`, { cause: error })
  }
}
