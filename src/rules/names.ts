// SWR's name rules, checked before any request so a bad name never reaches the API.
// The grammar is Docker's: alphanumeric runs joined by one separator, where "__" and runs of "-" count as one.

export interface NameRule {
  what: string
  maxLength: number
  separators: string
  pattern: RegExp
  acceptedForm: string
}

export const NAMESPACE_RULE: NameRule = {
  what: 'organization',
  maxLength: 64,
  separators: '._-',
  pattern: /^[a-z][a-z0-9]*(?:(?:[._]|__|-+)[a-z0-9]+)*$/,
  acceptedForm:
    '1 to 64 characters of a-z, 0-9, ".", "_" and "-", starting with a letter and ending with a letter or digit; ' +
    'separators may not stand next to each other, except "__" and runs of "-" (e.g. "my-team")',
}

export const REPOSITORY_RULE: NameRule = {
  what: 'repository',
  maxLength: 128,
  separators: './_-',
  pattern: /^[a-z0-9]+(?:(?:[./_]|__|-+)[a-z0-9]+)*$/,
  acceptedForm:
    '1 to 128 characters of a-z, 0-9, ".", "/", "_" and "-", starting and ending with a letter or digit; ' +
    'separators may not stand next to each other, except "__" and runs of "-" (e.g. "web" or "team/web")',
}

/** An Enterprise Edition instance's namespaces: like organizations, but they may start with a digit. */
export const ENTERPRISE_NAMESPACE_RULE: NameRule = {
  what: 'namespace',
  maxLength: 64,
  separators: '._-',
  pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
  acceptedForm:
    '1 to 64 characters of a-z, 0-9, ".", "_" and "-", starting and ending with a letter or digit; separators may ' +
    'not stand next to each other (e.g. "my-team")',
}

/** Says what is wrong with a name, or nothing when the rule accepts it. */
export function nameProblem(name: string, rule: NameRule): string | undefined {
  if (name.length === 0) return 'it is empty'
  if (name.length > rule.maxLength) return `it is ${name.length} characters long, more than ${rule.maxLength}`
  if (rule.pattern.test(name)) return undefined

  // Checked before case: a Cyrillic or Greek capital is not told to be lowercased, and an invisible character is named.
  const foreignFirst = [...new Set([...name].filter((c) => (c.codePointAt(0) ?? 0) > 0x7e))]
  if (foreignFirst.length > 0) {
    const shown = foreignFirst.slice(0, 5).map(describeCharacter).join(', ')
    return `it contains ${shown}, outside the ASCII letters, digits and separators SWR allows (a look-alike of a Latin letter, or an invisible character pasted with the name)`
  }
  const lower = name.toLowerCase()
  if (lower !== name) {
    // Names often come from ${{ github.repository }}, which keeps the owner's capitals.
    const hint = rule.pattern.test(lower) ? `: use "${lower}"` : ''
    return `SWR names are lowercase${hint}`
  }
  const allowed = new RegExp(`^[a-z0-9${escapeForClass(rule.separators)}]$`)
  const foreign = [...new Set([...name].filter((c) => !allowed.test(c)))]
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).map(describeCharacter).join(', ')
    const more = foreign.length > 5 ? ` and ${foreign.length - 5} more` : ''
    return `it contains ${shown}${more}, which SWR does not allow`
  }

  const first = name[0]
  const last = name[name.length - 1]
  const firstAllowed = rule === NAMESPACE_RULE ? /[a-z]/ : /[a-z0-9]/
  if (!firstAllowed.test(first)) return `it starts with "${first}"`
  if (!/[a-z0-9]/.test(last)) return `it ends with "${last}"`
  const joined = /[^a-z0-9]{2,}/.exec(name)?.[0] ?? ''
  return `the separators "${joined}" stand next to each other`
}

function escapeForClass(chars: string): string {
  return chars.replace(/[-\\\]^/]/g, '\\$&')
}

function describeCharacter(c: string): string {
  if (c === ' ') return 'a space'
  const code = c.codePointAt(0) ?? 0
  const point = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  if (code < 0x20 || code === 0x7f) return `a control character (${point})`
  // Shown by its code point: raw, a look-alike reads as the letter it imitates, and an invisible one as nothing.
  if (code > 0x7e) return point
  return `"${c}"`
}
