import { defineConfig } from 'vitest/config';

/**
 * Three projects, run in order by `npm test`:
 * - unit: beside the code, no network, no browser (RxDB on fake-indexeddb),
 *   including the pure cores of the test support (the link simulator's model);
 * - integration: the gateway and its embedded CouchDB-compatible store over
 *   HTTP, plus the protocol contract suite;
 * - e2e: the built app in Debian's headless Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'sync-protocol/**/*.test.ts',
            'device-core/**/*.test.ts',
            'gateway/**/*.test.ts',
            'province/**/*.test.ts',
            'pwa/**/*.test.{ts,tsx}',
            'sw/**/*.test.ts',
            'test/support/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/chaos/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/browser/**/*.test.ts'],
          setupFiles: ['test/support/e2e-failure-report.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
