// @ts-check
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaries } from './scripts/eslint-boundaries.mjs';

const SHARED_MSG = 'shared/ is pure TypeScript: no I/O, no Node or Electron';
const ELECTRON_MSG = "only the Electron shell files may import 'electron'";

// Every Node builtin: bare names here ('fs', 'fs/promises', ...); 'node:*' is matched by a pattern below.
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('node:'));

/** @param {string[]} names @param {string} message */
const restrict = (names, message) => names.map((name) => ({ name, message }));

// Which folder may import which (relative imports; packages are the rules above and below).
// The first layer a file is in applies; `*` is one folder name, in `allow` the one that matched.
const FEATURE_MSG =
  'a renderer feature imports its own folder, renderer/app/, api/, i18n/ and shared/: never another feature nor electron/ (move what several features use into renderer/app/, or let app/screens.ts hand the part in)';
const LAYERS = [
  { files: 'shared/', allow: ['shared/'], message: 'shared/ imports nothing outside shared/' },
  { files: 'electron/', allow: ['electron/', 'shared/'], message: 'electron/ imports electron/ and shared/, never renderer/' },
  { files: 'renderer/features/*/', allow: ['renderer/features/*/', 'renderer/app/', 'renderer/api/', 'renderer/i18n/', 'shared/'], message: FEATURE_MSG },
  // The shell: the root, the screens (it composes the features) and the start-up before React.
  ...['App.tsx', 'screens.ts', 'start.ts', 'firstPaint.ts'].map((f) => ({
    files: `renderer/app/${f}`,
    allow: ['renderer/', 'shared/'],
    message: 'renderer/ imports renderer/ and shared/, never electron/',
  })),
  {
    files: 'renderer/app/',
    allow: ['renderer/app/', 'renderer/api/', 'renderer/i18n/', 'shared/'],
    message: 'renderer/app/ imports renderer/app/, api/, i18n/ and shared/, never electron/ (only its shell files App.tsx, screens.ts, start.ts and firstPaint.ts import features)',
  },
  { files: 'renderer/api/', allow: ['renderer/api/', 'shared/'], message: 'renderer/api/ imports only renderer/api/ and shared/' },
  { files: 'renderer/', allow: ['renderer/', 'shared/'], message: 'renderer/ imports renderer/ and shared/, never electron/' },
];

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

  // Architecture: the layers above (scripts/eslint-boundaries.mjs).
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    plugins: { architecture: boundaries },
    rules: {
      'architecture/boundaries': ['error', { root: fileURLToPath(new URL('.', import.meta.url)), layers: LAYERS }],
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
