/** Every service against a real SQLite file. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/problems.ts';
import { scoreInput } from '../../shared/scoring/engine.ts';
import { loadRubric } from '../../shared/rubric/catalog.ts';
import { salesperson } from '../../shared/rubric/builtin/salesperson.ts';
import type { Db } from '../../electron/db/database.ts';
import { listAudit } from '../../electron/services/audit.ts';
import { loadDemo, PLANNING_HEAD } from '../../electron/services/demo.ts';
import { ServiceError } from '../../electron/services/errors.ts';
import { deactivatePerson, listPeople, savePerson } from '../../electron/services/people.ts';
import { listRegions, saveRegion, setRegionActive } from '../../electron/services/regions.ts';
import { listRubrics, storeRubric } from '../../electron/services/rubrics.ts';
import { currentUser, language, setLanguage, setUser } from '../../electron/services/settings.ts';
import { getSheet, monthRows, saveSheet } from '../../electron/services/sheets.ts';
import { tempDb } from '../helpers/db.ts';

function org(db: Db) {
  const east = saveRegion(db, { code: 'EAST', name: '华东区' });
  const south = saveRegion(db, { code: 'SOUTH', name: '华南区' });
  const base = { regionId: east.id, activeFrom: '2026-01', activeTo: null };
  const manager = savePerson(db, { ...base, employeeNo: 'M-1', name: '李静', role: 'regional-manager', managerId: null });
  const wang = savePerson(db, { ...base, employeeNo: 'S-1', name: '王磊', role: 'salesperson', managerId: manager.id });
  const zhao = savePerson(db, { ...base, employeeNo: 'F-1', name: '赵喆', role: 'field-service', managerId: manager.id });
  const chen = savePerson(db, { ...base, regionId: south.id, employeeNo: 'S-2', name: '陈敏', role: 'salesperson', managerId: null });
  return { east, south, manager, wang, zhao, chen };
}

const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** What a throw carries, for asserting kind and message together. */
function failure(fn: () => unknown): { kind: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return { kind: 'input', message: err.message };
    if (err instanceof ServiceError) return { kind: err.kind, message: err.message };
    throw err;
  }
  throw new Error('expected a failure');
}

describe('regions', () => {
  it('add, rename, deactivate, each audited; a duplicate code is refused', () => {
    const { db } = tempDb();
    const east = saveRegion(db, { code: 'EAST', name: '华东' });
    expect(saveRegion(db, { id: east.id, code: 'EAST', name: '华东区' }).name).toBe('华东区');
    expect(setRegionActive(db, { id: east.id, active: false }).active).toBe(false);
    expect(failure(() => saveRegion(db, { code: 'EAST', name: 'x' }))).toEqual({ kind: 'input', message: 'Invalid region: code: got "EAST"; expected a code no other region has' });
    const refused = (() => {
      try {
        saveRegion(db, { code: 'EAST', name: 'x' });
      } catch (err) {
        return err as InputError;
      }
      return null;
    })();
    expect(refused?.problems[0]?.rule).toEqual({ code: 'unique-region-code' }); // the UI words it in its language
    expect(listRegions(db)).toHaveLength(1);
    expect(listAudit(db, {}).map((a) => a.action)).toEqual(['region.deactivate', 'region.edit', 'region.add']);
  });
});

describe('people', () => {
  it('add, edit, deactivate; the list hides inactive people unless asked', () => {
    const { db } = tempDb();
    const { wang } = org(db);
    expect(savePerson(db, { ...wang, name: '王磊磊' }).name).toBe('王磊磊');
    deactivatePerson(db, { id: wang.id, activeTo: '2026-06' });
    expect(listPeople(db).map((p) => p.employeeNo)).not.toContain('S-1');
    expect(listPeople(db, { includeInactive: true }).find((p) => p.id === wang.id)?.activeTo).toBe('2026-06');
  });
  it('refuses a duplicate employee number, unknown region and manager, and an end before the start — all at once', () => {
    const { db } = tempDb();
    const { wang } = org(db);
    const f = failure(() => savePerson(db, { employeeNo: 'S-1', name: 'x', role: 'salesperson', regionId: 99, managerId: 98, activeFrom: '2026-05', activeTo: '2026-04' }));
    expect(f.kind).toBe('input');
    for (const field of ['employeeNo: got "S-1"', 'regionId: got 99', 'managerId: got 98', 'activeTo: got "2026-04"']) expect(f.message).toContain(field);
    expect(failure(() => savePerson(db, { ...wang, managerId: wang.id })).message).toContain('someone other than the person');
    expect(count(db, 'people')).toBe(4);
  });

  it('the problems the person dialog can produce carry their rule (the UI words them); ids it cannot get wrong do not', () => {
    const { db } = tempDb();
    org(db);
    let problems: readonly { field: string; rule?: unknown }[] = [];
    try {
      savePerson(db, { employeeNo: 'S-1', name: 'x', role: 'salesperson', regionId: 99, managerId: null, activeFrom: '2026-05', activeTo: '2026-04' });
    } catch (err) {
      problems = (err as InputError).problems;
    }
    expect(problems.map((p) => [p.field, p.rule])).toEqual([
      ['employeeNo', { code: 'unique-employee-no' }],
      ['regionId', undefined],
      ['activeTo', { code: 'month-from', month: '2026-05' }],
    ]);
  });
});

describe('who is using the app', () => {
  it('stores the user; a regional manager needs an existing region', () => {
    const { db } = tempDb();
    const { east } = org(db);
    expect(failure(() => setUser(db, { name: '李静', chainRole: 'manager', regionId: null })).message).toContain('regionId');
    expect(failure(() => setUser(db, { name: '李静', chainRole: 'manager', regionId: 77 })).message).toContain('existing region');
    setUser(db, { name: '李静', chainRole: 'manager', regionId: east.id });
    expect(currentUser(db)).toEqual({ name: '李静', chainRole: 'manager', regionId: east.id });
    setLanguage(db, { language: 'en' });
    expect(language(db)).toBe('en');
  });
  it('a manager sees their region’s staff, not regional managers; HR sees everyone', () => {
    const { db } = tempDb();
    const { east } = org(db);
    setUser(db, { name: '李静', chainRole: 'manager', regionId: east.id });
    expect(monthRows(db, { period: '2026-10' }).map((r) => r.employeeNo)).toEqual(['F-1', 'S-1']);
    setUser(db, { name: 'HR', chainRole: 'hr', regionId: null });
    expect(monthRows(db, { period: '2026-10' }).map((r) => r.employeeNo).sort()).toEqual(['F-1', 'M-1', 'S-1', 'S-2']);
  });
});

describe('sheets', () => {
  const entry = {
    items: { 'dealer.rebate-forms': { violated: true, note: '返利表 10/27 才交' }, 'weekly-report.key-accounts': { occurrences: 1 }, 'weekly-report.visit-records': { points: 8 } },
    absences: [{ date: '2026-10-09', length: 'full' }, { date: '2026-10-20', length: 'half' }],
    handIns: { 'ad-plan': [{ date: '2026-10-14' }] },
  };

  it('a sheet not started scores full marks with the rubric in force', () => {
    const { db } = tempDb();
    const { wang } = org(db);
    const s = getSheet(db, { personId: wang.id, period: '2026-10' });
    expect(s).toMatchObject({ status: 'not-started', revision: 0, result: { dailyScore: 100, monthlyScore: 100 } });
    expect(s.rubric.id).toBe('salesperson');
  });

  it('saves the spec example (late ad plan from its hand-in date) and reads back the same numbers', () => {
    const { db } = tempDb();
    const { wang } = org(db);
    const saved = saveSheet(db, { personId: wang.id, period: '2026-10', entry, status: 'draft', expectedRevision: 0 });
    // sheets.save answers small: what changed (revision, status, scores).
    expect(saved).toEqual({ personId: wang.id, period: '2026-10', revision: 1, status: 'draft', updatedAt: expect.any(String), dailyScore: 88, attendanceScore: 92, monthlyScore: 89.2 });
    const again = getSheet(db, { personId: wang.id, period: '2026-10' });
    expect(again.result).toMatchObject({ dailyScore: 88, attendance: { score: 92 }, monthlyScore: 89.2 });
    expect(again.updatedAt).toBe(saved.updatedAt);
    expect(again.result.items.find((i) => i.id === 'ad-plan')).toMatchObject({ points: 3, late: [{ due: { date: '2026-10-13' }, handedIn: '2026-10-14' }] });
    expect(again.input).toMatchObject({ absences: entry.absences, handIns: entry.handIns, items: entry.items, rubric: 'salesperson@2' });
    expect(again.revision).toBe(1);
    expect(scoreInput(again.input)).toEqual(again.result);
    expect(monthRows(db, { period: '2026-10' }).find((r) => r.personId === wang.id)).toMatchObject({ status: 'draft', dailyScore: 88, attendanceScore: 92, monthlyScore: 89.2, deductions: 4 });
    expect(count(db, 'rubric_versions')).toBe(1);
    expect(listAudit(db, { limit: 1 })[0]).toMatchObject({ action: 'sheet.add', entity: 'sheet', entityId: 'S-1/2026-10', before: null });
  });

  it('a stale revision is a conflict and changes nothing', () => {
    const { db } = tempDb();
    const { wang } = org(db);
    saveSheet(db, { personId: wang.id, period: '2026-10', entry, status: 'draft', expectedRevision: 0 });
    const f = failure(() => saveSheet(db, { personId: wang.id, period: '2026-10', entry: {}, status: 'ready', expectedRevision: 0 }));
    expect(f.kind).toBe('conflict');
    expect(getSheet(db, { personId: wang.id, period: '2026-10' }).result.dailyScore).toBe(88);
  });

  it('bad input is refused with every problem, and nothing is written', () => {
    const { db } = tempDb();
    const { wang } = org(db);
    const auditBefore = count(db, 'audit_log');
    const f = failure(() =>
      saveSheet(db, { personId: wang.id, period: '2026-10', entry: { items: { 'ad-plan': { occurrences: -1 }, nope: {} }, absences: [{ length: 'quarter' }] }, status: 'draft', expectedRevision: 0 }),
    );
    expect(f.kind).toBe('input');
    expect(f.message).toContain('3 problems');
    expect([count(db, 'sheets'), count(db, 'absences'), count(db, 'audit_log')]).toEqual([0, 0, auditBefore]);
  });

  it('refuses a month the person is not assessed in', () => {
    const { db } = tempDb();
    const { wang } = org(db);
    expect(failure(() => saveSheet(db, { personId: wang.id, period: '2025-12', entry: {}, status: 'draft', expectedRevision: 0 })).message).toContain('a month 王磊 is assessed in (2026-01 – now)');
    expect(failure(() => getSheet(db, { personId: 999, period: '2026-10' }))).toEqual({ kind: 'not-found', message: 'person 999 does not exist' });
  });

  it('proposes doubling when a hand-in item was also missed the month before', () => {
    const { db } = tempDb();
    const { wang } = org(db);
    saveSheet(db, { personId: wang.id, period: '2026-09', entry: { items: { 'ad-plan': { occurrences: 1 } } }, status: 'ready', expectedRevision: 0 });
    saveSheet(db, { personId: wang.id, period: '2026-10', entry, status: 'draft', expectedRevision: 0 });
    const oct = getSheet(db, { personId: wang.id, period: '2026-10' });
    expect(oct.doublingCandidates).toEqual(['ad-plan']);
    expect(oct.previous?.period).toBe('2026-09');
    saveSheet(db, { personId: wang.id, period: '2026-10', entry: { ...entry, items: { ...entry.items, 'ad-plan': { doubled: true } } }, status: 'draft', expectedRevision: 1 });
    const confirmed = getSheet(db, { personId: wang.id, period: '2026-10' });
    expect(confirmed.result.items.find((i) => i.id === 'ad-plan')).toMatchObject({ deduction: 4, doubled: true });
    expect(confirmed.doublingCandidates).toEqual([]);
  });

  it('a ready sheet keeps its rubric version when a new version comes into force; a new sheet takes the new one', () => {
    const { db } = tempDb();
    const { wang, chen } = org(db);
    saveSheet(db, { personId: wang.id, period: '2026-10', entry, status: 'ready', expectedRevision: 0 });
    const v3 = loadRubric({ ...structuredClone(salesperson), version: 3, effectiveFrom: '2026-10', weights: { daily: 60, attendance: 40 } });
    storeRubric(db, v3, 'saved'); // as HQ's rubrics.save stores it: published, so it can come into force
    expect(listRubrics(db).map((r) => `${r.id}@${r.version}`)).toContain('salesperson@3');
    expect(getSheet(db, { personId: wang.id, period: '2026-10' }).rubricUpdate).toEqual({ from: 'salesperson@2', to: 'salesperson@3' });
    expect(saveSheet(db, { personId: wang.id, period: '2026-10', entry, status: 'ready', expectedRevision: 1 }).monthlyScore).toBe(89.2);
    const resaved = getSheet(db, { personId: wang.id, period: '2026-10' });
    expect(resaved.result.rubric.version).toBe(2);
    expect(resaved.result.monthlyScore).toBe(89.2);
    expect(saveSheet(db, { personId: chen.id, period: '2026-10', entry, status: 'draft', expectedRevision: 0 }).monthlyScore).toBe(89.6); // 88 × 60% + 92 × 40%
    const fresh = getSheet(db, { personId: chen.id, period: '2026-10' });
    expect(fresh.result.rubric.version).toBe(3);
    expect(fresh.result.monthlyScore).toBe(89.6);
    expect(fresh.rubricUpdate).toBeNull();
  });

  it('refuses to store a changed rubric under an existing version', () => {
    const { db } = tempDb();
    storeRubric(db, loadRubric(salesperson));
    const changed = loadRubric({ ...structuredClone(salesperson), weights: { daily: 60, attendance: 40 } });
    expect(failure(() => storeRubric(db, changed)).kind).toBe('conflict');
  });
});

describe('demo organisation', () => {
  it('3 regions, 40 people in three roles, six months of valid sheets that recompute to the stored numbers', () => {
    const { db } = tempDb();
    const summary = loadDemo(db, new Date('2026-11-15T12:00:00Z'));
    expect(summary).toMatchObject({ regions: 3, people: 40 });
    expect(summary.sheets).toBeGreaterThan(220);
    const roles = db.prepare('SELECT role, count(*) AS n FROM people GROUP BY role ORDER BY role').all();
    expect(roles).toEqual([
      { role: 'field-service', n: 9 },
      { role: 'regional-manager', n: 3 },
      { role: 'salesperson', n: 28 },
    ]);
    const periods = (db.prepare('SELECT DISTINCT period FROM sheets ORDER BY period').all() as { period: string }[]).map((r) => r.period);
    expect(periods).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    // This month: only the drafts two departments' findings made, each deduction with its source.
    const current = db.prepare("SELECT p.employee_no AS no, s.status, s.items FROM sheets s JOIN people p ON p.id = s.person_id WHERE s.period = '2026-11' ORDER BY p.employee_no").all() as { no: string; status: string; items: string }[];
    expect(current.map((c) => [c.no, c.status])).toEqual([
      ['F-201', 'draft'],
      ['F-202', 'draft'],
      ['F-302', 'draft'],
      ['F-303', 'draft'],
    ]);
    expect(JSON.parse(current[0]!.items).whereabouts.sources.map((s: { from: string }) => s.from)).toEqual(['claims', 'technical']);
    expect(db.prepare("SELECT department, file_name FROM finding_files WHERE period = '2026-11' ORDER BY department").all()).toEqual([
      { department: 'claims', file_name: '索赔组-2026-11.csv' },
      { department: 'technical', file_name: '技术组-2026-11.csv' },
    ]);
    const sheets = db.prepare('SELECT person_id, period FROM sheets').all() as { person_id: number; period: string }[];
    let withDeductions = 0;
    for (const s of sheets) {
      const record = getSheet(db, { personId: s.person_id, period: s.period });
      expect(scoreInput(record.input)).toEqual(record.result);
      if (record.result.dailyScore < 100) withDeductions++;
    }
    expect(withDeductions).toBeGreaterThan(sheets.length / 3);
    // Generated with the versions in force (revised 2026-12-07): no doubling on field service, severe complaints marked.
    const versions = db.prepare('SELECT DISTINCT rubric_id || \'@\' || rubric_version AS ref FROM sheets ORDER BY ref').all() as { ref: string }[];
    expect(versions.map((v) => v.ref)).toEqual(['field-service@2', 'regional-manager@1', 'salesperson@2']);
    const flagged = (like: string) => (db.prepare('SELECT count(*) AS n FROM sheets s JOIN people p ON p.id = s.person_id WHERE p.role = ? AND s.flags LIKE ?').get('field-service', like) as { n: number }).n;
    expect(flagged('%doubled:%')).toBe(0);
    expect(flagged('%severe-complaint%')).toBeGreaterThan(0);
    const notes = db.prepare("SELECT count(*) AS n FROM sheets WHERE items LIKE '%note%'").get() as { n: number };
    expect(notes.n).toBeGreaterThan(20);
    // who scored: the region's manager their staff, the head of sales planning the managers
    const scorers = db
      .prepare('SELECT p.role, s.updated_by AS scorer, m.name AS manager FROM sheets s JOIN people p ON p.id = s.person_id LEFT JOIN people m ON m.id = p.manager_id')
      .all() as { role: string; scorer: string; manager: string | null }[];
    for (const r of scorers) expect(r.scorer).toBe(r.role === 'regional-manager' ? PLANNING_HEAD : r.manager);
    expect(new Set(scorers.map((r) => r.scorer)).size).toBe(4);
    expect(failure(() => loadDemo(db)).kind).toBe('conflict');
  });
});

describe('a regional manager’s sheet', () => {
  it('carries the team’s month as the basis of team-management', () => {
    const { db } = tempDb();
    const { manager, wang, zhao } = org(db);
    saveSheet(db, { personId: wang.id, period: '2026-10', entry: { items: { vehicle: { violated: true } } }, status: 'ready', expectedRevision: 0 });
    const sheet = getSheet(db, { personId: manager.id, period: '2026-10' });
    expect(sheet.team?.map((r) => [r.employeeNo, r.monthlyScore, r.deductions])).toEqual([
      ['F-1', null, 0],
      ['S-1', 96.5, 1],
    ]);
    expect(getSheet(db, { personId: zhao.id, period: '2026-10' }).team).toBeNull();
  });
});
