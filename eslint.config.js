// Lint for the whole repository (run by `npm test` through `npm run lint`):
// typescript-eslint's recommended rules everywhere, React's hook rules in the client.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'migrations/**', 'test-results/**', 'data/**', '**/_tmp*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (e.g. a key taken out of an object by destructuring).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Text formats deal in control characters on purpose (CoNLL, WebAnno, JSONL escapes).
      'no-control-regex': 'off',
    },
  },
  {
    // Every promise of the server is awaited (or handed on): a service that became async (issue 15) and a caller
    // that forgot it would otherwise run out of order and lose its errors.
    files: ['server/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    // Issue 15: services and routes run on SQLite and PostgreSQL, so they await drizzle's queries and write in
    // `transaction()` (server/src/db/tx.ts). better-sqlite3's synchronous calls and the driver itself stay in
    // the SQLite-only modules listed in `ignores`.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/db/**', 'server/src/workers/**', 'server/src/services/import-write.ts', 'server/src/services/importTask.ts', 'server/src/services/dbFile.ts', 'server/src/services/articleTokens.ts', 'server/src/http/dbGuard.ts', 'server/src/cliBackup.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[arguments.length=0] > MemberExpression.callee[property.name=/^(get|all|run)$/]", message: 'await the query (first(q) for one row): .get()/.all()/.run() are SQLite only (server/src/db/tx.ts).' },
        { selector: "CallExpression > MemberExpression.callee[property.name=/^(get|all|run)$/][object.callee.name='once']", message: 'await stmt.execute(values): .get/.all/.run of a prepared statement are SQLite only.' },
        { selector: "CallExpression > MemberExpression.callee[property.name='transaction']", message: 'use transaction(db, async (tx) => …) from server/src/db/tx.ts (both engines).' },
        { selector: "MemberExpression[property.name='$client']", message: 'the driver is engine-specific: put this in an SQLite- or PostgreSQL-only module.' },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/db/schema.js'], allowTypeImports: true, message: "import tables from db/tables.js (the engine's tables); schema.ts is SQLite's." }] },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The two classic hook rules; the compiler-era rules of v7's `recommended` would flag the
    // "latest value in a ref" pattern the workspace uses on purpose for its key handlers.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Tests read loosely typed JSON answers.
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    // Compact comma expressions in small hand-written parsers of the tests (e.g. the CSV reader).
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }] },
  },
);
