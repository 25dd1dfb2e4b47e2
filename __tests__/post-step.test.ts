// The post step's orchestration, and the login state it reads, with an in-memory runner: no process.
import type { Logout } from '../src/flow/logout.js'
import { LOGIN_STATE, type LoginRecord, readRecord, recordSecrets } from '../src/flow/login-state.js'
import { postStep } from '../src/flow/post-step.js'
import { memoryRunner } from './helpers/memory-runner.js'

const RECORD: LoginRecord = {
  via: 'config',
  host: 'swr.cn-north-4.myhuaweicloud.com',
  configPath: '/home/runner/.docker/config.json',
  fingerprint: 'a'.repeat(64),
  previous: { auth: 'cm9ib3Q6cm9ib3QtcGFzc3dvcmQ=' },
}

function recordingLogOut(answer: Logout) {
  const seen: LoginRecord[] = []
  return { seen, logOut: async (record: LoginRecord) => (seen.push(record), answer) }
}

describe('the post step', () => {
  it('does nothing when the main step saved no login', async () => {
    const runner = memoryRunner({})
    const services = recordingLogOut({ level: 'info', text: 'x' })
    await postStep(runner, services)
    expect(services.seen).toEqual([])
    expect(runner.lines).toEqual([])
  })

  it('undoes the login the record names, saying so at the level the undoing chose', async () => {
    const runner = memoryRunner({}, {}, { [LOGIN_STATE]: JSON.stringify(RECORD) })
    const services = recordingLogOut({ level: 'warning', text: 'could not remove it' })
    await postStep(runner, services)
    expect(services.seen).toEqual([RECORD])
    expect(runner.lines).toEqual([{ level: 'warning', text: 'could not remove it' }])
    expect(runner.failure).toBeUndefined()
  })

  it('masks the login it will put back, and the step’s secrets, before anything else', async () => {
    const env = { HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'sk-0001', HUAWEI_CLOUD_ACCESS_KEY_ID: 'AK0001' }
    const runner = memoryRunner({}, env, { [LOGIN_STATE]: JSON.stringify(RECORD) })
    await postStep(runner, recordingLogOut({ level: 'info', text: 'done' }))
    expect(runner.masked).toEqual(expect.arrayContaining(['sk-0001', 'cm9ib3Q6cm9ib3QtcGFzc3dvcmQ=']))
  })

  it('a state it does not recognise is a warning, and nothing is undone', async () => {
    const runner = memoryRunner({}, {}, { [LOGIN_STATE]: JSON.stringify({ ...RECORD, host: '--help' }) })
    const services = recordingLogOut({ level: 'info', text: 'x' })
    await postStep(runner, services)
    expect(services.seen).toEqual([])
    expect(runner.lines).toEqual([
      {
        level: 'warning',
        text: 'The login state the main step saved is not one this action writes (its host is not a registry host): nothing was changed.',
      },
    ])
  })
})

describe('the login state', () => {
  it('reads back what the main step writes, in both forms', () => {
    expect(readRecord(JSON.stringify(RECORD))).toEqual(RECORD)
    const viaCli: LoginRecord = {
      via: 'docker-cli',
      host: 'swr.cn-north-4.myhuaweicloud.com',
      configPath: '/home/runner/.docker/config.json',
      store: 'desktop',
      username: 'cn-north-4@ABC',
      previous: { username: 'robot', secret: 'robot-secret' },
    }
    expect(readRecord(JSON.stringify(viaCli))).toEqual(viaCli)
    expect(recordSecrets(viaCli)).toEqual(['robot-secret'])
    expect(readRecord('')).toBeUndefined()
  })

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['a host with a path', JSON.stringify({ ...RECORD, host: 'ghcr.io/x' }), 'its host is not a registry host'],
    [
      'a relative path',
      JSON.stringify({ ...RECORD, configPath: 'config.json' }),
      'its path is not a Docker config file',
    ],
    ['another file', JSON.stringify({ ...RECORD, configPath: '/etc/passwd' }), 'its path is not a Docker config file'],
    ['no fingerprint', JSON.stringify({ ...RECORD, fingerprint: 'x' }), 'no fingerprint'],
    [
      'a store that is a path',
      JSON.stringify({ ...RECORD, via: 'docker-cli', store: '../x', username: 'u' }),
      'its credentials store is not a store name',
    ],
    [
      'a user that is an option',
      JSON.stringify({ ...RECORD, via: 'docker-cli', store: 'desktop', username: '--all' }),
      'its user name is not a registry user name',
    ],
  ])('refuses %s', (_case, state, problem) => {
    expect(() => readRecord(state)).toThrow(`(${problem})`)
  })
})
