// Lint is part of `npm test`. Type-aware rules stay off to keep the run fast; tsc -b does the type check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'web/dist/**', 'data/**', 'server/db/migrations/**', '.tmp/**', 'web/src/api/openapi.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // Boundaries (docs/ARCHITECTURE.md): domain is pure (no I/O, no server, no web); the web app never imports the
  // server; a server module never imports the app or the command line (it gets the app type and context from
  // server/src/context.ts). server/test/lint-boundaries.test.ts plants each forbidden import and expects a failure.
  {
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '@danvan/server', '@danvan/server/**'], message: 'domain/ is pure: it must not import the server.' },
            { group: ['**/web/**', '@danvan/web', '@danvan/web/**', '@danvan/e2e', '@danvan/e2e/**'], message: 'domain/ must not import the web app.' },
            { group: ['node:*', 'fs', 'path', 'child_process', 'pg', '@electric-sql/*', 'drizzle-orm', 'drizzle-orm/*', 'fastify', 'fastify/*', '@fastify/*'], message: 'domain/ does no I/O: pass data in from the server.' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', '@danvan/server', '@danvan/server/**'], message: 'web/ talks to the server over HTTP only: it must not import server code.' }] },
      ],
    },
  },
  {
    files: ['server/src/modules/**/*.ts', 'server/src/tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app.ts', '**/app'], message: 'A module must not import the app (app.ts imports every module): take App, AppContext and requireUser from server/src/context.ts.' },
            { group: ['**/src/cli.ts', '../../cli.ts', '../cli.ts'], message: 'A module must not import the command line.' },
          ],
        },
      ],
    },
  },
);
