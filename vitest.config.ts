import { defineConfig } from 'vitest/config';

/**
 * API tests that read or write the SQLite connection itself (`sqlite`, `db.$client`, synchronous drizzle calls),
 * and those of imports (their writer is SQLite's synchronous path; on PostgreSQL an import answers 501, see
 * docs/postgres.md): they run in the SQLite pass only. Every other API test runs twice: on SQLite, and on
 * PostgreSQL when TEST_DATABASE_URL names a server (issue 15).
 */
const SQLITE_ONLY_API = [
  'agreement-jobs',
  'agreement-worker',
  'article-tokens',
  'assign-choose',
  'datasets',
  'export-jobs',
  'import-jobs',
  'merge-jobs',
  // imports
  'import-brat-conf',
  'import-formats',
  'import-real-files',
  'import-roundtrip',
  'imports',
].map((name) => `tests/api/${name}.test.ts`);

/** CLI tests that open no database (the agreement command reads a file): one pass is enough. */
const ENGINE_FREE_CLI = ['tests/cli/agreement-progress.test.ts'];

const shared = { testTimeout: 30_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      // Unit and API tests share their worker's modules (no isolation): ≈ 90 s less of module loading a run
      // (unit 63 → 29 s, API 189 → 145 s); they keep no state outside the database each one opens.
      { test: { ...shared, name: 'sqlite', include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'], isolate: false } },
      { test: { ...shared, name: 'sqlite (isolated)', include: ['tests/**/*.test.ts'], exclude: ['tests/unit/**', 'tests/api/**'] } },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                ...shared,
                name: 'api (PostgreSQL)',
                include: ['tests/api/**/*.test.ts'],
                exclude: SQLITE_ONLY_API,
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
                globalSetup: ['./tests/pg/template.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
