import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/attack/**', 'node_modules/**'],
    // Child-process tests (the CLI through tsx, a second server) take minutes on a loaded machine; no test asserts a time.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The default output, then the names of any tests skipped for want of the conformance fixtures.
    reporters: ['default', './test/helpers/conformance-fixtures.reporter.ts'],
  },
});
