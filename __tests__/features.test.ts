// The tables derived from the features' declarations: who reads which input, what an instance refuses, which
// operations (so, permissions) each feature's step may call. Each fails when a feature leaves one out.
import type { SwrApi } from '../src/clients/swr/swr-api.js'
import { PERMISSIONS } from '../src/clients/swr/permissions.js'
import type { RepositoryStep } from '../src/flow/feature.js'
import { ALL_INPUTS, FEATURES } from '../src/flow/features.js'
import { InputReader, type InputSource } from '../src/rules/input-table.js'
import { InputError, parseInputs } from '../src/rules/inputs.js'
import { sharedOver, ensureRequest } from './helpers/ensure-request.js'
import { InMemorySwr } from './helpers/in-memory-swr.js'

const base = {
  namespace: 'team',
  repository: 'web',
  region: 'cn-north-4',
  access_key_id: 'AK',
  secret_access_key: 'SK',
}
/** A value for every input a feature reads, each of a form its reader takes. */
const given: Record<string, string> = {
  category: 'linux',
  is_public: 'true',
  description: 'd',
  retention_keep_last: '3',
  retention_keep_tags: 'latest',
  sync_to: 'cn-east-3',
  sync_override: 'true',
  share_with: 'partner',
  tags: 'v1',
  require_new_tags: 'true',
  promote: 'v1 -> stable',
  promote_override: 'true',
}
/** The inputs an instance reads for something other than the feature: is_public, for a namespace it creates. */
const INSTANCE_ALSO_READS = ['is_public']

function recording(values: Record<string, string>, asked: Set<string>): InputSource {
  return {
    text: (name) => (asked.add(name), values[name] ?? ''),
    boolean: (name) => (asked.add(name), values[name] === undefined ? undefined : values[name] === 'true'),
  }
}

it('every input is read by the core or by exactly one feature, each feature its own declared inputs', () => {
  const core = new Set<string>()
  try {
    parseInputs(recording({ ...base, instance: 'prod', project_id: '0'.repeat(32) }, core), {}, {}, [])
  } catch {
    // Read all the same.
  }
  const owners = new Map<string, string[]>()
  for (const name of core) owners.set(name, ['core'])
  for (const feature of FEATURES) {
    const asked = new Set<string>()
    feature.read(new InputReader(recording({ ...base, ...given }, asked), feature.inputs), {
      region: 'cn-north-4',
      namespace: 'team',
      repositories: ['web'],
    })
    for (const name of asked) owners.set(name, [...(owners.get(name) ?? []), feature.name])
    // Each feature reads every input it declares, and (the reader refuses any other) nothing else.
    expect({ feature: feature.name, read: [...asked].sort() }).toEqual({
      feature: feature.name,
      read: Object.keys(feature.inputs).sort(),
    })
  }
  for (const name of Object.keys(ALL_INPUTS))
    expect({ name, owners: owners.get(name) }).toEqual({ name, owners: [expect.any(String)] })
})

it.each(FEATURES.map((feature) => [feature.name, feature] as const))(
  'the inputs of %s that an instance does not take are refused with it, naming the input and why',
  (_name, feature) => {
    const refused = Object.keys(feature.notWithInstance ?? {})
    expect(refused.every((name) => name in feature.inputs)).toBe(true)
    if (!feature.editions.includes('instance')) {
      const unrefused = Object.keys(feature.inputs).filter(
        (name) => !refused.includes(name) && !INSTANCE_ALSO_READS.includes(name),
      )
      expect({ feature: feature.name, unrefused }).toEqual({ feature: feature.name, unrefused: [] })
    }
    for (const name of refused) {
      const values = { ...base, instance: 'prod', [name]: given[name] ?? 'x' }
      let problems: string[] = []
      try {
        parseInputs(recording(values, new Set()), {}, {}, FEATURES)
      } catch (error) {
        if (error instanceof InputError) problems = error.problems
      }
      expect(problems).toContainEqual(
        expect.stringMatching(new RegExp(`^Input ${name} is not supported with instance: .+`)),
      )
    }
  },
)

it('every operation a feature declares has its permission listed', () => {
  const listed = new Set(PERMISSIONS.flatMap((permission) => permission.operations))
  for (const feature of FEATURES) for (const operation of feature.operations) expect(listed).toContain(operation)
})

describe.each(FEATURES.map((feature) => [feature.name, feature] as const))('the step of %s', (_name, feature) => {
  const wish = (() => {
    const read = new InputReader(recording({ ...base, ...given }, new Set()), feature.inputs)
    return feature.read(read, { region: 'cn-north-4', namespace: 'team', repositories: ['web'] })
  })()

  it.each(['created', 'exists'] as const)(
    'on a repository %s, calls only the operations it declares',
    async (state) => {
      const api = new InMemorySwr()
      const info = api.addRepository('team', 'web', { num_images: 0 })
      api.syncRules.set('team/web', [])
      const called = new Set<string>()
      const recorded = new Proxy(api, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown
          if (typeof value !== 'function') return value
          return (...args: unknown[]) => (
            called.add(String(property)),
            (value as (...a: unknown[]) => unknown).apply(target, args)
          )
        },
      }) as unknown as SwrApi
      const regional = () => recorded
      const edition = sharedOver(recorded, ensureRequest(), regional)
      const step: RepositoryStep = {
        edition,
        namespace: 'team',
        repository: 'web',
        state,
        info: { ...info, category: 'other' },
        updateExisting: true,
        dryRun: false,
        progress: [],
      }
      api.tags.set('team/web', ['v1'])
      // A step may refuse (a created repository has no tag to promote): the operations it called are still checked.
      await feature.ensure(step, wish).catch(() => undefined)
      // On an existing repository every step reads or writes something: the check below has calls to look at.
      if (state === 'exists') expect(called.size).toBeGreaterThan(0)
      for (const operation of called)
        expect({ operation, declared: (feature.operations as string[]).includes(operation) }).toEqual({
          operation,
          declared: true,
        })
    },
  )
})
