/** Every test runs against real PostgreSQL and Redis; each test file gets its own database. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/domain', '<rootDir>/api', '<rootDir>/tenants', '<rootDir>/worker'],
  testMatch: ['**/*.test.ts'],
  // Transpile only: `npm run build` does the type checking, so tests start fast.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/wire-domain-events.ts'],
  // One migrated database per run, which each file's database is copied from.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  // Three files at a time on two cores: while one waits (on a browser, a worker's timer, Redis coming back), the
  // other two keep both cores busy. A fresh checkout starts with the browser tests, the slowest.
  maxWorkers: 3,
  testSequencer: '<rootDir>/test/support/slowest-first-sequencer.js',
};
