/**
 * Migration 008 on a real 007 database with figures: every person_months row survives with no
 * KPI from a sheet (kpi_sources '{}'), and figure_conflicts starts empty and holds one row per
 * person, month and KPI.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../electron/db/database.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { tempDir, track } from '../helpers/db.ts';

const TODAY = new Date(2026, 10, 15);
const index = MIGRATIONS.findIndex((m) => m.name === '008-sheet-figures');

describe('migration 008', () => {
  it('adds kpi_sources to every month of figures (empty: recorded by HR) and the figure_conflicts table', () => {
    expect(index).toBeGreaterThan(0);
    const path = join(tempDir(), 'v7.db');
    const before = openDatabase(path, { migrations: MIGRATIONS.slice(0, index) });
    loadDemo(before, TODAY);
    expect(schemaVersion(before)).toBe(MIGRATIONS[index - 1]!.version);
    const rows = before.prepare('SELECT * FROM person_months ORDER BY person_id, period').all();
    expect(rows.length).toBeGreaterThan(50);
    expect(before.prepare("SELECT 1 FROM sqlite_master WHERE name = 'figure_conflicts'").get()).toBeUndefined();
    before.close();

    const db = track(openDatabase(path, { migrations: MIGRATIONS.slice(0, index + 1) }));
    expect(schemaVersion(db)).toBe(MIGRATIONS[index]!.version);
    expect(db.prepare('SELECT * FROM person_months ORDER BY person_id, period').all()).toEqual(rows.map((r) => ({ ...(r as object), kpi_sources: '{}' })));
    expect(db.prepare('SELECT count(*) AS n FROM figure_conflicts').get()).toEqual({ n: 0 });

    const person = (db.prepare('SELECT person_id FROM person_months LIMIT 1').get() as { person_id: number }).person_id;
    const insert = db.prepare("INSERT INTO figure_conflicts (person_id, period, kpi, hr_value, sheet_value, file_sha256, listed_at) VALUES (?, '2026-09', 'plan-quantity', ?, ?, ?, '2026-10-08T00:00:00Z')");
    insert.run(person, 200, 180, 'a'.repeat(64));
    // One conflict per person, month and KPI; a person must exist.
    expect(() => insert.run(person, 200, 190, 'b'.repeat(64))).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run(999_999, 200, 190, 'b'.repeat(64))).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT kpi, hr_value, sheet_value FROM figure_conflicts').all()).toEqual([{ kpi: 'plan-quantity', hr_value: 200, sheet_value: 180 }]);
  });
});
