import { NAMESPACE_RULE, nameProblem, REPOSITORY_RULE } from '../src/rules/names.js'

describe('organization names', () => {
  it.each([
    'a',
    'group',
    'my-team',
    'my--team',
    'my---team',
    'my_team',
    'my__team',
    'my.team',
    'team1',
    'a1.b2_c3-d4',
    'a'.repeat(64),
  ])('accepts %j', (name) => {
    expect(nameProblem(name, NAMESPACE_RULE)).toBeUndefined()
  })

  it.each([
    ['', /empty/],
    ['a'.repeat(65), /65 characters long, more than 64/],
    ['MyTeam', /lowercase: use "myteam"/],
    ['1team', /starts with "1"/],
    ['-team', /starts with "-"/],
    ['team-', /ends with "-"/],
    ['team.', /ends with "."/],
    ['my team', /a space/],
    ['my/team', /"\/"/],
    ['my$team', /"\$"/],
    ['my\nteam', /control character \(U\+000A\)/],
    ['my..team', /"\.\." stand next to each other/],
    ['my___team', /"___" stand next to each other/],
    ['my._team', /"\._" stand next to each other/],
    ['my-_team', /"-_" stand next to each other/],
  ])('refuses %j', (name, problem) => {
    expect(nameProblem(name, NAMESPACE_RULE)).toMatch(problem)
  })

  it('gives no lowercase hint when the lowercase form is invalid too', () => {
    expect(nameProblem('My..Team', NAMESPACE_RULE)).toBe('SWR names are lowercase')
  })
})

describe('repository names', () => {
  it.each(['web', '1web', 'team/web', 'a/b/c', 'web-app', 'web__app', 'web.v2', '9', 'a'.repeat(128)])(
    'accepts %j',
    (name) => {
      expect(nameProblem(name, REPOSITORY_RULE)).toBeUndefined()
    },
  )

  it.each([
    ['', /empty/],
    ['a'.repeat(129), /more than 128/],
    ['Owner/Repo', /lowercase: use "owner\/repo"/],
    ['/web', /starts with "\/"/],
    ['web/', /ends with "\/"/],
    ['team//web', /"\/\/" stand next to each other/],
    ['team/-web', /"\/-" stand next to each other/],
    ['team$web', /"\$"/],
    ['web:latest', /":"/],
  ])('refuses %j', (name, problem) => {
    expect(nameProblem(name, REPOSITORY_RULE)).toMatch(problem)
  })
})
