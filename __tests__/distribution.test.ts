// Sync rules and shares: the sync_to and share_with lines as checked, and the decisions of the flow against an
// in-memory SWR, in each region. No process, no socket.
import { ensureShares, ensureSync, type RegionalSwr } from '../src/flow/distribution.js'
import { summaryModel } from '../src/flow/summary.js'
import { parseShares, parseSyncTargets } from '../src/rules/distribution.js'
import {
  ensureShared as ensureRepositories,
  ensureRequest as request,
  sharedContext,
  succeeded,
} from './helpers/ensure-request.js'
import { InMemorySwr } from './helpers/in-memory-swr.js'

const SOURCE = { region: 'cn-north-4', namespace: 'team' }
const TODAY = new Date('2026-11-30T12:00:00Z')

describe('sync_to lines', () => {
  it('takes REGION and REGION/ORGANIZATION, the organization defaulting to the source one', () => {
    expect(parseSyncTargets(['cn-east-3', 'ap-southeast-1/team-asia'], SOURCE)).toEqual([
      { region: 'cn-east-3', namespace: 'team' },
      { region: 'ap-southeast-1', namespace: 'team-asia' },
    ])
  })

  it('refuses every bad line, each with its reason', () => {
    expect(parseSyncTargets(['cn-east-3/a/b', 'cn-east-3/-x', 'cn-east-3', 'cn-east-3', 'cn-north-4'], SOURCE)).toEqual(
      [
        'Input sync_to has "cn-east-3/a/b", which is not a target: give REGION or REGION/ORGANIZATION, e.g. "cn-east-3" or "cn-east-3/team".',
        'Input sync_to has "cn-east-3/-x": the organization is not a valid SWR name: it starts with "-".',
        'Input sync_to lists cn-east-3/team more than once.',
        `Input sync_to has "cn-north-4", the repository's own region and organization.`,
      ],
    )
  })
})

describe('share_with lines', () => {
  it('takes ACCOUNT (forever) and ACCOUNT until YYYY-MM-DD', () => {
    expect(parseShares(['prod-account', 'partner   until 2026-12-01'], TODAY)).toEqual([
      { account: 'prod-account', deadline: 'forever' },
      { account: 'partner', deadline: '2026-12-01' },
    ])
  })

  it('refuses a past or present date, an impossible one, a repeated account and other forms', () => {
    expect(
      parseShares(
        ['a until 2026-11-30', 'b until 2027-02-29', 'c until', 'd for 2027-01-01', 'e', 'e', 'has space x'],
        TODAY,
      ),
    ).toEqual([
      'Input share_with has "a until 2026-11-30": the share would end on or before today (2026-11-30, UTC).',
      'Input share_with has "b until 2027-02-29": "2027-02-29" is not a date in the form YYYY-MM-DD.',
      'Input share_with has "c until", which is not a share: give ACCOUNT (shared forever) or ACCOUNT until YYYY-MM-DD, e.g. "prod-account until 2027-06-30".',
      'Input share_with has "d for 2027-01-01", which is not a share: give ACCOUNT (shared forever) or ACCOUNT until YYYY-MM-DD, e.g. "prod-account until 2027-06-30".',
      'Input share_with lists the account e more than once.',
      'Input share_with has "has space x", which is not a share: give ACCOUNT (shared forever) or ACCOUNT until YYYY-MM-DD, e.g. "prod-account until 2027-06-30".',
    ])
  })
})

describe('the sync flow', () => {
  it('creates the target organization once for several repositories, in its own region', async () => {
    const api = new InMemorySwr()
    const east = new InMemorySwr()
    const regional: RegionalSwr = (region) => (region === 'cn-east-3' ? east : `no ${region}`)
    const sync = { targets: [{ region: 'cn-east-3', namespace: 'team' }], override: false }

    const result = await ensureRepositories(api, request({ repositories: ['web', 'api'], sync }), regional)

    expect(east.calls).toEqual(['createNamespace team'])
    expect(api.syncRules.get('team/web')).toEqual([{ region: 'cn-east-3', namespace: 'team', override: false }])
    expect(api.syncRules.get('team/api')).toHaveLength(1)
    // New repositories have no rules to read.
    expect(api.calls.filter((call) => call.startsWith('listSyncRules'))).toEqual([])
    expect(succeeded(result.results[1]).sync).toEqual([{ target: 'cn-east-3/team', action: 'created' }])
  })

  it('says why a target organization was not made, and still creates the rule', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web')
    const outcomes = await ensureSync(
      api,
      { swr: () => 'an IAM token is scoped to cn-north-4', ensured: new Map() },
      {
        namespace: 'team',
        sync: { targets: [{ region: 'cn-east-3', namespace: 'team' }], override: true },
        updateExisting: false,
        dryRun: false,
      },
      'web',
      { created: false, images: 0 },
    )

    expect(outcomes).toEqual([
      { target: 'cn-east-3/team', action: 'created', organizationNote: 'an IAM token is scoped to cn-north-4' },
    ])
    expect(api.writes()).toEqual(['createSyncRule team/web -> cn-east-3/team'])
  })

  it('copies the tags already pushed when it makes a rule, and only then', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web', { num_images: 2 })
    api.tags.set('team/web', ['v1', 'v2'])
    api.syncRules.set('team/web', [{ region: 'cn-east-3', namespace: 'team', override: false }])
    const sync = {
      targets: [
        { region: 'cn-east-3', namespace: 'team' },
        { region: 'cn-south-1', namespace: 'team' },
      ],
      override: false,
    }

    const result = await ensureRepositories(api, request({ sync }), () => new InMemorySwr())

    expect(api.copies).toEqual(['team/web -> cn-south-1/team: v1,v2'])
    expect(succeeded(result.results[0]).sync).toEqual([
      { target: 'cn-east-3/team', action: 'exists' },
      { target: 'cn-south-1/team', action: 'created', copied: 2 },
    ])
  })
})

describe('the tags copied for new rules', () => {
  it('are read once for the repository, however many rules are new', async () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web', { num_images: 2 })
    api.tags.set('team/web', ['v1', 'v2'])
    const targets = [
      { region: 'cn-east-3', namespace: 'team' },
      { region: 'cn-south-1', namespace: 'team' },
    ]

    await ensureRepositories(api, request({ sync: { targets, override: false } }), () => new InMemorySwr())

    expect(api.calls.filter((call) => call.startsWith('listTags'))).toEqual(['listTags team/web'])
    expect(api.copies).toEqual(['team/web -> cn-east-3/team: v1,v2', 'team/web -> cn-south-1/team: v1,v2'])
  })
})

describe('the share flow', () => {
  const existing = () => {
    const api = new InMemorySwr()
    api.addRepository('team', 'web')
    api.shares.set('team/web', [
      { account: 'partner', deadline: 'forever', description: '' },
      { account: 'old', deadline: '2027-01-01', description: '' },
    ])
    return api
  }
  const shares = [
    { account: 'partner', deadline: '2027-06-30' as const },
    { account: 'prod', deadline: 'forever' as const },
  ]
  const state = { created: false, images: 0 }

  it('reports a differing deadline and leaves it, creates the missing share, and reports the one not listed', async () => {
    const api = existing()
    const outcomes = await ensureShares(
      api,
      { namespace: 'team', shares, updateExisting: false, dryRun: false },
      'web',
      state,
    )

    expect(outcomes).toEqual([
      { account: 'partner', deadline: '2027-06-30', action: 'differs', was: 'forever' },
      { account: 'prod', deadline: 'forever', action: 'created' },
      { account: 'old', deadline: '2027-01-01', action: 'also' },
    ])
    expect(api.writes()).toEqual(['createShare team/web -> prod'])
  })

  it('updates a differing deadline with update_existing, and a dry run writes nothing', async () => {
    const api = existing()
    await ensureShares(api, { namespace: 'team', shares, updateExisting: true, dryRun: false }, 'web', state)
    expect(api.writes()).toEqual(['updateShare team/web -> partner', 'createShare team/web -> prod'])

    const dry = existing()
    const outcomes = await ensureShares(
      dry,
      { namespace: 'team', shares, updateExisting: true, dryRun: true },
      'web',
      state,
    )
    expect(dry.writes()).toEqual([])
    expect(outcomes?.map((outcome) => outcome.action)).toEqual(['updated', 'created', 'also'])
  })

  it('shows each share in the job summary', async () => {
    const api = existing()
    const result = await ensureRepositories(api, request({ shares, updateExisting: true }))

    const [table] = summaryModel(result, sharedContext).tables
    expect(table.rows).toContainEqual([
      'Shared with',
      'partner (until 2027-06-30; updated from forever), prod (forever; created), old (until 2027-01-01; not listed: left as is)',
    ])
  })
})
