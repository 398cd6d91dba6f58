/**
 * sheets.saveMany: a month's sheets in one call, all or nothing. What it stores must be exactly
 * what sheets.save stores sheet by sheet (read back field for field, the same audit entries), and
 * any bad sheet, conflict or wrong person must leave the database as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandlers, invoke } from '../../electron/handlers.ts';
import type { Db } from '../../electron/db/database.ts';
import { loadDemo, randomEntry, seeded } from '../../electron/services/demo.ts';
import { deactivatePerson, listPeople } from '../../electron/services/people.ts';
import { setUser } from '../../electron/services/settings.ts';
import { saveSheets, type SaveSheetsInput } from '../../electron/services/sheets-save-many.ts';
import { getSheet, saveSheet } from '../../electron/services/sheets.ts';
import type { SheetStatus } from '../../shared/api/types.ts';
import { tempDb } from '../helpers/db.ts';

const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10; in 2026-11 only the drafts of two departments' findings (four field-service reps of SOUTH and NORTH)

/** A database with the demo organisation and a user set (the audit's actor). */
function demoDb(): { db: Db; path: string } {
  const opened = tempDb();
  loadDemo(opened.db, TODAY);
  setUser(opened.db, { name: '周建国', chainRole: 'planning', regionId: null });
  return opened;
}

type Sheet = SaveSheetsInput['sheets'][number];

/** Sheets for `people` in `period`: generated entries, the given statuses, the revisions stored in `db`. */
function sheetsFor(db: Db, period: string, people: readonly number[], statuses: readonly SheetStatus[], seed: number): Sheet[] {
  const rng = seeded(seed);
  return people.map((personId, i) => {
    const now = getSheet(db, { personId, period });
    return { personId, entry: randomEntry(rng, now.rubric, period), status: statuses[i % statuses.length]!, expectedRevision: now.revision };
  });
}

const ISO_TIME = /"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/g;
/** A sheet as getSheet reads it, its save times blanked (two databases saved at different moments). */
const readBack = (db: Db, personId: number, period: string) => JSON.stringify(getSheet(db, { personId, period })).replace(ISO_TIME, '"(time)"');

const auditSince = (db: Db, id: number) => db.prepare('SELECT actor, action, entity, entity_id, before, after FROM audit_log WHERE id > ? ORDER BY id').all(id);
const lastAuditId = (db: Db) => (db.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;

/** Rows of every table a save writes: a refused call must not change any of them. */
function counts(db: Db): Record<string, number> {
  const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { sheets: n('sheets'), absences: n('absences'), hand_ins: n('hand_ins'), audit_log: n('audit_log'), rubric_versions: n('rubric_versions') };
}

/**
 * Save `sheets` with saveSheets into `a` and one by one with saveSheet into `b` (both in the same
 * state): every sheet must read back the same, the audit entries must be the same, and the answer
 * must be what was stored.
 */
function expectSameAsOneByOne(a: Db, b: Db, period: string, sheets: Sheet[]): void {
  const auditA = lastAuditId(a);
  const auditB = lastAuditId(b);
  const answer = saveSheets(a, { period, sheets });
  for (const s of sheets) saveSheet(b, { ...s, period });
  expect(answer.period).toBe(period);
  expect(answer.saved.map((s) => s.personId)).toEqual(sheets.map((s) => s.personId));
  for (const [i, s] of sheets.entries()) {
    expect(readBack(a, s.personId, period)).toBe(readBack(b, s.personId, period));
    const stored = getSheet(a, { personId: s.personId, period });
    expect(answer.saved[i]).toEqual({ personId: s.personId, revision: s.expectedRevision + 1, status: s.status, monthlyScore: stored.result.monthlyScore });
    expect(stored.revision).toBe(s.expectedRevision + 1);
  }
  expect(auditSince(a, auditA)).toEqual(auditSince(b, auditB));
  expect(auditSince(a, auditA)).toHaveLength(sheets.length);
}

describe('sheets.saveMany stores what sheets.save stores', () => {
  it('a new month of every active person, drafts and ready sheets', () => {
    const a = demoDb().db;
    const b = demoDb().db;
    const people = listPeople(a).map((p) => p.id);
    expect(people.length).toBeGreaterThan(10);
    expectSameAsOneByOne(a, b, '2026-11', sheetsFor(a, '2026-11', people, ['ready', 'draft', 'ready'], 1));
  });

  it('edits of stored sheets (their revision + 1, the sheet before in the audit) mixed with new ones', () => {
    const a = demoDb().db;
    const b = demoDb().db;
    const people = listPeople(a).map((p) => p.id);
    const sheets = sheetsFor(a, '2026-10', people, ['draft', 'ready'], 2);
    // The demo's last month leaves some sheets not started: both kinds are in the call.
    expect(sheets.some((s) => s.expectedRevision === 0)).toBe(true);
    expect(sheets.some((s) => s.expectedRevision > 0)).toBe(true);
    expectSameAsOneByOne(a, b, '2026-10', sheets);
    const edit = sheets.find((s) => s.expectedRevision > 0)!;
    const employeeNo = listPeople(a).find((p) => p.id === edit.personId)!.employeeNo;
    const entry = a.prepare("SELECT action, before FROM audit_log WHERE entity = 'sheet' AND entity_id = ? ORDER BY id DESC LIMIT 1").get(`${employeeNo}/2026-10`) as { action: string; before: string };
    expect(entry.action).toBe('sheet.edit');
    expect(JSON.parse(entry.before)).toMatchObject({ input: { period: '2026-10' } });
    expect(getSheet(a, { personId: edit.personId, period: '2026-10' }).revision).toBe(edit.expectedRevision + 1);
  });

  it('random subsets and statuses of the demo people read back as saved one by one (property)', () => {
    const a = demoDb().db;
    const b = demoDb().db;
    const people = listPeople(a).map((p) => p.id);
    const period = '2026-11';
    fc.assert(
      fc.property(
        fc.subarray(people, { minLength: 1 }),
        fc.array(fc.constantFrom<SheetStatus>('draft', 'ready'), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (subset, statuses, seed) => {
          // The same month again and again: later runs edit what earlier runs saved.
          expectSameAsOneByOne(a, b, period, sheetsFor(a, period, subset, statuses, seed));
        },
      ),
      { numRuns: 6, seed: 20261127 },
    );
  });
});

describe('sheets.saveMany is all or nothing', () => {
  async function refused(db: Db, path: string, input: unknown) {
    const before = counts(db);
    const outcome = await invoke(createHandlers(db, { dbPath: path, appVersion: 'test' }), 'sheets.saveMany', input);
    expect(counts(db)).toEqual(before);
    if (outcome.ok) throw new Error('expected sheets.saveMany to refuse the call');
    return outcome.error;
  }

  it('a bad sheet anywhere: nothing written, every problem named by its sheet', async () => {
    const { db, path } = demoDb();
    const people = listPeople(db).map((p) => p.id);
    const sheets = sheetsFor(db, '2026-11', people, ['ready'], 3);
    const k = sheets.length - 2;
    sheets[k] = { ...sheets[k]!, entry: { ...sheets[k]!.entry, items: { 'no-such-item': { occurrences: 1 } } } };
    sheets[1] = { ...sheets[1]!, entry: { ...sheets[1]!.entry, absences: [{ length: 'forever' }] } };
    const error = await refused(db, path, { period: '2026-11', sheets });
    expect(error.kind).toBe('input');
    const fields = error.kind === 'input' && error.problems ? error.problems.map((p) => p.field) : [];
    expect(fields.some((f) => f.startsWith('sheets[1].absences'))).toBe(true);
    expect(fields.some((f) => f.startsWith(`sheets[${k}].items`))).toBe(true);
    expect(fields.every((f) => f.startsWith('sheets[1].') || f.startsWith(`sheets[${k}].`))).toBe(true);
    expect(error.message).toContain(`sheets[${k}].items`);
  });

  it('a sheet changed elsewhere: a conflict naming the person, nothing written', async () => {
    const { db, path } = demoDb();
    const people = listPeople(db);
    const sheets = sheetsFor(db, '2026-10', people.map((p) => p.id), ['ready'], 4);
    const k = sheets.findIndex((s) => s.expectedRevision > 0);
    sheets[k] = { ...sheets[k]!, expectedRevision: sheets[k]!.expectedRevision - 1 };
    const error = await refused(db, path, { period: '2026-10', sheets });
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain(people.find((p) => p.id === sheets[k]!.personId)!.name);
    expect(error.message).toContain(`sheets[${k}]`);
  });

  it('a month changed elsewhere: the refusal names the first ten and counts the rest, nothing written', async () => {
    const { db, path } = demoDb();
    const people = listPeople(db);
    const sheets = sheetsFor(db, '2026-10', people.map((p) => p.id), ['ready'], 4);
    const stale = sheets.map((s) => (s.expectedRevision > 0 ? { ...s, expectedRevision: s.expectedRevision - 1 } : s));
    const conflicting = stale.filter((s, i) => s.expectedRevision !== sheets[i]!.expectedRevision).length;
    expect(conflicting).toBeGreaterThan(10);
    const error = await refused(db, path, { period: '2026-10', sheets: stale });
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain(`(${conflicting}): `);
    expect(error.message).toContain(`; and ${conflicting - 10} more; reload them`);
    expect(error.message.match(/sheets\[\d+\]:/g)).toHaveLength(10);
  });

  it('a person listed twice, an unknown person, a person not assessed in the month: named by their sheet', async () => {
    const { db, path } = demoDb();
    const people = listPeople(db).map((p) => p.id);
    const left = deactivatePerson(db, { id: people[2]!, activeTo: '2026-10' });
    const sheets = sheetsFor(db, '2026-11', people.slice(0, 4), ['draft'], 5);
    const error = await refused(db, path, { period: '2026-11', sheets: [...sheets, { ...sheets[0]!, status: 'ready' }, { ...sheets[1]!, personId: 999_999 }] });
    expect(error).toMatchObject({
      kind: 'input',
      problems: [
        { field: 'sheets[2].personId', value: left.id, expected: expect.stringContaining('assessed in 2026-11') },
        { field: 'sheets[4].personId', value: people[0], expected: expect.stringContaining('sheets[0]') },
        { field: 'sheets[5].personId', value: 999_999, expected: 'the id of an existing person' },
      ],
    });
  });

  it('the contract refuses an empty list, an edit status it does not allow and an unknown field', async () => {
    const { db, path } = demoDb();
    const [one] = sheetsFor(db, '2026-11', [listPeople(db)[0]!.id], ['ready'], 6);
    expect(await refused(db, path, { period: '2026-11', sheets: [] })).toMatchObject({ kind: 'input', problems: [{ field: 'sheets' }] });
    expect(await refused(db, path, { period: '2026-11', sheets: [{ ...one!, status: 'approved' }] })).toMatchObject({ kind: 'input', problems: [{ field: 'sheets[0].status' }] });
    expect(await refused(db, path, { period: '2026-13', sheets: [one] })).toMatchObject({ kind: 'input', problems: [{ field: 'period' }] });
    expect((await refused(db, path, { period: '2026-11', sheets: [{ ...one!, extra: 1 }] })).message).toMatch(/extra/);
  });

  it('answers through the handler map with the new revisions', async () => {
    const { db, path } = demoDb();
    const people = listPeople(db).map((p) => p.id).slice(0, 3);
    const sheets = sheetsFor(db, '2026-11', people, ['ready'], 7);
    const outcome = await invoke(createHandlers(db, { dbPath: path, appVersion: 'test' }), 'sheets.saveMany', { period: '2026-11', sheets });
    expect(outcome).toMatchObject({ ok: true, result: { period: '2026-11', saved: sheets.map(({ personId, expectedRevision }) => ({ personId, revision: expectedRevision + 1, status: 'ready' })) } });
    for (const personId of people) expect(getSheet(db, { personId, period: '2026-11' }).status).toBe('ready');
  });
});
