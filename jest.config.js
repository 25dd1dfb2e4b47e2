// ESM TypeScript tests, transpiled by SWC (type checking is `npm run typecheck`'s job), as two projects: unit tests
// run the action's code in this process (`npm run test:unit`, with the coverage of src/; a few run a stand-in tool,
// such as a fake Docker CLI); end-to-end tests (*.e2e.test.ts) spawn dist/index.js against the emulator. `npm test`
// runs both.
export const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // The same stand-ins the bundle takes (tsconfig.json's "paths"), so that unit tests run the code runners run.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^undici$': '<rootDir>/src/undici-stub.ts',
    '^@actions/exec$': '<rootDir>/src/exec-stub.ts',
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
}

export default {
  testTimeout: 60_000,
  coverageProvider: 'v8',
  // Not counted: the stand-ins, the two entry points (one call each, run by the end-to-end suites), and the modules
  // that hold only types (the runner port, the edition port), which have no line to run.
  collectCoverageFrom: [
    '<rootDir>/src/**/*.ts',
    '!<rootDir>/src/*-stub.ts',
    '!<rootDir>/src/{index,post}.ts',
    '!<rootDir>/src/flow/{runner-port,edition}.ts',
  ],
  coverageReporters: ['text-summary'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.e2e\\.'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/**/*.e2e.test.ts'] },
  ],
}
