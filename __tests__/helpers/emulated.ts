// The emulator an end-to-end test runs the bundle against: a fresh one for each test (or one for the file), started
// before and stopped after, with the request trail the tests read.
import { type EmulatorOptions, SwrEmulator } from '../../emulator/swr-emulator.js'

export interface Emulated {
  readonly emulator: SwrEmulator
  /** The emulator's base URL, the endpoint input of a run. */
  readonly endpoint: string
  /** Every request as "METHOD target status". */
  trail(): string[]
  /** The requests that are not reads. */
  writes(): SwrEmulator['requests']
  /** Stops this test's emulator and starts one with other options in its place. */
  replace(options: EmulatorOptions): Promise<void>
}

export function useEmulator(options: EmulatorOptions = {}, scope: 'each test' | 'the file' = 'each test'): Emulated {
  let emulator: SwrEmulator | undefined
  let endpoint = ''
  const started = () => {
    if (!emulator) throw new Error('The emulator is started by the test hooks: use it inside a test.')
    return emulator
  }
  const start = async (given: EmulatorOptions) => {
    emulator = new SwrEmulator(given)
    endpoint = await emulator.start()
  }
  ;(scope === 'each test' ? beforeEach : beforeAll)(() => start(options))
  ;(scope === 'each test' ? afterEach : afterAll)(() => started().stop())
  return {
    get emulator() {
      return started()
    },
    get endpoint() {
      return endpoint
    },
    trail: () => started().requests.map((request) => `${request.method} ${request.target} ${request.status}`),
    writes: () => started().requests.filter((request) => request.method !== 'GET'),
    async replace(given) {
      await started().stop()
      await start(given)
    },
  }
}
