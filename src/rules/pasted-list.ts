// Lists pasted in the forms people paste them: a YAML sequence ("- web" a line), a flow list ("[web, api]"), or
// items joined by commas on one line. A list input takes one item a line; these forms are recognised so that the
// message shows the list in the form to paste, instead of refusing "- web" as a name.

export interface PastedList {
  /** The form it was pasted in, in words. */
  form: string
  items: string[]
}

const unquoted = (item: string) =>
  item
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim()

/** The items of lines pasted as another form of list; undefined when they are one item a line already. */
export function pastedList(lines: string[], commasAllowed = false): PastedList | undefined {
  if (lines.length === 0) return undefined
  // "- web": a bare "-" is a name (a bad one), not a list.
  if (lines.every((line) => /^-\s+\S/.test(line))) {
    return { form: 'a YAML list', items: lines.map((line) => unquoted(line.slice(1))).filter(Boolean) }
  }
  const joined = lines.join(',')
  if (commasAllowed) return undefined
  if (/^\[.*\]$/s.test(joined.trim())) {
    const items = joined.trim().slice(1, -1).split(',').map(unquoted).filter(Boolean)
    if (items.length > 0) return { form: 'a list in brackets', items }
  }
  // A pattern (/.../) may hold a comma of its own.
  if (lines.some((line) => line.includes(',') && !/^\/.*\/$/.test(line))) {
    const items = joined.split(',').map(unquoted).filter(Boolean)
    if (items.length > 0) return { form: 'a list joined by commas', items }
  }
  return undefined
}

/** The message: what was given, and the list as the workflow should have it. */
export function pastedListProblem(input: string, shown: string, list: PastedList): string {
  return (
    `Input ${input} ${shown} is ${list.form}: give one item per line, without "-", brackets or commas, e.g.\n` +
    `${input}: |\n${list.items.map((item) => `  ${item}`).join('\n')}`
  )
}
