/** Migration 002 on a real 001 database full of data: every row survives, ids kept, new statuses and tables. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Db } from '../../electron/db/database.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { getSheet, saveSheet } from '../../electron/services/sheets.ts';
import { tempDir, track } from '../helpers/db.ts';

const TODAY = new Date(2026, 10, 15);

function dump(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    regions: all('SELECT * FROM regions ORDER BY id'),
    people: all('SELECT * FROM people ORDER BY id'),
    rubrics: all('SELECT * FROM rubric_versions ORDER BY rubric_id, version'),
    sheets: all('SELECT * FROM sheets ORDER BY id'),
    absences: all('SELECT * FROM absences ORDER BY sheet_id, seq'),
    handIns: all('SELECT * FROM hand_ins ORDER BY sheet_id, item_id, seq'),
    settings: all('SELECT * FROM settings ORDER BY key'),
    audit: all('SELECT * FROM audit_log ORDER BY id'),
  };
}

const tables = (db: Db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

/** A schema-1 database with the demo organisation (40 people, six months of sheets, absences, hand-ins). */
function version1WithData(): { path: string; before: ReturnType<typeof dump> } {
  const path = join(tempDir(), 'v1.db');
  const v1 = openDatabase(path, { migrations: MIGRATIONS.slice(0, 1) });
  loadDemo(v1, TODAY);
  v1.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"zh\"')").run();
  expect(schemaVersion(v1)).toBe(1);
  const before = dump(v1);
  v1.close();
  return { path, before };
}

/** Migration 002 exactly (later migrations have their own tests). */
const UP_TO_002 = MIGRATIONS.slice(0, 2);

describe('migration 002', () => {
  it('migrates a 001 database with data: every row intact, ids kept, foreign keys sound', () => {
    const { path, before } = version1WithData();
    expect(before.sheets.length).toBeGreaterThan(200);
    expect(before.absences.length).toBeGreaterThan(50);
    expect(before.handIns.length).toBeGreaterThan(100);

    const db = track(openDatabase(path, { migrations: UP_TO_002 }));
    expect(schemaVersion(db)).toBe(2);
    // Nothing lost to the ON DELETE CASCADE an implicit DELETE of the old sheets table would run.
    expect(dump(db)).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(['absences', 'audit_log', 'hand_ins', 'identities', 'people', 'regions', 'rubric_versions', 'settings', 'sheet_files', 'sheets', 'trusted_signers']);
    // The rebuilt tables still point at sheets, with their cascade, and the index is back.
    const sql = (name: string) => (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(name) as { sql: string }).sql;
    expect(sql('absences')).toMatch(/REFERENCES "?sheets"?\(id\) ON DELETE CASCADE/);
    expect(sql('hand_ins')).toMatch(/REFERENCES "?sheets"?\(id\) ON DELETE CASCADE/);
    expect(sql('sheets_period')).toMatch(/ON sheets\(period\)/);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE '%_new'").get()).toEqual({ n: 0 });

    // The services work on the migrated data.
    const row = before.sheets[0] as { person_id: number; period: string; revision: number };
    const sheet = getSheet(db, { personId: row.person_id, period: row.period });
    expect(sheet.revision).toBe(row.revision);
    const saved = saveSheet(db, { personId: row.person_id, period: row.period, entry: { items: {}, absences: [], handIns: {} }, status: 'ready', expectedRevision: row.revision });
    expect(saved.revision).toBe(row.revision + 1);
  });

  it('extends the sheet statuses, and an approved sheet is final', () => {
    const { path, before } = version1WithData();
    const db = track(openDatabase(path));
    const id = (before.sheets[0] as { id: number }).id;
    expect(() => db.prepare("UPDATE sheets SET status = 'bogus' WHERE id = ?").run(id)).toThrow(/CHECK/);
    for (const status of ['signed', 'returned', 'draft', 'ready', 'approved']) db.prepare('UPDATE sheets SET status = ? WHERE id = ?').run(status, id);
    expect(() => db.prepare("UPDATE sheets SET status = 'draft' WHERE id = ?").run(id)).toThrow(/approved sheet is final/);
    db.prepare("UPDATE sheets SET status = 'approved', revision = revision + 1 WHERE id = ?").run(id);
    // Cascades still work after the rebuild.
    const other = (before.sheets[1] as { id: number }).id;
    db.prepare("INSERT INTO absences (sheet_id, seq, length) VALUES (?, 99, 'full')").run(other);
    db.prepare('DELETE FROM sheets WHERE id = ?').run(other);
    expect(db.prepare('SELECT count(*) AS n FROM absences WHERE sheet_id = ?').get(other)).toEqual({ n: 0 });
    expect(() => db.prepare("INSERT INTO absences (sheet_id, seq, length) VALUES (999999, 0, 'full')").run()).toThrow(/FOREIGN KEY/);
  });

  it('creates the identity, trust and file tables with their checks', () => {
    const { path } = version1WithData();
    const db = track(openDatabase(path));
    const now = new Date().toISOString();
    expect(() => db.prepare("INSERT INTO identities (fingerprint, name, role, email, certificate, p12_file, source, created_at) VALUES ('F', 'n', 'boss', NULL, x'00', 'a.p12', 'created', ?)").run(now)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO trusted_signers (fingerprint, name, role, email, certificate, added_at) VALUES ('F', 'n', 'ceo', NULL, x'00', ?)").run(now)).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO sheet_files (sha256, kind, file_name, path, size, chain, received_at) VALUES ('a', 'other', 'f', 'p', 1, '[]', ?)").run(now),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO sheet_files (sha256, kind, sheet_id, file_name, path, size, chain, received_at) VALUES ('a', 'export', 999999, 'f', 'p', 1, '[]', ?)").run(now),
    ).toThrow(/FOREIGN KEY/);
  });

  it('rolls back completely when a foreign key would dangle', () => {
    // A 001 database whose data is already broken (foreign keys were off when it was written):
    // the migration's foreign_key_check refuses to carry that over, and nothing changes.
    const path = join(tempDir(), 'broken.db');
    const v1 = openDatabase(path, { migrations: MIGRATIONS.slice(0, 1) });
    loadDemo(v1, TODAY);
    v1.pragma('foreign_keys = OFF');
    v1.prepare("INSERT INTO absences (sheet_id, seq, length) VALUES (999999, 0, 'full')").run();
    v1.close();
    expect(() => openDatabase(path)).toThrow(/CHECK constraint failed/);
    const again = track(openDatabase(path, { migrations: MIGRATIONS.slice(0, 1) }));
    expect(schemaVersion(again)).toBe(1);
    expect(tables(again)).not.toContain('sheet_files');
    expect((again.prepare("SELECT sql FROM sqlite_master WHERE name = 'sheets'").get() as { sql: string }).sql).toMatch(/status IN \('draft', 'ready'\)/);
  });
});
