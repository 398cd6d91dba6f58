/**
 * Migration 009 on a real 008 database with people and sheets: every row survives, the three
 * findings tables arrive empty, and their checks hold (a department outside the list, a second
 * current file of one department and month, a part that is not JSON are refused).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../electron/db/database.ts';
import { MIGRATIONS } from '../../electron/db/migrations/index.ts';
import { savePerson } from '../../electron/services/people.ts';
import { saveRegion } from '../../electron/services/regions.ts';
import { saveSheet } from '../../electron/services/sheets.ts';
import { tempDir, track } from '../helpers/db.ts';

const index = MIGRATIONS.findIndex((m) => m.name === '009-findings');

describe('migration 009', () => {
  it('adds finding_files, findings and finding_choices; old rows intact; the tables’ checks hold', () => {
    expect(index).toBeGreaterThan(0);
    expect(MIGRATIONS[index]!.version).toBe(9);
    const path = join(tempDir(), 'v8.db');
    const before = openDatabase(path, { migrations: MIGRATIONS.slice(0, index) });
    expect(schemaVersion(before)).toBe(8);
    const region = saveRegion(before, { code: 'SOUTH', name: '华南区' });
    const person = savePerson(before, { employeeNo: 'F-101', name: '李强', role: 'field-service', regionId: region.id, managerId: null, activeFrom: '2024-01', activeTo: null });
    saveSheet(before, { personId: person.id, period: '2026-10', entry: { items: { whereabouts: { occurrences: 1 } } }, status: 'draft', expectedRevision: 0 });
    const rows = { people: before.prepare('SELECT * FROM people').all(), sheets: before.prepare('SELECT * FROM sheets').all() };
    expect(before.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'finding%'").all()).toEqual([]);
    before.close();

    const db = track(openDatabase(path, { migrations: MIGRATIONS.slice(0, index + 1) }));
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare('SELECT * FROM people').all()).toEqual(rows.people);
    expect(db.prepare('SELECT * FROM sheets').all()).toEqual(rows.sheets);
    for (const table of ['finding_files', 'findings', 'finding_choices']) expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });

    const file = (department: string) => db.prepare("INSERT INTO finding_files (period, department, file_name, sha256, rows, imported_at, imported_by) VALUES ('2026-10', ?, 'a.csv', 'x', 1, 't', 'u')").run(department);
    expect(() => file('finance')).toThrow(/CHECK constraint failed/);
    const id = Number(file('claims').lastInsertRowid);
    // One current file per department and month; a replaced one may stay beside it.
    expect(() => file('claims')).toThrow(/UNIQUE constraint failed/);
    db.prepare("UPDATE finding_files SET replaced_at = 't2' WHERE id = ?").run(id);
    file('claims');
    const finding = (part: string) => db.prepare("INSERT INTO findings (file_id, period, department, person_id, item_id, row, part) VALUES (?, '2026-10', 'claims', ?, 'whereabouts', 2, ?)").run(id, person.id, part);
    expect(() => finding('{not json')).toThrow(/CHECK constraint failed/);
    finding('{"occurrences":2}');
    expect(() => db.prepare("INSERT INTO findings (file_id, period, department, person_id, item_id, row, part) VALUES (?, '2026-10', 'claims', 9999, 'x', 2, '{}')").run(id)).toThrow(/FOREIGN KEY/);
  });
});
