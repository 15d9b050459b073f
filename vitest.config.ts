import { defineConfig } from 'vitest/config';

/**
 * API tests that read or write the SQLite connection itself (`sqlite`, `db.$client`, synchronous drizzle calls):
 * they run in the SQLite pass only. Every other API test runs twice: on SQLite, and on PostgreSQL when
 * TEST_DATABASE_URL names a server (issue 15).
 */
const SQLITE_ONLY_API = [
  'agreement-jobs',
  'agreement-worker',
  'article-tokens',
  'assign-choose',
  'datasets',
  'export-jobs',
  'flags',
  'history',
  'import-jobs',
  'lexicon',
  'login-security',
  'merge-jobs',
  'purge',
  'span-list-json',
  'span-write-path',
].map((name) => `tests/api/${name}.test.ts`);

const shared = { testTimeout: 30_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      { test: { ...shared, name: 'sqlite', include: ['tests/**/*.test.ts'] } },
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
          ]
        : []),
    ],
  },
});
