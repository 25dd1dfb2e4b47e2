// Reading answers into typed values: the brief info and the list of retention policies.
import { INFO_FIELDS, isInfoProblem, readRepositoryInfo } from '../src/clients/swr/repository-info.js'
import { readRetentionPolicies } from '../src/clients/swr/retention-policies.js'

describe("a repository's brief info", () => {
  it('keeps the documented fields with their types, and leaves out the rest', () => {
    const info = readRepositoryInfo({ name: 'web', is_public: true, size: 12, path: 'swr.x/team/web', extra: { a: 1 } })
    expect(info).toEqual({ name: 'web', is_public: true, size: 12, path: 'swr.x/team/web' })
  })

  it('takes null as absent', () => {
    expect(readRepositoryInfo({ name: 'web', url: null, size: null })).toEqual({ name: 'web' })
  })

  it.each([
    [{ name: 'web', is_public: 'true' }, 'is_public', 'its is_public is a string ("true"), not a boolean'],
    [{ name: 'web', size: '12' }, 'size', 'its size is a string ("12"), not a number'],
    [{ name: 'web', path: ['a'] }, 'path', 'its path is an array, not a string'],
    [{ name: 'web', category: { deep: [[[]]] } }, 'category', 'its category is an object, not a string'],
    [{ name: null }, 'name', 'its name is null, not a string'],
    [
      { name: 'web', description: 'x'.repeat(1000), id: 'y'.repeat(1000) },
      'id',
      expect.stringMatching(/^its id is a string \("y{59}…\), not a number$/),
    ],
  ])('refuses %j, naming the field', (body, field, problem) => {
    expect(readRepositoryInfo(body)).toEqual({ field, problem })
  })

  it.each([null, 'text', [], {}, 42])('does not take %j for brief info at all', (body) => {
    const read = readRepositoryInfo(body)
    expect(isInfoProblem(read) && read.field).toBe(undefined)
  })

  it('knows the eighteen documented fields', () => {
    expect(INFO_FIELDS).toHaveLength(18)
  })
})

describe('a list of retention policies', () => {
  const rule = { template: 'tag_rule', params: { num: '5' }, tag_selectors: [{ kind: 'label', pattern: 'v1' }] }

  it('is read as it is when every entry is a policy', () => {
    const list = [{ id: 3, algorithm: 'or', rules: [rule], scope: '' }]
    expect(readRetentionPolicies(list)).toEqual(list)
  })

  it.each([
    [[{ id: '3', rules: [] }], 'an entry has no whole-number id'],
    [[{ id: '../../x' }], 'an entry has no whole-number id'],
    [[{ id: 1, rules: 'x' }], "policy 1's rules are not a list"],
    [[{ id: 1, rules: [{ ...rule, params: { num: {} } }] }], 'policy 1 has a rule whose params are not numbers'],
    [
      [{ id: 1, rules: [{ ...rule, tag_selectors: 'v1' }] }],
      'policy 1 has tag selectors that are not kinds and patterns',
    ],
    [[7], 'an entry is not an object'],
  ])('refuses %j, saying what is wrong', (list, problem) => {
    expect(readRetentionPolicies(list)).toEqual({ problem })
  })

  it('says nothing more of a body that is not a list', () => {
    expect(readRetentionPolicies({ retentions: [] })).toEqual({})
  })
})
