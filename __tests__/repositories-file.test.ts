// The repositories file: its form, and every problem named by the file, the line and the key, before any request.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FEATURES } from '../src/flow/features.js'
import { parseRepositoriesFile } from '../src/rules/repositories-file.js'
import { InputError, parseInputs, type InputSource } from '../src/rules/inputs.js'
import type { FileRepository } from '../src/rules/file-repositories.js'
import { PROJECT_ROOT } from '../runner/run-action.js'

const KEYS = FEATURES.flatMap((feature) => Object.keys(feature.inputs))
const FILE = 'swr/repositories.yml'
const inputs = (values: Record<string, string>): InputSource => ({
  text: (name) => values[name] ?? '',
  boolean: (name) => (values[name] ? values[name] === 'true' : undefined),
})
const base = {
  namespace: 'team',
  region: 'cn-north-4',
  access_key_id: 'AK',
  secret_access_key: 'SK',
  repositories_file: FILE,
}

function parsed(text: string): FileRepository[] {
  const result = parseRepositoriesFile(text, FILE, KEYS)
  if (result.some((entry) => typeof entry === 'string')) throw new Error((result as string[]).join('\n'))
  return result as FileRepository[]
}

function problemsOf(text: string, values: Record<string, string> = {}): string[] {
  const result = parseRepositoriesFile(text, FILE, KEYS)
  if (result.some((entry) => typeof entry === 'string')) return result as string[]
  try {
    parseInputs(
      inputs({ ...base, ...values }),
      {},
      { file: { path: FILE, repositories: result as FileRepository[] } },
      FEATURES,
    )
    return []
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
}

it("declares exactly the features' inputs as the settings a repository takes", () => {
  const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'repositories.schema.json'), 'utf8'))
  expect(Object.keys(schema.$defs.settings.properties).sort()).toEqual([...KEYS].sort())
})

it('gives each repository its own settings over the defaults, lists one item a line', () => {
  const [web, api] = parsed(
    [
      'defaults:',
      '  category: linux',
      '  retention_keep_last: 10',
      'repositories:',
      '  web:',
      '    category: lang',
      '    sync_to: [cn-east-3, ap-southeast-1]',
      '  api:',
    ].join('\n'),
  )
  expect(Object.fromEntries([...web.values].map(([key, { value }]) => [key, value]))).toEqual({
    category: 'lang',
    retention_keep_last: '10',
    sync_to: 'cn-east-3\nap-southeast-1',
  })
  expect(api.values.get('category')?.value).toBe('linux')
  expect(
    parseInputs(inputs(base), {}, { file: { path: FILE, repositories: [web, api] } }, FEATURES).perRepository,
  ).toEqual(
    new Map([
      [
        'web',
        expect.objectContaining({ settings: expect.objectContaining({ category: 'lang' }), sync: expect.anything() }),
      ],
      ['api', expect.objectContaining({ settings: expect.objectContaining({ category: 'linux' }) })],
    ]),
  )
})

it.each([
  [
    'repositories:\n  web:\n    colour: red',
    /^swr\/repositories\.yml line 3: repositories\.web has the key "colour", which is not a setting\. Accepted: /,
  ],
  [
    'repositories:\n  web:\n    category: games',
    /^swr\/repositories\.yml line 3, repository web: category "games" is not one of SWR's categories/,
  ],
  [
    'defaults:\n  retention_keep_last: 5000\nrepositories:\n  web:',
    /^swr\/repositories\.yml line 2, repository web: retention_keep_last "5000" must be a whole number/,
  ],
  [
    'repositories:\n  Web:',
    /^swr\/repositories\.yml line 2: "Web" is not a valid SWR repository name: SWR names are lowercase/,
  ],
  ['repositories: [web]', /"repositories" is a map of repository names/],
  ['repositories:\n  web:\n  web:', /^swr\/repositories\.yml line 2: Map keys must be unique/],
  ['defaults: {}\nextra: 1\nrepositories:\n  web:', /^swr\/repositories\.yml line 2: the key "extra" is not taken/],
])('names the file, line and key: %j', (text, problem) => {
  expect(problemsOf(text)).toContainEqual(expect.stringMatching(problem))
})

it('refuses the repository input or a setting given as an input beside the file', () => {
  const problems = problemsOf('repositories:\n  web:', { repository: 'api', category: 'linux' })
  expect(problems).toEqual([
    'Inputs repository and repositories_file are both given: the file names the repositories; give one of them.',
    'Input category and repositories_file are both given: set category in the file (under defaults, for all).',
  ])
})
