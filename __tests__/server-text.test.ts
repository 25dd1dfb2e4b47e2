// Server text made safe: secrets removed first, then control characters escaped, then cut.
import { addSecret, cleanServerText, withoutSecrets } from '../src/rules/server-text.js'

const SECRET = 'Hx7-server-text-secret/+="Q'
addSecret(SECRET)

describe('server text', () => {
  it('keeps ordinary text as it is', () => {
    expect(cleanServerText('Namespace already exists')).toBe('Namespace already exists')
  })

  it('shows control characters escaped, on one line', () => {
    expect(cleanServerText('a\nb\r\tc\u001b[31m\u0000\u007f\u0085\u2028\u202e')).toBe(
      'a\\nb\\r\\tc\\u001B[31m\\u0000\\u007F\\u0085\\u2028\\u202E',
    )
  })

  it('cannot start a workflow command, in either form', () => {
    expect(cleanServerText('::add-mask::x')).toBe('\\u003A:add-mask::x')
    expect(cleanServerText('  ::error::x')).toBe('  \\u003A:error::x')
    expect(cleanServerText('text ##[warning]x')).toBe('text ##\\u005Bwarning]x')
    expect(cleanServerText('a::b')).toBe('a::b')
  })

  it('removes a secret as sent, JSON-escaped, percent-encoded and base64', () => {
    for (const form of [
      SECRET,
      JSON.stringify(SECRET).slice(1, -1),
      encodeURIComponent(SECRET),
      Buffer.from(SECRET).toString('base64'),
    ]) {
      expect(cleanServerText(`before ${form} after`)).toBe('before *** after')
    }
  })

  it('removes secrets before cutting, so that no part of one is left', () => {
    for (let at = 280; at <= 300; at++) {
      const clean = cleanServerText(`${'a'.repeat(at)}${SECRET}${'b'.repeat(50)}`)
      expect(clean).not.toContain(SECRET.slice(0, 4))
      expect(clean.length).toBeLessThanOrEqual(300 + '… (cut: 999 characters in all)'.length)
    }
  })

  it('cuts long text, saying how long it was', () => {
    expect(cleanServerText('x'.repeat(301))).toBe(`${'x'.repeat(300)}… (cut: 301 characters in all)`)
    expect(cleanServerText('x'.repeat(20), 10)).toBe(`${'x'.repeat(10)}… (cut: 20 characters in all)`)
  })

  it('ignores values too short to be secrets, which would blank ordinary words', () => {
    addSecret('ab')
    expect(withoutSecrets('about')).toBe('about')
  })
})
