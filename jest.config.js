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
  // Two files at a time on two cores. Three were 9% quicker, but a browser file then read a button's colours while
  // it was still settling from a click: the timing of a page under that much load is not what the tests assert.
  // A fresh checkout starts with the browser tests, the slowest.
  maxWorkers: 2,
  testSequencer: '<rootDir>/test/support/slowest-first-sequencer.js',
};
