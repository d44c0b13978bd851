// Jest in native ESM mode (NestJS 12 is ESM-only), TypeScript compiled by SWC with the same
// options as the runtime loader. Two projects: `unit` (pure logic, beside the code) and
// `integration` (real PostgreSQL and Kafka, started once by the global setup).
import { swcOptions } from './tools/ts/swc-options.mjs';

const { sourceMaps: _ignored, ...swc } = swcOptions;
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, sourceMaps: true }] },
  moduleNameMapper: {
    '^@signaalhub/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  rootDir: '.',
  // Integration tests wait on real brokers and databases; unit tests finish long before this.
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.mjs'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.mjs',
      globalTeardown: '<rootDir>/test/global-teardown.mjs',
    },
  ],
};
