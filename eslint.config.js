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
