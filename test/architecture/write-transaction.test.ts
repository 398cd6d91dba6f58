/**
 * The lint refuses a bare `db.transaction(` in electron/ and scripts/ (eslint.config.mjs): every
 * write goes through writeTransaction (electron/db/transaction.ts), which begins IMMEDIATE.
 * Probes are linted as if they were files of the repository (nothing is written).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function errors(path: string, code: string) {
  const filePath = join(ROOT, path);
  const [result] = await eslint.lintText(code, { filePath });
  expect(result?.filePath).toBe(filePath);
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const bare = "import type { Db } from '../db/database.ts';\nexport const save = (db: Db) => db.transaction(() => db.prepare('SELECT 1').get())();\n";
const immediate = "import type { Db } from '../db/database.ts';\nexport const save = (db: Db) => db.transaction(() => 1).immediate();\n";
const helper = "import type { Db } from '../db/database.ts';\nimport { writeTransaction } from '../db/transaction.ts';\nexport const save = (db: Db) => writeTransaction(db, () => db.prepare('SELECT 1').get());\n";

describe('a bare db.transaction is a lint error', () => {
  it.each([
    ['a service', 'electron/services/probe.ts', bare],
    ['a service, even when it asks for IMMEDIATE itself', 'electron/services/probe.ts', immediate],
    ['the database module', 'electron/db/probe.ts', bare],
    ['a script', 'scripts/bench/probe.ts', bare],
  ])('in %s', async (_what, path, code) => {
    expect(await errors(path, code)).toEqual([expect.stringMatching(/^no-restricted-syntax: write through writeTransaction\(db, fn\)/)]);
  });

  it('writeTransaction passes, and the helper itself may call db.transaction', async () => {
    expect(await errors('electron/services/probe.ts', helper)).toEqual([]);
    expect(await errors('electron/db/transaction.ts', "import type Database from 'better-sqlite3';\nexport const w = (db: Database.Database, fn: () => void) => db.transaction(fn).immediate();\n")).toEqual([]);
  });
});
