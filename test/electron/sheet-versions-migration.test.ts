/**
 * Migration 007 on a real 006 database full of sheets: every sheet row survives with no
 * amendment (NULL columns), sheet_versions starts empty, and an approved sheet stays final except
 * by a declared amendment of its current version (the trigger).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../electron/db/database.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { tempDir, track } from '../helpers/db.ts';

const TODAY = new Date(2026, 10, 15);
const index = MIGRATIONS.findIndex((m) => m.name === '007-sheet-versions');

describe('migration 007', () => {
  it('adds sheet_versions and the amendment columns; every sheet intact with NULL; an approved sheet leaves approved only by a declared amendment', () => {
    expect(index).toBeGreaterThan(0);
    const path = join(tempDir(), 'v6.db');
    const before = openDatabase(path, { migrations: MIGRATIONS.slice(0, index) });
    loadDemo(before, TODAY);
    expect(schemaVersion(before)).toBe(MIGRATIONS[index - 1]!.version);
    const sheet = before.prepare("SELECT id FROM sheets WHERE period = '2026-09' ORDER BY id LIMIT 1").get() as { id: number };
    before.prepare("UPDATE sheets SET status = 'approved' WHERE id = ?").run(sheet.id);
    const rows = before.prepare('SELECT * FROM sheets ORDER BY id').all();
    expect(rows.length).toBeGreaterThan(100);
    before.close();

    const db = track(openDatabase(path, { migrations: MIGRATIONS.slice(0, index + 1) }));
    expect(schemaVersion(db)).toBe(MIGRATIONS[index]!.version);
    expect(db.prepare('SELECT * FROM sheets ORDER BY id').all()).toEqual(rows.map((r) => ({ ...(r as object), amends_version: null, amends_sha256: null, amend_reason: null })));
    expect(db.prepare('SELECT count(*) AS n FROM sheet_versions').get()).toEqual({ n: 0 });

    // Still final: reopened to a draft, or to ready without a declared amendment.
    expect(() => db.prepare("UPDATE sheets SET status = 'draft' WHERE id = ?").run(sheet.id)).toThrow(/approved sheet is final/);
    expect(() => db.prepare("UPDATE sheets SET status = 'ready' WHERE id = ?").run(sheet.id)).toThrow(/approved sheet is final/);
    const amend = db.prepare("UPDATE sheets SET status = 'ready', amends_version = ?, amends_sha256 = ?, amend_reason = ? WHERE id = ?");
    // An amendment of another version than the current one (1), or without a reason, is not declared for it.
    expect(() => amend.run(2, 'a'.repeat(64), 'x', sheet.id)).toThrow(/approved sheet is final/);
    expect(() => amend.run(1, 'a'.repeat(64), null, sheet.id)).toThrow(/approved sheet is final/);
    // A declared amendment of version 1: ready, to be exported as version 2.
    amend.run(1, 'a'.repeat(64), '补录一次缺勤', sheet.id);
    expect(db.prepare('SELECT status, amends_version FROM sheets WHERE id = ?').get(sheet.id)).toEqual({ status: 'ready', amends_version: 1 });

    // A version row: version 1 has no amendment, from 2 it names one with a reason.
    const insert = db.prepare(
      "INSERT INTO sheet_versions (sheet_id, version, rubric_id, rubric_version, input, result, sha256, amends_sha256, reason, signed_at) SELECT id, ?, rubric_id, rubric_version, items, result, ?, ?, ?, '2026-10-02T00:00:00Z' FROM sheets WHERE id = ?",
    );
    insert.run(1, 'a'.repeat(64), null, null, sheet.id);
    expect(() => insert.run(2, 'b'.repeat(64), null, null, sheet.id)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'b'.repeat(64), 'a'.repeat(64), 'why', sheet.id)).toThrow();
    insert.run(2, 'b'.repeat(64), 'a'.repeat(64), '补录一次缺勤', sheet.id);
    expect(db.prepare('SELECT version, reason FROM sheet_versions ORDER BY version').all()).toEqual([
      { version: 1, reason: null },
      { version: 2, reason: '补录一次缺勤' },
    ]);
  });
});
