import { parseErrorBody } from '../src/clients/request-error.js'
import { hintFor } from '../src/clients/swr/swr-errors.js'

describe('error bodies', () => {
  it.each([
    [
      '{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information","request_id":"r1"}',
      { code: 'APIG.0301', message: 'Incorrect IAM authentication information', requestId: 'r1' },
    ],
    [
      '{"errorCode":"SVCSTG.SWR.4001048","errorMessage":"Invalid"}',
      { code: 'SVCSTG.SWR.4001048', message: 'Invalid', requestId: undefined },
    ],
    [
      '[{"errorCode":"SVCSTG.SWR.4090006","errorMessage":"Repository already exists","detail":""}]',
      { code: 'SVCSTG.SWR.4090006', message: 'Repository already exists', requestId: undefined },
    ],
    [
      '{"errors":[{"errorCode":"SVCSTG.SWR.4090060","errorMessage":"Namespace already exists"}]}',
      { code: 'SVCSTG.SWR.4090060', message: 'Namespace already exists', requestId: undefined },
    ],
  ])('reads %s', (body, detail) => {
    expect(parseErrorBody(body)).toEqual(detail)
  })

  it('keeps a short excerpt of a body that is not JSON', () => {
    expect(parseErrorBody('<html>\n  Bad   Gateway</html>')).toEqual({ message: '<html> Bad Gateway</html>' })
    expect(parseErrorBody('x'.repeat(500)).message).toBe(`${'x'.repeat(200)}… (cut: 500 characters in all)`)
    expect(parseErrorBody('')).toEqual({})
    expect(parseErrorBody('null')).toEqual({})
  })

  it('says what to do for each kind of failure', () => {
    expect(hintFor(401, {})).toMatch(/credentials/)
    expect(hintFor(403, {})).toMatch(/"Permissions" in the README/)
    expect(hintFor(400, { code: 'SVCSTG.SWR.4000097' })).toMatch(/5 organizations/)
    expect(hintFor(401, { code: 'APIG.0301' })).toMatch(/signature was refused/)
    expect(hintFor(500, {})).toBe('')
  })
})
