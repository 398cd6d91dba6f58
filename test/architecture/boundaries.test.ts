/**
 * The layers the linter enforces (eslint.config.mjs, scripts/eslint-boundaries.mjs): shared/ imports
 * nothing outside shared/, renderer/ and electron/ never import each other, a renderer feature
 * imports its own folder, app/, api/, i18n/ and shared/ but never another feature. Probe sources
 * are linted as if they were files of the repository (nothing is written); a crossing is an error,
 * an import inside a layer is not.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BOUNDARY = 'architecture/boundaries';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The errors of `code` linted as the file `path` (relative to the repository). */
async function lint(path: string, code: string) {
  const filePath = join(ROOT, path);
  const [result] = await eslint.lintText(code, { filePath });
  expect(result?.filePath).toBe(filePath); // linted as that file (not ignored)
  return (result?.messages ?? []).filter((m) => m.severity === 2);
}

/** A module that imports `spec` and uses what it imports. */
const importing = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;

describe('crossing a boundary is a lint error', () => {
  const crossings: [what: string, path: string, spec: string, reaches: string][] = [
    ['shared → electron', 'shared/probe.ts', '../electron/db/database.ts', 'electron/db/database.ts'],
    ['shared → electron, from a subfolder', 'shared/reports/probe.ts', '../../electron/services/sheets.ts', 'electron/services/sheets.ts'],
    ['shared → renderer', 'shared/probe.ts', '../renderer/app/format.ts', 'renderer/app/format.ts'],
    ['shared → renderer, from a subfolder', 'shared/api/probe.ts', '../../renderer/features/scoring/draft.ts', 'renderer/features/scoring/draft.ts'],
    ['shared → test', 'shared/probe.ts', '../test/helpers/db.ts', 'test/helpers/db.ts'],
    ['renderer feature → electron', 'renderer/features/scoring/probe.ts', '../../../electron/services/sheets.ts', 'electron/services/sheets.ts'],
    ['renderer app → electron', 'renderer/app/probe.ts', '../../electron/db/database.ts', 'electron/db/database.ts'],
    ['renderer shell → electron', 'renderer/app/screens.ts', '../../electron/handlers.ts', 'electron/handlers.ts'],
    ['renderer entry → electron', 'renderer/probe.ts', '../electron/handlers.ts', 'electron/handlers.ts'],
    ['electron → renderer', 'electron/services/probe.ts', '../../renderer/app/format.ts', 'renderer/app/format.ts'],
    ['electron → renderer, from the top', 'electron/probe.ts', '../renderer/api/client.ts', 'renderer/api/client.ts'],
    ['feature → another feature', 'renderer/features/reports/probe.ts', '../scoring/StatusChip.tsx', 'renderer/features/scoring/StatusChip.tsx'],
    ['feature → another feature, through features/', 'renderer/features/figures/probe.ts', '../../features/scoring/draft.ts', 'renderer/features/scoring/draft.ts'],
    ['app widget → a feature', 'renderer/app/probe.ts', '../features/scoring/draft.ts', 'renderer/features/scoring/draft.ts'],
    ['api → app', 'renderer/api/probe.ts', '../app/format.ts', 'renderer/app/format.ts'],
  ];
  for (const [what, path, spec, reaches] of crossings) {
    it(`${what}: ${path} importing ${spec}`, async () => {
      const errors = await lint(path, importing(spec));
      expect(errors.map((e) => e.ruleId)).toEqual([BOUNDARY]);
      expect(errors[0]?.message).toContain(`(this import reaches ${reaches})`);
      expect(errors[0]?.line).toBe(1);
    });
  }

  it('every kind of import is checked: type-only, re-export, dynamic, a type query, require', async () => {
    const code = [
      "import type { Db } from '../electron/db/database.ts';",
      "export { sheets } from '../electron/services/sheets.ts';",
      "export * from '../renderer/app/format.ts';",
      "export const later = () => import('../electron/handlers.ts');",
      "export type Handlers = typeof import('../electron/handlers.ts');",
      "export const old = require('../renderer/api/client.ts');",
      'export type Maybe = Db | null;',
    ].join('\n');
    const errors = await lint('shared/probe.ts', code);
    expect(errors.filter((e) => e.ruleId === BOUNDARY).map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("shared/ keeps its package rules beside the folder rule (no Node, no 'electron')", async () => {
    const code = ["import { readFileSync } from 'node:fs';", "import { app } from 'electron';", "import { x } from '../electron/paths.ts';", 'export const y = [readFileSync, app, x];'].join('\n');
    const errors = await lint('shared/probe.ts', code);
    expect(errors.map((e) => [e.line, e.ruleId])).toEqual([
      [1, 'no-restricted-imports'],
      [2, 'no-restricted-imports'],
      [3, BOUNDARY],
    ]);
  });

  it("a renderer feature keeps the rule against 'electron' beside the folder rule", async () => {
    const code = ["import { ipcRenderer } from 'electron';", "import { x } from '../approvals/batches.ts';", 'export const y = [ipcRenderer, x];'].join('\n');
    const errors = await lint('renderer/features/scoring/probe.ts', code);
    expect(errors.map((e) => [e.line, e.ruleId])).toEqual([
      [1, 'no-restricted-imports'],
      [2, BOUNDARY],
    ]);
  });
});

describe('an import inside a layer passes', () => {
  const allowed: [what: string, path: string, spec: string][] = [
    ['shared → shared', 'shared/probe.ts', './decimal.ts'],
    ['shared → shared, across its subfolders', 'shared/reports/probe.ts', '../api/types.ts'],
    ['feature → its own file', 'renderer/features/scoring/probe.ts', './draft.ts'],
    ['feature → renderer/app', 'renderer/features/reports/probe.ts', '../../app/StatusChip.tsx'],
    ['feature → renderer/api', 'renderer/features/reports/probe.ts', '../../api/client.ts'],
    ['feature → renderer/i18n', 'renderer/features/reports/probe.ts', '../../i18n/index.tsx'],
    ['feature → shared', 'renderer/features/reports/probe.ts', '../../../shared/api/types.ts'],
    ['renderer → shared', 'renderer/app/probe.ts', '../../shared/api/types.ts'],
    ['app widget → app', 'renderer/app/probe.ts', './format.ts'],
    ['the shell → a feature (it composes them)', 'renderer/app/screens.ts', '../features/scoring/SheetScreen.tsx'],
    ['i18n → a feature (its messages)', 'renderer/i18n/probe.ts', '../features/figures/figuresMessages.ts'],
    ['electron → shared', 'electron/services/probe.ts', '../../shared/api/types.ts'],
    ['electron → electron', 'electron/services/probe.ts', '../db/database.ts'],
    ['test → anything', 'test/probe.test.ts', '../renderer/features/scoring/draft.ts'],
    ['a package', 'renderer/features/scoring/probe.ts', 'react'],
  ];
  for (const [what, path, spec] of allowed) {
    it(`${what}: ${path} importing ${spec}`, async () => {
      expect(await lint(path, importing(spec))).toEqual([]);
    });
  }
});
