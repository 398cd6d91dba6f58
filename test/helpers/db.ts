import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database.ts';

const dirs: string[] = [];
const dbs: Db[] = [];

afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scorecard-test-'));
  dirs.push(dir);
  return dir;
}

/** A real SQLite file in a temporary folder, migrated, closed after the test. */
export function tempDb(): { db: Db; path: string } {
  const path = join(tempDir(), 'scorecard.db');
  const db = openDatabase(path);
  dbs.push(db);
  return { db, path };
}

export function track(db: Db): Db {
  dbs.push(db);
  return db;
}
