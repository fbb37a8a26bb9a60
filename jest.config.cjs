/** Jest runs the TypeScript sources through SWC (ts-jest does not support TypeScript 7). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // One worker per core: Jest's default (cores - 1) runs the suite in a single worker on a 2-core machine,
  // while many files wait on moto, child processes or timers rather than the CPU.
  maxWorkers: '100%',
  // moto's server for tests that call AWS APIs (reused when .ci/run started one).
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.cjs',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^stepwright$': '<rootDir>/src/index.ts',
    '^stepwright/(.*)$': '<rootDir>/src/$1/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
