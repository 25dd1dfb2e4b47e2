// The repositories file (repositories_file): per repository, the settings the inputs take, with defaults at the
// top, in YAML; its form is published as repositories.schema.json. Every problem names the file, the line and the
// key. Loaded only by a run that gives the file (the YAML parser is not small).
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml'
import type { FileRepository, FileValue as Value } from './file-repositories.js'

/** A value as an input's text: a list one item a line, a boolean or number as written. */
function asInputText(node: Node): string | undefined {
  if (isScalar(node)) return node.value === null ? '' : String(node.value)
  if (isSeq(node) && node.items.every(isScalar))
    return node.items.map((item) => String((item as { value: unknown }).value)).join('\n')
  return undefined
}

/** The repositories of the file, or every problem with it. `keys` are the settings a repository may have. */
export function parseRepositoriesFile(
  text: string,
  file: string,
  keys: readonly string[],
): FileRepository[] | string[] {
  const lines = new LineCounter()
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true })
  const lineOf = (node: unknown) => lines.linePos((node as { range?: [number] }).range?.[0] ?? 0).line
  const problems = document.errors.map(
    (error) => `${file} line ${error.linePos?.[0].line ?? 1}: ${error.message.split('\n')[0]}`,
  )
  if (problems.length > 0) return problems
  const root = document.contents
  if (!isMap(root)) return [`${file}: the file is a map with "repositories" (and, optionally, "defaults").`]
  const settings = (node: unknown, where: string): Map<string, Value> => {
    const found = new Map<string, Value>()
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return found
    if (!isMap(node)) {
      problems.push(`${file} line ${lineOf(node)}: ${where} is a map of settings.`)
      return found
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : ''
      const line = lineOf(pair.key)
      if (!keys.includes(key)) {
        problems.push(
          `${file} line ${line}: ${where} has the key ${JSON.stringify(key)}, which is not a setting. Accepted: ${keys.join(', ')}.`,
        )
        continue
      }
      const value = asInputText(pair.value as Node)
      if (value === undefined) problems.push(`${file} line ${line}: ${where}.${key} is a value or a list of values.`)
      else found.set(key, { value, line })
    }
    return found
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (key !== 'defaults' && key !== 'repositories') {
      problems.push(
        `${file} line ${lineOf(pair.key)}: the key ${JSON.stringify(key)} is not taken: "defaults" and "repositories" are.`,
      )
    }
  }
  const defaults = settings(root.get('defaults', true), 'defaults')
  const listed = root.get('repositories', true)
  if (!isMap(listed) || listed.items.length === 0) {
    problems.push(`${file}: "repositories" is a map of repository names, each with its settings (or none).`)
    return problems
  }
  const repositories = listed.items.map((pair) => {
    const name = isScalar(pair.key) ? String(pair.key.value) : ''
    const own = settings(pair.value, `repositories.${name}`)
    return { name, line: lineOf(pair.key), values: new Map([...defaults, ...own]) }
  })
  return problems.length > 0 ? problems : repositories
}
