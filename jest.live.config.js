// The live suite (`npm run test:live`): the same transform as the tests, the files under __tests__/live/, one at a
// time and with a real network's patience.
import { shared } from './jest.config.js'

export default { ...shared, testMatch: ['<rootDir>/__tests__/live/*.live.ts'], testTimeout: 300_000, maxWorkers: 1 }
