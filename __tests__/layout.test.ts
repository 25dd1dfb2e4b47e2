// The house's rules, read from the code: a file imports only from its own layer or the layers below it
// (action → flow → clients → rules), no import circle, HTTP statuses only in clients/, no file over 300 lines, and
// the runner bindings small.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { PROJECT_ROOT } from '../runner/run-action.js'

const SRC = join(PROJECT_ROOT, 'src')
const LAYERS = ['rules', 'clients', 'flow', 'action']

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : []
  })
}

const files = sources(SRC)
const text = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]))
const layerOf = (file: string) => LAYERS.indexOf(relative(SRC, file).split('/')[0])

/** The project files a file imports (statically or dynamically). */
function importsOf(file: string): string[] {
  const specifiers = [
    ...(text.get(file) ?? '').matchAll(/(?:from|import)\s*\(?\s*(?:\/\*[^*]*\*\/\s*)?'(\.{1,2}\/[^']+)'/g),
  ]
  return specifiers.map((match) => resolve(dirname(file), match[1].replace(/\.js$/, '.ts')))
}

it.each(files.filter((file) => layerOf(file) >= 0).map((file) => [relative(SRC, file)]))(
  '%s imports nothing from a layer above its own',
  (name) => {
    const file = join(SRC, name)
    const above = importsOf(file).filter((imported) => layerOf(imported) > layerOf(file))
    expect(above.map((imported) => relative(SRC, imported))).toEqual([])
  },
)

it('has no import circle', () => {
  const state = new Map<string, 'open' | 'done'>()
  const circles: string[] = []
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'open') {
      circles.push([...path.slice(path.indexOf(file)), file].map((entry) => relative(SRC, entry)).join(' → '))
      return
    }
    state.set(file, 'open')
    for (const imported of importsOf(file)) visit(imported, [...path, file])
    state.set(file, 'done')
  }
  for (const file of files) visit(file, [])
  expect(circles).toEqual([])
})

it('reads HTTP statuses only in clients/', () => {
  for (const file of files.filter((candidate) => layerOf(candidate) !== LAYERS.indexOf('clients'))) {
    expect({
      file: relative(SRC, file),
      statuses: (text.get(file) ?? '').match(/\bstatus\b|\b(?:20[0-6]|30[1-8]|4[0-2]\d|5[0-1]\d)\b/g) ?? [],
    }).toEqual({
      file: relative(SRC, file),
      statuses: [],
    })
  }
})

it('has no file over 300 lines, and bindings under 40', () => {
  for (const file of files) {
    const lines = (text.get(file) ?? '').split('\n').length - 1
    const limit = /src\/(action\/)?(main|post)\.ts$/.test(file) ? 40 : 300
    expect({ file: relative(SRC, file), lines: Math.min(lines, limit) }).toEqual({ file: relative(SRC, file), lines })
  }
})
