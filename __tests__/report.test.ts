// The log report, the failure message and the job summary, as pure functions of a result.
import type { EnsureResult, RepositoryResult } from '../src/flow/ensure.js'
import { failureMessage, type LogLine, reportLines } from '../src/flow/report.js'
import { summaryModel } from '../src/flow/summary.js'
import { type CaseResult, pipelineResult, sharedContext as context } from './helpers/ensure-request.js'

function existing(repository: string, overrides: Partial<CaseResult> = {}): RepositoryResult {
  return pipelineResult({
    repository,
    info: { name: repository, path: `swr.cn-north-4.myhuaweicloud.com/team/${repository}`, is_public: true },
    ...overrides,
  })
}

/** The lines as the log shows them (the repository each is about decides only its group). */
const levelsAndTexts = (lines: LogLine[]) => lines.map(({ level, text }) => ({ level, text }))

describe('the log report', () => {
  it('tags each line with the repository it is about, for its log group', () => {
    const result: EnsureResult = { namespace: 'exists', results: [existing('web'), existing('api')] }
    expect(reportLines(result, context).map((line) => line.repository)).toEqual([undefined, 'team/web', 'team/api'])
  })

  it('says what was found, created and changed, with the image to push', () => {
    const result: EnsureResult = {
      namespace: 'created' as const,
      results: [
        existing('web', {
          created: true,
          settingsChanged: [{ field: 'category', from: 'other', to: 'linux' }],
          retention: 'create',
        }),
        existing('api', { settingsDiffer: [{ field: 'is_public', from: true, to: false }] }),
        { repository: 'worker', error: new Error('boom') },
      ],
    }
    expect(levelsAndTexts(reportLines(result, context))).toEqual([
      { level: 'info', text: 'Organization team: created' },
      { level: 'info', text: 'Repository team/web: created; image swr.cn-north-4.myhuaweicloud.com/team/web' },
      { level: 'info', text: 'Repository team/web: updated category "other" → "linux"' },
      { level: 'info', text: 'Repository team/web: retention policy created' },
      { level: 'info', text: 'Repository team/api: exists; image swr.cn-north-4.myhuaweicloud.com/team/api' },
      {
        level: 'warning',
        text: 'Repository team/api: is_public true → false differs from the inputs and was left as it is. Set update_existing: true to update it.',
      },
    ])
  })

  it('names the expected registry, never one a path names, and warns of a path on another registry', () => {
    const other = existing('web', { info: { name: 'web', path: 'ghcr.io/team/web' } })
    expect(levelsAndTexts(reportLines({ namespace: 'exists', results: [other] }, context))).toEqual([
      { level: 'info', text: 'Organization team: exists' },
      { level: 'info', text: 'Repository team/web: exists; image swr.cn-north-4.myhuaweicloud.com/team/web' },
      {
        level: 'warning',
        text: expect.stringMatching(
          /^Repository team\/web: SWR gives its path on the registry ghcr\.io, not swr\.cn-north-4\.myhuaweicloud\.com/,
        ),
      },
    ])
  })

  it('says what a dry run would do', () => {
    const result: EnsureResult = { namespace: 'created' as const, results: [existing('web', { created: true })] }
    expect(reportLines(result, { ...context, dryRun: true }).map((line) => line.text)).toEqual([
      'Organization team: would be created',
      'Repository team/web: would be created; image swr.cn-north-4.myhuaweicloud.com/team/web',
    ])
  })
})

describe('the failure message', () => {
  it('is absent when everything succeeded', () => {
    expect(failureMessage({ namespace: 'exists' as const, results: [existing('web')] }, 'team')).toBeUndefined()
  })

  it('is the error itself for one repository', () => {
    const result = { namespace: 'exists' as const, results: [{ repository: 'web', error: new Error('it failed') }] }
    expect(failureMessage(result, 'team')).toBe('it failed')
  })

  it('names each failed repository when several were tried', () => {
    const result = {
      namespace: 'exists' as const,
      results: [
        existing('web'),
        { repository: 'api', error: new Error('A') },
        { repository: 'db', error: new Error('B') },
      ],
    }
    expect(failureMessage(result, 'team')).toBe('2 of 3 repositories failed:\n- team/api: A\n- team/db: B')
  })

  it('says a shared error (the organization step) once', () => {
    const shared = new Error('The organization team already exists in another Huawei Cloud account')
    const result = {
      namespace: 'exists' as const,
      results: [
        { repository: 'web', error: shared },
        { repository: 'api', error: shared },
      ],
    }
    expect(failureMessage(result, 'team')).toBe(shared.message)
  })
})

describe('the job summary', () => {
  it('names a failed login, escaped, as it names every other failure', () => {
    const result: EnsureResult = { namespace: 'exists', results: [existing('web')] }
    const model = summaryModel(result, context, undefined, 'docker <b>login</b> failed')
    expect(model.lead).toContain('<strong>The login failed</strong>: docker &#60;b&#62;login&#60;/b&#62; failed')
  })

  it('escapes every value that comes from an input or a server', () => {
    const result: EnsureResult = {
      namespace: 'exists' as const,
      results: [
        existing('web', { info: { name: 'web', category: '<b>linux</b>', size: 1536 } }),
        { repository: 'api', error: new Error('<script>alert(1)</script>') },
      ],
    }
    const model = summaryModel(result, context)
    expect(model.lead).toBe(
      'Organization <code>team</code>: existed. Build with Docker media types and no attestations (<code>outputs: ' +
        'type=image,push=true,oci-mediatypes=false</code>, <code>provenance: false</code>, <code>sbom: false</code>, ' +
        "from this step's outputs): SWR&#39;s shared edition refuses OCI images, and attestations make the build an " +
        'OCI index.',
    )
    expect(model.tables[0].rows).toContainEqual(['Category', '&#60;b&#62;linux&#60;/b&#62;'])
    expect(model.tables[0].rows).toContainEqual(['Size', '1.5 KiB'])
    expect(model.tables[0].rows).toContainEqual(['Visibility', 'not given by SWR'])
    expect(model.tables[1]).toEqual({
      heading: 'team/api',
      rows: [['Failed', '&#60;script&#62;alert(1)&#60;/script&#62;']],
    })
  })
})

describe('many repositories', () => {
  it('the summary gives the first 250 a table each, and says how many more the outputs hold', () => {
    const results = Array.from({ length: 300 }, (_, index) => existing(`service-${index}`))
    const model = summaryModel({ namespace: 'exists', results }, context)
    expect(model.tables).toHaveLength(251)
    expect(model.tables[250]).toEqual({
      heading: '50 more repositories',
      rows: [['Each', 'in the repositories output, with the same fields']],
    })
  })

  it('the log names the first 20 undeclared repositories in its one line', () => {
    const undeclared = Array.from({ length: 30 }, (_, index) => ({
      name: `old-${index}`,
      images: 0,
      action: 'kept' as const,
    }))
    const [, line] = reportLines({ namespace: 'exists', results: [], undeclared }, context)
    expect(line.text).toMatch(
      /^Organization team: not declared in this step: old-0 \(0 images; left\), .*old-19 \(0 images; left\) and 10 more \(the undeclared output lists them\)$/,
    )
  })
})
