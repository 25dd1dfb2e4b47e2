// A small file read whole, bounded and without waiting: opened non-blocking (opening a FIFO nobody writes to would
// otherwise wait for ever), read only when it is a regular file, and refused past a size. Its errors carry a code
// (ENOENT, ENOTFILE, EFBIG, ...) that `whyUnread` turns into words.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'

export function readSmallFile(path: string, maxBytes: number): string {
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    if (!fstatSync(descriptor).isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' })
    const buffer = Buffer.alloc(maxBytes + 1)
    const size = readSync(descriptor, buffer, 0, buffer.length, 0)
    if (size > maxBytes) throw Object.assign(new Error('too large'), { code: 'EFBIG' })
    return buffer.subarray(0, size).toString('utf8')
  } finally {
    closeSync(descriptor)
  }
}

/** Why a file could not be read, in words; a caller gives its own for the codes it says more about. */
export function whyUnread(error: unknown, own: { ENOENT?: string; EFBIG: string; ENOTFILE?: string }): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return own.ENOENT ?? 'does not exist'
  if (code === 'EFBIG') return own.EFBIG
  if (code === 'ENOTFILE') return own.ENOTFILE ?? 'is not a regular file'
  return `cannot be read (${code ?? 'an error'})`
}
