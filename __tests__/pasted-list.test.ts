// Lists pasted in the forms people paste them, and secrets in forms no server takes: recognised before any request.
import { pastedList } from '../src/rules/pasted-list.js'
import { formProblem, signInFormProblems } from '../src/rules/secret-form.js'

describe('a pasted list', () => {
  it.each([
    [['- web', '- api'], 'a YAML list', ['web', 'api']],
    [['- "web"', "- 'api'"], 'a YAML list', ['web', 'api']],
    [['[web, api]'], 'a list in brackets', ['web', 'api']],
    [['[web,', 'api]'], 'a list in brackets', ['web', 'api']],
    [['web, api'], 'a list joined by commas', ['web', 'api']],
    [['web,', 'api'], 'a list joined by commas', ['web', 'api']],
  ])('%j is %s', (lines, form, items) => {
    expect(pastedList(lines)).toEqual({ form, items })
  })

  it.each([[['web', 'api']], [['-']], [['[]']], [['/v[0-9],x/']], [[]]])('%j is not', (lines) => {
    expect(pastedList(lines)).toBeUndefined()
  })
})

describe("a secret's form", () => {
  it.each([
    ['abc\n', /has a line break/],
    ['"abc"', /is in quotes/],
    ["abc'", /is in quotes/],
    ['Bearer abc', /starts with "Bearer "/],
    ['ab c', /has a space/],
  ])('%j is refused, naming where it came from', (value, problem) => {
    expect(formProblem(value, 'Input auth_token', 'an IAM token')).toMatch(problem)
    expect(formProblem(value, 'Input auth_token', 'an IAM token')).toMatch(/^Input auth_token /)
  })

  it('a password may hold spaces and quotes, never a line break', () => {
    expect(formProblem('"correct horse"', 'Input iam_password', 'a password', true)).toBeUndefined()
    expect(formProblem('a\nb', 'Input iam_password', 'a password', true)).toMatch(/line break/)
  })

  it('names the variable an access key came from', () => {
    const signIn = {
      kind: 'access-key' as const,
      accessKeyId: 'AK',
      secretAccessKey: 'sk\n',
      securityToken: 'st st',
      source: 'environment HUAWEICLOUD_SDK_AK',
    }
    expect(signInFormProblems(signIn)).toEqual([
      expect.stringMatching(/^The variable HUAWEICLOUD_SDK_SK has a line break/),
      expect.stringMatching(/^The variable HUAWEICLOUD_SDK_SECURITY_TOKEN has a space/),
    ])
  })
})
