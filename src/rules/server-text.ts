// Text that came from a server, made safe before it is shown or stored: every secret the run knows is removed first,
// then control characters are shown escaped, then the text is cut to a bounded length. What is left is one line
// that cannot start a workflow command (the runner reads "::command::" at a line's start and "##[command]"
// anywhere in it).

/** A few hundred characters: enough for any real error message or brief-info value. */
export const SERVER_TEXT_LIMIT = 300

const secrets = new Set<string>()

/**
 * Remembers a secret so that it is removed from any server text cleaned from now on, in the forms a server might
 * echo it: as sent, JSON-escaped, percent-encoded and base64.
 */
export function addSecret(value: string): void {
  // Very short values would blank out ordinary words.
  if (value.length < 4) return
  for (const form of [
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    Buffer.from(value).toString('base64'),
  ]) {
    secrets.add(form)
  }
}

/** Every known secret replaced by ***, longest first so that one secret inside another goes whole. */
export function withoutSecrets(text: string): string {
  let clean = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) clean = clean.replaceAll(secret, '***')
  return clean
}

// C0 and C1 controls (newlines and ESC among them), DEL, the Unicode line and paragraph separators, and the
// bidirectional overrides that can make a log line read differently from what it holds.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

const escapeCharacter = (c: string) =>
  NAMED[c] ?? `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

/** Server text as one safe line of at most `limit` characters (plus a note of the cut). */
export function cleanServerText(text: string, limit = SERVER_TEXT_LIMIT): string {
  const clean = withoutSecrets(text)
    .replace(UNSAFE, escapeCharacter)
    .replaceAll('##[', '##\\u005B')
    .replace(/^(\s*):(?=:)/, '$1\\u003A')
  if (clean.length <= limit) return clean
  return `${clean.slice(0, limit)}… (cut: ${clean.length} characters in all)`
}

/** Whether the text holds a secret the run knows, in any of the forms it is removed in. */
export function containsSecret(text: string): boolean {
  for (const secret of secrets) if (text.includes(secret)) return true
  return false
}

/** Text made safe inside HTML (the job summary): names come from inputs and messages from servers. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
