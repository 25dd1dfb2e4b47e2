// Release steps at the level of tags, end to end: dist/index.js with tags, require_new_tags and promote against the
// emulator's tag lists and its server-side retag, as a runner runs it. Every refusal is made with no write.
import { DEMO_KEY_ENV } from '../emulator/swr-emulator.js'
import { runAction } from '../runner/run-action.js'
import { commandMessages, errorOf, expectCleanEnding } from './helpers/action-log.js'
import { useEmulator } from './helpers/emulated.js'

const emulated = useEmulator()
const REGISTRY = 'swr.cn-north-4.myhuaweicloud.com'

async function run(inputs: Record<string, string>) {
  const base = { namespace: 'team', repository: 'web', region: 'cn-north-4', endpoint: emulated.endpoint }
  const result = await runAction({ ...base, ...inputs }, { env: DEMO_KEY_ENV })
  expectCleanEnding(result)
  return result
}
const operations = () => emulated.emulator.requests.map((request) => request.operation)
const writes = () => emulated.writes().map((request) => request.operation)
const digestOf = (tag: string) => emulated.emulator.distribution.manifestOf('team/web', tag).digest
const entry = (outputs: Record<string, string>) => JSON.parse(outputs.repositories)[0]

function released(...tags: string[]) {
  emulated.emulator.addRepository('team', 'web', { num_images: tags.length })
  emulated.emulator.tags.set('team/web', tags)
}

describe('require_new_tags', () => {
  it("refuses tags that exist, in metadata-action's form, naming each with its digest, with no write", async () => {
    released('v1.3.0', 'v1.4.0', 'latest')
    const result = await run({
      tags: `${REGISTRY}/team/web:v1.4.0\n${REGISTRY}/team/web:latest`,
      require_new_tags: 'true',
    })

    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toBe(
      `Repository team/web already has v1.4.0 (${digestOf('v1.4.0')}, image), latest (${digestOf('latest')}, image): ` +
        'require_new_tags keeps a release tag from being overwritten. Give the release a new tag (or delete the old ' +
        "one in SWR's console if it is to be redone); nothing was pushed or changed.",
    )
    expect(operations()).toEqual(['showRepository', 'listTags'])
    expect(writes()).toEqual([])
  })

  it('lets new tags through at one request beyond the steady state, however many are listed', async () => {
    released('v1.3.0')
    const listed = Array.from({ length: 20 }, (_, index) => `v2.0.${index}`).join('\n')
    const result = await run({ tags: listed, require_new_tags: 'true' })

    expect(result.exitCode).toBe(0)
    expect(operations()).toEqual(['showRepository', 'listTags'])
    expect(entry(result.outputs).tags).toEqual([])
  })

  it('a dry run reports the tags that exist and does not fail', async () => {
    released('v1.4.0')
    const result = await run({ tags: 'v1.4.0', require_new_tags: 'true', dry_run: 'true' })

    expect(result.exitCode).toBe(0)
    expect(commandMessages(result, 'warning')).toContain(
      'Repository team/web already has v1.4.0: a real run with require_new_tags fails.',
    )
  })

  it('a repository this run creates has no tag to read', async () => {
    const result = await run({ tags: 'v1.0.0', require_new_tags: 'true' })
    expect(result.exitCode).toBe(0)
    expect(operations()).not.toContain('listTags')
  })
})

describe('promote', () => {
  it('makes each destination server-side: one write each, and no read of image data', async () => {
    released('sha-3f2a1c9')
    const result = await run({ tags: 'v1.4.0', promote: 'sha-3f2a1c9 -> v1.4.0, stable' })

    expect(result.exitCode).toBe(0)
    expect(writes()).toEqual(['createTag', 'createTag'])
    expect(operations().filter((operation) => operation?.startsWith('registry'))).toEqual([])
    expect(emulated.emulator.tags.get('team/web')).toEqual(['sha-3f2a1c9', 'v1.4.0', 'stable'])
    expect(entry(result.outputs).promoted).toEqual([
      { source: 'sha-3f2a1c9', tag: 'v1.4.0', action: 'created', digest: digestOf('sha-3f2a1c9') },
      { source: 'sha-3f2a1c9', tag: 'stable', action: 'created', digest: digestOf('sha-3f2a1c9') },
    ])
    // The digest of the one listed tag, for the release notes.
    expect(result.outputs.digest).toBe(digestOf('sha-3f2a1c9'))
    expect(result.stdout).toContain('Repository team/web: promoted sha-3f2a1c9 to v1.4.0 (created), stable (created)')
    expect(result.summary).toContain('Promoted')
  })

  it('refuses to move a destination that points at another image, with no write; override moves it', async () => {
    released('sha-new', 'stable', 'v1.4.0')
    emulated.emulator.distribution.tagManifests.set('team/web:v1.4.0', { digest: digestOf('sha-new'), kind: 0 })

    const refused = await run({ promote: 'sha-new -> v1.4.0, stable' })
    expect(refused.exitCode).toBe(1)
    expect(errorOf(refused)).toBe(
      `Repository team/web: promote would move stable (${digestOf('stable')}), which already point at another image. ` +
        'Set promote_override: true to move them; nothing was changed.',
    )
    expect(writes()).toEqual([])

    const moved = await run({ promote: 'sha-new -> v1.4.0, stable', promote_override: 'true' })
    expect(moved.exitCode).toBe(0)
    // v1.4.0 already is the image: unchanged, no write; stable is moved.
    expect(writes()).toEqual(['createTag'])
    expect(entry(moved.outputs).promoted.map((promoted: { action: string }) => promoted.action)).toEqual([
      'unchanged',
      'replaced',
    ])
    expect(digestOf('stable')).toBe(digestOf('sha-new'))
  })

  it('a source that is not there fails saying to push it first, with no write', async () => {
    released('v1.3.0')
    const result = await run({ promote: 'sha-missing -> stable' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Repository team\/web has no tag sha-missing to promote: promote runs after the push/,
    )
    expect(writes()).toEqual([])
  })

  it('a destination another job makes at the same moment fails clearly: the race is not papered over', async () => {
    released('sha-1')
    emulated.emulator.inject({
      operation: 'createTag',
      times: 1,
      fault: { status: 409, body: '{"errorCode":"SVCSTG.SWR.4090001","errorMessage":"Tag stable already exists"}' },
    })
    const result = await run({ promote: 'sha-1 -> stable' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /tag stable appeared while this step promoted sha-1 \(another job pushed or promoted it\)/,
    )
  })
})

describe('tags and outputs', () => {
  it("gives each listed tag's digest and kind, and the images output for metadata-action", async () => {
    released('v1', 'multi')
    emulated.emulator.distribution.tagManifests.set('team/web:multi', { digest: `sha256:${'a'.repeat(64)}`, kind: 1 })
    const result = await run({ repository: 'web\napi', tags: 'v1\nmulti' })

    expect(result.exitCode).toBe(0)
    expect(entry(result.outputs).tags).toEqual([
      { tag: 'v1', digest: digestOf('v1'), kind: 'image' },
      { tag: 'multi', digest: `sha256:${'a'.repeat(64)}`, kind: 'manifest list' },
    ])
    expect(result.outputs.images).toBe(`${REGISTRY}/team/web\n${REGISTRY}/team/api`)
    // Two repositories: no one digest.
    expect(result.outputs.digest).toBe('')
  })

  it.each([
    [
      { tags: `${REGISTRY}/team/other:v1` },
      /^Input tags has ".*team\/other:v1", which names "team\/other": not a repository this step ensures/,
    ],
    [{ tags: `${REGISTRY}/team/web@sha256:${'a'.repeat(64)}` }, /^Input tags has .*, a digest reference/],
    [{ promote: 'v1 => stable' }, /^Input promote has "v1 => stable", which is not a promotion: give SOURCE -> TAG/],
    [{ require_new_tags: 'true' }, /^Input require_new_tags: true needs tags/],
    [{ tags: 'v1', instance: 'prod-registry' }, /^Input tags is not supported with instance: /],
  ])('refuses %j before any request', async (inputs, message) => {
    const result = await run(inputs)
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(message)
    expect(emulated.emulator.requests).toHaveLength(0)
  })

  it('refuses a reference on another registry before any write', async () => {
    released('v1')
    const result = await run({ tags: 'ghcr.io/team/web:v1' })
    expect(result.exitCode).toBe(1)
    expect(errorOf(result)).toMatch(
      /^Input tags has "ghcr\.io\/team\/web:v1", on the registry ghcr\.io, not swr\.cn-north-4/,
    )
    expect(writes()).toEqual([])
  })
})
