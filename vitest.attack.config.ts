import { defineConfig } from 'vitest/config';

/**
 * The standing attack-and-fault suite (`npm run test:attack`): generated bad input and access
 * probes over the OpenAPI document, hostile files, kill -9 trials and a bounded mixed load, all
 * on loopback. Prints the probe counts in one line at the end.
 */
export default defineConfig({
  test: {
    include: ['test/attack/**/*.test.ts', 'test/http/bad-input.test.ts'],
    globalSetup: ['test/attack/probe-summary.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
