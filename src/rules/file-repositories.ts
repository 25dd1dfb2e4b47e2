// A repository of the repositories file, as the inputs' readers take it: its settings as inputs' texts, and the
// problems they find named by the file, the line and the key. Without the YAML parser (rules/repositories-file.ts),
// so that the input readers need not load it.
import { type FeatureReader, type InputReader, type InputSource, isGiven, quote } from './input-table.js'
import { nameProblem, REPOSITORY_RULE } from './names.js'

export interface FileValue {
  value: string
  line: number
}

export interface FileRepository {
  name: string
  line: number
  /** Its settings merged over the defaults, each as an input's text, with the line it came from. */
  values: Map<string, FileValue>
}

/** A repository's settings as the inputs a feature reads: text, and booleans as the runner reads them. */
export function fileSource(repository: FileRepository): InputSource {
  return {
    text: (name) => repository.values.get(name)?.value ?? '',
    boolean(name) {
      const text = repository.values.get(name)?.value
      if (text === undefined || text === '') return undefined
      if (['true', 'True', 'TRUE'].includes(text)) return true
      if (['false', 'False', 'FALSE'].includes(text)) return false
      throw new TypeError(`${name} is not a boolean`)
    },
  }
}

/** A reader's problem about one repository of the file, naming the file, the line of the key, and the key. */
export function fileProblem(file: string, repository: FileRepository, problem: string): string {
  const key = [...repository.values.keys()].find((name) => problem.includes(name))
  const line = key ? (repository.values.get(key) as FileValue).line : repository.line
  return `${file} line ${line}, repository ${repository.name}: ${problem.replace(/^Input /, '')}`
}

/** The repositories the file names, checked as the input's are; the inputs the file stands in for refused. */
export function fileNames(
  read: InputReader,
  file: { path: string; repositories: FileRepository[] },
  features: readonly FeatureReader[],
) {
  if (read.text('repository').trim() !== '') {
    read.fail(
      `Inputs repository and repositories_file are both given: the file names the repositories; give one of them.`,
    )
  }
  for (const name of features.flatMap((feature) => Object.keys(feature.inputs))) {
    if (isGiven(read.text(name))) {
      read.fail(
        `Input ${name} and repositories_file are both given: set ${name} in the file (under defaults, for all).`,
      )
    }
  }
  const namespace = read.text('namespace')
  const repositories = file.repositories.map(({ name }) => name)
  for (const { name, line } of file.repositories) {
    const problem = nameProblem(name, REPOSITORY_RULE)
    if (problem) {
      read.fail(
        `${file.path} line ${line}: ${quote(name)} is not a valid SWR repository name: ${problem}. Accepted: ${REPOSITORY_RULE.acceptedForm}.`,
      )
    }
  }
  const warnings: string[] = []
  return { namespace, repositories, warnings }
}
