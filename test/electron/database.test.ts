/** Opening, refusing and migrating real SQLite files. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, DatabaseRefused, LATEST_SCHEMA_VERSION, openDatabase, schemaVersion } from '../../electron/db/database.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { tempDb, tempDir, track } from '../helpers/db.ts';

const tables = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('a new database', () => {
  it('is marked as ours, migrated to the latest version, in WAL with foreign keys and synchronous FULL', () => {
    const { db } = tempDb();
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('reopens without migrating again and keeps its data', () => {
    const { db, path } = tempDb();
    db.prepare("INSERT INTO regions (code, name) VALUES ('EAST', '华东区')").run();
    db.close();
    const again = track(openDatabase(path));
    expect(again.prepare('SELECT name FROM regions').get()).toEqual({ name: '华东区' });
  });
});

describe('migration 001', () => {
  it('creates every table of the schema', () => {
    const db = track(openDatabase(join(tempDir(), 'v1.db'), { migrations: MIGRATIONS.slice(0, 1) }));
    expect(tables(db)).toEqual(['absences', 'audit_log', 'hand_ins', 'people', 'regions', 'rubric_versions', 'settings', 'sheets']);
  });
  it('makes the audit log append-only', () => {
    const { db } = tempDb();
    db.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('t', 'a', 'x', 'y', '1')").run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
  it('enforces foreign keys and checks', () => {
    const { db } = tempDb();
    expect(() => db.prepare("INSERT INTO people (employee_no, name, role, region_id, active_from) VALUES ('S-1', 'x', 'salesperson', 99, '2026-01')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO people (employee_no, name, role, active_from) VALUES ('S-1', 'x', 'boss', '2026-01')").run()).toThrow(/CHECK/);
  });
});

describe('a failing migration', () => {
  it('leaves the schema and user_version unchanged', () => {
    const { db, path } = tempDb();
    db.close();
    const broken = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE extra (a TEXT); INSERT INTO missing_table VALUES (1);' }];
    expect(() => openDatabase(path, { migrations: broken })).toThrow(/no such table: missing_table/);
    const after = track(new Database(path, { readonly: true }));
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(after)).not.toContain('extra');
  });
});

describe('refused files are left byte-identical', () => {
  const refusedUnchanged = (path: string, message: RegExp) => {
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(DatabaseRefused);
    expect(() => openDatabase(path)).toThrow(message);
    expect(readFileSync(path).equals(before)).toBe(true);
  };

  it('a database written by a newer app', () => {
    const { db, path } = tempDb();
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    refusedUnchanged(path, new RegExp(`written by a newer version of this app \\(schema ${LATEST_SCHEMA_VERSION + 1}; this app knows up to ${LATEST_SCHEMA_VERSION}\\)`));
  });

  it('another application’s SQLite database', () => {
    const path = join(tempDir(), 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    other.close();
    refusedUnchanged(path, /SQLite database of another application/);
  });

  it('a file that is not SQLite at all', () => {
    const path = join(tempDir(), 'notes.db');
    writeFileSync(path, '工号,姓名\nS-1,王磊\n');
    refusedUnchanged(path, /is not an SQLite database/);
  });

  it('an empty file', () => {
    const path = join(tempDir(), 'empty.db');
    writeFileSync(path, '');
    refusedUnchanged(path, /is an empty file/);
  });
});
