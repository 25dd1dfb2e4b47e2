// The metadata service's client on scripted answers: the session token first, the statuses that mean none is
// needed, the key read and checked, and nothing secret in any message.
import type { ApiClient } from '../src/clients/api-client.js'
import { instanceCredentials } from '../src/clients/instance-metadata.js'
import { scriptedTransport } from './helpers/scripted-transport.js'

const ENDPOINT = new URL('http://169.254.169.254')
const NOW = Date.UTC(2026, 11, 4, 3, 0, 0)
const key = (changes: Record<string, unknown> = {}) => ({
  status: 200,
  body: JSON.stringify({
    credential: {
      access: 'TEMPACCESSKEY0001',
      secret: 'temp-secret-0001',
      securitytoken: 'c2VjdXJpdHktdG9rZW4tMDAwMQ==',
      expires_at: new Date(NOW + 3600_000).toISOString().replace('Z', '000Z'),
      ...changes,
    },
  }),
})

async function signIn(...answers: Parameters<typeof scriptedTransport>) {
  const transport = scriptedTransport(...answers)
  const masked: string[] = []
  const result = instanceCredentials(
    transport as unknown as ApiClient,
    ENDPOINT,
    (value) => masked.push(value),
    () => NOW,
  )
  return { transport, masked, result }
}

describe('the agency of an ECS or BMS', () => {
  it('asks for a session token, sends it, and masks every part of the key, its ID too', async () => {
    const { transport, masked, result } = await signIn({ status: 200, body: 'session-token-0001' }, key())
    expect(await result).toMatchObject({ kind: 'access-key', accessKeyId: 'TEMPACCESSKEY0001' })
    expect(transport.sent.map((sent) => `${sent.method} ${new URL(sent.url).pathname}`)).toEqual([
      'PUT /meta-data/latest/api/token',
      'GET /openstack/latest/securitykey',
    ])
    expect(transport.sent[0].headers['X-Metadata-Token-Ttl-Seconds']).toBe('21600')
    expect(transport.sent[1].headers['X-Metadata-Token']).toBe('session-token-0001')
    expect(masked).toEqual([
      'session-token-0001',
      'TEMPACCESSKEY0001',
      'temp-secret-0001',
      'c2VjdXJpdHktdG9rZW4tMDAwMQ==',
    ])
  })

  it.each([404, 405, 503])('a %i for the token means none is needed: the key is read without one', async (status) => {
    const { transport, result } = await signIn({ status }, key())
    await expect(result).resolves.toMatchObject({ kind: 'access-key' })
    expect(transport.sent[1].headers['X-Metadata-Token']).toBeUndefined()
  })

  it.each([
    [{ expires_at: new Date(NOW - 1000).toISOString() }, /expired at 2026-12-04T02:59:59.000Z/],
    [{ expires_at: new Date(NOW + 30_000).toISOString() }, /or expires within a minute/],
    [{ expires_at: new Date(NOW + 48 * 3600_000).toISOString() }, /more than 24 hours from now/],
    [{ expires_at: 'tomorrow' }, /its expires_at is missing or not a time/],
    [{ access: 'short' }, /not of a temporary access key’s form/],
  ])('a key %j is refused, and no part of it is in the message', async (changes, message) => {
    const { result } = await signIn({ status: 404 }, key(changes))
    await expect(result).rejects.toThrow(message)
    await expect(result).rejects.not.toThrow(/temp-secret-0001|c2VjdXJpdHkt/)
  })

  it('no agency bound: the message says how to bind one', async () => {
    const { result } = await signIn(
      { status: 404 },
      { status: 401, body: '{"message":"Please configure Cloud Service Agency first."}' },
    )
    await expect(result).rejects.toThrow(/No agency is bound to this instance/)
  })
})
