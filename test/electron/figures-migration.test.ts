/** Migration 003 on a real 002 database full of data: every row survives, the figures tables arrive with their checks. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Db } from '../../electron/db/database.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { personFigures, saveFigures } from '../../electron/services/figures.ts';
import { tempDir, track } from '../helpers/db.ts';

const TODAY = new Date(2026, 10, 15);

const tables = (db: Db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

/** Every row of every table of schema 2. */
function dump(db: Db) {
  const names = tables(db).filter((t) => !['person_months', 'pay_settings'].includes(t) && !t.startsWith('sqlite_'));
  return Object.fromEntries(names.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
}

describe('migration 003', () => {
  it('migrates a 002 database with data: every row intact, person_months and pay_settings added and working', () => {
    const path = join(tempDir(), 'v2.db');
    const v2 = openDatabase(path, { migrations: MIGRATIONS.slice(0, 2) });
    loadDemo(v2, TODAY); // no figures: schema 2 has no table for them
    expect(schemaVersion(v2)).toBe(2);
    expect(tables(v2)).not.toContain('person_months');
    const before = dump(v2);
    expect((before.sheets as unknown[]).length).toBeGreaterThan(200);
    v2.close();

    const db = track(openDatabase(path, { migrations: MIGRATIONS.slice(0, 3) }));
    expect(schemaVersion(db)).toBe(3);
    expect(dump(db)).toEqual(before);
    expect(tables(db)).toEqual(expect.arrayContaining(['person_months', 'pay_settings', 'sheets', 'people']));
    expect(db.prepare('SELECT count(*) AS n FROM person_months').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The new tables work on the migrated people, with their checks.
    const person = (before.people as { id: number }[])[1]!;
    const saved = saveFigures(db, { personId: person.id, period: '2026-10', salaryTotal: 8123.45, kpis: { 'plan-quantity': 100 }, expectedRevision: 0 });
    expect(personFigures(db, person.id, '2026-10')).toEqual(saved);
    expect(() => db.prepare("INSERT INTO person_months (person_id, period, salary_fen, revision, updated_at, updated_by) VALUES (999999, '2026-10', 1, 1, 'x', 'y')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE person_months SET salary_fen = -1 WHERE person_id = ?").run(person.id)).toThrow(/CHECK/);
    db.prepare("INSERT INTO pay_settings VALUES (1, '2026-03', '{}', 'h', 'now', 'me')").run();
    expect(() => db.prepare("UPDATE pay_settings SET hash = 'x'").run()).toThrow(/never changed/);
  });
});
