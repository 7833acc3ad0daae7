/** Every test runs against real PostgreSQL and Redis; each test file gets its own database. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/domain', '<rootDir>/api', '<rootDir>/tenants', '<rootDir>/worker'],
  testMatch: ['**/*.test.ts'],
  // Transpile only: `npm run build` does the type checking, so tests start fast.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/wire-domain-events.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
