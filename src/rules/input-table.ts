// Every input outside the repository features, declared once: its kind, whether it is a secret, and its default,
// which is action.yml's (a test keeps the two equal, with the features' own declarations). The checks of a kind are
// written once, here, with the messages that name the input.
import { pastedList, pastedListProblem } from './pasted-list.js'
import { cleanServerText, SERVER_TEXT_LIMIT } from './server-text.js'

export type InputKind =
  /** Free text, or text checked by a rule of its own (names, hosts, regions). */
  | { kind: 'text'; secret?: boolean }
  /** One value per line; commas only where a line's own form has them. */
  | { kind: 'lines'; commas?: boolean }
  /** An http(s) base URL. */
  | { kind: 'url' }
  | { kind: 'boolean'; default?: boolean }
  /** A whole number within a range; `accepted` completes "must be a whole number ...". */
  | { kind: 'whole'; min: number; max: number; default?: number; accepted: string }

export const INPUT_TABLE = {
  namespace: { kind: 'text' },
  repository: { kind: 'lines' },
  repositories_file: { kind: 'text' },
  region: { kind: 'text' },
  endpoint: { kind: 'url' },
  registry: { kind: 'text' },
  auth_token: { kind: 'text', secret: true },
  access_key_id: { kind: 'text', secret: true },
  secret_access_key: { kind: 'text', secret: true },
  security_token: { kind: 'text', secret: true },
  iam_domain: { kind: 'text' },
  iam_user: { kind: 'text' },
  iam_password: { kind: 'text', secret: true },
  idp_id: { kind: 'text' },
  id_token_audience: { kind: 'text' },
  id_token_file: { kind: 'text' },
  instance_credentials: { kind: 'boolean', default: false },
  iam_endpoint: { kind: 'url' },
  update_existing: { kind: 'boolean', default: false },
  instance: { kind: 'text' },
  project_id: { kind: 'text' },
  prune_undeclared: { kind: 'boolean', default: false },
  prune_with_images: { kind: 'boolean', default: false },
  dry_run: { kind: 'boolean', default: false },
  summary: { kind: 'boolean', default: true },
  login: { kind: 'boolean', default: false },
  login_duration: {
    kind: 'whole',
    min: 900,
    max: 86400,
    default: 21600,
    accepted: 'of seconds from 900 (15 minutes) to 86400 (24 hours), e.g. 21600 for 6 hours',
  },
  logout: { kind: 'boolean', default: true },
  max_attempts: { kind: 'whole', min: 1, max: 10, default: 4, accepted: 'from 1 to 10' },
  timeout_seconds: { kind: 'whole', min: 1, max: 600, default: 30, accepted: 'of seconds from 1 to 600' },
} as const satisfies Record<string, InputKind>

export type InputName = keyof typeof INPUT_TABLE

/** Inputs by name, with their kinds: the table above, and each feature's own. */
export type InputTable = Readonly<Record<string, InputKind>>

/** The secret inputs of a table: masked the moment they are read. */
export const secretsOf = (table: InputTable): string[] =>
  Object.keys(table).filter((name) => table[name].kind === 'text' && !!(table[name] as { secret?: boolean }).secret)

export const SECRET_INPUTS = secretsOf(INPUT_TABLE)

/** An input's value as an error message shows it: quoted, escaped, and cut short when long. */
export function quote(value: string): string {
  const limit = 100
  // JSON escapes line breaks and C0 controls; the cleaning takes what it leaves (C1 controls, U+2028, bidi
  // overrides, "##[") and any secret.
  // Outside ASCII, each character as its code point: a look-alike would read as the letter it imitates, and an
  // invisible one as nothing at all.
  const json = (text: string) =>
    JSON.stringify(text).replace(/[^\x20-\x7e]/gu, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`)
  const quoted = value.length > limit ? `${json(value.slice(0, limit))}… (${value.length} characters)` : json(value)
  return cleanServerText(quoted, 2 * SERVER_TEXT_LIMIT)
}

/** An input given: text, or a boolean set to true (false is every boolean's default). */
export const isGiven = (text: string): boolean => text.trim() !== '' && text.trim().toLowerCase() !== 'false'

/** How inputs are read: text is '' when not given; boolean is undefined when not given, and throws when invalid. */
export interface InputSource {
  text(name: string): string
  boolean(name: string): boolean | undefined
}

/** What is wrong with one input, in a sentence that names it and shows the accepted form. */
export type Problem = string

/** Reads inputs of the table's kinds, collecting a problem for each one that is not of its kind. */
export class InputReader {
  readonly problems: Problem[] = []

  constructor(
    readonly source: InputSource,
    readonly table: InputTable = INPUT_TABLE,
  ) {}

  /** An input's declaration; reading one not declared is the code's mistake, not the workflow's. */
  private declared(name: string): InputKind {
    const declared = this.table[name]
    if (!declared) throw new Error(`The input ${name} is read but not declared.`)
    return declared
  }

  /** Records a problem once, however many readers come upon it. */
  fail(problem: Problem): undefined {
    if (!this.problems.includes(problem)) this.problems.push(problem)
    return undefined
  }

  text(name: string): string {
    this.declared(name)
    return this.source.text(name)
  }

  /**
   * The non-empty lines of a lines input, trimmed. A list pasted in another form (a YAML list, brackets, commas) is a
   * problem that shows the list as it should be, and its items are read on, so that nothing else is said of them.
   */
  lines(name: string): string[] {
    const text = this.text(name)
    const lines = text
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
    const declared = this.declared(name)
    const pasted = pastedList(lines, declared.kind === 'lines' && !!declared.commas)
    if (!pasted) return lines
    this.fail(pastedListProblem(name, quote(text), pasted))
    return pasted.items
  }

  /** The toolkit's own message neither shows the value nor reads well outside a runner: this one does both. */
  boolean(name: string): boolean | undefined {
    const declared = this.declared(name)
    let value: boolean | undefined
    try {
      value = this.source.boolean(name)
    } catch {
      return this.fail(
        `Input ${name} ${quote(this.source.text(name))} is not a boolean: use true, True, TRUE, false, False or FALSE.`,
      )
    }
    return value ?? (declared.kind === 'boolean' ? declared.default : undefined)
  }

  /** A whole number within its declared range; its default when not given. */
  whole(name: string): number | undefined {
    const declared = this.declared(name)
    if (declared.kind !== 'whole') throw new Error(`${name} is not a whole-number input`)
    const text = this.source.text(name) || (declared.default === undefined ? '' : String(declared.default))
    if (!text) return undefined
    const value = Number(text)
    if (/^\d+$/.test(text) && value >= declared.min && value <= declared.max) return value
    return this.fail(`Input ${name} ${quote(text)} must be a whole number ${declared.accepted}.`)
  }
}

/** What a repository feature reads of the inputs (flow/feature.ts declares the rest of it). */
export interface FeatureReader<Wish = unknown> {
  name: string
  /** Every input the feature reads, with its kind, secrecy and default (action.yml's). */
  inputs: InputTable
  /** The inputs an Enterprise Edition instance does not take, each with why: refused before any request. */
  notWithInstance?: Readonly<Record<string, string>>
  /** The wish, read and checked; undefined when the workflow did not ask for the feature. */
  read(read: InputReader, place: { region: string; namespace: string; repositories: string[] }): Wish | undefined
}
