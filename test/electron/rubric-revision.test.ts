/**
 * How a revision of the built-in rules reaches stored sheets (assessment.md, revised 2026-12-07),
 * on real database files: a sheet scored with `@1` before `@2` shipped is written as the app
 * wrote it then (its rubric stored, its row and result on @1). An unsigned draft moves to the
 * newest version in force at its next save (and the record says so before); ready, signed and
 * approved sheets keep `@1` and recompute identically; a returned sheet keeps the version it was
 * first signed with; an entry that does not fit the version a draft moves to is refused.
 */
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../shared/canonical.ts';
import { InputError } from '../../shared/problems.ts';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import type { Rubric } from '../../shared/rubric/schema.ts';
import { scoreInput, scoreSheet } from '../../shared/scoring/engine.ts';
import type { SheetInput } from '../../shared/scoring/input.ts';
import type { Db } from '../../electron/db/database.ts';
import { ServiceError } from '../../electron/services/errors.ts';
import { savePerson } from '../../electron/services/people.ts';
import { saveRegion } from '../../electron/services/regions.ts';
import { listRubrics, rubricCatalog, storeRubric } from '../../electron/services/rubrics.ts';
import { saveSheets } from '../../electron/services/sheets-save-many.ts';
import { getSheet, saveSheet, writeSheetRow } from '../../electron/services/sheets.ts';
import type { SheetStatus } from '../../shared/sheet-status.ts';
import { tempDb } from '../helpers/db.ts';

const PERIOD = '2026-10';
const builtin = (id: string, version: number): Rubric => BUILTIN_RUBRICS.find((r) => r.id === id && r.version === version)!;

function org(db: Db) {
  const east = saveRegion(db, { code: 'EAST', name: '华东区' });
  const base = { regionId: east.id, activeFrom: '2026-01', activeTo: null };
  const manager = savePerson(db, { ...base, employeeNo: 'M-1', name: '李静', role: 'regional-manager', managerId: null });
  const wang = savePerson(db, { ...base, employeeNo: 'S-1', name: '王磊', role: 'salesperson', managerId: manager.id });
  const zhao = savePerson(db, { ...base, employeeNo: 'F-1', name: '赵喆', role: 'field-service', managerId: manager.id });
  return { manager, wang, zhao };
}

/** A sheet as an app without @2 stored it: its rubric version stored, the row scored on @1. */
function legacySheet(db: Db, person: { id: number; employeeNo: string; name: string }, rubric: Rubric, status: SheetStatus, items: SheetInput['items']): number {
  storeRubric(db, rubric);
  const input: SheetInput = { rubric: `${rubric.id}@${rubric.version}`, period: PERIOD, person: { id: person.employeeNo, name: person.name }, absences: [{ length: 'half' }], items, handIns: {} };
  return writeSheetRow(db, null, { personId: person.id, rubric, status, input, result: scoreSheet(input, rubric), revision: 3 });
}

const stored = (db: Db, id: number) =>
  db.prepare('SELECT rubric_id, rubric_version, status, revision, result FROM sheets WHERE id = ?').get(id) as { rubric_id: string; rubric_version: number; status: string; revision: number; result: string };

function refusal(fn: () => unknown): InputError | ServiceError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError || err instanceof ServiceError) return err;
    throw err;
  }
  throw new Error('expected the save to be refused');
}

const twoMissing = { 'weekly-report.key-accounts': { occurrences: 2 }, 'ad-plan': { occurrences: 1 } };

describe('an unsigned draft moves to the newest version at its next save', () => {
  it('salesperson: the record names the move; the save scores on @2 (2 missing key-account entries → 0)', () => {
    const { db } = tempDb();
    const { wang } = org(db);
    const id = legacySheet(db, wang, builtin('salesperson', 1), 'draft', twoMissing);

    const before = getSheet(db, { personId: wang.id, period: PERIOD });
    expect(before.rubric).toMatchObject({ id: 'salesperson', version: 1 });
    expect(before.result.items.find((i) => i.id === 'weekly-report.key-accounts')).toMatchObject({ points: 4 });
    expect(before.result).toMatchObject({ dailyScore: 92, monthlyScore: 93.2 });
    expect(before.rubricUpdate).toEqual({ from: 'salesperson@1', to: 'salesperson@2' });

    const saved = saveSheet(db, { personId: wang.id, period: PERIOD, entry: { items: twoMissing, absences: [{ length: 'half' }] }, status: 'draft', expectedRevision: 3 });
    expect(saved).toMatchObject({ revision: 4, status: 'draft', dailyScore: 88, monthlyScore: 90.4 });
    expect(stored(db, id)).toMatchObject({ rubric_id: 'salesperson', rubric_version: 2 });
    const after = getSheet(db, { personId: wang.id, period: PERIOD });
    expect(after.rubric).toMatchObject({ version: 2, hash: builtin('salesperson', 2).hash });
    expect(after.input.rubric).toBe('salesperson@2');
    expect(after.result.items.find((i) => i.id === 'weekly-report.key-accounts')).toMatchObject({ points: 0, deduction: 10 });
    expect(after.rubricUpdate).toBeNull();
    expect(scoreInput(after.input)).toEqual(after.result);
    expect((db.prepare("SELECT version FROM rubric_versions WHERE rubric_id = 'salesperson' ORDER BY version").all() as { version: number }[]).map((r) => r.version)).toEqual([1, 2]);
  });

  it('a draft saved as ready moves too; a ready sheet saved back as a draft is an unsigned draft at that save and moves', () => {
    const { db } = tempDb();
    const { wang, manager, zhao } = org(db);
    const draft = legacySheet(db, wang, builtin('salesperson', 1), 'draft', twoMissing);
    saveSheet(db, { personId: wang.id, period: PERIOD, entry: { items: twoMissing }, status: 'ready', expectedRevision: 3 });
    expect(stored(db, draft)).toMatchObject({ rubric_version: 2, status: 'ready' });

    const ready = legacySheet(db, zhao, builtin('field-service', 1), 'ready', { reports: { grade: 'brief', deduction: 3 } });
    saveSheet(db, { personId: zhao.id, period: PERIOD, entry: { items: { reports: { grade: 'brief', deduction: 3 } } }, status: 'draft', expectedRevision: 3 });
    expect(stored(db, ready)).toMatchObject({ rubric_id: 'field-service', rubric_version: 2, status: 'draft' });

    // A person whose rubric has no @2 stays on @1 (regional-manager@1 is the newest).
    const rm = legacySheet(db, manager, builtin('regional-manager', 1), 'draft', { 'on-time': { violated: true } });
    expect(getSheet(db, { personId: manager.id, period: PERIOD }).rubricUpdate).toBeNull();
    saveSheet(db, { personId: manager.id, period: PERIOD, entry: { items: { 'on-time': { violated: true } } }, status: 'draft', expectedRevision: 3 });
    expect(stored(db, rm)).toMatchObject({ rubric_id: 'regional-manager', rubric_version: 1 });
  });

  it('field service: doubled: true (allowed on @1) does not fit @2: the save is refused with the problem, nothing changes', () => {
    const { db } = tempDb();
    const { zhao } = org(db);
    const doubled = { reports: { grade: 'brief', deduction: 3, doubled: true } };
    const id = legacySheet(db, zhao, builtin('field-service', 1), 'draft', doubled);
    const before = stored(db, id);
    expect(JSON.parse(before.result)).toMatchObject({ dailyScore: 94, flags: ['doubled:reports'] });
    expect(getSheet(db, { personId: zhao.id, period: PERIOD }).rubricUpdate).toEqual({ from: 'field-service@1', to: 'field-service@2' });

    const error = refusal(() => saveSheet(db, { personId: zhao.id, period: PERIOD, entry: { items: doubled }, status: 'draft', expectedRevision: 3 }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([
      {
        field: 'items.reports.doubled',
        value: true,
        expected: 'false: field-service@2 has no doubling (the rule book gives it for the regional-manager and salesperson hand-ins only)',
      },
    ]);
    expect(stored(db, id)).toEqual(before);

    // Without the doubling it moves: the deduction once, no flag.
    const saved = saveSheet(db, { personId: zhao.id, period: PERIOD, entry: { items: { reports: { grade: 'brief', deduction: 3, doubled: false } } }, status: 'draft', expectedRevision: 3 });
    expect(saved).toMatchObject({ dailyScore: 97 });
    expect(stored(db, id)).toMatchObject({ rubric_version: 2 });
    expect(getSheet(db, { personId: zhao.id, period: PERIOD }).doublingCandidates).toEqual([]);
  });
});

describe('sheets that keep their version', () => {
  it('ready: reads and recomputes identically, and saved as ready it stays on @1 with the same numbers', () => {
    const { db } = tempDb();
    const { wang } = org(db);
    const id = legacySheet(db, wang, builtin('salesperson', 1), 'ready', twoMissing);
    const before = stored(db, id);
    const read = getSheet(db, { personId: wang.id, period: PERIOD });
    expect(read.rubric).toMatchObject({ version: 1, hash: builtin('salesperson', 1).hash });
    expect(read.result).toEqual(JSON.parse(before.result));
    expect(scoreInput(read.input)).toEqual(read.result);
    // Saved as ready it keeps @1; the record says a save as draft would move it.
    expect(read.rubricUpdate).toEqual({ from: 'salesperson@1', to: 'salesperson@2' });

    const saved = saveSheet(db, { personId: wang.id, period: PERIOD, entry: { items: twoMissing, absences: [{ length: 'half' }] }, status: 'ready', expectedRevision: 3 });
    expect(saved).toMatchObject({ status: 'ready', dailyScore: 92, monthlyScore: 93.2 });
    const after = stored(db, id);
    expect(after).toMatchObject({ rubric_version: 1, revision: 4 });
    expect(JSON.parse(after.result)).toEqual(JSON.parse(before.result));
  });

  it.each(['signed', 'approved'] as const)('%s: reads and recomputes identically; a save is refused and changes nothing', (status) => {
    const { db } = tempDb();
    const { wang } = org(db);
    const id = legacySheet(db, wang, builtin('salesperson', 1), status, twoMissing);
    const before = stored(db, id);
    const read = getSheet(db, { personId: wang.id, period: PERIOD });
    expect(read).toMatchObject({ status, rubricUpdate: null, rubric: { version: 1 } });
    expect(read.result).toEqual(JSON.parse(before.result));
    expect(scoreInput(read.input)).toEqual(read.result);
    const error = refusal(() => saveSheet(db, { personId: wang.id, period: PERIOD, entry: { items: twoMissing }, status: 'draft', expectedRevision: 3 }));
    expect(error).toMatchObject({ kind: 'conflict' });
    expect(stored(db, id)).toEqual(before);
  });

  it('returned (it was exported signed): it keeps @1 when corrected, saved as a draft and then again', () => {
    const { db } = tempDb();
    const { zhao } = org(db);
    const doubled = { reports: { grade: 'missing', doubled: true } };
    const id = legacySheet(db, zhao, builtin('field-service', 1), 'returned', doubled);
    db.prepare(
      `INSERT INTO sheet_files (sha256, kind, sheet_id, employee_no, period, file_name, path, size, chain, received_at)
       VALUES ('ab', 'export', ?, 'F-1', ?, 'F-1-2026-10.pdf', '/exports/F-1-2026-10.pdf', 1000, '[]', '2026-11-02T09:00:00Z')`,
    ).run(id, PERIOD);
    expect(getSheet(db, { personId: zhao.id, period: PERIOD }).rubricUpdate).toBeNull();

    // field-service@1 still takes doubled: true, so the correction validates on @1.
    saveSheet(db, { personId: zhao.id, period: PERIOD, entry: { items: doubled }, status: 'draft', expectedRevision: 3 });
    expect(stored(db, id)).toMatchObject({ rubric_version: 1, status: 'draft' });
    expect(getSheet(db, { personId: zhao.id, period: PERIOD }).rubricUpdate).toBeNull();
    const again = saveSheet(db, { personId: zhao.id, period: PERIOD, entry: { items: doubled }, status: 'ready', expectedRevision: 4 });
    expect(again).toMatchObject({ dailyScore: 90 });
    expect(stored(db, id)).toMatchObject({ rubric_version: 1, status: 'ready' });
  });
});

describe('sheets.saveMany follows the same rule', () => {
  it('a stored @1 draft moves, a stored @1 ready sheet saved as ready keeps @1', () => {
    const { db } = tempDb();
    const { wang, zhao } = org(db);
    const draft = legacySheet(db, wang, builtin('salesperson', 1), 'draft', twoMissing);
    const ready = legacySheet(db, zhao, builtin('field-service', 1), 'ready', { reports: { grade: 'missing', doubled: true } });
    const out = saveSheets(db, {
      period: PERIOD,
      sheets: [
        { personId: wang.id, entry: { items: twoMissing }, status: 'draft', expectedRevision: 3 },
        { personId: zhao.id, entry: { items: { reports: { grade: 'missing', doubled: true } } }, status: 'ready', expectedRevision: 3 },
      ],
    });
    expect(out.saved.map((s) => s.monthlyScore)).toEqual([91.6, 93]);
    expect(stored(db, draft)).toMatchObject({ rubric_version: 2 });
    expect(stored(db, ready)).toMatchObject({ rubric_version: 1 });
  });
});

describe('a version a sheet once brought in never becomes the one in force', () => {
  it('an unpublished salesperson@99 stored for an imported sheet (before migration 005): stored sheets on it still read; new sheets and moving drafts take the newest built-in or published version', () => {
    const { db } = tempDb();
    const { wang } = org(db);
    // What an HR database could hold from an older app that stored a sheet's own rubric: in force from 2000-01, weights 0/100.
    const forged = { ...builtin('salesperson', 2), version: 99, weights: { daily: 0, attendance: 100 } };
    const definition: Record<string, unknown> = { ...forged };
    delete definition.hash;
    db.prepare("INSERT INTO rubric_versions (rubric_id, version, effective_from, hash, definition) VALUES ('salesperson', 99, '2000-01', ?, ?)").run(
      contentHash(definition),
      JSON.stringify(definition),
    );
    // A home-made salesperson@1 an old import stored: it never hides the built-in @1.
    const homeMade = { ...builtin('salesperson', 1), weights: { daily: 0, attendance: 100 } };
    const homeDefinition: Record<string, unknown> = { ...homeMade };
    delete homeDefinition.hash;
    db.prepare("INSERT INTO rubric_versions (rubric_id, version, effective_from, hash, definition) VALUES ('salesperson', 1, '2000-01', ?, ?)").run(
      contentHash(homeDefinition),
      JSON.stringify(homeDefinition),
    );
    expect(listRubrics(db).find((r) => r.id === 'salesperson' && r.version === 1)!.hash).toBe(builtin('salesperson', 1).hash);
    // Still listed, so a sheet stored on it recomputes; never chosen as the version in force.
    expect(listRubrics(db).map((r) => `${r.id}@${r.version}`)).toContain('salesperson@99');
    expect(rubricCatalog(db).inForce.map((r) => `${r.id}@${r.version}`)).not.toContain('salesperson@99');

    // A new sheet: salesperson@2, not the stored @99.
    expect(getSheet(db, { personId: wang.id, period: PERIOD }).rubric).toMatchObject({ id: 'salesperson', version: 2 });
    const saved = saveSheet(db, { personId: wang.id, period: PERIOD, entry: { items: twoMissing }, status: 'draft', expectedRevision: 0 });
    expect(saved.dailyScore).toBeLessThan(100);
    expect(db.prepare('SELECT rubric_version FROM sheets WHERE person_id = ?').get(wang.id)).toEqual({ rubric_version: 2 });
  });
});
