/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  resolver: 'ts-jest-resolver',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    // tsconfig's isolatedModules makes ts-jest transpile only; `npm run typecheck` checks types.
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.dev.json' }]
  },
  // The end-to-end tests run dist/: bundle first when src/ changed since the last bundle.
  globalSetup: '<rootDir>/scripts/fresh-dist.mjs',
  // The end-to-end tests mostly wait on child processes: more workers than cores keep them busy.
  maxWorkers: 4,
  testTimeout: 30000,
  clearMocks: true
}
