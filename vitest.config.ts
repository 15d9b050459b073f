import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** CLI tests that open no database (the agreement command reads a file): one pass is enough. */
const ENGINE_FREE_CLI = ['tests/cli/agreement-progress.test.ts'];

const shared = { testTimeout: 30_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    // Two test files at a time even on 2 cores (vitest's default is one fewer than the cores: one file at a time
    // there, the other core idle while a unit or API file computes or a browser test waits for the page).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      // Unit and API tests share their worker's modules (no isolation): ≈ 90 s less of module loading a run
      // (unit 63 → 29 s, API 189 → 145 s); they keep no state outside the database each one opens.
      { test: { ...shared, name: 'sqlite', include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'], isolate: false } },
      { test: { ...shared, name: 'sqlite (isolated)', include: ['tests/**/*.test.ts'], exclude: ['tests/unit/**', 'tests/api/**', 'tests/e2e/**'] } },
      // Browser tests: each file's server starts from a bundle made once per run (tests/e2e/server-bundle.ts).
      { test: { ...shared, name: 'browser', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['./tests/e2e/server-bundle.ts'] } },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                ...shared,
                name: 'api (PostgreSQL)',
                // every API test runs twice, on SQLite and here (issue 15); what one engine alone has is an it.skipIf
                include: ['tests/api/**/*.test.ts'],
                env: { MBW_TEST_ENGINE: 'postgres' },
                globalSetup: ['./tests/pg/template.ts'],
              },
            },
            {
              // The command line on PostgreSQL: tests/cli/run.ts gives it DATABASE_URL instead of DATABASE_PATH.
              test: {
                ...shared,
                name: 'cli (PostgreSQL)',
                include: ['tests/cli/**/*.test.ts'],
                exclude: ENGINE_FREE_CLI,
                env: { MBW_TEST_ENGINE: 'postgres' },
                isolate: false,
                globalSetup: ['./tests/pg/template.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
