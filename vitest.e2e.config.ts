import { defineConfig } from 'vitest/config';

/** Browser tests (test/e2e): real Chromium against a real server; one file at a time on 2 cores. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
