/**
 * Figures from signed sheets (docs/data.md, "Figures from a signed sheet"), on real files with four
 * apps (the SOUTH regional manager, sales planning, the VP, HR with the organisation's roster): the
 * KPIs the manager recorded travel in the signed sheet's data; HR's import keeps them as "from the
 * sheet, unconfirmed" where HR has none (pay uses them, flagged), keeps HR's own where it differs
 * and lists the difference (kept or taken), confirms in bulk, and lets a later figures file from
 * planning replace them.
 */
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySheetPdf, trustedSigners } from '../../electron/services/sheet-verify.ts';
import type { MonthFigures } from '../../shared/api/report-types.ts';
import type { ChainRole, StoredFile } from '../../shared/api/types.ts';
import { KPIS, type KpiValues } from '../../shared/kpi.ts';
import { computePay, DEFAULT_PAY_SETTINGS } from '../../shared/pay.ts';
import { callApp, type ChainApp, failApp, NAMES, PASS, setUpChainApps, tearDownChainApps, upload } from '../helpers/chain-apps.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const TODAY = new Date(2026, 10, 15); // demo months 2026-05 … 2026-10
const PERIOD = '2026-09';

let root: string;
const apps = {} as Record<ChainRole, ChainApp>;
const call = callApp;
const fail = failApp;
const bytesOf = (file: { dataBase64: string }) => Buffer.from(file.dataBase64, 'base64');
const csv = (text: string) => ({ fileName: 'planning.csv', dataBase64: Buffer.from(text, 'utf8').toString('base64'), period: PERIOD });

const personId = (app: ChainApp, employeeNo: string) => (app.db.prepare('SELECT id FROM people WHERE employee_no = ?').get(employeeNo) as { id: number }).id;

/** The manager's KPIs of the month for `employeeNo` (the demo records all of them). */
const managerKpis = async (employeeNo: string): Promise<KpiValues> =>
  (await call(apps.manager, 'figures.month', { period: PERIOD })).find((f) => f.personId === personId(apps.manager, employeeNo))!.kpis;

const hrFigures = async (employeeNo: string): Promise<MonthFigures> =>
  (await call(apps.hr, 'figures.month', { period: PERIOD })).find((f) => f.personId === personId(apps.hr, employeeNo))!;

const payRowOf = async (employeeNo: string) => {
  const report = await call(apps.hr, 'reports.pay', { period: PERIOD });
  return { report, row: report.rows.find((r) => r.employeeNo === employeeNo)! };
};

/** The manager marks the sheet ready and exports it signed; planning, the VP and HR approve it in turn. */
async function signedThroughChain(employeeNo: string): Promise<StoredFile> {
  const pid = personId(apps.manager, employeeNo);
  const rec = await call(apps.manager, 'sheets.get', { personId: pid, period: PERIOD });
  if (rec.status !== 'ready') {
    const { items, absences, handIns } = rec.input;
    await call(apps.manager, 'sheets.save', { personId: pid, period: PERIOD, entry: { items, absences, handIns }, status: 'ready', expectedRevision: rec.revision });
  }
  let current: { fileName: string; dataBase64: string } = await call(apps.manager, 'sheets.export', {
    personId: pid,
    period: PERIOD,
    fingerprint: apps.manager.identity.fingerprint,
    passphrase: PASS.manager,
    language: 'zh',
  });
  let last: StoredFile | undefined;
  for (const role of ['planning', 'vp', 'hr'] as const) {
    const app = apps[role];
    const [entry] = await call(app, 'inbox.add', { files: [upload(current.fileName, bytesOf(current))] });
    last = (await call(app, 'inbox.approve', { sha256: entry!.sha256, fingerprint: app.identity.fingerprint, passphrase: PASS[role] })).file;
    current = last;
  }
  return last!;
}

async function hrImport(file: StoredFile) {
  const [outcome] = await call(apps.hr, 'hr.import', { files: [upload(file.fileName, bytesOf(file))] });
  expect(outcome!.outcome, outcome!.message).toBe('imported');
  return outcome!;
}

/** HR's salary total for a person (the sheet never carries one). */
const hrSalary = async (employeeNo: string, salaryTotal: number) =>
  call(apps.hr, 'figures.save', { personId: personId(apps.hr, employeeNo), period: PERIOD, salaryTotal, kpis: {}, expectedRevision: (await hrFigures(employeeNo)).revision });

const audit = (action: string) => apps.hr.db.prepare('SELECT entity_id, before, after FROM audit_log WHERE action = ? ORDER BY id').all(action) as { entity_id: string; before: string | null; after: string }[];

let south: string[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sheet-figures-'));
  await setUpChainApps(apps, root, TODAY);
  const region = (apps.manager.db.prepare("SELECT id FROM regions WHERE code = 'SOUTH'").get() as { id: number }).id;
  await call(apps.manager, 'user.set', { name: NAMES.manager, chainRole: 'manager', regionId: region });
  await call(apps.planning, 'user.set', { name: NAMES.planning, chainRole: 'planning', regionId: null });
  await call(apps.hr, 'user.set', { name: NAMES.hr, chainRole: 'hr', regionId: null });
  south = (apps.manager.db.prepare("SELECT employee_no FROM people WHERE role = 'salesperson' AND region_id = ? ORDER BY employee_no").all(region) as { employee_no: string }[]).map((r) => r.employee_no);
  expect(south.length).toBeGreaterThanOrEqual(4);
}, 60_000);

afterAll(() => tearDownChainApps(apps, root));

describe('the figures a signed sheet carries, at HR', () => {
  it('the signed file carries the KPIs its first app recorded, as numbers, in its data', async () => {
    const [who] = south;
    const file = await signedThroughChain(who!);
    const v = await verifySheetPdf(bytesOf(file), trustedSigners(apps.hr.db));
    expect(v.verdict.ok).toBe(true);
    expect(v.data!.kpis).toEqual(await managerKpis(who!));
    expect(Object.keys(v.data!.kpis!)).toHaveLength(KPIS.length);

    // HR has a salary and no KPI for the person: the sheet's are stored, unconfirmed.
    await hrSalary(who!, 10_000);
    const outcome = await hrImport(file);
    expect(outcome.figures).toEqual({ stored: KPIS.map((k) => k.id), equal: [], conflicts: [] });
    expect(outcome.message).toMatch(/kept 14 figures from the sheet, unconfirmed/);
    const stored = await hrFigures(who!);
    expect(stored.kpis).toEqual(await managerKpis(who!));
    expect(stored.salaryTotal).toBe(10_000);
    expect(Object.values(stored.sources)).toHaveLength(KPIS.length);
    expect(Object.values(stored.sources).every((s) => s.from === 'sheet' && s.file === outcome.sha256 && !s.confirmed)).toBe(true);
    expect(audit('figures.from-sheet').map((a) => a.entity_id)).toEqual([`${who}/${PERIOD}`]);
  }, 60_000);

  it('pay is computed from the sheet’s plan and actual and flagged 待确认; the month lists the unconfirmed figures', async () => {
    const [who] = south;
    const kpis = await managerKpis(who!);
    const { report, row } = await payRowOf(who!);
    expect(row.missing).toEqual([]);
    expect(row.plan).toBe(kpis['plan-quantity']);
    expect(row.actual).toBe(kpis['actual-quantity']);
    const expected = computePay({ salaryTotal: 10_000, plan: kpis['plan-quantity']!, actual: kpis['actual-quantity']!, monthlyScore: row.monthlyScore!, dailyScore: row.dailyScore!, ...DEFAULT_PAY_SETTINGS });
    expect(row.pay).toEqual(expected);
    expect(row.unconfirmed).toEqual(['plan', 'actual']);
    expect(report.unconfirmed).toBe(1);

    const state = await call(apps.hr, 'figures.fromSheets', { period: PERIOD });
    expect(state).toMatchObject({ unconfirmedCount: KPIS.length, conflicts: [] });
    expect(state.unconfirmed).toEqual([{ personId: personId(apps.hr, who!), employeeNo: who, name: row.name, kpis: KPIS.map((k) => k.id) }]);

    // The pay file says so too: a 待确认 column on the row and the count.
    const file = await call(apps.hr, 'reports.file', { report: 'pay', period: PERIOD, format: 'csv', language: 'zh' });
    const text = bytesOf(file).toString('utf8');
    expect(text).toContain('待确认');
    const line = text.split(/\r?\n/).find((l) => l.includes(who!))!;
    expect(line).toContain('计划、实际');
    expect(text.split(/\r?\n/).find((l) => l.startsWith('合计'))).toContain('1人待确认');
    // And the XLSX for payroll, in English: its column (the last but one, before the amendment's), the row's fields and the count on the totals line.
    const xlsx = await call(apps.hr, 'reports.file', { report: 'pay', period: PERIOD, format: 'xlsx', language: 'en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytesOf(xlsx) as unknown as ArrayBuffer);
    const rows = (wb.worksheets[0]!.getSheetValues() as ExcelJS.CellValue[][]).filter(Boolean).map((r) => r.slice(1));
    const header = rows.findIndex((r) => r.includes('Employee no.'));
    const at = rows[header]!.indexOf('Unconfirmed (from the sheet)');
    expect(rows[header]!.slice(at)).toEqual(['Unconfirmed (from the sheet)', 'Score from amendment']);
    expect(rows.find((r) => r[0] === who)![at]).toBe('plan, actual');
    expect(rows.filter((r) => r[at] !== undefined && r[at] !== null && r[0] !== who).map((r) => r[at])).toEqual(['Unconfirmed (from the sheet)', '1 unconfirmed']);
  }, 30_000);

  it('where HR holds another value, HR’s is kept and the difference listed; equal values are not flagged', async () => {
    const [, second, third] = south;
    const k2 = await managerKpis(second!);
    const k3 = await managerKpis(third!);
    // Planning's file: another plan for both, the same actual for the second; another satisfaction for the third.
    const result = await call(
      apps.hr,
      'figures.import',
      csv(`工号,工资总额,销售计划数量,实际销售数量,客户满意度\n${second},9000,${k2['plan-quantity']! + 10},${k2['actual-quantity']},\n${third},8000,${k3['plan-quantity']! + 20},,${k3.satisfaction === 90 ? 91 : 90}\n`),
    );
    expect(result).toEqual({ added: 2, updated: 0, unchanged: 0, fromSheets: 0, conflictsSettled: 0 });

    const o2 = await hrImport(await signedThroughChain(second!));
    expect(o2.figures!.conflicts).toEqual([{ kpi: 'plan-quantity', hrValue: k2['plan-quantity']! + 10, sheetValue: k2['plan-quantity'] }]);
    expect(o2.figures!.equal).toEqual(['actual-quantity']);
    expect(o2.figures!.stored).toEqual(KPIS.map((k) => k.id).filter((id) => id !== 'plan-quantity' && id !== 'actual-quantity'));
    expect(o2.message).toMatch(/1 differs from HR's, kept HR's: plan-quantity HR \d+, sheet \d+/);
    const o3 = await hrImport(await signedThroughChain(third!));
    expect(o3.figures!.conflicts.map((c) => c.kpi)).toEqual(['plan-quantity', 'satisfaction']);

    const f2 = await hrFigures(second!);
    expect(f2.kpis['plan-quantity']).toBe(k2['plan-quantity']! + 10);
    expect(f2.sources['plan-quantity']).toBeUndefined();
    expect(f2.sources['actual-quantity']).toBeUndefined();
    // Pay uses HR's plan and HR's actual: nothing of it unconfirmed.
    const { row } = await payRowOf(second!);
    expect(row).toMatchObject({ plan: k2['plan-quantity']! + 10, actual: k2['actual-quantity'], unconfirmed: [], missing: [] });

    const state = await call(apps.hr, 'figures.fromSheets', { period: PERIOD });
    expect(state.conflicts.map((c) => [c.employeeNo, c.kpi, c.hrValue, c.sheetValue])).toEqual([
      [second, 'plan-quantity', k2['plan-quantity']! + 10, k2['plan-quantity']],
      [third, 'plan-quantity', k3['plan-quantity']! + 20, k3['plan-quantity']],
      [third, 'satisfaction', k3.satisfaction === 90 ? 91 : 90, k3.satisfaction],
    ]);
    expect(state.conflicts[0]!.file).toBe(o2.sha256);
    expect(audit('figures.conflict').map((a) => a.entity_id)).toEqual([`${second}/${PERIOD}`, `${third}/${PERIOD}`]);
  }, 90_000);

  it('a difference is settled either way: keep HR’s (nothing changes) or take the sheet’s (stored, confirmed); audited; a settled one is refused', async () => {
    const [, second, third] = south;
    const k2 = await managerKpis(second!);
    const k3 = await managerKpis(third!);
    const before2 = await hrFigures(second!);
    await call(apps.hr, 'figures.resolveConflict', { personId: personId(apps.hr, second!), period: PERIOD, kpi: 'plan-quantity', keep: 'hr' });
    expect(await hrFigures(second!)).toEqual(before2);

    const taken = await call(apps.hr, 'figures.resolveConflict', { personId: personId(apps.hr, third!), period: PERIOD, kpi: 'plan-quantity', keep: 'sheet' });
    expect(taken.kpis['plan-quantity']).toBe(k3['plan-quantity']);
    expect(taken.sources['plan-quantity']).toMatchObject({ from: 'sheet', confirmed: true });
    const { row } = await payRowOf(third!);
    // The plan now confirmed; the actual (planning's file had none) still the sheet's, unconfirmed.
    expect(row).toMatchObject({ plan: k3['plan-quantity'], actual: k3['actual-quantity'], unconfirmed: ['actual'] });

    const state = await call(apps.hr, 'figures.fromSheets', { period: PERIOD });
    expect(state.conflicts.map((c) => [c.employeeNo, c.kpi])).toEqual([[third, 'satisfaction']]);
    expect(audit('figures.conflict-resolve').map((a) => [a.entity_id, JSON.parse(a.after)])).toEqual([
      [`${second}/${PERIOD}`, { kept: 'hr', value: k2['plan-quantity']! + 10 }],
      [`${third}/${PERIOD}`, { kept: 'sheet', value: k3['plan-quantity'] }],
    ]);

    const again = await fail(apps.hr, 'figures.resolveConflict', { personId: personId(apps.hr, second!), period: PERIOD, kpi: 'plan-quantity', keep: 'sheet' });
    expect(again.refusal).toEqual({ code: 'figure-conflict-settled', name: (await payRowOf(second!)).row.name, period: PERIOD, kpi: 'plan-quantity' });
    expect((await hrFigures(second!)).kpis['plan-quantity']).toBe(k2['plan-quantity']! + 10);
    expect((await fail(apps.hr, 'figures.resolveConflict', { personId: personId(apps.hr, second!), period: PERIOD, kpi: 'no-such', keep: 'hr' })).problems).toMatchObject([{ field: 'kpi', value: 'no-such' }]);
  }, 30_000);

  it('confirming in bulk clears the flags: the people named first, then the whole month; audited once per call', async () => {
    const [first, second] = south;
    const bad = await fail(apps.hr, 'figures.confirm', { period: PERIOD, personIds: [personId(apps.hr, first!), 999_999] });
    expect(bad.problems).toMatchObject([{ field: 'personIds[1]', value: 999_999 }]);
    expect((await call(apps.hr, 'figures.fromSheets', { period: PERIOD })).unconfirmed.map((u) => u.employeeNo)).toContain(first);

    const before = await call(apps.hr, 'figures.fromSheets', { period: PERIOD });
    expect(await call(apps.hr, 'figures.confirm', { period: PERIOD, personIds: [personId(apps.hr, first!)] })).toEqual({ confirmed: KPIS.length, people: 1 });
    const after = await call(apps.hr, 'figures.fromSheets', { period: PERIOD });
    expect(after.unconfirmedCount).toBe(before.unconfirmedCount - KPIS.length);
    expect(after.unconfirmed.map((u) => u.employeeNo)).not.toContain(first);
    const { row, report } = await payRowOf(first!);
    expect(row.unconfirmed).toEqual([]);
    expect(row.pay).not.toBeNull();
    expect(report.unconfirmed).toBe(report.rows.filter((r) => r.unconfirmed.length > 0).length);
    expect(report.rows.filter((r) => r.unconfirmed.length > 0).map((r) => r.employeeNo)).not.toContain(first);
    expect(Object.values((await hrFigures(first!)).sources).every((s) => s.confirmed)).toBe(true);

    const rest = await call(apps.hr, 'figures.confirm', { period: PERIOD });
    expect(rest).toEqual({ confirmed: after.unconfirmedCount, people: after.unconfirmed.length });
    expect(after.unconfirmed.map((u) => u.employeeNo)).toContain(second);
    expect(await call(apps.hr, 'figures.fromSheets', { period: PERIOD })).toMatchObject({ unconfirmed: [], unconfirmedCount: 0 });
    expect((await payRowOf(first!)).report.unconfirmed).toBe(0);
    expect(await call(apps.hr, 'figures.confirm', { period: PERIOD })).toEqual({ confirmed: 0, people: 0 });
    const entries = audit('figures.confirm');
    expect(entries.map((a) => a.entity_id)).toEqual([PERIOD, PERIOD]);
    expect(JSON.parse(entries[0]!.after)).toEqual({ confirmed: KPIS.length, people: [{ employeeNo: first, kpis: KPIS.map((k) => k.id) }] });
  }, 30_000);

  it('a later figures file replaces an unconfirmed sheet figure (it is the authority) and settles a listed difference, and says so', async () => {
    const [, , third, fourth] = south;
    const k4 = await managerKpis(fourth!);
    await hrSalary(fourth!, 7_000);
    await hrImport(await signedThroughChain(fourth!));
    expect((await payRowOf(fourth!)).row.unconfirmed).toEqual(['plan', 'actual']);

    // Another plan, the same actual (now planning's), and a satisfaction for the third (its listed difference).
    // Through the command line (`scorecard figures import`), on HR's database file: the same service, and it says so.
    const path = join(apps.hr.dir, 'planning.csv');
    writeFileSync(path, `工号,销售计划数量,实际销售数量,客户满意度\n${fourth},${k4['plan-quantity']! + 5},${k4['actual-quantity']},\n${third},,,88\n`);
    const run = spawnSync(process.execPath, [join('electron', 'cli', 'bin.mjs'), 'figures', 'import', '--db', join(apps.hr.dir, 'scorecard.db'), '--month', PERIOD, path], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, SCORECARD_DEBUG: '' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('written: 0 added, 2 updated, 0 unchanged');
    expect(run.stdout).toContain('from signed sheets: 2 unconfirmed figures replaced by the file, 1 difference settled');
    expect(audit('figures.import').map((a) => a.entity_id)).toEqual(expect.arrayContaining([`${fourth}/${PERIOD}`, `${third}/${PERIOD}`]));
    const f4 = await hrFigures(fourth!);
    expect(f4.kpis['plan-quantity']).toBe(k4['plan-quantity']! + 5);
    expect(f4.kpis['actual-quantity']).toBe(k4['actual-quantity']);
    expect(f4.sources['plan-quantity']).toBeUndefined();
    expect(f4.sources['actual-quantity']).toBeUndefined();
    expect(f4.sources.satisfaction).toMatchObject({ confirmed: false }); // not in the file: still the sheet's
    expect((await payRowOf(fourth!)).row).toMatchObject({ plan: k4['plan-quantity']! + 5, unconfirmed: [] });
    const state = await call(apps.hr, 'figures.fromSheets', { period: PERIOD });
    expect(state.conflicts).toEqual([]);
    expect(state.unconfirmed.find((u) => u.employeeNo === fourth)!.kpis).not.toContain('plan-quantity');
  }, 60_000);
});
