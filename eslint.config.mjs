// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SHARED_MSG = 'shared/ is pure TypeScript: no I/O, no Node or Electron';
const ELECTRON_MSG = "only the Electron shell files may import 'electron'";

// Every Node builtin: bare names here ('fs', 'fs/promises', ...); 'node:*' is matched by a pattern below.
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('node:'));

/** @param {string[]} names @param {string} message */
const restrict = (names, message) => names.map((name) => ({ name, message }));

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'test-results/'] },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
  },

  // Architecture: only the Electron shell may import 'electron'.
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: restrict(['electron'], ELECTRON_MSG),
          patterns: [{ group: ['electron/*'], message: ELECTRON_MSG }],
        },
      ],
    },
  },

  // Architecture: shared/ is pure (no Node, no Electron, no native modules, no I/O globals).
  // Must come after the block above: for shared/** this rule config replaces it.
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: restrict(['electron', 'better-sqlite3', ...nodeBuiltins], SHARED_MSG),
          patterns: [
            { group: ['node:*', 'electron/*', 'better-sqlite3/*'], message: SHARED_MSG },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...restrict(['process', 'Buffer', 'require', '__dirname', '__filename', 'global'], SHARED_MSG),
      ],
    },
  },

  // One writer at a time: every write transaction begins IMMEDIATE, through writeTransaction.
  {
    files: ['electron/**', 'scripts/**'],
    ignores: ['electron/db/transaction.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='transaction']",
          message: 'write through writeTransaction(db, fn) (electron/db/transaction.ts): it begins IMMEDIATE, so a writer waits for another instead of failing with "database is locked"',
        },
      ],
    },
  },
);
