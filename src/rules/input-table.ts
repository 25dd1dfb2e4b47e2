// Every input, declared once: its kind, whether it is a secret, and its default, which is action.yml's (a test
// keeps the two equal). The checks of a kind are written once, here, with the messages that name the input.
import { cleanServerText, SERVER_TEXT_LIMIT } from './server-text.js'

export type InputKind =
  /** Free text, or text checked by a rule of its own (names, hosts, regions). */
  | { kind: 'text'; secret?: boolean }
  /** One value per line. */
  | { kind: 'lines' }
  /** An http(s) base URL. */
  | { kind: 'url' }
  | { kind: 'boolean'; default?: boolean }
  /** A whole number within a range; `accepted` completes "must be a whole number ...". */
  | { kind: 'whole'; min: number; max: number; default?: number; accepted: string }

export const INPUT_TABLE = {
  namespace: { kind: 'text' },
  repository: { kind: 'lines' },
  category: { kind: 'text' },
  is_public: { kind: 'boolean' },
  description: { kind: 'text' },
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
  // SWR's own limits (docs/api-notes.md, "Retention"): a bigger number would be refused after the repository was made.
  retention_keep_last: {
    kind: 'whole',
    min: 1,
    max: 1000,
    accepted: 'of at least 1 and at most 1000 (SWR keeps 1 to 1000 images)',
  },
  retention_keep_days: {
    kind: 'whole',
    min: 1,
    max: 365,
    accepted: 'of at least 1 and at most 365 (SWR keeps images for 1 to 365 days)',
  },
  retention_keep_tags: { kind: 'lines' },
  sync_to: { kind: 'lines' },
  sync_override: { kind: 'boolean', default: false },
  share_with: { kind: 'lines' },
  instance: { kind: 'text' },
  project_id: { kind: 'text' },
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

export const SECRET_INPUTS = (Object.keys(INPUT_TABLE) as InputName[]).filter(
  (name) => 'secret' in INPUT_TABLE[name] && INPUT_TABLE[name].secret,
)

/** An input's value as an error message shows it: quoted, escaped, and cut short when long. */
export function quote(value: string): string {
  const limit = 100
  // JSON escapes line breaks and C0 controls; the cleaning takes what it leaves (C1 controls, U+2028, bidi
  // overrides, "##[") and any secret.
  const quoted =
    value.length > limit
      ? `${JSON.stringify(value.slice(0, limit))}… (${value.length} characters)`
      : JSON.stringify(value)
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

  constructor(readonly source: InputSource) {}

  fail(problem: Problem): undefined {
    this.problems.push(problem)
    return undefined
  }

  text(name: InputName): string {
    return this.source.text(name)
  }

  /** The non-empty lines of a lines input, trimmed. */
  lines(name: InputName): string[] {
    return this.source
      .text(name)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
  }

  /** The toolkit's own message neither shows the value nor reads well outside a runner: this one does both. */
  boolean(name: InputName): boolean | undefined {
    const declared = INPUT_TABLE[name] as InputKind
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
  whole(name: InputName): number | undefined {
    const declared = INPUT_TABLE[name] as InputKind
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
  /** Every input the feature reads. */
  inputs: readonly InputName[]
  /** The inputs an Enterprise Edition instance does not take, each with why: refused before any request. */
  notWithInstance?: Partial<Record<InputName, string>>
  /** The wish, read and checked; undefined when the workflow did not ask for the feature. */
  read(read: InputReader, place: { region: string; namespace: string }): Wish | undefined
}
