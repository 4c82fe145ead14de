import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests, DB-backed tests (run on PGlite, and on PostgreSQL when
// DATABASE_URL is set), and browser tests in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}', 'test/bench/**/*.test.{ts,tsx}'],
          exclude: ['**/*.db.test.{ts,tsx}', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          sequence: { groupOrder: 1 },
          include: ['src/**/*.db.test.{ts,tsx}', 'test/**/*.db.test.{ts,tsx}'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite runs on the main thread of each worker; two cores, two workers.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.e2e.test.{ts,tsx}'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
