// An ID token read from a file: bounded, checked, and every refusal naming the file (cleaned) and what to give.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readIdTokenFile } from '../src/clients/id-token-file.js'

const dir = mkdtempSync(join(tmpdir(), 'swr-id-token-'))
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

it('reads the token, trimmed', () => {
  expect(readIdTokenFile(file('ok', ' eyJh.eyJp.c2ln\n'))).toBe('eyJh.eyJp.c2ln')
})

it.each([
  ['a missing file', () => join(dir, 'missing'), 'does not exist'],
  ['a directory', () => dir, 'is not a regular file'],
  ['an empty file', () => file('empty', '\n'), 'is empty'],
  ['a file that holds no JWT', () => file('text', 'not a token'), 'does not hold an OpenID Connect ID token'],
  ['a file far larger than a token', () => file('large', Buffer.alloc(70 * 1024, 97)), 'is larger than 64 KiB'],
])('refuses %s, naming it', (_case, path, why) => {
  const given = path()
  expect(() => readIdTokenFile(given)).toThrow(why)
  expect(() => readIdTokenFile(given)).toThrow(`The ID token file ${given} `)
})

it('refuses a FIFO at once instead of waiting for a writer', () => {
  const fifo = join(dir, 'fifo')
  execFileSync('mkfifo', [fifo])
  expect(() => readIdTokenFile(fifo)).toThrow('is not a regular file')
})

it('shows a path with control characters cleaned, never as given', () => {
  expect(() => readIdTokenFile(join(dir, 'bad\u001b[31mname'))).toThrow(/bad\\u001B\[31mname/)
})
